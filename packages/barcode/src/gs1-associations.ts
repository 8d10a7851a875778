// The dictionary's pairing rules: "req" (an AI needs one of these alongside) and "ex" (an AI must
// not appear with these). GS1 says they apply across all carriers on an item, so a single scan
// can only raise a warning, never an error.
import { GS1_AI_ENTRIES } from './gs1-ai-table.generated.js';
import type { Gs1Element } from './gs1-element-string.js';
import { expandEntry } from './gs1-syntax-dictionary.js';

interface Associations {
  /** Each inner list is one "req=" key: alternatives, each a "+"-joined group of patterns. */
  readonly req: readonly (readonly (readonly string[])[])[];
  readonly ex: readonly string[];
}

const RULES = new Map<string, Associations>();
for (const entry of GS1_AI_ENTRIES) {
  const req: string[][][] = [];
  const ex: string[] = [];
  for (const attr of entry.attributes) {
    if (attr.startsWith('req='))
      req.push(
        attr
          .slice(4)
          .split(',')
          .map((alt) => alt.split('+')),
      );
    else if (attr.startsWith('ex=')) ex.push(...attr.slice(3).split(','));
  }
  if (req.length === 0 && ex.length === 0) continue;
  for (const ai of expandEntry(entry)) RULES.set(ai, { req, ex });
}

/** "31nn" and "310n" are patterns: each "n" stands for any digit. */
export function aiMatches(pattern: string, ai: string): boolean {
  if (pattern.length !== ai.length) return false;
  for (let i = 0; i < ai.length; i++) if (pattern[i] !== 'n' && pattern[i] !== ai[i]) return false;
  return true;
}

/** Warnings for pairings the dictionary forbids or expects, within one scan. */
export function associationWarnings(elements: readonly Gs1Element[]): string[] {
  const warnings: string[] = [];
  for (const { ai } of elements) {
    const rules = RULES.get(ai);
    if (!rules) continue;
    for (const pattern of rules.ex) {
      const other = present(elements, pattern, ai);
      if (other !== undefined) warnings.push(`AI (${ai}) should not appear together with (${other})`);
    }
    for (const alternatives of rules.req) {
      if (!alternatives.some((group) => group.every((p) => present(elements, p) !== undefined))) {
        const names = alternatives.map((g) => g.map((p) => `(${p})`).join('+')).join(' or ');
        warnings.push(`AI (${ai}) usually comes with ${names}`);
      }
    }
  }
  return warnings;
}

// An AI is not exclusive of itself even when it matches a pattern, so `except` leaves it out.
function present(elements: readonly Gs1Element[], pattern: string, except?: string): string | undefined {
  for (const e of elements) if (e.ai !== except && aiMatches(pattern, e.ai)) return e.ai;
  return undefined;
}
