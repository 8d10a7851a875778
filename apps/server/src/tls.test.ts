import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { certificateNames, prepareTls, reachableNames } from './tls.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shelfsync-tls-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const tlsDir = () => join(dir, 'tls');

test('the first start makes a local CA and a server certificate it signed, naming every address', async () => {
  const made = await prepareTls({ dir: tlsDir(), names: ['WMS.local', '10.0.5.2'] });
  expect(made.issued).toBe(true);
  const cert = new X509Certificate(made.cert);
  const ca = new X509Certificate(made.caCert ?? '');
  expect(ca.ca).toBe(true);
  expect(cert.ca).toBe(false);
  expect(cert.verify(ca.publicKey)).toBe(true);
  expect(cert.checkPrivateKey((await import('node:crypto')).createPrivateKey(made.key))).toBe(true);
  expect(certificateNames(cert)).toEqual(
    expect.arrayContaining(['localhost', '127.0.0.1', '::1', 'wms.local', '10.0.5.2']),
  );
  expect(made.fingerprint).toBe(ca.fingerprint256);
  // Keys are readable by the owner only.
  expect((await stat(join(tlsDir(), 'ca.key'))).mode & 0o077).toBe(0);
  expect((await stat(join(tlsDir(), 'server.key'))).mode & 0o077).toBe(0);
});

test('a restart reuses both; a new address re-issues the server certificate under the same CA', async () => {
  const first = await prepareTls({ dir: tlsDir() });
  const again = await prepareTls({ dir: tlsDir() });
  expect(again.issued).toBe(false);
  expect(again.cert).toBe(first.cert);
  const widened = await prepareTls({ dir: tlsDir(), names: ['10.9.9.9'] });
  expect(widened.issued).toBe(true);
  expect(widened.caCert).toBe(first.caCert);
  expect(certificateNames(new X509Certificate(widened.cert))).toContain('10.9.9.9');
});

test('a server certificate near its expiry is re-issued at start; the CA stays', async () => {
  const first = await prepareTls({ dir: tlsDir() });
  const validTo = Date.parse(new X509Certificate(first.cert).validTo);
  const later = await prepareTls({ dir: tlsDir(), now: new Date(validTo - 10 * 86_400_000) });
  expect(later.issued).toBe(true);
  expect(later.caCert).toBe(first.caCert);
  expect(Date.parse(new X509Certificate(later.cert).validTo)).toBeGreaterThan(validTo);
});

test('a server certificate not signed by the kept CA is replaced', async () => {
  await prepareTls({ dir: tlsDir() });
  const other = await prepareTls({ dir: join(dir, 'other') });
  await writeFile(join(tlsDir(), 'server.crt'), other.cert);
  await writeFile(join(tlsDir(), 'server.key'), other.key);
  const fixed = await prepareTls({ dir: tlsDir() });
  expect(fixed.issued).toBe(true);
  expect(new X509Certificate(fixed.cert).verify(new X509Certificate(fixed.caCert ?? '').publicKey)).toBe(
    true,
  );
});

test("the admin's own certificate is used as it is; a key that does not match is refused", async () => {
  const own = await prepareTls({ dir: join(dir, 'own') });
  const certFile = join(dir, 'own', 'server.crt');
  const keyFile = join(dir, 'own', 'server.key');
  const used = await prepareTls({ dir: tlsDir(), certFile, keyFile });
  expect(used).toMatchObject({ cert: own.cert, key: own.key, issued: false });
  expect(used.caCert).toBeUndefined();
  await expect(prepareTls({ dir: tlsDir(), certFile, keyFile: join(dir, 'own', 'ca.key') })).rejects.toThrow(
    /is not the key of the certificate/,
  );
  await expect(prepareTls({ dir: tlsDir(), certFile: keyFile, keyFile })).rejects.toThrow(
    /is not a PEM certificate/,
  );
  await expect(prepareTls({ dir: tlsDir(), certFile })).rejects.toThrow(/go together/);
  // Each refusal carries its code from the error table, for the one line `shelfsync serve` prints.
  await expect(prepareTls({ dir: tlsDir(), certFile, keyFile: certFile })).rejects.toMatchObject({
    code: 'TLS_KEY_INVALID',
  });
  await expect(prepareTls({ dir: tlsDir(), certFile: keyFile, keyFile })).rejects.toMatchObject({
    code: 'TLS_CERT_INVALID',
  });
  await expect(
    prepareTls({ dir: tlsDir(), certFile, keyFile: join(dir, 'own', 'ca.key') }),
  ).rejects.toMatchObject({ code: 'TLS_KEY_MISMATCH' });
  // Nothing was generated for the admin's setup.
  await expect(readFile(join(tlsDir(), 'ca.crt'))).rejects.toMatchObject({ code: 'ENOENT' });
});

test('reachable names always include the loopback names, once each, IPv6 compressed', () => {
  const names = reachableNames(['0:0:0:0:0:0:0:1', 'LOCALHOST', ' ']);
  expect(names.filter((n) => n === '::1')).toHaveLength(1);
  expect(names.filter((n) => n === 'localhost')).toHaveLength(1);
  expect(names).not.toContain('');
});
