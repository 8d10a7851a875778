import { expect, test } from 'vitest';
import type { AssignedDocument, OperatorScope } from './operator-visibility.js';
import { operatorRefusal, pickNext } from './operator-visibility.js';

const scope = (over: Partial<OperatorScope> = {}): OperatorScope => ({
  operatorId: 'u1',
  groups: ['night'],
  onePerOperator: new Set(['picking']),
  ...over,
});
const doc = (over: Partial<AssignedDocument> = {}): AssignedDocument => ({
  type: 'receipt',
  holder: null,
  assigneeDevice: null,
  assignee: null,
  ...over,
});

test('operator and group assignments reach only the operators they name', () => {
  expect(operatorRefusal(doc(), 'A', scope())).toBeNull();
  expect(operatorRefusal(doc({ assignee: { userIds: ['u1'] } }), 'A', scope())).toBeNull();
  expect(operatorRefusal(doc({ assignee: { group: 'night' } }), 'A', scope())).toBeNull();
  expect(operatorRefusal(doc({ assignee: { userIds: ['u2'] } }), 'A', scope())).toBe(
    'assigned to another operator',
  );
  expect(operatorRefusal(doc({ assignee: { group: 'day' } }), 'A', scope({ operatorId: null }))).toBe(
    'assigned to another operator',
  );
  // Work in progress stays with the device whoever signs in.
  expect(operatorRefusal(doc({ assignee: { userIds: ['u2'] }, holder: 'A' }), 'A', scope())).toBeNull();
});

test('pool documents of a one-per-operator type are issued, not pulled', () => {
  expect(operatorRefusal(doc({ type: 'picking' }), 'A', scope())).toBe('issued one at a time');
  expect(operatorRefusal(doc({ type: 'picking', holder: 'A' }), 'A', scope())).toBeNull();
  expect(operatorRefusal(doc({ type: 'picking', assignee: { userIds: ['u1'] } }), 'A', scope())).toBeNull();
});

test('the next document: personal first, then higher priority, then older', () => {
  const c = (id: string, priority: number, date: string, over: Partial<AssignedDocument> = {}) => ({
    ...doc({ type: 'picking', ...over }),
    id,
    priority,
    date,
  });
  const pool = [c('low', 1, '2026-01-01'), c('high', 5, '2026-01-03'), c('old-high', 5, '2026-01-02')];
  expect(pickNext(pool, 'A', scope())?.id).toBe('old-high');
  expect(
    pickNext([...pool, c('mine', 0, '2026-02-01', { assignee: { userIds: ['u1'] } })], 'A', scope())?.id,
  ).toBe('mine');
  expect(
    pickNext([c('theirs', 9, '2026-01-01', { assignee: { userIds: ['u2'] } })], 'A', scope()),
  ).toBeUndefined();
});
