// Lets a screen receive scans while it is shown; the latest handler is used without resubscribing.
import { useEffect, useRef } from 'preact/hooks';
import { type ScanHandler, subscribeScans } from './scan-bus.js';

export function useScans(handler: ScanHandler): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => subscribeScans((code, source) => ref.current(code, source)), []);
}
