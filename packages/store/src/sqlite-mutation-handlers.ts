// What each mutation kind does to a document on SQLite. A business-rule refusal throws a
// ShelfsyncError before anything is written; the batch records it as `rejected` and goes on.
import type { DocumentInput, FactLine, Mutation, PlanLine } from '@shelfsync/protocol';
import { ShelfsyncError } from '@shelfsync/protocol';
import type { SqliteConnection } from './sqlite-connection.js';
import type { DocumentRow } from './sqlite-document-rows.js';
import { findDocument, updateLifecycle, writeDocument } from './sqlite-document-rows.js';
import { bumpRevision, relistForAccounting, touchLease } from './sqlite-leases.js';
import { resolveFactOnSqlite } from './unknown-fact-lookup.js';

export interface MutationContext {
  conn: SqliteConnection;
  deviceId: string;
  now: string;
  sharedTypes: ReadonlySet<string>;
  creatableTypes: ReadonlySet<string>;
}

export function applyMutation(ctx: MutationContext, m: Mutation): void {
  switch (m.kind) {
    case 'doc.start':
      take(ctx, openFor(ctx, m.docId));
      break;
    case 'fact.add':
      addFact(ctx, m.docId, resolveFactOnSqlite(ctx.conn, m.docId, m.fact));
      break;
    case 'doc.complete':
      complete(ctx, openFor(ctx, m.docId), m.at);
      break;
    case 'doc.release':
      openFor(ctx, m.docId);
      updateLifecycle(ctx.conn, m.docId, { status: 'released', holder: null, now: ctx.now });
      break;
    case 'doc.create':
      create(ctx, m.doc);
      break;
  }
}

/** The document, if this device may still work on it; otherwise the refusal. */
function openFor(ctx: MutationContext, docId: string): DocumentRow {
  const doc = findDocument(ctx.conn, docId);
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

/** Puts the document in progress, held by this device unless a shared one is held already. */
function take(ctx: MutationContext, doc: DocumentRow): boolean {
  const holder = doc.holder ?? ctx.deviceId;
  if (doc.status === 'in_progress' && doc.holder === holder) return false;
  updateLifecycle(ctx.conn, doc.id, { status: 'in_progress', holder, now: ctx.now });
  return true;
}

/**
 * A fact is a real scan: goods were counted. So it is kept on a document another device took over
 * (and that device is sent it), and on a cancelled or completed one, which is then listed again for
 * the accounting side; only a document already exported refuses it (the terminal keeps a rejection).
 */
function addFact(ctx: MutationContext, docId: string, fact: FactLine): void {
  const doc = findDocument(ctx.conn, docId);
  if (!doc) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, { id: docId });
  if (doc.status === 'exported' || doc.status === 'rejected') {
    throw new ShelfsyncError('DOC_CLOSED', undefined, { id: docId, status: doc.status });
  }
  // The fact id makes a re-sent scan (say, under a new mutation number after a restore) a no-op.
  const inserted =
    ctx.conn.run(
      'INSERT OR IGNORE INTO fact_lines (doc_id, id, json) VALUES (?, ?, ?)',
      docId,
      fact.id,
      JSON.stringify({ ...fact, deviceId: ctx.deviceId }),
    ).changes > 0;
  if (doc.status === 'cancelled' || doc.status === 'completed') {
    if (inserted) relistForAccounting(ctx.conn, docId);
    return;
  }
  const heldByOther = doc.holder !== null && doc.holder !== ctx.deviceId && !ctx.sharedTypes.has(doc.type);
  const assignedToOther = doc.assignee_device !== null && doc.assignee_device !== ctx.deviceId;
  // Every fact from a device other than the exclusive holder gives a new revision, so the others see it.
  const others = heldByOther || assignedToOther || ctx.sharedTypes.has(doc.type);
  const revised = heldByOther || assignedToOther ? false : take(ctx, doc);
  if (inserted && others && !revised) bumpRevision(ctx.conn, docId, ctx.now);
  touchLease(ctx.conn, docId, ctx.deviceId, ctx.now);
}

function complete(ctx: MutationContext, doc: DocumentRow, at: string): void {
  const rev = ctx.conn.next('doc_rev');
  ctx.conn.run(
    `UPDATE documents SET status = 'completed', holder = ?, completed_at = ?, completion_seq = ?, rev = ?,
       updated_at = ? WHERE id = ?`,
    ctx.deviceId,
    at,
    ctx.conn.next('completion_seq'),
    rev,
    ctx.now,
    doc.id,
  );
}

function create(ctx: MutationContext, input: DocumentInput): void {
  refuseUncreatable(ctx, input);
  if (findDocument(ctx.conn, input.id)) {
    throw new ShelfsyncError('DOC_LOCKED', 'A document with this id already exists.', { id: input.id });
  }
  const { lines = [], ...header } = input;
  // Terminal-made lines may come without ids; their position is stable within the document.
  const planLines: PlanLine[] = lines.map((line, i) => ({ ...line, id: line.id ?? String(i + 1) }));
  writeDocument(
    ctx.conn,
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
}

function refuseUncreatable(ctx: MutationContext, input: DocumentInput): void {
  if (!ctx.creatableTypes.has(input.type)) {
    throw new ShelfsyncError('DOC_NOT_CREATABLE', undefined, { type: input.type });
  }
}
