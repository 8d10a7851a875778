// The command tree: `serve` runs a base; `terminal …` is a virtual terminal on the same engine as the PWA.
import { Command, Option } from 'commander';
import { registerAppVersion } from './app-version-command.js';
import { registerConfig } from './config-command.js';
import { registerDesk } from './desk-command.js';
import { registerDevices } from './devices-command.js';
import { registerEnrollBundle } from './enroll-bundle-command.js';
import { registerImport } from './import-command.js';
import { registerLogs } from './logs-command.js';
import { registerRelay } from './relay-command.js';
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
  registerDesk(program);
  registerConfig(program);
  registerDevices(program);
  registerLogs(program);
  registerEnrollBundle(program);
  registerRelay(program);
  registerImport(program);
  registerTerminal(program);
  registerAppVersion(program);
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
