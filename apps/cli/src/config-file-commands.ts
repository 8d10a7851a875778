// `shelfsync config validate|set FILE`: the configuration file (YAML or JSON: document types and
// operator settings) checked with every problem placed at its line, and stored in a base — straight
// into a data directory (desk mode) or through a running server's admin API.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type BaseConfig, errorFromBody, ShelfsyncError } from '@shelfsync/protocol';
import { configVersion, formatConfigIssue, parseConfigText, storeBaseConfig } from '@shelfsync/server';
import { openSqliteServerStore } from '@shelfsync/store';
import type { Command } from 'commander';

interface Target {
  data?: string;
  server?: string;
  key?: string;
}

export function registerConfigFileCommands(config: Command): void {
  config
    .command('validate')
    .description('check a configuration file (YAML or JSON); prints FILE:LINE:COL for each problem')
    .argument('<file>', 'configuration file: documentTypes: […] and settings: {…}')
    .action(async (file: string) => {
      const parsed = await readConfig(file);
      process.stdout.write(`${file}: valid, version ${configVersion(parsed)}\n`);
    });
  config
    .command('set')
    .description('validate a configuration file and store it in the base; terminals get it at sync')
    .argument('<file>', 'configuration file (YAML or JSON)')
    .option('--data <dir>', 'data directory of the base (desk mode, or a stopped server)')
    .option('--server <url>', 'a running server (admin API)')
    .option('--key <key>', 'API key of the server (or SHELFSYNC_API_KEY)')
    .action(async (file: string, opts: Target) => {
      const stored = await storeConfig(file, opts);
      const count = stored.documentTypes.length;
      process.stdout.write(`configuration stored: ${count} document type(s), version ${stored.version}\n`);
    });
}

/** Parses the file, or prints every problem and fails with CONFIG_INVALID (exit status 1). */
async function readConfig(file: string) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ShelfsyncError('CLI_USAGE', `${file} is not readable: ${(error as Error).message}`);
  }
  const parsed = parseConfigText(text);
  if (parsed.ok) return parsed.value;
  for (const issue of parsed.issues) process.stdout.write(`${formatConfigIssue(file, issue)}\n`);
  throw new ShelfsyncError('CONFIG_INVALID', undefined, { problems: parsed.issues.length });
}

async function storeConfig(file: string, opts: Target): Promise<BaseConfig> {
  if (opts.server !== undefined) return putRemote(file, opts.server, opts.key);
  const parsed = await readConfig(file);
  const dataDir = path.resolve(opts.data ?? './shelfsync-data');
  const store = await openSqliteServerStore(path.join(dataDir, 'shelfsync.db'));
  try {
    return await storeBaseConfig(store, parsed);
  } finally {
    await store.close();
  }
}

/** The server validates again and answers the same line-placed problems (CONFIG_INVALID). */
async function putRemote(file: string, server: string, key: string | undefined): Promise<BaseConfig> {
  await readConfig(file);
  const apiKey = key ?? process.env['SHELFSYNC_API_KEY'];
  if (!apiKey) throw new ShelfsyncError('CLI_USAGE', '--server needs --key (or SHELFSYNC_API_KEY).');
  const res = await fetch(`${server.replace(/\/$/, '')}/api/v1/config`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/yaml' },
    body: await readFile(file, 'utf8'),
  });
  const body = (await res.json()) as unknown;
  if (!res.ok) throw errorFromBody(body, 'INTERNAL');
  return body as BaseConfig;
}
