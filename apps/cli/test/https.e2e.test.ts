// Server mode over HTTPS, with whole processes: `shelfsync serve --https` issues itself a certificate
// from a local CA kept in the data directory; a terminal that trusts that CA enrolls and exchanges,
// one that does not is refused with the reason; a restart keeps the same CA.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import path from 'node:path';
import { expect, test } from 'vitest';
import { cli, enrollWithPrintedCode, freePort, removeDir, runCli, tempDir } from '../src/testing/harness.js';
import { loopbackFixture } from '../src/testing/loopback-fixture.js';

const e2e = loopbackFixture('https');

/** A GET that trusts only `ca`: what a terminal with the CA installed sees. */
function getWithCa(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

test('a terminal that trusts the local CA exchanges over HTTPS; one that does not is told why', async () => {
  const port = await e2e.port();
  let server = await e2e.startServer({ demo: true, extraArgs: ['--https', '--tls-name', 'wms.test'] });
  expect(server.url).toBe(`https://127.0.0.1:${port}`);
  const caFile = path.join(e2e.dataDir, 'tls', 'ca.crt');
  const ca = readFileSync(caFile, 'utf8');
  const fingerprint = new X509Certificate(ca).fingerprint256;
  expect(server.output()).toContain(`SHA-256 ${fingerprint}`);
  expect(server.output()).toContain(`${server.url}/ca.crt`);
  expect(server.output()).toMatch(/valid for: .*wms\.test/);

  // The CA is downloadable for installing on terminals; the server certificate chains to it.
  const download = await getWithCa(`${server.url}/ca.crt`, ca);
  expect(download).toEqual({ status: 200, body: ca });
  // Plain fetch, without the CA, does not trust the server: verification is real.
  await expect(fetch(`${server.url}/api/docs/json`)).rejects.toThrow();

  // Without the CA the terminal cannot enroll, and says it is the certificate.
  const untrusted = await runCli([
    'terminal',
    'enroll',
    '--server',
    server.url,
    '--code',
    server.enrollmentCode,
    '--state',
    e2e.stateDir,
  ]);
  expect(untrusted.code).not.toBe(0);
  expect(untrusted.stderr).toContain('TLS_UNTRUSTED');
  expect(untrusted.stderr).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY/);

  // Plain HTTP typed at the HTTPS port: the CA (to install before trusting) and a redirect, not silence.
  const plainUrl = server.url.replace('https://', 'http://');
  const plainCa = await fetch(`${plainUrl}/ca.crt`);
  expect(plainCa.status).toBe(200);
  expect(await plainCa.text()).toBe(ca);
  const redirected = await fetch(`${plainUrl}/api/docs`, { redirect: 'manual' });
  expect(redirected.status).toBe(308);
  expect(redirected.headers.get('location')).toBe(`${server.url}/api/docs`);

  const trust = { NODE_EXTRA_CA_CERTS: caFile };
  await enrollWithPrintedCode(server, e2e.stateDir, trust);
  await cli(['terminal', 'sync', '--state', e2e.stateDir], trust);
  const status = JSON.parse(await cli(['terminal', 'status', '--json', '--state', e2e.stateDir], trust)) as {
    counts: { products: number };
  };
  expect(status.counts.products).toBeGreaterThan(0);

  // A restart keeps the CA and the certificate: terminals need nothing new.
  await server.stop();
  server = await e2e.startServer({ extraArgs: ['--https', '--tls-name', 'wms.test'] });
  expect(readFileSync(caFile, 'utf8')).toBe(ca);
  const again = JSON.parse(await cli(['terminal', 'sync', '--json', '--state', e2e.stateDir], trust)) as {
    complete: boolean;
  };
  expect(again.complete).toBe(true);
}, 120_000);

test('an unusable certificate stops the server at start with a clear line', async () => {
  const dir = tempDir('bad-tls');
  try {
    const port = await freePort();
    const keyAsCert = path.join(e2e.dataDir, 'tls', 'server.key');
    const result = await runCli([
      'serve',
      '--data',
      dir,
      '--port',
      String(port),
      '--tls-cert',
      keyAsCert,
      '--tls-key',
      keyAsCert,
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('is not a PEM certificate');
  } finally {
    removeDir(dir);
  }
}, 60_000);
