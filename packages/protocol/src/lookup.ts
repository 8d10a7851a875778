// Hybrid lookup (DESIGN.md §6): where each catalog table is looked up, and the device API messages a
// terminal uses when its own replica does not know a barcode, or for data kept on the server only.
import { z } from 'zod';
import { barcodeText, CatalogTableSchema, CellSchema, PackingSchema, ProductSchema } from './catalog.js';
import { externalId } from './ids.js';

/**
 * `device`: answered from the terminal's replica only. `hybrid`: the replica first, then the server
 * when online (and the answer is cached). `server`: the server first when online, else the replica.
 */
export const LOOKUP_PLACEMENTS = ['device', 'server', 'hybrid'] as const;
export const LookupPlacementSchema = z.enum(LOOKUP_PLACEMENTS);
export type LookupPlacement = z.infer<typeof LookupPlacementSchema>;

/** Per catalog table; a table not listed uses DEFAULT_LOOKUP_PLACEMENT. */
export const LookupConfigSchema = z.partialRecord(
  CatalogTableSchema,
  z.object({ placement: LookupPlacementSchema }),
);
export type LookupConfig = z.infer<typeof LookupConfigSchema>;

export const DEFAULT_LOOKUP_PLACEMENT: LookupPlacement = 'hybrid';

/** How long a terminal waits for an online lookup before treating the barcode as unknown. */
export const ONLINE_LOOKUP_TIMEOUT_MS = 1500;

export const LookupRequestSchema = z.object({ barcode: barcodeText });
export type LookupRequest = z.input<typeof LookupRequestSchema>;

/** Empty when the base does not know the barcode either. */
export const LookupResponseSchema = z.object({
  product: ProductSchema.optional(),
  /** The packing whose barcode was scanned (a box), with the product. */
  packing: PackingSchema.optional(),
  cell: CellSchema.optional(),
});
export type LookupResponse = z.infer<typeof LookupResponseSchema>;

/** Stock by cell, kept on the server only and asked online (a large table). */
export const StockRowSchema = z.object({
  productId: externalId,
  cellId: externalId,
  warehouseId: externalId.optional(),
  qty: z.number().finite().min(-1e12).max(1e12),
});
export type StockRow = z.infer<typeof StockRowSchema>;

export const StockRequestSchema = z.object({ productId: externalId });
export type StockRequest = z.input<typeof StockRequestSchema>;

export const StockResponseSchema = z.object({ items: z.array(StockRowSchema) });
export type StockResponse = z.infer<typeof StockResponseSchema>;
