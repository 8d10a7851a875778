// ПакетПредложений/Предложения/Предложение → prices and stock of a product or variant; a
// `product#variant` offer with a name also becomes the variant's own product row.
import { ProductSchema } from '@shelfsync/protocol';
import type { CmlClassifier } from './cml-classifier.js';
import type { CmlEvent, CmlOffer, CmlPrice, CmlWarning } from './cml-events.js';
import { applyOffer, type PriceChoice } from './cml-merge.js';
import { rejected } from './cml-product.js';
import {
  isDeleted,
  readBarcodes,
  readNamedValues,
  readPropertyTexts,
  readUnit,
  splitVariantId,
} from './cml-product-fields.js';
import { cleanOrUndefined } from './cml-text.js';
import { parseDecimal } from './decimal.js';
import { child, childrenNamed, childText, type XmlNode } from './xml-node.js';

function readNumber(
  text: string | undefined,
  node: XmlNode,
  what: string,
  warnings: CmlWarning[],
): number | undefined {
  if (text === undefined) return undefined;
  const n = parseDecimal(text);
  if (n === undefined) {
    warnings.push({
      code: 'BAD_NUMBER',
      message: `${what} "${text}" is not a number; ignored.`,
      line: node.line,
      value: text,
    });
  }
  return n;
}

function readPrices(node: XmlNode, warnings: CmlWarning[]): CmlPrice[] {
  const prices: CmlPrice[] = [];
  for (const p of childrenNamed(child(node, 'Цены') ?? node, 'Цена')) {
    const value = readNumber(childText(p, 'ЦенаЗаЕдиницу'), p, 'Price', warnings);
    const priceTypeId = childText(p, 'ИдТипаЦены') ?? '';
    const currency = childText(p, 'Валюта');
    if (value !== undefined) prices.push({ priceTypeId, value, ...(currency ? { currency } : {}) });
  }
  return prices;
}

/** Stock as 2.x writes it (Склад/@ИдСклада, @КоличествоНаСкладе) and as 3.x does (Остатки/Остаток). */
function readStock(node: XmlNode, warnings: CmlWarning[]): Pick<CmlOffer, 'stock' | 'quantity'> {
  const stock: CmlOffer['stock'] = [];
  for (const s of [...childrenNamed(node, 'Склад'), ...childrenNamed(node, 'Склады')]) {
    const warehouseId = s.attrs['ИдСклада']?.trim();
    const quantity = readNumber(s.attrs['КоличествоНаСкладе'], s, 'Stock', warnings);
    if (warehouseId && quantity !== undefined) stock.push({ warehouseId, quantity });
  }
  let quantity = readNumber(childText(node, 'Количество'), node, 'Quantity', warnings);
  for (const rest of childrenNamed(child(node, 'Остатки') ?? node, 'Остаток')) {
    for (const s of childrenNamed(rest, 'Склад')) {
      const warehouseId = childText(s, 'Ид');
      const q = readNumber(childText(s, 'Количество'), s, 'Stock', warnings);
      if (warehouseId && q !== undefined) stock.push({ warehouseId, quantity: q });
    }
    quantity ??= readNumber(childText(rest, 'Количество'), rest, 'Quantity', warnings);
  }
  if (quantity === undefined && stock.length > 0) quantity = stock.reduce((n, s) => n + s.quantity, 0);
  return { stock, ...(quantity !== undefined ? { quantity } : {}) };
}

function variantRow(offer: CmlOffer, choice: PriceChoice) {
  const parsed = ProductSchema.safeParse({
    id: offer.id,
    name: offer.name,
    ...(offer.sku !== undefined ? { sku: offer.sku } : {}),
    ...(offer.unit !== undefined ? { unit: offer.unit } : {}),
    barcodes: offer.barcodes,
  });
  return parsed.success
    ? { ok: true as const, product: applyOffer(parsed.data, offer, choice) }
    : { ok: false as const, error: parsed.error };
}

export function offerEvent(node: XmlNode, choice: PriceChoice, classifier: CmlClassifier): CmlEvent {
  const warnings: CmlWarning[] = [];
  const id = childText(node, 'Ид');
  if (id === undefined)
    return rejected('Предложение', node, { issues: [{ path: ['Ид'], message: 'missing' }] });
  const split = splitVariantId(id);
  const variantId = split.variantId ?? childText(node, 'ИдХарактеристики');
  const unit = readUnit(child(node, 'БазоваяЕдиница'));
  const name = cleanOrUndefined(childText(node, 'Наименование'));
  const sku = cleanOrUndefined(childText(node, 'Артикул'));
  const offer: CmlOffer = {
    id: split.variantId === undefined && variantId !== undefined ? `${id}#${variantId}` : id,
    productId: split.productId,
    ...(variantId !== undefined ? { variantId } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(sku !== undefined ? { sku } : {}),
    ...(unit.name !== undefined ? { unit: unit.name } : {}),
    ...(unit.code !== undefined ? { unitCode: unit.code } : {}),
    ...(unit.weighted ? { weighted: true as const } : {}),
    barcodes: readBarcodes(node, warnings),
    prices: readPrices(node, warnings),
    ...readStock(node, warnings),
    characteristics: readNamedValues(child(node, 'ХарактеристикиТовара')),
    properties: readPropertyTexts(node, classifier),
    deleted: isDeleted(node),
  };
  // Price and rest files (3.x prices.xml, rests.xml) carry no names: those offers update rows
  // that already exist, so only a named variant offer makes a row of its own.
  if (variantId !== undefined && name !== undefined) {
    const row = variantRow(offer, choice);
    if (!row.ok) return rejected('Предложение', node, row.error);
    offer.variant = row.product;
  }
  return { type: 'offer', offer, line: node.line, warnings };
}
