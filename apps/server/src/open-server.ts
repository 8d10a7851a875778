// Runs a base: opens the SQLite store in a data directory, resolves the integration API key and
// listens. The CLI's `shelfsync serve` is a thin wrapper around this.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ShelfsyncError } from '@shelfsync/protocol';
import { openPgServerStore, openSqliteServerStore, type ServerStore } from '@shelfsync/store';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './build-server.js';
import { type DeviceLogFiles, deviceLogFiles } from './device-log-files.js';
import type { OneCEncoding } from './one-c-exchange/sale-documents.js';
import { generateApiKey, sha256Hex } from './secrets.js';
import { SERVER_VERSION } from './server-version.js';
import { prepareTls, type TlsMaterial, type TlsOptions } from './tls.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8750;

export interface OpenServerOptions {
  dataDir: string;
  /**
   * A PostgreSQL URL (`postgres://…`) to keep the base there instead of `<dataDir>/shelfsync.db`;
   * several server instances may share it.
   */
  database?: string | undefined;
  /** PostgreSQL schema holding the tables (created when missing); `public` by default. */
  databaseSchema?: string | undefined;
  host?: string;
  /** 0 picks a free port; the real one is in `url`. */
  port?: number;
  apiKey?: string;
  /** true logs every request (info); a level logs only that and above; false logs nothing. */
  logger?: boolean | { level: 'info' | 'warn' | 'error' };
  /** Adds routes before listening (desk mode serves the terminal app this way). */
  configure?: (app: FastifyInstance) => void | Promise<void>;
  /** How long terminal log lines are kept (default 14 days; fractions allowed). */
  logRetentionDays?: number;
  /** How long the record of each pushed mutation is kept (default 30 days; fractions allowed). */
  mutationRetentionDays?: number;
  /** Listen over HTTPS: the local CA's certificate kept in `<data>/tls`, or the admin's own. */
  tls?: Omit<TlsOptions, 'dir'>;
  /** Enables the 1C site exchange (/1c/exchange) for these logins. */
  oneC?: OneCServeOptions;
}

export interface OneCServeOptions {
  users: string[];
  /** Default: SHELFSYNC_1C_PASSWORD, else a key kept in `<dataDir>/1c-password`. */
  password?: string | undefined;
  encoding?: OneCEncoding;
  progressAfterMs?: number;
}

export interface RunningServer {
  url: string;
  apiKey: string;
  store: ServerStore;
  app: FastifyInstance;
  /** With HTTPS: the certificate in use (the CA to install on terminals is at `/ca.crt`). */
  tls?: TlsMaterial;
  /** With the 1C exchange enabled: its logins and their password. */
  oneC?: { users: string[]; password: string };
  /** Stops accepting requests, lets running ones finish, then closes the store. */
  close(): Promise<void>;
}

