// Issue 8 acceptance, assignment: three virtual terminals with signed-in operators receive documents
// named for their device, operator or group; personal ones come first, then priority, then date; a
// document for anyone goes to one terminal at a time; picking is issued one order per operator.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import { beforeAll, expect, test } from 'vitest';
import { e2eProductId, e2eUnitBarcode, productsNdjson } from '../src/testing/fixtures.js';
import { accounting, cli, runCli } from '../src/testing/harness.js';
import { loopbackFixture } from '../src/testing/loopback-fixture.js';
import { docs, scan, sync, type VirtualTerminal } from '../src/testing/terminals.js';

const e2e = loopbackFixture('ops');
let acc: ReturnType<typeof accounting>;
const terminals: VirtualTerminal[] = [];

const T = (i: number): VirtualTerminal => {
  const t = terminals[i];
  if (!t) throw new Error(`no terminal ${i}`);
  return t;
};

beforeAll(async () => {
  // Picking is issued one order at a time per operator (a document type setting, not code).
  const types = DEFAULT_DOCUMENT_TYPES.map((t) => (t.id === 'picking' ? { ...t, onePerOperator: true } : t));
  const typesFile = path.join(e2e.dataDir, 'types.json');
  writeFileSync(typesFile, JSON.stringify(types));
  await cli(['config', 'set-types', typesFile, '--data', e2e.dataDir]);
  const server = await e2e.startServer();
  acc = accounting(server.url, server.apiKey);
  await acc.call('PUT', '/api/v1/catalog/products', productsNdjson(1, 3), 'application/x-ndjson');
  const users = [
    { id: 'u1', name: 'Anna', groups: ['night'] },
    { id: 'u2', name: 'Boris', groups: [] },
    { id: 'u3', name: 'Vera', groups: ['night'] },
  ];
  await acc.call(
    'PUT',
    '/api/v1/catalog/users',
    users.map((u) => JSON.stringify(u)).join('\n'),
    'application/x-ndjson',
  );
  for (const name of ['t1', 't2', 't3']) terminals.push(await e2e.enrollTerminal(server, name));
}, 60_000);

async function taskIds(t: VirtualTerminal): Promise<string[]> {
  const rows = JSON.parse(await cli(['terminal', 'tasks', '--state', t.state, '--json'])) as { id: string }[];
  return rows.map((r) => r.id);
}

const receipt = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  type: 'receipt',
  lines: [{ productId: e2eProductId(1), qty: 5 }],
  ...over,
});

test('documents reach the device, operator or group they name, personal first, then priority, then date', async () => {
  await acc.call('POST', '/api/v1/documents', [
    receipt('ANY-LOW', { priority: 1, date: '2026-11-02' }),
    receipt('ANY-OLD', { priority: 1, date: '2026-11-01' }),
    receipt('ANY-HIGH', { priority: 5, date: '2026-11-03' }),
    receipt('FOR-T3', { assignee: { deviceId: T(2).deviceId }, date: '2026-11-05' }),
    receipt('FOR-U2', { assignee: { userIds: ['u2', 'u9'] }, date: '2026-11-05' }),
    receipt('FOR-NIGHT', { assignee: { group: 'night' }, date: '2026-11-05' }),
  ]);
  await cli(['terminal', 'login', '--state', T(0).state, '--operator', 'u1']);
  await cli(['terminal', 'login', '--state', T(1).state, '--operator', 'u2']);
  for (const t of terminals) await sync(t);
  expect(await taskIds(T(0))).toEqual(['FOR-NIGHT', 'ANY-HIGH', 'ANY-OLD', 'ANY-LOW']);
  expect(await taskIds(T(1))).toEqual(['FOR-U2', 'ANY-HIGH', 'ANY-OLD', 'ANY-LOW']);
  expect(await taskIds(T(2))).toEqual(['FOR-T3', 'ANY-HIGH', 'ANY-OLD', 'ANY-LOW']);

  // Vera signs in on t3: the night shift's document follows her there.
  await cli(['terminal', 'login', '--state', T(2).state, '--operator', 'u3']);
  await sync(T(2));
  expect(await taskIds(T(2))).toEqual(['FOR-NIGHT', 'FOR-T3', 'ANY-HIGH', 'ANY-OLD', 'ANY-LOW']);
  // Boris signs in on t1 instead of Anna: the group's document leaves t1.
  await cli(['terminal', 'login', '--state', T(0).state, '--operator', 'u2']);
  const switched = await sync(T(0));
  expect(switched.revocations).toContainEqual({ id: 'FOR-NIGHT', reason: 'assigned to another operator' });
  expect(await taskIds(T(0))).toEqual(['FOR-U2', 'ANY-HIGH', 'ANY-OLD', 'ANY-LOW']);
}, 120_000);

test('a document for anyone goes to the one terminal that takes it', async () => {
  await scan(T(0), 'ANY-HIGH', e2eUnitBarcode(1));
  await sync(T(0));
  const t2 = await sync(T(1));
  expect(t2.revocations).toContainEqual({ id: 'ANY-HIGH', reason: 'taken by another device' });
  await sync(T(2));
  expect(await taskIds(T(1))).not.toContain('ANY-HIGH');
  expect(await taskIds(T(2))).not.toContain('ANY-HIGH');
  expect(await taskIds(T(0))).toContain('ANY-HIGH');
  const held = (await docs(T(0))).find((d) => d.id === 'ANY-HIGH');
  expect(held?.facts).toHaveLength(1);
  // Scans carry the operator signed in on the terminal (Boris, since the switch above).
  expect(held?.facts[0]?.operatorId).toBe('u2');
}, 60_000);

test('picking is issued one order per operator: the next by priority, a second refused until done', async () => {
  await acc.call('POST', '/api/v1/documents', [
    { id: 'PK-1', type: 'picking', priority: 1, lines: [{ productId: e2eProductId(2), qty: 1 }] },
    { id: 'PK-2', type: 'picking', priority: 3, lines: [{ productId: e2eProductId(2), qty: 1 }] },
  ]);
  for (const t of terminals) await sync(t);
  for (const t of terminals) expect(await taskIds(t)).not.toContain('PK-2');
  const next = async (t: VirtualTerminal) =>
    (
      JSON.parse(await cli(['terminal', 'claim', '--state', t.state, '--next', 'picking', '--json'])) as {
        id: string;
      }
    ).id;
  expect(await next(T(1))).toBe('PK-2');
  const second = await runCli(['terminal', 'claim', '--state', T(1).state, '--next', 'picking']);
  expect(second.code).not.toBe(0);
  expect(second.stderr).toContain('DOC_TAKEN');
  expect(await next(T(2))).toBe('PK-1');
  const none = await runCli(['terminal', 'claim', '--state', T(0).state, '--next', 'picking']);
  expect(none.stderr).toContain('DOC_NOT_FOUND');
  expect(await taskIds(T(1))).toContain('PK-2');
  expect(await taskIds(T(0))).not.toContain('PK-2');
}, 90_000);
