// `shelfsync relay`: runs on the local PC that has the cable when the base lives on a remote PC reached
// by RDP. It holds no base: it only moves bundle files between cabled terminals (adb) and a folder that
// RDP redirects into the remote session, where `shelfsync desk --bundles` answers them.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ShelfsyncError } from '@shelfsync/protocol';
import type { Command } from 'commander';
import { ADB_MISSING_HINT, Adb, findAdb } from './adb/adb-client.js';
import { startAdbWatcher } from './adb/adb-watcher.js';
import { intOption } from './program.js';
import { DEFAULT_DEVICE_DIR, relayPoll } from './relay/bundle-relay.js';
import { untilSignal } from './until-signal.js';

interface RelayCommandOptions {
  folder: string;
  adb?: string;
  adbPoll: number;
  deviceDir: string;
}

export function registerRelay(program: Command): void {
  program
    .command('relay')
    .description(
      'move exchange bundles between cabled terminals and a folder shared with a remote desk (RDP)',
    )
    .requiredOption('--folder <dir>', 'the folder RDP redirects into the remote session')
    .option('--adb <path>', 'adb executable (default: adb on PATH)')
    .addOption(intOption('--adb-poll <ms>', 'how often to look for terminals and files', 50).default(2000))
    .option('--device-dir <path>', 'bundle folder on the terminal', DEFAULT_DEVICE_DIR)
    .action(async (opts: RelayCommandOptions) => relay(opts));
}

async function relay(opts: RelayCommandOptions): Promise<void> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const executable = findAdb(opts.adb);
  if (executable === undefined) throw new ShelfsyncError('ADB_MISSING', ADB_MISSING_HINT);
  const folder = path.resolve(opts.folder);
  await mkdir(folder, { recursive: true });
  const adb = new Adb(executable);
  const relayOptions = { adb, folder, deviceDir: opts.deviceDir, log: say };
  say(`Shelfsync relay moving bundles between cabled terminals and ${folder}`);
  say(`  adb: ${executable}; terminal folder: ${opts.deviceDir}`);
  const watcher = startAdbWatcher({
    adb,
    intervalMs: opts.adbPoll,
    log: say,
    onReady: async (serial) => {
      say(`terminal ${serial}: connected`);
    },
    onPoll: (ready) => relayPoll(relayOptions, ready),
  });
  await untilSignal();
  await watcher.stop();
  say('Shelfsync relay stopped');
}
