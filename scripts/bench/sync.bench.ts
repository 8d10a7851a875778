// Sync benchmarks (issue 2): initial pull of 100,000 products into the Node virtual terminal, a delta
// pull of 1,000 changes, and a push of 1,000 completed documents of 20 lines each. A real server on
// loopback (in this process) and a real SQLite terminal; the figures include HTTP and JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openServer } from '@shelfsync/server';
import { openNodeTerminal } from '@shelfsync/terminal-node';
import { report, timed } from './report.js';

const PRODUCTS = Number(process.env.SHELFSYNC_BENCH_PRODUCTS ?? 100_000);
const DOCS = Number(process.env.SHELFSYNC_BENCH_DOCS ?? 1_000);
const LINES = 20;

function product(i: number, suffix = '') {
  const id = `B${String(i).padStart(7, '0')}`;
  return {
    id,
    name: `Bench product ${i}${suffix}`,
    sku: `SKU${i}`,
    unit: 'pcs',
    barcodes: [`2${String(i).padStart(12, '0')}`],
    packings: [
      { id: `${id}-box`, name: 'Box of 12', factor: 12, barcodes: [`1${String(i).padStart(13, '0')}`] },
    ],
  };
}

async function upload(url: string, key: string, from: number, to: number, suffix = ''): Promise<void> {
  const lines: string[] = [];
  for (let i = from; i <= to; i++) lines.push(JSON.stringify(product(i, suffix)));
  const res = await fetch(`${url}/api/v1/catalog/products`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
    body: lines.join('\n'),
  });
  if (!res.ok) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
}

async function post(url: string, key: string, p: string, body: unknown): Promise<void> {
  const res = await fetch(`${url}${p}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${p} failed: ${res.status} ${await res.text()}`);
}

export default async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shelfsync-bench-sync-'));
  const server = await openServer({
    dataDir: path.join(dir, 'server'),
    port: 0,
    apiKey: 'bench-key',
    logger: false,
  });
  const { url, apiKey } = server;
  try {
    await upload(url, apiKey, 1, PRODUCTS);
    const enrollment = await (await import('@shelfsync/server')).createEnrollmentCode(server.store);
    const terminal = await openNodeTerminal(path.join(dir, 'terminal'));
    await terminal.enroll([url], enrollment.code, 'bench');

    const initial = await timed(() => terminal.sync());
    report(
      `initial pull of ${PRODUCTS.toLocaleString('en-US')} products`,
      PRODUCTS / (initial.ms / 1000),
      'rows/s',
      `${(initial.ms / 1000).toFixed(2)} s, ${initial.value.pulledChanges} changes`,
    );

    await upload(url, apiKey, 1, 1_000, ' v2');
    const delta = await timed(() => terminal.sync());
    report('delta pull of 1,000 changes', delta.ms, 'ms', `${delta.value.pulledChanges} changes`);

    await pushDocuments(terminal, url, apiKey);
    await terminal.close();
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pushDocuments(
  terminal: Awaited<ReturnType<typeof openNodeTerminal>>,
  url: string,
  key: string,
) {
  for (let start = 0; start < DOCS; start += 200) {
    const batch = [];
    for (let d = start; d < Math.min(DOCS, start + 200); d++) {
      const lines = Array.from({ length: LINES }, (_, l) => ({
        productId: product(d * LINES + l + 1).id,
        qty: 1,
      }));
      batch.push({ id: `BENCH-${d}`, type: 'receipt', lines });
    }
    await post(url, key, '/api/v1/documents', batch);
  }
  await terminal.sync();
  for (let d = 0; d < DOCS; d++) {
    for (let l = 0; l < LINES; l++) {
      const outcome = await terminal.scan(`BENCH-${d}`, { barcode: product(d * LINES + l + 1).barcodes[0]! });
      if (!outcome.ok) throw new Error(`scan refused: ${outcome.code}`);
    }
    await terminal.complete(`BENCH-${d}`);
  }
  const pending = (await terminal.store.outboxState()).pending;
  const push = await timed(() => terminal.sync());
  const listed = await fetch(`${url}/api/v1/documents?status=completed&limit=1000`, {
    headers: { authorization: `Bearer ${key}` },
  });
  const completed = ((await listed.json()) as { items: { facts: unknown[] }[] }).items;
  const facts = completed.reduce((n, d) => n + d.facts.length, 0);
  if (completed.length !== Math.min(DOCS, 1000) || facts !== completed.length * LINES) {
    throw new Error(`push check failed: ${completed.length} completed documents with ${facts} facts`);
  }
  report(
    `push of ${DOCS.toLocaleString('en-US')} completed documents × ${LINES} lines`,
    DOCS / (push.ms / 1000),
    'documents/s',
    `${pending.toLocaleString('en-US')} mutations in ${(push.ms / 1000).toFixed(2)} s`,
  );
}
