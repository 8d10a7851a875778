// Issue 8 acceptance with whole processes: three virtual terminals on one server share an inventory,
// hand an exclusive document over without losing a scan, claim a task by its pallet label, give one
// back, and report scans made into a cancelled document to the accounting side.
import { beforeAll, expect, test } from 'vitest';
import { e2eProductId, e2eUnitBarcode, productsNdjson } from '../src/testing/fixtures.js';
import { accounting, cli, runCli } from '../src/testing/harness.js';
import { loopbackFixture } from '../src/testing/loopback-fixture.js';
import {
  type DocJson,
  docs,
  linesByDevice,
  scan,
  sync,
  totals,
  type VirtualTerminal,
} from '../src/testing/terminals.js';

const e2e = loopbackFixture('assign');
let acc: ReturnType<typeof accounting>;
const terminals: VirtualTerminal[] = [];
let names: Record<string, string> = {};

const T = (i: number): VirtualTerminal => {
  const t = terminals[i];
  if (!t) throw new Error(`no terminal ${i}`);
  return t;
};

beforeAll(async () => {
  const server = await e2e.startServer();
  acc = accounting(server.url, server.apiKey);
  await acc.call('PUT', '/api/v1/catalog/products', productsNdjson(1, 5), 'application/x-ndjson');
  const cells = [
    { id: 'C-A', name: 'Cell A', barcodes: ['CELL-A'] },
    { id: 'C-B', name: 'Cell B', barcodes: ['CELL-B'] },
  ];
  await acc.call(
    'PUT',
    '/api/v1/catalog/cells',
    cells.map((c) => JSON.stringify(c)).join('\n'),
    'application/x-ndjson',
  );
  for (const name of ['t1', 't2', 't3']) terminals.push(await e2e.enrollTerminal(server, name));
  names = Object.fromEntries(terminals.map((t) => [t.deviceId, t.name]));
});

async function serverDoc(id: string): Promise<DocJson> {
  const res = await acc.call('GET', `/api/v1/documents/${id}`);
  expect(res.status).toBe(200);
  return res.body as unknown as DocJson;
}

async function localDoc(t: VirtualTerminal, id: string): Promise<DocJson | undefined> {
  return (await docs(t)).find((d) => d.id === id);
}

const P = (i: number) => e2eUnitBarcode(i);

/** The same offline count by two terminals into one inventory. */
async function countOffline(doc: string): Promise<void> {
  await scan(T(0), doc, P(1), 'CELL-A');
  await scan(T(0), doc, P(1), 'CELL-A');
  await scan(T(0), doc, P(2), 'CELL-B');
  await scan(T(1), doc, P(1), 'CELL-A');
  await scan(T(1), doc, P(3), 'CELL-B');
}

test('two terminals count one inventory offline; either sync order gives the same merged count', async () => {
  const lines = [
    { productId: e2eProductId(1), qty: 3 },
    { productId: e2eProductId(2), qty: 1 },
  ];
  await acc.call('POST', '/api/v1/documents', [
    { id: 'INV-1', type: 'inventory', number: 'ИНВ-1', lines },
    { id: 'INV-2', type: 'inventory', number: 'ИНВ-2', lines },
  ]);
  for (const t of terminals) await sync(t);

  await countOffline('INV-1');
  for (const t of [T(0), T(1), T(0), T(2)]) await sync(t); // t1 first
  await countOffline('INV-2');
  for (const t of [T(1), T(0), T(1), T(2)]) await sync(t); // t2 first

  const [inv1, inv2] = [await serverDoc('INV-1'), await serverDoc('INV-2')];
  const expected = {
    [`${e2eProductId(1)}@C-A`]: 3,
    [`${e2eProductId(2)}@C-B`]: 1,
    [`${e2eProductId(3)}@C-B`]: 1,
  };
  expect(totals(inv1.facts)).toEqual(expected);
  expect(totals(inv2.facts)).toEqual(expected);
  expect(linesByDevice(inv1.facts, names)).toEqual(linesByDevice(inv2.facts, names));
  expect(linesByDevice(inv1.facts, names).filter((l) => l.startsWith('t1:'))).toHaveLength(3);
  // Every terminal, the one that never scanned included, sees the merged progress after it syncs.
  for (const t of [T(0), T(1), T(2)]) {
    for (const id of ['INV-1', 'INV-2'])
      expect(totals((await localDoc(t, id))?.facts ?? [])).toEqual(expected);
  }

  // t1 finishes INV-1 while t2 still holds one more unsent scan: the scan is kept, and the document
  // is listed again for the accounting side with it.
  await scan(T(1), 'INV-1', P(5), 'CELL-A');
  await cli(['terminal', 'complete', '--state', T(0).state, '--doc', 'INV-1']);
  await sync(T(0));
  const first = await acc.call('GET', '/api/v1/documents?status=completed&after=0');
  expect((first.body['items'] as DocJson[]).find((d) => d.id === 'INV-1')?.facts).toHaveLength(5);
  const t2 = await sync(T(1));
  expect(t2).toMatchObject({ pending: 0, rejected: [] });
  expect(t2.revocations).toContainEqual({ id: 'INV-1', reason: 'completed by another device' });
  const again = await acc.call('GET', `/api/v1/documents?status=completed&after=${first.body['next']}`);
  expect((again.body['items'] as DocJson[]).map((d) => [d.id, d.facts.length])).toEqual([['INV-1', 6]]);
}, 150_000);

