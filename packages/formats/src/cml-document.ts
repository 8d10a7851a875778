// Документ → a task document (DocumentInputSchema) with plan lines from its Товары.
import { DocumentInputSchema } from '@shelfsync/protocol';
import { documentTypeFor } from './cml-document-types.js';
import type { CmlEvent, CmlWarning } from './cml-events.js';
import { rejected } from './cml-product.js';
import { readNamedValues, readUnit } from './cml-product-fields.js';
import { cleanOrUndefined } from './cml-text.js';
import { parseDecimal } from './decimal.js';
import { child, childrenNamed, childText, path, type XmlNode } from './xml-node.js';

type Fields = Record<string, string | number | boolean | null>;

export interface CmlDocumentOptions {
  /** Overrides the ХозОперация → type mapping; return undefined to use the default. */
  documentType?: (operation: string | undefined, role: string | undefined) => string | undefined;
  /** Type for operations the mapping does not know; default 'picking'. */
  fallbackDocumentType?: string;
}

/** Requisite values: "true"/"false" become booleans, the rest stays text. */
function requisiteFields(node: XmlNode | undefined, into: Fields): void {
  for (const [name, value] of Object.entries(readNamedValues(node))) {
    into[name.slice(0, 100)] = value === 'true' ? true : value === 'false' ? false : value.slice(0, 2000);
  }
}

function counterpartyName(node: XmlNode): string | undefined {
  for (const c of childrenNamed(child(node, 'Контрагенты') ?? node, 'Контрагент')) {
    const name =
      cleanOrUndefined(childText(c, 'Наименование')) ??
      cleanOrUndefined(childText(c, 'ПолноеНаименование')) ??
      cleanOrUndefined(childText(c, 'ОфициальноеНаименование'));
    if (name !== undefined) return name.slice(0, 500);
  }
  return undefined;
}

function planLine(item: XmlNode, warnings: CmlWarning[]): Record<string, unknown> | undefined {
  const productId = childText(item, 'Ид');
  const qty = parseDecimal(childText(item, 'Количество') ?? '');
  const requisites = readNamedValues(child(item, 'ЗначенияРеквизитов'));
  if (requisites['ТипНоменклатуры'] === 'Услуга' || requisites['ВидНоменклатуры'] === 'Услуга') {
    warnings.push({
      code: 'SERVICE_LINE_SKIPPED',
      message: `Service line ${productId ?? ''} skipped.`,
      line: item.line,
    });
    return undefined;
  }
  if (productId === undefined || qty === undefined || qty < 0) {
    const what = productId === undefined ? 'no Ид' : `quantity "${childText(item, 'Количество') ?? ''}"`;
    warnings.push({ code: 'LINE_SKIPPED', message: `Line skipped: ${what}.`, line: item.line });
    return undefined;
  }
  const fields: Fields = {};
  const name = cleanOrUndefined(childText(item, 'Наименование'));
  if (name !== undefined) fields['name'] = name.slice(0, 2000);
  const sku = cleanOrUndefined(childText(item, 'Артикул'));
  if (sku !== undefined) fields['sku'] = sku;
  const unit = readUnit(child(item, 'БазоваяЕдиница'));
  if (unit.code !== undefined) fields['unitCode'] = unit.code;
  requisiteFields(child(item, 'ЗначенияРеквизитов'), fields);
  // 2.x writes ЦенаЗаЕдиницу, 3.1 Цена.
  const price = parseDecimal(childText(item, 'ЦенаЗаЕдиницу') ?? childText(item, 'Цена') ?? '');
  return {
    productId,
    qty,
    ...(price !== undefined && price >= 0 ? { price } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: string });
}

function warehouseOf(node: XmlNode): string | undefined {
  const s = child(node, 'Склад') ?? path(node, 'Склады', 'Склад');
  if (s === undefined) return undefined;
  return childText(s, 'Ид') ?? s.attrs['ИдСклада']?.trim();
}

/** Дата as YYYY-MM-DD; some site modules write DD.MM.YYYY. Anything else is left out, with a warning. */
function readDate(node: XmlNode, warnings: CmlWarning[]): string | undefined {
  const text = childText(node, 'Дата');
  if (text === undefined) return undefined;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(text);
  if (iso) return iso[1];
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})(?:$| )/.exec(text);
  if (ru) return `${ru[3]}-${ru[2]}-${ru[1]}`;
  warnings.push({
    code: 'BAD_DATE',
    message: `Date "${text}" is not a date; left out.`,
    line: node.line,
    value: text,
  });
  return undefined;
}

function headerFields(node: XmlNode): Fields {
  const fields: Fields = {};
  const text: [string, string][] = [
    ['operation', 'ХозОперация'],
    ['role', 'Роль'],
    ['currency', 'Валюта'],
    ['time', 'Время'],
  ];
  for (const [key, name] of text) {
    const v = childText(node, name);
    if (v !== undefined) fields[key] = v;
  }
  const sum = parseDecimal(childText(node, 'Сумма') ?? '');
  if (sum !== undefined) fields['sum'] = sum;
  requisiteFields(child(node, 'ЗначенияРеквизитов'), fields);
  return fields;
}

export function documentEvent(node: XmlNode, opts: CmlDocumentOptions): CmlEvent {
  const warnings: CmlWarning[] = [];
  const operation = childText(node, 'ХозОперация');
  const role = childText(node, 'Роль');
  let type = opts.documentType?.(operation, role) ?? documentTypeFor(operation, role);
  if (type === undefined) {
    type = opts.fallbackDocumentType ?? 'picking';
    warnings.push({
      code: 'UNKNOWN_OPERATION',
      message: `Operation "${operation ?? ''}" imported as ${type}.`,
      line: node.line,
    });
  }
  const items = childrenNamed(child(node, 'Товары') ?? node, 'Товар');
  const input = {
    id: childText(node, 'Ид'),
    type,
    ...optional('number', childText(node, 'Номер')),
    ...optional('date', readDate(node, warnings)),
    ...optional('warehouseId', warehouseOf(node)),
    ...optional('counterparty', counterpartyName(node)),
    ...optional('comment', cleanOrUndefined(childText(node, 'Комментарий'))),
    fields: headerFields(node),
    lines: items.map((item) => planLine(item, warnings)).filter((l) => l !== undefined),
  };
  const parsed = DocumentInputSchema.safeParse(input);
  if (!parsed.success) return rejected('Документ', node, parsed.error);
  return { type: 'document', document: parsed.data, line: node.line, warnings };
}
