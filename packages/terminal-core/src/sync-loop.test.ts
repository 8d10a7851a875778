import { ShelfsyncError } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { SyncLoop, type SyncLoopEvent } from './sync-loop.js';
import { ManualTimers } from './testing/manual-timers.js';

type Summary = { complete: boolean };

/** A sync whose answers are scripted; each call waits until released. */
function scripted(results: (Summary | Error)[]) {
  let calls = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const sync = async (): Promise<Summary> => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, 1));
    inFlight--;
    const result = results[Math.min(calls++, results.length - 1)]!;
    if (result instanceof Error) throw result;
    return result;
  };
  return { sync, calls: () => calls, maxInFlight: () => maxInFlight };
}

const offline = () => new ShelfsyncError('SYNC_OFFLINE');

function loopWith(results: (Summary | Error)[], timers: ManualTimers) {
  const script = scripted(results);
  const events: SyncLoopEvent<Summary>[] = [];
  const loop = new SyncLoop({ sync: script.sync, timers, random: () => 1, onResult: (e) => events.push(e) });
  return { loop, script, events };
}

test('retryable failures back off 5 s, 10 s, 20 s … up to 5 min, and a success resets', async () => {
  const timers = new ManualTimers();
  const results = [...Array.from({ length: 9 }, offline), { complete: true }, offline()];
  const { loop, events } = loopWith(results, timers);
  await loop.start();
  for (let i = 0; i < 9; i++) {
    const wait = events[events.length - 1]!.nextInMs;
    timers.advance(wait);
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(events.map((e) => e.nextInMs)).toEqual([
    5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000, 60_000,
  ]);
  timers.advance(60_000);
  await new Promise((r) => setTimeout(r, 5));
  expect(events[events.length - 1]).toMatchObject({ ok: false, nextInMs: 5_000 });
  await loop.stop();
});

test('jitter spreads a delay over its upper half', async () => {
  const timers = new ManualTimers();
  const loop = new SyncLoop({ sync: async () => Promise.reject(offline()), timers, random: () => 0 });
  await loop.start();
  expect(timers.waiting).toEqual([2_500]);
  await loop.stop();
});

test('a permanent failure waits the longest delay; an incomplete exchange backs off', async () => {
  const timers = new ManualTimers();
  const { loop, events } = loopWith([new ShelfsyncError('AUTH_INVALID_TOKEN'), { complete: false }], timers);
  await loop.start();
  await loop.trigger();
  expect(events.map((e) => [e.ok, e.nextInMs])).toEqual([
    [false, 300_000],
    [true, 10_000],
  ]);
  await loop.stop();
});

test('trigger runs at once, never two exchanges together, and one more after a trigger mid-run', async () => {
  const timers = new ManualTimers();
  const { loop, script } = loopWith([{ complete: true }], timers);
  void loop.start();
  const a = loop.trigger();
  const b = loop.trigger();
  await Promise.all([a, b]);
  expect(script.calls()).toBe(2);
  expect(script.maxInFlight()).toBe(1);
  expect(timers.waiting).toEqual([60_000]);
  timers.advance(60_000);
  await loop.trigger();
  expect(script.calls()).toBeGreaterThanOrEqual(3);
  await loop.stop();
  expect(timers.waiting).toEqual([]);
  await loop.trigger();
  const after = script.calls();
  timers.advance(3_600_000);
  expect(script.calls()).toBe(after);
});

test('an interval given as a function is asked again at each scheduling', async () => {
  const timers = new ManualTimers();
  const script = scripted([{ complete: true }]);
  const events: SyncLoopEvent<Summary>[] = [];
  let interval = 60_000;
  const loop = new SyncLoop({
    sync: script.sync,
    timers,
    intervalMs: () => interval,
    onResult: (e) => events.push(e),
  });
  await loop.start();
  interval = 15_000;
  timers.advance(60_000);
  await new Promise((r) => setTimeout(r, 5));
  expect(events.map((e) => e.nextInMs)).toEqual([60_000, 15_000]);
  await loop.stop();
});
