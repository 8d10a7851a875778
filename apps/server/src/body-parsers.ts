// Request body parsing: buffered JSON (16 MiB) for ordinary endpoints, and the raw stream for
// catalog uploads, which may be far larger than memory should hold.
import type { FastifyInstance } from 'fastify';

export const JSON_BODY_LIMIT = 16 * 1024 * 1024;
export const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson'];

/** Only JSON is accepted; anything else is REQ_UNSUPPORTED_MEDIA. An empty body reads as absent. */
export function registerJsonParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT },
    (request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text === '') done(null, undefined);
      else parseJson(request, text, done);
    },
  );
}

/**
 * Within one plugin, hands JSON and NDJSON bodies to the handler as the unread request stream. No
 * size limit applies here: the handler counts bytes as it reads.
 */
export function registerStreamParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', ...NDJSON_TYPES], (_request, payload, done) => {
    done(null, payload);
  });
}
