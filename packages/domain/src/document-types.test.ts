import { DocumentTypeSchema } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { DEFAULT_DOCUMENT_TYPES } from './document-types.js';

test('the shipped document types are valid configuration with the four known ids', () => {
  for (const t of DEFAULT_DOCUMENT_TYPES) expect(DocumentTypeSchema.parse(t)).toEqual(t);
  expect(DEFAULT_DOCUMENT_TYPES.map((t) => t.id).sort()).toEqual(['inventory', 'move', 'picking', 'receipt']);
});

test('receipt and picking refuse over-plan; inventory counts whatever is there', () => {
  const byId = new Map(DEFAULT_DOCUMENT_TYPES.map((t) => [t.id, t]));
  expect(byId.get('receipt')?.overPlan).toBe('refuse');
  expect(byId.get('picking')).toMatchObject({ overPlan: 'refuse', notInPlan: 'refuse', cellRequired: true });
  expect(byId.get('inventory')).toMatchObject({ overPlan: 'allow', notInPlan: 'add', cellRequired: true });
});
