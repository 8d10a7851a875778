// Russian marking codes (Честный знак): recognising the product-group layout, recovering codes
// whose GS separators were lost by splitting at the group's fixed lengths, and tobacco packs.
import { hasValidCheckDigit } from './check-digit.js';
import { GS1_AIS } from './gs1-ai-table.js';
import type { Gs1Element } from './gs1-element-string.js';
import { validateAiValue } from './gs1-element-string.js';
import { CHARSETS } from './gs1-linters.js';
import type { MarkingGroup, ParsedScan } from './types.js';

interface LayoutPart {
  readonly ai: string;
  readonly lengths: readonly number[];
  readonly optional?: boolean;
}

// Field lengths fixed by the marking rules of each group (serial, verification key and code).
const LAYOUTS: readonly { group: MarkingGroup; parts: readonly LayoutPart[] }[] = [
  {
    group: 'standard',
    parts: [
      { ai: '01', lengths: [14] },
      { ai: '21', lengths: [13] },
      { ai: '91', lengths: [4] },
      { ai: '92', lengths: [44, 88] },
    ],
  },
  {
    group: 'food',
    parts: [
      { ai: '01', lengths: [14] },
      { ai: '21', lengths: [6, 13] },
      { ai: '93', lengths: [4] },
      { ai: '3103', lengths: [6], optional: true },
    ],
  },
  {
    group: 'tobacco-block',
    parts: [
      { ai: '01', lengths: [14] },
      { ai: '21', lengths: [7] },
      { ai: '8005', lengths: [6] },
      { ai: '93', lengths: [4] },
    ],
  },
];

export interface MarkingSplit {
  readonly group: MarkingGroup;
  readonly elements: Gs1Element[];
}

/**
 * Every way `text` splits into a marking layout of the given groups. GS characters that are still
 * present must fall on element boundaries; values must pass the dictionary checks.
 */
export function splitByMarkingLayouts(text: string, groups: readonly MarkingGroup[]): MarkingSplit[] {
  const pieces = text.split('\u001d');
  const data = pieces.length === 1 ? text : pieces.join('');
  const gsAt: number[] = [];
  let at = 0;
  for (let i = 0; i < pieces.length - 1; i++) {
    at += pieces[i]!.length;
    gsAt.push(at);
  }
  const out: MarkingSplit[] = [];
  for (const layout of LAYOUTS) {
    if (!groups.includes(layout.group)) continue;
    walk(data, layout.parts, 0, 0, [], [], (elements, bounds) => {
      if (gsAt.every((g) => bounds.includes(g))) out.push({ group: layout.group, elements });
    });
  }
  return out;
}

function walk(
  data: string,
  parts: readonly LayoutPart[],
  index: number,
  pos: number,
  acc: Gs1Element[],
  bounds: number[],
  found: (elements: Gs1Element[], bounds: number[]) => void,
): void {
  const part = parts[index];
  if (pos === data.length && (part === undefined || part.optional)) {
    found([...acc], bounds);
    return;
  }
  if (part === undefined || !data.startsWith(part.ai, pos)) return;
  const spec = GS1_AIS.get(part.ai)!;
  const start = pos + part.ai.length;
  for (const len of part.lengths) {
    if (start + len > data.length) continue;
    const value = data.slice(start, start + len);
    if (validateAiValue(spec, value)) continue;
    acc.push({ ai: part.ai, value });
    walk(data, parts, index + 1, start + len, acc, [...bounds, start + len], found);
    acc.pop();
  }
}

const SERIAL_LENGTHS: Record<MarkingGroup, readonly number[]> = {
  standard: [13],
  food: [6, 13],
  'tobacco-pack': [7],
  'tobacco-block': [7],
};

/** The marking group of properly separated elements, or undefined when they are not a marking code. */
export function markingGroupOf(elements: readonly Gs1Element[]): MarkingGroup | undefined {
  let seen = 0;
  for (const e of elements) seen |= MARKING_BITS[e.ai] ?? 0;
  if ((seen & 3) !== 3) return undefined; // no (01) and (21)
  if (seen & 4) return 'standard';
  if (seen & 8) return seen & 16 ? 'tobacco-block' : 'food';
  return undefined;
}

// Bit flags rather than repeated searches: this runs for every GS1 scan.
const MARKING_BITS: Readonly<Record<string, number>> = { '01': 1, '21': 2, '92': 4, '93': 8, '8005': 16 };

function aiValue(elements: readonly Gs1Element[], ai: string): string | undefined {
  for (const e of elements) if (e.ai === ai) return e.value;
  return undefined;
}

/** Fills the marking fields of a scan whose GS1 fields are already applied. */
export function applyMarking(scan: ParsedScan, group: MarkingGroup, elements: readonly Gs1Element[]): void {
  scan.kind = 'marking';
  scan.markingGroup = group;
  const gtin = aiValue(elements, '01')!;
  const serial = aiValue(elements, '21')!;
  scan.markingCode = `01${gtin}21${serial}`;
  const key = aiValue(elements, '91');
  if (key !== undefined) scan.verificationKey = key;
  const code = aiValue(elements, '92') ?? aiValue(elements, '93');
  if (code !== undefined) scan.verificationCode = code;
  checkLength(scan, group, 'serial', serial, SERIAL_LENGTHS[group]);
  if (group === 'standard') {
    checkLength(scan, group, 'verification key (91)', key, [4]);
    checkLength(scan, group, 'verification code (92)', code, [44, 88]);
  } else {
    checkLength(scan, group, 'verification code (93)', code, [4]);
  }
}

// Odd lengths are warned about, not refused: the marking operator, not the scanner, is the judge.
function checkLength(
  scan: ParsedScan,
  group: MarkingGroup,
  what: string,
  value: string | undefined,
  lengths: readonly number[],
): void {
  const length = value?.length ?? 0;
  if (lengths.includes(length)) return;
  scan.warnings.push(
    `The ${what} has ${length} characters; ${group} marking codes use ${lengths.join(' or ')}`,
  );
}

export interface TobaccoPack {
  readonly gtin: string;
  readonly serial: string;
  readonly mrpCode: string;
  readonly verificationCode: string;
}

/** A 29-character tobacco pack code: GTIN(14) serial(7) max-retail-price code(4) verification(4). */
export function parseTobaccoPack(text: string): TobaccoPack | undefined {
  if (text.length !== 29) return undefined;
  const gtin = text.slice(0, 14);
  for (let i = 0; i < 14; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  if (!hasValidCheckDigit(gtin)) return undefined;
  for (let i = 14; i < 29; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || CHARSETS.X[c] !== 1) return undefined;
  }
  return { gtin, serial: text.slice(14, 21), mrpCode: text.slice(21, 25), verificationCode: text.slice(25) };
}
