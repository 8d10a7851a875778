// Request body parsing: buffered JSON (16 MiB) for ordinary endpoints, and the raw stream for
// catalog uploads, which may be far larger than memory should hold.
import { jsonDepth, MAX_JSON_DEPTH } from '@shelfsync/formats';
import { ShelfsyncError } from '@shelfsync/protocol';
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
      // Validation and canonical JSON walk a body recursively: a body nested thousands deep is
      // refused before it is parsed (docs/security.md, "Input limits").
      else if (jsonDepth(text) > MAX_JSON_DEPTH) {
        done(
          new ShelfsyncError(
            'REQ_MALFORMED',
            `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep.`,
            {
              maxDepth: MAX_JSON_DEPTH,
            },
          ),
          undefined,
        );
      } else parseJson(request, text, done);
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
