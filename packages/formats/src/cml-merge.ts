// How a CommerceML row meets the row the base already holds, by the role of what brings it
// (docs/integration.md, "CommerceML merge rules"): a catalog Товар sets the product's descriptive
// fields and never touches prices or stock; an offer (2.x offers, 3.x offers/prices/rests) sets only
// what it carries and never clears the rest. Every result is canonical (fixed key order, sorted
// attrs and props), so the same content always gives the same bytes and the store counts it unchanged.
import type { Product } from '@shelfsync/protocol';
import type { CmlOffer } from './cml-events.js';
import { type Attrs, setAttr, setProp } from './cml-product-fields.js';

/** Prefix of the attrs that keep every price type's price: `price:<ИдТипаЦены>`. */
export const PRICE_ATTR_PREFIX = 'price:';
/** Prefix of the attrs that keep stock per warehouse: `stock:<ИдСклада>` (`stock` is the total). */
export const STOCK_ATTR_PREFIX = 'stock:';

/** Attributes owned by offers (prices, stock, currency): a catalog row keeps the stored ones. */
export function isOfferAttr(key: string): boolean {
  return (
    key === 'stock' ||
    key === 'currency' ||
    key.startsWith(STOCK_ATTR_PREFIX) ||
    key.startsWith(PRICE_ATTR_PREFIX)
  );
}

/** The attrs key of one price type's price. */
export const priceAttr = (priceTypeId: string): string => `${PRICE_ATTR_PREFIX}${priceTypeId || '-'}`;

function sortedRecord<V>(record: Record<string, V> | undefined): Record<string, V> | undefined {
  if (record === undefined) return undefined;
  const keys = Object.keys(record).sort();
  if (keys.length === 0) return undefined;
  const out: Record<string, V> = {};
  for (const k of keys) out[k] = record[k] as V;
  return out;
}

/** The row with ProductSchema's key order, attrs and props sorted by key, empty ones left out. */
export function canonicalProduct(p: Product): Product {
  const attrs = sortedRecord(p.attrs);
  const props = sortedRecord(p.props);
  return {
    id: p.id,
    name: p.name,
    ...(p.sku !== undefined ? { sku: p.sku } : {}),
    ...(p.unit !== undefined ? { unit: p.unit } : {}),
    barcodes: p.barcodes,
    packings: p.packings,
    ...(p.weighted !== undefined ? { weighted: p.weighted } : {}),
    ...(p.marked !== undefined ? { marked: p.marked } : {}),
    ...(p.price !== undefined ? { price: p.price } : {}),
    ...(p.warehouseIds !== undefined ? { warehouseIds: p.warehouseIds } : {}),
    ...(attrs !== undefined ? { attrs } : {}),
    ...(props !== undefined ? { props } : {}),
  };
}

/** The unit a variant gets: its own when its source names one, else its parent's, else the stored one. */
interface UnitFields {
  unit?: string;
  unitCode?: string | number | boolean;
  weighted?: boolean;
}

function unitOf(p: Product | undefined): UnitFields | undefined {
  if (p?.unit === undefined) return undefined;
  return {
    unit: p.unit,
    ...(p.attrs?.['unitCode'] !== undefined ? { unitCode: p.attrs['unitCode'] } : {}),
    ...(p.weighted !== undefined ? { weighted: p.weighted } : {}),
  };
}

/**
 * Fills what a variant row lacks from its parent (then from the stored row): unit (with its code and
 * weighing), article, groups and warehouse scope. `row` already holds what the variant's own source said.
 */
