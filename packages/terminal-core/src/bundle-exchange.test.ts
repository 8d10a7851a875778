import { parseParts, readBundle, TO_BASE_PARTS, writeBundle } from '@shelfsync/bundle';
import { nodeBundleCrypto as crypto } from '@shelfsync/bundle/node';
import { PROTOCOL_VERSION } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { type BundleContext, exportBundle, importBundle } from './bundle-exchange.js';
import { MemoryTerminalStore } from './memory-terminal-store.js';
import { signIn } from './operator-session.js';

const at = '2026-11-25T10:00:00.000Z';
const baseId = 'base-1';
const deviceId = 'dev-1';
const zero = { from: 0, to: 0 };

/** A terminal enrolled by an enrollment bundle, and the base's side: its key and a way to answer. */
async function bundleTerminal() {
  const [baseKey, deviceKey] = await Promise.all([crypto.generateKeyPair(), crypto.generateKeyPair()]);
  const ctx: BundleContext = {
    store: new MemoryTerminalStore(),
    crypto,
    identity: { appVersion: '1.0.0' },
    now: () => at,
  };
  const draft = { baseId, deviceId, cursors: { catalog: zero, documents: zero }, mutations: zero };
  const enrollment = await writeBundle(
    {
      ...draft,
      kind: 'enrollment',
      direction: 'to-terminal',
      sequence: 0,
      logsUpTo: 0,
      signerKey: baseKey.publicKey,
      createdAt: at,
    },
    [
      {
        name: 'enrollment',
        lines: [{ deviceId, token: 't', baseId, baseKey: baseKey.publicKey, deviceKey }],
      },
    ],
    baseKey,
    crypto,
  );
  await importBundle(ctx, enrollment);

  /** Exports a to-base bundle and reads back the operator part as the base would. */
  const exportOperator = async () => {
    const file = await exportBundle(ctx);
    const read = await readBundle(file.bytes, crypto, {
      expect: { direction: 'to-base', baseId, deviceId },
      keyFor: async () => deviceKey.publicKey,
    });
    return parseParts(read.parts, TO_BASE_PARTS).operator;
  };
  /** The base's answer to export `sequence`; `operator` is what it recorded (absent: an older base). */
  const answer = (sequence: number, operator?: { operatorId: string | null }) =>
    writeBundle(
      { ...draft, kind: 'exchange', direction: 'to-terminal', sequence, logsUpTo: 0, createdAt: at },
      [
        { name: 'hello', lines: [helloAnswer] },
        { name: 'push', lines: [] },
        { name: 'pull', lines: [{ request: { catalogCursor: 0, docCursor: 0 }, response: emptyPage }] },
        ...(operator ? [{ name: 'operator', lines: [operator] }] : []),
      ],
      baseKey,
      crypto,
    );
  return { ctx, store: ctx.store, exportOperator, answer };
}

const helloAnswer = {
  protocolVersion: PROTOCOL_VERSION,
  server: { protocolVersion: PROTOCOL_VERSION, minProtocolVersion: 1, version: 't' },
  baseId,
  deviceId,
  serverTime: at,
  lastMutation: 0,
  config: { version: 'v', documentTypes: [] },
};
const emptyPage = {
  catalog: { changes: [], cursor: 0, hasMore: false },
  documents: { items: [], revoked: [], cursor: 0, hasMore: false },
  serverTime: at,
};

test('the signed-in operator rides in the export until the answer acknowledging it is imported', async () => {
  const { ctx, store, exportOperator, answer } = await bundleTerminal();
  expect(await exportOperator()).toEqual([]);
  await signIn(store, 'u1');
  expect(await exportOperator()).toEqual([{ operatorId: 'u1' }]);
  await importBundle(ctx, await answer(2, { operatorId: 'u1' }));
  expect(await store.getMeta('operator')).toEqual({ id: 'u1', sent: true });
  expect(await exportOperator()).toEqual([]);

  await signIn(store, null);
  expect(await exportOperator()).toEqual([{ operatorId: null }]);
});

test('a lost answer, or one from a base that did not record the operator, sends it again', async () => {
  const { ctx, store, exportOperator, answer } = await bundleTerminal();
  await signIn(store, 'u1');
  expect(await exportOperator()).toEqual([{ operatorId: 'u1' }]);
  // The answer to bundle 1 never comes back.
  expect(await exportOperator()).toEqual([{ operatorId: 'u1' }]);
  // An older base answers without the operator part: it did not record it.
  await importBundle(ctx, await answer(2));
  expect(await store.getMeta('operator')).toEqual({ id: 'u1', sent: false });
  expect(await exportOperator()).toEqual([{ operatorId: 'u1' }]);
});

test('an answer for another operator, or to an older export, does not mark a later sign-in sent', async () => {
  const { ctx, store, exportOperator, answer } = await bundleTerminal();
  await signIn(store, 'u1');
  await exportOperator();
  await signIn(store, 'u2');
  expect(await exportOperator()).toEqual([{ operatorId: 'u2' }]);
  await signIn(store, 'u1');
  // The base recorded u1 from bundle 1, but bundle 2 will make it u2: u1 must go again.
  await importBundle(ctx, await answer(1, { operatorId: 'u1' }));
  expect(await store.getMeta('operator')).toEqual({ id: 'u1', sent: false });
  expect(await exportOperator()).toEqual([{ operatorId: 'u1' }]);
  await importBundle(ctx, await answer(2, { operatorId: 'u2' }));
  expect(await store.getMeta('operator')).toEqual({ id: 'u1', sent: false });
  await importBundle(ctx, await answer(3, { operatorId: 'u1' }));
  expect(await store.getMeta('operator')).toEqual({ id: 'u1', sent: true });
});
