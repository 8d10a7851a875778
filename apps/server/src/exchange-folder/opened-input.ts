// Opens one file of in/ for import without ever following a link or blocking on a pipe, and reads
// it from that handle only. The reader checks at the end of each pass, while the import's store
// transaction is still open, that the file did not grow or change and that its name still points
// at the same file: a file still being written is refused (IMPORT_FILE_CHANGED), never half-stored.
import { constants, type Stats } from 'node:fs';
import { type FileHandle, lstat, open } from 'node:fs/promises';
import { ShelfsyncError } from '@shelfsync/protocol';
import { strangeKind } from './input-readiness.js';

const READ_CHUNK = 64 * 1024;

// O_NOFOLLOW: a link swapped in after the scan fails to open (ELOOP) instead of being followed.
// O_NONBLOCK: a FIFO swapped in does not hang the poll (it is refused by fstat right after).
// Windows has neither flag; there a link is still caught by the scan's lstat.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export interface OpenedInput {
  /** The file's bytes from its start; throws IMPORT_FILE_CHANGED at the end if it changed. */
  read(): AsyncGenerator<Uint8Array>;
  /** Throws IMPORT_FILE_CHANGED if the file changed since it was opened (call after the import). */
  checkUnchanged(): Promise<void>;
  close(): Promise<void>;
}

const signature = (s: Stats) => `${s.size}:${s.mtimeMs}:${s.ino}:${s.dev}`;

function changed(name: string, what: string): ShelfsyncError {
  return new ShelfsyncError(
    'IMPORT_FILE_CHANGED',
    `${name} ${what} while it was being imported; nothing of it was stored.`,
    { file: name },
  );
}

function notAFile(name: string, kind: string): ShelfsyncError {
  return new ShelfsyncError(
    'IMPORT_NOT_A_FILE',
    `${name} is a ${kind}, not a plain file; it was not opened.`,
    {
      file: name,
      kind,
    },
  );
}

/** Opens `file` (a plain file of its own, or IMPORT_NOT_A_FILE) and remembers its size and mtime. */
export async function openInput(file: string, name: string): Promise<OpenedInput> {
  let handle: FileHandle;
  try {
    handle = await open(file, OPEN_FLAGS);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw notAFile(name, 'symbolic link');
    throw e;
  }
  let before: Stats;
  try {
    before = await handle.stat();
    const kind = strangeKind(before);
    if (kind !== undefined) throw notAFile(name, kind);
  } catch (e) {
    await handle.close();
    throw e;
  }

  const checkUnchanged = async () => {
    const now = await handle.stat();
    if (signature(now) !== signature(before)) throw changed(name, 'grew or changed');
    let atPath: Stats;
    try {
      atPath = await lstat(file);
    } catch {
      throw changed(name, 'was moved away');
    }
    if (atPath.ino !== before.ino || atPath.dev !== before.dev) throw changed(name, 'was replaced');
  };

  return {
    async *read() {
      let at = 0;
      for (;;) {
        const buf = Buffer.allocUnsafe(READ_CHUNK);
        const { bytesRead } = await handle.read(buf, 0, READ_CHUNK, at);
        if (bytesRead === 0) break;
        at += bytesRead;
        if (at > before.size) throw changed(name, 'grew');
        yield buf.subarray(0, bytesRead);
      }
      if (at !== before.size) throw changed(name, 'shrank');
      await checkUnchanged();
    },
    checkUnchanged,
    close: () => handle.close(),
  };
}
