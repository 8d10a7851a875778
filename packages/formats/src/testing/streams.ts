// Test helpers for the streaming readers: chunked sources and error capture.
import { ShelfsyncError } from '@shelfsync/protocol';

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Yields bytes cut at the given offsets. */
export async function* cutAt(bytes: Uint8Array, ...offsets: number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const at of [...offsets, bytes.length]) {
    yield bytes.slice(from, at);
    from = at;
  }
}

/** Yields bytes in chunks of `size`. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

export async function collect<T>(gen: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of gen) out.push(v);
  return out;
}

/** Runs the reader to the end and returns the values read before the error, and the error. */
export async function failure<T>(gen: AsyncIterable<T>): Promise<{ values: T[]; error: ShelfsyncError }> {
  const values: T[] = [];
  try {
    for await (const v of gen) values.push(v);
  } catch (e) {
    if (e instanceof ShelfsyncError) return { values, error: e };
    throw e;
  }
  throw new Error(`expected a ShelfsyncError, got ${values.length} values`);
}

/** windows-1251 encoder for tests, built from the platform decoder's table. */
export function cp1251(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return Uint8Array.from([...text].map((ch) => table.get(ch) ?? 0x3f));
}
