// Field readers shared by Товар (catalog) and Предложение (offers): unit, barcodes, attributes.

import { cleanBarcodes } from './cml-barcodes.js';
import type { CmlClassifier } from './cml-classifier.js';
import type { CmlWarning } from './cml-events.js';
import { cleanOrUndefined, cleanText } from './cml-text.js';
import { parseDecimal } from './decimal.js';
import { normaliseOkeiCode, OKEI_UNITS } from './okei-units.js';
import { child, childrenNamed, childText, type XmlNode } from './xml-node.js';

export type Attrs = Record<string, string | number | boolean>;

export interface CmlUnit {
  name?: string;
  code?: string;
  weighted?: true;
}

/**
 * БазоваяЕдиница is mixed content: attributes (Код="796 ", НаименованиеПолное) plus either a short
 * name as text ("шт") or Пересчет children. Older files put the bare OKEI code in the text.
 */
export function readUnit(node: XmlNode | undefined): CmlUnit {
  if (node === undefined) return {};
  const text = cleanText(node.text);
  const bareCode = /^\d{1,3}$/.test(text);
  const codeAttr = node.attrs['Код'];
  const code =
    codeAttr !== undefined ? normaliseOkeiCode(codeAttr) : bareCode ? normaliseOkeiCode(text) : undefined;
  const ownText = text !== '' && !bareCode ? text : undefined;
  // Without a code, a known short name ("кг") still tells a weighed unit.
  const known =
    (code !== undefined ? OKEI_UNITS[code] : undefined) ??
    Object.values(OKEI_UNITS).find((u) => u.name === ownText?.toLowerCase());
  const name =
    ownText ??
    known?.name ??
    cleanOrUndefined(node.attrs['НаименованиеПолное']) ??
    cleanOrUndefined(node.attrs['МеждународноеСокращение']);
  return {
    ...(name !== undefined ? { name } : {}),
    ...(code !== undefined && code !== '' ? { code } : {}),
    ...(known?.weighted ? { weighted: true as const } : {}),
  };
}

/** Штрихкод children (2.x) and Штрихкоды/Штрихкод (3.x). */
export function readBarcodes(node: XmlNode, warnings: CmlWarning[]): string[] {
  const wrapper = child(node, 'Штрихкоды');
  const nodes = [...childrenNamed(node, 'Штрихкод'), ...(wrapper ? childrenNamed(wrapper, 'Штрихкод') : [])];
  return cleanBarcodes(nodes, warnings);
}

/** Sets an attribute within the protocol's limits (key 100, value 2000 characters). */
export function setAttr(attrs: Attrs, key: string, value: string | number | boolean | undefined): void {
  if (value === undefined || value === '') return;
  attrs[key.slice(0, 100)] = typeof value === 'string' ? value.slice(0, 2000) : value;
}

/**
 * ЗначенияСвойств: names and dictionary values resolved through the classifier, as text by name;
 * with `attrs`, also there (numbers as numbers).
 */
export function readPropertyTexts(
  node: XmlNode,
  classifier: CmlClassifier,
  attrs?: Attrs,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pv of child(node, 'ЗначенияСвойств')?.children ?? []) {
    const id = childText(pv, 'Ид');
    if (id === undefined) continue;
    const info = classifier.properties.get(id);
    const values = childrenNamed(pv, 'Значение')
      .map((v) => cleanText(v.text))
      .filter((v) => v !== '')
      .map((v) => info?.values.get(v) ?? v);
    if (values.length === 0) continue;
    const joined = values.join(', ');
    const name = info?.name ?? id;
    setProp(out, name, joined);
    if (attrs !== undefined) {
      const number = info?.numeric && values.length === 1 ? parseDecimal(joined) : undefined;
      setAttr(attrs, name, number ?? joined);
    }
  }
  return out;
}

/** Sets a card property within the protocol's limits (name 100, value 2000 characters). */
export function setProp(props: Record<string, string>, key: string, value: string | undefined): void {
  if (value === undefined || value === '') return;
  props[key.slice(0, 100)] = value.slice(0, 2000);
}

/** Named pairs: ЗначенияРеквизитов/ЗначениеРеквизита and ХарактеристикиТовара/ХарактеристикаТовара. */
export function readNamedValues(node: XmlNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of node?.children ?? []) {
    const name = cleanOrUndefined(childText(pair, 'Наименование'));
    const values = childrenNamed(pair, 'Значение')
      .map((v) => cleanText(v.text))
      .filter(Boolean);
    if (name !== undefined && values.length > 0) out[name] = values.join(', ');
  }
  return out;
}

/** Статус="Удален" (attribute in 2.x, element in some exports). */
export function isDeleted(node: XmlNode): boolean {
  const status = node.attrs['Статус'] ?? childText(node, 'Статус');
  return status?.trim() === 'Удален';
}

/** Splits `productGuid#variantGuid`; a trailing `#` (as on package ids) means no variant. */
export function splitVariantId(id: string): { productId: string; variantId?: string } {
  const hash = id.indexOf('#');
  if (hash === -1) return { productId: id };
  const variantId = id.slice(hash + 1);
  return { productId: id.slice(0, hash), ...(variantId !== '' ? { variantId } : {}) };
}
