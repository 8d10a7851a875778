// Guessing enrollment codes: wrong codes are limited per address and server-wide, limits refill over
// time, every 429 says when to come back, and one start-up code is live however often the server starts.
import { EnrollResponseSchema } from '@shelfsync/protocol';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createEnrollmentCode, createStartupEnrollmentCode } from '../enrollment-code.js';
import { ENROLL_LIMITS } from '../enrollment-guard.js';
import { codeOf, type Harness, startHarness } from '../testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const T0 = new Date('2026-11-25T10:00:00.000Z');
const at = (ms: number) => h.setNow(new Date(T0.getTime() + ms));
const enroll = (code: string, remoteAddress = '10.0.0.1') =>
  h.app.inject({ method: 'POST', url: '/device/v1/enroll', payload: { code }, remoteAddress });
const newCode = async () => (await createEnrollmentCode(h.store, 86_400_000, T0)).code;
/** A code that is surely not live (codes are random; one in 10^8 would be a real one). */
const WRONG = '0000-0001';

test('wrong codes from one address are limited; the 429 says when to retry; the limit refills', async () => {
  const perAddress = ENROLL_LIMITS.wrongCodesPerAddress.capacity;
  for (let i = 0; i < perAddress; i++) expect(codeOf(await enroll(WRONG))).toBe('ENROLL_CODE_INVALID');
  const limited = await enroll(WRONG);
  expect(limited.statusCode).toBe(429);
  expect(codeOf(limited)).toBe('REQ_RATE_LIMITED');
  const retryAfter = Number(limited.headers['retry-after']);
  expect(retryAfter).toBe(ENROLL_LIMITS.wrongCodesPerAddress.refillEveryMs / 1000);
  // A right code from that address waits too (or the limit would not hold), but only until the refill.
  const code = await newCode();
  expect(codeOf(await enroll(code))).toBe('REQ_RATE_LIMITED');
  // Another address is not affected.
  expect(codeOf(await enroll(WRONG, '10.0.0.2'))).toBe('ENROLL_CODE_INVALID');
  at(retryAfter * 1000);
  expect((await enroll(code)).statusCode).toBe(200);
  // The success gave its unit back; one more wrong code is allowed, then the address waits again.
  expect(codeOf(await enroll(WRONG))).toBe('ENROLL_CODE_INVALID');
  expect(codeOf(await enroll(WRONG))).toBe('REQ_RATE_LIMITED');
});

test('many terminals behind one address enroll: right codes do not spend the wrong-code budget', async () => {
  const count = ENROLL_LIMITS.wrongCodesPerAddress.capacity + 5;
  const codes = await Promise.all(Array.from({ length: count }, () => newCode()));
  for (const [i, code] of codes.entries()) {
    at(i * ENROLL_LIMITS.requestsPerAddress.refillEveryMs);
    const res = await enroll(code);
    expect(res.statusCode, res.body).toBe(200);
    EnrollResponseSchema.parse(res.json());
  }
});

test('guessing from many addresses spends the server-wide budget: enrollment pauses, the code survives', async () => {
  const code = await newCode();
  const { capacity } = ENROLL_LIMITS.wrongCodesServerWide;
  const perAddress = ENROLL_LIMITS.wrongCodesPerAddress.capacity;
  let guesses = 0;
  for (let a = 0; guesses < capacity; a++) {
    for (let i = 0; i < perAddress && guesses < capacity; i++, guesses++) {
      expect(codeOf(await enroll(WRONG, `10.1.${a}.1`))).toBe('ENROLL_CODE_INVALID');
    }
  }
  // A fresh address, wrong or right code: paused for everyone, with Retry-After.
  const locked = await enroll(WRONG, '10.2.0.1');
  expect(locked.statusCode).toBe(429);
  expect(codeOf(locked)).toBe('ENROLL_LOCKED');
  expect(Number(locked.headers['retry-after'])).toBe(ENROLL_LIMITS.wrongCodesServerWide.refillEveryMs / 1000);
  expect(codeOf(await enroll(code, '10.2.0.2'))).toBe('ENROLL_LOCKED');
  // The pause ends as the budget refills; the legitimate code was never burned.
  at(ENROLL_LIMITS.wrongCodesServerWide.refillEveryMs);
  expect((await enroll(code, '10.2.0.2')).statusCode).toBe(200);
});

test('parallel guesses cannot slip past the limit before their codes are checked', async () => {
  const perAddress = ENROLL_LIMITS.wrongCodesPerAddress.capacity;
  const answers = await Promise.all(Array.from({ length: perAddress * 3 }, () => enroll(WRONG)));
  const codes = answers.map(codeOf);
  expect(codes.filter((c) => c === 'ENROLL_CODE_INVALID')).toHaveLength(perAddress);
  expect(codes.filter((c) => c === 'REQ_RATE_LIMITED')).toHaveLength(perAddress * 2);
  for (const a of answers.filter((r) => r.statusCode === 429)) expect(a.headers['retry-after']).toBeDefined();
});

test('a flood of requests from one address is limited before any code is checked', async () => {
  const { capacity } = ENROLL_LIMITS.requestsPerAddress;
  const codes = await Promise.all(Array.from({ length: capacity }, () => newCode()));
  for (const code of codes) expect((await enroll(code)).statusCode).toBe(200);
  const flooded = await enroll(await newCode());
  expect(codeOf(flooded)).toBe('REQ_RATE_LIMITED');
  expect(Number(flooded.headers['retry-after'])).toBeGreaterThan(0);
});

test('each start ends the previous start-up code: one is live however often the server restarts', async () => {
  const fromApi = await newCode();
  const other = await createStartupEnrollmentCode(h.store, 'host-b:/var/lib/shelfsync', 86_400_000, T0);
  const starts = [];
  for (let i = 0; i < 5; i++)
    starts.push(await createStartupEnrollmentCode(h.store, 'host-a:/var/lib/shelfsync', 86_400_000, T0));
  expect(starts.map((s) => s.replaced)).toEqual([false, true, true, true, true]);
  for (const earlier of starts.slice(0, -1))
    expect(codeOf(await enroll(earlier.code))).toBe('ENROLL_CODE_EXPIRED');
  expect((await enroll(starts.at(-1)?.code ?? '')).statusCode).toBe(200);
  // A used start-up code is simply not replaced; codes made through the API are never touched.
  expect(
    (await createStartupEnrollmentCode(h.store, 'host-a:/var/lib/shelfsync', 86_400_000, T0)).replaced,
  ).toBe(false);
  expect((await enroll(fromApi)).statusCode).toBe(200);
  // Another instance over the same database keeps its own.
  expect((await enroll(other.code)).statusCode).toBe(200);
});
