// Numbers as accounting systems write them: decimal comma, spaces or NBSP as thousands separators.

/**
 * Parses "1 234,56", "1234.56", "1.234,5", "-0,5" or "1e3"; returns undefined for empty or
 * unreadable text. When both "," and "." occur, the later one is the decimal separator.
 */
export function parseDecimal(text: string): number | undefined {
  let s = text.replace(/[\s\u00a0\u202f']/g, '');
  if (s === '') return undefined;
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma !== -1 && dot !== -1) {
    s = comma > dot ? s.replaceAll('.', '').replace(',', '.') : s.replaceAll(',', '');
  } else if (comma !== -1) {
    if (s.indexOf(',') !== comma) return undefined; // "1,234,567" is ambiguous without a dot
    s = s.replace(',', '.');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}
