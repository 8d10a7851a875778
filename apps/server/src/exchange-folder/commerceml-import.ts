// Imports one CommerceML file: products stream into one products transaction, each merged with the
// row the base holds by the role of what brings it (formats cml-merge.ts; docs/integration.md,
// "CommerceML merge rules"); warehouses and documents, which are few, are collected and stored after
// it (documents last, since their lines must name stored products). Offers and catalog variants that
// must meet a product of the same file wait in the scratch stash for a second pass over the file.
import {
  applyOffer,
  type CmlEvent,
  type CmlOffer,
  type CmlProperty,
  type CmlWarning,
  mergeCatalogRow,
  type PriceChoice,
  type ReadCommerceMlOptions,
  readCommerceMl,
  variantFromParent,
} from '@shelfsync/formats';
import type { Product, Warehouse } from '@shelfsync/protocol';
import type { CatalogSink, ImportedDocumentInput } from './catalog-sink.js';
import { addCounts, addWarning, emptySummary, type ImportSummary } from './import-summary.js';
import { OfferStash, type Pending } from './offer-stash.js';

export interface CommerceMlImportOptions {
  sink: CatalogSink;
  /** The file from its start again: a file holding a catalog and then its offers is read twice. */
  reopen: () => AsyncIterable<Uint8Array>;
  /** Where offers waiting for the second pass are kept; default the system temp folder. */
  scratchDir?: string;
  /**
   * The price type (ТипЦены Ид or Наименование) shown as product.price; default: the first price
   * type the file declares. Every type's price is kept in attrs `price:<Ид>` either way.
   */
  priceType?: string;
  /** A full catalog deletes its products it no longer lists (default true). */
  deleteMissing?: boolean;
  /** Properties declared by earlier files: values naming them by Ид get their names. */
  properties?: readonly CmlProperty[];
  /** Called after the products with the properties this file declared, to keep for later files. */
  onProperties?: (declared: CmlProperty[]) => Promise<void>;
}

/** attrs key naming the Каталог Ид a product came from: a full catalog deletes only its own rows. */
export const CATALOG_ATTR = 'catalogId';

/** Stored rows read at once (concurrently) while products stream: one round trip per batch. */
const READ_BATCH = 64;

const isVariantId = (id: string): boolean => {
  const hash = id.indexOf('#');
  return hash !== -1 && hash < id.length - 1;
};

/** State gathered while the products stream into the store. */
class CmlImport {
  readonly summary = emptySummary();
  readonly documents: ImportedDocumentInput[] = [];
  readonly warehouses: Warehouse[] = [];
  readonly deleted: string[] = [];
  readonly priceTypes = new Map<string, string>();
  readonly declared: CmlProperty[] = [];
  firstPriceType: string | undefined;
  catalogId: string | undefined;
  /** The file's Каталог says СодержитТолькоИзменения="false": products it does not list go. */
  fullCatalog = false;
  /** The stored products the full catalog may delete were collected. */
  collected = false;
  /** True once this file listed products: offers after them may concern rows not yet committed. */
  sawProducts = false;
  #stash: OfferStash | undefined;
  /** Whether the base held no product when the file began (then no stored row needs reading). */
  #empty: Promise<boolean> | undefined;

  constructor(readonly opts: CommerceMlImportOptions) {}

  warn(warnings: readonly CmlWarning[]): void {
    for (const w of warnings) {
      addWarning(this.summary, `line ${w.line}: ${w.code}: ${w.message}${w.value ? ` (${w.value})` : ''}`);
    }
  }

  get choice(): PriceChoice {
    const wanted = this.opts.priceType;
    if (wanted !== undefined) {
      const byName = [...this.priceTypes].find(([id, name]) => id === wanted || name === wanted)?.[0];
      return { priceTypeId: byName ?? wanted, strict: true };
    }
    return { ...(this.firstPriceType ? { priceTypeId: this.firstPriceType } : {}), strict: false };
  }

  /** The catalog row tagged with its catalog (when the Каталог has an Ид). */
  tagged(product: Product): Product {
    if (this.catalogId === undefined) return product;
    return { ...product, attrs: { ...product.attrs, [CATALOG_ATTR]: this.catalogId.slice(0, 2000) } };
  }

  /**
   * The committed row `id`: as the base held it before this file (rows this file writes are not
   * committed until it ends). Into an empty base, e.g. a first load, nothing is read at all.
   */
  async stored(id: string): Promise<Product | undefined> {
    return (await this.baseEmpty()) ? undefined : this.opts.sink.getProduct(id);
  }

