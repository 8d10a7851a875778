import type { FactLine } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { summarizeDocument } from './summary.js';
import { cheese, doc, docType, milk, scanAll, scanOf } from './testing/fixtures.js';

const loose = docType('receipt', { overPlan: 'allow', notInPlan: 'add', unknownBarcode: 'keep' });

function fact(id: string, changes: Partial<FactLine>): FactLine {
  return { id, at: '2026-11-25T10:00:00.000Z', planLineId: null, productId: 'milk', qty: 1, ...changes };
}

test('each plan line sums its facts and gets done, under or over', () => {
  const d = doc([
    { productId: 'milk', qty: 24 },
    { productId: 'bread', qty: 5 },
    { productId: 'cheese', qty: 1, cellId: 'A' },
  ]);
  d.facts = [
    fact('f1', { planLineId: 'L1', qty: 12, packingId: 'milk-box', packQty: 1 }),
    fact('f2', { planLineId: 'L1', qty: 12 }),
    fact('f3', { planLineId: 'L2', productId: 'bread', qty: 3 }),
    fact('f4', { planLineId: 'L3', productId: 'cheese', qty: 1.5 }),
  ];
  const s = summarizeDocument(d);
  expect(s.lines.map((l) => [l.key, l.plan, l.fact, l.state])).toEqual([
    ['plan:L1', 24, 24, 'done'],
    ['plan:L2', 5, 3, 'under'],
    ['plan:L3', 1, 1.5, 'over'],
  ]);
  expect(s.lines[2]).toMatchObject({ planLineId: 'L3', productId: 'cheese', cellId: 'A' });
  expect(s.totals).toEqual({
    plan: 30,
    fact: 28.5,
    shortage: 2,
    excess: 0.5,
    unknown: 0,
    lines: 3,
    doneLines: 1,
  });
  expect(s.complete).toBe(false);
});

test('facts outside the plan group by product and cell, unknown ones by barcode', () => {
  const d = doc([{ productId: 'bread', qty: 2 }]);
  d.facts = [
    fact('f1', { cellId: 'A', qty: 2 }),
    fact('f2', { qty: 1 }),
    fact('f3', { cellId: 'A', qty: 3 }),
    fact('f4', { productId: null, unknown: true, barcode: 'X', qty: 4 }),
    fact('f5', { productId: null, unknown: true, barcode: 'X', qty: 1 }),
    fact('f6', { planLineId: 'L1', productId: 'bread', qty: 2 }),
  ];
  const s = summarizeDocument(d);
  expect(s.lines.map((l) => [l.state, l.productId, l.cellId ?? null, l.barcode ?? null, l.fact])).toEqual([
    ['done', 'bread', null, null, 2],
    ['extra', 'milk', 'A', null, 5],
    ['extra', 'milk', null, null, 1],
    ['unknown', null, null, 'X', 5],
  ]);
  expect(new Set(s.lines.map((l) => l.key)).size).toBe(4);
  expect(s.totals).toMatchObject({ plan: 2, fact: 13, shortage: 0, excess: 6, unknown: 5, doneLines: 1 });
  expect(s.complete).toBe(false);
});

test('complete once every plan line is done and nothing else is left', () => {
  const d = doc([
    { productId: 'milk', qty: 2 },
    { productId: 'cheese', qty: 0.3 },
  ]);
  scanAll(d, loose, [scanOf(milk, { qty: 2 }), scanOf(cheese, { qty: 0.1 })]);
  expect(summarizeDocument(d).complete).toBe(false);
  scanAll(d, loose, [scanOf(cheese, { qty: 0.2 })]);
  expect(summarizeDocument(d).lines.map((l) => l.fact)).toEqual([2, 0.3]);
  expect(summarizeDocument(d).complete).toBe(true);
  scanAll(d, loose, [scanOf(null)]);
  expect(summarizeDocument(d).complete).toBe(false);
  scanAll(d, loose, [scanOf(null, { qty: -1 })]);
  // The unknown scan was taken back: it leaves no line behind.
  expect(summarizeDocument(d).lines).toHaveLength(2);
  expect(summarizeDocument(d).complete).toBe(true);
});

test('a plan line nobody touched is under with its full shortage', () => {
  const s = summarizeDocument(doc([{ productId: 'milk', qty: 7 }]));
  expect(s.lines[0]).toMatchObject({ fact: 0, state: 'under' });
  expect(s.totals.shortage).toBe(7);
});

test('a fact bound to a line that left the plan counts as outside the plan', () => {
  const d = doc([{ productId: 'milk', qty: 1 }]);
  d.facts = [fact('f1', { planLineId: 'gone', qty: 3 })];
  const s = summarizeDocument(d);
  expect(s.lines.map((l) => l.state)).toEqual(['under', 'extra']);
  expect(s.totals.excess).toBe(3);
});

test('in a document without a plan every counted product is done and nothing is excess', () => {
  const d = doc([], { type: 'inventory' });
  scanAll(d, docType('inventory'), [
    scanOf(milk, { cellId: 'A', qty: 4 }),
    scanOf(cheese, { cellId: 'A', qty: 1.2 }),
  ]);
  const s = summarizeDocument(d);
  expect(s.lines.map((l) => [l.productId, l.state, l.plan, l.fact])).toEqual([
    ['milk', 'done', 0, 4],
    ['cheese', 'done', 0, 1.2],
  ]);
  expect(s.totals).toMatchObject({ fact: 5.2, excess: 0, shortage: 0, lines: 2, doneLines: 2 });
  expect(s.complete).toBe(true);
});

test('weights add up exactly', () => {
  const d = doc([{ productId: 'cheese', qty: 0.6 }]);
  scanAll(
    d,
    loose,
    [0.1, 0.2, 0.3].map((qty) => scanOf(cheese, { qty })),
  );
  const s = summarizeDocument(d);
  expect(s.lines[0]).toMatchObject({ fact: 0.6, state: 'done' });
  expect(s.totals.shortage).toBe(0);
});
