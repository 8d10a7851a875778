// `shelfsync serve`: the base with the integration and device APIs, on embedded SQLite.

import { hostname } from 'node:os';
import path from 'node:path';
import { ShelfsyncError } from '@shelfsync/protocol';
import {
  createStartupEnrollmentCode,
  DEFAULT_LOG_RETENTION_DAYS,
  DEFAULT_MUTATION_RETENTION_DAYS,
  DEFAULT_POLL_MS,
  DEFAULT_PROGRESS_AFTER_MS,
  EXPORT_FORMATS,
  type ExchangeFolder,
  type ExportFormat,
  ONE_C_ENCODINGS,
  ONE_C_EXCHANGE_PATH,
  type OneCEncoding,
  type OneCServeOptions,
  openServer,
  registerTerminalApp,
  startExchangeFolder,
  type TlsMaterial,
} from '@shelfsync/server';
import { type Command, Option } from 'commander';
import type { AdbWatcher } from './adb/adb-watcher.js';
import { watchCable } from './adb/cable-watch.js';
import { loadDemoData } from './demo-data.js';
import { enrollmentLink, qrText, reachableUrl } from './enroll-qr.js';
import { intOption } from './program.js';
import { untilSignal } from './until-signal.js';

interface ServeOptions {
  data: string;
  host: string;
  port: number;
  demo?: boolean;
  quiet?: boolean;
  logRequests?: boolean;
  exchange?: string;
  exchangeFormat: ExportFormat;
  exchangePoll: number;
  exchangeSettle?: number;
  logRetentionDays: number;
  mutationRetentionDays: number;
  database?: string;
  dbSchema?: string;
  https?: boolean;
  tlsCert?: string;
  tlsKey?: string;
  tlsName: string[];
  '1cUser': string[];
  '1cEncoding': OneCEncoding;
  '1cProgressAfter': number;
  adb?: string | true;
  adbPoll: number;
}

function positiveNumber(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0)
      throw new ShelfsyncError('CLI_USAGE', `${flag} must be a positive number.`);
    return n;
  };
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the Shelfsync server (integration API, device API) on embedded SQLite or PostgreSQL')
    .option('--data <dir>', 'data directory (database, API key)', './shelfsync-data')
    .option(
      '--database <url>',
      'keep the base in PostgreSQL (postgres://user@host:5432/db) instead of SQLite in the data directory; also SHELFSYNC_DATABASE_URL',
    )
    .option('--db-schema <name>', 'PostgreSQL schema for the tables (default public)')
    .option('--host <host>', 'address to listen on (0.0.0.0 to accept terminals on the network)', '127.0.0.1')
    .addOption(intOption('--port <port>', 'port to listen on (0 picks a free one)').default(8750))
    .option('--demo', 'load a demo catalog and three tasks when the base is empty')
    .option('--log-requests', 'log every request as a JSON line (warnings and errors are always logged)')
    .option('--quiet', 'log nothing but the start-up banner')
    .option(
      '--https',
      'listen over HTTPS with a certificate from a local CA kept in DATA/tls (install DATA/tls/ca.crt, also served at /ca.crt, on each terminal once)',
    )
    .option('--tls-cert <file>', "HTTPS with the admin's own certificate chain (PEM); implies --https")
    .option('--tls-key <file>', 'the private key of --tls-cert (PEM, unencrypted)')
    .option(
      '--tls-name <name>',
      'another DNS name or address terminals use to reach this server (repeatable; the local addresses are always included)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .addOption(
      new Option('--log-retention-days <days>', 'how long terminal log lines are kept (fractions allowed)')
        .argParser(positiveNumber('--log-retention-days'))
        .default(DEFAULT_LOG_RETENTION_DAYS),
    )
    .addOption(
      new Option(
        '--mutation-retention-days <days>',
        "how long the base remembers each terminal change it applied, to answer a re-sent one with its first outcome (each terminal's newest 1,000 are always kept)",
      )
        .argParser(positiveNumber('--mutation-retention-days'))
        .default(DEFAULT_MUTATION_RETENTION_DAYS),
    )
    .option(
      '--exchange <dir>',
      'exchange folder: import files from DIR/in, write completed documents to DIR/out',
    )
    .addOption(
      new Option('--exchange-format <format>', 'format of the documents written to DIR/out')
        .choices(EXPORT_FORMATS)
        .default('json'),
    )
    .addOption(intOption('--exchange-poll <ms>', 'how often DIR/in is checked', 50).default(DEFAULT_POLL_MS))
    .addOption(
      intOption(
        '--exchange-settle <ms>',
        'how long a file in DIR/in without a .ready marker must stay unchanged (default 5000, at least two polls)',
        0,
      ),
    )
    .option(
      '--1c-user <login>',
      'enable the 1C site exchange at /1c/exchange for this login (repeatable: one login per 1C base; also SHELFSYNC_1C_USER, comma-separated); the password is SHELFSYNC_1C_PASSWORD or a key kept in DATA/1c-password',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .addOption(
      new Option('--1c-encoding <encoding>', 'encoding of the documents the 1C exchange sends to 1C')
        .choices(ONE_C_ENCODINGS)
        .default('utf-8'),
    )
    .addOption(
      intOption(
        '--1c-progress-after <ms>',
        'how long an import request from 1C waits before answering "progress" (1C then asks again)',
        0,
      ).default(DEFAULT_PROGRESS_AFTER_MS),
    )
    .option(
      '--adb [path]',
      'watch for terminals on a USB cable and give each `adb reverse` to this port (the fallback when Wi-Fi is gone); the path of adb when it is not on PATH',
    )
    .addOption(intOption('--adb-poll <ms>', 'how often --adb looks for cabled terminals', 50).default(2000))
    .action(async (opts: ServeOptions) => serve(opts));
}

