// `shelfsync app-version publish|rollback`: the administrator's side of terminal app updates through
// a running server's REST API — register a version, upload its built PWA, assign it to a device group
// (staged rollout: a pilot group first), and roll a group back.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { adminApi as api, type ServerOptions } from './admin-api.js';

/** Keeps each upload request well below the server's 16 MiB JSON limit once base64-encoded. */
const BATCH_BYTES = 8 * 1024 * 1024;
const BATCH_FILES = 500;

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

async function uploadDir(opts: ServerOptions, version: string, dir: string): Promise<number> {
  let batch: { path: string; base64: string }[] = [];
  let size = 0;
  let stored = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await api(opts, 'PUT', `/app-versions/${encodeURIComponent(version)}/files`, { files: batch });
    stored += batch.length;
    batch = [];
    size = 0;
  };
  for (const file of await filesUnder(dir)) {
    const bytes = await readFile(path.join(dir, file));
    if (size + bytes.length > BATCH_BYTES || batch.length >= BATCH_FILES) await flush();
    batch.push({ path: file, base64: bytes.toString('base64') });
    size += bytes.length;
  }
  await flush();
  return stored;
}

interface PublishOptions extends ServerOptions {
  minProtocol: string;
  notes?: string;
  dir?: string;
  group?: string;
}

export function registerAppVersion(program: Command): void {
  const cmd = program.command('app-version').description('terminal app updates on a running server');
  cmd
    .command('publish')
    .description('register an app version, upload its built files, optionally assign it to a group')
    .argument('<version>', 'the app version, e.g. 1.4.0 (not --version: that prints the CLI’s own)')
    .requiredOption('--server <url>', 'the server')
    .option('--key <key>', 'the server’s integration API key (default: SHELFSYNC_API_KEY)')
    .requiredOption('--min-protocol <n>', 'lowest device protocol the app speaks')
    .option('--notes <text>', 'release notes shown to the administrator and the terminal')
    .option('--dir <dir>', 'the built PWA (e.g. apps/terminal/dist)')
    .option('--group <group>', 'assign the version to this device group right away')
    .action(async (version: string, opts: PublishOptions) => {
      const minProtocol = Number(opts.minProtocol);
      await api(opts, 'POST', '/app-versions', {
        version,
        minProtocol,
        notes: opts.notes ?? '',
      });
      const files = opts.dir ? await uploadDir(opts, version, path.resolve(opts.dir)) : 0;
      process.stdout.write(`app version ${version} registered, ${files} file(s) uploaded\n`);
      if (opts.group) {
        await api(opts, 'PUT', `/device-groups/${encodeURIComponent(opts.group)}/app-version`, {
          version,
        });
        process.stdout.write(`group ${opts.group} now runs ${version}\n`);
      }
    });
  cmd
    .command('rollback')
    .description('return a device group to the app version it ran before')
    .requiredOption('--server <url>', 'the server')
    .option('--key <key>', 'the server’s integration API key (default: SHELFSYNC_API_KEY)')
    .requiredOption('--group <group>', 'the device group')
    .action(async (opts: ServerOptions & { group: string }) => {
      const answer = (await api(
        opts,
        'POST',
        `/device-groups/${encodeURIComponent(opts.group)}/rollback`,
      )) as {
        current?: { version: string };
      };
      process.stdout.write(`group ${opts.group} now runs ${answer.current?.version ?? '(none)'}\n`);
    });
}
