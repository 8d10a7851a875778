// Documents among terminals: claiming a document by scanning its barcode, the signed-in operator,
// and the lease view of the integration/admin API. See docs/protocol.md and docs/integration.md.
import { z } from 'zod';
import { barcodeText } from './catalog.js';
import { DocumentSchema, DocumentStatusSchema } from './document.js';
import { externalId, isoTime } from './ids.js';

/**
 * `POST /device/v1/documents/claim`: a pallet label brings its placement task; a document by id; or
 * `next`: the next pool document of a type issued one at a time (personal first, priority, date).
 */
export const ClaimRequestSchema = z.union([
  z.object({ barcode: barcodeText }).strict(),
  z.object({ id: externalId }).strict(),
  z.object({ next: externalId }).strict(),
]);
export type ClaimRequest = z.infer<typeof ClaimRequestSchema>;
export const ClaimResponseSchema = DocumentSchema;

/** `POST /device/v1/operator`: who works on this terminal now (null: nobody signed in). */
export const OperatorRequestSchema = z.object({ operatorId: externalId.nullable() });
export type OperatorRequest = z.infer<typeof OperatorRequestSchema>;
export const OperatorResponseSchema = z.object({ operatorId: z.string().nullable() });

/** An exclusive hold on a document (`GET /api/v1/leases`). */
export const LeaseSchema = z.object({
  docId: z.string(),
  type: z.string(),
  number: z.string().optional(),
  status: DocumentStatusSchema,
  deviceId: z.string(),
  since: isoTime,
  touchedAt: isoTime,
  /** When the lease returns to the pool if still untouched and without facts. */
  expiresAt: isoTime,
  facts: z.number().int().nonnegative(),
  shared: z.boolean(),
});
export type Lease = z.infer<typeof LeaseSchema>;

export const LeaseListSchema = z.object({ items: z.array(LeaseSchema), leaseHours: z.number().positive() });

/** `POST /api/v1/documents/{id}/reassign`. */
export const ReassignRequestSchema = z.object({ deviceId: z.string().trim().min(1).max(200) });
