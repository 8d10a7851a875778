import { type Document, FactLineSchema } from '@shelfsync/protocol';
import { describe, expect, test } from 'vitest';
import { applyScan, type ScanOutcome } from './filling.js';
import { bread, cheese, doc, docType, milk, scanAll, scanOf, shoes } from './testing/fixtures.js';

function accepted(outcome: ScanOutcome) {
  if (!outcome.ok) throw new Error(`refused: ${outcome.code}`);
  return outcome;
}

function refusedWith(outcome: ScanOutcome) {
  return outcome.ok ? 'accepted' : outcome.code;
}

const receipt = docType('receipt');
const allowAll = docType('receipt', { overPlan: 'allow', notInPlan: 'add', unknownBarcode: 'keep' });

describe('binding', () => {
  test('a scan binds to the plan line of its product', () => {
    const d = doc([
      { productId: 'bread', qty: 5 },
      { productId: 'milk', qty: 5 },
    ]);
    const { fact } = accepted(applyScan(d, receipt, scanOf(milk)));
    expect(fact).toMatchObject({ planLineId: 'L2', productId: 'milk', qty: 1, barcode: 'bc-milk' });
  });

  test('a product without a plan line gives an unbound fact', () => {
    const d = doc([{ productId: 'bread', qty: 5 }]);
    expect(accepted(applyScan(d, allowAll, scanOf(milk))).fact.planLineId).toBeNull();
  });

  test('the line in the scanned cell wins over earlier lines of the same product', () => {
    const d = doc([
      { productId: 'milk', qty: 5 },
      { productId: 'milk', qty: 5, cellId: 'B' },
      { productId: 'milk', qty: 5, cellId: 'A' },
    ]);
    expect(accepted(applyScan(d, receipt, scanOf(milk, { cellId: 'A' }))).fact.planLineId).toBe('L3');
    expect(accepted(applyScan(d, receipt, scanOf(milk, { cellId: 'C' }))).fact.planLineId).toBe('L1');
  });

  test('a line fixed to another cell does not take the scan', () => {
    const d = doc([{ productId: 'milk', qty: 5, cellId: 'A' }]);
    expect(accepted(applyScan(d, allowAll, scanOf(milk, { cellId: 'B' }))).fact.planLineId).toBeNull();
    expect(applyScan(d, receipt, scanOf(milk, { cellId: 'B' }))).toMatchObject({
      code: 'SCAN_NOT_IN_PLAN',
      details: { productId: 'milk', plannedCells: ['A'] },
    });
    // Without a cell the scan cannot contradict the line's cell.
    expect(accepted(applyScan(d, receipt, scanOf(milk))).fact.planLineId).toBe('L1');
  });

  test('a packing scan prefers the line planned in that packing', () => {
    const d = doc([
      { productId: 'milk', qty: 24 },
      { productId: 'milk', qty: 24, packingId: 'milk-box' },
    ]);
    expect(accepted(applyScan(d, receipt, scanOf(milk, { box: true }))).fact.planLineId).toBe('L2');
    expect(accepted(applyScan(d, receipt, scanOf(milk))).fact.planLineId).toBe('L1');
  });

  test('when a line is full the next line with room takes the scan', () => {
    const d = doc([
      { productId: 'milk', qty: 2 },
      { productId: 'milk', qty: 3 },
    ]);
    const facts = scanAll(d, receipt, [scanOf(milk), scanOf(milk), scanOf(milk), scanOf(milk)]);
    expect(facts.map((o) => accepted(o).fact.planLineId)).toEqual(['L1', 'L1', 'L2', 'L2']);
  });

  test('a scan that does not fit the first line goes to a line where it fits whole', () => {
    const d = doc([
      { productId: 'milk', qty: 5 },
      { productId: 'milk', qty: 12 },
    ]);
    expect(accepted(applyScan(d, receipt, scanOf(milk, { box: true }))).fact.planLineId).toBe('L2');
  });
});

