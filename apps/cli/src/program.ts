// The command tree: `serve` runs a base; `terminal …` is a virtual terminal on the same engine as the PWA.
import { Command, Option } from 'commander';
import { registerServe } from './serve-command.js';
import { registerTerminal } from './terminal-command.js';

export function buildProgram(): Command {
  const program = new Command('shelfsync')
    .description('Offline-first data collection for handheld barcode terminals')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ outputError: (text, write) => write(`shelfsync: ${text.replace(/^error: /, '')}`) });
  registerServe(program);
  registerTerminal(program);
  return program;
}

export const VERSION = '0.1.0';

/** An integer option parser with a clear message. */
export function intOption(flags: string, description: string, min = 0): Option {
  return new Option(flags, description).argParser((value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`${flags.split(' ')[0]} must be an integer ≥ ${min}`);
    return n;
  });
}
