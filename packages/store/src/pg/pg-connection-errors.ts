// Which PostgreSQL failures mean "the database is out of reach for now" (a restart, a failover, a
// closed or refused connection) rather than a bug or bad data: those become STORE_UNAVAILABLE, a
// retryable 503, and the pool replaces the connection on its own.
import { ShelfsyncError } from '@shelfsync/protocol';

/** SQLSTATEs of a connection the server closed or refused; class 08 is added below. */
const LOST_SQLSTATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a fast or smart shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
]);

const LOST_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** node-postgres reports a dropped socket or a client it gave up on with these messages. */
const LOST_MESSAGES = [
  'Connection terminated',
  'not queryable',
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
];

export function isConnectionLost(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (error instanceof AggregateError) return error.errors.some(isConnectionLost);
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (LOST_SQLSTATES.has(code) || LOST_NODE_CODES.has(code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return typeof message === 'string' && LOST_MESSAGES.some((m) => message.includes(m));
}

/** The error a request sees: STORE_UNAVAILABLE for a lost database, anything else unchanged. */
export function asStoreError(error: unknown): unknown {
  if (error instanceof ShelfsyncError || !isConnectionLost(error)) return error;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return new ShelfsyncError('STORE_UNAVAILABLE', undefined, {
    reason: typeof code === 'string' ? code : String(message),
  });
}
