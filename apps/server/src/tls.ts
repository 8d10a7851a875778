// HTTPS for server mode (DESIGN.md §7 Security). A terminal on Wi-Fi reaches the base by its LAN
// address, which is not a secure context over plain HTTP, so the PWA's service worker (offline start)
// would not run. The base therefore makes its own local certificate authority once, keeps it in the
// data directory, and issues itself a server certificate naming every address it can be reached
// by. An admin installs the CA (served at /ca.crt) on each terminal once; server certificates can
// then be re-issued (new IP, near expiry) without touching the terminals. An admin's own
// certificate and key are used as they are instead.

import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { ShelfsyncError } from '@shelfsync/protocol';
import { generate } from 'selfsigned';

/** The local CA lives long: terminals trust it once. */
const CA_DAYS = 10 * 365;
/** Server certificates are short enough for strict clients and re-issued at start when near expiry. */
const SERVER_DAYS = 397;
const RENEW_BEFORE_DAYS = 30;
const DAY_MS = 86_400_000;

export interface TlsOptions {
  /** Where the generated CA and server certificate are kept (`<data>/tls`). */
  dir: string;
  /** The admin's own certificate chain and key (PEM files); nothing is generated then. */
  certFile?: string | undefined;
  keyFile?: string | undefined;
  /** More names or addresses terminals use to reach the base (e.g. `wms.local`, `10.0.5.2`). */
  names?: readonly string[] | undefined;
  now?: Date | undefined;
}

export interface TlsMaterial {
  key: string;
  cert: string;
  /** The local CA to install on terminals (PEM); absent with the admin's own certificate. */
  caCert?: string;
  /** SHA-256 fingerprint of the CA (or of the admin's certificate), to compare on a terminal. */
  fingerprint: string;
  /** DNS names and IP addresses the server certificate is valid for. */
  names: string[];
  /** True when this start issued a new server certificate. */
  issued: boolean;
}

/** Addresses this machine answers on, the loopback names, and the admin's extra names. */
export function reachableNames(extra: readonly string[] = []): string[] {
  const names = new Set<string>(['localhost', '127.0.0.1', '::1']);
  const host = hostname();
  if (host) {
    names.add(host.toLowerCase());
    if (!host.includes('.')) names.add(`${host.toLowerCase()}.local`);
  }
  for (const list of Object.values(networkInterfaces())) {
    for (const nic of list ?? [])
      if (!nic.internal && !nic.address.startsWith('fe80:')) names.add(nic.address);
  }
  for (const name of extra) if (name.trim()) names.add(name);
  return [...new Set([...names].map(canonical))];
}

const isIp = (name: string) => /^[\d.]+$/.test(name) || name.includes(':');

/** One spelling per name: lower case, IPv6 compressed (certificates spell it out in full). */
function canonical(name: string): string {
  const lower = name.trim().toLowerCase();
  if (!lower.includes(':')) return lower;
  try {
    return new URL(`http://[${lower}]/`).hostname.slice(1, -1);
  } catch {
    return lower;
  }
}

/** The names in a certificate's subjectAltName ("DNS:a, IP Address:1.2.3.4"). */
export function certificateNames(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(',')
    .map((part) => part.trim())
    .map((part) => part.replace(/^DNS:/, '').replace(/^IP Address:/, ''))
    .map(canonical)
    .filter((name) => name !== '');
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Written under a temporary name first, so a crash never leaves half a key behind. */
async function writeSecret(file: string, text: string, mode: number): Promise<void> {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, text, { mode });
  await rename(tmp, file);
}

async function adminMaterial(certFile: string, keyFile: string): Promise<TlsMaterial> {
  const [certPem, keyPem] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    throw new ShelfsyncError('TLS_CERT_INVALID', `${certFile} is not a PEM certificate.`, { file: certFile });
  }
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(keyPem);
  } catch {
    throw new ShelfsyncError(
      'TLS_KEY_INVALID',
      `${keyFile} is not a PEM private key (an encrypted key must be decrypted first).`,
      { file: keyFile },
    );
  }
  if (!cert.checkPrivateKey(key))
    throw new ShelfsyncError(
      'TLS_KEY_MISMATCH',
      `${keyFile} is not the key of the certificate in ${certFile}.`,
      {
        keyFile,
        certFile,
      },
    );
  return {
    key: keyPem,
    cert: certPem,
    fingerprint: cert.fingerprint256,
    names: certificateNames(cert),
    issued: false,
  };
}

async function localCa(dir: string, now: Date): Promise<{ key: string; cert: string }> {
  const [key, cert] = await Promise.all([
    readIfPresent(join(dir, 'ca.key')),
    readIfPresent(join(dir, 'ca.crt')),
  ]);
  if (key && cert) return { key, cert };
  const made = await generate([{ name: 'commonName', value: `Shelfsync local CA (${hostname()})` }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY_MS),
    notAfterDate: new Date(now.getTime() + CA_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  await writeSecret(join(dir, 'ca.key'), made.private, 0o600);
  await writeSecret(join(dir, 'ca.crt'), made.cert, 0o644);
  return { key: made.private, cert: made.cert };
}

/** A server certificate is kept while it is the CA's, names every address, and is not near expiry. */
function stillGood(certPem: string, caPem: string, names: readonly string[], now: Date): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    if (!cert.verify(ca.publicKey)) return false;
    if (Date.parse(cert.validTo) - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return false;
    const held = new Set(certificateNames(cert));
    return names.every((n) => held.has(n));
  } catch {
    return false;
  }
}

/** The certificate and key to listen with, issuing what is missing. */
export async function prepareTls(opts: TlsOptions): Promise<TlsMaterial> {
  if (opts.certFile || opts.keyFile) {
    if (!opts.certFile || !opts.keyFile)
      throw new ShelfsyncError('CLI_USAGE', '--tls-cert and --tls-key go together.');
    return adminMaterial(opts.certFile, opts.keyFile);
  }
  const now = opts.now ?? new Date();
  await mkdir(opts.dir, { recursive: true, mode: 0o700 });
  const ca = await localCa(opts.dir, now);
  const caFingerprint = new X509Certificate(ca.cert).fingerprint256;
  const names = reachableNames(opts.names);
  const [key, cert] = await Promise.all([
    readIfPresent(join(opts.dir, 'server.key')),
    readIfPresent(join(opts.dir, 'server.crt')),
  ]);
  if (key && cert && stillGood(cert, ca.cert, names, now)) {
    return {
      key,
      cert,
      caCert: ca.cert,
      fingerprint: caFingerprint,
      names: certificateNames(new X509Certificate(cert)),
      issued: false,
    };
  }
  const made = await generate(
    [{ name: 'commonName', value: names.find((n) => !isIp(n) && n !== 'localhost') ?? 'localhost' }],
    {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate: new Date(now.getTime() - DAY_MS),
      notAfterDate: new Date(now.getTime() + SERVER_DAYS * DAY_MS),
      ca: { key: ca.key, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: names.map((n) =>
            isIp(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n },
          ),
        },
      ],
    },
  );
  await writeSecret(join(opts.dir, 'server.key'), made.private, 0o600);
  await writeSecret(join(opts.dir, 'server.crt'), made.cert, 0o644);
  return {
    key: made.private,
    cert: made.cert,
    caCert: ca.cert,
    fingerprint: caFingerprint,
    names,
    issued: true,
  };
}
