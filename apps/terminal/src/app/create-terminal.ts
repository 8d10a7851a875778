// Builds the terminal from a storage adapter: engine, exchange monitor and sync loop. The only place
// that knows which adapter is used is the caller, so swapping memory for IndexedDB is one line.
import { webBundleCrypto } from '@shelfsync/bundle';
import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import type { DocumentType } from '@shelfsync/protocol';
import { TerminalEngine, type TerminalStore } from '@shelfsync/terminal-core';
import { runningAppVersion } from './app-version.js';
import { browserFetch, browserTimers, randomId } from './browser-platform.js';
import { ExchangeMonitor } from './exchange-monitor.js';
import { type LastAnswer, recordingFetch } from './last-answer.js';

export const APP_VERSION = runningAppVersion();

export interface Terminal {
  engine: TerminalEngine;
  store: TerminalStore;
  exchange: ExchangeMonitor;
  /** The store keeps nothing across a reload (no IndexedDB here): the main screen warns. */
  volatile: boolean;
  documentTypes(): Promise<readonly DocumentType[]>;
  /** The server URL that answered last (Wi-Fi or the cable), for Settings. */
  lastAnswer(): LastAnswer | undefined;
}

const LAST_ANSWER_KEY = 'shelfsync.lastAnswer';

function loadLastAnswer(): LastAnswer | undefined {
  try {
    const v = JSON.parse(localStorage.getItem(LAST_ANSWER_KEY) ?? 'null') as Partial<LastAnswer> | null;
    return typeof v?.url === 'string' && typeof v.at === 'string' ? { url: v.url, at: v.at } : undefined;
  } catch {
    return undefined;
  }
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
  let lastAnswer = loadLastAnswer();
  const fetch = recordingFetch(browserFetch, (answer) => {
    lastAnswer = answer;
    try {
      localStorage.setItem(LAST_ANSWER_KEY, JSON.stringify(answer));
    } catch {
      // a preference not worth failing an exchange for
    }
  });
  const engine = new TerminalEngine({
    store,
    fetch,
    timers: browserTimers,
    randomId,
    newAbort: () => new AbortController(),
    appVersion: APP_VERSION,
    platform: navigator.userAgent.slice(0, 200),
    onRecorded,
    storageEstimate,
    // Exchange by bundle files (RDP relay): WebCrypto Ed25519 and CompressionStream.
    bundleCrypto: webBundleCrypto(),
  });
  exchange = new ExchangeMonitor(engine);
  return {
    engine,
    store,
    exchange,
    volatile: opts.volatile ?? false,
    lastAnswer: () => lastAnswer,
    documentTypes: async () => (await store.getMeta('config'))?.documentTypes ?? DEFAULT_DOCUMENT_TYPES,
  };
}