describe('quantities', () => {
  test('a packing scan counts packings and records base units', () => {
    const d = doc([{ productId: 'milk', qty: 48 }]);
    const { fact } = accepted(applyScan(d, receipt, scanOf(milk, { box: true, qty: 3 })));
    expect(fact).toMatchObject({ qty: 36, packQty: 3, packingId: 'milk-box' });
  });

  test('a unit scan has no packing fields', () => {
    const { fact } = accepted(applyScan(doc([{ productId: 'milk', qty: 5 }]), receipt, scanOf(milk)));
    expect(fact).not.toHaveProperty('packingId');
    expect(fact).not.toHaveProperty('packQty');
  });

  test.each([0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5])(
    'quantity %s is refused for a product counted in units',
    (qty) => {
      const out = applyScan(doc([{ productId: 'milk', qty: 5 }]), receipt, scanOf(milk, { qty }));
      expect(refusedWith(out)).toBe('SCAN_BAD_QUANTITY');
    },
  );

  test('weighted products take fractional quantities, rounded to grams', () => {
    const d = doc([{ productId: 'cheese', qty: 2 }]);
    expect(accepted(applyScan(d, receipt, scanOf(cheese, { qty: 0.4567 }))).fact.qty).toBe(0.457);
    expect(refusedWith(applyScan(d, receipt, scanOf(cheese, { qty: 0.0001 })))).toBe('SCAN_BAD_QUANTITY');
  });

  test('half a packing is fine when it makes whole units', () => {
    const d = doc([], { type: 'inventory' });
    const inventory = docType('inventory');
    const half = accepted(applyScan(d, inventory, scanOf(milk, { box: true, qty: 0.5, cellId: 'A' })));
    expect(half.fact).toMatchObject({ qty: 6, packQty: 0.5 });
    const tray = applyScan(d, inventory, scanOf(bread, { box: true, qty: 0.5, cellId: 'A' }));
    expect(refusedWith(tray)).toBe('SCAN_BAD_QUANTITY');
  });
});

describe('over plan', () => {
  const planned = () => doc([{ productId: 'milk', qty: 10 }]);

  test('refuse: a scan beyond the plan is refused with the numbers', () => {
    const d = planned();
    scanAll(d, receipt, [scanOf(milk, { qty: 8 })]);
    const out = applyScan(d, receipt, scanOf(milk, { qty: 3 }));
    expect(out).toMatchObject({
      ok: false,
      code: 'SCAN_OVER_PLAN',
      details: { planLineId: 'L1', planned: 10, already: 8, adding: 3 },
    });
    expect(accepted(applyScan(d, receipt, scanOf(milk, { qty: 2 }))).warnings).toEqual([]);
  });

  test('refuse counts the packing factor', () => {
    const out = applyScan(planned(), receipt, scanOf(milk, { box: true }));
    expect(out).toMatchObject({ ok: false, code: 'SCAN_OVER_PLAN', details: { adding: 12 } });
  });

  test('warn: the scan is accepted with a warning', () => {
    const out = accepted(
      applyScan(planned(), docType('receipt', { overPlan: 'warn' }), scanOf(milk, { qty: 11 })),
    );
    expect(out.fact.planLineId).toBe('L1');
    expect(out.warnings).toMatchObject([
      { code: 'SCAN_OVER_PLAN', details: { planLineId: 'L1', planned: 10, already: 0, adding: 11 } },
    ]);
  });

  test('allow: the scan is accepted silently', () => {
    const out = accepted(applyScan(planned(), allowAll, scanOf(milk, { qty: 11 })));
    expect(out.fact.qty).toBe(11);
    expect(out.warnings).toEqual([]);
  });
});

describe('not in plan', () => {
  const planned = () => doc([{ productId: 'bread', qty: 10 }]);

  test('refuse: a product outside the plan is refused', () => {
    const out = applyScan(planned(), receipt, scanOf(milk));
    expect(out).toMatchObject({ ok: false, code: 'SCAN_NOT_IN_PLAN', details: { productId: 'milk' } });
  });

  test('add: the product becomes an unbound fact, with a warning for the operator', () => {
    const out = accepted(applyScan(planned(), docType('receipt', { notInPlan: 'add' }), scanOf(milk)));
    expect(out.fact).toMatchObject({ planLineId: null, productId: 'milk' });
    expect(out.warnings.map((w) => w.code)).toEqual(['SCAN_NOT_IN_PLAN']);
  });

  test('a document without a plan takes any known product, even when the type refuses extras', () => {
    const out = accepted(applyScan(doc(), receipt, scanOf(milk)));
    expect(out.fact.planLineId).toBeNull();
    expect(out.warnings).toEqual([]);
  });
});

