// Turns a streamed catalog upload (JSON array or NDJSON) into validated catalog rows, one at a time,
// so the store can apply them in one transaction without the upload ever being held in memory.
import { parseJsonArrayStream, parseNdjsonStream } from '@shelfsync/formats';
import {
  CATALOG_INPUT_SCHEMAS,
  CATALOG_TABLES,
  type CatalogRow,
  type CatalogTable,
  describeIssues,
  ShelfsyncError,
  type User,
  type UserInputSchema,
} from '@shelfsync/protocol';
import type { z } from 'zod';
import { hashPin, pinSalt } from './pin-hash.js';

export const CATALOG_BODY_LIMIT = 1024 * 1024 * 1024;
export const CATALOG_ROW_LIMIT = 1024 * 1024;

export type UploadFormat = 'json' | 'ndjson';

/** The catalog named in a URL, or CATALOG_UNKNOWN_TABLE. */
export function catalogTable(name: string): CatalogTable {
  const table = CATALOG_TABLES.find((t) => t === name);
  if (table === undefined) throw new ShelfsyncError('CATALOG_UNKNOWN_TABLE', undefined, { table: name });
  return table;
}

/** Replaces clear PIN and badge by their hashes; the clear values never reach the store. */
async function hashUserSecrets(user: z.output<typeof UserInputSchema>, baseId: string): Promise<User> {
  const { pin, badge, ...rest } = user;
  const out: User = rest;
  if (pin !== undefined) out.pinHash = await hashPin(pin, pinSalt(baseId, 'pin'));
  if (badge !== undefined) out.badgeHash = await hashPin(badge, pinSalt(baseId, 'badge'));
  return out;
}

function invalidRow(index: number, error: z.ZodError): ShelfsyncError {
  const issues = describeIssues(error);
  const field = issues[0]?.path ?? '(root)';
  return new ShelfsyncError('REQ_VALIDATION', `Row ${index}: ${field}: ${issues[0]?.message ?? 'invalid'}`, {
    index,
    field,
    issues,
  });
}

/**
 * Yields each row of `body` validated for `table`. Throws (and so aborts the store's transaction)
 * at the first bad row: REQ_MALFORMED / REQ_TOO_LARGE from the parser, REQ_VALIDATION from the
 * schema, each with details.index (0-based).
 */
export async function* catalogRows(
  table: CatalogTable,
  format: UploadFormat,
  body: AsyncIterable<Uint8Array | string>,
  baseId: string,
): AsyncGenerator<CatalogRow> {
  const limits = { maxItemBytes: CATALOG_ROW_LIMIT, maxTotalBytes: CATALOG_BODY_LIMIT };
  const items = format === 'ndjson' ? parseNdjsonStream(body, limits) : parseJsonArrayStream(body, limits);
  let index = 0;
  // Users' secrets are hashed a few at a time (each is ~0.5 s of PBKDF2 on libuv's thread pool), in order.
  const hashing: Promise<CatalogRow>[] = [];
  for await (const item of items) {
    const parsed = CATALOG_INPUT_SCHEMAS[table].safeParse(item);
    if (!parsed.success) throw invalidRow(index, parsed.error);
    index++;
    if (table !== 'users') {
      yield parsed.data as CatalogRow;
      continue;
    }
    hashing.push(hashUserSecrets(parsed.data as z.output<typeof UserInputSchema>, baseId));
    if (hashing.length >= HASHING_AHEAD) yield await (hashing.shift() as Promise<CatalogRow>);
  }
  for (const row of hashing) yield await row;
}

const HASHING_AHEAD = 4;
