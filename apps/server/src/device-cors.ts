// The app is served on one origin (the server's Wi-Fi address) and, when Wi-Fi is gone, calls the
// device API on another: the cable, `http://localhost:PORT` through `adb reverse` (or the other way
// round). So the device API answers every origin, preflight included. A device proves itself with
// its token in the Authorization header, never with a cookie, so no credentials mode is needed, and
// an origin the server does not know gains nothing a token would not give it anyway. Everything else
// (the integration API, the app's own files) stays same-origin and carries no CORS header at all: a
// `Vary: Origin` on the app's files, which a general CORS plugin adds to every answer it sees, makes
// the service worker's precache miss on module scripts (they are requested with an Origin header),
// and the app would not start offline.
import { DEVICE_API_PREFIX } from '@shelfsync/protocol';
import type { FastifyInstance } from 'fastify';

const DEVICE_ROUTE = `${DEVICE_API_PREFIX}/`;

export function registerDeviceCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(DEVICE_ROUTE) || request.headers.origin === undefined) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'retry-after');
  });
  app.options(`${DEVICE_ROUTE}*`, { schema: { hide: true } }, async (request, reply) => {
    if (request.headers.origin === undefined) return reply.code(404).send();
    return reply
      .header('access-control-allow-origin', '*')
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', 'authorization, content-type, accept')
      .header('access-control-max-age', '600')
      .code(204)
      .send();
  });
}
