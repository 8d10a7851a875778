// What each mutation kind of a push does to a document (DESIGN.md §5.4). A business-rule refusal
// throws a ShelfsyncError before anything is written. A batch locks its documents up front and then
// keeps their rows in memory; fact lines wait in memory for one multi-row insert at the end.
import type { DocumentInput, FactLine, Mutation, PlanLine } from '@shelfsync/protocol';
import { ShelfsyncError } from '@shelfsync/protocol';
import { readDocumentTypes } from '../devices/settings.js';
import {
  DOCUMENT_COLUMNS,
  type DocumentRow,
  findDocument,
  updateLifecycle,
  writeDocument,
} from '../documents/document-rows.js';
import { creatableTypeIds, sharedTypeIds } from '../documents/document-visibility.js';
import { bumpRevision, relistForAccounting, touchLease } from '../leases/leases.js';
import type { Tx } from '../tx.js';
import { resolveFact } from './unknown-fact.js';

export interface MutationContext {
  readonly tx: Tx;
  readonly deviceId: string;
  readonly now: string;
  readonly sharedTypes: ReadonlySet<string>;
  readonly creatableTypes: ReadonlySet<string>;
  /** Documents this batch locked, as they stand now (null: known not to exist). */
  readonly docs: Map<string, Tracked | null>;
  /** Fact lines for `flushFacts` (nothing in a batch reads facts back but `isNewFact`). */
  readonly facts: { doc: string; id: string; json: string }[];
}

interface Tracked {
  row: DocumentRow;
  /** Given a new revision by this batch (readers see only the last one, so once is enough). */
  revised: boolean;
  /** Given a new completion number (listed for export) by this batch. */
  listed: boolean;
  /** Its lease touched by this batch: `now` is the same for the whole batch. */
  touched: boolean;
}

/**
 * The batch's context, with the documents named by `docIds` locked at once: one round trip, and in id
 * order, so two pushes never wait on each other in a cycle.
 */