/** The key kept in `<dataDir>/api-key`, created (mode 0600) on first start. */
async function storedApiKey(dataDir: string, name = 'api-key'): Promise<string> {
  const file = join(dataDir, name);
  try {
    const key = (await readFile(file, 'utf8')).trim();
    if (key) return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const key = generateApiKey();
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** The 1C exchange password: explicit, SHELFSYNC_1C_PASSWORD or a key kept in `<dataDir>/1c-password`. */
async function resolveOneCPassword(dataDir: string, explicit?: string): Promise<string> {
  return explicit || process.env['SHELFSYNC_1C_PASSWORD'] || (await storedApiKey(dataDir, '1c-password'));
}

export async function resolveApiKey(dataDir: string, explicit?: string): Promise<string> {
  return explicit || process.env['SHELFSYNC_API_KEY'] || (await storedApiKey(dataDir));
}

/** Applies the retention limit at start too, so a base that got no pushes for weeks still prunes. */
async function openDeviceLogs(opts: OpenServerOptions): Promise<DeviceLogFiles> {
  const days = opts.logRetentionDays;
  const logs = deviceLogFiles(
    join(opts.dataDir, 'logs'),
    days === undefined ? {} : { retentionMs: days * 86_400_000 },
  );
  await logs.pruneAll();
  return logs;
}

/** SQLite in the data directory, or the PostgreSQL the options name. */
export async function openStore(
  opts: Pick<OpenServerOptions, 'dataDir' | 'database' | 'databaseSchema'>,
  onConnectionError?: (error: Error) => void,
) {
  if (!opts.database) return openSqliteServerStore(join(opts.dataDir, 'shelfsync.db'));
  if (!/^postgres(ql)?:\/\//.test(opts.database)) {
    throw new ShelfsyncError(
      'CLI_USAGE',
      '--database takes a PostgreSQL URL (postgres://user@host:5432/db).',
    );
  }
  return openPgServerStore({
    connectionString: opts.database,
    ...(opts.databaseSchema ? { schema: opts.databaseSchema } : {}),
    ...(onConnectionError ? { onConnectionError } : {}),
  });
}

function urlOf(scheme: 'http' | 'https', host: string, port: number): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The local CA as a download, for installing on terminals (a public certificate, no key). */
function serveCaCertificate(app: FastifyInstance, caCert: string): void {
  app.get('/ca.crt', { schema: { hide: true } }, (_request, reply) =>
    reply
      .header('content-type', 'application/x-x509-ca-cert')
      .header('content-disposition', 'attachment; filename="shelfsync-ca.crt"')
      .send(caCert),
  );
}

export async function openServer(opts: OpenServerOptions): Promise<RunningServer> {
  await mkdir(opts.dataDir, { recursive: true });
  const apiKey = await resolveApiKey(opts.dataDir, opts.apiKey);
  const tls = opts.tls ? await prepareTls({ ...opts.tls, dir: join(opts.dataDir, 'tls') }) : undefined;
  const oneCPassword = opts.oneC ? await resolveOneCPassword(opts.dataDir, opts.oneC.password) : undefined;
  let app: FastifyInstance | undefined;
  // PostgreSQL closing a connection is logged and survived: the pool connects anew (docs/operations.md).
  const store = await openStore(opts, (err) =>
    app?.log.warn({ err }, 'a database connection was closed; the next request opens a new one'),
  );
  try {
    app = await buildServer({
      store,
      apiKeyHash: sha256Hex(apiKey),
      version: SERVER_VERSION,
      deviceLogs: await openDeviceLogs(opts),
      ...(opts.mutationRetentionDays === undefined
        ? {}
        : { mutationRetentionDays: opts.mutationRetentionDays }),
      ...(opts.logger !== undefined ? { logger: opts.logger } : {}),
      // The chain goes out whole: the leaf, then the local CA (a client may trust the CA by fingerprint).
      ...(tls
        ? {
            https: {
              cert: tls.caCert ? `${tls.cert.trim()}\n${tls.caCert}` : tls.cert,
              key: tls.key,
              caCert: tls.caCert,
            },
          }
        : {}),
      ...(opts.oneC && oneCPassword
        ? {
            oneCExchange: {
              users: opts.oneC.users,
              passwordHash: sha256Hex(oneCPassword),
              dir: join(opts.dataDir, '1c-exchange'),
              ...(opts.oneC.encoding ? { encoding: opts.oneC.encoding } : {}),
              ...(opts.oneC.progressAfterMs === undefined
                ? {}
                : { progressAfterMs: opts.oneC.progressAfterMs }),
            },
          }
        : {}),
    });
    if (tls?.caCert) serveCaCertificate(app, tls.caCert);
    await opts.configure?.(app);
    const host = opts.host ?? DEFAULT_HOST;
    await app.listen({ host, port: opts.port ?? DEFAULT_PORT });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : (opts.port ?? DEFAULT_PORT);
    const running = app;
    return {
      url: urlOf(tls ? 'https' : 'http', host, port),
      apiKey,
      store,
      app: running,
      ...(tls ? { tls } : {}),
      ...(opts.oneC && oneCPassword ? { oneC: { users: opts.oneC.users, password: oneCPassword } } : {}),
      close: async () => {
        await running.close();
        await store.close();
      },
    };
  } catch (e) {
    await app?.close();
    await store.close();
    throw e;
  }
}
