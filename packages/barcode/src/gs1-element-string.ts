// Parses and encodes GS1 element strings (the data of GS1-128, GS1 DataMatrix, GS1 QR): AIs,
// values checked against the Syntax Dictionary, GS (U+001D) after every variable-length field.

import type { BarcodeError } from './errors.js';
import type { AiSpec } from './gs1-ai-table.js';
import { aiAt, GS1_AIS } from './gs1-ai-table.js';
import { CHARSETS, LINTERS } from './gs1-linters.js';

export const GS = '\u001d';

export interface Gs1Element {
  readonly ai: string;
  readonly value: string;
}

export type ElementsResult =
  | { ok: true; elements: Gs1Element[]; warnings: string[] }
  | { ok: false; error: BarcodeError };

const CHECK_LINTERS = new Set(['csum', 'csumalpha']);

/** Checks one AI value against its dictionary specification; returns why it is invalid. */
export function validateAiValue(spec: AiSpec, value: string): BarcodeError | undefined {
  // the name is only built on the error paths: this runs for every AI of every scan
  let pos = 0;
  for (const c of spec.components) {
    if (pos >= value.length && c.optional) break;
    const len = c.min === c.max ? c.max : Math.min(c.max, value.length - pos);
    if (len < c.min || pos + len > value.length) {
      return {
        code: 'BARCODE_GS1_FORMAT',
        message: `${aiName(spec)} "${value}" is too short: needs ${spec.minLength}${spec.maxLength > spec.minLength ? `-${spec.maxLength}` : ''} characters`,
      };
    }
    const table = CHARSETS[c.type];
    for (let i = pos; i < pos + len; i++) {
      const code = value.charCodeAt(i);
      if (code >= 128 || table[code] !== 1) {
        const what = c.type === 'N' ? 'digits only' : `characters of GS1 set ${c.type}`;
        return {
          code: 'BARCODE_GS1_FORMAT',
          message: `${aiName(spec)} "${value}": character "${value[i]}" at ${i + 1} is not allowed (${what})`,
        };
      }
    }
    const part = len === value.length ? value : value.slice(pos, pos + len);
    for (const l of c.linters) {
      const reason = LINTERS[l]?.(part);
      if (reason !== undefined) {
        return {
          code: CHECK_LINTERS.has(l) ? 'BARCODE_CHECK_DIGIT' : 'BARCODE_GS1_VALUE',
          message: `${aiName(spec)} "${value}": ${reason}`,
        };
      }
    }
    pos += len;
  }
  if (pos < value.length) {
    return {
      code: spec.predefined ? 'BARCODE_GS1_FORMAT' : 'BARCODE_GS1_SEPARATOR',
      message: `${aiName(spec)} "${value}" is longer than ${spec.maxLength} characters${spec.predefined ? '' : ': a GS separator is probably missing after it'}`,
    };
  }
  return undefined;
}

function aiName(spec: AiSpec): string {
  return `AI (${spec.ai})${spec.title ? ` ${spec.title}` : ''}`;
}

/**
 * Splits an element string into AIs. Predefined-length AIs are cut at their length; every other
 * AI runs to the next GS, so an AI-looking run inside a serial never splits it.
 */
export function parseElementString(data: string): ElementsResult {
  const elements: Gs1Element[] = [];
  const warnings: string[] = [];
  const n = data.length;
  let pos = 0;
  while (pos < n) {
    if (data.charCodeAt(pos) === 0x1d) {
      pos++;
      continue;
    }
    const spec = aiAt(data, pos);
    if (!spec) {
      return {
        ok: false,
        error: {
          code: 'BARCODE_GS1_UNKNOWN_AI',
          message: `No known Application Identifier at position ${pos + 1} ("${data.slice(pos, pos + 4)}…")`,
        },
      };
    }
    pos += spec.ai.length;
    let end: number;
    if (spec.predefined) {
      end = pos + spec.maxLength;
      if (end > n || data.slice(pos, end).includes(GS)) end = nextGs(data, pos);
    } else {
      end = nextGs(data, pos);
    }
    const value = data.slice(pos, end);
    const error = validateAiValue(spec, value);
    if (error) return { ok: false, error };
    const dup = elements.find((e) => e.ai === spec.ai);
    if (dup && dup.value !== value) {
      return {
        ok: false,
        error: { code: 'BARCODE_GS1_VALUE', message: `AI (${spec.ai}) appears twice with different values` },
      };
    }
    if (dup) warnings.push(`AI (${spec.ai}) appears twice`);
    else elements.push({ ai: spec.ai, value });
    pos = end;
  }
  if (elements.length === 0) {
    return { ok: false, error: { code: 'BARCODE_GS1_FORMAT', message: 'The GS1 code holds no data' } };
  }
  return { ok: true, elements, warnings };
}

function nextGs(data: string, from: number): number {
  const i = data.indexOf(GS, from);
  return i < 0 ? data.length : i;
}

/** Encodes elements as the data of a GS1 symbol: GS after each variable-length field but the last. */
export function encodeElementString(elements: readonly Gs1Element[]): string {
  let out = '';
  elements.forEach((e, i) => {
    out += e.ai + e.value;
    const predefined = GS1_AIS.get(e.ai)?.predefined ?? false;
    if (!predefined && i < elements.length - 1) out += GS;
  });
  return out;
}
