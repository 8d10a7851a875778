import { ShelfsyncError } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import type { DeviceTransport } from './device-transport.js';
import { MemoryTerminalStore } from './memory-terminal-store.js';
import { sendOperator, signIn } from './operator-session.js';

function recordingTransport(sent: unknown[], failing = false): DeviceTransport {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    enroll: unused,
    hello: unused,
    pull: unused,
    push: unused,
    setOperator: async (request) => {
      if (failing) throw new Error('offline');
      sent.push(request);
      return request;
    },
  };
}

test('the signed-in operator reaches the base once, and again only after a change', async () => {
  const store = new MemoryTerminalStore();
  const sent: unknown[] = [];
  await signIn(store, 'u1');
  await expect(sendOperator(store, recordingTransport(sent, true))).rejects.toThrow('offline');
  expect(await store.getMeta('operator')).toEqual({ id: 'u1', sent: false });
  await sendOperator(store, recordingTransport(sent));
  await sendOperator(store, recordingTransport(sent));
  await signIn(store, 'u1');
  await sendOperator(store, recordingTransport(sent));
  expect(sent).toEqual([{ operatorId: 'u1' }]);
  await signIn(store, null);
  await sendOperator(store, recordingTransport(sent));
  expect(sent).toEqual([{ operatorId: 'u1' }, { operatorId: null }]);
});

test('a transport without operators (bundle replay) leaves the operator unsent: bundles carry it in a part', async () => {
  const store = new MemoryTerminalStore();
  await signIn(store, 'u2');
  const { setOperator: _none, ...bundleLike } = recordingTransport([]);
  await sendOperator(store, bundleLike);
  expect(await store.getMeta('operator')).toEqual({ id: 'u2', sent: false });
});

test('a base without the operator route (older, same protocol) is not told, and the exchange goes on', async () => {
  const store = new MemoryTerminalStore();
  await signIn(store, 'u1');
  const older: DeviceTransport = {
    ...recordingTransport([]),
    setOperator: () => Promise.reject(new ShelfsyncError('SYNC_NOT_OFFERED')),
  };
  await sendOperator(store, older);
  // Still unsent: a base updated later learns it at the next exchange.
  expect(await store.getMeta('operator')).toEqual({ id: 'u1', sent: false });
});
