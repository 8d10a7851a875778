import {
  type BundleKeyPair,
  ENROLLMENT_PARTS,
  parseParts,
  type RecordedPull,
  readBundle,
  TO_TERMINAL_PARTS,
  writeBundle,
} from '@shelfsync/bundle';
import { nodeBundleCrypto as crypto } from '@shelfsync/bundle/node';
import { PROTOCOL_VERSION } from '@shelfsync/protocol';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { DeviceService } from '../device-service.js';
import { type Harness, product, startHarness, uploadProducts } from '../testing/harness.js';
import { answerBundle } from './answer-bundle.js';
import { createEnrollmentBundle } from './enrollment-bundle.js';

let h: Harness;
const logged: unknown[] = [];
beforeEach(async () => {
  h = await startHarness();
  logged.length = 0;
});
afterEach(async () => {
  await h.close();
});

async function setUp() {
  await uploadProducts(h, [product('P1'), product('P2')]);
  const now = new Date('2026-11-25T10:00:00.000Z');
  const enrollment = await createEnrollmentBundle(h.store, crypto, { name: 'RDP 1', now });
  const read = await readBundle(enrollment.bytes, crypto, {
    expect: { direction: 'to-terminal' },
    keyFor: async (m) => m.signerKey,
  });
  const grant = parseParts(read.parts, ENROLLMENT_PARTS).enrollment[0]!;
  const baseId = await h.store.baseId();
  const service = new DeviceService({
    store: h.store,
    now: () => now,
    version: 'test',
    baseId,
    deviceLogs: { append: async (_id, entries) => void logged.push(...entries) },
  });
  const deps = { store: h.store, service, crypto, baseId, now: () => now };
  const toBase = (
    sequence: number,
    key: BundleKeyPair = grant.deviceKey,
    extra: { operator?: unknown; docCursor?: number } = {},
  ) =>
    writeBundle(
      {
        kind: 'exchange',
        baseId,
        deviceId: grant.deviceId,
        direction: 'to-base',
        sequence,
        cursors: {
          catalog: { from: 0, to: 0 },
          documents: { from: extra.docCursor ?? 0, to: extra.docCursor ?? 0 },
        },
        mutations: { from: 0, to: 0 },
        logsUpTo: 1,
        createdAt: now.toISOString(),
      },
      [
        { name: 'hello', lines: [{ protocolVersion: PROTOCOL_VERSION, appVersion: '1.0.0' }] },
        { name: 'mutations', lines: [] },
        { name: 'logs', lines: [{ seq: 1, at: now.toISOString(), level: 'info', message: 'hi' }] },
        ...(extra.operator !== undefined ? [{ name: 'operator', lines: [extra.operator] }] : []),
      ],
      key,
      crypto,
    );
  const answered = async (file: Uint8Array) => {
    const read = await readBundle((await answerBundle(file, deps)).bytes, crypto, {
      expect: { direction: 'to-terminal', deviceId: grant.deviceId },
      keyFor: async () => grant.baseKey,
    });
    return parseParts(read.parts, TO_TERMINAL_PARTS);
  };
  return { grant, deps, toBase, answered };
}

test('a to-base bundle is answered with the catalog, signed by the base; a copy is refused', async () => {
  const { grant, deps, toBase } = await setUp();
  const file = await toBase(1);
  const answer = await answerBundle(file, deps);
  expect(answer.name).toBe(`${grant.deviceId}-000001.to-terminal.ssb`);
  const read = await readBundle(answer.bytes, crypto, {
    expect: { direction: 'to-terminal', deviceId: grant.deviceId },
    keyFor: async () => grant.baseKey,
  });
  const parts = parseParts(read.parts, TO_TERMINAL_PARTS);
  expect(parts.pull.flatMap((p) => p.response?.catalog.changes ?? []).map((c) => c.id)).toEqual(['P1', 'P2']);
  expect(logged).toHaveLength(1);

  await expect(answerBundle(file, deps)).rejects.toMatchObject({ code: 'BUNDLE_DUPLICATE' });
  expect(logged).toHaveLength(1);
});

test('a to-base bundle not signed with the device key is refused before anything is applied', async () => {
  const { deps, toBase } = await setUp();
  const forged = await toBase(1, await crypto.generateKeyPair());
  await expect(answerBundle(forged, deps)).rejects.toMatchObject({ code: 'BUNDLE_SIGNATURE_INVALID' });
  expect(logged).toEqual([]);
  const devices = await h.store.listDevices();
  expect(devices[0]?.lastSeenAt).toBeUndefined();
});

async function putAssignedDocuments(): Promise<void> {
  const doc = (id: string, assignee?: { userIds: string[] }) => ({
    id,
    type: 'receipt',
    origin: 'accounting' as const,
    lines: [{ id: `${id}-l1`, productId: 'P1', qty: 1 }],
    ...(assignee ? { assignee } : {}),
  });
  await h.store.putDocuments(
    [doc('for-all'), doc('for-u1', { userIds: ['u1'] })],
    '2026-11-25T09:00:00.000Z',
  );
}

const documentIds = (parts: { pull: readonly RecordedPull[] }) =>
  parts.pull.flatMap((p) => p.response?.documents.items.map((d) => d.id) ?? []).sort();

test('a bundle carrying the operator is recorded before the pulls; a sign-out in a later one revokes', async () => {
  const { grant, toBase, answered } = await setUp();
  await putAssignedDocuments();
  // u1 is not in the users catalog: like POST /operator, the base records any well-formed id.
  const first = await answered(await toBase(1, grant.deviceKey, { operator: { operatorId: 'u1' } }));
  expect(documentIds(first)).toEqual(['for-all', 'for-u1']);
  expect(first.operator).toEqual([{ operatorId: 'u1' }]);

  const docCursor = first.pull[first.pull.length - 1]?.response?.documents.cursor ?? 0;
  const second = await answered(
    await toBase(2, grant.deviceKey, { operator: { operatorId: null }, docCursor }),
  );
  expect(second.pull.flatMap((p) => p.response?.documents.revoked.map((r) => r.id) ?? [])).toEqual([
    'for-u1',
  ]);
  expect(second.operator).toEqual([{ operatorId: null }]);
});

test('a bundle without the operator part (an older terminal) is answered as before', async () => {
  const { answered, toBase } = await setUp();
  await putAssignedDocuments();
  const parts = await answered(await toBase(1));
  expect(documentIds(parts)).toEqual(['for-all']);
  expect(parts.operator).toEqual([]);
});

test('an operator id the device API would refuse makes the bundle malformed, and nothing is applied', async () => {
  const { grant, deps, toBase } = await setUp();
  await putAssignedDocuments();
  const file = await toBase(1, grant.deviceKey, { operator: { operatorId: '' } });
  await expect(answerBundle(file, deps)).rejects.toMatchObject({ code: 'BUNDLE_MALFORMED' });
  expect(logged).toEqual([]);
});
