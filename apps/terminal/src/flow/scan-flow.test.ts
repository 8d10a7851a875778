import { expect, test } from 'vitest';
import {
  type FlowEvent,
  type FlowRules,
  type FlowState,
  initialFlow,
  parseQty,
  reduceFlow,
} from './scan-flow.js';

const receipt: FlowRules = { cellRequired: false, quantityMode: 'one' };
const picking: FlowRules = { cellRequired: true, quantityMode: 'one' };
const asking: FlowRules = { cellRequired: false, quantityMode: 'ask' };
const A1 = { id: 'c1', name: 'A-01' };

function run(rules: FlowRules, events: FlowEvent[], start = initialFlow(rules)) {
  let state: FlowState = start;
  const effects = [];
  for (const e of events) {
    const r = reduceFlow(state, e, rules);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}

test('quantityMode one submits each scan at once with quantity 1', () => {
  const { state, effects } = run(receipt, [{ type: 'item', barcode: '111', name: 'Milk' }]);
  expect(effects).toEqual([{ type: 'submit', barcode: '111', name: 'Milk', qty: 1 }]);
  expect(state).toEqual({ step: 'product', qty: '1' });
});

test('an edited quantity applies to the next scan only', () => {
  const { effects, state } = run(receipt, [
    { type: 'qty', value: '12' },
    { type: 'item', barcode: '111', name: 'Milk' },
    { type: 'item', barcode: '111', name: 'Milk' },
  ]);
  expect(effects.map((e) => e.type === 'submit' && e.qty)).toEqual([12, 1]);
  expect(state.qty).toBe('1');
});

test('a cell is required before the product when the type asks for it', () => {
  expect(initialFlow(picking).step).toBe('cell');
  const refused = run(picking, [{ type: 'item', barcode: '111', name: 'Milk' }]);
  expect(refused.effects).toEqual([{ type: 'refuse', code: 'SCAN_CELL_REQUIRED' }]);
  const { effects, state } = run(picking, [
    { type: 'cell', cell: A1 },
    { type: 'item', barcode: '111', name: 'Milk' },
  ]);
  expect(effects).toEqual([
    { type: 'cellSet', cell: A1 },
    { type: 'submit', barcode: '111', name: 'Milk', qty: 1, cellId: 'c1' },
  ]);
  expect(state.cell).toEqual(A1);
  expect(state.step).toBe('product');
});

test('ask mode waits for the quantity and OK', () => {
  const scanned = run(asking, [{ type: 'item', barcode: '222', name: 'Box' }]);
  expect(scanned.effects).toEqual([]);
  expect(scanned.state.step).toBe('qty');
  const { effects, state } = run(asking, [{ type: 'qty', value: '2,5' }, { type: 'confirm' }], scanned.state);
  expect(effects).toEqual([{ type: 'submit', barcode: '222', name: 'Box', qty: 2.5 }]);
  expect(state).toEqual({ step: 'product', qty: '1' });
});

test('in ask mode the next scan confirms the previous quantity', () => {
  const { effects, state } = run(asking, [
    { type: 'item', barcode: '222', name: 'Box' },
    { type: 'qty', value: '3' },
    { type: 'item', barcode: '333', name: 'Jar' },
  ]);
  expect(effects).toEqual([{ type: 'submit', barcode: '222', name: 'Box', qty: 3 }]);
  expect(state.pending).toEqual({ barcode: '333', name: 'Jar' });
  expect(state.qty).toBe('1');
});

test('a bad quantity is refused and keeps the pending item', () => {
  const { effects, state } = run(asking, [
    { type: 'item', barcode: '222', name: 'Box' },
    { type: 'qty', value: '0' },
    { type: 'confirm' },
  ]);
  expect(effects).toEqual([{ type: 'refuse', code: 'SCAN_BAD_QUANTITY' }]);
  expect(state.pending?.barcode).toBe('222');
});

test('a new cell settles the pending item in the old cell first', () => {
  const rules: FlowRules = { cellRequired: true, quantityMode: 'ask' };
  const B2 = { id: 'c2', name: 'B-02' };
  const { effects, state } = run(rules, [
    { type: 'cell', cell: A1 },
    { type: 'item', barcode: '222', name: 'Box' },
    { type: 'cell', cell: B2 },
  ]);
  expect(effects.slice(1)).toEqual([
    { type: 'submit', barcode: '222', name: 'Box', qty: 1, cellId: 'c1' },
    { type: 'cellSet', cell: B2 },
  ]);
  expect(state.cell).toEqual(B2);
});

test('cancel drops the pending item; clearing the cell asks for a cell again', () => {
  const rules: FlowRules = { cellRequired: true, quantityMode: 'ask' };
  const { state } = run(rules, [
    { type: 'cell', cell: A1 },
    { type: 'item', barcode: '222', name: 'Box' },
    { type: 'cancel' },
  ]);
  expect(state).toEqual({ step: 'product', cell: A1, qty: '1' });
  expect(reduceFlow(state, { type: 'clearCell' }, rules).state).toEqual({ step: 'cell', qty: '1' });
});

test('parseQty accepts comma decimals and negative corrections, not zero or text', () => {
  expect(parseQty('1,5')).toBe(1.5);
  expect(parseQty('-2')).toBe(-2);
  expect(parseQty('0')).toBeUndefined();
  expect(parseQty('abc')).toBeUndefined();
  expect(parseQty('')).toBeUndefined();
});

test('in ask mode a weight from the barcode is offered as the quantity', () => {
  const { state } = run(asking, [{ type: 'item', barcode: '2200001012345', name: 'Cheese', qty: '1.234' }]);
  expect(state.qty).toBe('1.234');
});
