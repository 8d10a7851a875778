// What each mutation kind does to a document on PostgreSQL (the rules mirror SQLite's). A document
// is locked FOR UPDATE on first use in the batch and then tracked in memory until commit. Every
// refusal is decided before anything is written, so a rejected mutation leaves no trace.
import type { DocumentInput, FactLine, Mutation, PlanLine } from '@shelfsync/protocol';
import { ShelfsyncError } from '@shelfsync/protocol';
import type { PgDocumentRow } from './pg-document-rows.js';
import { findDocument, updateLifecycle, writeDocument } from './pg-document-rows.js';
import { bumpRevision, relistForAccounting, touchLease } from './pg-leases.js';
import type { PgTx } from './pg-tx.js';
import { resolveFactOnPg } from './unknown-fact-lookup.js';

export interface PgMutationContext {
  tx: PgTx;
  deviceId: string;
  now: string;
  sharedTypes: ReadonlySet<string>;
  creatableTypes: ReadonlySet<string>;
  /** Documents locked by this batch, as they stand now (null: known not to exist). */
  docs: Map<string, PgDocumentRow | null>;
  /** Fact lines waiting for one multi-row insert (nothing in a batch reads facts back). */
  facts: { docId: string; id: string; json: string }[];
}

/** Writes the buffered fact lines; call before the batch's transaction commits. */
export async function flushFacts(ctx: PgMutationContext): Promise<void> {
  const facts = ctx.facts.splice(0);
  if (facts.length === 0) return;
  // DO NOTHING keeps the first of several rows with one id, even within this one statement.
  await ctx.tx.run(
    `INSERT INTO fact_lines (doc_id, id, json)
     SELECT u.doc_id, u.id, u.json FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u (doc_id, id, json, i)
     ORDER BY u.i ON CONFLICT DO NOTHING`,
    [facts.map((f) => f.docId), facts.map((f) => f.id), facts.map((f) => f.json)],
  );
}

export async function applyPgMutation(ctx: PgMutationContext, m: Mutation): Promise<void> {
  switch (m.kind) {
    case 'doc.start':
      await take(ctx, await openFor(ctx, m.docId));
      break;
    case 'fact.add':
      await addFact(ctx, m.docId, await resolveFactOnPg(ctx.tx, m.docId, m.fact));
      break;
    case 'doc.complete':
      await complete(ctx, await openFor(ctx, m.docId), m.at);
      break;
    case 'doc.release': {
      const doc = await openFor(ctx, m.docId);
      await updateLifecycle(ctx.tx, doc.id, { status: 'released', holder: null, now: ctx.now });
      Object.assign(doc, { status: 'released', holder: null });
      revised.add(doc);
      break;
    }
    case 'doc.create':
      await create(ctx, m.doc);
      break;
  }
}

async function lockDocument(ctx: PgMutationContext, id: string): Promise<PgDocumentRow | undefined> {
  if (!ctx.docs.has(id)) ctx.docs.set(id, (await findDocument(ctx.tx, id, true)) ?? null);
  return ctx.docs.get(id) ?? undefined;
}

async function openFor(ctx: PgMutationContext, docId: string): Promise<PgDocumentRow> {
  const doc = await lockDocument(ctx, docId);
  const details = { id: docId };
  if (!doc) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, details);
  if (doc.status === 'cancelled') throw new ShelfsyncError('DOC_CANCELLED', undefined, details);
  if (doc.status === 'completed' || doc.status === 'exported' || doc.status === 'rejected') {
    throw new ShelfsyncError('DOC_CLOSED', undefined, { ...details, status: doc.status });
  }
  const heldByOther = doc.holder !== null && doc.holder !== ctx.deviceId && !ctx.sharedTypes.has(doc.type);
  const assignedToOther = doc.assignee_device !== null && doc.assignee_device !== ctx.deviceId;
  if (heldByOther || assignedToOther) throw new ShelfsyncError('DOC_TAKEN', undefined, details);
  return doc;
}