describe('unknown barcodes', () => {
  test('refuse: an unknown barcode is refused', () => {
    const out = applyScan(doc(), docType('receipt', { unknownBarcode: 'refuse' }), scanOf(null));
    expect(out).toMatchObject({
      ok: false,
      code: 'SCAN_UNKNOWN_BARCODE',
      details: { barcode: 'unknown-code' },
    });
  });

  test('keep: an unknown barcode becomes a fact without product, barcode kept', () => {
    const d = doc([{ productId: 'milk', qty: 1 }]);
    const { fact } = accepted(applyScan(d, receipt, scanOf(null, { qty: 2 })));
    expect(fact).toMatchObject({
      productId: null,
      planLineId: null,
      unknown: true,
      barcode: 'unknown-code',
      qty: 2,
    });
  });
});

describe('cells', () => {
  test('a type that requires a cell refuses a scan without one', () => {
    const picking = docType('picking');
    const d = doc([{ productId: 'milk', qty: 5, cellId: 'A' }], { type: 'picking' });
    expect(refusedWith(applyScan(d, picking, scanOf(milk)))).toBe('SCAN_CELL_REQUIRED');
    expect(refusedWith(applyScan(d, picking, scanOf(milk, { cellId: '' })))).toBe('SCAN_CELL_REQUIRED');
    expect(accepted(applyScan(d, picking, scanOf(milk, { cellId: 'A' }))).fact.cellId).toBe('A');
  });
});

describe('corrections', () => {
  test('a negative quantity takes back down to zero, not below', () => {
    const d = doc([{ productId: 'milk', qty: 10 }]);
    scanAll(d, receipt, [scanOf(milk, { qty: 3 })]);
    const back = accepted(applyScan(d, receipt, scanOf(milk, { qty: -3 })));
    expect(back.fact).toMatchObject({ planLineId: 'L1', qty: -3 });
    const out = applyScan(d, receipt, scanOf(milk, { qty: -4 }));
    expect(out).toMatchObject({ ok: false, code: 'SCAN_BELOW_ZERO', details: { already: 3, adding: -4 } });
  });

  test('a negative packing scan takes back whole packings', () => {
    const d = doc([{ productId: 'milk', qty: 24 }]);
    scanAll(d, receipt, [scanOf(milk, { box: true, qty: 2 })]);
    expect(accepted(applyScan(d, receipt, scanOf(milk, { box: true, qty: -1 }))).fact.qty).toBe(-12);
  });

  test('unbound facts are corrected per product and cell', () => {
    const d = doc([], { type: 'inventory' });
    const inventory = docType('inventory');
    scanAll(d, inventory, [scanOf(milk, { qty: 2, cellId: 'A' })]);
    expect(refusedWith(applyScan(d, inventory, scanOf(milk, { qty: -1, cellId: 'B' })))).toBe(
      'SCAN_BELOW_ZERO',
    );
    expect(accepted(applyScan(d, inventory, scanOf(milk, { qty: -2, cellId: 'A' }))).fact.qty).toBe(-2);
  });

  test('unknown barcodes are corrected per barcode', () => {
    const d = doc();
    scanAll(d, receipt, [scanOf(null, { barcode: 'X1' })]);
    expect(refusedWith(applyScan(d, receipt, scanOf(null, { barcode: 'X2', qty: -1 })))).toBe(
      'SCAN_BELOW_ZERO',
    );
    expect(accepted(applyScan(d, receipt, scanOf(null, { barcode: 'X1', qty: -1 }))).fact.unknown).toBe(true);
  });

  test('a correction is never over plan, even on a line already over', () => {
    const d = doc([{ productId: 'milk', qty: 2 }]);
    scanAll(d, allowAll, [scanOf(milk, { qty: 5 })]);
    const out = accepted(applyScan(d, receipt, scanOf(milk, { qty: -1 })));
    expect(out.warnings).toEqual([]);
    expect(out.fact.planLineId).toBe('L1');
  });
});

