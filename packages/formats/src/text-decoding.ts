// Turns a byte stream into text for the CSV reader: UTF-8 with or without BOM, or windows-1251,
// chosen by option or detected from the first bytes. Uses the platform TextDecoder (streaming).
import { ShelfsyncError } from '@shelfsync/protocol';
import type { ByteSource } from './stream-limits.js';

type Decoder = InstanceType<typeof TextDecoder>;

export type TextEncodingOption = 'utf-8' | 'windows-1251' | 'auto';

/** How many leading bytes decide between UTF-8 and windows-1251. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Detection: a UTF-8 BOM, or a prefix that decodes as strict UTF-8, means UTF-8; anything else is
 * taken as windows-1251 (what 1C and Russian Excel write by default).
 */
export function detectEncoding(prefix: Uint8Array): 'utf-8' | 'windows-1251' {
  if (prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
}

export function makeDecoder(encoding: string): Decoder {
  try {
    // Only UTF-8 can be invalid; single-byte encodings map every byte.
    const probe = new TextDecoder(encoding);
    return probe.encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : probe;
  } catch {
    throw new ShelfsyncError('IMPORT_ENCODING', `The encoding "${encoding}" is not supported.`, { encoding });
  }
}

/** Decodes the source to text chunks; a leading BOM is dropped. Text chunks pass through. */
export async function* decodeTextStream(
  source: ByteSource,
  encoding: TextEncodingOption = 'auto',
): AsyncGenerator<string> {
  let decoder: Decoder | undefined = encoding === 'auto' ? undefined : makeDecoder(encoding);
  let sniffed: Uint8Array[] = [];
  let sniffedBytes = 0;
  let first = true;
  const decode = (bytes: Uint8Array, stream: boolean): string => {
    try {
      const text = decoder!.decode(bytes, { stream });
      if (first && text.length > 0) {
        first = false;
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      }
      return text;
    } catch {
      throw new ShelfsyncError('IMPORT_ENCODING', 'The file is not valid UTF-8.', { encoding: 'utf-8' });
    }
  };
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      yield first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
      if (chunk) first = false;
      continue;
    }
    if (decoder === undefined) {
      sniffed.push(chunk);
      sniffedBytes += chunk.length;
      if (sniffedBytes < SNIFF_BYTES) continue;
      const prefix = concat(sniffed);
      sniffed = [];
      decoder = makeDecoder(detectEncoding(prefix));
      yield decode(prefix, true);
      continue;
    }
    yield decode(chunk, true);
  }
  if (decoder === undefined) {
    const prefix = concat(sniffed);
    decoder = makeDecoder(detectEncoding(prefix));
    yield decode(prefix, false);
  } else {
    yield decode(new Uint8Array(0), false);
  }
}

export function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