async function take(ctx: PgMutationContext, doc: PgDocumentRow): Promise<boolean> {
  const holder = doc.holder ?? ctx.deviceId;
  if (doc.status === 'in_progress' && doc.holder === holder) return false;
  await updateLifecycle(ctx.tx, doc.id, { status: 'in_progress', holder, now: ctx.now });
  Object.assign(doc, { status: 'in_progress', holder });
  return true;
}

/** Rows already given a new revision (or a lease touch) in this batch: once per batch is enough. */
const revised = new WeakSet<PgDocumentRow>();
const touched = new WeakSet<PgDocumentRow>();

/**
 * A fact is a real scan, so it is kept on a document another device took over (that device is sent
 * it) and on a cancelled or completed one (listed again for the accounting side). Mirrors SQLite's.
 */
async function addFact(ctx: PgMutationContext, docId: string, fact: FactLine): Promise<void> {
  const doc = await lockDocument(ctx, docId);
  if (!doc) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, { id: docId });
  if (doc.status === 'exported' || doc.status === 'rejected') {
    throw new ShelfsyncError('DOC_CLOSED', undefined, { id: docId, status: doc.status });
  }
  ctx.facts.push({ docId: doc.id, id: fact.id, json: JSON.stringify({ ...fact, deviceId: ctx.deviceId }) });
  if (doc.status === 'cancelled' || doc.status === 'completed') {
    if (!revised.has(doc)) await relistForAccounting(ctx.tx, docId);
    revised.add(doc);
    return;
  }
  const shared = ctx.sharedTypes.has(doc.type);
  const foreign =
    (doc.holder !== null && doc.holder !== ctx.deviceId && !shared) ||
    (doc.assignee_device !== null && doc.assignee_device !== ctx.deviceId);
  if (!foreign && (await take(ctx, doc))) revised.add(doc);
  if ((foreign || shared) && !revised.has(doc)) {
    await bumpRevision(ctx.tx, docId, ctx.now);
    revised.add(doc);
  }
  if (!foreign && doc.holder === ctx.deviceId && !touched.has(doc)) {
    await touchLease(ctx.tx, docId, ctx.deviceId, ctx.now);
    touched.add(doc);
  }
}

async function complete(ctx: PgMutationContext, doc: PgDocumentRow, at: string): Promise<void> {
  const rev = await ctx.tx.next('doc_rev');
  const seq = await ctx.tx.next('completion_seq');
  await ctx.tx.run(
    `UPDATE documents SET status = 'completed', holder = $2, completed_at = $3, completion_seq = $4, rev = $5,
       updated_at = $6 WHERE id = $1`,
    [doc.id, ctx.deviceId, at, seq, rev, ctx.now],
  );
  Object.assign(doc, { status: 'completed', holder: ctx.deviceId });
}

async function create(ctx: PgMutationContext, input: DocumentInput): Promise<void> {
  refuseUncreatable(ctx, input);
  if (await lockDocument(ctx, input.id)) {
    throw new ShelfsyncError('DOC_LOCKED', 'A document with this id already exists.', { id: input.id });
  }
  const { lines = [], ...header } = input;
  const planLines: PlanLine[] = lines.map((line, i) => ({ ...line, id: line.id ?? String(i + 1) }));
  const write = {
    id: input.id,
    type: input.type,
    header,
    assigneeDevice: input.assignee?.deviceId ?? null,
    lines: planLines,
    status: 'in_progress' as const,
    holder: ctx.deviceId,
    origin: 'terminal' as const,
  };
  // A concurrent create of the same id fails on the primary key: an unexpected error, retried.
  await writeDocument(ctx.tx, write, ctx.now, false);
  ctx.docs.delete(input.id);
}

function refuseUncreatable(ctx: PgMutationContext, input: DocumentInput): void {
  if (!ctx.creatableTypes.has(input.type)) {
    throw new ShelfsyncError('DOC_NOT_CREATABLE', undefined, { type: input.type });
  }
}
