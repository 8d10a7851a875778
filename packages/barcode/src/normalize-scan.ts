// Cleans what a scanner sends before any parsing: keyboard layout, the text forms of GS and FNC1,
// the AIM symbology prefix, stray whitespace and control characters.
import { GS } from './gs1-element-string.js';
import { repairRussianLayout } from './keyboard-layout.js';

export interface NormalizedScan {
  text: string;
  /** AIM symbology identifier (e.g. "]C1"), when present. */
  aim?: string;
  /** The symbology or a leading FNC1 says the data is GS1 element strings. */
  gs1: boolean;
  /** True when the text was typed through a Russian keyboard layout and repaired. */
  layoutRepaired: boolean;
  warnings: string[];
}

// AIM identifiers whose data is GS1 element strings: GS1-128, GS1 DataBar, GS1 DataMatrix,
// GS1 QR, GS1 DotCode (ISO/IEC 15424).
const GS1_AIM = new Set([']C1', ']e0', ']d2', ']Q3', ']J1']);

// Text forms of GS/FNC1 produced by scanners, keyboard-wedge configurations and copy-paste.
const GS_FORMS = /<GS>|\{GS\}|\[GS\]|<FNC1>|\{FNC1\}|\[FNC1\]|\\x1[dD]|\\u001[dD]|\\035|~1|\^\]|\u241d/g;
const CYRILLIC = /[\u0400-\u04ff]/;
const CONTROL = /[\u0000-\u001c\u001e-\u001f\u007f]/;
const CONTROL_ALL = /[\u0000-\u001c\u001e-\u001f\u007f]/g;

// One pass over the scan decides which cleaning steps are needed at all; most scans need none.
const WHITESPACE_OR_CONTROL = 1;
const NON_ASCII = 2;
const GS_FORM_CHAR = 4;
const HAS_GS = 8;
const ASCII_FLAGS = new Uint8Array(128);
for (let c = 0; c <= 0x20; c++) ASCII_FLAGS[c] = WHITESPACE_OR_CONTROL;
ASCII_FLAGS[0x7f] = WHITESPACE_OR_CONTROL;
ASCII_FLAGS[0x1d] = HAS_GS;
for (const ch of '<{[\\~^') ASCII_FLAGS[ch.charCodeAt(0)] = GS_FORM_CHAR;

function scanFlags(s: string): number {
  let flags = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    flags |= c < 128 ? ASCII_FLAGS[c]! : NON_ASCII;
  }
  return flags;
}

export function normalizeScan(raw: string, keyboardLayout: 'auto' | 'off' = 'auto'): NormalizedScan {
  const result: NormalizedScan = { text: raw, gs1: false, layoutRepaired: false, warnings: [] };
  const flags = scanFlags(raw);
  if (flags === 0 && raw.charCodeAt(0) !== 0x5d /* ] */) return result;
  let text = flags & (WHITESPACE_OR_CONTROL | NON_ASCII) ? raw.trim() : raw;
  if (flags & NON_ASCII) {
    if (keyboardLayout === 'auto' && CYRILLIC.test(text)) {
      const repaired = repairRussianLayout(text);
      if (repaired !== undefined) {
        text = repaired;
        result.layoutRepaired = true;
        result.warnings.push(
          'The scan was typed through the Russian keyboard layout; Latin letters restored',
        );
      }
    }
    text = text.replace(/\u241d/g, GS);
  }
  if (flags & GS_FORM_CHAR || (result.layoutRepaired && scanFlags(text) & GS_FORM_CHAR)) {
    text = text.replace(GS_FORMS, GS);
  }
  if (text.charCodeAt(0) === 0x5d) {
    const aim = /^\][A-Za-z][0-9A-Za-z]/.exec(text);
    if (aim) {
      result.aim = aim[0];
      result.gs1 = GS1_AIM.has(aim[0]);
      text = text.slice(3);
    }
  }
  // Line breaks and tabs are scanner suffixes or noise; other control characters except GS too.
  if (flags & WHITESPACE_OR_CONTROL && CONTROL.test(text)) text = text.replace(CONTROL_ALL, '');
  if (text.charCodeAt(0) === 0x1d) {
    result.gs1 = true;
    text = text.replace(/^\u001d+/, '');
  }
  if (text.charCodeAt(text.length - 1) === 0x1d) text = text.replace(/\u001d+$/, '');
  if (flags & WHITESPACE_OR_CONTROL) text = text.trim();
  // Spaces inside a number or a GS1 string are typing noise; inside plain text they may matter.
  if (flags & WHITESPACE_OR_CONTROL && text.includes(' ')) {
    const compact = text.replace(/\s+/g, '');
    if (/^\d+$/.test(compact) || compact.includes(GS) || result.gs1) text = compact;
  }
  result.text = text;
  return result;
}
