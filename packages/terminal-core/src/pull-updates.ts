// The pull half of an exchange (DESIGN.md §5.1, §5.2, §5.8): pages of catalog changes and documents,
// each stored with its cursors in one transaction, so a cut link resumes where it stopped. A compacted
// cursor means a full refetch; a checksum that differs means refetching that table.
import {
  CATALOG_ROW_SCHEMAS,
  CATALOG_TABLES,
  type CatalogChange,
  type CatalogTable,
  DEFAULT_PULL_LIMIT,
  describeIssues,
  type PullResponse,
  ShelfsyncError,
} from '@shelfsync/protocol';
import type { DeviceTransport } from './device-transport.js';
import type { SyncCursors, TerminalStore } from './terminal-store.js';

export interface PullSummary {
  pulledChanges: number;
  pulledDocuments: number;
  revoked: number;
  /** Documents the base took back and why ('taken over', 'cancelled'…): the operator is told. */
  revocations: { id: string; reason?: string | undefined }[];
  pages: number;
  /** Tables dropped and downloaded again in this exchange ('all' after SYNC_MUST_REFETCH). */
  refetched: CatalogTable[];
  /** Tables whose checksum still differs from the base's after a refetch. */
  checksumMismatch: CatalogTable[];
}

export async function pullUpdates(
  store: TerminalStore,
  transport: DeviceTransport,
  limit = DEFAULT_PULL_LIMIT,
): Promise<PullSummary> {
  const summary: PullSummary = {
    pulledChanges: 0,
    pulledDocuments: 0,
    revoked: 0,
    revocations: [],
    pages: 0,
    refetched: [],
    checksumMismatch: [],
  };
  let verified = false;
  for (;;) {
    const before = await store.getCursors();
    const page = await pullPage(store, transport, limit, summary, before);
    if (!page) {
      verified = false;
      continue;
    }
    checkProgress(before, page);
    await store.applyPullPage({
      changes: validChanges(page.catalog.changes),
      catalogCursor: page.catalog.cursor,
      documents: page.documents.items,
      revoked: page.documents.revoked,
      docCursor: page.documents.cursor,
    });
    summary.pages += 1;
    summary.pulledChanges += page.catalog.changes.length;
    summary.pulledDocuments += page.documents.items.length;
    summary.revoked += page.documents.revoked.length;
    for (const r of page.documents.revoked) summary.revocations.push({ id: r.id, reason: r.reason });
    const checksums = page.catalog.checksums;
    if (!page.catalog.hasMore && checksums && !verified) {
      verified = await verifyChecksums(store, checksums, summary);
    }
    if (!page.catalog.hasMore && !page.documents.hasMore && (verified || !checksums)) return summary;
  }
}

/**
 * Answers that mean "start from 0": a compacted cursor, or one the base never gave out (a base restored
 * from a backup is behind this terminal). Both reset the replica instead of blocking every exchange.
 */
const REFETCH_CODES: readonly string[] = ['SYNC_MUST_REFETCH', 'SYNC_CURSOR_INVALID'];

/** One page; undefined after a refetch answer reset the catalog (only once per exchange). */
async function pullPage(
  store: TerminalStore,
  transport: DeviceTransport,
  limit: number,
  summary: PullSummary,
  cursors: SyncCursors,
): Promise<PullResponse | undefined> {
  try {
    return await transport.pull({ catalogCursor: cursors.catalog, docCursor: cursors.documents, limit });
  } catch (error) {
    const refetching = cursors.catalog === 0 && cursors.documents === 0;
    if (!(error instanceof ShelfsyncError) || !REFETCH_CODES.includes(error.code) || refetching) throw error;
    await store.resetCatalog();
    await store.resetDocumentCursor();
    summary.refetched = [...CATALOG_TABLES];
    return undefined;
  }
}

/**
 * Compares the base's checksums with the local ones. A differing table is dropped and the catalog
 * cursor rewound once (the other tables' rows come again unchanged); answers true when done.
 */
async function verifyChecksums(
  store: TerminalStore,
  remote: Partial<Record<CatalogTable, number>>,
  summary: PullSummary,
): Promise<boolean> {
  const local = await store.catalogChecksums();
  const differing = CATALOG_TABLES.filter((t) => remote[t] !== undefined && remote[t] !== local[t]);
  if (differing.length === 0) return true;
  if (differing.some((t) => summary.refetched.includes(t))) {
    summary.checksumMismatch = differing;
    return true;
  }
  await store.resetCatalog(differing);
  summary.refetched = [...new Set([...summary.refetched, ...differing])];
  return false;
}

/** A base that says "more" without moving a cursor forward would keep this loop going forever. */
function checkProgress(before: SyncCursors, page: PullResponse): void {
  const stuck =
    (page.catalog.hasMore && page.catalog.cursor <= before.catalog) ||
    (page.documents.hasMore && page.documents.cursor <= before.documents);
  if (stuck) {
    throw new ShelfsyncError(
      'SYNC_BAD_RESPONSE',
      'The server said more was waiting but did not move its cursor.',
      {
        before,
        catalogCursor: page.catalog.cursor,
        docCursor: page.documents.cursor,
      },
    );
  }
}

/** Rows checked against the protocol's row schemas before they reach the store (defaults filled). */
function validChanges(changes: readonly CatalogChange[]): CatalogChange[] {
  return changes.map((c) => {
    if (c.op === 'del') return c;
    const parsed = CATALOG_ROW_SCHEMAS[c.table].safeParse(c.row);
    if (!parsed.success || parsed.data.id !== c.id) {
      throw new ShelfsyncError('SYNC_BAD_RESPONSE', `The server sent an unreadable ${c.table} row ${c.id}.`, {
        table: c.table,
        id: c.id,
        ...(parsed.success ? {} : { issues: describeIssues(parsed.error) }),
      });
    }
    return { ...c, row: parsed.data as Record<string, unknown> };
  });
}
