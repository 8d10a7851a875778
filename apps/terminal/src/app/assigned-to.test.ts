import { expect, test } from 'vitest';
import { isAssignedTo } from './assigned-to.js';

const anna = { id: 'U2', name: 'Anna', groups: ['pickers'] };

test('unassigned documents and a missing operator see everything', () => {
  expect(isAssignedTo({}, anna)).toBe(true);
  expect(isAssignedTo({ assignee: null }, anna)).toBe(true);
  expect(isAssignedTo({ assignee: { deviceId: 'd1' } }, anna)).toBe(true);
  expect(isAssignedTo({ assignee: { userIds: ['U1'] } }, undefined)).toBe(true);
});

test('a document for users or a group is shown to them only', () => {
  expect(isAssignedTo({ assignee: { userIds: ['U1', 'U2'] } }, anna)).toBe(true);
  expect(isAssignedTo({ assignee: { userIds: ['U1'] } }, anna)).toBe(false);
  expect(isAssignedTo({ assignee: { group: 'pickers' } }, anna)).toBe(true);
  expect(isAssignedTo({ assignee: { group: 'storekeepers' } }, anna)).toBe(false);
  expect(isAssignedTo({ assignee: { userIds: ['U1'], group: 'pickers' } }, anna)).toBe(true);
});
