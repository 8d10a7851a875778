// Units of measure by OKEI code (ОКЕИ, the Russian classifier 1C writes in БазоваяЕдиница/@Код).
// Only the codes warehouses meet daily; others fall back to the name given in the file.

export const OKEI_UNITS: Readonly<Record<string, { name: string; weighted?: true }>> = {
  '006': { name: 'м' },
  '055': { name: 'м2' },
  '112': { name: 'л' },
  '113': { name: 'м3' },
  '163': { name: 'г', weighted: true },
  '166': { name: 'кг', weighted: true },
  '168': { name: 'т', weighted: true },
  '625': { name: 'лист' },
  '704': { name: 'набор' },
  '715': { name: 'пар' },
  '736': { name: 'рул' },
  '778': { name: 'упак' },
  '796': { name: 'шт' },
  '839': { name: 'компл' },
};

/** Normalises a code as 1C writes it ("796 ", "6") to three digits ("796", "006"). */
export function normaliseOkeiCode(code: string): string {
  const t = code.trim();
  return /^\d{1,3}$/.test(t) ? t.padStart(3, '0') : t;
}
