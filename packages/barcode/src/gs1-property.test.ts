// Property: any set of distinct AIs with valid values survives encode → parse unchanged, both as
// a bare element string and as a GS1-128 scan through parseScan.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { GS1_AIS } from './gs1-ai-table.js';
import type { Gs1Element } from './gs1-element-string.js';
import { encodeElementString, parseElementString } from './gs1-element-string.js';
import { parseScan } from './parse-scan.js';
import { seededRandom, validParts } from './testing/gs1-samples.js';

const ALL_AIS = [...GS1_AIS.keys()];

const aiSet = fc
  .record({
    ais: fc.uniqueArray(fc.constantFrom(...ALL_AIS), { minLength: 1, maxLength: 8 }),
    seed: fc.integer(),
  })
  .map(({ ais, seed }): Gs1Element[] => {
    const rnd = seededRandom(seed);
    return ais.map((ai) => ({ ai, value: validParts(GS1_AIS.get(ai)!, rnd).join('') }));
  });

test('random valid AI sets survive encode → parseElementString unchanged', () => {
  fc.assert(
    fc.property(aiSet, (elements) => {
      const parsed = parseElementString(encodeElementString(elements));
      expect(parsed).toEqual({ ok: true, elements, warnings: [] });
    }),
    { numRuns: 2000 },
  );
});

test('random valid AI sets survive a GS1-128 scan (]C1 prefix) through parseScan', () => {
  fc.assert(
    fc.property(aiSet, (elements) => {
      const result = parseScan(`]C1${encodeElementString(elements)}`, { referenceYear: 2026 });
      expect(result.ok && result.value.ais?.map(({ ai, value }) => ({ ai, value }))).toEqual(elements);
    }),
    { numRuns: 1000 },
  );
});
