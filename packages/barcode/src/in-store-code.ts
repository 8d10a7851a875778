// In-store weight and price barcodes (restricted circulation, prefix 2…): configurable prefix
// rules give the item code and the weight in grams, the price in kopecks or a count of pieces.
import { gs1CheckDigit, hasValidCheckDigit } from './check-digit.js';
import type { BarcodeError } from './errors.js';
import { checkDigitMessage } from './gtin.js';
import type { InStoreRule, ParsedScan } from './types.js';

const INTERNAL_1C = '2000000';

/** Why a rule is unusable, or undefined when it is fine. */
export function checkInStoreRule(rule: InStoreRule): string | undefined {
  const ok = (n: number, lo: number, hi: number): boolean => Number.isInteger(n) && n >= lo && n <= hi;
  if (!/^\d{1,7}$/.test(rule.prefix)) return `prefix "${rule.prefix}" must be 1-7 digits`;
  if (!ok(rule.itemDigits, 1, 12)) return `itemDigits ${rule.itemDigits} must be 1-12`;
  if (!ok(rule.valueDigits, 1, 12)) return `valueDigits ${rule.valueDigits} must be 1-12`;
  if (rule.decimals !== undefined && !ok(rule.decimals, 0, 6)) return 'decimals must be 0-6';
  if (rule.measure !== 'weight' && rule.measure !== 'price' && rule.measure !== 'count')
    return `measure "${String(rule.measure)}" is not weight, price or count`;
  return undefined;
}

export function ruleLength(rule: InStoreRule): number {
  return rule.prefix.length + rule.itemDigits + rule.valueDigits + (rule.checkDigit === false ? 0 : 1);
}

export type InStoreMatch = { ok: true; scan: Partial<ParsedScan> } | { ok: false; error: BarcodeError };

/** Applies the first rule (longest prefix first) that fits an all-digit scan. */
export function matchInStore(text: string, rules: readonly InStoreRule[]): InStoreMatch | undefined {
  for (const rule of rules) {
    if (text.length !== ruleLength(rule) || !text.startsWith(rule.prefix)) continue;
    const internal = text.startsWith(INTERNAL_1C) && !rule.prefix.startsWith(INTERNAL_1C);
    if (internal && rule.includeInternal1C !== true) continue;
    if (rule.checkDigit !== false && !hasValidCheckDigit(text)) {
      return {
        ok: false,
        error: { code: 'BARCODE_CHECK_DIGIT', message: checkDigitMessage('in-store code', text) },
      };
    }
    const itemEnd = rule.prefix.length + rule.itemDigits;
    const value = Number(text.slice(itemEnd, itemEnd + rule.valueDigits));
    const scan: Partial<ParsedScan> = {
      kind: rule.measure,
      productKey: text.slice(rule.prefix.length, itemEnd),
      itemBarcode: text.slice(0, itemEnd),
    };
    if (rule.measure === 'weight') {
      const grams = scale(value, 3 - (rule.decimals ?? 3));
      scan.weightGrams = grams;
      scan.weightKg = grams / 1000;
    } else if (rule.measure === 'price') {
      scan.priceKopecks = scale(value, 2 - (rule.decimals ?? 2));
    } else {
      scan.quantity = value / 10 ** (rule.decimals ?? 0);
    }
    return { ok: true, scan };
  }
  return undefined;
}

function scale(value: number, power: number): number {
  return power >= 0 ? value * 10 ** power : Math.round(value / 10 ** -power);
}

/** The EAN-13 a catalog typically stores for a weight item: the code with its value zeroed. */
export function zeroedInStoreCode(text: string, itemBarcode: string): string | undefined {
  if (text.length !== 13) return undefined;
  const body = itemBarcode.padEnd(12, '0');
  return body + gs1CheckDigit(body);
}
