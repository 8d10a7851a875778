// Entry point of the `shelfsync` command: parses the command line and reports errors as one line.
import { ShelfsyncError } from '@shelfsync/protocol/error';
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';

// `shelfsync terminal docs | head`: when the reader goes away, stop quietly like other Unix tools
// instead of dying on an unhandled EPIPE with a stack trace. Work already done is committed.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit();
  throw e;
});

async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv[2]);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    return reportError(err);
  }
}

/** Prints one clear line and returns the exit status: 2 for usage errors, 1 for everything else. */
export function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // Commander already printed help or its own one-line message.
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof ShelfsyncError) {
    process.stderr.write(`shelfsync: ${err.code}: ${err.message}${unreachedServers(err)}\n`);
    return err.code === 'CLI_USAGE' ? 2 : 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`shelfsync: ${message}\n`);
  return 1;
}

process.exitCode = await main(process.argv);

/** For SYNC_OFFLINE, why each server address failed: refused, timed out, or an untrusted certificate. */
function unreachedServers(err: ShelfsyncError): string {
  const failures = (err.details as { failures?: unknown } | undefined)?.failures;
  if (!Array.isArray(failures) || failures.length === 0) return '';
  return ` (${failures.map(String).join('; ')})`;
}
