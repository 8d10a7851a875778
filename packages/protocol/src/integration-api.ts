// Integration API messages (accounting system ⇄ base), under /api/v1. See docs/integration.md.
import { z } from 'zod';
import { DocumentInputSchema, DocumentSchema } from './document.js';

export const INTEGRATION_API_PREFIX = '/api/v1';

export const UpsertResultSchema = z.object({
  table: z.string(),
  received: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  deleted: z.number().int().nonnegative(),
  /** Catalog sequence after the upload. */
  cursor: z.number().int().nonnegative(),
});
export type UpsertResult = z.infer<typeof UpsertResultSchema>;

export const DocumentsUploadSchema = z.union([DocumentInputSchema, z.array(DocumentInputSchema).max(10_000)]);

export const DocumentListQuerySchema = z.object({
  /** `cancelled`: cancelled documents that received facts, until acknowledged (same ack flow). */
  status: z.enum(['completed', 'cancelled']).default('completed'),
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().positive().max(1000).default(100),
});

export const DocumentListResponseSchema = z.object({
  items: z.array(DocumentSchema),
  /** Pass as `after` for the next page; equals `after` when nothing new. */
  next: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type DocumentListResponse = z.infer<typeof DocumentListResponseSchema>;

export const EnrollmentCodeResponseSchema = z.object({
  code: z.string(),
  expiresAt: z.string(),
});
