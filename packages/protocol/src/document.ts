// Task documents: a header, plan lines from the accounting system, fact lines from scanning.
import { z } from 'zod';
import { barcodeText } from './catalog.js';
import { externalId, isoDateOrTime, isoTime } from './ids.js';

export const DOCUMENT_STATUSES = [
  'new',
  'taken',
  'in_progress',
  'completed',
  'exported',
  'cancelled',
  'released',
  'rejected',
] as const;
export const DocumentStatusSchema = z.enum(DOCUMENT_STATUSES);
export type DocumentStatus = z.infer<typeof DocumentStatusSchema>;

/** Statuses in which terminals may still add facts. */
export const OPEN_STATUSES: readonly DocumentStatus[] = ['new', 'taken', 'in_progress', 'released'];

const extraFields = z.record(
  z.string().max(100),
  z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]),
);
const quantity = z.number().finite().min(-1e9).max(1e9);

/** Who should process a document; empty means anyone. */
export const AssigneeSchema = z.object({
  deviceId: z.string().max(200).optional(),
  userIds: z.array(externalId).max(100).optional(),
  group: z.string().trim().min(1).max(100).optional(),
});
export type Assignee = z.infer<typeof AssigneeSchema>;

export const PlanLineInputSchema = z.object({
  id: externalId.optional(),
  productId: externalId,
  qty: quantity.refine((q) => q >= 0, 'planned quantity must not be negative'),
  packingId: externalId.optional(),
  cellId: externalId.optional(),
  price: z.number().nonnegative().optional(),
  fields: extraFields.optional(),
});
export type PlanLineInput = z.input<typeof PlanLineInputSchema>;

export const PlanLineSchema = PlanLineInputSchema.extend({ id: externalId });
export type PlanLine = z.infer<typeof PlanLineSchema>;

/** A document as the accounting system sends it. */
export const DocumentInputSchema = z.object({
  id: externalId,
  type: externalId,
  number: z.string().trim().max(100).optional(),
  date: isoDateOrTime.optional(),
  warehouseId: externalId.optional(),
  counterparty: z.string().trim().max(500).optional(),
  assignee: AssigneeSchema.nullable().optional(),
  priority: z.number().int().min(-1000).max(1000).optional(),
  /** A barcode that issues this document when scanned (e.g. a pallet label). */
  barcode: barcodeText.optional(),
  comment: z.string().max(5000).optional(),
  fields: extraFields.optional(),
  lines: z.array(PlanLineInputSchema).max(100_000).default([]),
});
export type DocumentInput = z.input<typeof DocumentInputSchema>;

/** A scan, or a correction, recorded on a terminal. Several per plan line are normal. */
export const FactLineSchema = z.object({
  /** Generated on the terminal (UUID); makes re-sent facts idempotent. */
  id: z.string().min(1).max(100),
  planLineId: z.string().max(200).nullable().default(null),
  /** Null for an unknown barcode kept for later resolution. */
  productId: z.string().max(200).nullable(),
  packingId: z.string().max(200).optional(),
  /** Number of packings scanned, when a packing barcode was used. */
  packQty: quantity.optional(),
  /** Quantity in base units; negative corrects earlier facts. */
  qty: quantity,
  cellId: z.string().max(200).optional(),
  /** The raw scanned text. */
  barcode: z.string().max(500).optional(),
  unknown: z.boolean().optional(),
  /** An unknown barcode the base recognised on arrival and filled in (the raw barcode is kept). */
  resolvedByBase: z.boolean().optional(),
  serial: z.string().max(200).optional(),
  lot: z.string().max(200).optional(),
  expiry: z.string().max(30).optional(),
  markingCode: z.string().max(500).optional(),
  deviceId: z.string().max(200).optional(),
  operatorId: z.string().max(200).optional(),
  at: isoTime,
});
export type FactLine = z.infer<typeof FactLineSchema>;
export type FactLineInput = z.input<typeof FactLineSchema>;

/** A document as the base stores it and sends it to terminals and back to the accounting system. */
export const DocumentSchema = DocumentInputSchema.extend({
  status: DocumentStatusSchema,
  /** Monotonic revision on the base; changes whenever the header, plan or status changes. */
  rev: z.number().int().nonnegative(),
  lines: z.array(PlanLineSchema),
  facts: z.array(FactLineSchema).default([]),
  createdAt: isoTime.optional(),
  updatedAt: isoTime.optional(),
  completedAt: isoTime.optional(),
  /** Device that holds the document (exclusive lease) or completed it. */
  deviceId: z.string().optional(),
  /** Set on documents created on a terminal. */
  origin: z.enum(['accounting', 'terminal']).default('accounting'),
  cancelReason: z.string().max(2000).optional(),
});
export type Document = z.infer<typeof DocumentSchema>;
