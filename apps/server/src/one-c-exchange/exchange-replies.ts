// How the exchange answers 1C: plain text lines (success/progress/failure) in the encoding the base
// expects, and every refusal as "failure" plus the reason line 1C shows to its user, with the
// error's HTTP status and its code in a header and in the reason.
import { ERRORS, ShelfsyncError } from '@shelfsync/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toShelfsyncError } from '../errors.js';
import type { OneCEncoding } from './sale-documents.js';
import { encodeXmlWindows1251 } from './windows-1251.js';

export const ERROR_CODE_HEADER = 'x-shelfsync-error';

function encodeText(text: string, encoding: OneCEncoding): Buffer {
  return encoding === 'utf-8' ? Buffer.from(text, 'utf8') : encodeXmlWindows1251(text);
}

export function sendLines(
  reply: FastifyReply,
  lines: readonly string[],
  encoding: OneCEncoding,
): FastifyReply {
  return reply
    .code(200)
    .type(`text/plain; charset=${encoding}`)
    .send(encodeText(`${lines.join('\n')}\n`, encoding));
}

/** The reason line: the Russian sentence for the code, the specific English detail, the code. */
export function reasonOf(error: ShelfsyncError): string {
  const spec = ERRORS[error.code];
  const detail = error.message !== spec.message ? ` ${error.message}` : '';
  return `${spec.ru}${detail} [${error.code}]`.replace(/[\r\n]+/g, ' ');
}

export function sendFailure(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  encoding: OneCEncoding,
): FastifyReply {
  const known = toShelfsyncError(error);
  if (known === undefined || known.status >= 500) request.log.error({ err: error }, '1C exchange failed');
  const answer = known ?? new ShelfsyncError('INTERNAL');
  if (request.raw.complete === false) reply.header('connection', 'close');
  if (answer.code === 'ONEC_AUTH_FAILED') {
    reply.header('www-authenticate', 'Basic realm="Shelfsync 1C exchange", charset="UTF-8"');
  }
  const retryAfterMs = answer.details?.['retryAfterMs'];
  if (typeof retryAfterMs === 'number') reply.header('retry-after', String(Math.ceil(retryAfterMs / 1000)));
  return reply
    .code(answer.status)
    .header(ERROR_CODE_HEADER, answer.code)
    .type(`text/plain; charset=${encoding}`)
    .send(encodeText(`failure\n${reasonOf(answer)}\n`, encoding));
}
