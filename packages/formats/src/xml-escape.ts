// Escaping for the XML writers: text and attribute values, minus characters XML 1.0 forbids.

const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeXml(value: string | number): string {
  return String(value)
    .replace(FORBIDDEN, '')
    .replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

/** Decimal with a dot and no exponent noise (CommerceML ЧРД=.), rounded to 6 places. */
export function formatDecimal(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}
