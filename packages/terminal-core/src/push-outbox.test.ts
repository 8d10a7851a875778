import { ShelfsyncError } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { HttpDeviceTransport } from './http-device-transport.js';
import { ManualTimers } from './testing/manual-timers.js';
import { TEST_BASE_URL, TestDeviceApi } from './testing/test-device-api.js';
import { syncedTerminal } from './testing/test-terminal.js';

const milk = { barcode: '4600000000015' };

test('the outbox is sent in batches and emptied only by acknowledgement', async () => {
  const { api, engine, store } = await syncedTerminal();
  for (let i = 0; i < 5; i++) await engine.scan('r1', milk);
  api.failNext.set('/push', 1);
  await expect(engine.sync()).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
  expect((await store.outboxState()).pending).toBe(6);
  const summary = await engine.sync();
  expect(summary).toMatchObject({ pushed: 6, duplicates: 0, pending: 0, complete: true });
  expect(api.applied.map((m) => m.n)).toEqual([1, 2, 3, 4, 5, 6]);
});

test('a lost answer is resent and comes back as duplicates, applied once', async () => {
  const { api, engine, store } = await syncedTerminal();
  await engine.scan('r1', milk);
  await engine.scan('r1', milk);
  api.loseAnswer.set('/push', 1);
  await expect(engine.sync()).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
  expect((await store.outboxState()).pending).toBe(3);
  await engine.scan('r1', milk);
  const summary = await engine.sync();
  expect(summary).toMatchObject({ pushed: 1, duplicates: 3, pending: 0 });
  expect(api.applied.map((m) => m.n)).toEqual([1, 2, 3, 4]);
});

test('a rejected mutation is kept for the operator and does not block the ones after it', async () => {
  const { api, engine } = await syncedTerminal();
  await engine.scan('r1', milk);
  await engine.scan('r1', milk);
  api.reject = (m) => (m.n === 2 ? { code: 'DOC_CANCELLED', message: 'cancelled by the office' } : undefined);
  const summary = await engine.sync();
  expect(summary.rejected.map((r) => [r.mutation.n, r.code])).toEqual([[2, 'DOC_CANCELLED']]);
  expect(summary).toMatchObject({ pushed: 2, pending: 0, complete: true });
  expect((await engine.listRejections()).map((r) => r.message)).toEqual(['cancelled by the office']);
});

test('a rejection learnt from a duplicate answer is recorded too', async () => {
  const { api, engine } = await syncedTerminal();
  await engine.scan('r1', milk);
  api.reject = (m) => (m.n === 2 ? { code: 'DOC_CANCELLED', message: 'cancelled' } : undefined);
  api.loseAnswer.set('/push', 1);
  await expect(engine.sync()).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
  const summary = await engine.sync();
  expect(summary).toMatchObject({ pushed: 0, duplicates: 2 });
  expect((await engine.listRejections()).map((r) => r.mutation.n)).toEqual([2]);
});

test('a batch the base stops on a temporary failure leaves the rest for the next exchange', async () => {
  const { api, engine, store } = await syncedTerminal();
  for (let i = 0; i < 3; i++) await engine.scan('r1', milk);
  api.stopBefore = 3;
  const stalled = await engine.sync();
  expect(stalled).toMatchObject({ pushed: 2, stalled: true, complete: false, pending: 2 });
  expect((await store.pendingMutations(10)).map((m) => m.n)).toEqual([3, 4]);
  api.stopBefore = undefined;
  expect(await engine.sync()).toMatchObject({ pushed: 2, complete: true });
  expect(api.applied.map((m) => m.n)).toEqual([1, 2, 3, 4]);
});

test('a gap the terminal cannot fill is a permanent error naming both numbers', async () => {
  const { api, engine, store } = await syncedTerminal();
  for (let i = 0; i < 3; i++) await engine.scan('r1', milk);
  await store.ackMutations(2); // as if acknowledged by a base that was later restored from a backup
  const attempt = engine.sync();
  await expect(attempt).rejects.toMatchObject({
    code: 'SYNC_MUTATION_GAP',
    details: { expected: 1, first: 3 },
  });
  expect((await store.pendingMutations(10)).map((m) => m.n)).toEqual([3, 4]);
  expect(api.applied).toEqual([]);
});

test('a gap naming a later number acknowledges what the base already holds', async () => {
  const api = new TestDeviceApi();
  let gaps = 0; // armed after the first exchange, so only the push of these scans meets the gap
  const t = await syncedTerminal({
    api,
    transportFor: (urls, token) => {
      const http = new HttpDeviceTransport({
        urls,
        fetch: api.fetchAt(TEST_BASE_URL),
        timers: new ManualTimers(),
        ...(token ? { token } : {}),
      });
      return {
        enroll: (r) => http.enroll(r),
        hello: (r) => http.hello(r),
        pull: (r) => http.pull(r),
        push: async (r) => {
          if (gaps-- > 0) throw new ShelfsyncError('SYNC_MUTATION_GAP', undefined, { expected: 3 });
          return http.push(r);
        },
      };
    },
  });
  for (let i = 0; i < 3; i++) await t.engine.scan('r1', milk);
  gaps = 1;
  api.lastMutation = 2; // the base applied 1 and 2, and says so with a gap instead of duplicates
  const summary = await t.engine.sync();
  expect(summary).toMatchObject({ pushed: 2, pending: 0 });
  expect(api.applied.map((m) => m.n)).toEqual([3, 4]);
});

test('a base that holds more numbers than the terminal gave out is refused before pushing', async () => {
  const { api, engine, store } = await syncedTerminal();
  await engine.scan('r1', milk);
  api.lastMutation = 7;
  await expect(engine.sync()).rejects.toMatchObject({
    code: 'SYNC_MUTATION_GAP',
    details: { expected: 8, next: 3 },
  });
  expect((await store.outboxState()).pending).toBe(2);
});
