// `shelfsync logs DEVICE`: a terminal's uploaded log lines, from a running server's admin API or
// straight from a data directory's log folder (desk mode), filtered by time and level.
import path from 'node:path';
import { DeviceLogEntrySchema, errorFromBody, ShelfsyncError } from '@shelfsync/protocol';
import { type DeviceLogFilter, deviceLogFiles, type StoredDeviceLogLine } from '@shelfsync/server';
import { type Command, Option } from 'commander';

interface LogsOptions {
  since?: string;
  level?: DeviceLogFilter['level'];
  limit?: string;
  data?: string;
  server?: string;
  key?: string;
  json?: boolean;
}

export function registerLogs(program: Command): void {
  program
    .command('logs')
    .description("a terminal's log lines kept on the base (oldest first)")
    .argument('<device>', 'device id (see GET /api/v1/devices)')
    .option('--since <time>', 'lines written at or after this ISO time')
    .addOption(
      new Option('--level <level>', 'this level and above').choices(DeviceLogEntrySchema.shape.level.options),
    )
    .option('--limit <n>', 'only the newest N lines')
    .option('--data <dir>', 'data directory of the base (reads its log folder)')
    .option('--server <url>', 'a running server (admin API)')
    .option('--key <key>', 'API key of the server (or SHELFSYNC_API_KEY)')
    .option('--json', 'print JSON lines as stored')
    .action(async (device: string, opts: LogsOptions) => {
      const lines = opts.server !== undefined ? await fetchLogs(device, opts) : await readLocal(device, opts);
      for (const l of lines) {
        process.stdout.write(
          opts.json ? `${JSON.stringify(l)}\n` : `${l.at} ${l.level.padEnd(5)} ${l.message}\n`,
        );
      }
    });
}

function filterOf(opts: LogsOptions): DeviceLogFilter {
  const limit = opts.limit === undefined ? undefined : Number(opts.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0))
    throw new ShelfsyncError('CLI_USAGE', '--limit must be a positive integer.');
  if (opts.since !== undefined && Number.isNaN(Date.parse(opts.since)))
    throw new ShelfsyncError('CLI_USAGE', '--since must be an ISO time, e.g. 2026-01-31T08:00:00Z.');
  return {
    ...(opts.since !== undefined ? { since: opts.since } : {}),
    ...(opts.level !== undefined ? { level: opts.level } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}

async function readLocal(device: string, opts: LogsOptions): Promise<StoredDeviceLogLine[]> {
  const dir = path.join(path.resolve(opts.data ?? './shelfsync-data'), 'logs');
  return deviceLogFiles(dir).read(device, filterOf(opts));
}

async function fetchLogs(device: string, opts: LogsOptions): Promise<StoredDeviceLogLine[]> {
  const key = opts.key ?? process.env['SHELFSYNC_API_KEY'];
  if (!key) throw new ShelfsyncError('CLI_USAGE', '--server needs --key (or SHELFSYNC_API_KEY).');
  const filter = filterOf(opts);
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) query.set(k, String(v));
  const url = `${opts.server?.replace(/\/$/, '')}/api/v1/devices/${encodeURIComponent(device)}/logs?${query}`;
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  const body = (await res.json()) as { items: StoredDeviceLogLine[] };
  if (!res.ok) throw errorFromBody(body, 'INTERNAL');
  return body.items;
}
