import { describe, expect, test } from 'vitest';
import { parseScan } from './parse-scan.js';
import type { ParsedScan } from './types.js';

const GS = '\u001d';
const GTIN = '04607809591331';
const SERIAL13 = '5Xx5tRB2A,1Sa';
const KEY = 'EE06';
const CODE44 = 'MDEwNDYwNzgwOTU5MTMzMTIxNVh4NXRSQjJBLDFTYQ==';

const ok = (raw: string, rules = {}): ParsedScan => {
  const r = parseScan(raw, rules);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const err = (raw: string, rules = {}) => {
  const r = parseScan(raw, rules);
  return r.ok ? undefined : r.error;
};

describe('standard group: 01+21(13)+91(4)+92(44|88)', () => {
  const expected = {
    kind: 'marking',
    markingGroup: 'standard',
    gtin: GTIN,
    serial: SERIAL13,
    verificationKey: KEY,
    verificationCode: CODE44,
    markingCode: `01${GTIN}21${SERIAL13}`,
  };

  test('with GS separators (DataMatrix through a configured scanner)', () => {
    const s = ok(`]d201${GTIN}21${SERIAL13}${GS}91${KEY}${GS}92${CODE44}`);
    expect(s).toMatchObject(expected);
    expect(s.warnings).toEqual([]);
  });

  test('with the text <GS> that a keyboard wedge produces', () => {
    expect(ok(`01${GTIN}21${SERIAL13}<GS>91${KEY}<GS>92${CODE44}`)).toMatchObject(expected);
  });

  test('with every GS lost: split by fixed lengths, with a warning', () => {
    const s = ok(`01${GTIN}21${SERIAL13}91${KEY}92${CODE44}`);
    expect(s).toMatchObject(expected);
    expect(s.warnings.join()).toContain('separators were missing');
  });

  test('with one GS lost: the present GS must sit on a boundary', () => {
    expect(ok(`01${GTIN}21${SERIAL13}${GS}91${KEY}92${CODE44}`)).toMatchObject(expected);
  });

  test('with the 88-character verification code', () => {
    const code88 = CODE44 + CODE44;
    expect(ok(`01${GTIN}21${SERIAL13}91${KEY}92${code88}`)).toMatchObject({ verificationCode: code88 });
  });

  test('typed through a Russian keyboard layout', () => {
    const latin = `01${GTIN}21AbCdEfGhIjKlM91${KEY}92${'QwErTy'.repeat(7)}Zx`;
    const layout: Record<string, string> = {
      A: 'Ф',
      b: 'и',
      C: 'С',
      d: 'в',
      E: 'У',
      f: 'а',
      G: 'П',
      h: 'р',
      I: 'Ш',
      j: 'о',
      K: 'Л',
      l: 'д',
      M: 'Ь',
      Q: 'Й',
      w: 'ц',
      r: 'к',
      T: 'Е',
      y: 'н',
      Z: 'Я',
      x: 'ч',
    };
    const typed = [...latin].map((c) => layout[c] ?? c).join('');
    const s = ok(typed);
    expect(s).toMatchObject({ kind: 'marking', serial: 'AbCdEfGhIjKlM', verificationKey: KEY });
    expect(s.text).toBe(latin);
  });
});

describe('food group: 01+21(6|13)+93(4)[+3103]', () => {
  test('dairy with a 6-character serial and weight, separators lost', () => {
    const s = ok(`01${GTIN}21AbC-1x93dGh43103000750`);
    expect(s).toMatchObject({
      kind: 'marking',
      markingGroup: 'food',
      serial: 'AbC-1x',
      verificationCode: 'dGh4',
      weightGrams: 750,
      weightKg: 0.75,
      markingCode: `01${GTIN}21AbC-1x`,
    });
  });

  test('odd field lengths are warned about, not refused', () => {
    const s = ok(`01${GTIN}21AbC-1x${GS}93dGh45`);
    expect(s).toMatchObject({ kind: 'marking', markingGroup: 'food', verificationCode: 'dGh45' });
    expect(s.warnings).toEqual(['The verification code (93) has 5 characters; food marking codes use 4']);
    const std = ok(`01${GTIN}21AbC${GS}91${KEY}${GS}92${CODE44.slice(1)}`);
    expect(std.warnings).toHaveLength(2);
  });

  test('AI-looking runs inside a serial do not split it, with or without GS', () => {
    const serial = 'AB93cdEF10xyz';
    const expected = { kind: 'marking', markingGroup: 'food', serial, verificationCode: 'dGh4' };
    expect(ok(`01${GTIN}21${serial}${GS}93dGh4`)).toMatchObject(expected);
    expect(ok(`01${GTIN}21${serial}93dGh4`)).toMatchObject(expected);
    const std = `01${GTIN}21AB91cdEF92xyz${GS}91${KEY}${GS}92${CODE44}`;
    expect(ok(std)).toMatchObject({
      markingGroup: 'standard',
      serial: 'AB91cdEF92xyz',
      verificationKey: KEY,
    });
  });

  test('water with a 13-character serial and GS', () => {
    expect(ok(`01${GTIN}21${SERIAL13}${GS}93dGh4`)).toMatchObject({
      markingGroup: 'food',
      verificationCode: 'dGh4',
    });
  });
});

describe('tobacco', () => {
  test('a pack code has 29 characters, no AIs and no separators', () => {
    const s = ok('00000046198488X?io+qCABm8wAYa');
    expect(s).toMatchObject({
      kind: 'marking',
      markingGroup: 'tobacco-pack',
      gtin: '00000046198488',
      serial: 'X?io+qC',
      verificationCode: 'wAYa',
      markingCode: '00000046198488X?io+qC',
      fields: { mrpCode: 'ABm8' },
    });
  });

  test('a pack code with a wrong GTIN check digit is not a pack', () => {
    expect(ok('00000046198489X?io+qCABm8wAYa').kind).toBe('text');
  });

  test('a block code: 01+21(7)+8005+93, with GS after the serial and 8005', () => {
    const s = ok(`01${GTIN}21-m/3Qz5${GS}8005012300${GS}93AbCd`);
    expect(s).toMatchObject({
      kind: 'marking',
      markingGroup: 'tobacco-block',
      serial: '-m/3Qz5',
      verificationCode: 'AbCd',
      markingCode: `01${GTIN}21-m/3Qz5`,
    });
    expect(s.ais?.find((a) => a.ai === '8005')?.value).toBe('012300');
  });

  test('a block code that lost its separators', () => {
    expect(ok(`01${GTIN}21-m/3Qz5800501230093AbCd`)).toMatchObject({
      markingGroup: 'tobacco-block',
      serial: '-m/3Qz5',
    });
  });
});

describe('lost separators that cannot be resolved', () => {
  test('a code that reads as both a tobacco pack and a GS1 string is ambiguous', () => {
    // 01460093330009 is a valid GTIN (pack) and so is 46009333000901 after AI (01)
    const text = '0146009333000901' + '21ABCDEFGHIJK';
    expect(text).toHaveLength(29);
    expect(err(text)?.code).toBe('BARCODE_AMBIGUOUS');
    // the symbology settles it: ]d1 is a non-GS1 DataMatrix, so a pack
    expect(ok(`]d1${text}`).markingGroup).toBe('tobacco-pack');
  });

  test('restricting the marking groups decides which layouts a lost-GS scan may take', () => {
    // restricting the groups narrows the candidates, so the same scan becomes decidable
    const raw = `01${GTIN}21AbC-1x93dGh4`;
    expect(ok(raw, { markingGroups: ['food'] }).markingGroup).toBe('food');
    expect(ok(raw, { markingGroups: ['standard'] }).kind).toBe('gs1'); // 01 + 21(12), no split
  });

  test('a serial longer than 20 with no layout matching is a missing-separator error', () => {
    const e = err(`01${GTIN}21${SERIAL13}91${KEY}92short`);
    expect(e?.code).toBe('BARCODE_GS1_SEPARATOR');
  });
});
