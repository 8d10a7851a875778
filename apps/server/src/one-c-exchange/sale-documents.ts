// The sale side of the exchange: mode=query answers the completed documents not yet acknowledged as
// one CommerceML file and remembers exactly which ones it sent; mode=success acknowledges those
// (a document completed after the query waits for the next one).
import { writeCommerceMlDocuments } from '@shelfsync/formats';
import { type Document, ShelfsyncError } from '@shelfsync/protocol';
import type { DocumentStore } from '@shelfsync/store';
import type { ExchangeSession } from './exchange-sessions.js';
import { encodeXmlWindows1251 } from './windows-1251.js';

export const ONE_C_ENCODINGS = ['utf-8', 'windows-1251'] as const;
export type OneCEncoding = (typeof ONE_C_ENCODINGS)[number];

/** Documents per query; more wait for the next exchange (1C asks again at its next run). */
export const MAX_QUERY_DOCUMENTS = 1000;
const PAGE = 100;

async function completedDocuments(store: DocumentStore): Promise<Document[]> {
  const docs: Document[] = [];
  let after = 0;
  while (docs.length < MAX_QUERY_DOCUMENTS) {
    const page = await store.listCompleted(after, Math.min(PAGE, MAX_QUERY_DOCUMENTS - docs.length));
    docs.push(...page.items);
    if (!page.hasMore || page.items.length === 0) break;
    after = page.next;
  }
  return docs;
}

export function encodeXml(xml: string, encoding: OneCEncoding): Buffer {
  if (encoding === 'utf-8') return Buffer.from(xml, 'utf8');
  return encodeXmlWindows1251(
    xml.replace(/^<\?xml version="1.0" encoding="UTF-8"\?>/, '<?xml version="1.0" encoding="windows-1251"?>'),
  );
}

/** The query answer; the ids it holds replace whatever an earlier, unacknowledged query sent. */
export async function queryDocuments(
  session: ExchangeSession,
  store: DocumentStore,
  opts: { encoding: OneCEncoding; now: Date },
): Promise<Buffer> {
  const docs = await completedDocuments(store);
  session.meta.queried = docs.map((d) => d.id);
  await session.save();
  return encodeXml(writeCommerceMlDocuments(docs, { generatedAt: opts.now }), opts.encoding);
}

/** Acknowledges what the last query sent; returns how many documents that was. */
export async function acknowledgeQueried(
  session: ExchangeSession,
  store: DocumentStore,
  now: Date,
): Promise<number> {
  let acknowledged = 0;
  for (const id of session.meta.queried) {
    try {
      await store.ackDocument(id, now.toISOString());
      acknowledged++;
    } catch (e) {
      // Cancelled or deleted since the query: nothing left to acknowledge.
      if (!(e instanceof ShelfsyncError && (e.code === 'DOC_NOT_FOUND' || e.code === 'DOC_NOT_COMPLETED')))
        throw e;
    }
  }
  session.meta.queried = [];
  await session.save();
  return acknowledged;
}
