// `shelfsync config …`: the base's configuration from the command line, for desk mode where there is
// no admin console. Writes straight to the data directory's database; a running base (desk or
// serve) picks the change up at the next hello, because the store reads the configuration each time.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DocumentTypeSchema, describeIssues, ShelfsyncError } from '@shelfsync/protocol';
import { readBaseConfig } from '@shelfsync/server';
import { openSqliteServerStore } from '@shelfsync/store';
import type { Command } from 'commander';
import { z } from 'zod';
import { registerConfigFileCommands } from './config-file-commands.js';

const DocumentTypesFileSchema = z.array(DocumentTypeSchema).min(1);

export function registerConfig(program: Command): void {
  const config = program
    .command('config')
    .description('the base configuration (document types, operator settings)');
  registerConfigFileCommands(config);
  config
    .command('set-types')
    .description('replace the document types with those in a JSON file (an array of types)')
    .argument('<file>', 'JSON file: [{ "id": "receipt", "name": {…}, "overPlan": "warn", … }]')
    .option('--data <dir>', 'data directory of the base', './shelfsync-data')
    .action(async (file: string, opts: { data: string }) => setTypes(file, opts.data));
  config
    .command('show')
    .description('print the document types in force and their version')
    .option('--data <dir>', 'data directory of the base', './shelfsync-data')
    .action(async (opts: { data: string }) => {
      const store = await openSqliteServerStore(path.join(path.resolve(opts.data), 'shelfsync.db'));
      try {
        process.stdout.write(`${JSON.stringify(await readBaseConfig(store), null, 2)}\n`);
      } finally {
        await store.close();
      }
    });
}

async function setTypes(file: string, dataDir: string): Promise<void> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ShelfsyncError('CLI_USAGE', `${file} is not readable JSON: ${(error as Error).message}`);
  }
  const parsed = DocumentTypesFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ShelfsyncError('CLI_USAGE', `${file} does not hold valid document types.`, {
      issues: describeIssues(parsed.error),
    });
  }
  const store = await openSqliteServerStore(path.join(path.resolve(dataDir), 'shelfsync.db'));
  try {
    const snapshot = await store.putDocumentTypes(parsed.data);
    // The version terminals see covers the operator settings too.
    const { version } = await readBaseConfig(store);
    process.stdout.write(`document types stored: ${snapshot.documentTypes.length}, version ${version}\n`);
  } finally {
    await store.close();
  }
}
