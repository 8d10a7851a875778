// Writes a file so that it either exists whole under its final name or not at all, even across a
// power cut: temporary name, fsync the file, rename, fsync the directory.
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Test-only crash points (SHELFSYNC_TEST_CRASH); see docs/integration.md. */
export type CrashPoint = 'before-rename' | 'after-rename';

/**
 * SIGKILLs this process when SHELFSYNC_TEST_CRASH names `point`. For the end-to-end tests of
 * exactly-once export only: it lets a test kill the server at the exact step it wants to prove.
 */
export function testCrashPoint(point: CrashPoint): void {
  if (process.env['SHELFSYNC_TEST_CRASH'] === point) process.kill(process.pid, 'SIGKILL');
}

export const tempNameOf = (name: string): string => `.${name}.tmp`;

async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (e) {
    // Windows cannot open or fsync a directory; its rename is already durable (NTFS journal).
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EACCES') throw e;
  } finally {
    await handle?.close();
  }
}

export async function writeDurably(dir: string, name: string, content: string): Promise<void> {
  const temp = path.join(dir, tempNameOf(name));
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  testCrashPoint('before-rename');
  await rename(temp, path.join(dir, name));
  await syncDirectory(dir);
  testCrashPoint('after-rename');
}

/** Removes temporary files left by a crash before their rename. */
export async function removeTempFiles(dir: string): Promise<number> {
  const temps = (await readdir(dir)).filter((n) => n.startsWith('.') && n.endsWith('.tmp'));
  for (const name of temps) await rm(path.join(dir, name), { force: true });
  return temps.length;
}
