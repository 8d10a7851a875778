// `shelfsync terminal …`: a virtual terminal keeping its state in a folder, on the same engine as the
// PWA. Each command is a short process; everything it does is stored before it exits.
import path from 'node:path';
import { ShelfsyncError } from '@shelfsync/protocol';
import { holdsNodeTerminal, openNodeTerminal } from '@shelfsync/terminal-node';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { registerTerminalAssignment } from './terminal-assignment-commands.js';
import { registerTerminalBundles } from './terminal-bundle-commands.js';
import { registerTerminalConfig } from './terminal-config-command.js';
import { registerTerminalCreate } from './terminal-create-command.js';
import { printDocuments, printLookup, printScan, printStatus, printSync } from './terminal-output.js';
import { registerTerminalStock } from './terminal-stock-command.js';

interface StateOption {
  state: string;
}

export function stateOption(): Option {
  return new Option('--state <dir>', 'folder that holds this virtual terminal').makeOptionMandatory();
}

function quantity(value: string): number {
  const n = Number(value.replace(',', '.'));
  if (!Number.isFinite(n) || n === 0) throw new InvalidArgumentError('must be a non-zero number');
  return n;
}

/**
 * Opens the virtual terminal in `--state`, runs `fn`, closes it. Only the commands that make a
 * terminal (`enroll`, `bundle-in`) pass `create`: elsewhere a mistyped folder is an error, not a new
 * empty terminal that answers as if nothing were there.
 */
export async function withTerminal<T>(
  opts: StateOption,
  fn: (t: Awaited<ReturnType<typeof openNodeTerminal>>) => Promise<T>,
  { create = false }: { create?: boolean } = {},
): Promise<T> {
  const dir = path.resolve(opts.state);
  if (!create && !holdsNodeTerminal(dir)) {
    const message = `No virtual terminal in ${dir}. Check --state, or enroll a terminal there first.`;
    throw new ShelfsyncError('TERMINAL_STATE_MISSING', message, { state: dir });
  }
  const terminal = await openNodeTerminal(dir);
  try {
    return await fn(terminal);
  } finally {
    await terminal.close();
  }
}

/**
 * What `--cell` names: the cell's barcode as a scanner reads it, or the cell's id as `docs` and
 * scan results print it (`@A-01-01`, or without the @). A barcode wins; an unknown one is refused
 * by the scan as SCAN_UNKNOWN_CELL, as a scanned one would be.
 */
async function cellOf(
  t: Awaited<ReturnType<typeof openNodeTerminal>>,
  given: string,
): Promise<{ cellBarcode: string } | { cellId: string }> {
  const text = given.trim();
  if ((await t.store.findCellByBarcode(text)) !== undefined) return { cellBarcode: text };
  const id = text.startsWith('@') ? text.slice(1) : text;
  return (await t.store.getRow('cells', id)) !== undefined ? { cellId: id } : { cellBarcode: text };
}

export function registerTerminal(program: Command): void {
  const terminal = program
    .command('terminal')
    .description('a virtual terminal: enroll, sync, list documents, look up, scan, complete');

  terminal
    .command('enroll')
    .description('enroll this virtual terminal with a server using a one-time code')
    .requiredOption('--server <url...>', 'server URL(s) in priority order')
    .requiredOption('--code <code>', 'enrollment code shown by the server')
    .option('--name <name>', 'device name shown to the administrator')
    .option(
      '--force',
      'enroll again although this folder holds an enrolled terminal (it becomes a new device)',
    )
    .addOption(stateOption())
    .action(
      async (opts: StateOption & { server: string[]; code: string; name?: string; force?: boolean }) => {
        await withTerminal(
          opts,
          async (t) => {
            const before = await t.status();
            if (before.enrolled && opts.force !== true) {
              const message = `This folder holds terminal ${before.deviceId}; enrolling again makes it a new device. Add --force to do so.`;
              throw new ShelfsyncError('TERMINAL_ALREADY_ENROLLED', message, { deviceId: before.deviceId });
            }
            const result = await t.enroll(
              opts.server,
              opts.code,
              opts.name ?? path.basename(path.resolve(opts.state)),
            );
            process.stdout.write(`enrolled as ${result.deviceId} with base ${result.baseId}\n`);
          },
          { create: true },
        );
      },
    );

  terminal
    .command('sync')
    .description('exchange with the server: send finished work, receive catalogs and tasks')
    .addOption(stateOption())
    .option('--json', 'print the result as JSON')
    .action(async (opts: StateOption & { json?: boolean }) => {
      await withTerminal(opts, async (t) => printSync(await t.sync(), opts.json === true));
    });

  terminal
    .command('status')
    .description('enrollment, last exchange, unsent changes, catalog counts and checksums')
    .addOption(stateOption())
    .option('--json', 'print as JSON')
    .action(async (opts: StateOption & { json?: boolean }) => {
      await withTerminal(opts, async (t) => printStatus(t, opts.json === true));
    });

  terminal
    .command('docs')
    .description('list the documents on this terminal')
    .addOption(stateOption())
    .option('--json', 'print documents with their lines as JSON')
    .action(async (opts: StateOption & { json?: boolean }) => {
      await withTerminal(opts, async (t) => printDocuments(t, opts.json === true));
    });

  terminal
    .command('lookup')
    .description('look a barcode up: the local catalog, then the server when online (hybrid lookup)')
    .argument('<barcode>', 'the scanned text')
    .addOption(stateOption())
    .option('--json', 'print the result as JSON')
    .action(async (barcode: string, opts: StateOption & { json?: boolean }) => {
      await withTerminal(opts, async (t) =>
        printLookup(barcode, await t.lookup(barcode), opts.json === true),
      );
    });

  terminal
    .command('scan')
    .description('scan a barcode into a document (works offline)')
    .requiredOption('--doc <id>', 'document id')
    .requiredOption('--barcode <code>', 'the scanned text')
    .addOption(
      new Option('--qty <n>', 'quantity (packings for a packing barcode; negative corrects)').argParser(
        quantity,
      ),
    )
    .option('--cell <code>', 'the cell: its barcode as scanned, or its id as `docs` shows it (@A-01-01)')
    .addOption(stateOption())
    .option('--json', 'print the result as JSON')
    .action(
      async (
        opts: StateOption & { doc: string; barcode: string; qty?: number; cell?: string; json?: boolean },
      ) => {
        await withTerminal(opts, async (t) => {
          const outcome = await t.scan(opts.doc, {
            barcode: opts.barcode,
            ...(opts.qty !== undefined ? { qty: opts.qty } : {}),
            ...(opts.cell !== undefined ? await cellOf(t, opts.cell) : {}),
          });
          printScan(outcome, opts.json === true);
          if (!outcome.ok) throw new ShelfsyncError(outcome.code, outcome.message, outcome.details);
        });
      },
    );

  registerTerminalBundles(terminal);
  registerTerminalAssignment(terminal);
  registerTerminalStock(terminal);
  registerTerminalConfig(terminal);
  registerTerminalCreate(terminal);

  terminal
    .command('complete')
    .description('finish a document; it is sent at the next sync')
    .requiredOption('--doc <id>', 'document id')
    .addOption(stateOption())
    .action(async (opts: StateOption & { doc: string }) => {
      await withTerminal(opts, async (t) => {
        await t.complete(opts.doc);
        process.stdout.write(`document ${opts.doc} completed; it will be sent at the next sync\n`);
      });
    });
}
