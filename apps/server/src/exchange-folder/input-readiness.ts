// Decides which entries of in/ are complete files to import. Three ways for a writer to say a file
// is complete, checked per file (docs/integration.md, "When a file is taken"):
// - rename into place: names starting with `.` or ending in `.tmp`, `.part`… are never looked at,
//   so a writer that writes under such a name and renames at the end is always safe;
// - marker: `name.ready` beside `name` makes `name` ready at once (a marker concerns its own file
//   only: a stray marker neither blocks nor releases other files; it is reported);
// - quiet: a file without a marker is taken once its size and mtime stayed the same for the quiet
//   time (`settleMs`, measured on this process's own clock, so a skewed file-server clock does not
//   matter) and over two polls at least.
// Entries are looked at with lstat only: a link, FIFO, socket, device or folder is never opened;
// it is reported as `strange` so the caller moves it aside.
// fs.watch is not used: it misses changes on network shares and RDP-redirected folders.
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

export const READY_SUFFIX = '.ready';

/** What polls saw of each candidate, to compare with the next poll. */
export interface InputSnapshot {
  /** name → size:mtime:inode and when (ms, monotonic clock) that signature was first seen. */
  files: Map<string, { sig: string; since: number }>;
  /** Markers seen without their file (reported when still alone at the next poll). */
  loneMarkers: Set<string>;
}

export const emptySnapshot = (): InputSnapshot => ({ files: new Map(), loneMarkers: new Set() });

/** Writers' temporary names: never imported, never reported. */
export function isTemporary(name: string): boolean {
  return name.startsWith('.') || /\.(tmp|part|partial|crdownload)$/i.test(name);
}

/** Names the connector never imports: markers, hidden and temporary files. */
export function isIgnored(name: string): boolean {
  return isTemporary(name) || name.endsWith(READY_SUFFIX);
}

/** What a non-regular entry is, in the words of the report. */
export type StrangeKind =
  | 'symbolic link'
  | 'folder'
  | 'FIFO (named pipe)'
  | 'socket'
  | 'device'
  | 'hard link (the same file has another name)'
  | 'unknown entry';

export interface ReadyScan {
  /** Files to import now, in name order. */
  ready: string[];
  /** Files present but not complete yet. */
  pending: string[];
  /** Entries that are not plain files: never opened, to be moved aside with a report. */
  strange: { name: string; kind: StrangeKind }[];
  /** `*.ready` markers whose file has been missing at two polls in a row. */
  strayMarkers: string[];
  snapshot: InputSnapshot;
}

export interface ScanOptions {
  /** How long a file without a marker must stay unchanged; 0 = two polls in a row. */
  settleMs: number;
  /** Monotonic milliseconds; performance.now by default. */
  clock?: () => number;
}

type EntryStats = Awaited<ReturnType<typeof lstat>>;

export function strangeKind(info: EntryStats): StrangeKind | undefined {
  if (info.isSymbolicLink()) return 'symbolic link';
  if (info.isDirectory()) return 'folder';
  if (info.isFIFO()) return 'FIFO (named pipe)';
  if (info.isSocket()) return 'socket';
  if (info.isBlockDevice() || info.isCharacterDevice()) return 'device';
  if (!info.isFile()) return 'unknown entry';
  // A second name of a file kept elsewhere (possibly outside the folder) is not taken either.
  if (info.nlink > 1) return 'hard link (the same file has another name)';
  return undefined;
}

export async function scanInput(
  inDir: string,
  previous: InputSnapshot,
  opts: ScanOptions,
): Promise<ReadyScan> {
  const now = (opts.clock ?? (() => performance.now()))();
  const names = (await readdir(inDir)).sort();
  const present = new Set(names);
  const result: ReadyScan = {
    ready: [],
    pending: [],
    strange: [],
    strayMarkers: [],
    snapshot: emptySnapshot(),
  };
  for (const name of names) {
    if (isTemporary(name)) continue;
    let info: EntryStats;
    try {
      info = await lstat(path.join(inDir, name));
    } catch {
      continue; // moved away between readdir and lstat
    }
    if (name.endsWith(READY_SUFFIX)) {
      const target = name.slice(0, -READY_SUFFIX.length);
      if (present.has(target) || !info.isFile()) {
        if (!info.isFile()) result.strange.push({ name, kind: strangeKind(info) ?? 'unknown entry' });
        continue;
      }
      // A marker alone: the writer may be renaming its file into place; report it at the next poll.
      if (previous.loneMarkers.has(name)) result.strayMarkers.push(name);
      else result.snapshot.loneMarkers.add(name);
      continue;
    }
    const kind = strangeKind(info);
    if (kind !== undefined) {
      result.strange.push({ name, kind });
      continue;
    }
    if (present.has(name + READY_SUFFIX)) {
      result.ready.push(name);
      continue;
    }
    const sig = `${info.size}:${info.mtimeMs}:${info.ino}`;
    const seen = previous.files.get(name);
    const since = seen?.sig === sig ? seen.since : now;
    result.snapshot.files.set(name, { sig, since });
    const quiet = seen?.sig === sig && now - since >= opts.settleMs;
    (quiet ? result.ready : result.pending).push(name);
  }
  return result;
}
