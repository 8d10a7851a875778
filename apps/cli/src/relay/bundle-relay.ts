// The RDP relay's file moves, one poll at a time: to-base bundles from each cabled terminal's outgoing
// folder into the shared folder, and to-terminal bundles from the shared folder into the right
// terminal's incoming folder. A file leaves its source only once its copy is complete (temp + rename
// on the PC, adb's own copy on the device), so a cut cable loses nothing and the relay keeps nothing.
// The terminal PWA can only download files: its bundles land in Download/, one level above deviceDir,
// and the relay writes the `device-id` file for it from the names of the bundles it carried.
import { mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseBundleFileName } from '@shelfsync/bundle';
import type { Adb } from '../adb/adb-client.js';

export const DEFAULT_DEVICE_DIR = '/sdcard/Download/Shelfsync';

export interface RelayOptions {
  adb: Adb;
  folder: string;
  /** On each terminal: `outgoing/`, `incoming/` and the `device-id` file the terminal app writes. */
  deviceDir: string;
  log: (line: string) => void;
}

export async function relayPoll(opts: RelayOptions, ready: readonly string[]): Promise<void> {
  const ids = new Map<string, string | undefined>();
  for (const serial of ready) {
    const carried = await collectOutgoing(opts, serial);
    const known = await deviceIdOf(opts, serial);
    const named = carried[carried.length - 1];
    if (named !== undefined && named !== known) await writeDeviceId(opts, serial, named);
    ids.set(serial, named ?? known);
  }
  await deliverIncoming(opts, ids);
}

async function deviceIdOf(opts: RelayOptions, serial: string): Promise<string | undefined> {
  const text = await opts.adb.shell(serial, 'cat', `${opts.deviceDir}/device-id`).catch(() => '');
  const id = text.trim();
  return /^[A-Za-z0-9_-]{1,100}$/.test(id) ? id : undefined;
}

/** Moves the terminal's to-base bundles to the folder; answers the device ids their names carry. */
async function collectOutgoing(opts: RelayOptions, serial: string): Promise<string[]> {
  const carried: string[] = [];
  // outgoing/ for apps that write files; Download/ (deviceDir's parent) for the PWA's downloads.
  for (const dir of [`${opts.deviceDir}/outgoing`, path.posix.dirname(opts.deviceDir)]) {
    const listing = await opts.adb.shell(serial, 'ls', dir).catch(() => '');
    for (const name of listing.split(/\r?\n/).map((n) => n.trim())) {
      const parsed = parseBundleFileName(name);
      if (parsed?.direction !== 'to-base') continue;
      await moveToFolder(opts, serial, `${dir}/${name}`, name);
      carried.push(parsed.deviceId);
    }
  }
  return carried;
}

async function moveToFolder(opts: RelayOptions, serial: string, remote: string, name: string) {
  const temp = path.join(opts.folder, `.${name}.part`);
  try {
    await opts.adb.pull(serial, remote, temp);
    await rename(temp, path.join(opts.folder, name));
  } catch (error) {
    await rm(temp, { force: true }); // a cut cable leaves nothing behind; the file is still on the terminal
    throw error;
  }
  await opts.adb.shell(serial, 'rm', '-f', remote);
  opts.log(`relay: ${name} from terminal ${serial} → ${opts.folder}`);
}

async function writeDeviceId(opts: RelayOptions, serial: string, deviceId: string): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shelfsync-relay-'));
  try {
    const local = path.join(dir, 'device-id');
    await writeFile(local, `${deviceId}\n`);
    await opts.adb.push(serial, local, `${opts.deviceDir}/device-id`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An answer goes to the terminal with its device id; an enrollment to the one terminal without an id. */
async function deliverIncoming(opts: RelayOptions, ids: Map<string, string | undefined>): Promise<void> {
  const unenrolled = [...ids].filter(([, id]) => id === undefined).map(([serial]) => serial);
  for (const name of await readdir(opts.folder)) {
    const parsed = parseBundleFileName(name);
    if (parsed?.direction !== 'to-terminal') continue;
    const serial = parsed.enrollment
      ? unenrolled.length === 1
        ? unenrolled[0]
        : undefined
      : [...ids].find(([, id]) => id === parsed.deviceId)?.[0];
    if (serial === undefined) continue;
    const local = path.join(opts.folder, name);
    await opts.adb.push(serial, local, `${opts.deviceDir}/incoming/${name}`);
    await rm(local, { force: true });
    opts.log(`relay: ${name} → terminal ${serial}`);
  }
}
