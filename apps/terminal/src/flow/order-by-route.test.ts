import type { SummaryLine } from '@shelfsync/domain';
import { expect, test } from 'vitest';
import { nextOpenLine, orderByRoute } from './order-by-route.js';

function line(key: string, cellId: string | undefined, state: SummaryLine['state'] = 'under'): SummaryLine {
  const l: SummaryLine = {
    key,
    planLineId: state === 'extra' ? null : key,
    productId: 'p',
    plan: 1,
    fact: 0,
    state,
  };
  if (cellId !== undefined) l.cellId = cellId;
  return l;
}

test('plan lines follow the cell route; unrouted ones keep plan order after them; extras last', () => {
  const routes = new Map([
    ['B', 2],
    ['A', 1],
  ]);
  const lines = [
    line('1', 'B'),
    line('x', 'A', 'extra'),
    line('2', undefined),
    line('3', 'A'),
    line('4', 'Z'),
  ];
  expect(orderByRoute(lines, routes).map((l) => l.key)).toEqual(['3', '1', '2', '4', 'x']);
});

test('the next open line is the first short plan line in that order', () => {
  const lines = [line('1', 'A', 'done'), line('x', 'A', 'extra'), line('2', 'B'), line('3', 'C')];
  expect(nextOpenLine(lines)?.key).toBe('2');
  expect(nextOpenLine([line('1', 'A', 'done')])).toBeUndefined();
});
