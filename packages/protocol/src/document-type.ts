// Document types are configuration: how the filling engine treats scans for each kind of task.
import { z } from 'zod';
import { externalId } from './ids.js';

export const OVER_PLAN = ['allow', 'warn', 'refuse'] as const;
export const NOT_IN_PLAN = ['add', 'refuse'] as const;
export const UNKNOWN_BARCODE = ['refuse', 'keep'] as const;
export const QUANTITY_MODES = ['one', 'ask'] as const;

export const DocumentTypeSchema = z.object({
  id: externalId,
  name: z.object({ en: z.string().min(1).max(100), ru: z.string().min(1).max(100) }),
  /** What to do when a scan would exceed the planned quantity of its line. */
  overPlan: z.enum(OVER_PLAN),
  /** What to do with a known product that is not in the plan. */
  notInPlan: z.enum(NOT_IN_PLAN),
  /** What to do with a barcode no product carries. */
  unknownBarcode: z.enum(UNKNOWN_BARCODE),
  /** Every fact line needs a cell (scan the cell before the product). */
  cellRequired: z.boolean(),
  /** `one`: each scan counts one unit (or one packing); `ask`: the operator confirms the quantity. */
  quantityMode: z.enum(QUANTITY_MODES),
  /** Each unit must have its marking code scanned; the same code twice in a document is refused. */
  markingRequired: z.boolean().default(false),
  /** Send the document right after it is finished when a link exists. */
  exchangeOnComplete: z.boolean().default(true),
  /** Operators may create documents of this type on the terminal (blind receipt, ad-hoc count). */
  creatableOnTerminal: z.boolean().default(false),
  /** Several terminals may process one document at once; their facts merge on the base. */
  shared: z.boolean().default(false),
  /**
   * An operator gets a document of this type from the pool only with no other unfinished one of it
   * (picking: one order at a time). Optional, so types stored before it stay valid.
   */
  onePerOperator: z.boolean().optional(),
  /** Shortages are allowed when finishing (picking: with a reason). */
  allowShortage: z.boolean().default(true),
});
export type DocumentType = z.infer<typeof DocumentTypeSchema>;
export type DocumentTypeInput = z.input<typeof DocumentTypeSchema>;
