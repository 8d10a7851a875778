// The HTTPS port on a real socket: AEAD suites only, TLS 1.2 at least, the chain sent whole, and
// plain HTTP on the same port answered with the CA or a redirect.

import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConnectionOptions, connect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openServer, type RunningServer } from './open-server.js';

let dir = '';
let server: RunningServer;
let port = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shelfsync-tls-listener-'));
  server = await openServer({
    dataDir: dir,
    port: 0,
    apiKey: 'tls-test-key-0123456789',
    logger: false,
    tls: {},
  });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A TLS handshake with `options`: the socket when it succeeds, the error otherwise. */
function handshake(options: ConnectionOptions): Promise<TLSSocket | Error> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ...options });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', (error) => resolve(error));
  });
}

function plainHttp(
  method: string,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => {
        body += d.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.once('error', reject);
    req.end();
  });
}

test('TLS 1.2 with an AEAD suite and TLS 1.3 connect; CBC suites and TLS 1.1 are refused', async () => {
  const ca = server.tls?.caCert ?? '';
  const gcm = await handshake({ ca, maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256' });
  expect(gcm).not.toBeInstanceOf(Error);
  (gcm as TLSSocket).destroy();
  const chacha = await handshake({ ca, maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-CHACHA20-POLY1305' });
  expect((chacha as TLSSocket).getCipher?.().name).toBe('ECDHE-ECDSA-CHACHA20-POLY1305');
  (chacha as TLSSocket).destroy();
  const tls13 = await handshake({ ca });
  expect((tls13 as TLSSocket).getProtocol?.()).toBe('TLSv1.3');
  (tls13 as TLSSocket).destroy();
  for (const cbc of ['ECDHE-ECDSA-AES128-SHA', 'ECDHE-ECDSA-AES256-SHA384', 'ECDHE-ECDSA-AES128-SHA256']) {
    expect(await handshake({ ca, maxVersion: 'TLSv1.2', ciphers: cbc }), cbc).toBeInstanceOf(Error);
  }
  expect(
    await handshake({ ca, minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' }),
  ).toBeInstanceOf(Error);
});

test('the server sends its chain: the leaf and the local CA that signed it', async () => {
  const socket = (await handshake({ rejectUnauthorized: false })) as TLSSocket;
  const leaf = socket.getPeerCertificate(true);
  socket.destroy();
  expect(leaf.issuerCertificate?.fingerprint256).toBe(server.tls?.fingerprint);
});

test('plain HTTP on the HTTPS port: the CA at /ca.crt, a 308 to https:// for the rest, and HTTPS still works', async () => {
  const ca = await plainHttp('GET', '/ca.crt');
  expect(ca.status).toBe(200);
  expect(ca.body).toBe(server.tls?.caCert);
  const redirected = await plainHttp('POST', '/device/v1/enroll?x=1');
  expect(redirected.status).toBe(308);
  expect(redirected.headers['location']).toBe(`https://127.0.0.1:${port}/device/v1/enroll?x=1`);
  const over = await fetchOverTls('/ca.crt');
  expect(over).toContain('BEGIN CERTIFICATE');
});

async function fetchOverTls(path: string): Promise<string> {
  const socket = (await handshake({ ca: server.tls?.caCert ?? '' })) as TLSSocket;
  return new Promise((resolve, reject) => {
    let text = '';
    socket.on('data', (d: Buffer) => {
      text += d.toString();
    });
    socket.once('end', () => resolve(text));
    socket.once('error', reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
  });
}