  baseEmpty(): Promise<boolean> {
    const { sink } = this.opts;
    this.#empty ??= (async () => {
      if (sink.listProducts === undefined) return false;
      for await (const _ of sink.listProducts()) return false;
      return true;
    })();
    return this.#empty;
  }

  get stash(): OfferStash {
    this.#stash ??= new OfferStash(this.opts.scratchDir);
    return this.#stash;
  }

  get waiting(): number {
    return this.#stash?.size ?? 0;
  }

  seen(id: string): void {
    if (this.collected) this.stash.seen(id);
  }

  /** Notes the stored products this full catalog may delete: its own, and variants of any product. */
  async collectCandidates(): Promise<void> {
    const { sink } = this.opts;
    if (this.sawProducts || this.catalogId === undefined || sink.listProducts === undefined) {
      addWarning(
        this.summary,
        'full catalog: products it does not list are kept (no catalog Ид before its goods, or no product listing)',
      );
      return;
    }
    this.collected = true;
    for await (const p of sink.listProducts()) {
      const tagged = p.attrs?.[CATALOG_ATTR] === this.catalogId;
      const parentId = p.attrs?.['parentId'];
      if (tagged || typeof parentId === 'string')
        this.stash.addCandidate(p.id, typeof parentId === 'string' ? parentId : undefined, tagged);
    }
  }

  dispose(): void {
    this.#stash?.dispose();
  }
}

/** Work for the merge stage: each needs the stored rows it names. */
type Work = { kind: 'catalog'; product: Product } | { kind: 'offer'; offer: CmlOffer; line: number };

/** Builds the row an offer makes of `base` (the stored row or one built in this file), or warns. */
function offerRow(
  c: CmlImport,
  base: Product | undefined,
  offer: CmlOffer,
  line: number,
  parent: Product | undefined,
): Product | undefined {
  const start = base ?? offer.variant ?? (parent && variantFromParent(offer, parent));
  if (start === undefined) {
    addWarning(c.summary, `line ${line}: offer ${offer.id} names no known product; skipped`);
    return undefined;
  }
  return applyOffer(start, offer, c.choice, parent);
}

/**
 * Merges work items with the stored rows, reading those a batch needs at once. Within a batch a row
 * built earlier stands in for the stored one, so an id listed twice keeps both effects.
 */
async function* mergeStage(c: CmlImport, work: AsyncIterable<Work>): AsyncGenerator<Product> {
  let batch: Work[] = [];
  const flush = async function* (): AsyncGenerator<Product> {
    const ids = new Set<string>();
    const empty = await c.baseEmpty();
    for (const w of empty ? [] : batch) {
      if (w.kind === 'catalog') ids.add(w.product.id);
      else {
        ids.add(w.offer.id);
        if (w.offer.variantId !== undefined) ids.add(w.offer.productId);
      }
    }
    const list = [...ids];
    const found = await Promise.all(list.map((id) => c.stored(id)));
    const rows = new Map(list.map((id, i) => [id, found[i]]));
    for (const w of batch) {
      const row =
        w.kind === 'catalog'
          ? mergeCatalogRow(rows.get(w.product.id), w.product)
          : offerRow(c, rows.get(w.offer.id), w.offer, w.line, rows.get(w.offer.productId));
      if (row === undefined) continue;
      rows.set(row.id, row);
      yield row;
    }
    batch = [];
  };
  for await (const w of work) {
    batch.push(w);
    if (batch.length >= READ_BATCH) yield* flush();
  }
  yield* flush();
}

async function* firstPass(events: AsyncIterable<CmlEvent>, c: CmlImport): AsyncGenerator<Work> {
  for await (const ev of events) {
    if (ev.type === 'priceType') {
      c.priceTypes.set(ev.id, ev.name);
      c.firstPriceType ??= ev.id;
    } else if (ev.type === 'property') {
      c.declared.push(ev.property);
    } else if (ev.type === 'package') {
      if (ev.package === 'catalog') c.fullCatalog = ev.full;
    } else if (ev.type === 'catalog') {
      c.catalogId ??= ev.id;
      if (c.fullCatalog && !c.collected && c.opts.deleteMissing !== false) await c.collectCandidates();
    } else if (ev.type === 'warehouse') c.warehouses.push(ev.warehouse);
    else if (ev.type === 'rejected') {
      addWarning(c.summary, `line ${ev.line}: ${ev.element} ${ev.id ?? ''} skipped: ${ev.error.message}`);
    } else if (ev.type === 'document') {
      c.warn(ev.warnings);
      c.documents.push(ev.document);
    } else if (ev.type === 'product') {
      c.warn(ev.warnings);
      c.sawProducts = true;
      const { product } = ev;
      c.seen(product.id);
      if (ev.deleted) c.deleted.push(product.id);
      else if (isVariantId(product.id)) {
        // Its parent may come later in this file: it waits for the second pass.
        const parentId = product.id.slice(0, product.id.indexOf('#'));
        c.stash.put({ kind: 'product', product: c.tagged(product) }, parentId, ev.line);
      } else yield { kind: 'catalog', product: c.tagged(product) };
    } else if (ev.type === 'offer') {
      c.warn(ev.warnings);
      const { offer } = ev;
      if (offer.deleted) {
        if (offer.variantId !== undefined) c.deleted.push(offer.id);
      } else if (c.sawProducts) c.stash.put({ kind: 'offer', offer }, offer.productId, ev.line);
      else yield { kind: 'offer', offer, line: ev.line };
    }
  }
}

