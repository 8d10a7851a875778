// `shelfsync terminal stock <productId>`: stock by cell asked from the server (hybrid lookup keeps it
// on the base only, so this needs the server; offline it fails with SYNC_OFFLINE).
import type { Command } from 'commander';
import { stateOption, withTerminal } from './terminal-command.js';

export function registerTerminalStock(terminal: Command): void {
  terminal
    .command('stock')
    .description('stock of a product by cell, asked from the server (online only)')
    .argument('<productId>', 'product id from the accounting system')
    .addOption(stateOption())
    .option('--json', 'print the result as JSON')
    .action(async (productId: string, opts: { state: string; json?: boolean }) => {
      await withTerminal(opts, async (t) => {
        const items = await t.stock(productId);
        if (opts.json === true) {
          process.stdout.write(`${JSON.stringify({ items })}\n`);
          return;
        }
        if (items.length === 0) process.stdout.write(`${productId}: no stock recorded\n`);
        for (const s of items) {
          process.stdout.write(`${s.cellId}${s.warehouseId ? ` (${s.warehouseId})` : ''}: ${s.qty}\n`);
        }
      });
    });
}
