// The background exchange follows the base's syncIntervalSeconds without a reload. The engine is a
// stand-in over a real memory store: the monitor only asks it for status, an exchange and the
// configuration in force; the browser's window and navigator are the few members the monitor uses.
import {
  MemoryTerminalStore,
  type SyncSummary,
  type TerminalConfig,
  type TerminalEngine,
  type TerminalStatus,
} from '@shelfsync/terminal-core';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { ExchangeMonitor } from './exchange-monitor.js';

function config(version: string, syncIntervalSeconds: number): TerminalConfig {
  return { version, documentTypes: [], settings: { sound: true, syncIntervalSeconds } };
}

/** An exchange that sent and received nothing but, perhaps, a configuration. */
const QUIET_EXCHANGE = {
  pushed: 0,
  duplicates: 0,
  rejected: [],
  stalled: false,
  pulledChanges: 0,
  pulledDocuments: 0,
  revoked: 0,
  revocations: [],
  pages: 1,
  refetched: [],
  checksumMismatch: [],
  pending: 0,
  complete: true,
} satisfies Omit<SyncSummary, 'at' | 'configChanged'>;

class StandInEngine {
  readonly store = new MemoryTerminalStore();
  syncs = 0;
  /** What the next exchange brings from the base and puts in force. */
  incoming: TerminalConfig | undefined;

  async status(): Promise<TerminalStatus> {
    return {
      enrolled: true,
      urls: ['http://base'],
      pending: 0,
      rejections: 0,
      catalogCursor: 0,
      docCursor: 0,
    };
  }

  async sync(): Promise<SyncSummary> {
    this.syncs += 1;
    const incoming = this.incoming;
    this.incoming = undefined;
    if (incoming) await this.store.setMeta('config', incoming);
    return { ...QUIET_EXCHANGE, at: new Date().toISOString(), configChanged: incoming !== undefined };
  }
}

let engine: StandInEngine;
let monitor: ExchangeMonitor;

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('window', {
    addEventListener: () => {},
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (handle: ReturnType<typeof setTimeout>) => clearTimeout(handle),
  });
  engine = new StandInEngine();
  monitor = new ExchangeMonitor(engine as unknown as TerminalEngine);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Lets the exchange in progress finish without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

test('the next exchange waits the interval of the configuration the last one put in force', async () => {
  engine.incoming = config('cfg-1', 30);
  await monitor.start();
  await settle();
  expect(engine.syncs).toBe(1);
  expect(monitor.state.settings?.syncIntervalSeconds).toBe(30);
  await vi.advanceTimersByTimeAsync(29_000);
  expect(engine.syncs).toBe(1);
  await vi.advanceTimersByTimeAsync(1_000);
  expect(engine.syncs).toBe(2);
});

test('without a configuration in force the exchange runs every 60 s', async () => {
  await monitor.start();
  await settle();
  await vi.advanceTimersByTimeAsync(59_000);
  expect(engine.syncs).toBe(1);
  await vi.advanceTimersByTimeAsync(1_000);
  expect(engine.syncs).toBe(2);
});

test('a configuration applied on the main screen restarts the wait with its interval', async () => {
  await engine.store.setMeta('config', config('cfg-1', 3_600));
  await monitor.start();
  await settle();
  expect(engine.syncs).toBe(1);

  // What applyPendingConfig does, then the refresh the main screen asks for.
  await engine.store.setMeta('config', config('cfg-2', 10));
  await monitor.refresh();
  await settle();
  expect(engine.syncs).toBe(2);
  await vi.advanceTimersByTimeAsync(10_000);
  expect(engine.syncs).toBe(3);
});

test('a refresh with the same configuration in force neither exchanges nor changes the settings', async () => {
  await engine.store.setMeta('config', config('cfg-1', 30));
  await monitor.start();
  await settle();
  const settings = monitor.state.settings;
  await monitor.refresh();
  await settle();
  expect(engine.syncs).toBe(1);
  expect(monitor.state.settings).toBe(settings);
});
