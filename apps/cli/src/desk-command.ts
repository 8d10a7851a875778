// `shelfsync desk`: the base without a server, for sites with no Wi-Fi. The same store, device API,
// terminal app and exchange folder as `serve`, bound to localhost only; cabled terminals reach it as
// their own `localhost:P` through `adb reverse`, set up here for each terminal plugged in.
import { hostname } from 'node:os';
import path from 'node:path';
import { nodeBundleCrypto } from '@shelfsync/bundle/node';
import {
  type BundleFolder,
  createStartupEnrollmentCode,
  deviceLogFiles,
  type ExchangeFolder,
  openServer,
  registerTerminalApp,
  SERVER_VERSION,
  startBundleFolder,
  startExchangeFolder,
} from '@shelfsync/server';
import type { Command } from 'commander';
import type { AdbWatcher } from './adb/adb-watcher.js';
import { watchCable } from './adb/cable-watch.js';
import { intOption } from './program.js';
import { untilSignal } from './until-signal.js';

export const DESK_DEFAULT_PORT = 8750;

interface DeskOptions {
  data: string;
  port: number;
  exchange?: string;
  bundles?: string;
  adb?: string;
  adbPoll: number;
  quiet?: boolean;
  logRequests?: boolean;
}

export function registerDesk(program: Command): void {
  program
    .command('desk')
    .description('run the base without a server: terminals exchange over a USB cable (adb reverse)')
    .option('--data <dir>', 'data directory (database, API key, terminal logs)', './shelfsync-data')
    .addOption(
      intOption('--port <port>', 'localhost port, the same on the PC and the terminal').default(
        DESK_DEFAULT_PORT,
      ),
    )
    .option('--exchange <dir>', 'exchange folder with the accounting system (in/, out/, archive/, error/)')
    .option('--bundles <dir>', 'answer exchange bundles dropped in this folder (RDP relay)')
    .option('--adb <path>', 'adb executable (default: adb on PATH)')
    .addOption(intOption('--adb-poll <ms>', 'how often to look for cabled terminals', 50).default(2000))
    .option('--log-requests', 'log every request as a JSON line (warnings and errors are always logged)')
    .option('--quiet', 'log nothing but the start-up banner')
    .action(async (opts: DeskOptions) => desk(opts));
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function desk(opts: DeskOptions): Promise<void> {
  const dataDir = path.resolve(opts.data);
  const server = await openServer({
    dataDir,
    host: '127.0.0.1',
    port: opts.port,
    logger: opts.quiet ? false : opts.logRequests ? true : { level: 'warn' },
    configure: (app) => registerTerminalApp(app),
  });
  const port = Number(new URL(server.url).port);
  let exchange: ExchangeFolder | undefined;
  let watcher: AdbWatcher | undefined;
  let bundles: BundleFolder | undefined;
  try {
    if (opts.exchange) {
      exchange = await startExchangeFolder({
        dir: path.resolve(opts.exchange),
        store: server.store,
        log: say,
      });
    }
    if (opts.bundles) {
      bundles = await startBundleFolder({
        dir: path.resolve(opts.bundles),
        store: server.store,
        crypto: nodeBundleCrypto,
        version: SERVER_VERSION,
        deviceLogs: deviceLogFiles(path.join(dataDir, 'logs')),
        log: say,
      });
    }
    const enrollment = await createStartupEnrollmentCode(server.store, `${hostname()}:${dataDir}`);
    say(`Shelfsync desk listening on ${server.url} (this PC only)`);
    say(`  data directory:  ${dataDir}`);
    if (opts.exchange) say(`  exchange folder: ${path.resolve(opts.exchange)}`);
    if (opts.bundles) say(`  bundle folder:   ${path.resolve(opts.bundles)}`);
    say(`  API key:         ${server.apiKey}`);
    say(`  enrollment code: ${enrollment.code} (valid until ${enrollment.expiresAt})`);
    say(`  on a cabled terminal open http://localhost:${port}`);
    watcher = watchCable({ adb: opts.adb, pollMs: opts.adbPoll, port, target: 'this desk', say });
    await untilSignal();
  } finally {
    await watcher?.stop();
    await bundles?.stop();
    await exchange?.stop();
    await server.close();
  }
  say('Shelfsync desk stopped');
}
