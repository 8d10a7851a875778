// The shapes parseScan accepts and returns.
import type { BarcodeError } from './errors.js';

export const SCAN_KINDS = [
  'ean13',
  'ean8',
  'upca',
  'upce',
  'gtin14',
  'itf14',
  'sscc',
  'gs1',
  'marking',
  'weight',
  'price',
  'count',
  'template',
  'text',
] as const;
export type ScanKind = (typeof SCAN_KINDS)[number];

export const MARKING_GROUPS = ['standard', 'food', 'tobacco-pack', 'tobacco-block'] as const;
/**
 * Layout families of Russian marking codes: `standard` 01+21(13)+91(4)+92(44|88) (clothes, shoes,
 * perfume, tyres, medicines…), `food` 01+21(6|13)+93(4)[+3103] (dairy, water…), `tobacco-pack`
 * 29 characters without AIs, `tobacco-block` 01+21(7)+8005+93.
 */
export type MarkingGroup = (typeof MARKING_GROUPS)[number];

/** One GS1 element; `number`/`unit` for decimal AIs (310n…), `date` (YYYY-MM-DD) for date AIs. */
export interface Gs1Ai {
  readonly ai: string;
  readonly value: string;
  readonly number?: number;
  readonly unit?: string;
  readonly date?: string;
}

export interface ParsedScan {
  kind: ScanKind;
  /** Normalised text: no AIM prefix, GS as U+001D, keyboard layout repaired, no stray whitespace. */
  text: string;
  /** The scan as received. */
  raw: string;
  /** AIM symbology identifier when the scanner sent one, e.g. "]d2". */
  symbology?: string;
  /** GTIN in its 14-digit form. */
  gtin?: string;
  sscc?: string;
  /** Item code from an in-store (weight/price) barcode or a packing template. */
  productKey?: string;
  /** Prefix and item code of an in-store barcode ("2201234"), as catalogs often store weight items. */
  itemBarcode?: string;
  packingKey?: string;
  quantity?: number;
  weightGrams?: number;
  weightKg?: number;
  priceKopecks?: number;
  serial?: string;
  lot?: string;
  /** YYYY-MM-DD; a GS1 day 00 is the last day of the month. */
  expiry?: string;
  /** The date digits as printed (YYMMDD). */
  expiryRaw?: string;
  /** The identification part of a marking code: what must be unique within a document. */
  markingCode?: string;
  markingGroup?: MarkingGroup;
  /** AI 91 of a marking code. */
  verificationKey?: string;
  /** AI 92/93 of a marking code, or the last 4 characters of a tobacco pack. */
  verificationCode?: string;
  ais?: Gs1Ai[];
  /** Template fields without a dedicated property, by name. */
  fields?: Record<string, string>;
  warnings: string[];
}

export type ParseResult = { ok: true; value: ParsedScan } | { ok: false; error: BarcodeError };

/**
 * An in-store (restricted circulation) barcode: `prefix`, then `itemDigits` of item code, then
 * `valueDigits` of weight, price or count (pieces, into `quantity`), then an EAN check digit (unless
 * `checkDigit` is false).
 */
export interface InStoreRule {
  readonly prefix: string;
  readonly itemDigits: number;
  readonly measure: 'weight' | 'price' | 'count';
  readonly valueDigits: number;
  /** Decimal places of the value: weight defaults to 3 (kg, i.e. grams), price to 2 (kopecks). */
  readonly decimals?: number;
  readonly checkDigit?: boolean;
  /** 1C-internal codes 2000000xxxxxx are skipped unless the rule's prefix names them or this is true. */
  readonly includeInternal1C?: boolean;
}

/**
 * A barcode template of one packing, e.g. `29{ProductId:5}{Weight:5}{Check:1}`. Fields: ProductId,
 * Quantity, Weight, Price, Serial, Lot, Gtin, Expiry, Check, or any other name (kept in `fields`).
 * `{Name:N}` is N characters, `{Name:N.D}` has D decimals, `{Name}` takes the rest (last only).
 */
export interface PackingTemplate {
  readonly template: string;
  readonly packingKey?: string;
  readonly productKey?: string;
}

export interface ScanRules {
  readonly inStoreRules?: readonly InStoreRule[];
  readonly templates?: readonly PackingTemplate[];
  /** Groups tried when a marking code lost its separators; default: all. */
  readonly markingGroups?: readonly MarkingGroup[];
  /** 'auto' repairs text typed through a Russian keyboard layout; 'off' leaves it. Default 'auto'. */
  readonly keyboardLayout?: 'auto' | 'off';
  /** 'reject' (default) refuses EAN/UPC with a wrong check digit; 'text' returns them as kind text. */
  readonly badCheckDigit?: 'reject' | 'text';
  /** Year that two-digit GS1 years are read around; default: the current year. */
  readonly referenceYear?: number;
}
