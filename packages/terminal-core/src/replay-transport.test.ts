import { PROTOCOL_VERSION, type PullResponse } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { ReplayTransport } from './replay-transport.js';

const at = '2026-11-25T10:00:00.000Z';
const hello = {
  protocolVersion: PROTOCOL_VERSION,
  server: { protocolVersion: PROTOCOL_VERSION, minProtocolVersion: 1, version: 't' },
  baseId: 'b',
  deviceId: 'd',
  serverTime: at,
  lastMutation: 2,
  config: { version: 'v', documentTypes: [] },
};
const page = (cursor: number): PullResponse => ({
  catalog: { changes: [], cursor, hasMore: false },
  documents: { items: [], revoked: [], cursor: 0, hasMore: false },
  serverTime: at,
});
const mutation = (n: number) => ({ kind: 'doc.start' as const, n, at, docId: 'R-1' });

test('answers are replayed per batch, by cursors, and a missing page says the bundle is exhausted', async () => {
  const replay = new ReplayTransport(
    hello,
    [{ results: [3, 4].map((n) => ({ n, status: 'applied' as const })), lastMutation: 4 }],
    [
      { request: { catalogCursor: 5, docCursor: 0 }, error: { code: 'SYNC_MUST_REFETCH', message: 'm' } },
      { request: { catalogCursor: 0, docCursor: 0 }, response: page(9) },
    ],
  );
  expect(await replay.push({ mutations: [mutation(3)] })).toEqual({
    results: [{ n: 3, status: 'applied' }],
    lastMutation: 4,
  });
  // Mutations recorded after the export have no answer: the outbox keeps them.
  expect(await replay.push({ mutations: [mutation(5)] })).toEqual({ results: [], lastMutation: 4 });
  await expect(replay.pull({ catalogCursor: 5, docCursor: 0 })).rejects.toMatchObject({
    code: 'SYNC_MUST_REFETCH',
  });
  expect((await replay.pull({ catalogCursor: 0, docCursor: 0 })).catalog.cursor).toBe(9);
  expect(replay.has(9, 0)).toBe(false);
  await expect(replay.pull({ catalogCursor: 9, docCursor: 0 })).rejects.toMatchObject({
    code: 'BUNDLE_OUT_OF_ORDER',
    details: { reason: 'bundle-exhausted' },
  });
});
