import type { Document } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { orderDocuments } from './document-order.js';

const doc = (id: string, over: Partial<Document> = {}): Document => ({
  id,
  type: 'receipt',
  status: 'new',
  rev: 1,
  lines: [],
  facts: [],
  origin: 'accounting',
  ...over,
});

test('personal documents first, then by priority, then by date; closed ones are left out', () => {
  const docs = [
    doc('late', { date: '2026-11-03', priority: 1 }),
    doc('early', { date: '2026-11-01', priority: 1 }),
    doc('urgent', { priority: 9 }),
    doc('done', { status: 'completed', priority: 99 }),
    doc('for-me', { assignee: { userIds: ['u1'] } }),
    doc('for-device', { assignee: { deviceId: 'D' } }),
    doc('for-group', { assignee: { group: 'night' } }),
  ];
  const ids = orderDocuments(docs, { deviceId: 'D', operatorId: 'u1', groups: ['night'] }).map((d) => d.id);
  expect(ids).toEqual(['for-device', 'for-group', 'for-me', 'urgent', 'early', 'late']);
  const anonymous = orderDocuments(docs, {}).map((d) => d.id);
  expect(anonymous.slice(0, 3)).toEqual(['urgent', 'early', 'late']);
});