/** The 1C exchange logins from --1c-user and SHELFSYNC_1C_USER; none leaves the exchange off. */
function oneCOptions(opts: ServeOptions): OneCServeOptions | undefined {
  const fromEnv = (process.env['SHELFSYNC_1C_USER'] ?? '').split(',');
  const users = [...new Set([...opts['1cUser'], ...fromEnv].map((u) => u.trim()).filter((u) => u !== ''))];
  if (users.length === 0) return undefined;
  return { users, encoding: opts['1cEncoding'], progressAfterMs: opts['1cProgressAfter'] };
}

async function serve(opts: ServeOptions): Promise<void> {
  const dataDir = path.resolve(opts.data);
  const oneC = oneCOptions(opts);
  const database = opts.database ?? process.env['SHELFSYNC_DATABASE_URL'];
  const server = await openServer({
    dataDir,
    database,
    databaseSchema: opts.dbSchema,
    host: opts.host,
    port: opts.port,
    logger: opts.quiet ? false : opts.logRequests ? true : { level: 'warn' },
    logRetentionDays: opts.logRetentionDays,
    mutationRetentionDays: opts.mutationRetentionDays,
    configure: (app) => registerTerminalApp(app),
    ...(oneC ? { oneC } : {}),
    ...(opts.https || opts.tlsCert || opts.tlsKey
      ? { tls: { certFile: opts.tlsCert, keyFile: opts.tlsKey, names: opts.tlsName } }
      : {}),
  });
  let demoNote = '';
  if (opts.demo) {
    const loaded = await loadDemoData(server);
    demoNote = loaded ? 'demo data loaded' : 'demo data already present';
  }
  let exchange: ExchangeFolder | undefined;
  if (opts.exchange) {
    exchange = await startExchangeFolder({
      dir: path.resolve(opts.exchange),
      store: server.store,
      format: opts.exchangeFormat,
      pollMs: opts.exchangePoll,
      ...(opts.exchangeSettle === undefined ? {} : { settleMs: opts.exchangeSettle }),
      log: (line) => process.stdout.write(`${line}\n`),
    });
  }
  const enrollment = await createStartupEnrollmentCode(server.store, `${hostname()}:${dataDir}`);
  const link = enrollmentLink(reachableUrl(server.url), enrollment.code);
  const lines = [
    `Shelfsync server listening on ${server.url}`,
    `  data directory:  ${dataDir}${demoNote ? ` (${demoNote})` : ''}`,
    ...(database
      ? [
          `  database:        PostgreSQL ${redactPassword(database)}${opts.dbSchema ? `, schema ${opts.dbSchema}` : ''}`,
        ]
      : []),
    `  API key:         ${server.apiKey}`,
    `  API docs:        ${server.url}/api/docs`,
    ...tlsLines(server),
    ...(opts.exchange
      ? [`  exchange folder: ${path.resolve(opts.exchange)} (${opts.exchangeFormat} to out/)`]
      : []),
    ...oneCLines(server),
    `  enrollment code: ${enrollment.code} (valid until ${enrollment.expiresAt})`,
    `  enrollment link: ${link} (the QR below; scan it on the terminal's enrollment screen)`,
    `  try:             npx shelfsync terminal enroll --server ${server.url} --code ${enrollment.code} --state ./term1`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!opts.quiet) process.stdout.write(await qrText(link));
  const watcher = startCable(opts, server.url);
  await untilSignal();
  await watcher?.stop();
  await exchange?.stop();
  await server.close();
  process.stdout.write('Shelfsync server stopped\n');
}

/** `--adb`: cabled terminals reach this server as their own localhost:PORT. */
function startCable(opts: ServeOptions, url: string): AdbWatcher | undefined {
  if (opts.adb === undefined) return undefined;
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const { port, hostname: host } = new URL(url);
  if (!['127.0.0.1', 'localhost', '0.0.0.0', '[::]', '[::1]'].includes(host))
    say(
      `  cable:           warning: adb reverse reaches this PC's localhost, and the server listens on ${host} only; listen on 0.0.0.0 for the cable to work`,
    );
  else say(`  cable:           a cabled terminal opens ${new URL(url).protocol}//localhost:${port}`);
  return watchCable({
    adb: opts.adb === true ? undefined : opts.adb,
    pollMs: opts.adbPoll,
    port: Number(port),
    target: 'this server',
    say,
  });
}

/** Where terminals get the CA to trust, and what to compare on the device before trusting it. */
function tlsLines(server: { url: string; tls?: TlsMaterial }): string[] {
  const { tls } = server;
  if (!tls) return [];
  const lines = tls.caCert
    ? [`  CA certificate:  ${server.url}/ca.crt (install on each terminal once)`]
    : ["  certificate:     the administrator's own"];
  lines.push(`  fingerprint:     SHA-256 ${tls.fingerprint}`);
  lines.push(`  valid for:       ${tls.names.join(', ')}`);
  return lines;
}

/** Where a 1C exchange node points, and with which login and password. */
function oneCLines(server: { url: string; oneC?: { users: string[]; password: string } }): string[] {
  if (!server.oneC) return [];
  const fromEnv = process.env['SHELFSYNC_1C_PASSWORD'] ? ' (from SHELFSYNC_1C_PASSWORD)' : '';
  return [
    `  1C exchange:     ${server.url}${ONE_C_EXCHANGE_PATH} (login ${server.oneC.users.join(', ')})`,
    `  1C password:     ${fromEnv ? '***' : server.oneC.password}${fromEnv}`,
  ];
}

/** The URL as the banner may show it: without a password. */
function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
