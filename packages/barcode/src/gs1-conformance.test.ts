// Conformance against the official GS1 Barcode Syntax Dictionary in ../shared/testdata/gs1: the
// generated table matches the file, every AI is known, and every format rule is enforced.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { GS1_AI_ENTRIES } from './gs1-ai-table.generated.js';
import { aiLengthForPrefix, GS1_AIS } from './gs1-ai-table.js';
import { GS, parseElementString, validateAiValue } from './gs1-element-string.js';
import { KNOWN_LINTERS } from './gs1-linters.js';
import { expandEntry, parseSyntaxDictionary } from './gs1-syntax-dictionary.js';
import { foreignChar, lintViolation, seededRandom, validParts } from './testing/gs1-samples.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const file = `${repoRoot}../shared/testdata/gs1/gs1-syntax-dictionary.2026-01-27.txt`;
const present = existsSync(file);
if (!present) console.warn(`GS1 conformance skipped: ${file} not found (../shared/testdata is absent)`);
const title = present
  ? 'GS1 dictionary conformance'
  : 'GS1 dictionary conformance (SKIPPED: ../shared/testdata/gs1 absent)';

describe.skipIf(!present)(title, () => {
  const entries = present ? parseSyntaxDictionary(readFileSync(file, 'utf8')) : [];
  const ais = entries.flatMap((e) => expandEntry(e).map((ai) => ({ ai, entry: e })));

  test('the committed table is exactly what the generator makes from the file', () => {
    expect(entries.length).toBe(224);
    expect(GS1_AI_ENTRIES).toEqual(entries);
  });

  test('every AI of the dictionary is known, with its predefined-length flag', () => {
    expect(ais.length).toBeGreaterThan(500);
    for (const { ai, entry } of ais) {
      const spec = GS1_AIS.get(ai);
      expect(spec, ai).toBeDefined();
      expect(spec!.predefined, ai).toBe(entry.predefined);
      expect(spec!.components, ai).toEqual(entry.components);
    }
    expect(GS1_AIS.size).toBe(ais.length);
  });

  test('every linter the dictionary names is implemented', () => {
    const named = new Set(entries.flatMap((e) => e.components.flatMap((c) => c.linters)));
    expect(named.size).toBeGreaterThan(30);
    for (const l of named) expect(KNOWN_LINTERS.has(l), l).toBe(true);
  });

  test('no AI is a prefix of another, so AIs can be read without lengths', () => {
    const all = [...GS1_AIS.keys()];
    for (const a of all) for (const b of all) if (a !== b) expect(b.startsWith(a), `${a} / ${b}`).toBe(false);
  });

  test('the first two digits of an AI fix its length, as the GS1 General Specifications promise', () => {
    for (const ai of GS1_AIS.keys()) expect(aiLengthForPrefix(Number(ai.slice(0, 2))), ai).toBe(ai.length);
  });

  test('fixed-length AIs that are not predefined (8005, 402, 7003, 8001…) still need a GS', () => {
    for (const ai of ['8005', '402', '7003', '8001']) expect(GS1_AIS.get(ai)!.predefined, ai).toBe(false);
  });

  test('a valid value of every AI parses back unchanged, alone and before another AI', () => {
    const rnd = seededRandom(20260127);
    for (const { ai } of ais) {
      const spec = GS1_AIS.get(ai)!;
      for (let round = 0; round < 5; round++) {
        const value = validParts(spec, rnd).join('');
        expect(validateAiValue(spec, value), `${ai} ${value}`).toBeUndefined();
        const alone = parseElementString(ai + value);
        expect(alone, `${ai} ${value}`).toEqual({ ok: true, elements: [{ ai, value }], warnings: [] });
        const sep = spec.predefined ? '' : GS;
        const next = ai === '10' ? '21' : '10';
        const pair = parseElementString(`${ai}${value}${sep}${next}LOT`);
        expect(pair.ok && pair.elements, `${ai} ${value}`).toEqual([
          { ai, value },
          { ai: next, value: 'LOT' },
        ]);
      }
    }
  });

  test('every format is enforced: length, character set and content checks', () => {
    const rnd = seededRandom(7);
    let lintChecks = 0;
    for (const { ai } of ais) {
      const spec = GS1_AIS.get(ai)!;
      const parts = spec.components.map((c) => validParts({ ...spec, components: [c] }, () => 1)[0] ?? '');
      const full = spec.components.map((c, i) => (c.optional ? '' : parts[i]!));
      const reject = (value: string, why: string): void => {
        expect(parseElementString(ai + value).ok, `${ai} "${value}" ${why}`).toBe(false);
      };
      // too short and too long
      const valid = validParts(spec, rnd).join('');
      reject(full.join('').slice(0, spec.minLength - 1), 'too short');
      reject(valid.padEnd(spec.maxLength + 1, '1'), 'too long');
      spec.components.forEach((c, i) => {
        if (c.optional) return;
        const value = full.slice();
        const part = value[i]!;
        value[i] = foreignChar(c) + part.slice(1);
        reject(value.join(''), `bad character in component ${i + 1}`);
        const bad = lintViolation(c, part);
        if (bad !== undefined) {
          value[i] = bad;
          reject(value.join(''), `${c.linters.join(',')} violation`);
          lintChecks++;
        }
      });
    }
    expect(lintChecks).toBeGreaterThan(80);
  });
});
