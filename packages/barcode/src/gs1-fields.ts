// Reads the meaning of parsed GS1 elements: decimal values with units, dates, and the fields a
// fact line needs (GTIN, serial, lot, expiry, weight, quantity).
import { GS1_AIS } from './gs1-ai-table.js';
import { gs1DateToIso } from './gs1-date.js';
import type { Gs1Element } from './gs1-element-string.js';
import type { Gs1Ai, ParsedScan } from './types.js';

/** A value with implied decimals as a number: "001250" with 3 decimals is 1.25. */
export function decimalValue(digits: string, decimals: number): number {
  if (decimals === 0) return Number(digits);
  const cut = digits.length - decimals;
  return Number(
    `${cut > 0 ? digits.slice(0, cut) : '0'}.${digits.slice(Math.max(cut, 0)).padStart(decimals, '0')}`,
  );
}

/** Annotates elements with numbers, units and ISO dates. */
export function describeElements(elements: readonly Gs1Element[], referenceYear: number): Gs1Ai[] {
  return elements.map((e) => {
    const spec = GS1_AIS.get(e.ai);
    if (!spec) return { ai: e.ai, value: e.value };
    if (spec.decimals !== undefined) {
      const currency = spec.unit === 'currency';
      const amount = currency ? e.value.slice(3) : e.value;
      const unit = currency ? `ISO 4217 ${e.value.slice(0, 3)}` : spec.unit;
      return {
        ai: e.ai,
        value: e.value,
        number: decimalValue(amount, spec.decimals),
        ...(unit !== undefined ? { unit } : {}),
      };
    }
    if (spec.isDate)
      return { ai: e.ai, value: e.value, date: gs1DateToIso(e.value.slice(0, 6), referenceYear) };
    return { ai: e.ai, value: e.value };
  });
}

// Which date counts as the expiry, most specific first.
const EXPIRY_RANK: Readonly<Record<string, number>> = { '17': 3, '7003': 2, '15': 1 };

/** Copies the fact-line fields out of annotated AIs onto a scan. */
export function applyGs1Fields(scan: ParsedScan, ais: readonly Gs1Ai[]): void {
  let expiryRank = 0;
  let gtinRank = 0;
  for (const a of ais) {
    switch (a.ai) {
      case '00':
        scan.sscc = a.value;
        break;
      case '01':
      case '02':
      case '03': {
        // (01) is the item itself; (02) and (03) only stand in when it is absent
        const rank = a.ai === '01' ? 3 : a.ai === '02' ? 2 : 1;
        if (rank > gtinRank) {
          scan.gtin = a.value;
          gtinRank = rank;
        }
        break;
      }
      case '10':
        scan.lot = a.value;
        break;
      case '21':
        scan.serial = a.value;
        break;
      case '30':
      case '37':
        scan.quantity = Number(a.value);
        break;
      default:
        applyOther(scan, a);
    }
    const rank = EXPIRY_RANK[a.ai] ?? 0;
    if (rank > expiryRank && a.date !== undefined) {
      expiryRank = rank;
      scan.expiry = a.date;
      scan.expiryRaw = a.value.slice(0, 6);
    }
  }
}

function applyOther(scan: ParsedScan, a: Gs1Ai): void {
  if (a.number === undefined) return;
  if (a.ai.startsWith('310')) {
    scan.weightKg = a.number;
    scan.weightGrams = Math.round(a.number * 1000);
  } else if (a.ai.startsWith('392') && scan.priceKopecks === undefined) {
    scan.priceKopecks = Math.round(a.number * 100);
  }
}
