import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DeviceLogEntry } from '@shelfsync/protocol';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { deviceLogFiles } from './device-log-files.js';

let dir: string;
let now: Date;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'shelfsync-logs-'));
  now = new Date('2026-11-25T10:00:00.000Z');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const entry = (seq: number, level: DeviceLogEntry['level'], at = now.toISOString()): DeviceLogEntry => ({
  seq,
  at,
  level,
  message: `line ${seq}`,
});
const DAY = 86_400_000;

test('lines older than the retention are pruned on write and at start, and never shown', async () => {
  const logs = deviceLogFiles(dir, { retentionMs: 14 * DAY, now: () => now });
  await logs.append('dev-1', [entry(1, 'info'), entry(2, 'warn')]);
  now = new Date(now.getTime() + 10 * DAY);
  await logs.append('dev-1', [entry(3, 'error')]);
  now = new Date(now.getTime() + 5 * DAY);
  // Lines 1 and 2 are 15 days old: hidden before any write prunes them.
  expect((await logs.read('dev-1', {})).map((l) => l.seq)).toEqual([3]);
  expect(await readFile(path.join(dir, 'dev-1.ndjson'), 'utf8')).toContain('"seq":1');
  await logs.pruneAll();
  const kept = (await readFile(path.join(dir, 'dev-1.ndjson'), 'utf8')).trim().split('\n');
  expect(kept.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([3]);
});

test('a device file is kept under its size limit by dropping the oldest lines', async () => {
  const logs = deviceLogFiles(dir, { maxBytesPerDevice: 2000, now: () => now });
  for (let i = 1; i <= 40; i += 1) await logs.append('dev-1', [entry(i, 'info')]);
  expect((await stat(path.join(dir, 'dev-1.ndjson'))).size).toBeLessThanOrEqual(2000);
  const seqs = (await logs.read('dev-1', {})).map((l) => l.seq);
  expect(seqs.at(-1)).toBe(40);
  expect(seqs[0]).toBeGreaterThan(1);
});

test('filters by level and above, by time, and keeps the newest `limit`', async () => {
  const logs = deviceLogFiles(dir, { now: () => now });
  await logs.append('dev-1', [
    entry(1, 'debug', '2026-11-25T08:00:00.000Z'),
    entry(2, 'warn', '2026-11-25T08:30:00.000Z'),
    entry(3, 'error', '2026-11-25T09:00:00.000Z'),
    entry(4, 'info', '2026-11-25T09:30:00.000Z'),
  ]);
  const seqs = async (f: Parameters<typeof logs.read>[1]) => (await logs.read('dev-1', f)).map((l) => l.seq);
  expect(await seqs({ level: 'warn' })).toEqual([2, 3]);
  expect(await seqs({ since: '2026-11-25T08:45:00Z' })).toEqual([3, 4]);
  expect(await seqs({ limit: 2 })).toEqual([3, 4]);
  expect(await logs.read('../etc', {})).toEqual([]);
});
