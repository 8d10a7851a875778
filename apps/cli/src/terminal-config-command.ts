// `shelfsync terminal apply-config`: what the terminal's main screen does with a configuration that
// arrived while a document was open. Refuses (TERMINAL_DOCUMENT_OPEN) until that document is finished.
import type { Command } from 'commander';
import { stateOption, withTerminal } from './terminal-command.js';

export function registerTerminalConfig(terminal: Command): void {
  terminal
    .command('apply-config')
    .description('apply a configuration received while a document was open (on the main screen)')
    .addOption(stateOption())
    .action(async (opts: { state: string }) => {
      await withTerminal(opts, async (t) => {
        const applied = await t.applyPendingConfig();
        process.stdout.write(
          applied ? `configuration ${applied.version} applied\n` : 'no pending configuration\n',
        );
      });
    });
}
