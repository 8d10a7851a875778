// Builds the terminal from a storage adapter: engine, exchange monitor and sync loop. The only place
// that knows which adapter is used is the caller, so swapping memory for IndexedDB is one line.
import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import type { DocumentType } from '@shelfsync/protocol';
import { TerminalEngine, type TerminalStore } from '@shelfsync/terminal-core';
import { browserFetch, browserTimers, randomId } from './browser-platform.js';
import { ExchangeMonitor } from './exchange-monitor.js';

export const APP_VERSION = '0.1.0';

export interface Terminal {
  engine: TerminalEngine;
  store: TerminalStore;
  exchange: ExchangeMonitor;
  /** The store keeps nothing across a reload (no IndexedDB here): the main screen warns. */
  volatile: boolean;
  documentTypes(): Promise<readonly DocumentType[]>;
}

/** Storage used and free, for the base's device registry. */
async function storageEstimate(): Promise<{ used: number; free: number } | undefined> {
  const e = await navigator.storage?.estimate().catch(() => undefined);
  if (e?.quota === undefined || e.usage === undefined) return undefined;
  return { used: e.usage, free: Math.max(0, e.quota - e.usage) };
}

export function createTerminal(store: TerminalStore, opts: { volatile?: boolean } = {}): Terminal {
  let exchange: ExchangeMonitor | undefined;
  // The unsent count follows every recorded change, and the work goes out soon after.
  const onRecorded = () => exchange?.noteLocalChange();
  const engine = new TerminalEngine({
    store,
    fetch: browserFetch,
    timers: browserTimers,
    randomId,
    newAbort: () => new AbortController(),
    appVersion: APP_VERSION,
    platform: navigator.userAgent.slice(0, 200),
    onRecorded,
    storageEstimate,
  });
  exchange = new ExchangeMonitor(engine);
  return {
    engine,
    store,
    exchange,
    volatile: opts.volatile ?? false,
    documentTypes: async () => (await store.getMeta('config'))?.documentTypes ?? DEFAULT_DOCUMENT_TYPES,
  };
}
