// How much a browser profile occupies on disk, for the storage bench.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Bytes the directory occupies on disk (allocated blocks, like `du -sb` but counting blocks). */
export async function diskBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await diskBytes(path);
    else if (entry.isFile()) total += (await stat(path).catch(() => ({ blocks: 0 }))).blocks * 512;
  }
  return total;
}
