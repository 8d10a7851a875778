// The keys a catalog barcode index should be probed with for a scan, most specific first, so a
// catalog holding 4607809591331 matches a marking code carrying 04607809591331.
import { expandUpcE, gtinShortForms, hasValidCheckDigit } from './gtin.js';
import { zeroedInStoreCode } from './in-store-code.js';
import type { ParsedScan } from './types.js';

const NON_ASCII = /[^\u0000-\u007f]/;

export function lookupKeys(parsed: ParsedScan): string[] {
  const keys: string[] = [];
  const add = (k: string | undefined): void => {
    if (k !== undefined && k !== '' && !keys.includes(k)) keys.push(k);
  };
  switch (parsed.kind) {
    case 'weight':
    case 'price':
      add(parsed.itemBarcode);
      if (parsed.itemBarcode !== undefined) add(zeroedInStoreCode(parsed.text, parsed.itemBarcode));
      add(parsed.productKey);
      add(parsed.text);
      break;
    case 'template':
      add(parsed.productKey);
      addGtin(add, parsed.gtin);
      add(parsed.text);
      break;
    case 'marking':
    case 'gs1':
    case 'sscc':
      addGtin(add, parsed.gtin);
      add(parsed.sscc);
      if (parsed.sscc !== undefined) add(`00${parsed.sscc}`);
      if (parsed.kind !== 'marking') add(parsed.text);
      break;
    case 'text': {
      add(parsed.text);
      // the text as typed matters only when the keyboard layout was repaired (non-ASCII input)
      const original = parsed.raw.trim();
      if (original !== parsed.text && NON_ASCII.test(original)) add(original);
      break;
    }
    default:
      add(parsed.text);
      addGtin(add, parsed.gtin);
      // without a symbology identifier 8 digits may also be a UPC-E; probe its expansion last
      if (parsed.kind === 'ean8' && parsed.symbology === undefined) {
        const upca = expandUpcE(parsed.text);
        if (upca !== undefined && hasValidCheckDigit(upca)) addGtin(add, `00${upca}`);
      }
  }
  return keys;
}

function addGtin(add: (k: string | undefined) => void, gtin: string | undefined): void {
  if (gtin === undefined) return;
  add(gtin);
  for (const k of gtinShortForms(gtin)) add(k);
}
