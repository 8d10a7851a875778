// `shelfsync terminal bundle-out|bundle-in`: the virtual terminal's side of exchanging by bundle files
// (desk mode over RDP). On a real terminal the PWA does the same in the folder the relay reads.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { stateOption, withTerminal } from './terminal-command.js';

interface StateOption {
  state: string;
}

async function isDirectory(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isDirectory();
  } catch {
    return false;
  }
}

/** Temp file then rename: the relay must never pick up half a bundle. */
async function writeBundleFile(target: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.part`);
  await writeFile(temp, bytes);
  await rename(temp, target);
}

export function registerTerminalBundles(terminal: Command): void {
  terminal
    .command('bundle-out')
    .description('write unsent work, logs and cursors into a bundle for the base (RDP relay)')
    .requiredOption('--to <file or dir>', 'bundle file, or a folder to write it in under its standard name')
    .addOption(stateOption())
    .action(async (opts: StateOption & { to: string }) => {
      await withTerminal(opts, async (t) => {
        const file = await t.exportBundle();
        const toDir = opts.to.endsWith('/') || opts.to.endsWith(path.sep) || (await isDirectory(opts.to));
        const target = toDir ? path.join(opts.to, file.name) : opts.to;
        await writeBundleFile(path.resolve(target), file.bytes);
        process.stdout.write(`bundle written: ${path.resolve(target)}\n`);
      });
    });

  terminal
    .command('bundle-in')
    .description(
      'import a bundle from the base (its answer, or an enrollment); a refused one changes nothing',
    )
    .argument('<file>', 'the bundle file')
    .addOption(stateOption())
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: StateOption & { json?: boolean }) => {
      await withTerminal(
        opts,
        async (t) => {
          const result = await t.importBundle(new Uint8Array(await readFile(file)));
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          } else if (result.kind === 'enrollment') {
            process.stdout.write(
              `enrolled as ${result.deviceId} with base ${result.baseId} (bundle exchange)\n`,
            );
          } else {
            const s = result.summary;
            process.stdout.write(
              `bundle ${result.sequence} imported: ${s ? `${s.pushed} change(s) acknowledged, ${s.pulledChanges} catalog change(s) and ${s.pulledDocuments} document(s) received` : 'part of the pages'}${result.partial ? '; more comes with the next bundle' : ''}\n`,
            );
          }
        },
        { create: true },
      );
    });
}
