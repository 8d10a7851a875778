import { expect, test } from 'vitest';
import { ERROR_CODES, ERRORS, errorFromBody, ShelfsyncError } from './errors.js';

test('every error code has the stable format, a sentence in both languages and a status', () => {
  for (const code of ERROR_CODES) {
    const spec = ERRORS[code];
    expect(code).toMatch(/^[A-Z]+(_[A-Z0-9]+)*$/);
    expect(spec.message.length).toBeGreaterThan(10);
    expect(spec.message).toMatch(/[.!]$/);
    expect(spec.ru).toMatch(/[А-Яа-яЁё]/);
    expect(spec.status).toBeGreaterThanOrEqual(400);
    expect(spec.status).toBeLessThan(600);
  }
});

test('an error survives the trip through a response body', () => {
  const err = new ShelfsyncError('SYNC_MUTATION_GAP', undefined, { expected: 4 });
  const back = errorFromBody(JSON.parse(JSON.stringify(err.toBody())));
  expect(back.code).toBe('SYNC_MUTATION_GAP');
  expect(back.details).toEqual({ expected: 4 });
  expect(back.retryable).toBe(false);
});

test('an unreadable body becomes a retryable bad-response error', () => {
  expect(errorFromBody('<html>').code).toBe('SYNC_BAD_RESPONSE');
  expect(errorFromBody({ error: { code: 'NOPE', message: 'x' } }).code).toBe('SYNC_BAD_RESPONSE');
});