test('an exclusive document taken over from one terminal to another loses no scan', async () => {
  await acc.call('POST', '/api/v1/documents', {
    id: 'R-1',
    type: 'receipt',
    lines: [{ productId: e2eProductId(4), qty: 10 }],
  });
  for (const t of terminals) await sync(t);
  await scan(T(0), 'R-1', P(4));
  await sync(T(0));
  const leases = await acc.call('GET', '/api/v1/leases');
  expect(leases.body['items']).toContainEqual(
    expect.objectContaining({ docId: 'R-1', deviceId: T(0).deviceId, facts: 1 }),
  );
  // t1 goes on scanning offline, not knowing the admin hands the receipt to t2.
  await scan(T(0), 'R-1', P(4));
  await scan(T(0), 'R-1', P(4));
  const moved = await acc.call('POST', '/api/v1/documents/R-1/reassign', { deviceId: T(1).deviceId });
  expect(moved.body).toMatchObject({ deviceId: T(1).deviceId });
  await sync(T(1));
  expect((await localDoc(T(1), 'R-1'))?.facts).toHaveLength(1);

  const t1 = await sync(T(0));
  expect(t1).toMatchObject({ pending: 0, rejected: [] });
  expect(t1.revocations).toContainEqual({ id: 'R-1', reason: 'taken over' });
  expect(await localDoc(T(0), 'R-1')).toBeUndefined();
  // t3 never holds it; t2 gets t1's late scans, adds its own and finishes.
  await sync(T(2));
  expect(await localDoc(T(2), 'R-1')).toBeUndefined();
  await sync(T(1));
  expect((await localDoc(T(1), 'R-1'))?.facts).toHaveLength(3);
  await scan(T(1), 'R-1', P(4));
  await cli(['terminal', 'complete', '--state', T(1).state, '--doc', 'R-1']);
  await sync(T(1));
  const done = await serverDoc('R-1');
  expect(done.status).toBe('completed');
  expect(linesByDevice(done.facts, names)).toEqual([
    `t1:${e2eProductId(4)}@-×1`,
    `t1:${e2eProductId(4)}@-×1`,
    `t1:${e2eProductId(4)}@-×1`,
    `t2:${e2eProductId(4)}@-×1`,
  ]);
}, 120_000);

test('a pallet label claims its placement task; a given-back task goes to the next terminal', async () => {
  await acc.call('POST', '/api/v1/documents', {
    id: 'PL-1',
    type: 'move',
    barcode: 'PALLET-0001',
    lines: [{ productId: e2eProductId(5), qty: 1 }],
  });
  const claimed = JSON.parse(
    await cli(['terminal', 'claim', '--state', T(1).state, '--barcode', 'PALLET-0001', '--json']),
  ) as DocJson;
  expect(claimed).toMatchObject({ id: 'PL-1', status: 'taken' });
  expect(await localDoc(T(1), 'PL-1')).toBeDefined();
  await sync(T(2));
  expect(await localDoc(T(2), 'PL-1')).toBeUndefined();
  const refused = await runCli(['terminal', 'claim', '--state', T(2).state, '--barcode', 'PALLET-0001']);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toContain('DOC_TAKEN');

  await cli(['terminal', 'release', '--state', T(1).state, '--doc', 'PL-1', '--reason', 'pallet damaged']);
  await sync(T(1));
  expect((await serverDoc('PL-1')).status).toBe('released');
  await cli(['terminal', 'claim', '--state', T(2).state, '--barcode', 'PALLET-0001']);
  expect(await localDoc(T(2), 'PL-1')).toMatchObject({ status: 'taken' });
  expect((await acc.call('GET', '/api/v1/leases')).body['items']).toContainEqual(
    expect.objectContaining({ docId: 'PL-1', deviceId: T(2).deviceId }),
  );
}, 120_000);

test('a cancelled document that already had scans is reported to the accounting side with them', async () => {
  await acc.call('POST', '/api/v1/documents', {
    id: 'R-2',
    type: 'receipt',
    lines: [{ productId: e2eProductId(2), qty: 5 }],
  });
  await sync(T(2));
  await scan(T(2), 'R-2', P(2));
  await scan(T(2), 'R-2', P(2));
  // The accounting system withdraws the order while t3 is offline with two scans.
  await acc.call('POST', '/api/v1/documents/R-2/cancel', { reason: 'order withdrawn' });
  const t3 = await sync(T(2));
  // Only the start is refused (the terminal learns of the cancellation); both scans are accepted.
  expect(t3.pending).toBe(0);
  expect(t3.rejected).toEqual([
    expect.objectContaining({
      code: 'DOC_CANCELLED',
      mutation: expect.objectContaining({ kind: 'doc.start' }),
    }),
  ]);
  expect(t3.revocations).toContainEqual({ id: 'R-2', reason: 'order withdrawn' });
  expect(await localDoc(T(2), 'R-2')).toBeUndefined();

  const listed = await acc.call('GET', '/api/v1/documents?status=cancelled&after=0');
  const items = listed.body['items'] as DocJson[];
  expect(items.map((d) => [d.id, d.status, d.facts.length])).toEqual([['R-2', 'cancelled', 2]]);
  expect((await acc.call('POST', '/api/v1/documents/R-2/ack')).status).toBe(200);
  expect((await acc.call('GET', '/api/v1/documents?status=cancelled&after=0')).body['items']).toEqual([]);
}, 120_000);
