// The command tree: `serve` runs a base; `terminal …` is a virtual terminal on the same engine as the PWA.
import { ShelfsyncError } from '@shelfsync/protocol/error';
import { Command, Option } from 'commander';

type Register = (program: Command) => void;

/**
 * Each top-level command's module, loaded only when needed: a `terminal …` call (the virtual
 * terminal, run once per scan in scripts) then skips loading the server, about half of start-up.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./serve-command.js')).registerServe,
  desk: async () => (await import('./desk-command.js')).registerDesk,
  config: async () => (await import('./config-command.js')).registerConfig,
  devices: async () => (await import('./devices-command.js')).registerDevices,
  logs: async () => (await import('./logs-command.js')).registerLogs,
  'enroll-bundle': async () => (await import('./enroll-bundle-command.js')).registerEnrollBundle,
  relay: async () => (await import('./relay-command.js')).registerRelay,
  import: async () => (await import('./import-command.js')).registerImport,
  terminal: async () => (await import('./terminal-command.js')).registerTerminal,
  'app-version': async () => (await import('./app-version-command.js')).registerAppVersion,
};

/**
 * The command tree; with `command` naming one top-level command, only that one; for the version, none
 * (help lists all).
 */
export async function buildProgram(command?: string): Promise<Command> {
  const program = new Command('shelfsync')
    .description('Offline-first data collection for handheld barcode terminals')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ outputError: (text, write) => write(`shelfsync: ${text.replace(/^error: /, '')}`) });
  const names =
    command !== undefined && command in COMMANDS
      ? [command]
      : command === '-V' || command === '--version'
        ? []
        : Object.keys(COMMANDS);
  for (const register of await Promise.all(
    names.map((name) => (COMMANDS[name] as () => Promise<Register>)()),
  )) {
    register(program);
  }
  return program;
}

export const VERSION = '0.1.0';

/** An integer option parser with a clear message. */
export function intOption(flags: string, description: string, min = 0): Option {
  return new Option(flags, description).argParser((value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new ShelfsyncError('CLI_USAGE', `${flags.split(' ')[0]} must be an integer ≥ ${min}.`);
    return n;
  });
}
