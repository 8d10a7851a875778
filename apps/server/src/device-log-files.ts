// Terminal log lines kept per device as `<dir>/<deviceId>.ndjson`, one JSON line per entry, with a
// retention limit (age and size per device) applied on every write and at start (DESIGN.md §7 Logs).
import { appendFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeviceLogEntry } from '@shelfsync/protocol';
import type { DeviceLogSink } from './server-context.js';

/** Device ids are ours (`dev-…`), but a file name must never be steered by input: keep it plain. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;

export const DEFAULT_LOG_RETENTION_DAYS = 14;
export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;
const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** A stored line: the terminal's entry plus when the base received it (retention counts from it). */
export interface StoredDeviceLogLine extends DeviceLogEntry {
  deviceId: string;
  receivedAt: string;
}

export interface DeviceLogFilter {
  /** Lines the terminal wrote at or after this time. */
  since?: string;
  /** This level and above. */
  level?: DeviceLogEntry['level'];
  /** The newest `limit` lines. */
  limit?: number;
}

export interface DeviceLogOptions {
  retentionMs?: number;
  maxBytesPerDevice?: number;
  now?: () => Date;
}

export interface DeviceLogFiles extends DeviceLogSink {
  read(deviceId: string, filter: DeviceLogFilter): Promise<StoredDeviceLogLine[]>;
  /** Applies the retention limit to every device's file. */
  pruneAll(): Promise<void>;
}

export function deviceLogFiles(dir: string, opts: DeviceLogOptions = {}): DeviceLogFiles {
  const retentionMs = opts.retentionMs ?? DEFAULT_LOG_RETENTION_DAYS * 86_400_000;
  const maxBytes = opts.maxBytesPerDevice ?? DEFAULT_LOG_MAX_BYTES;
  const now = opts.now ?? (() => new Date());
  const fileOf = (deviceId: string) => path.join(dir, `${deviceId}.ndjson`);
  // Appends and prunes of one device's file run one after another, so a rewrite never loses a line.
  const queues = new Map<string, Promise<unknown>>();
  const serial = <T>(deviceId: string, task: () => Promise<T>): Promise<T> => {
    const run = (queues.get(deviceId) ?? Promise.resolve()).then(task, task);
    queues.set(
      deviceId,
      run.catch(() => undefined),
    );
    return run;
  };
  const prune = (deviceId: string) =>
    pruneFile(fileOf(deviceId), new Date(now().getTime() - retentionMs).toISOString(), maxBytes);

  return {
    async append(deviceId, entries) {
      if (!SAFE_ID.test(deviceId) || entries.length === 0) return;
      const receivedAt = now().toISOString();
      await serial(deviceId, async () => {
        await mkdir(dir, { recursive: true });
        const lines = entries.map((e) => `${JSON.stringify({ deviceId, receivedAt, ...e })}\n`).join('');
        await appendFile(fileOf(deviceId), lines, 'utf8');
        await prune(deviceId);
      });
    },
    async read(deviceId, filter) {
      if (!SAFE_ID.test(deviceId)) return [];
      const cutoff = new Date(now().getTime() - retentionMs).toISOString();
      const lines = (await readLines(fileOf(deviceId))).filter((l) => l.receivedAt >= cutoff);
      return applyFilter(lines, filter);
    },
    async pruneAll() {
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        const id = name.replace(/\.ndjson$/, '');
        if (id !== name && SAFE_ID.test(id)) await serial(id, () => prune(id));
      }
    },
  };
}

function applyFilter(lines: StoredDeviceLogLine[], filter: DeviceLogFilter): StoredDeviceLogLine[] {
  const min = filter.level ? LEVELS.indexOf(filter.level) : 0;
  const since = filter.since ? new Date(filter.since).getTime() : undefined;
  const kept = lines.filter(
    (l) => LEVELS.indexOf(l.level) >= min && (since === undefined || new Date(l.at).getTime() >= since),
  );
  return filter.limit === undefined ? kept : kept.slice(-filter.limit);
}

async function readLines(file: string): Promise<StoredDeviceLogLine[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const lines: StoredDeviceLogLine[] = [];
  for (const raw of text.split('\n')) {
    if (raw === '') continue;
    try {
      const line = JSON.parse(raw) as StoredDeviceLogLine;
      // Lines from before retention existed have no receipt time; their own time stands in.
      lines.push({ ...line, receivedAt: line.receivedAt ?? line.at });
    } catch {
      // A line cut by a crash mid-append is skipped rather than hiding the rest of the log.
    }
  }
  return lines;
}

/** Drops lines received before `cutoff`, then the oldest until the file fits in `maxBytes`. */
async function pruneFile(file: string, cutoff: string, maxBytes: number): Promise<void> {
  const lines = await readLines(file);
  const kept = lines.filter((l) => l.receivedAt >= cutoff);
  const texts = kept.map((l) => `${JSON.stringify(l)}\n`);
  let size = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  let drop = 0;
  while (size > maxBytes && drop < texts.length) size -= Buffer.byteLength(texts[drop++] ?? '');
  if (drop === 0 && kept.length === lines.length) return;
  const tmp = `${file}.tmp`;
  await writeFile(tmp, texts.slice(drop).join(''), 'utf8');
  await rename(tmp, file);
}
