// Properties of the filling engine over random plans and random scan sequences.

import { OVER_PLAN } from '@shelfsync/protocol';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { totalFacts } from './fact-totals.js';
import { summarizeDocument } from './summary.js';
import { bread, cheese, doc, docType, milk, scanAll, scanOf } from './testing/fixtures.js';

const products = [milk, bread, cheese];
const cell = fc.constantFrom('A', 'B', undefined);

const planLine = fc.record({
  product: fc.nat(products.length - 1),
  qty: fc.nat(30),
  cellId: cell,
  packed: fc.boolean(),
});

const scan = fc.record({
  product: fc.option(fc.nat(products.length - 1), { freq: 8 }),
  box: fc.boolean(),
  cellId: cell,
  qty: fc.oneof(fc.integer({ min: -4, max: 6 }), fc.double({ min: -2, max: 3, noNaN: true })),
});

type PlanArb = typeof planLine extends fc.Arbitrary<infer T> ? T : never;
type ScanArb = typeof scan extends fc.Arbitrary<infer T> ? T : never;

function buildDoc(plan: PlanArb[]) {
  return doc(
    plan.map((l) => {
      const product = products[l.product]!;
      const packing = l.packed ? product.packings[0] : undefined;
      return {
        productId: product.id,
        qty: l.qty,
        ...(l.cellId ? { cellId: l.cellId } : {}),
        ...(packing ? { packingId: packing.id } : {}),
      };
    }),
  );
}

function buildScans(scans: ScanArb[]) {
  return scans.map((s) =>
    scanOf(s.product === null ? null : products[s.product]!, {
      box: s.box,
      qty: s.qty,
      ...(s.cellId ? { cellId: s.cellId } : {}),
    }),
  );
}

test('under overPlan refuse, accepted scans never take a plan line beyond its plan', () => {
  fc.assert(
    fc.property(
      fc.array(planLine, { maxLength: 5 }),
      fc.array(scan, { maxLength: 40 }),
      fc.constantFrom('add', 'refuse' as const),
      (plan, scans, notInPlan) => {
        const d = buildDoc(plan);
        scanAll(d, docType('receipt', { overPlan: 'refuse', notInPlan }), buildScans(scans));
        const filled = totalFacts(d).byPlanLine;
        for (const line of d.lines) expect(filled.get(line.id)).toBeLessThanOrEqual(line.qty);
      },
    ),
  );
});

test('whatever the settings, no group goes below zero and the totals reconcile', () => {
  fc.assert(
    fc.property(
      fc.array(planLine, { minLength: 1, maxLength: 5 }),
      fc.array(scan, { maxLength: 40 }),
      fc.constantFrom(...OVER_PLAN),
      (plan, scans, overPlan) => {
        const d = buildDoc(plan);
        const type = docType('inventory', { overPlan, cellRequired: false, unknownBarcode: 'keep' });
        scanAll(d, type, buildScans(scans));
        const s = summarizeDocument(d);
        for (const line of s.lines) expect(line.fact).toBeGreaterThanOrEqual(0);
        const { plan: planned, fact, shortage, excess, unknown } = s.totals;
        expect(Math.round((planned - shortage + excess + unknown) * 1000) / 1000).toBe(fact);
        expect(s.complete).toBe(s.lines.every((l) => l.state === 'done'));
      },
    ),
  );
});
