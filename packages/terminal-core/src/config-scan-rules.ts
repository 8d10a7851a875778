// The barcode rules a scan is read with: the engine's own (tests, the CLI) joined with the scale and
// in-store label rules of the configuration in force. Built once per configuration version, so the
// barcode parser's per-rules cache keeps working.
import type { InStoreRule, ScanRules } from '@shelfsync/barcode';
import type { TerminalConfig } from './terminal-store.js';

let last: { base: ScanRules | undefined; version: string; rules: ScanRules } | undefined;

export function scanRulesOf(
  base: ScanRules | undefined,
  config: TerminalConfig | undefined,
): ScanRules | undefined {
  const inStore = config?.barcodes?.inStore ?? [];
  if (config === undefined || inStore.length === 0) return base;
  if (last !== undefined && last.base === base && last.version === config.version) return last.rules;
  const fromConfig = inStore.map(
    (r): InStoreRule => ({
      prefix: r.prefix,
      itemDigits: r.itemDigits,
      valueDigits: r.valueDigits,
      measure: r.kind,
      ...(r.decimals === undefined ? {} : { decimals: r.decimals }),
      ...(r.checkDigit === undefined ? {} : { checkDigit: r.checkDigit }),
    }),
  );
  // The engine's own rules first: an override given to the engine wins over the configuration.
  const rules = { ...base, inStoreRules: [...(base?.inStoreRules ?? []), ...fromConfig] };
  last = { base, version: config.version, rules };
  return rules;
}
