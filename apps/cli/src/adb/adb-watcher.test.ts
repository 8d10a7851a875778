import { expect, test } from 'vitest';
import type { Adb, AdbDevice } from './adb-client.js';
import { startAdbWatcher } from './adb-watcher.js';

test('each state change is reported once; a ready terminal is set up once per connection', async () => {
  let devices: AdbDevice[] = [{ serial: 'T1', state: 'unauthorized', raw: 'unauthorized' }];
  const adb = { devices: async () => devices } as unknown as Adb;
  const lines: string[] = [];
  const ready: string[] = [];
  const polled: string[][] = [];
  const watcher = startAdbWatcher({
    adb,
    intervalMs: 60_000,
    log: (l) => lines.push(l),
    onReady: async (serial) => {
      ready.push(serial);
    },
    onPoll: async (serials) => {
      polled.push(serials);
    },
  });
  await watcher.poll();
  devices = [{ serial: 'T1', state: 'device', raw: 'device' }];
  await watcher.poll();
  await watcher.poll();
  devices = [];
  await watcher.poll();
  devices = [{ serial: 'T1', state: 'device', raw: 'device' }];
  await watcher.poll();
  await watcher.stop();
  expect(ready).toEqual(['T1', 'T1']);
  expect(lines.filter((l) => l.includes('unauthorized'))).toHaveLength(1);
  expect(lines).toContain('terminal T1: cable disconnected');
  expect(polled.at(-1)).toEqual(['T1']);
});

test('a failing set-up is retried at the next poll', async () => {
  const adb = { devices: async () => [{ serial: 'T2', state: 'device', raw: 'device' }] } as unknown as Adb;
  let attempts = 0;
  const lines: string[] = [];
  const watcher = startAdbWatcher({
    adb,
    intervalMs: 60_000,
    log: (l) => lines.push(l),
    onReady: async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('adb reverse failed: device busy');
    },
  });
  await watcher.poll();
  await watcher.poll();
  await watcher.stop();
  expect(attempts).toBe(2);
  expect(lines).toContain('terminal T2: adb reverse failed: device busy');
});
