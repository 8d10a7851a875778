// The one entry point: what a scanner sent, plus the site's rules, becomes a typed scan (kind,
// GTIN or product key, quantity or weight, serial, lot, expiry, marking code) or a readable error.
import type { BarcodeError, BarcodeErrorCode } from './errors.js';
import { associationWarnings } from './gs1-associations.js';
import { digitalLinkToElementString } from './gs1-digital-link.js';
import type { Gs1Element } from './gs1-element-string.js';
import { GS, parseElementString } from './gs1-element-string.js';
import { applyGs1Fields, describeElements } from './gs1-fields.js';
import { hriToElementString } from './gs1-hri.js';
import { checkDigitMessage, expandUpcE, hasValidCheckDigit, isDigits } from './gtin.js';
import { matchInStore } from './in-store-code.js';
import type { TobaccoPack } from './marking-code.js';
import { applyMarking, markingGroupOf, parseTobaccoPack, splitByMarkingLayouts } from './marking-code.js';
import { normalizeScan } from './normalize-scan.js';
import { matchTemplate } from './packing-template.js';
import type { CompiledRules } from './scan-rules.js';
import { compileScanRules } from './scan-rules.js';
import type { ParsedScan, ParseResult, ScanKind, ScanRules } from './types.js';

const fail = (code: BarcodeErrorCode, message: string): ParseResult => ({
  ok: false,
  error: { code, message },
});
const done = (scan: ParsedScan, extra?: Partial<ParsedScan>): ParseResult => ({
  ok: true,
  value: extra ? Object.assign(scan, extra) : scan,
});

// A GS1 element string without separators or symbology identifier starts with a key AI.
const GS1_START = /^(?:0[12]\d{14}|00\d{18})/;

export function parseScan(raw: string, rules?: ScanRules): ParseResult {
  const compiled = compileScanRules(rules);
  if (compiled.problems.length > 0) return fail('BARCODE_RULES_INVALID', compiled.problems.join('; '));
  const norm = normalizeScan(typeof raw === 'string' ? raw : '', compiled.keyboardLayout);
  const text = norm.text;
  if (text === '') return fail('BARCODE_EMPTY', 'The scan holds no characters');
  const year = compiled.referenceYear ?? new Date().getUTCFullYear();
  const hri = hriToElementString(text) ?? digitalLinkToElementString(text);
  const scan: ParsedScan = { kind: 'text', text: hri ?? text, raw, warnings: norm.warnings };
  if (norm.aim !== undefined) scan.symbology = norm.aim;
  if (hri !== undefined) return parseGs1(scan, compiled, year);
  const hasGs = text.includes(GS);
  const digits = !hasGs && isDigits(text);

  if (!hasGs && !norm.gs1) {
    for (const t of compiled.templates) {
      const m = matchTemplate(t, text, year);
      if (m) return done(scan, m);
    }
    if (digits && compiled.inStore.length > 0) {
      const m = matchInStore(text, compiled.inStore);
      if (m) return m.ok ? done(scan, m.scan) : m;
    }
  }
  if (hasGs || norm.gs1) return parseGs1(scan, compiled, year);
  const pack = compiled.markingGroups.includes('tobacco-pack') ? parseTobaccoPack(text) : undefined;
  if (pack) return tobaccoPack(scan, pack, norm.aim);
  if (digits) {
    const ean = parseEanFamily(scan, compiled, norm.aim);
    if (ean) return ean;
  }
  if (GS1_START.test(text)) {
    const gs1 = parseGs1(scan, compiled, year);
    // Digits that merely start like a GTIN but are no GS1 string are someone's internal code.
    if (gs1.ok || !digits) return gs1;
  }
  return done(scan);
}

function tobaccoPack(scan: ParsedScan, pack: TobaccoPack, aim: string | undefined): ParseResult {
  // ]d1 is a DataMatrix without FNC1, so it cannot be a GS1 string whatever it looks like
  if (aim !== ']d1' && GS1_START.test(scan.text) && parseElementString(scan.text).ok) {
    return fail(
      'BARCODE_AMBIGUOUS',
      'The code reads both as a tobacco pack code and as a GS1 element string',
    );
  }
  return done(scan, {
    kind: 'marking',
    markingGroup: 'tobacco-pack',
    gtin: pack.gtin,
    serial: pack.serial,
    markingCode: scan.text.slice(0, 21),
    verificationCode: pack.verificationCode,
    fields: { mrpCode: pack.mrpCode },
  });
}

