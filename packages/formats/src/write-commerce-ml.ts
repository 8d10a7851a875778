// Exports completed documents as CommerceML Документ elements for 1C: one Товар per plan line with
// the counted (fact) quantity in Количество and plan and fact also as named requisites.
import type { Document } from '@shelfsync/protocol';
import { OPERATION_FOR_TYPE } from './cml-document-types.js';
import { escapeXml, formatDecimal } from './xml-escape.js';

export interface WriteCommerceMlOptions {
  /** ДатаФормирования; default now. */
  generatedAt?: Date;
  /** ВерсияСхемы written on the root; default 2.10. */
  schemaVersion?: string;
}

interface ExportRow {
  productId: string;
  plan: number;
  fact: number;
  price?: number;
  name?: string;
  unitCode?: string;
}

const el = (indent: string, name: string, value: string | number | undefined): string =>
  value === undefined || value === '' ? '' : `${indent}<${name}>${escapeXml(value)}</${name}>\n`;

const requisite = (indent: string, name: string, value: string | number): string =>
  `${indent}<ЗначениеРеквизита><Наименование>${escapeXml(name)}</Наименование><Значение>${escapeXml(value)}</Значение></ЗначениеРеквизита>\n`;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Plan lines with the facts bound to them, then facts outside the plan grouped by product. */
export function exportRows(doc: Document): ExportRow[] {
  const rows = doc.lines.map((line) => ({
    productId: line.productId,
    plan: line.qty,
    fact: doc.facts.filter((f) => f.planLineId === line.id).reduce((n, f) => n + f.qty, 0),
    ...(line.price !== undefined ? { price: line.price } : {}),
    ...(text(line.fields?.['name']) ? { name: text(line.fields?.['name'])! } : {}),
    ...(text(line.fields?.['unitCode']) ? { unitCode: text(line.fields?.['unitCode'])! } : {}),
  }));
  const planned = new Set(doc.lines.map((l) => l.id));
  const extra = new Map<string, ExportRow>();
  for (const f of doc.facts) {
    if (f.productId === null || (f.planLineId !== null && planned.has(f.planLineId))) continue;
    const row = extra.get(f.productId) ?? { productId: f.productId, plan: 0, fact: 0 };
    row.fact += f.qty;
    extra.set(f.productId, row);
  }
  return [...rows, ...extra.values()];
}

function* rowXml(row: ExportRow): Generator<string> {
  const i = '        ';
  yield '      <Товар>\n';
  yield el(i, 'Ид', row.productId);
  yield el(i, 'Наименование', row.name ?? row.productId);
  if (row.unitCode !== undefined) yield `${i}<БазоваяЕдиница Код="${escapeXml(row.unitCode)}"/>\n`;
  if (row.price !== undefined) yield el(i, 'ЦенаЗаЕдиницу', formatDecimal(row.price));
  yield el(i, 'Количество', formatDecimal(row.fact));
  if (row.price !== undefined) yield el(i, 'Сумма', formatDecimal(row.price * row.fact));
  yield `${i}<ЗначенияРеквизитов>\n`;
  yield requisite(`${i}  `, 'КоличествоПлан', formatDecimal(row.plan));
  yield requisite(`${i}  `, 'КоличествоФакт', formatDecimal(row.fact));
  yield `${i}</ЗначенияРеквизитов>\n      </Товар>\n`;
}

function* documentXml(doc: Document): Generator<string> {
  const i = '    ';
  const defaults = OPERATION_FOR_TYPE[doc.type] ?? { operation: 'Прочие', role: 'Продавец' };
  const role = text(doc.fields?.['role']) ?? defaults.role;
  const rows = exportRows(doc);
  const stamp = doc.date ?? doc.completedAt ?? doc.updatedAt ?? '';
  yield '  <Документ>\n';
  yield el(i, 'Ид', doc.id);
  yield el(i, 'Номер', doc.number ?? doc.id);
  yield el(i, 'Дата', stamp.slice(0, 10));
  yield el(i, 'ХозОперация', text(doc.fields?.['operation']) ?? defaults.operation);
  yield el(i, 'Роль', role);
  yield el(i, 'Валюта', text(doc.fields?.['currency']) ?? 'RUB');
  yield el(i, 'Курс', 1);
  yield el(i, 'Сумма', formatDecimal(rows.reduce((n, r) => n + (r.price ?? 0) * r.fact, 0)));
  if (doc.counterparty !== undefined) {
    const theirRole = role === 'Продавец' ? 'Покупатель' : 'Продавец';
    yield `${i}<Контрагенты>\n${i}  <Контрагент>\n${el(`${i}    `, 'Наименование', doc.counterparty)}${el(`${i}    `, 'Роль', theirRole)}${i}  </Контрагент>\n${i}</Контрагенты>\n`;
  }
  yield el(i, 'Время', stamp.length > 10 ? stamp.slice(11, 19) : text(doc.fields?.['time']));
  yield el(i, 'Комментарий', doc.comment);
  yield `${i}<Товары>\n`;
  for (const row of rows) yield* rowXml(row);
  yield `${i}</Товары>\n${i}<ЗначенияРеквизитов>\n`;
  yield requisite(`${i}  `, 'Статус', doc.status);
  if (doc.completedAt !== undefined) yield requisite(`${i}  `, 'ДатаЗавершения', doc.completedAt);
  if (doc.deviceId !== undefined) yield requisite(`${i}  `, 'Терминал', doc.deviceId);
  for (const f of doc.facts) {
    if (f.productId === null)
      yield requisite(`${i}  `, 'НеизвестныйШтрихкод', `${f.barcode ?? ''}: ${formatDecimal(f.qty)}`);
  }
  yield `${i}</ЗначенияРеквизитов>\n  </Документ>\n`;
}

/** Streams the export file piece by piece, for writing large batches to disk. */
export function* commerceMlDocumentChunks(
  docs: Iterable<Document>,
  opts: WriteCommerceMlOptions = {},
): Generator<string> {
  const at = (opts.generatedAt ?? new Date()).toISOString().slice(0, 19);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" ВерсияСхемы="${escapeXml(opts.schemaVersion ?? '2.10')}" ДатаФормирования="${at}">\n`;
  for (const doc of docs) yield* documentXml(doc);
  yield '</КоммерческаяИнформация>\n';
}

/** The whole export as one UTF-8 XML string. */
export function writeCommerceMlDocuments(
  docs: Iterable<Document>,
  opts: WriteCommerceMlOptions = {},
): string {
  return [...commerceMlDocumentChunks(docs, opts)].join('');
}
