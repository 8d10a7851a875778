// What the message line says after the engine took or refused a scan: each code's operator sentence
// in the operator's language. A scan the barcode parser could not read says why (a BARCODE_… code,
// as the refusal or as a warning on the unknown-barcode line) rather than only "unknown barcode".
import type { ScanOutcome } from '@shelfsync/domain';
import { errorText, formatQty, type Lang, translate } from '../i18n/i18n.js';

export interface ScanReport {
  kind: 'success' | 'warning' | 'error';
  text: string;
}

/** `name` is what the screen calls the scanned item; `where` the cells a refused product is planned in. */
export function scanOutcomeReport(
  lang: Lang,
  outcome: ScanOutcome,
  scanned: { barcode: string; name: string },
  where = '',
): ScanReport {
  if (!outcome.ok) {
    return {
      kind: 'error',
      text: `${errorText(lang, outcome.code, outcome.message)}${where ? ` → ${where}` : ''}`,
    };
  }
  const warning = outcome.warnings[0];
  const warned = warning ? `${errorText(lang, warning.code, warning.message)} ` : '';
  if (outcome.fact.unknown) {
    return {
      kind: 'warning',
      text: `${warned}${translate(lang, 'docUnknownProduct', { barcode: scanned.barcode })}`,
    };
  }
  const qty = formatQty(lang, outcome.fact.packQty ?? outcome.fact.qty);
  const accepted = translate(lang, 'docAccepted', { qty, name: scanned.name });
  return warning ? { kind: 'warning', text: `${warned}${accepted}` } : { kind: 'success', text: accepted };
}
