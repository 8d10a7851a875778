// Reads the GS1 Barcode Syntax Dictionary text format into typed entries. Used by the table
// generator (scripts/gen-gs1-table.ts) and by the conformance test that re-reads the official file.

/** N numeric, X CSET 82, Y CSET 39, Z base64url. */
export type Gs1CharType = 'N' | 'X' | 'Y' | 'Z';

export interface Gs1Component {
  readonly type: Gs1CharType;
  readonly min: number;
  readonly max: number;
  readonly optional: boolean;
  /** Names of the GS1 reference "linter" routines that validate this component's content. */
  readonly linters: readonly string[];
}

export interface Gs1AiEntry {
  /** First and last AI of the range (equal for a solitary AI). */
  readonly from: string;
  readonly to: string;
  /** Flag "*": a predefined-length AI that needs no FNC1/GS separator after it. */
  readonly predefined: boolean;
  readonly components: readonly Gs1Component[];
  /** Raw attributes such as "req=01,02" or "dlpkey". */
  readonly attributes: readonly string[];
  readonly title: string;
}

const FLAG_CHARS = new Set('*!?"$%&\'()+,-./:;<=>@[\\]^_`{|}~');
const COMPONENT = /^(\[)?([NXYZ])(\d+|\.\.\d+)(\])?((?:,[a-z0-9]+)*)$/;

/** Parses one component such as `N13,csum,gcppos1`, `[N..12]` or `[N3],iso3166`. */
export function parseComponent(token: string): Gs1Component | undefined {
  const m = COMPONENT.exec(token);
  if (!m) return undefined;
  const [, open, type, len, close, linters] = m;
  if (Boolean(open) !== Boolean(close)) return undefined;
  const variable = len!.startsWith('..');
  const max = Number(variable ? len!.slice(2) : len);
  return {
    type: type as Gs1CharType,
    min: variable ? 1 : max,
    max,
    optional: Boolean(open),
    linters: linters ? linters.slice(1).split(',') : [],
  };
}

/**
 * Parses one non-comment line; throws with the line when it does not follow the documented syntax.
 * Raw Errors on purpose: only the table generator (scripts/gen-gs1-table.ts) and the conformance test
 * read the official dictionary file; no operator or integrator ever feeds it.
 */
export function parseDictionaryLine(line: string): Gs1AiEntry {
  const hash = line.indexOf('#');
  const title = hash >= 0 ? line.slice(hash + 1).trim() : '';
  const tokens = (hash >= 0 ? line.slice(0, hash) : line).trim().split(/\s+/);
  const ais = tokens.shift() ?? '';
  const range = /^(\d{2,4})(?:-(\d{2,4}))?$/.exec(ais);
  if (!range) throw new Error(`GS1 dictionary: bad AI "${ais}" in line: ${line}`);
  let flags = '';
  if (tokens[0] !== undefined && [...tokens[0]].every((c) => FLAG_CHARS.has(c))) flags = tokens.shift()!;
  const components: Gs1Component[] = [];
  while (tokens.length > 0) {
    const c = parseComponent(tokens[0]!);
    if (!c) break;
    components.push(c);
    tokens.shift();
  }
  if (components.length === 0) throw new Error(`GS1 dictionary: no specification in line: ${line}`);
  return {
    from: range[1]!,
    to: range[2] ?? range[1]!,
    predefined: flags.includes('*'),
    components,
    attributes: tokens,
    title,
  };
}

/** Parses the whole dictionary text, skipping comments and blank lines. */
export function parseSyntaxDictionary(text: string): Gs1AiEntry[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'))
    .map(parseDictionaryLine);
}

/** Every AI an entry covers: "3100-3105" gives 3100…3105, keeping the width of the range ends. */
export function expandEntry(entry: Gs1AiEntry): string[] {
  const out: string[] = [];
  const width = entry.from.length;
  for (let n = Number(entry.from); n <= Number(entry.to); n++) out.push(String(n).padStart(width, '0'));
  return out;
}