describe('marking codes', () => {
  const marking = docType('receipt', { markingRequired: true });
  const planned = () => doc([{ productId: 'shoes', qty: 5 }]);

  test('a marked product needs its marking code', () => {
    expect(refusedWith(applyScan(planned(), marking, scanOf(shoes)))).toBe('SCAN_MARK_REQUIRED');
    const { fact } = accepted(
      applyScan(planned(), marking, scanOf(shoes, { markingCode: '010460...21abc' })),
    );
    expect(fact.markingCode).toBe('010460...21abc');
  });

  test('an unmarked product, or a type without marking, needs no code', () => {
    expect(accepted(applyScan(doc(), marking, scanOf(milk))).fact).not.toHaveProperty('markingCode');
    expect(accepted(applyScan(planned(), receipt, scanOf(shoes))).ok).toBe(true);
  });

  test('the same code twice in a document is refused, until a correction takes it back', () => {
    const d = planned();
    scanAll(d, marking, [scanOf(shoes, { markingCode: 'M1' })]);
    expect(refusedWith(applyScan(d, marking, scanOf(shoes, { markingCode: 'M1' })))).toBe(
      'SCAN_DUPLICATE_MARK',
    );
    expect(accepted(applyScan(d, marking, scanOf(shoes, { markingCode: 'M2' }))).ok).toBe(true);
    scanAll(d, marking, [scanOf(shoes, { markingCode: 'M1', qty: -1 })]);
    expect(accepted(applyScan(d, marking, scanOf(shoes, { markingCode: 'M1' }))).ok).toBe(true);
  });

  test('a correction must name a code the document holds; a code stands for one unit', () => {
    const d = planned();
    scanAll(d, marking, [scanOf(shoes, { markingCode: 'M1' })]);
    expect(refusedWith(applyScan(d, marking, scanOf(shoes, { qty: -1 })))).toBe('SCAN_MARK_REQUIRED');
    expect(refusedWith(applyScan(d, marking, scanOf(shoes, { markingCode: 'M9', qty: -1 })))).toBe(
      'SCAN_BELOW_ZERO',
    );
    expect(refusedWith(applyScan(d, marking, scanOf(shoes, { markingCode: 'M3', qty: 2 })))).toBe(
      'SCAN_BAD_QUANTITY',
    );
  });
});

describe('documents', () => {
  test.each(['completed', 'exported', 'cancelled', 'rejected'] as const)(
    'a %s document refuses scans',
    (status) => {
      const out = applyScan(doc([{ productId: 'milk', qty: 5 }], { status }), receipt, scanOf(milk));
      expect(refusedWith(out)).toBe('DOC_CLOSED');
    },
  );

  test.each(['new', 'taken', 'in_progress', 'released'] as const)('a %s document takes scans', (status) => {
    expect(applyScan(doc([{ productId: 'milk', qty: 5 }], { status }), receipt, scanOf(milk)).ok).toBe(true);
  });

  test('applyScan leaves the document alone and never merges facts', () => {
    const d: Document = doc([{ productId: 'milk', qty: 5 }]);
    scanAll(d, receipt, [scanOf(milk)]);
    const before = structuredClone(d);
    const { fact } = accepted(applyScan(d, receipt, scanOf(milk, { factId: 'second' })));
    expect(d).toEqual(before);
    expect(fact).toMatchObject({ id: 'second', qty: 1 });
    d.facts.push(fact);
    expect(d.facts.map((f) => f.qty)).toEqual([1, 1]);
  });

  test('a fact carries the scan details and is valid on the wire', () => {
    const scan = scanOf(milk, {
      box: true,
      cellId: 'A',
      deviceId: 'dev-1',
      operatorId: 'op-7',
      serial: 'S1',
      lot: 'LOT-4',
      expiry: '2027-01-31',
    });
    const { fact } = accepted(applyScan(doc([{ productId: 'milk', qty: 100 }]), receipt, scan));
    expect(FactLineSchema.parse(fact)).toEqual(fact);
    expect(fact).toEqual({
      id: scan.factId,
      at: scan.at,
      planLineId: 'L1',
      productId: 'milk',
      packingId: 'milk-box',
      packQty: 1,
      qty: 12,
      cellId: 'A',
      barcode: 'bc-milk',
      deviceId: 'dev-1',
      operatorId: 'op-7',
      serial: 'S1',
      lot: 'LOT-4',
      expiry: '2027-01-31',
    });
  });
});
