// Packing barcode templates such as `{ProductId:5}{Quantity:3}` or `29{ProductId:5}{Weight:5}{Check:1}`:
// compiled once, matched against a scan, fields mapped onto the fact line.
import { hasValidCheckDigit } from './check-digit.js';
import { checkYymmdd, gs1DateToIso } from './gs1-date.js';
import { decimalValue } from './gs1-fields.js';
import { normalizeGtin } from './gtin.js';
import type { PackingTemplate, ParsedScan } from './types.js';

interface Piece {
  readonly literal?: string;
  readonly field?: string;
  /** undefined: the rest of the scan. */
  readonly length?: number;
  readonly decimals?: number;
}

export interface CompiledTemplate {
  readonly source: PackingTemplate;
  readonly pieces: readonly Piece[];
  readonly fixedLength: number;
  readonly open: boolean;
}

const NUMERIC = new Set(['Quantity', 'Weight', 'Price', 'Check', 'Gtin', 'Expiry']);
const TOKEN = /\{(\w+)(?::(\d+)(?:\.(\d+))?)?\}|[^{}]+/g;

/** Compiles a template; returns a reason string when it is malformed. */
export function compileTemplate(t: PackingTemplate): CompiledTemplate | string {
  const pieces: Piece[] = [];
  let consumed = 0;
  for (const m of t.template.matchAll(TOKEN)) {
    consumed += m[0].length;
    if (m[1] === undefined) {
      pieces.push({ literal: m[0] });
      continue;
    }
    if (pieces.at(-1)?.field !== undefined && pieces.at(-1)?.length === undefined) {
      return `template "${t.template}": only the last field may omit its length`;
    }
    const length = m[2] === undefined ? undefined : Number(m[2]);
    if (length === 0) return `template "${t.template}": field ${m[1]} has length 0`;
    if (m[1] === 'Check' && length !== 1) return `template "${t.template}": {Check:1} is one digit`;
    pieces.push({
      field: m[1],
      ...(length !== undefined ? { length } : {}),
      ...(m[3] !== undefined ? { decimals: Number(m[3]) } : {}),
    });
  }
  if (consumed !== t.template.length || pieces.length === 0) return `template "${t.template}" is malformed`;
  const last = pieces.at(-1)!;
  if (last.literal !== undefined && pieces.some((p) => p.field !== undefined && p.length === undefined)) {
    return `template "${t.template}": only the last field may omit its length`;
  }
  let fixedLength = 0;
  for (const p of pieces) fixedLength += p.literal?.length ?? p.length ?? 0;
  return { source: t, pieces, fixedLength, open: last.field !== undefined && last.length === undefined };
}

function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

/** The fields a template reads from `text`, or undefined when it does not fit. */
export function matchTemplate(
  t: CompiledTemplate,
  text: string,
  referenceYear: number,
): Partial<ParsedScan> | undefined {
  if (t.open ? text.length <= t.fixedLength : text.length !== t.fixedLength) return undefined;
  const scan: Partial<ParsedScan> = { kind: 'template' };
  const fields: Record<string, string> = {};
  let pos = 0;
  for (const p of t.pieces) {
    if (p.literal !== undefined) {
      if (!text.startsWith(p.literal, pos)) return undefined;
      pos += p.literal.length;
      continue;
    }
    const value = text.slice(pos, p.length === undefined ? text.length : pos + p.length);
    const field = p.field!;
    if (NUMERIC.has(field) && !allDigits(value)) return undefined;
    if (field === 'Check' && !hasValidCheckDigit(text.slice(0, pos + 1))) return undefined;
    if (!assign(scan, fields, field, value, p.decimals, referenceYear)) return undefined;
    pos += value.length;
  }
  if (scan.productKey === undefined && t.source.productKey !== undefined)
    scan.productKey = t.source.productKey;
  if (t.source.packingKey !== undefined) scan.packingKey = t.source.packingKey;
  if (Object.keys(fields).length > 0) scan.fields = fields;
  return scan;
}

function assign(
  scan: Partial<ParsedScan>,
  fields: Record<string, string>,
  field: string,
  value: string,
  decimals: number | undefined,
  referenceYear: number,
): boolean {
  switch (field) {
    case 'ProductId':
      scan.productKey = value;
      return true;
    case 'Quantity':
      scan.quantity = decimalValue(value, decimals ?? 0);
      return true;
    case 'Weight': {
      // without decimals the digits are grams; with them, kilograms
      const kg = decimals === undefined ? Number(value) / 1000 : decimalValue(value, decimals);
      scan.weightGrams = Math.round(kg * 1000);
      scan.weightKg = scan.weightGrams / 1000;
      return true;
    }
    case 'Price':
      // without decimals the digits are kopecks; with them, roubles
      scan.priceKopecks =
        decimals === undefined ? Number(value) : Math.round(decimalValue(value, decimals) * 100);
      return true;
    case 'Serial':
      scan.serial = value;
      return true;
    case 'Lot':
      scan.lot = value;
      return true;
    case 'Gtin': {
      const gtin = normalizeGtin(value);
      if (gtin === undefined) return false;
      scan.gtin = gtin;
      return true;
    }
    case 'Expiry':
      if (value.length !== 6 || checkYymmdd(value, true) !== undefined) return false;
      scan.expiryRaw = value;
      scan.expiry = gs1DateToIso(value, referenceYear);
      return true;
    case 'Check':
      return true;
    default:
      fields[field] = value;
      return true;
  }
}
