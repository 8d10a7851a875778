// Validates and compiles ScanRules once per rules object, so parseScan stays fast when a terminal
// passes the same rules for every scan.
import { checkInStoreRule } from './in-store-code.js';
import type { CompiledTemplate } from './packing-template.js';
import { compileTemplate } from './packing-template.js';
import type { InStoreRule, MarkingGroup, ScanRules } from './types.js';
import { MARKING_GROUPS } from './types.js';

export interface CompiledRules {
  readonly inStore: readonly InStoreRule[];
  readonly templates: readonly CompiledTemplate[];
  readonly markingGroups: readonly MarkingGroup[];
  readonly keyboardLayout: 'auto' | 'off';
  readonly badCheckDigit: 'reject' | 'text';
  readonly referenceYear: number | undefined;
  /** Problems found in the rules; parseScan refuses every scan while there are any. */
  readonly problems: readonly string[];
}

const DEFAULTS: CompiledRules = {
  inStore: [],
  templates: [],
  markingGroups: MARKING_GROUPS,
  keyboardLayout: 'auto',
  badCheckDigit: 'reject',
  referenceYear: undefined,
  problems: [],
};

const cache = new WeakMap<ScanRules, CompiledRules>();

export function compileScanRules(rules: ScanRules | undefined): CompiledRules {
  if (rules === undefined) return DEFAULTS;
  let compiled = cache.get(rules);
  if (compiled === undefined) {
    compiled = compile(rules);
    cache.set(rules, compiled);
  }
  return compiled;
}

/** Human-readable problems in a rules object (empty when it is usable), for configuration screens. */
export function validateScanRules(rules: ScanRules): string[] {
  return [...compileScanRules(rules).problems];
}

function compile(rules: ScanRules): CompiledRules {
  const problems: string[] = [];
  const inStore = [...(rules.inStoreRules ?? [])];
  for (const r of inStore) {
    const p = checkInStoreRule(r);
    if (p !== undefined) problems.push(`in-store rule ${r.prefix}: ${p}`);
  }
  // longest prefix first, so a specific rule (e.g. 2000000) wins over a general one (20)
  inStore.sort((a, b) => b.prefix.length - a.prefix.length);
  const templates: CompiledTemplate[] = [];
  for (const t of rules.templates ?? []) {
    const c = compileTemplate(t);
    if (typeof c === 'string') problems.push(c);
    else templates.push(c);
  }
  const markingGroups = rules.markingGroups ?? MARKING_GROUPS;
  for (const g of markingGroups) {
    if (!MARKING_GROUPS.includes(g)) problems.push(`unknown marking group "${g}"`);
  }
  return {
    inStore,
    templates,
    markingGroups,
    keyboardLayout: rules.keyboardLayout ?? 'auto',
    badCheckDigit: rules.badCheckDigit ?? 'reject',
    referenceYear: rules.referenceYear,
    problems,
  };
}
