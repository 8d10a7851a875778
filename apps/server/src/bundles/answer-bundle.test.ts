import {
  type BundleKeyPair,
  ENROLLMENT_PARTS,
  parseParts,
  readBundle,
  TO_TERMINAL_PARTS,
  writeBundle,
} from '@shelfsync/bundle';
import { nodeBundleCrypto as crypto } from '@shelfsync/bundle/node';
import { PROTOCOL_VERSION } from '@shelfsync/protocol';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { DeviceService } from '../device-service.js';
import { type Harness, product, startHarness, uploadProducts } from '../test-harness.js';
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
  const toBase = (sequence: number, key: BundleKeyPair = grant.deviceKey) =>
    writeBundle(
      {
        kind: 'exchange',
        baseId,
        deviceId: grant.deviceId,
        direction: 'to-base',
        sequence,
        cursors: { catalog: { from: 0, to: 0 }, documents: { from: 0, to: 0 } },
        mutations: { from: 0, to: 0 },
        logsUpTo: 1,
        createdAt: now.toISOString(),
      },
      [
        { name: 'hello', lines: [{ protocolVersion: PROTOCOL_VERSION, appVersion: '1.0.0' }] },
        { name: 'mutations', lines: [] },
        { name: 'logs', lines: [{ seq: 1, at: now.toISOString(), level: 'info', message: 'hi' }] },
      ],
      key,
      crypto,
    );
  return { grant, deps, toBase };
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
