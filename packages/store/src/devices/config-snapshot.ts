// Configuration versions are content hashes, so every store (and a terminal) computes the same
// version for the same document types whatever the key order of the stored JSON.
import { createHash } from 'node:crypto';
import type { DocumentType } from '@shelfsync/protocol';
import type { ConfigSnapshot } from '../server-store.js';

/** JSON with object keys sorted at every level; undefined members are dropped as JSON does. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function configSnapshot(types: readonly DocumentType[]): ConfigSnapshot {
  const hash = createHash('sha256').update(canonicalJson(types)).digest('hex');
  return { version: `sha256:${hash.slice(0, 16)}`, documentTypes: [...types] };
}