/**
 * Rows waiting for product `parent` (as this file has it, merged over the stored row, or the stored
 * row alone): the plain offer updates the parent; each variant is its catalog Товар and/or its
 * offer over the stored variant, taking what it lacks from the parent.
 */
async function* resolvePending(
  c: CmlImport,
  productId: string,
  parent: Product | undefined,
  pending: Pending[],
): AsyncGenerator<Product> {
  let parentRow = parent;
  const variants = new Map<string, Pending[]>();
  for (const p of pending) {
    if (p.row.kind === 'offer' && p.row.offer.id === productId) {
      const row = offerRow(c, parentRow, p.row.offer, p.line, undefined);
      if (row) {
        parentRow = row;
        yield row;
      }
    } else {
      const id = p.row.kind === 'offer' ? p.row.offer.id : p.row.product.id;
      variants.set(id, [...(variants.get(id) ?? []), p]);
    }
  }
  for (const [id, list] of variants) {
    let row = await c.stored(id);
    for (const p of list) {
      const next =
        p.row.kind === 'product'
          ? mergeCatalogRow(row, p.row.product, parentRow)
          : offerRow(c, row, p.row.offer, p.line, parentRow);
      if (next) row = next;
    }
    if (row) yield row;
  }
}

/** Meets waiting rows with their products by reading the file again, then with the stored rows. */
async function* secondPass(c: CmlImport): AsyncGenerator<Product> {
  if (c.waiting === 0) return;
  for await (const ev of readCommerceMl(c.opts.reopen(), readOptions(c.opts))) {
    if (ev.type !== 'product' || ev.deleted || isVariantId(ev.product.id)) continue;
    const pending = c.stash.takeFor(ev.product.id);
    if (pending.length === 0) continue;
    const parent = mergeCatalogRow(await c.stored(ev.product.id), c.tagged(ev.product));
    yield* resolvePending(c, ev.product.id, parent, pending);
    if (c.waiting === 0) return;
  }
  for (const { productId, pending } of c.stash.drain()) {
    yield* resolvePending(c, productId, await c.stored(productId), pending);
  }
}

function readOptions(opts: CommerceMlImportOptions): ReadCommerceMlOptions {
  return {
    ...(opts.priceType ? { priceType: opts.priceType } : {}),
    ...(opts.properties ? { properties: opts.properties } : {}),
  };
}

async function* productRows(source: AsyncIterable<Uint8Array>, c: CmlImport): AsyncGenerator<Product> {
  const events = readCommerceMl(source, readOptions(c.opts));
  yield* mergeStage(c, firstPass(events, c));
  yield* secondPass(c);
}

export async function importCommerceMl(
  source: AsyncIterable<Uint8Array>,
  opts: CommerceMlImportOptions,
): Promise<ImportSummary> {
  const { sink } = opts;
  const c = new CmlImport(opts);
  try {
    // Always merge, row by row: a catalog never lists the `#` variants its offers made, and an
    // offers, prices or rests file carries only part of each row.
    addCounts(c.summary, await sink.upsertProducts(productRows(source, c)));
    if (c.warehouses.length > 0) await sink.upsertWarehouses(c.warehouses);
    if (c.fullCatalog && c.catalogId === undefined && opts.deleteMissing !== false) {
      addWarning(c.summary, 'full catalog without an Ид: products it does not list are kept');
    }
    const gone = new Set(c.deleted);
    if (c.collected) for (const id of c.stash.unseenCandidates()) gone.add(id);
    for (const id of gone) {
      if (await sink.deleteProduct(id)) c.summary.deleted++;
    }
  } finally {
    c.dispose();
  }
  if (c.declared.length > 0) await opts.onProperties?.(c.declared);
  if (c.documents.length > 0) c.summary.documents = await sink.putDocuments(c.documents);
  return c.summary;
}
