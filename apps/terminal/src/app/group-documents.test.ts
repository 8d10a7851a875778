import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import type { Document } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { groupDocuments } from './group-documents.js';

function doc(id: string, type: string, status: Document['status'] = 'new'): Document {
  return { id, type, status, rev: 1, lines: [], facts: [], origin: 'accounting' };
}

test('groups follow the configured type order; open in task order, then closed', () => {
  const all = [
    doc('r1', 'receipt'),
    doc('p1', 'picking'),
    doc('r2', 'receipt', 'completed'),
    doc('r3', 'receipt'),
  ];
  const tasks = [doc('r3', 'receipt'), doc('p1', 'picking'), doc('r1', 'receipt')];
  const groups = groupDocuments(tasks, all, DEFAULT_DOCUMENT_TYPES);
  expect(groups.map((g) => [g.typeId, g.docs.map((d) => d.id)])).toEqual([
    ['receipt', ['r3', 'r1', 'r2']],
    ['picking', ['p1']],
  ]);
  expect(groups[0]?.type?.name.en).toBe('Receipt');
});

test('documents filtered out of `all` stay hidden even when they are tasks; unknown types go last', () => {
  const all = [doc('x1', 'custom'), doc('r1', 'receipt')];
  const tasks = [doc('x1', 'custom'), doc('r1', 'receipt'), doc('hidden', 'receipt')];
  expect(groupDocuments(tasks, all, DEFAULT_DOCUMENT_TYPES).map((g) => g.typeId)).toEqual([
    'receipt',
    'custom',
  ]);
});
