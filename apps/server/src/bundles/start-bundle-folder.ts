// Desk mode over RDP: watches a folder (redirected into the remote session) for terminals' to-base
// bundles and answers each with a to-terminal bundle beside it. A file is taken once its size has
// stayed the same for two polls (a copy in progress is left alone); a refused one goes to error/
// with a readable report, and the store is left untouched.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type BundleCrypto, parseBundleFileName } from '@shelfsync/bundle';
import { ShelfsyncError } from '@shelfsync/protocol';
import type { ServerStore } from '@shelfsync/store';
import { DeviceService } from '../device-service.js';
import type { DeviceLogSink } from '../server-context.js';
import { answerBundle } from './answer-bundle.js';

export interface BundleFolderOptions {
  dir: string;
  store: ServerStore;
  crypto: BundleCrypto;
  version: string;
  deviceLogs?: DeviceLogSink;
  pollMs?: number;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface BundleFolder {
  poll(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBundleFolder(opts: BundleFolderOptions): Promise<BundleFolder> {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => {});
  const baseId = await opts.store.baseId();
  const service = new DeviceService({
    store: opts.store,
    now,
    version: opts.version,
    baseId,
    ...(opts.deviceLogs ? { deviceLogs: opts.deviceLogs } : {}),
  });
  const deps = { store: opts.store, service, crypto: opts.crypto, baseId, now };
  await mkdir(path.join(opts.dir, 'error'), { recursive: true });
  let sizes = new Map<string, number>();

  const handle = async (name: string) => {
    const file = path.join(opts.dir, name);
    try {
      const answer = await answerBundle(new Uint8Array(await readFile(file)), deps);
      await writeAtomically(opts.dir, answer.name, answer.bytes);
      await rm(file, { force: true });
      log(`bundle: answered ${name} with ${answer.name}`);
    } catch (error) {
      await refuse(opts.dir, name, error, now());
      log(`bundle: refused ${name}: ${describe(error)}`);
    }
  };
  const pollOnce = async () => {
    const seen = new Map<string, number>();
    for (const name of await readdir(opts.dir)) {
      if (parseBundleFileName(name)?.direction !== 'to-base') continue;
      const size = (await stat(path.join(opts.dir, name))).size;
      seen.set(name, size);
      if (sizes.get(name) === size) await handle(name);
    }
    sizes = seen;
  };

  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = (): Promise<void> => {
    running = running.then(pollOnce).catch((e: unknown) => log(`bundle: poll failed: ${describe(e)}`));
    return running;
  };
  const schedule = () => {
    if (!stopped) timer = setTimeout(() => void poll().then(schedule), opts.pollMs ?? 1000);
  };
  await poll();
  schedule();
  return {
    poll,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof ShelfsyncError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** Temp file then rename, so the relay never picks up half a bundle. */
async function writeAtomically(dir: string, name: string, bytes: Uint8Array): Promise<void> {
  const temp = path.join(dir, `.${name}.part`);
  await writeFile(temp, bytes);
  await rename(temp, path.join(dir, name));
}

async function refuse(dir: string, name: string, error: unknown, at: Date): Promise<void> {
  const target = path.join(dir, 'error', name);
  await rename(path.join(dir, name), target).catch(() => {});
  const details =
    error instanceof ShelfsyncError && error.details ? `\ndetails: ${JSON.stringify(error.details)}` : '';
  await writeFile(`${target}.txt`, `${at.toISOString()} refused ${name}\n${describe(error)}${details}\n`);
}
