// `shelfsync terminal login|claim|release|tasks`: the virtual terminal's side of documents among
// terminals — who is signed in, asking for a document by its barcode, giving one back, the task list.
import { ShelfsyncError } from '@shelfsync/protocol';
import type { Command } from 'commander';
import { stateOption, withTerminal } from './terminal-command.js';

interface StateOption {
  state: string;
}

const write = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

export function registerTerminalAssignment(terminal: Command): void {
  terminal
    .command('login')
    .description('sign an operator in on this terminal (the server learns it at the next sync)')
    .option('--operator <id>', 'operator (user) id from the users catalog')
    .option('--logout', 'sign the current operator out')
    .addOption(stateOption())
    .action(async (opts: StateOption & { operator?: string; logout?: boolean }) => {
      if ((opts.operator === undefined) === (opts.logout !== true)) {
        throw new ShelfsyncError('CLI_USAGE', 'Give either --operator ID or --logout.');
      }
      await withTerminal(opts, async (t) => {
        await t.login(opts.operator ?? null);
        write(opts.operator ? `operator ${opts.operator} signed in` : 'signed out');
      });
    });

  terminal
    .command('claim')
    .description(
      'ask the server for a document by a barcode on it (pallet label), by id, or the next of a type',
    )
    .option('--barcode <code>', 'the scanned label')
    .option('--doc <id>', 'document id')
    .option('--next <type>', 'the next document of a type issued one at a time (e.g. picking)')
    .addOption(stateOption())
    .option('--json', 'print the document as JSON')
    .action(async (opts: StateOption & { barcode?: string; doc?: string; next?: string; json?: boolean }) => {
      const given = [opts.barcode, opts.doc, opts.next].filter((v) => v !== undefined);
      if (given.length !== 1)
        throw new ShelfsyncError('CLI_USAGE', 'Give one of --barcode CODE, --doc ID, --next TYPE.');
      await withTerminal(opts, async (t) => {
        const doc =
          opts.barcode !== undefined
            ? await t.claimByBarcode(opts.barcode)
            : opts.next !== undefined
              ? await t.claimNext(opts.next)
              : await t.claim(opts.doc ?? '');
        if (opts.json) write(JSON.stringify(doc, null, 2));
        else write(`document ${doc.id} (${doc.type} ${doc.number ?? ''}) is now on this terminal`);
      });
    });

  terminal
    .command('release')
    .description('give a document back unprocessed; it is sent at the next sync')
    .requiredOption('--doc <id>', 'document id')
    .option('--reason <text>', 'why it is given back')
    .addOption(stateOption())
    .action(async (opts: StateOption & { doc: string; reason?: string }) => {
      await withTerminal(opts, async (t) => {
        await t.release(opts.doc, opts.reason);
        write(`document ${opts.doc} given back; it will be sent at the next sync`);
      });
    });

  terminal
    .command('tasks')
    .description('open documents in task order: personal first, then by priority, then by date')
    .addOption(stateOption())
    .option('--json', 'print ids, types and numbers as JSON')
    .action(async (opts: StateOption & { json?: boolean }) => {
      await withTerminal(opts, async (t) => {
        const docs = await t.tasks();
        const rows = docs.map((d) => ({
          id: d.id,
          type: d.type,
          number: d.number,
          priority: d.priority ?? 0,
          status: d.status,
        }));
        if (opts.json) write(JSON.stringify(rows, null, 2));
        else
          for (const r of rows) write(`${r.id}  ${r.type}  ${r.number ?? ''}  p${r.priority}  ${r.status}`);
      });
    });
}
