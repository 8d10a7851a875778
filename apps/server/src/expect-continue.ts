// `Expect: 100-continue`: Node answers "100 Continue" by itself as soon as the headers arrive, so a
// client sending an oversized body starts uploading, the server answers 413 and closes, and the
// client sees a broken pipe instead of the coded error. Here the interim answer is sent only when
// a parser actually starts reading the body: a body refused on its headers (too large, wrong type,
// no credentials) gets its coded final answer before the client sends a byte of it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';

function expectsContinue(req: IncomingMessage): boolean {
  return /^100-continue$/i.test(String(req.headers.expect ?? '').trim());
}

/** The request body, asking the client for it ("100 Continue") at the first read. */
function continueOnRead(raw: IncomingMessage, res: ServerResponse): Readable {
  let started = false;
  const body = new Readable({
    read() {
      if (started) {
        raw.resume();
        return;
      }
      started = true;
      raw.on('data', (chunk: Buffer) => {
        if (!body.push(chunk)) raw.pause();
      });
      raw.on('end', () => body.push(null));
      raw.on('error', (e) => body.destroy(e));
      if (!res.headersSent) res.writeContinue();
    },
  });
  return body;
}

/** Call before routes are registered (the hook must reach every route). */
export function registerExpectContinue(app: FastifyInstance): void {
  // With a listener, Node no longer answers 100 itself; the request goes the ordinary way.
  app.server.on('checkContinue', (req, res) => app.server.emit('request', req, res));
  app.addHook('preParsing', async (request, reply, payload) => {
    if (!expectsContinue(request.raw)) return payload;
    // Whatever happens next, this connection's unread body must not be taken for a request.
    reply.header('connection', 'close');
    return continueOnRead(request.raw, reply.raw);
  });
}
