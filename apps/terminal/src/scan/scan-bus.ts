// Routes scans from every source (keyboard-wedge scanner, camera, a code typed by hand) to the one
// screen that currently listens. The newest subscriber wins, so a dialog can take scans over.

export type ScanSource = 'wedge' | 'camera' | 'manual';
export type ScanHandler = (code: string, source: ScanSource) => void;

const handlers: ScanHandler[] = [];
/** A screen that takes no scans still answers one, so the operator knows it was not recorded. */
let unhandled: ScanHandler = () => {};

export function onUnhandledScan(handler: ScanHandler): void {
  unhandled = handler;
}

export function subscribeScans(handler: ScanHandler): () => void {
  handlers.push(handler);
  return () => {
    const i = handlers.lastIndexOf(handler);
    if (i >= 0) handlers.splice(i, 1);
  };
}

export function emitScan(code: string, source: ScanSource): void {
  const text = code.trim();
  if (text === '') return;
  (handlers.at(-1) ?? unhandled)(text, source);
}
