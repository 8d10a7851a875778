// Каталог/Товары/Товар → a catalog product row (ProductSchema), with its warnings.
import { ProductSchema, ShelfsyncError } from '@shelfsync/protocol';
import type { CmlClassifier } from './cml-classifier.js';
import type { CmlEvent, CmlWarning } from './cml-events.js';
import {
  type Attrs,
  isDeleted,
  readBarcodes,
  readNamedValues,
  readPropertyTexts,
  readUnit,
  setAttr,
  setProp,
  splitVariantId,
} from './cml-product-fields.js';
import { cleanOrUndefined } from './cml-text.js';
import { child, childrenNamed, childText, path, type XmlNode } from './xml-node.js';

/** Builds the ProductSchema input for a Товар; exported for tests and the offer mapper. */
export function productInput(
  node: XmlNode,
  classifier: CmlClassifier,
  warnings: CmlWarning[],
): Record<string, unknown> {
  const id = childText(node, 'Ид') ?? '';
  const unit = readUnit(child(node, 'БазоваяЕдиница'));
  const attrs: Attrs = {};
  const { productId, variantId } = splitVariantId(id);
  if (variantId !== undefined) {
    setAttr(attrs, 'parentId', productId);
    setAttr(attrs, 'variantId', variantId);
  }
  setAttr(attrs, 'unitCode', unit.code);
  const groups = child(node, 'Группы');
  if (groups)
    setAttr(
      attrs,
      'groupIds',
      childrenNamed(groups, 'Ид')
        .map((g) => g.text.trim())
        .filter(Boolean)
        .join(','),
    );
  setAttr(attrs, 'manufacturer', cleanOrUndefined(path(node, 'Изготовитель', 'Наименование')?.text));
  const props = readPropertyTexts(node, classifier, attrs);
  for (const [k, v] of Object.entries(readNamedValues(child(node, 'ХарактеристикиТовара')))) {
    setAttr(attrs, k, v);
    setProp(props, k, v);
  }
  for (const [k, v] of Object.entries(readNamedValues(child(node, 'ЗначенияРеквизитов'))))
    setAttr(attrs, k, v);
  const sku = cleanOrUndefined(childText(node, 'Артикул'));
  return {
    id,
    name: cleanOrUndefined(childText(node, 'Наименование')) ?? '',
    ...(sku !== undefined ? { sku } : {}),
    ...(unit.name !== undefined ? { unit: unit.name } : {}),
    ...(unit.weighted ? { weighted: true } : {}),
    barcodes: readBarcodes(node, warnings),
    ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
    ...(Object.keys(props).length > 0 ? { props } : {}),
  };
}

export function rejected(element: string, node: XmlNode, error: unknown): CmlEvent {
  const id = childText(node, 'Ид');
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues ?? [];
  const what = issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
  return {
    type: 'rejected',
    element,
    ...(id !== undefined ? { id } : {}),
    line: node.line,
    error: new ShelfsyncError(
      'IMPORT_BAD_VALUE',
      `${element} on line ${node.line} is not a valid row: ${what}.`,
      {
        line: node.line,
        ...(id !== undefined ? { id } : {}),
      },
    ),
  };
}

export function productEvent(node: XmlNode, classifier: CmlClassifier): CmlEvent {
  const warnings: CmlWarning[] = [];
  const parsed = ProductSchema.safeParse(productInput(node, classifier, warnings));
  if (!parsed.success) return rejected('Товар', node, parsed.error);
  return { type: 'product', product: parsed.data, deleted: isDeleted(node), line: node.line, warnings };
}
