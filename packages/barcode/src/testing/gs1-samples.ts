// Test helper: builds valid (and deliberately broken) values for any GS1 AI from its dictionary
// specification, so conformance and property tests cover every AI without hand-written samples.
import { CSET82, gs1CheckDigit, gs1CheckPair } from '../check-digit.js';
import type { AiSpec } from '../gs1-ai-table.js';
import type { Gs1Component } from '../gs1-syntax-dictionary.js';

export type Random = (n: number) => number;

/** A small deterministic PRNG (mulberry32): random(n) gives an integer in [0, n). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const ALPHABET: Record<Gs1Component['type'], string> = {
  N: '0123456789',
  X: CSET82,
  Y: '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  Z: '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz',
};

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

function chars(alphabet: string, len: number, rnd: Random): string {
  let s = '';
  for (let i = 0; i < len; i++) s += alphabet[rnd(alphabet.length)];
  return s;
}

function date6(rnd: Random, dayZero: boolean): string {
  const month = 1 + rnd(12);
  return pad(rnd(100), 2) + pad(month, 2) + (dayZero && rnd(4) === 0 ? '00' : pad(1 + rnd(28), 2));
}

function iban(rnd: Random): string {
  const bban = chars('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 10 + rnd(18), rnd);
  let rest = 0;
  for (const ch of `${bban}GB00`) {
    const digits = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return `GB${pad(98 - rest, 2)}${bban}`;
}

/** A valid value for one component, honouring its linters. */
export function validComponent(c: Gs1Component, rnd: Random): string {
  const len = c.min + rnd(c.max - c.min + 1);
  const has = (l: string): boolean => c.linters.includes(l);
  if (has('csum')) return withCheckDigit(chars('0123456789', Math.max(len, 2) - 1, rnd));
  if (has('csumalpha')) {
    const bodyLen = Math.max(Math.min(len, 25) - 2, 1);
    let body = chars(CSET82, bodyLen, rnd);
    if (has('hasnondigit')) body = `A${body.slice(1)}`;
    return body + gs1CheckPair(body);
  }
  if (has('yymmd0')) return date6(rnd, true);
  if (has('yymmdd')) return date6(rnd, false);
  if (has('yyyymmdd')) return pad(1950 + rnd(100), 4) + pad(1 + rnd(12), 2) + pad(1 + rnd(28), 2);
  if (has('hhmi')) return pad(rnd(24), 2) + pad(rnd(60), 2);
  if (has('hh')) return pad(rnd(24), 2);
  if (has('mi') || has('ss')) return pad(rnd(60), 2);
  const pick = (opts: string): string => opts[rnd(opts.length)]!;
  if (has('yesno')) return pick('01');
  if (has('zero')) return '0';
  if (has('winding')) return pick('019');
  if (has('iso5218')) return pick('0129');
  if (has('hyphen')) return '-';
  if (has('importeridx')) return pick('-0123456789ABCXYZabcxyz_');
  if (has('mediatype')) return pad(1 + rnd(10), 2);
  if (has('pieceoftotal')) {
    const total = 1 + rnd(99);
    return pad(1 + rnd(total), 2) + pad(total, 2);
  }
  if (has('posinseqslash')) {
    const total = 1 + rnd(9);
    return `${1 + rnd(total)}/${total}`;
  }
  if (has('latitude')) return pad(rnd(1_800_000_001), 10);
  if (has('longitude')) return pad(rnd(2_000_000_000) + rnd(1_600_000_001), 10);
  if (has('iso3166alpha2')) return chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 2, rnd);
  if (has('iban')) return iban(rnd);
  let alphabet = ALPHABET[c.type];
  if (has('pcenc')) alphabet = alphabet.replace('%', '');
  let s = chars(alphabet, len, rnd);
  if ((has('nonzero') || has('nozeroprefix')) && s.length > 0) s = String(1 + rnd(9)) + s.slice(1);
  return s;
}

function withCheckDigit(body: string): string {
  return body + gs1CheckDigit(body);
}

/** Valid component values for an AI; optional components are included at random. */
export function validParts(spec: AiSpec, rnd: Random): string[] {
  const parts: string[] = [];
  for (const c of spec.components) {
    if (c.optional && rnd(2) === 0) break;
    parts.push(validComponent(c, rnd));
  }
  return parts;
}

/** A version of a valid component value that its linters must reject, or undefined when none exists. */
export function lintViolation(c: Gs1Component, valid: string): string | undefined {
  const has = (l: string): boolean => c.linters.includes(l);
  const swapLast = (s: string): string => s.slice(0, -1) + String((Number(s.slice(-1)) + 1) % 10);
  if (has('csum')) return swapLast(valid);
  if (has('csumalpha')) return valid.slice(0, -2) + (valid.slice(-2) === '22' ? '23' : '22');
  if (has('yymmd0') || has('yymmdd')) return `${valid.slice(0, 2)}13${valid.slice(4)}`;
  if (has('yyyymmdd')) return `${valid.slice(0, 4)}00${valid.slice(6)}`;
  if (has('hhmi') || has('hh')) return `24${valid.slice(2)}`;
  if (has('mi') || has('ss')) return '60';
  const fixed: Record<string, string> = {
    yesno: '2',
    zero: '1',
    winding: '2',
    iso5218: '3',
    hyphen: '+',
    importeridx: '!',
    mediatype: '11',
    pieceoftotal: '0302',
    posinseqslash: '3/2',
    latitude: '1800000001',
    longitude: '3600000001',
    iso3166alpha2: 'gb',
  };
  for (const [l, bad] of Object.entries(fixed)) if (has(l)) return bad;
  if (has('iban')) return `${valid.slice(0, 2)}${valid.slice(2, 4) === '00' ? '01' : '00'}${valid.slice(4)}`;
  if (has('pcenc')) return `${valid.slice(0, Math.max(valid.length - 3, 0))}%ZZ`;
  if (has('nonzero')) return '0'.repeat(valid.length);
  if (has('nozeroprefix') && valid.length > 1) return `0${valid.slice(1)}`;
  return undefined;
}

/** A character the component's type does not allow. */
export function foreignChar(c: Gs1Component): string {
  return { N: 'A', X: '$', Y: 'a', Z: '!' }[c.type];
}
