import { expect, test } from 'vitest';
import { errorFromBody } from './error-body.js';
import { ShelfsyncError } from './shelfsync-error.js';

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