function parseGs1(scan: ParsedScan, rules: CompiledRules, year: number): ParseResult {
  const text = scan.text;
  const parsed = parseElementString(text);
  let elements: Gs1Element[] | undefined = parsed.ok ? parsed.elements : undefined;
  let group = elements ? markingGroupOf(elements) : undefined;
  // A properly separated marking code has its group already; otherwise GS may have been lost.
  if (group === undefined && text.startsWith('01') && text.startsWith('21', 16)) {
    const splits = splitByMarkingLayouts(text, rules.markingGroups);
    if (splits.length > 1) {
      const groups = splits.map((s) => s.group).join(', ');
      return fail(
        'BARCODE_AMBIGUOUS',
        `Separators are missing and the code fits several layouts (${groups})`,
      );
    }
    const split = splits[0];
    if (split) {
      elements = split.elements;
      group = split.group;
      scan.warnings.push(`GS separators were missing; split by the fixed lengths of ${group} marking codes`);
    }
  }
  if (!elements) {
    // reachable only when the element string failed and no marking layout rescued it
    return parsed.ok ? fail('BARCODE_GS1_FORMAT', 'No data') : { ok: false, error: parsed.error };
  }
  if (parsed.ok && elements === parsed.elements) scan.warnings.push(...parsed.warnings);
  const ais = describeElements(elements, year);
  scan.ais = ais;
  scan.kind = elements.length === 1 && elements[0]!.ai === '00' ? 'sscc' : 'gs1';
  applyGs1Fields(scan, ais);
  scan.warnings.push(...associationWarnings(elements));
  if (group) applyMarking(scan, group, elements);
  return done(scan);
}

const EAN_NAMES: Record<string, string> = {
  ean8: 'EAN-8',
  upce: 'UPC-E',
  upca: 'UPC-A',
  ean13: 'EAN-13',
  gtin14: 'GTIN-14',
  itf14: 'ITF-14',
  sscc: 'SSCC',
};

/** EAN/UPC/GTIN/SSCC by length (and AIM symbology when sent); undefined for other lengths. */
function parseEanFamily(
  scan: ParsedScan,
  rules: CompiledRules,
  aim: string | undefined,
): ParseResult | undefined {
  const text = scan.text;
  let kind: ScanKind;
  let gtin: string | undefined;
  switch (text.length) {
    case 8: {
      const upce = expandUpcE(text);
      const upceOk = upce !== undefined && hasValidCheckDigit(upce);
      const asUpce = aim === ']E0' || (aim !== ']E4' && !hasValidCheckDigit(text) && upceOk);
      kind = asUpce ? 'upce' : 'ean8';
      gtin = asUpce ? (upceOk ? `00${upce}` : undefined) : text.padStart(14, '0');
      if (!asUpce && !hasValidCheckDigit(text)) gtin = undefined;
      break;
    }
    case 12:
      kind = 'upca';
      break;
    case 13:
      kind = 'ean13';
      break;
    case 14:
      kind = aim?.startsWith(']I') ? 'itf14' : 'gtin14';
      break;
    case 18:
      kind = 'sscc';
      break;
    default:
      return undefined;
  }
  if (text.length !== 8) gtin = hasValidCheckDigit(text) ? text : undefined;
  if (gtin === undefined) {
    const nonEanSymbology = aim !== undefined && !aim.startsWith(']E') && !aim.startsWith(']I');
    if (nonEanSymbology || rules.badCheckDigit === 'text') {
      scan.warnings.push(`Not a valid ${EAN_NAMES[kind]}: wrong check digit; read as text`);
      return done(scan);
    }
    return { ok: false, error: checkDigitError(kind, text) };
  }
  scan.kind = kind;
  if (kind === 'sscc') scan.sscc = gtin;
  else scan.gtin = gtin.padStart(14, '0');
  return done(scan);
}

function checkDigitError(kind: ScanKind, text: string): BarcodeError {
  const code = kind === 'upce' ? (expandUpcE(text) ?? text) : text;
  const what = kind === 'upce' ? `UPC-E ${text} (UPC-A` : EAN_NAMES[kind]!;
  const message = checkDigitMessage(what, code) + (kind === 'upce' ? ')' : '');
  return { code: 'BARCODE_CHECK_DIGIT', message };
}
