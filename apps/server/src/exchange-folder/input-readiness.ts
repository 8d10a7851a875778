// Decides which files in in/ are complete. Two rules, because the writing side varies:
// - marker: if `name.ready` exists (or any `.ready` file is in in/), only files with their own
//   marker are taken, whatever their size;
// - stable: with no marker anywhere, a file is taken once its size and mtime were the same at two
//   polls in a row.
// fs.watch is not used: it misses changes on network shares and RDP-redirected folders.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export const READY_SUFFIX = '.ready';

/** What a poll saw of each candidate file, to compare with the next poll. */
export type InputSnapshot = Map<string, string>;

/** Names the connector never imports: markers, hidden and temporary files. */
export function isIgnored(name: string): boolean {
  return (
    name.startsWith('.') || name.endsWith(READY_SUFFIX) || /\.(tmp|part|partial|crdownload)$/i.test(name)
  );
}

export interface ReadyScan {
  /** Files to import now, in name order. */
  ready: string[];
  /** Files present but not complete yet. */
  pending: string[];
  snapshot: InputSnapshot;
}

export async function scanInput(inDir: string, previous: InputSnapshot): Promise<ReadyScan> {
  const names = (await readdir(inDir)).sort();
  const markers = new Set(names.filter((n) => n.endsWith(READY_SUFFIX)));
  const ready: string[] = [];
  const pending: string[] = [];
  const snapshot: InputSnapshot = new Map();
  for (const name of names) {
    if (isIgnored(name)) continue;
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path.join(inDir, name));
    } catch {
      continue; // moved away between readdir and stat
    }
    if (!info.isFile()) continue;
    if (markers.size > 0) {
      (markers.has(name + READY_SUFFIX) ? ready : pending).push(name);
      continue;
    }
    const seen = `${info.size}:${info.mtimeMs}`;
    snapshot.set(name, seen);
    (previous.get(name) === seen ? ready : pending).push(name);
  }
  return { ready, pending, snapshot };
}
