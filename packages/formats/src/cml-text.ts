// Cleaning of text values as 1C and its site modules write them.

const DOUBLE_ESCAPED = /&(quot|amp|lt|gt|apos);/g;
const ENTITY: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

/**
 * Trims, turns no-break spaces into spaces and undoes double escaping: some exchange modules escape
 * names twice, so after XML decoding "&quot;Mama Lemon&quot;" is left where quotes were meant.
 */
export function cleanText(text: string): string {
  let t = text.replace(/[\u00a0\u202f]/g, ' ').trim();
  if (t.includes('&')) t = t.replace(DOUBLE_ESCAPED, (_m, name: string) => ENTITY[name]!);
  return t;
}

/** Cleaned, or undefined when blank. */
export function cleanOrUndefined(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = cleanText(text);
  return t === '' ? undefined : t;
}
