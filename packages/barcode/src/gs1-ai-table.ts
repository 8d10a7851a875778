// Lookup of every GS1 Application Identifier by its digits, built once from the generated table.
import { GS1_AI_ENTRIES } from './gs1-ai-table.generated.js';
import type { Gs1AiEntry, Gs1Component } from './gs1-syntax-dictionary.js';
import { expandEntry } from './gs1-syntax-dictionary.js';

export interface AiSpec {
  readonly ai: string;
  readonly title: string;
  /** Needs no GS after it (flag "*" in the dictionary): its length is predefined. */
  readonly predefined: boolean;
  readonly components: readonly Gs1Component[];
  readonly minLength: number;
  readonly maxLength: number;
  /** Decimal places implied by the AI (last digit of 31nn–36nn and 39nn), when it has them. */
  readonly decimals?: number;
  /** Unit of a decimal AI, from its title: "kg", "m²", "l"… or "currency" for 391n/393n. */
  readonly unit?: string;
  readonly isDate: boolean;
}

function unitOf(ai: string, title: string): string | undefined {
  if (ai.startsWith('391') || ai.startsWith('393')) return 'currency';
  const m = /\((.*)\)(?:, log)?$/.exec(title);
  return m ? m[1] : undefined;
}

function specOf(ai: string, e: Gs1AiEntry): AiSpec {
  let minLength = 0;
  let maxLength = 0;
  for (const c of e.components) {
    if (!c.optional) minLength += c.min;
    maxLength += c.max;
  }
  const decimal = ai.length === 4 && /^3[1-69]/.test(ai);
  const unit = decimal ? unitOf(ai, e.title) : undefined;
  const first = e.components[0]!;
  return {
    ai,
    title: e.title,
    predefined: e.predefined,
    components: e.components,
    minLength,
    maxLength,
    ...(decimal ? { decimals: Number(ai[3]) } : {}),
    ...(unit !== undefined ? { unit } : {}),
    isDate: first.linters.includes('yymmd0') || first.linters.includes('yymmdd'),
  };
}

const table = new Map<string, AiSpec>();
// GS1 fixes an AI's length by its first two digits; knowing it saves probing 2, 3 and 4 digits.
const lengthByPrefix = new Uint8Array(100);
for (const entry of GS1_AI_ENTRIES) {
  for (const ai of expandEntry(entry)) {
    table.set(ai, specOf(ai, entry));
    lengthByPrefix[Number(ai.slice(0, 2))] = ai.length;
  }
}

export const GS1_AIS: ReadonlyMap<string, AiSpec> = table;

/** The AI that starts `data` at `pos` (AIs are prefix-free, so the first length that matches wins). */
export function aiAt(data: string, pos: number): AiSpec | undefined {
  const d1 = data.charCodeAt(pos) - 48;
  const d2 = data.charCodeAt(pos + 1) - 48;
  if (!(d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9)) return undefined;
  const len = lengthByPrefix[d1 * 10 + d2]!;
  return len === 0 ? undefined : table.get(data.slice(pos, pos + len));
}

/** The AI length implied by two leading digits (0 when no AI starts with them). */
export function aiLengthForPrefix(prefix: number): number {
  return lengthByPrefix[prefix] ?? 0;
}
