// Content checks named by the GS1 Syntax Dictionary ("linters"). Each returns a readable reason
// when the component is invalid. Checks that need code lists GS1 does not publish in the
// dictionary (country, currency, package type, company prefix, coupon) only check the shape.
import { CSET82, gs1CheckPair, hasValidCheckDigit } from './check-digit.js';
import { checkYymmdd, daysInMonth } from './gs1-date.js';

export type Linter = (value: string) => string | undefined;

const inRange = (v: string, lo: number, hi: number, what: string): string | undefined => {
  const n = Number(v);
  return /^\d+$/.test(v) && n >= lo && n <= hi ? undefined : `${what} "${v}" is not ${lo}-${hi}`;
};

const oneOf =
  (allowed: string, what: string): Linter =>
  (v) =>
    allowed.split(',').includes(v) ? undefined : `${what} "${v}" is not one of ${allowed}`;

// Shape-only: these need external code lists (ISO 3166, ISO 4217, UN/ECE Rec 21, GS1 prefixes).
const shapeOnly: Linter = () => undefined;

function ymd8(v: string): string | undefined {
  const year = Number(v.slice(0, 4));
  const month = Number(v.slice(4, 6));
  const day = Number(v.slice(6, 8));
  if (month < 1 || month > 12) return `month ${v.slice(4, 6)} is not 01-12`;
  if (day < 1 || day > daysInMonth(year, month)) return `day ${v.slice(6, 8)} does not exist`;
  return undefined;
}

function pieceOfTotal(v: string): string | undefined {
  const piece = Number(v.slice(0, 2));
  const total = Number(v.slice(2, 4));
  if (piece === 0 || total === 0) return 'piece and total must not be 00';
  return piece > total ? `piece ${piece} is greater than total ${total}` : undefined;
}

function percentEncoding(v: string): string | undefined {
  for (let i = v.indexOf('%'); i >= 0; i = v.indexOf('%', i + 1)) {
    if (!/^[0-9A-Fa-f]{2}$/.test(v.slice(i + 1, i + 3))) return 'a "%" is not followed by two hex digits';
  }
  return undefined;
}

function iban(v: string): string | undefined {
  if (!/^[A-Z]{2}\d{2}[0-9A-Za-z]+$/.test(v)) return 'not shaped like an IBAN';
  const moved = (v.slice(4) + v.slice(0, 4)).toUpperCase();
  let rest = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1 ? undefined : 'IBAN check digits are wrong';
}

function checkPair(v: string): string | undefined {
  if (v.length < 2) return 'too short to carry check characters';
  return gs1CheckPair(v.slice(0, -2)) === v.slice(-2) ? undefined : 'check characters are wrong';
}

function positionInSequence(v: string): string | undefined {
  const m = /^([1-9])\/([1-9])$/.exec(v);
  if (!m) return `"${v}" is not "n/m"`;
  return Number(m[1]) > Number(m[2]) ? `position ${m[1]} is after the last (${m[2]})` : undefined;
}

export const LINTERS: Readonly<Record<string, Linter>> = {
  csum: (v) => (hasValidCheckDigit(v) ? undefined : 'check digit is wrong'),
  csumalpha: checkPair,
  yymmd0: (v) => checkYymmdd(v, true),
  yymmdd: (v) => checkYymmdd(v, false),
  yyyymmdd: ymd8,
  hhmi: (v) => inRange(v.slice(0, 2), 0, 23, 'hour') ?? inRange(v.slice(2, 4), 0, 59, 'minute'),
  hh: (v) => inRange(v, 0, 23, 'hour'),
  mi: (v) => inRange(v, 0, 59, 'minute'),
  ss: (v) => inRange(v, 0, 59, 'second'),
  yesno: oneOf('0,1', 'flag'),
  zero: oneOf('0', 'digit'),
  winding: oneOf('0,1,9', 'winding direction'),
  iso5218: oneOf('0,1,2,9', 'sex code'),
  hyphen: oneOf('-', 'sign'),
  nonzero: (v) => (/^0+$/.test(v) ? 'must not be zero' : undefined),
  nozeroprefix: (v) => (v.length > 1 && v[0] === '0' ? 'must not start with 0' : undefined),
  hasnondigit: (v) => (/^\d*$/.test(v) ? 'must contain a non-digit' : undefined),
  pieceoftotal: pieceOfTotal,
  pcenc: percentEncoding,
  latitude: (v) => (Number(v) <= 1_800_000_000 ? undefined : 'latitude is out of range'),
  longitude: (v) => (Number(v) <= 3_600_000_000 ? undefined : 'longitude is out of range'),
  mediatype: (v) =>
    inRange(v, 1, 10, 'media type') === undefined ? undefined : inRange(v, 80, 99, 'media type'),
  iban,
  importeridx: (v) => (/^[-0-9A-Za-z_]$/.test(v) ? undefined : `importer index "${v}" is not valid`),
  posinseqslash: positionInSequence,
  iso3166: shapeOnly,
  iso3166999: shapeOnly,
  iso3166alpha2: (v) => (/^[A-Z]{2}$/.test(v) ? undefined : `"${v}" is not a two-letter country code`),
  iso4217: shapeOnly,
  packagetype: shapeOnly,
  couponcode: shapeOnly,
  couponposoffer: shapeOnly,
  gcppos1: shapeOnly,
  gcppos2: shapeOnly,
};

export const KNOWN_LINTERS: ReadonlySet<string> = new Set(Object.keys(LINTERS));

/** Whether a character code belongs to the set a component type allows (N, X = CSET 82, Y = CSET 39, Z). */
export const CHARSETS: Readonly<Record<'N' | 'X' | 'Y' | 'Z', Uint8Array>> = {
  N: charset('0123456789'),
  X: charset(CSET82),
  Y: charset('#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
  Z: charset('-0123456789=ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz'),
};

function charset(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}
