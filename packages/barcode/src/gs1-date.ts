// GS1 dates: YYMMDD with the GS1 century rule and day 00 meaning "the last day of the month".

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The four-digit year for a two-digit GS1 year (General Specifications §7.12): within 49 years
 * ahead or 50 behind the reference year, so a 2026 scan reads 75 as 2075 but 77 as 1977.
 */
export function gs1Year(yy: number, referenceYear: number): number {
  const century = Math.floor(referenceYear / 100) * 100;
  const diff = yy - (referenceYear % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

/** Checks YYMMDD digits; `allowDayZero` admits day 00. Returns a reason when invalid. */
export function checkYymmdd(value: string, allowDayZero: boolean): string | undefined {
  const yy = Number(value.slice(0, 2));
  const mm = Number(value.slice(2, 4));
  const dd = Number(value.slice(4, 6));
  if (mm < 1 || mm > 12) return `month ${value.slice(2, 4)} is not 01-12`;
  if (dd === 0) return allowDayZero ? undefined : 'day 00 is not allowed here';
  // a two-digit year divisible by 4 is a leap year in every century the GS1 window can reach
  // except 2100, which is far enough away not to matter for dates on packaging
  const max = mm === 2 ? (yy % 4 === 0 ? 29 : 28) : daysInMonth(2001, mm);
  if (dd > max) return `day ${value.slice(4, 6)} does not exist in month ${value.slice(2, 4)}`;
  return undefined;
}

/** YYMMDD (already validated) to YYYY-MM-DD; day 00 becomes the last day of the month. */
export function gs1DateToIso(value: string, referenceYear: number): string {
  const year = gs1Year(Number(value.slice(0, 2)), referenceYear);
  const month = Number(value.slice(2, 4));
  let day = Number(value.slice(4, 6));
  if (day === 0) day = daysInMonth(year, month);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}
