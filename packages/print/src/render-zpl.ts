// Fills a template's placeholders. Field data is written in ^FH hex-escape form, so `^`, `~` and
// `_` in a product name are data, never commands.
import type { LabelFields, LabelTemplate } from './label-template.js';

const PLACEHOLDER = /\{\{([a-zA-Z0-9_.]+)\}\}/g;
const SAFE = /^[\x20-\x7e]$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Every character that could end or change a field becomes its UTF-8 bytes as `_XX` (^FH with `_`). */
export function escapeFieldData(value: string): string {
  let out = '';
  for (const c of value.replace(LONE_SURROGATE, '\uFFFD')) {
    if (SAFE.test(c) && c !== '^' && c !== '~' && c !== '_' && c !== '%') out += c;
    else if (c === '%' || c === '^' || c === '~' || c === '_' || c.charCodeAt(0) < 0x80)
      out += `_${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`;
    else out += encodeURIComponent(c).replaceAll('%', '_');
  }
  return out;
}

export function renderZpl(template: LabelTemplate, fields: LabelFields, copies = 1): string {
  const body = template.zpl.replace(PLACEHOLDER, (_, key: string) => escapeFieldData(fields[key] ?? ''));
  return body.replace(/\^XZ\s*$/, `^PQ${copies}^XZ`);
}
