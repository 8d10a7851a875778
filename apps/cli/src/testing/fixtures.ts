// Catalog and task fixtures for end-to-end tests, made the way an accounting system would send them.
import { gtinWithCheckDigit } from '../demo-types.js';

export function e2eProductId(i: number): string {
  return `E2E-${String(i).padStart(6, '0')}`;
}

export function e2eUnitBarcode(i: number): string {
  return gtinWithCheckDigit(`482${String(1_000_000_000 + i).slice(1)}`);
}

export function e2eBoxBarcode(i: number): string {
  return gtinWithCheckDigit(`1${e2eUnitBarcode(i).slice(0, 12)}`);
}

export function e2eProduct(i: number, nameSuffix = '') {
  return {
    id: e2eProductId(i),
    name: `Товар ${i}${nameSuffix}`,
    sku: `SKU-${i}`,
    unit: 'pcs',
    barcodes: [e2eUnitBarcode(i)],
    packings: [{ id: `${e2eProductId(i)}-box`, name: 'Box of 12', factor: 12, barcodes: [e2eBoxBarcode(i)] }],
  };
}

export function productsNdjson(from: number, to: number, nameSuffix = ''): string {
  const lines: string[] = [];
  for (let i = from; i <= to; i++) lines.push(JSON.stringify(e2eProduct(i, nameSuffix)));
  return `${lines.join('\n')}\n`;
}
