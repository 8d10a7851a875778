// Measures a terminal's first catalog load on Node: a synthetic base serves N products in pages and
// the real engine (validation, SQLite store, barcode index, checksums) stores them. For scripts/bench.
import { statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import {
  type CatalogChange,
  type PullRequest,
  PullRequestSchema,
  type PullResponse,
} from '@shelfsync/protocol';
import type { DeviceTransport } from '@shelfsync/terminal-core';
import { openNodeTerminal } from './open-node-terminal.js';

export interface InitialPullFigures {
  products: number;
  barcodes: number;
  ms: number;
  rowsPerSecond: number;
  cpuMs: number;
  dbBytes: number;
  lookupMs: number;
}

const AT = '2026-11-25T00:00:00.000Z';

function productChange(i: number): CatalogChange {
  const id = `P${String(i).padStart(8, '0')}`;
  const ean = String(4_600_000_000_000 + i);
  const packings = i % 2 ? [{ id: `${id}-box`, name: 'Box of 12', factor: 12, barcodes: [`1${ean}`] }] : [];
  const row = {
    id,
    name: `Product ${i}, 1 l`,
    sku: `SKU-${i}`,
    unit: 'pcs',
    barcodes: [ean],
    packings,
    price: 99.9,
  };
  return { op: 'put', table: 'products', id, seq: i + 1, row };
}

/** A base that holds `products` products and nothing else. */
function syntheticBase(products: number): DeviceTransport {
  return {
    enroll: async () => ({ deviceId: 'bench', token: 'bench', baseId: 'bench' }),
    hello: async () => ({
      protocolVersion: 1,
      server: { protocolVersion: 1, minProtocolVersion: 1, version: 'bench' },
      baseId: 'bench',
      deviceId: 'bench',
      serverTime: AT,
      lastMutation: 0,
      config: { version: 'bench', documentTypes: [...DEFAULT_DOCUMENT_TYPES] },
    }),
    push: async () => ({ results: [], lastMutation: 0 }),
    pull: async (request: PullRequest): Promise<PullResponse> => {
      const { catalogCursor, limit } = PullRequestSchema.parse(request);
      const end = Math.min(products, catalogCursor + limit);
      const changes: CatalogChange[] = [];
      for (let i = catalogCursor; i < end; i++) changes.push(productChange(i));
      return {
        catalog: { changes, cursor: end, hasMore: end < products },
        documents: { items: [], revoked: [], cursor: 0, hasMore: false },
        serverTime: AT,
      };
    },
  };
}

/** Loads `products` products into a fresh terminal in `dir` and reports the rate. */
export async function benchInitialPull(
  dir: string,
  products: number,
  pageSize = 2000,
): Promise<InitialPullFigures> {
  const base = syntheticBase(products);
  const terminal = await openNodeTerminal(dir, { transportFor: () => base, pullLimit: pageSize });
  try {
    await terminal.enroll(['http://bench.invalid'], 'bench');
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await terminal.sync();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const l0 = performance.now();
    for (let i = 0; i < 1000; i++) await terminal.lookup(String(4_600_000_000_000 + ((i * 7919) % products)));
    const lookupMs = (performance.now() - l0) / 1000;
    const dbBytes = ['', '-wal'].reduce((sum, suffix) => {
      try {
        return sum + statSync(path.join(dir, `terminal.db${suffix}`)).size;
      } catch {
        return sum;
      }
    }, 0);
    return {
      products,
      barcodes: products + Math.floor(products / 2),
      ms,
      rowsPerSecond: products / (ms / 1000),
      cpuMs: (cpu.user + cpu.system) / 1000,
      dbBytes,
      lookupMs,
    };
  } finally {
    await terminal.close();
  }
}
