// Deterministic catalog rows shaped like the accounting system's products, so every layout stores the
// same bytes and the runner can name present barcodes without shipping the catalog around.

export interface BenchPacking {
  id: string;
  name: string;
  factor: number;
  barcodes: string[];
}

export interface BenchProduct {
  id: string;
  name: string;
  sku: string;
  unit: string;
  barcodes: string[];
  packings: BenchPacking[];
  price: number;
}

const WORDS = [
  'Молоко',
  'пастеризованное',
  'Сыр',
  'Гайка',
  'шестигранная',
  'оцинкованная',
  'Кабель',
  'медный',
  'Шампунь',
  'для',
  'волос',
  'Перчатки',
  'нитриловые',
  'Bolt',
  'steel',
  'Paper',
  'A4',
  'белый',
  'красный',
  'упаковка',
];

// Multiplying by a number coprime to 10 permutes 0..10^10-1, so barcodes are unique yet look random.
const SPREAD = 7_919_876_543n;
const MOD = 10_000_000_000n;

function ean13(seed: number): string {
  const body = `46${((BigInt(seed) * SPREAD) % MOD).toString().padStart(10, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + ((10 - (sum % 10)) % 10);
}

/** Whether product i has a second unit barcode (30 %) or a box with a barcode (20 %): 1.5 barcodes each. */
const hasSecond = (i: number): boolean => i % 10 < 3;
const hasBox = (i: number): boolean => i % 10 >= 5 && i % 10 < 7;

/** Every barcode product i carries, in the order it carries them. */
export function barcodesOf(i: number): string[] {
  const out = [ean13(i * 3)];
  if (hasSecond(i)) out.push(ean13(i * 3 + 1));
  if (hasBox(i)) out.push(ean13(i * 3 + 2));
  return out;
}

/** A barcode that no product carries (the permutation maps disjoint seeds to disjoint codes). */
export function missingBarcode(k: number): string {
  return ean13(3_000_000_000 + k);
}

function guid(i: number): string {
  const hex = (i * 2_654_435_761 + 0x9e3779b9).toString(16).padStart(12, '0').slice(-12);
  return `6f1c2a0e-${(i & 0xffff).toString(16).padStart(4, '0')}-4e1d-9b7a-${hex}`;
}

export function product(i: number): BenchProduct {
  const codes = barcodesOf(i);
  const name = `${WORDS[i % 20]} ${WORDS[(i >> 3) % 20]} ${WORDS[(i >> 7) % 20]} ${i % 997} г, арт. ${i}`;
  const packings: BenchPacking[] = [];
  if (hasBox(i))
    packings.push({ id: `${guid(i)}-box`, name: 'Коробка', factor: 12, barcodes: [codes.pop()!] });
  if (i % 4 === 0) packings.push({ id: `${guid(i)}-pal`, name: 'Паллета', factor: 480, barcodes: [] });
  return {
    id: guid(i),
    name,
    sku: `ART-${String(i).padStart(7, '0')}`,
    unit: i % 9 === 0 ? 'кг' : 'шт',
    barcodes: codes,
    packings,
    price: (i % 5000) / 10 + 0.99,
  };
}

/** Rows [from, to) as one pull page would carry them. */
export function productPage(from: number, to: number): BenchProduct[] {
  const rows: BenchProduct[] = [];
  for (let i = from; i < to; i++) rows.push(product(i));
  return rows;
}
