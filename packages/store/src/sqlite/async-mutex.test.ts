import { expect, test } from 'vitest';
import { AsyncMutex } from './async-mutex.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

test('runs callers one at a time, in arrival order', async () => {
  const mutex = new AsyncMutex();
  const log: string[] = [];
  const job = (name: string) =>
    mutex.run(async () => {
      log.push(`${name}:start`);
      await tick();
      log.push(`${name}:end`);
      return name;
    });
  const results = await Promise.all([job('a'), job('b'), job('c')]);
  expect(results).toEqual(['a', 'b', 'c']);
  expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
});

test('a failing caller releases the lock for the next one', async () => {
  const mutex = new AsyncMutex();
  const failed = mutex.run(async () => {
    await tick();
    throw new Error('boom');
  });
  const next = mutex.run(() => 'next');
  await expect(failed).rejects.toThrow('boom');
  await expect(next).resolves.toBe('next');
});
