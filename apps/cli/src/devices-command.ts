// `shelfsync devices`: the device registry of a running server for an administrator — who called
// when, on which app and configuration version, with how much unsent work, and which terminals fell
// silent — and placing a terminal in a warehouse or a device group.
import type { Command } from 'commander';
import { adminApi, type ServerOptions } from './admin-api.js';
import { enrollmentLink, qrText, reachableUrl } from './enroll-qr.js';
import { intOption } from './program.js';

interface RegistryItem {
  id: string;
  name: string;
  lastSeenAt?: string;
  appVersion?: string;
  configVersion?: string;
  backlog?: number;
  storage?: { used: number; free: number };
  group: string;
  warehouseId?: string;
  revoked: boolean;
  silent: boolean;
}

const serverOptions = (cmd: Command) =>
  cmd
    .requiredOption('--server <url>', 'the server')
    .option('--key <key>', 'the server’s integration API key (default: SHELFSYNC_API_KEY)');

const mib = (bytes: number) => `${Math.round(bytes / 1_048_576)} MiB`;

/** One line per terminal, the ones needing attention marked first in the line. */
function describe(d: RegistryItem): string {
  const mark = d.revoked ? 'revoked' : d.silent ? 'SILENT ' : 'ok     ';
  const parts = [
    `${mark} ${d.id} ${d.name}`,
    `last contact ${d.lastSeenAt ?? 'never'}`,
    `app ${d.appVersion ?? '-'}`,
    `group ${d.group}`,
    `warehouse ${d.warehouseId ?? 'all'}`,
    `unsent ${d.backlog ?? '-'}`,
  ];
  if (d.storage) parts.push(`storage ${mib(d.storage.used)} used, ${mib(d.storage.free)} free`);
  return parts.join('; ');
}

export function registerDevices(program: Command): void {
  const cmd = program.command('devices').description('enrolled terminals on a running server');
  serverOptions(
    cmd
      .command('list')
      .description('every terminal: last contact, versions, unsent work, storage, group, warehouse')
      .addOption(
        intOption('--silent-minutes <n>', 'flag terminals silent for longer than this', 1).default(60),
      )
      .option('--json', 'print the registry as JSON'),
  ).action(async (opts: ServerOptions & { silentMinutes: number; json?: boolean }) => {
    const { items } = (await adminApi(opts, 'GET', `/devices?silentMinutes=${opts.silentMinutes}`)) as {
      items: RegistryItem[];
    };
    if (opts.json) process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
    else for (const d of items) process.stdout.write(`${describe(d)}\n`);
  });
  serverOptions(
    cmd
      .command('enroll-code')
      .description('make a one-time enrollment code for another terminal')
      .addOption(intOption('--ttl-minutes <n>', 'how long the code stays valid', 1).default(24 * 60)),
  ).action(async (opts: ServerOptions & { ttlMinutes: number }) => {
    const created = (await adminApi(opts, 'POST', '/devices/enrollments', {
      ttlMinutes: opts.ttlMinutes,
    })) as {
      code: string;
      expiresAt: string;
    };
    const link = enrollmentLink(reachableUrl(opts.server), created.code);
    process.stdout.write(`enrollment code: ${created.code} (valid until ${created.expiresAt})\n`);
    process.stdout.write(`enrollment link: ${link}\n${await qrText(link)}`);
  });
  serverOptions(
    cmd
      .command('place')
      .description("hold only one warehouse's catalog on a terminal (`all`: the whole catalog again)")
      .argument('<device>', 'device id (see `shelfsync devices list`)')
      .argument('<warehouse>', 'warehouse id, or `all`'),
  ).action(async (device: string, warehouse: string, opts: ServerOptions) => {
    const warehouseId = warehouse === 'all' ? null : warehouse;
    await adminApi(opts, 'PUT', `/devices/${encodeURIComponent(device)}/warehouse`, { warehouseId });
    process.stdout.write(
      warehouseId === null
        ? `${device} holds the whole catalog from its next exchange\n`
        : `${device} holds warehouse ${warehouseId} from its next exchange\n`,
    );
  });
  serverOptions(
    cmd
      .command('group')
      .description('move a terminal to a device group (app versions are assigned per group)')
      .argument('<device>', 'device id')
      .argument('<group>', 'group name, e.g. pilot or stable'),
  ).action(async (device: string, group: string, opts: ServerOptions) => {
    await adminApi(opts, 'PUT', `/devices/${encodeURIComponent(device)}/group`, { group });
    process.stdout.write(`${device} is in group ${group}\n`);
  });
  serverOptions(
    cmd
      .command('revoke')
      .description('revoke a lost or stolen terminal: its token stops working at once (docs/security.md)')
      .argument('<device>', 'device id'),
  ).action(async (device: string, opts: ServerOptions) => {
    await adminApi(opts, 'POST', `/devices/${encodeURIComponent(device)}/revoke`);
    process.stdout.write(`${device} is revoked; it can come back only with a new enrollment code\n`);
  });
}
