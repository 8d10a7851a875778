// The human-readable form printed under GS1 barcodes, "(01)04607809591331(17)260200(10)ABC",
// as typed by an operator or pasted from a document, turned into an element string.
import { GS1_AIS } from './gs1-ai-table.js';
import { encodeElementString, type Gs1Element } from './gs1-element-string.js';

const AI_IN_BRACKETS = /\((\d{2,4})\)/g;

/** The element string for bracketed text, or undefined when it is not in that form. */
export function hriToElementString(text: string): string | undefined {
  if (text.charCodeAt(0) !== 0x28 /* ( */) return undefined;
  // only brackets around a known AI separate fields: values may contain "(" and ")" themselves
  const marks = [...text.matchAll(AI_IN_BRACKETS)].filter((m) => GS1_AIS.has(m[1]!));
  if (marks.length === 0 || marks[0]!.index !== 0) return undefined;
  const elements: Gs1Element[] = marks.map((m, i) => {
    const start = m.index + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1]!.index : text.length;
    return { ai: m[1]!, value: text.slice(start, end) };
  });
  return encodeElementString(elements);
}
