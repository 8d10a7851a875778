// The browser's globals in the shapes the engine asks for (terminal-core declares them itself so it
// stays free of DOM types).
import type { FetchLike, Timers } from '@shelfsync/terminal-core';

export const browserFetch: FetchLike = (url, init) => fetch(url, init as RequestInit);

export const browserTimers: Timers = {
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

/** crypto.randomUUID exists only in secure contexts; a plain-HTTP page on the LAN still needs ids. */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
