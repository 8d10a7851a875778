import { expect, test } from 'vitest';
import type { DocumentAccess } from './document-visibility.js';
import { isVisibleTo, revocationReason } from './document-visibility.js';

const doc = (over: Partial<DocumentAccess> = {}): DocumentAccess => ({
  type: 'receipt',
  status: 'new',
  holder: null,
  assigneeDevice: null,
  ...over,
});
const shared = new Set(['inventory']);

test('an open, unassigned, unheld document is visible to every device', () => {
  for (const status of ['new', 'taken', 'in_progress', 'released'] as const) {
    expect(isVisibleTo(doc({ status }), 'A', shared)).toBe(true);
  }
  for (const status of ['completed', 'exported', 'cancelled', 'rejected'] as const) {
    expect(isVisibleTo(doc({ status }), 'A', shared)).toBe(false);
  }
});

test('an assignee device or another holder hides the document unless its type is shared', () => {
  expect(isVisibleTo(doc({ assigneeDevice: 'B' }), 'A', shared)).toBe(false);
  expect(isVisibleTo(doc({ assigneeDevice: 'A' }), 'A', shared)).toBe(true);
  expect(isVisibleTo(doc({ status: 'in_progress', holder: 'B' }), 'A', shared)).toBe(false);
  expect(isVisibleTo(doc({ status: 'in_progress', holder: 'A' }), 'A', shared)).toBe(true);
  expect(isVisibleTo(doc({ type: 'inventory', status: 'in_progress', holder: 'B' }), 'A', shared)).toBe(true);
});

test('revocation reasons name what happened', () => {
  expect(revocationReason(doc({ status: 'cancelled', cancelReason: 'order withdrawn' }), 'A')).toBe(
    'order withdrawn',
  );
  expect(revocationReason(doc({ status: 'completed', holder: 'B' }), 'A')).toBe(
    'completed by another device',
  );
  expect(revocationReason(doc({ status: 'in_progress', holder: 'B' }), 'A')).toBe('taken by another device');
  expect(revocationReason(doc({ assigneeDevice: 'B' }), 'A')).toBe('assigned to another device');
  expect(revocationReason(doc({ status: 'taken', holder: 'B', takenFrom: 'A' }), 'A')).toBe('taken over');
  expect(revocationReason(doc({ status: 'taken', holder: 'B', takenFrom: 'C' }), 'A')).toBe(
    'taken by another device',
  );
});
