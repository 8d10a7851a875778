// `shelfsync terminal create`: a document made on the virtual terminal (types configured
// creatableOnTerminal). It works offline; the base learns of it at the next sync.
import type { Command } from 'commander';
import { stateOption, withTerminal } from './terminal-command.js';

interface CreateOptions {
  state: string;
  type: string;
  number?: string;
  warehouse?: string;
}

export function registerTerminalCreate(terminal: Command): void {
  terminal
    .command('create')
    .description('create a document on this terminal (inventory, move…); prints its id')
    .requiredOption('--type <type>', 'document type id, one configured as creatable on terminals')
    .option('--number <number>', 'number shown to the operator (default: the start of the id)')
    .option('--warehouse <id>', 'warehouse id from the accounting system')
    .addOption(stateOption())
    .action(async (opts: CreateOptions) => {
      await withTerminal(opts, async (t) => {
        const doc = await t.createDocument({
          type: opts.type,
          ...(opts.number !== undefined ? { number: opts.number } : {}),
          ...(opts.warehouse !== undefined ? { warehouseId: opts.warehouse } : {}),
        });
        // The id alone on stdout, so scripts can take it: `doc=$(shelfsync terminal create …)`.
        process.stdout.write(`${doc.id}\n`);
      });
    });
}
