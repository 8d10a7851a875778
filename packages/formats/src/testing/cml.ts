// Test helpers for the CommerceML reader: fixture bytes, chunked sources, comparable events.
import { readFileSync } from 'node:fs';
import type { CmlEvent } from '../cml-events.js';
import { type ReadCommerceMlOptions, readCommerceMl } from '../read-commerce-ml.js';
import { chunked, collect } from './streams.js';

export const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

/** Events with errors reduced to code and details, so they compare with toEqual. */
export async function events(bytes: Uint8Array, chunkSize = 4096, opts: ReadCommerceMlOptions = {}) {
  const all = await collect(readCommerceMl(chunked(bytes, chunkSize), opts));
  return all.map((e: CmlEvent) =>
    e.type === 'rejected' ? { ...e, error: { code: e.error.code, details: e.error.details } } : e,
  );
}

export const ofType = <T extends CmlEvent['type']>(list: { type: string }[], type: T) =>
  list.filter((e) => e.type === type) as Extract<CmlEvent, { type: T }>[];
