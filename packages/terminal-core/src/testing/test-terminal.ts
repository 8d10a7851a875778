// Builds an engine wired to a TestDeviceApi and a memory store, with a small catalog and documents.
import type { Document, Product } from '@shelfsync/protocol';
import { MemoryTerminalStore } from '../memory-terminal-store.js';
import type { FetchLike } from '../platform.js';
import { TerminalEngine, type TerminalEngineOptions } from '../terminal-engine.js';
import type { TerminalStore } from '../terminal-store.js';
import { ManualTimers } from './manual-timers.js';
import { TEST_BASE_URL, TestDeviceApi } from './test-device-api.js';

export const milk: Product = {
  id: 'milk',
  name: 'Milk 1 l',
  barcodes: ['4600000000015'],
  packings: [{ id: 'milk-box', name: 'Box of 12', factor: 12, barcodes: ['14600000000012'] }],
};
export const bread: Product = { id: 'bread', name: 'Bread', barcodes: ['4600000000022'], packings: [] };

export function receipt(id: string, changes: Partial<Document> = {}): Omit<Document, 'rev'> {
  return {
    id,
    type: 'receipt',
    status: 'new',
    origin: 'accounting',
    lines: [{ id: `${id}-L1`, productId: 'milk', qty: 24 }],
    facts: [],
    ...changes,
  };
}

export interface TestTerminal {
  api: TestDeviceApi;
  engine: TerminalEngine;
  store: TerminalStore;
  timers: ManualTimers;
}

export function testTerminal(
  options: {
    api?: TestDeviceApi;
    store?: TerminalStore;
    fetch?: FetchLike;
  } & Partial<TerminalEngineOptions> = {},
): TestTerminal {
  const api = options.api ?? new TestDeviceApi();
  const store = options.store ?? new MemoryTerminalStore();
  const timers = new ManualTimers();
  let ids = 0;
  const engine = new TerminalEngine({
    fetch: api.fetchAt(TEST_BASE_URL),
    timers,
    randomId: () => `fact-${++ids}`,
    now: () => new Date('2026-11-25T10:00:00.000Z'),
    ...options,
    store,
  });
  return { api, engine, store, timers };
}

/** An enrolled terminal that has pulled milk, bread, cell A-01 and receipt r1. */
export async function syncedTerminal(
  options: Parameters<typeof testTerminal>[0] = {},
): Promise<TestTerminal> {
  const t = testTerminal(options);
  t.api.putRow('products', milk);
  t.api.putRow('products', bread);
  t.api.putRow('cells', { id: 'A-01', name: 'A-01', barcodes: ['CELL-A01'] });
  t.api.putDocument(receipt('r1'));
  await t.engine.enroll([TEST_BASE_URL], 'CODE-1', 'test');
  await t.engine.sync();
  return t;
}
