// Issue 8 acceptance, leases with whole processes: a lease left untouched past its time returns the
// document to the pool, the next terminal takes it and the first is told; an admin release does the
// same at once. The server runs with a lease of about ten seconds (SHELFSYNC_LEASE_HOURS).
import { beforeAll, expect, test } from 'vitest';
import { e2eProductId, e2eUnitBarcode, productsNdjson } from '../src/testing/fixtures.js';
import { accounting, cli } from '../src/testing/harness.js';
import { loopbackFixture } from '../src/testing/loopback-fixture.js';
import { docs, scan, sync, type VirtualTerminal } from '../src/testing/terminals.js';

const LEASE_HOURS = 0.003; // 10.8 s: long enough for a few CLI runs, short enough to wait for
const e2e = loopbackFixture('lease');
let acc: ReturnType<typeof accounting>;
const terminals: VirtualTerminal[] = [];

const T = (i: number): VirtualTerminal => {
  const t = terminals[i];
  if (!t) throw new Error(`no terminal ${i}`);
  return t;
};

beforeAll(async () => {
  const server = await e2e.startServer({ env: { SHELFSYNC_LEASE_HOURS: String(LEASE_HOURS) } });
  acc = accounting(server.url, server.apiKey);
  await acc.call('PUT', '/api/v1/catalog/products', productsNdjson(1, 2), 'application/x-ndjson');
  for (const name of ['t1', 't2', 't3']) terminals.push(await e2e.enrollTerminal(server, name));
}, 60_000);

const ids = async (t: VirtualTerminal) => (await docs(t)).map((d) => d.id);

test('an untouched lease expires back to the pool; the next terminal takes it, the first is told', async () => {
  await acc.call('POST', '/api/v1/documents', {
    id: 'R-9',
    type: 'receipt',
    lines: [{ productId: e2eProductId(1), qty: 1 }],
  });
  const claimedAt = Date.now();
  await cli(['terminal', 'claim', '--state', T(0).state, '--doc', 'R-9']);
  const held = await acc.call('GET', '/api/v1/leases');
  expect(held.body['items']).toEqual([
    expect.objectContaining({ docId: 'R-9', deviceId: T(0).deviceId, facts: 0 }),
  ]);
  await sync(T(2));
  expect(await ids(T(2))).not.toContain('R-9');

  // The sweeper runs on its own; wait for it rather than for a fixed time.
  const deadline = Date.now() + 30_000;
  while ((((await acc.call('GET', '/api/v1/leases')).body['items'] as unknown[]) ?? []).length > 0) {
    if (Date.now() > deadline) throw new Error('the lease never expired');
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(Date.now() - claimedAt).toBeGreaterThanOrEqual(LEASE_HOURS * 3_600_000 - 1000);
  expect((await acc.call('GET', '/api/v1/documents/R-9')).body).toMatchObject({ status: 'new' });
  await sync(T(2));
  expect(await ids(T(2))).toContain('R-9');
  await cli(['terminal', 'claim', '--state', T(1).state, '--doc', 'R-9']);
  const t1 = await sync(T(0));
  expect(t1.revocations).toContainEqual({ id: 'R-9', reason: 'taken over' });
  const t3 = await sync(T(2));
  expect(t3.revocations).toContainEqual({ id: 'R-9', reason: 'taken by another device' });
}, 90_000);

test('an admin release puts a held document back in the pool, with its scans, for every terminal', async () => {
  await acc.call('POST', '/api/v1/documents', {
    id: 'R-10',
    type: 'receipt',
    lines: [{ productId: e2eProductId(2), qty: 1 }],
  });
  await cli(['terminal', 'claim', '--state', T(0).state, '--doc', 'R-10']);
  // A scan: a lease with facts never expires by itself, so only the admin's release frees it here.
  await scan(T(0), 'R-10', e2eUnitBarcode(2));
  await sync(T(0));
  await sync(T(1));
  expect(await ids(T(1))).not.toContain('R-10');
  const released = await acc.call('POST', '/api/v1/documents/R-10/release');
  expect(released.body).toMatchObject({ status: 'released' });
  await sync(T(1));
  const back = (await docs(T(1))).find((d) => d.id === 'R-10');
  expect(back?.facts.map((f) => f.deviceId)).toEqual([T(0).deviceId]);
}, 60_000);
