// Maps CSV rows onto catalog products: known columns by English or Russian name, the rest as attrs.
import { type Product, ProductSchema, ShelfsyncError } from '@shelfsync/protocol';
import { parseDecimal } from './decimal.js';
import type { ImportResult } from './import-result.js';
import type { CsvRow } from './parse-csv.js';

type ProductColumn = 'id' | 'name' | 'sku' | 'unit' | 'barcodes' | 'price' | 'weighted' | 'marked';

/** Header names (lower-case) recognised for each product field. */
export const PRODUCT_COLUMN_ALIASES: Record<ProductColumn, readonly string[]> = {
  id: ['id', 'ид', 'код', 'guid', 'product_id'],
  name: ['name', 'наименование', 'название', 'товар'],
  sku: ['sku', 'article', 'артикул'],
  unit: ['unit', 'единица', 'ед', 'ед.', 'ед. изм.', 'единица измерения'],
  barcodes: ['barcode', 'barcodes', 'штрихкод', 'штрихкоды', 'штрих-код', 'ean'],
  price: ['price', 'цена'],
  weighted: ['weighted', 'весовой'],
  marked: ['marked', 'маркируемый', 'маркировка'],
};

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 'да', 'д', '+']);
const FALSE_WORDS = new Set(['', '0', 'false', 'no', 'n', 'нет', 'н', '-']);

/** Which header name feeds which product field; other names become attrs. */
function mapHeader(header: readonly string[]): Map<string, ProductColumn> {
  const map = new Map<string, ProductColumn>();
  for (const name of header) {
    const key = name.toLowerCase();
    for (const [column, aliases] of Object.entries(PRODUCT_COLUMN_ALIASES)) {
      if (aliases.includes(key) && ![...map.values()].includes(column as ProductColumn)) {
        map.set(name, column as ProductColumn);
      }
    }
  }
  return map;
}

function requireColumns(map: Map<string, ProductColumn>): void {
  for (const needed of ['id', 'name'] as const) {
    if (![...map.values()].includes(needed)) {
      throw new ShelfsyncError(
        'IMPORT_MISSING_COLUMN',
        `The CSV header has no "${needed}" column (also accepted: ${PRODUCT_COLUMN_ALIASES[needed].join(', ')}).`,
        { line: 1, column: needed },
      );
    }
  }
}

function readFlag(row: CsvRow, header: string, text: string): boolean {
  const t = text.trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  throw badValue(row, header, `"${text}" is not yes/no`);
}

/** Barcodes are separated by "|" or ","; blanks dropped, duplicates kept once. */
export function splitBarcodes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[|,]/)
        .map((b) => b.trim())
        .filter(Boolean),
    ),
  ];
}

/** The row as ProductSchema input; a flag or price that does not read throws IMPORT_BAD_VALUE. */
function buildInput(row: CsvRow, map: Map<string, ProductColumn>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const attrs: Record<string, string> = {};
  for (const [header, value] of Object.entries(row.fields)) {
    const column = map.get(header);
    if (column === undefined) {
      if (value.trim() !== '') attrs[header] = value.trim();
    } else if (column === 'barcodes') input['barcodes'] = splitBarcodes(value);
    else if (column === 'price') {
      if (value.trim() === '') continue;
      const price = parseDecimal(value);
      if (price === undefined) throw badValue(row, header, `"${value}" is not a number`);
      input['price'] = price;
    } else if (column === 'weighted' || column === 'marked') input[column] = readFlag(row, header, value);
    else if (value.trim() !== '' || column === 'id' || column === 'name') input[column] = value;
  }
  if (Object.keys(attrs).length > 0) input['attrs'] = attrs;
  return input;
}

function badValue(row: CsvRow, header: string, message: string): ShelfsyncError {
  return new ShelfsyncError('IMPORT_BAD_VALUE', `Line ${row.line}, column "${header}": ${message}.`, {
    line: row.line,
    column: header,
  });
}

/** Converts one row; failures come back as values so the rest of the file still imports. */
export function csvRowToProduct(row: CsvRow, map: Map<string, ProductColumn>): ImportResult<Product> {
  let input: Record<string, unknown>;
  try {
    input = buildInput(row, map);
  } catch (e) {
    if (e instanceof ShelfsyncError && e.code === 'IMPORT_BAD_VALUE')
      return { ok: false, line: row.line, error: e };
    throw e;
  }
  const parsed = ProductSchema.safeParse(input);
  if (parsed.success) return { ok: true, line: row.line, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? '');
  const header =
    [...map.entries()].find(([, c]) => c === field)?.[0] ??
    (field === 'attrs' ? String(issue.path[1]) : field);
  return { ok: false, line: row.line, error: badValue(row, header, issue.message) };
}

/**
 * Maps CSV rows (from parseCsv) to products. Throws IMPORT_MISSING_COLUMN when the header lacks id
 * or name; yields IMPORT_BAD_VALUE results, with line and column, for rows that do not fit.
 */
export async function* csvToProducts(rows: AsyncIterable<CsvRow>): AsyncGenerator<ImportResult<Product>> {
  let map: Map<string, ProductColumn> | undefined;
  for await (const row of rows) {
    if (map === undefined) {
      map = mapHeader(row.header);
      requireColumns(map);
    }
    yield csvRowToProduct(row, map);
  }
}