function inherit(row: Product, attrs: Attrs, sources: (Product | undefined)[]): Product {
  const out: Product = { ...row };
  if (out.unit === undefined) {
    const unit = sources.map(unitOf).find((u) => u !== undefined);
    if (unit?.unit !== undefined) {
      out.unit = unit.unit;
      if (unit.weighted !== undefined) out.weighted = unit.weighted;
      if (unit.unitCode !== undefined) attrs['unitCode'] = unit.unitCode;
    }
  }
  const first = <T>(pick: (p: Product) => T | undefined): T | undefined => {
    for (const s of sources) {
      const v = s === undefined ? undefined : pick(s);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  out.sku ??= first((p) => p.sku);
  if (out.sku === undefined) delete out.sku;
  const warehouseIds = out.warehouseIds ?? first((p) => p.warehouseIds);
  if (warehouseIds !== undefined) out.warehouseIds = warehouseIds;
  if (attrs['groupIds'] === undefined)
    setAttr(
      attrs,
      'groupIds',
      first((p) => p.attrs?.['groupIds']),
    );
  return out;
}

const isVariantRow = (p: Product): boolean => p.attrs?.['parentId'] !== undefined || p.id.includes('#');

/**
 * A catalog Товар over the stored row: the catalog's descriptive fields (name, article, unit,
 * barcodes, groups, properties, requisites) replace the stored ones; prices, stock and the other
 * offer-owned attrs, packings, marking and warehouse scope stay; props add to the stored ones. A
 * variant (`product#variant`) takes what it lacks from `parent`.
 */
export function mergeCatalogRow(stored: Product | undefined, incoming: Product, parent?: Product): Product {
  // A new plain row (a first load): nothing to keep, nothing to inherit.
  if (stored === undefined && !isVariantRow(incoming) && !Object.keys(incoming.attrs ?? {}).some(isOfferAttr))
    return canonicalProduct({ ...incoming, ...(incoming.price !== undefined ? { price: undefined } : {}) });
  const attrs: Attrs = {};
  for (const [k, v] of Object.entries(incoming.attrs ?? {})) if (!isOfferAttr(k)) attrs[k] = v;
  for (const [k, v] of Object.entries(stored?.attrs ?? {})) if (isOfferAttr(k)) attrs[k] = v;
  let row: Product = {
    ...incoming,
    packings: incoming.packings.length > 0 ? incoming.packings : (stored?.packings ?? []),
    props: { ...stored?.props, ...incoming.props },
  };
  delete row.price;
  if (stored?.price !== undefined) row.price = stored.price;
  if (row.marked === undefined && stored?.marked !== undefined) row.marked = stored.marked;
  if (row.warehouseIds === undefined && stored?.warehouseIds !== undefined)
    row.warehouseIds = stored.warehouseIds;
  if (isVariantRow(incoming)) row = inherit(row, attrs, [parent, stored]);
  return canonicalProduct({ ...row, attrs });
}

/**
 * A variant row a prices or rests file names before any offers or catalog file described it: the
 * parent's name and what a variant inherits, until its own description comes.
 */
export function variantFromParent(offer: CmlOffer, parent: Product): Product | undefined {
  if (offer.variantId === undefined) return undefined;
  const attrs: Attrs = { parentId: offer.productId, variantId: offer.variantId };
  const row = inherit({ id: offer.id, name: parent.name, barcodes: [], packings: [] }, attrs, [parent]);
  return canonicalProduct({ ...row, attrs });
}

/**
 * Which price fills product.price: the caller's price type (strictly: no other one), else the first
 * price type the package declares, else the offer's first price.
 */
export interface PriceChoice {
  priceTypeId?: string;
  strict: boolean;
}

/**
 * An offer over a product row. It sets only what it carries: each price type's price (attrs
 * `price:<id>`, the chosen one also as `price` with its currency), the total stock (`stock`), the
 * stock per warehouse (all `stock:<id>` at once, when it lists warehouses), its properties and
 * characteristics (props). A named `product#variant` offer also describes the variant (name,
 * barcodes, article, unit, characteristics) and takes what it lacks from `parent`. Nothing it does
 * not carry is cleared, so prices, rests and offers files may come alone and in any order.
 */
export function applyOffer(
  base: Product,
  offer: CmlOffer,
  choice: PriceChoice = { strict: false },
  parent?: Product,
): Product {
  const attrs: Attrs = { ...base.attrs };
  const props: Record<string, string> = { ...base.props };
  let row: Product = { ...base };
  if (offer.variantId !== undefined && offer.name !== undefined) {
    row.name = offer.name;
    if (offer.barcodes.length > 0) row.barcodes = offer.barcodes;
    setAttr(attrs, 'parentId', offer.productId);
    setAttr(attrs, 'variantId', offer.variantId);
    for (const [k, v] of Object.entries(offer.characteristics)) setAttr(attrs, k, v);
    const own: Product = { ...row };
    delete own.sku;
    delete own.unit;
    delete own.weighted;
    delete attrs['unitCode'];
    if (offer.sku !== undefined) own.sku = offer.sku;
    if (offer.unit !== undefined) {
      own.unit = offer.unit;
      if (offer.weighted) own.weighted = true;
      setAttr(attrs, 'unitCode', offer.unitCode);
    }
    row = inherit(own, attrs, [parent, base]);
  }
  if (offer.prices.length > 0) {
    for (const p of offer.prices) attrs[priceAttr(p.priceTypeId)] = p.value;
    const chosen = choice.priceTypeId === undefined ? undefined : priceAttr(choice.priceTypeId);
    const exact = offer.prices.find((p) => chosen !== undefined && priceAttr(p.priceTypeId) === chosen);
    const kept = chosen === undefined ? undefined : base.attrs?.[chosen];
    const used = exact ?? (typeof kept === 'number' || choice.strict ? undefined : offer.prices[0]);
    if (used !== undefined) {
      row.price = used.value;
      if (used.currency !== undefined) attrs['currency'] = used.currency;
      else delete attrs['currency'];
    } else if (typeof kept === 'number') {
      // The chosen type came in an earlier file and this one lacks it: the shown price stays.
      row.price = kept;
    }
  }
  if (offer.stock.length > 0) {
    for (const k of Object.keys(attrs)) if (k.startsWith(STOCK_ATTR_PREFIX)) delete attrs[k];
    for (const s of offer.stock) attrs[`${STOCK_ATTR_PREFIX}${s.warehouseId}`.slice(0, 100)] = s.quantity;
  }
  if (offer.quantity !== undefined) attrs['stock'] = offer.quantity;
  for (const [k, v] of Object.entries(offer.properties)) setProp(props, k, v);
  for (const [k, v] of Object.entries(offer.characteristics)) setProp(props, k, v);
  return canonicalProduct({ ...row, attrs, props });
}
