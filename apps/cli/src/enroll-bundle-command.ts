// `shelfsync enroll-bundle`: makes an enrollment bundle on the base for a terminal that will only ever
// exchange through the RDP relay. The file holds the terminal's credentials: hand it over (through the
// relay folder) and do not keep copies.

import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { nodeBundleCrypto } from '@shelfsync/bundle/node';
import { ShelfsyncError } from '@shelfsync/protocol';
import { createEnrollmentBundle } from '@shelfsync/server';
import { openSqliteServerStore } from '@shelfsync/store';
import type { Command } from 'commander';

interface EnrollBundleOptions {
  data: string;
  to: string;
  name: string;
}

export function registerEnrollBundle(program: Command): void {
  program
    .command('enroll-bundle')
    .description('enroll a terminal for bundle exchange (RDP relay): writes its enrollment bundle')
    .option('--data <dir>', 'data directory of the base', './shelfsync-data')
    .requiredOption('--to <dir>', 'folder to write the bundle in (the relay folder)')
    .option('--name <name>', 'device name shown to the administrator', 'Terminal')
    .action(async (opts: EnrollBundleOptions) => enrollBundle(opts));
}

async function enrollBundle(opts: EnrollBundleOptions): Promise<void> {
  const store = await openSqliteServerStore(path.join(path.resolve(opts.data), 'shelfsync.db'));
  try {
    const bundle = await createEnrollmentBundle(store, nodeBundleCrypto, {
      name: opts.name,
      now: new Date(),
    });
    const dir = path.resolve(opts.to);
    await mkdir(dir, { recursive: true });
    if (!(await stat(dir)).isDirectory())
      throw new ShelfsyncError('CLI_USAGE', `--to ${dir} is not a folder.`);
    const temp = path.join(dir, `.${bundle.name}.part`);
    await writeFile(temp, bundle.bytes, { mode: 0o600 });
    await rename(temp, path.join(dir, bundle.name));
    process.stdout.write(
      `device ${bundle.deviceId} enrolled; bundle written: ${path.join(dir, bundle.name)}\n`,
    );
  } finally {
    await store.close();
  }
}