export async function mutationContext(
  tx: Tx,
  deviceId: string,
  now: string,
  docIds: readonly string[],
): Promise<MutationContext> {
  const types = await readDocumentTypes(tx);
  const docs = new Map<string, Tracked | null>();
  const ids = [...new Set(docIds)];
  if (ids.length > 0) {
    const rows = await tx.all<DocumentRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE ${tx.inList('d.id')} ORDER BY d.id${tx.forUpdate}`,
      [tx.list(ids)],
    );
    for (const id of ids) docs.set(id, null);
    for (const row of rows) docs.set(row.id, tracked(row));
  }
  return {
    tx,
    deviceId,
    now,
    sharedTypes: sharedTypeIds(types),
    creatableTypes: creatableTypeIds(types),
    docs,
    facts: [],
  };
}

/** Applies `m` in a savepoint: when it throws, its writes, facts and the row locks it took are undone. */
export async function applyMutation(ctx: MutationContext, m: Mutation): Promise<void> {
  const factCount = ctx.facts.length;
  try {
    await ctx.tx.savepoint(() => apply(ctx, m));
  } catch (error) {
    ctx.facts.length = factCount;
    // The rollback undid its row changes and released the locks taken inside it: read rows again.
    ctx.docs.clear();
    throw error;
  }
}

/** Writes the batch's fact lines; call once after the last mutation. */
export async function flushFacts(ctx: MutationContext): Promise<void> {
  if (ctx.facts.length === 0) return;
  const { tx } = ctx;
  // DO NOTHING keeps the first of several rows with one id, even within this one statement.
  await tx.run(
    `INSERT INTO fact_lines (doc_id, id, json)
     SELECT ${tx.jsonText('item', 'doc')}, ${tx.jsonText('item', 'id')}, ${tx.jsonText('item', 'json')}
     FROM ${tx.listItems()} WHERE true ORDER BY pos
     ON CONFLICT DO NOTHING`,
    [tx.list(ctx.facts.map((f) => JSON.stringify(f)))],
  );
  ctx.facts.length = 0;
}

async function apply(ctx: MutationContext, m: Mutation): Promise<void> {
  switch (m.kind) {
    case 'doc.start':
      await take(ctx, await openFor(ctx, m.docId));
      break;
    case 'fact.add':
      await addFact(ctx, m.docId, await resolveFact(ctx.tx, m.docId, m.fact));
      break;
    case 'doc.complete':
      await complete(ctx, await openFor(ctx, m.docId), m.at);
      break;
    case 'doc.release': {
      const doc = await openFor(ctx, m.docId);
      await updateLifecycle(ctx.tx, m.docId, { status: 'released', holder: null, now: ctx.now });
      Object.assign(doc.row, { status: 'released', holder: null });
      doc.revised = true;
      break;
    }
    case 'doc.create':
      await create(ctx, m.doc);
      break;
  }
}

async function lockDocument(ctx: MutationContext, id: string): Promise<Tracked | undefined> {
  if (!ctx.docs.has(id)) {
    const row = await findDocument(ctx.tx, id, true);
    ctx.docs.set(id, row ? tracked(row) : null);
  }
  return ctx.docs.get(id) ?? undefined;
}

const tracked = (row: DocumentRow): Tracked => ({ row, revised: false, listed: false, touched: false });

/** The document, if this device may still work on it; otherwise the refusal. */
async function openFor(ctx: MutationContext, docId: string): Promise<Tracked> {
  const doc = await lockDocument(ctx, docId);
  const details = { id: docId };
  if (!doc) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, details);
  const { status } = doc.row;
  if (status === 'cancelled') throw new ShelfsyncError('DOC_CANCELLED', undefined, details);
  if (status === 'completed' || status === 'exported' || status === 'rejected') {
    throw new ShelfsyncError('DOC_CLOSED', undefined, { ...details, status });
  }
  if (heldByOther(ctx, doc.row) || assignedToOther(ctx, doc.row)) {
    throw new ShelfsyncError('DOC_TAKEN', undefined, details);
  }
  return doc;
}

const heldByOther = (ctx: MutationContext, row: DocumentRow): boolean =>
  row.holder !== null && row.holder !== ctx.deviceId && !ctx.sharedTypes.has(row.type);
const assignedToOther = (ctx: MutationContext, row: DocumentRow): boolean =>
  row.assignee_device !== null && row.assignee_device !== ctx.deviceId;

/** Puts the document in progress, held by this device unless a shared one is held already. */
async function take(ctx: MutationContext, doc: Tracked): Promise<void> {
  const holder = doc.row.holder ?? ctx.deviceId;
  if (doc.row.status === 'in_progress' && doc.row.holder === holder) return;
  await updateLifecycle(ctx.tx, doc.row.id, { status: 'in_progress', holder, now: ctx.now });
  Object.assign(doc.row, { status: 'in_progress', holder });
  // updateLifecycle touched the lease of whoever holds it now.
  doc.revised = true;
  doc.touched = true;
}

/**
 * A fact is a real scan: goods were counted. So it is kept on a document another device took over
 * (and that device is sent it), and on a cancelled or completed one, which is then listed again for
 * the accounting side; only a document already exported refuses it (the terminal keeps a rejection).
 */
async function addFact(ctx: MutationContext, docId: string, fact: FactLine): Promise<void> {
  const doc = await lockDocument(ctx, docId);
  if (!doc) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, { id: docId });
  const { row } = doc;
  if (row.status === 'exported' || row.status === 'rejected') {
    throw new ShelfsyncError('DOC_CLOSED', undefined, { id: docId, status: row.status });
  }
  const json = JSON.stringify({ ...fact, deviceId: ctx.deviceId });
  // A re-sent fact id (say, under a new mutation number after a restore) is a no-op: it neither
  // lists a closed document again nor gives a new revision. Asked only when the answer matters.
  const isNew = () => isNewFact(ctx, docId, fact.id);
  if (row.status === 'cancelled' || row.status === 'completed') {
    if (!doc.listed && (await isNew())) {
      await relistForAccounting(ctx.tx, docId);
      doc.listed = true;
    }
  } else {
    const foreign = heldByOther(ctx, row) || assignedToOther(ctx, row);
    if (!foreign) await take(ctx, doc);
    // Every fact from a device other than the exclusive holder gives a new revision, so the others see it.
    if ((foreign || ctx.sharedTypes.has(row.type)) && !doc.revised && (await isNew())) {
      await bumpRevision(ctx.tx, docId, ctx.now);
      doc.revised = true;
    }
    if (row.holder === ctx.deviceId && !doc.touched) {
      await touchLease(ctx.tx, docId, ctx.deviceId, ctx.now);
      doc.touched = true;
    }
  }
  ctx.facts.push({ doc: docId, id: fact.id, json });
}

async function isNewFact(ctx: MutationContext, docId: string, id: string): Promise<boolean> {
  if (ctx.facts.some((f) => f.doc === docId && f.id === id)) return false;
  return !(await ctx.tx.get('SELECT 1 AS one FROM fact_lines WHERE doc_id = ? AND id = ?', [docId, id]));
}

async function complete(ctx: MutationContext, doc: Tracked, at: string): Promise<void> {
  const rev = await ctx.tx.next('doc_rev');
  const seq = await ctx.tx.next('completion_seq');
  await ctx.tx.run(
    `UPDATE documents SET status = 'completed', holder = ?, completed_at = ?, completion_seq = ?, rev = ?,
       updated_at = ? WHERE id = ?`,
    [ctx.deviceId, at, seq, rev, ctx.now, doc.row.id],
  );
  Object.assign(doc.row, { status: 'completed', holder: ctx.deviceId });
  doc.revised = true;
  doc.listed = true;
}

async function create(ctx: MutationContext, input: DocumentInput): Promise<void> {
  if (!ctx.creatableTypes.has(input.type)) {
    throw new ShelfsyncError('DOC_NOT_CREATABLE', undefined, { type: input.type });
  }
  if (await lockDocument(ctx, input.id)) {
    throw new ShelfsyncError('DOC_LOCKED', 'A document with this id already exists.', { id: input.id });
  }
  const { lines = [], ...header } = input;
  // Terminal-made lines may come without ids; their position is stable within the document.
  const planLines: PlanLine[] = lines.map((line, i) => ({ ...line, id: line.id ?? String(i + 1) }));
  // On PostgreSQL a concurrent create of the same id fails on the primary key: an unexpected error, retried.
  await writeDocument(
    ctx.tx,
    {
      id: input.id,
      type: input.type,
      header,
      assigneeDevice: input.assignee?.deviceId ?? null,
      lines: planLines,
      status: 'in_progress',
      holder: ctx.deviceId,
      origin: 'terminal',
    },
    ctx.now,
    false,
  );
  // Read back on next use (the new row is this transaction's own).
  ctx.docs.delete(input.id);
}
