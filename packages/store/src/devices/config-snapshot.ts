// Configuration versions are content hashes, so every store (and a terminal) computes the same
// version for the same document types whatever the key order of the stored JSON.
import { createHash } from 'node:crypto';
import { canonicalJson, type DocumentType } from '@shelfsync/protocol';
import type { ConfigSnapshot } from '../server-store.js';

export function configSnapshot(types: readonly DocumentType[]): ConfigSnapshot {
  const hash = createHash('sha256').update(canonicalJson(types)).digest('hex');
  return { version: `sha256:${hash.slice(0, 16)}`, documentTypes: [...types] };
}
