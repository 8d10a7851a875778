// `shelfsync serve`: the base with the integration and device APIs, on embedded SQLite.
import path from 'node:path';
import { createEnrollmentCode, openServer } from '@shelfsync/server';
import type { Command } from 'commander';
import { loadDemoData } from './demo-data.js';
import { intOption } from './program.js';

interface ServeOptions {
  data: string;
  host: string;
  port: number;
  demo?: boolean;
  quiet?: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the Shelfsync server (integration API, device API) on embedded SQLite')
    .option('--data <dir>', 'data directory (database, API key)', './shelfsync-data')
    .option('--host <host>', 'address to listen on (0.0.0.0 to accept terminals on the network)', '127.0.0.1')
    .addOption(intOption('--port <port>', 'port to listen on (0 picks a free one)').default(8750))
    .option('--demo', 'load a demo catalog and three tasks when the base is empty')
    .option('--quiet', 'do not log requests')
    .action(async (opts: ServeOptions) => serve(opts));
}

async function serve(opts: ServeOptions): Promise<void> {
  const dataDir = path.resolve(opts.data);
  const server = await openServer({ dataDir, host: opts.host, port: opts.port, logger: !opts.quiet });
  let demoNote = '';
  if (opts.demo) {
    const loaded = await loadDemoData(server);
    demoNote = loaded ? 'demo data loaded' : 'demo data already present';
  }
  const enrollment = await createEnrollmentCode(server.store);
  const lines = [
    `Shelfsync server listening on ${server.url}`,
    `  data directory:  ${dataDir}${demoNote ? ` (${demoNote})` : ''}`,
    `  API key:         ${server.apiKey}`,
    `  API docs:        ${server.url}/api/docs`,
    `  enrollment code: ${enrollment.code} (valid until ${enrollment.expiresAt})`,
    `  try:             npx shelfsync terminal enroll --server ${server.url} --code ${enrollment.code} --state ./term1`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  process.stdout.write('Shelfsync server stopped\n');
}
