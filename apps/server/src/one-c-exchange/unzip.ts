// Unpacks the zip archive 1C sends when the server answers init with zip=yes: stored and deflated
// entries, names checked like any file name from 1C, links refused, sizes counted as written (not
// as declared) and every entry's CRC-32 verified, so a damaged or cut archive fails as a whole.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw } from 'node:zlib';
import { ShelfsyncError } from '@shelfsync/protocol';
import { stagedPath } from './staged-path.js';

interface Entry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  localOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const MAX_COMMENT = 0xffff;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

const badZip = (reason: string, details: Record<string, unknown> = {}) =>
  new ShelfsyncError('ONEC_BAD_ZIP', undefined, { reason, ...details });

async function readAt(
  file: Awaited<ReturnType<typeof open>>,
  offset: number,
  length: number,
): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await file.read(buf, 0, length, offset);
  if (bytesRead !== length) throw badZip('cut short');
  return buf;
}

function entryName(raw: Buffer, utf8: boolean): string {
  // Without the UTF-8 flag, zip names are in the DOS code page; for Russian Windows that is 866.
  return new TextDecoder(utf8 ? 'utf-8' : 'ibm866').decode(raw);
}

function parseCentral(dir: Buffer, count: number): Entry[] {
  const entries: Entry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== CENTRAL_SIG) throw badZip('damaged directory');
    const madeBy = dir.readUInt16LE(at + 4) >> 8;
    const flags = dir.readUInt16LE(at + 8);
    const nameLen = dir.readUInt16LE(at + 28);
    const extraLen = dir.readUInt16LE(at + 30);
    const commentLen = dir.readUInt16LE(at + 32);
    const external = dir.readUInt32LE(at + 38);
    const name = entryName(dir.subarray(at + 46, at + 46 + nameLen), (flags & 0x800) !== 0);
    if (flags & 1) throw badZip('encrypted entry', { entry: name });
    if (madeBy === 3 && ((external >>> 16) & S_IFMT) === S_IFLNK) throw badZip('link entry', { entry: name });
    const compressedSize = dir.readUInt32LE(at + 20);
    const localOffset = dir.readUInt32LE(at + 42);
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff) throw badZip('zip64 is not supported');
    entries.push({
      name,
      method: dir.readUInt16LE(at + 10),
      crc: dir.readUInt32LE(at + 16),
      compressedSize,
      localOffset,
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The central directory's entries, found from the end-of-directory record at the file's tail. */
async function readDirectory(zipFile: string): Promise<Entry[]> {
  const file = await open(zipFile, 'r');
  try {
    const size = (await file.stat()).size;
    const tailLen = Math.min(size, 22 + MAX_COMMENT);
    const tail = await readAt(file, size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw badZip('no end of archive (cut short?)');
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset + dirSize > size) throw badZip('cut short');
    const entries = parseCentral(await readAt(file, dirOffset, dirSize), count);
    for (const e of entries) {
      const local = await readAt(file, e.localOffset, 30);
      if (local.readUInt32LE(0) !== LOCAL_SIG) throw badZip('damaged entry', { entry: e.name });
      e.localOffset += 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (e.localOffset + e.compressedSize > size) throw badZip('cut short', { entry: e.name });
    }
    return entries;
  } finally {
    await file.close();
  }
}

/** Counts and checksums the bytes going by; fails once the budget is spent. */
class Meter extends Transform {
  crc = 0;
  bytes = 0;
  constructor(private readonly budget: () => number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.budget()) done(new ShelfsyncError('ONEC_FILE_TOO_LARGE'));
    else {
      this.crc = crc32(chunk, this.crc);
      done(null, chunk);
    }
  }
}

/**
 * Unpacks `zipFile` below `root`; returns the bytes written. `budget` is what may still be written
 * (the session's remaining allowance): a zip bomb stops there.
 */
export async function unzipInto(zipFile: string, root: string, budget: number): Promise<number> {
  const entries = await readDirectory(zipFile);
  let written = 0;
  for (const e of entries) {
    const isDir = e.name.endsWith('/');
    const target = stagedPath(root, isDir ? e.name.slice(0, -1) : e.name);
    if (isDir) {
      await mkdir(target, { recursive: true });
      continue;
    }
    if (e.method !== 0 && e.method !== 8) throw badZip('unsupported compression', { entry: e.name });
    await mkdir(path.dirname(target), { recursive: true });
    const meter = new Meter(() => budget - written);
    try {
      if (e.compressedSize === 0) await pipeline(Readable.from([]), meter, createWriteStream(target));
      else {
        const end = e.localOffset + e.compressedSize - 1;
        const source = createReadStream(zipFile, { start: e.localOffset, end });
        if (e.method === 8) await pipeline(source, createInflateRaw(), meter, createWriteStream(target));
        else await pipeline(source, meter, createWriteStream(target));
      }
    } catch (err) {
      if (err instanceof ShelfsyncError) throw err;
      throw badZip('damaged data', { entry: e.name });
    }
    if (meter.crc !== e.crc) throw badZip('checksum mismatch', { entry: e.name });
    written += meter.bytes;
  }
  return written;
}
