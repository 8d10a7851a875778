// Issue 14: a client announcing an oversized body with `Expect: 100-continue` gets the coded 413
// before it sends the body, not a broken pipe mid-upload. Real HTTP on loopback.
import { request } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { JSON_BODY_LIMIT } from './body-parsers.js';
import { type Harness, KEY, startHarness } from './testing/harness.js';

let h: Harness;
let port = 0;
beforeAll(async () => {
  h = await startHarness();
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  port = (h.app.server.address() as { port: number }).port;
});
afterAll(() => h.close());

interface Answer {
  status: number;
  body: string;
  /** Whether the server asked for the body. */
  continued: boolean;
  /** A socket error seen while sending (EPIPE, ECONNRESET), if any. */
  sendError?: string;
}

/** Sends headers with Expect: 100-continue and the body only if the server asks for it. */
function post(url: string, length: number, type: string, auth = true): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let continued = false;
    let sendError: string | undefined;
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'PUT',
      path: url,
      headers: {
        ...(auth ? KEY : {}),
        'content-type': type,
        'content-length': String(length),
        expect: '100-continue',
      },
    });
    req.on('continue', () => {
      continued = true;
      const chunk = Buffer.alloc(Math.min(length, 64 * 1024), 0x20);
      let left = length;
      const write = () => {
        while (left > 0) {
          const n = Math.min(left, chunk.length);
          left -= n;
          if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n)))
            return void req.once('drain', write);
        }
        req.end();
      };
      write();
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, continued, ...(sendError ? { sendError } : {}) }),
      );
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      sendError = e.code ?? e.message;
      if (!continued) reject(e);
    });
  });
}

test('an oversized JSON body announced with Expect: 100-continue is refused with 413 before it is sent', async () => {
  const answer = await post('/api/v1/config', 4 * JSON_BODY_LIMIT, 'application/json');
  expect(answer.continued).toBe(false);
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'REQ_TOO_LARGE' } });
  expect(answer.sendError).toBeUndefined();
});

test('a body refused on its headers (no credentials) is not asked for either', async () => {
  const answer = await post('/api/v1/config', 1024, 'application/yaml', false);
  expect(answer.continued).toBe(false);
  expect(answer.status).toBe(401);
});

test('a body within the limit is asked for and read', async () => {
  const answer = await post('/api/v1/config', 100, 'application/yaml');
  expect(answer.continued).toBe(true);
  // 100 spaces are an empty YAML document: a coded refusal after reading it, not a hang.
  expect(answer.status).toBe(400);
  expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'CONFIG_INVALID' } });
});
