// Receives the files 1C sends with mode=file into the session folder: each request's body is
// appended to its file, and only a body that arrived whole counts (a cut one is cut back off), so
// a file is always a sequence of complete parts. Archives are unpacked before an import.
import { constants } from 'node:fs';
import { lstat, mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { ShelfsyncError } from '@shelfsync/protocol';
import type { ExchangeSession } from './exchange-sessions.js';
import { stagedPath, stagedSegments } from './staged-path.js';
import { unzipInto } from './unzip.js';

export interface StagingLimits {
  /** Largest body of one mode=file request (announced to 1C as file_limit). */
  fileLimit: number;
  /** Most bytes one session may hold, received and unpacked together. */
  sessionLimit: number;
}

/** The canonical form of a name from 1C, the key of its file in the session. */
export const stagedKey = (name: string): string => stagedSegments(name).join('/');

/**
 * Appends `body` to the file `name` (replacing it when `replace`) and records its new length
 * durably; on any failure the file is cut back to what it was.
 */
export async function receivePart(
  session: ExchangeSession,
  name: string,
  body: NodeJS.ReadableStream,
  limits: StagingLimits,
  replace = false,
): Promise<number> {
  const key = stagedKey(name);
  const file = stagedPath(session.filesDir, key);
  const kept = replace ? 0 : (session.meta.files[key] ?? 0);
  const room = Math.min(limits.fileLimit, limits.sessionLimit - (session.storedBytes - kept));
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  let received = 0;
  try {
    await handle.truncate(kept);
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (received + chunk.length > room) {
        throw new ShelfsyncError('ONEC_FILE_TOO_LARGE', undefined, { limit: Math.max(0, room) });
      }
      await handle.write(chunk, 0, chunk.length, kept + received);
      received += chunk.length;
    }
    // No fsync per part: a killed process loses nothing (the page cache survives it), and after a
    // power cut a part that never reached the disk leaves the file short or zero-filled, which the
    // XML and JSON readers refuse as a whole (a new exchange then sends it again).
    // Syncing every 100 MiB part cost more than a tenth of an import's time (npm run bench import).
  } catch (e) {
    await handle.truncate(kept).catch(() => {});
    throw e;
  } finally {
    await handle.close();
  }
  session.meta.files[key] = kept + received;
  session.meta.imported = session.meta.imported.filter((k) => k !== key);
  await session.save();
  return received;
}

/** Unpacks every received `.zip` into the session's files and removes it. */
export async function unpackArchives(session: ExchangeSession, limits: StagingLimits): Promise<void> {
  for (const key of Object.keys(session.meta.files)) {
    if (!key.toLowerCase().endsWith('.zip')) continue;
    const zip = stagedPath(session.filesDir, key);
    const length = session.meta.files[key] ?? 0;
    // A part cut off before a crash may have left bytes past the recorded length.
    const handle = await open(zip, 'r+');
    await handle.truncate(length).finally(() => handle.close());
    const written = await unzipInto(zip, session.filesDir, limits.sessionLimit - session.storedBytes);
    delete session.meta.files[key];
    session.meta.unpackedBytes += written;
    await rm(zip, { force: true });
    await session.save();
  }
}

/** The received (or unpacked) regular file `name`, ready to import; ONEC_FILE_NOT_FOUND otherwise. */
export async function receivedFile(session: ExchangeSession, name: string): Promise<string> {
  const key = stagedKey(name);
  const file = stagedPath(session.filesDir, key);
  const stat = await lstat(file).catch(() => undefined);
  if (stat === undefined || !stat.isFile())
    throw new ShelfsyncError('ONEC_FILE_NOT_FOUND', undefined, { filename: key });
  const length = session.meta.files[key];
  if (length !== undefined && stat.size !== length) {
    const handle = await open(file, 'r+');
    await handle.truncate(length).finally(() => handle.close());
  }
  return file;
}
