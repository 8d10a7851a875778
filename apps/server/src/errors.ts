// The server's single error path: every failure, ours or Fastify's, becomes one `{error:{code,…}}`
// body with the status ERRORS assigns to its code. Unexpected errors are logged, never leaked.
import { describeIssues, type ErrorCode, isErrorCode, ShelfsyncError } from '@shelfsync/protocol';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** Fastify's own error codes that mean the client sent something we cannot read. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQ_UNSUPPORTED_MEDIA',
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQ_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQ_MALFORMED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQ_MALFORMED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQ_MALFORMED',
  FST_ERR_BAD_URL: 'REQ_MALFORMED',
  FST_ERR_MAX_PARAM_LENGTH: 'REQ_NOT_FOUND',
};

/** The client went away or cut its upload short: its fault, not the server's, and nothing is stored. */
const CUT_OFF_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

/** Fallback for other 4xx errors raised by Fastify or its plugins, by status. */
const CLIENT_STATUS_CODES: Record<number, ErrorCode> = {
  404: 'REQ_NOT_FOUND',
  413: 'REQ_TOO_LARGE',
  415: 'REQ_UNSUPPORTED_MEDIA',
  429: 'REQ_RATE_LIMITED',
};

function isShelfsyncError(error: unknown): error is ShelfsyncError {
  if (error instanceof ShelfsyncError) return true;
  // A second copy of the protocol module (e.g. a bundled CLI) still produces recognisable errors.
  const e = error as { name?: unknown; code?: unknown; toBody?: unknown } | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    e.name === 'ShelfsyncError' &&
    typeof e.code === 'string' &&
    isErrorCode(e.code) &&
    typeof e.toBody === 'function'
  );
}

/** Maps anything thrown while serving a request to a ShelfsyncError; undefined means "unexpected". */
export function toShelfsyncError(error: unknown): ShelfsyncError | undefined {
  if (isShelfsyncError(error)) return error;
  if (error instanceof z.ZodError) {
    return new ShelfsyncError('REQ_VALIDATION', undefined, { issues: describeIssues(error) });
  }
  const fe = error as Partial<FastifyError> | null;
  if (typeof fe !== 'object' || fe === null) return undefined;
  const byCode = typeof fe.code === 'string' ? FASTIFY_CODES[fe.code] : undefined;
  if (byCode) return new ShelfsyncError(byCode);
  if (typeof fe.code === 'string' && CUT_OFF_CODES.has(fe.code)) {
    return new ShelfsyncError('REQ_MALFORMED', 'The request body was cut off before its end.');
  }
  const status = fe.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = CLIENT_STATUS_CODES[status] ?? 'REQ_MALFORMED';
    return new ShelfsyncError(code, undefined, { reason: String(fe.message) });
  }
  return undefined;
}

/** Seconds a client should wait before a retry, sent as Retry-After on every 429 and 503. */
export const DEFAULT_RETRY_AFTER_S = { 429: 60, 503: 5 } as const;

function retryAfterSeconds(error: ShelfsyncError): number | undefined {
  if (error.status !== 429 && error.status !== 503) return undefined;
  const ms = error.details?.['retryAfterMs'];
  if (typeof ms === 'number' && Number.isFinite(ms) && ms > 0) return Math.ceil(ms / 1000);
  return DEFAULT_RETRY_AFTER_S[error.status];
}

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = toShelfsyncError(error);
  if (known?.code === 'STORE_UNAVAILABLE') {
    // One line per request while the database is away, without a stack: it is expected, not a bug.
    request.log.warn({ code: known.code, details: known.details }, 'database unavailable');
  } else if (known === undefined || known.status >= 500) {
    request.log.error({ err: error }, 'request failed');
  }
  const answer = known ?? new ShelfsyncError('INTERNAL');
  const retryAfter = retryAfterSeconds(answer);
  if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
  // An upload refused mid-stream still has bytes in flight: close the connection after answering,
  // or the client keeps sending into a request nobody reads and the server cannot shut down.
  if (request.raw.complete === false) reply.header('connection', 'close');
  return reply.code(answer.status).type('application/json; charset=utf-8').send(answer.toBody());
}

/** Installs the one error handler, the not-found handler and the handler for pre-routing errors. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    sendError(
      new ShelfsyncError('REQ_NOT_FOUND', undefined, { method: request.method, url: request.url }),
      request,
      reply,
    ),
  );
}

/** For Fastify's `frameworkErrors` option: errors raised before a route is chosen (bad URL…). */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  return sendError(error, request, reply);
}
