// Loads a document with what its screen shows: its type, the plan/fact summary and the names of the
// products and cells it mentions (read once per id from the local catalog).
import {
  type DocumentSummary,
  findDocumentType,
  type SummaryLine,
  summarizeDocument,
} from '@shelfsync/domain';
import type { Document, DocumentType } from '@shelfsync/protocol';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { orderByRoute } from '../flow/order-by-route.js';
import type { Terminal } from './create-terminal.js';

export interface ProductInfo {
  name: string;
  sku?: string;
  unit?: string;
}

export interface LoadedDocument {
  doc: Document;
  type: DocumentType | undefined;
  summary: DocumentSummary;
  /** The summary's lines in the order to work them (plan lines along the cell route). */
  lines: SummaryLine[];
  products: ReadonlyMap<string, ProductInfo>;
  cells: ReadonlyMap<string, string>;
}

export function useDocument(terminal: Terminal, id: string) {
  const [loaded, setLoaded] = useState<LoadedDocument | null>();
  const products = useRef(new Map<string, ProductInfo>());
  const cells = useRef(new Map<string, string>());
  const routes = useRef(new Map<string, number>());

  const reload = useCallback(async () => {
    const doc = await terminal.engine.getDocument(id);
    if (!doc) {
      setLoaded(null);
      return;
    }
    const types = await terminal.documentTypes();
    await fillNames(terminal, doc, products.current, cells.current, routes.current);
    const summary = summarizeDocument(doc);
    setLoaded({
      doc,
      type: findDocumentType(types, doc.type),
      summary,
      lines: orderByRoute(summary.lines, routes.current),
      products: products.current,
      cells: cells.current,
    });
  }, [terminal, id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { loaded, reload };
}

async function fillNames(
  terminal: Terminal,
  doc: Document,
  products: Map<string, ProductInfo>,
  cells: Map<string, string>,
  routes: Map<string, number>,
): Promise<void> {
  const productIds = new Set<string>();
  const cellIds = new Set<string>();
  for (const l of doc.lines) {
    productIds.add(l.productId);
    if (l.cellId) cellIds.add(l.cellId);
  }
  for (const f of doc.facts) {
    if (f.productId) productIds.add(f.productId);
    if (f.cellId) cellIds.add(f.cellId);
  }
  for (const pid of productIds) {
    if (products.has(pid)) continue;
    const row = await terminal.store.getRow('products', pid);
    const info: ProductInfo = { name: row?.name ?? pid };
    if (row?.sku) info.sku = row.sku;
    if (row?.unit) info.unit = row.unit;
    products.set(pid, info);
  }
  for (const cid of cellIds) {
    if (cells.has(cid)) continue;
    const row = await terminal.store.getRow('cells', cid);
    cells.set(cid, row?.name ?? cid);
    if (row?.route !== undefined) routes.set(cid, row.route);
  }
}
