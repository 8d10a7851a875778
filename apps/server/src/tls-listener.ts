// The HTTPS listener: TLS 1.2 and 1.3 with forward-secret AEAD suites only, and one port for both
// protocols. A connection whose first byte is not a TLS handshake record (0x16) is plain HTTP typed
// at the HTTPS address: it gets the local CA at /ca.crt (so a terminal can fetch it before trusting
// it; its fingerprint is compared on the device) and a 308 redirect to https:// for anything else,
// instead of a connection closed without a word.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { Socket } from 'node:net';

/** ECDHE key exchange with GCM or ChaCha20-Poly1305 (TLS 1.2), and TLS 1.3's own suites (all AEAD). */
export const TLS_CIPHERS = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

export interface HttpsListenOptions {
  /** The certificate chain to send (leaf first, then the CAs) and its key, PEM. */
  cert: string;
  key: string;
  /** The local CA, served over plain HTTP at /ca.crt too; absent with the admin's own certificate. */
  caCert?: string | undefined;
}

const TLS_HANDSHAKE = 0x16;

/** Answers plain HTTP that reached the HTTPS port. */
function plainHttpAnswer(caCert: string | undefined) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    if (caCert && (request.method === 'GET' || request.method === 'HEAD') && path === '/ca.crt') {
      response.writeHead(200, {
        'content-type': 'application/x-x509-ca-cert',
        'content-disposition': 'attachment; filename="shelfsync-ca.crt"',
        connection: 'close',
      });
      response.end(request.method === 'HEAD' ? undefined : caCert);
      return;
    }
    const host = request.headers.host;
    if (!host || /[\s/\\@]/.test(host) || !path.startsWith('/')) {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      response.end('This port speaks HTTPS.\n');
      return;
    }
    // 308 keeps the method and body, so an API client's POST is redirected as a POST.
    response.writeHead(308, { location: `https://${host}${path}`, connection: 'close' });
    response.end();
  };
}

/** A Fastify `serverFactory` for HTTPS that also turns plain HTTP on the port into a redirect. */
export function httpsServerFactory(options: HttpsListenOptions) {
  return (handler: (request: IncomingMessage, response: ServerResponse) => void): HttpsServer => {
    const server = createHttpsServer(
      {
        cert: options.cert,
        key: options.key,
        minVersion: 'TLSv1.2',
        ciphers: TLS_CIPHERS,
        honorCipherOrder: true,
      },
      handler,
    );
    const plain = createHttpServer(plainHttpAnswer(options.caCert));
    plain.on('clientError', (_error, socket: Socket) => socket.destroy());
    const tlsListeners = server.listeners('connection') as ((socket: Socket) => void)[];
    server.removeAllListeners('connection');
    server.on('connection', (socket: Socket) => {
      socket.once('data', (first: Buffer) => {
        socket.pause();
        socket.unshift(first);
        if (first[0] === TLS_HANDSHAKE) {
          for (const listener of tlsListeners) listener.call(server, socket);
        } else {
          plain.emit('connection', socket);
          socket.resume();
        }
      });
      // A connection closed before its first byte needs no answer.
      socket.once('error', () => socket.destroy());
    });
    server.on('close', () => plain.close());
    return server;
  };
}
