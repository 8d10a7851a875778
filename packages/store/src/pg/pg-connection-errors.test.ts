import { ShelfsyncError } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { asStoreError, isConnectionLost } from './pg-connection-errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

test('a closed, refused or reset connection is STORE_UNAVAILABLE, with the reason', () => {
  for (const lost of [
    withCode('57P01', 'terminating connection due to administrator command'),
    withCode('57P02'),
    withCode('57P03', 'the database system is starting up'),
    withCode('57P05'),
    withCode('08006'),
    withCode('ECONNREFUSED'),
    withCode('ECONNRESET'),
    new Error('Connection terminated unexpectedly'),
    new Error('Client has encountered a connection error and is not queryable'),
    new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]),
  ]) {
    expect(isConnectionLost(lost), lost.message).toBe(true);
    expect(asStoreError(lost)).toMatchObject({ code: 'STORE_UNAVAILABLE', status: 503, retryable: true });
  }
  expect((asStoreError(withCode('57P01')) as ShelfsyncError).details).toEqual({ reason: '57P01' });
});

test('bugs, bad data and our own errors pass through unchanged', () => {
  for (const other of [
    withCode('23505', 'duplicate key value violates unique constraint'),
    withCode('42P01', 'relation does not exist'),
    new Error('boom'),
    new ShelfsyncError('DOC_NOT_FOUND'),
    'a string',
    null,
  ]) {
    expect(isConnectionLost(other)).toBe(false);
    expect(asStoreError(other)).toBe(other);
  }
});
