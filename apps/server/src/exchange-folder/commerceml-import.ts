// Imports one CommerceML file: products (with offers merged and `#` variants as rows of their own)
// stream into one products transaction; warehouses and documents, which are few, are collected and
// stored after it (documents last, since their lines must name stored products).
import {
  applyOffer,
  type CmlEvent,
  type CmlOffer,
  type CmlWarning,
  readCommerceMl,
} from '@shelfsync/formats';
import type { Product, Warehouse } from '@shelfsync/protocol';
import type { CatalogSink, ImportedDocumentInput } from './catalog-sink.js';
import { addCounts, addWarning, emptySummary, type ImportSummary } from './import-summary.js';
import { OfferStash } from './offer-stash.js';

export interface CommerceMlImportOptions {
  sink: CatalogSink;
  /** The file from its start again: a file holding a catalog and then its offers is read twice. */
  reopen: () => AsyncIterable<Uint8Array>;
  /** Where offers waiting for the second pass are kept; default the system temp folder. */
  scratchDir?: string;
}

/** State gathered while the products stream into the store. */
class CmlImport {
  readonly summary = emptySummary();
  readonly documents: ImportedDocumentInput[] = [];
  readonly warehouses: Warehouse[] = [];
  readonly deleted: string[] = [];
  firstPriceType: string | undefined;
  /** True once this file listed products: offers after them may concern rows not yet committed. */
  sawProducts = false;
  #stash: OfferStash | undefined;

  constructor(readonly opts: CommerceMlImportOptions) {}

  warn(warnings: readonly CmlWarning[]): void {
    for (const w of warnings) {
      addWarning(this.summary, `line ${w.line}: ${w.code}: ${w.message}${w.value ? ` (${w.value})` : ''}`);
    }
  }

  merge(product: Product, offer: CmlOffer): Product {
    return applyOffer(product, offer, {
      ...(this.firstPriceType ? { priceTypeId: this.firstPriceType } : {}),
      strict: false,
    });
  }

  get stash(): OfferStash {
    this.#stash ??= new OfferStash(this.opts.scratchDir);
    return this.#stash;
  }

  get waiting(): number {
    return this.#stash?.size ?? 0;
  }

  dispose(): void {
    this.#stash?.dispose();
  }
}

/** A plain offer (no row of its own) applied to the stored product, or a warning. */
async function offerOnStored(c: CmlImport, offer: CmlOffer, line: number): Promise<Product | undefined> {
  const base = await c.opts.sink.getProduct(offer.id);
  if (base === undefined)
    addWarning(c.summary, `line ${line}: offer ${offer.id} names no known product; skipped`);
  return base === undefined ? undefined : c.merge(base, offer);
}

async function* firstPass(events: AsyncIterable<CmlEvent>, c: CmlImport): AsyncGenerator<Product> {
  for await (const ev of events) {
    if (ev.type === 'priceType') c.firstPriceType ??= ev.id;
    else if (ev.type === 'warehouse') c.warehouses.push(ev.warehouse);
    else if (ev.type === 'rejected') {
      addWarning(c.summary, `line ${ev.line}: ${ev.element} ${ev.id ?? ''} skipped: ${ev.error.message}`);
    } else if (ev.type === 'document') {
      c.warn(ev.warnings);
      c.documents.push(ev.document);
    } else if (ev.type === 'product') {
      c.warn(ev.warnings);
      c.sawProducts = true;
      if (ev.deleted) c.deleted.push(ev.product.id);
      else yield ev.product;
    } else if (ev.type === 'offer') {
      c.warn(ev.warnings);
      const { offer } = ev;
      if (offer.deleted) {
        if (offer.variantId !== undefined) c.deleted.push(offer.id);
      } else if (offer.variant !== undefined) yield offer.variant;
      else if (c.sawProducts) c.stash.put(offer, ev.line);
      else {
        const merged = await offerOnStored(c, offer, ev.line);
        if (merged) yield merged;
      }
    }
  }
}

/** Meets waiting offers with their products by reading the file again, then the stored rows. */
async function* secondPass(c: CmlImport): AsyncGenerator<Product> {
  if (c.waiting === 0) return;
  for await (const ev of readCommerceMl(c.opts.reopen())) {
    if (ev.type !== 'product' || ev.deleted) continue;
    const waiting = c.stash.take(ev.product.id);
    if (waiting) yield c.merge(ev.product, waiting.offer);
    if (c.waiting === 0) return;
  }
  for (const { offer, line } of c.stash.drain()) {
    const merged = await offerOnStored(c, offer, line);
    if (merged) yield merged;
  }
}

async function* productRows(source: AsyncIterable<Uint8Array>, c: CmlImport): AsyncGenerator<Product> {
  yield* firstPass(readCommerceMl(source), c);
  yield* secondPass(c);
}

export async function importCommerceMl(
  source: AsyncIterable<Uint8Array>,
  opts: CommerceMlImportOptions,
): Promise<ImportSummary> {
  const { sink } = opts;
  const c = new CmlImport(opts);
  try {
    // Always merge: a full import.xml lists no `#` variants (they come from offers files), so
    // replace would delete them on every exchange. Deletions come as Статус="Удален".
    addCounts(c.summary, await sink.upsertProducts(productRows(source, c)));
  } finally {
    c.dispose();
  }
  if (c.warehouses.length > 0) await sink.upsertWarehouses(c.warehouses);
  for (const id of c.deleted) {
    if (await sink.deleteProduct(id)) c.summary.deleted++;
  }
  if (c.documents.length > 0) c.summary.documents = await sink.putDocuments(c.documents);
  return c.summary;
}
