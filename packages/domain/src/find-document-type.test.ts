import { expect, test } from 'vitest';
import { DEFAULT_DOCUMENT_TYPES } from './document-types.js';
import { findDocumentType } from './find-document-type.js';

test('finds a type by id and answers undefined for an unknown one', () => {
  expect(findDocumentType(DEFAULT_DOCUMENT_TYPES, 'picking')?.cellRequired).toBe(true);
  expect(findDocumentType(DEFAULT_DOCUMENT_TYPES, 'receipt')?.overPlan).toBe('refuse');
  expect(findDocumentType(DEFAULT_DOCUMENT_TYPES, 'shipment')).toBeUndefined();
});
