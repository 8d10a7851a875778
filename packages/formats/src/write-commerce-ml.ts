// Exports completed documents as CommerceML Документ elements for 1C: one Товар per export row (a
// plan line, split by the cells, marking codes, serials, lots and operators its scans carry) with
// the counted (fact) quantity in Количество, and plan, fact and those details as named requisites.
import type { Document, FactLine } from '@shelfsync/protocol';
import { OPERATION_FOR_TYPE } from './cml-document-types.js';
import { escapeXml, formatDecimal } from './xml-escape.js';

export interface WriteCommerceMlOptions {
  /** ДатаФормирования; default now. */
  generatedAt?: Date;
  /** ВерсияСхемы written on the root; default 2.10. */
  schemaVersion?: string;
}

/** What a terminal recorded with a scan, beyond product and quantity; the key of an export row. */
export interface FactDetails {
  cellId?: string;
  markingCode?: string;
  serial?: string;
  lot?: string;
  expiry?: string;
  operatorId?: string;
}

export const FACT_DETAIL_KEYS = ['cellId', 'markingCode', 'serial', 'lot', 'expiry', 'operatorId'] as const;

export interface ExportRow extends FactDetails {
  productId: string;
  /** The plan line this row belongs to; absent for facts outside the plan. */
  lineId?: string;
  /** Planned quantity: on the first row of a plan line only, 0 on its further rows and off-plan rows. */
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

function detailsOf(f: FactLine): FactDetails {
  const d: FactDetails = {};
  for (const k of FACT_DETAIL_KEYS) if (f[k] !== undefined && f[k] !== '') d[k] = f[k];
  return d;
}

const detailKey = (d: FactDetails): string => JSON.stringify(FACT_DETAIL_KEYS.map((k) => d[k] ?? null));

/** Facts summed per details, in first-fact order; groups that net to zero (a scan undone) are dropped. */
function groupFacts(facts: readonly FactLine[]): { details: FactDetails; fact: number }[] {
  const groups = new Map<string, { details: FactDetails; fact: number }>();
  for (const f of facts) {
    const details = detailsOf(f);
    const key = detailKey(details);
    const g = groups.get(key) ?? { details, fact: 0 };
    g.fact += f.qty;
    groups.set(key, g);
  }
  return [...groups.values()].filter((g) => Math.abs(g.fact) > 1e-9);
}

/**
 * Export rows: for each plan line, one row per distinct set of details its facts carry (cell,
 * marking code, serial, lot, expiry, operator) with the facts summed within it — so each marking
 * code is a row of its own and nothing is summed away — or one row with fact 0 when nothing
 * counts; the plan quantity goes on the line's first row. Facts outside the plan follow, grouped by
 * product and details the same way. Summing `plan` and `fact` per product gives the totals.
 */
export function exportRows(doc: Document): ExportRow[] {
  const rows: ExportRow[] = [];
  for (const line of doc.lines) {
    const base = {
      productId: line.productId,
      lineId: line.id,
      ...(line.price !== undefined ? { price: line.price } : {}),
      ...(text(line.fields?.['name']) ? { name: text(line.fields?.['name'])! } : {}),
      ...(text(line.fields?.['unitCode']) ? { unitCode: text(line.fields?.['unitCode'])! } : {}),
    };
    const groups = groupFacts(doc.facts.filter((f) => f.planLineId === line.id));
    if (groups.length === 0) rows.push({ ...base, plan: line.qty, fact: 0 });
    groups.forEach((g, i) => {
      rows.push({ ...base, plan: i === 0 ? line.qty : 0, fact: g.fact, ...g.details });
    });
  }
  const planned = new Set(doc.lines.map((l) => l.id));
  const extra = new Map<string, FactLine[]>();
  for (const f of doc.facts) {
    if (f.productId === null || (f.planLineId !== null && planned.has(f.planLineId))) continue;
    extra.set(f.productId, [...(extra.get(f.productId) ?? []), f]);
  }
  for (const [productId, facts] of extra) {
    for (const g of groupFacts(facts)) rows.push({ productId, plan: 0, fact: g.fact, ...g.details });
  }
  return rows;
}

/** CommerceML requisite names of the details, in the order they are written. */
const DETAIL_REQUISITES: [keyof FactDetails, string][] = [
  ['cellId', 'Ячейка'],
  ['markingCode', 'КодМаркировки'],
  ['serial', 'СерийныйНомер'],
  ['lot', 'Партия'],
  ['expiry', 'СрокГодности'],
  ['operatorId', 'Оператор'],
];

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
  if (row.lineId !== undefined) yield requisite(`${i}  `, 'ИдСтроки', row.lineId);
  for (const [key, name] of DETAIL_REQUISITES) {
    const value = row[key];
    if (value !== undefined) yield requisite(`${i}  `, name, value);
  }
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
