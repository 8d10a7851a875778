import { expect, test } from 'vitest';
import { ERROR_CODES, ERRORS } from './errors.js';

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
