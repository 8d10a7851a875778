// Catalog rows: read-only replicas on the terminal, owned by the accounting system.
import { z } from 'zod';
import { externalId } from './ids.js';

/** A barcode as stored: trimmed printable text without control characters, up to 200 characters. */
export const barcodeText = z
  .string()
  .trim()
  .min(1, 'barcode must not be empty')
  .max(200, 'barcode must be at most 200 characters');

const name = z.string().trim().min(1, 'must not be empty').max(500);
const attrs = z.record(z.string().max(100), z.union([z.string().max(2000), z.number(), z.boolean()]));

export const PackingSchema = z.object({
  id: externalId,
  name: name,
  /** How many base units one packing holds (a box of 12 has factor 12). */
  factor: z.number().positive().max(1e9),
  barcodes: z.array(barcodeText).max(100).default([]),
});
export type Packing = z.infer<typeof PackingSchema>;

export const ProductSchema = z.object({
  id: externalId,
  name: name,
  sku: z.string().trim().max(200).optional(),
  /** Base unit name, e.g. "pcs" or "kg". */
  unit: z.string().trim().max(50).optional(),
  barcodes: z.array(barcodeText).max(100).default([]),
  packings: z.array(PackingSchema).max(50).default([]),
  /** Sold by weight: quantities may be fractional. */
  weighted: z.boolean().optional(),
  /** Each unit carries a marking code (Честный знак) that must be scanned. */
  marked: z.boolean().optional(),
  price: z.number().nonnegative().optional(),
  /**
   * Warehouses that keep the product; absent or empty: all of them. A terminal placed in a warehouse
   * holds only that warehouse's products and looks up the rest online.
   */
  warehouseIds: z.array(externalId).max(200).optional(),
  attrs: attrs.optional(),
  /**
   * Properties and characteristics by name (colour, size, country…), shown on the terminal's product
   * card; the CommerceML import fills it from ЗначенияСвойств and ХарактеристикиТовара.
   */
  props: z.record(z.string().max(100), z.string().max(2000)).optional(),
});
export type Product = z.infer<typeof ProductSchema>;
export type ProductInput = z.input<typeof ProductSchema>;

export const WarehouseSchema = z.object({
  id: externalId,
  name: name,
  attrs: attrs.optional(),
});
export type Warehouse = z.infer<typeof WarehouseSchema>;

export const CellSchema = z.object({
  id: externalId,
  name: name,
  warehouseId: externalId.optional(),
  barcodes: z.array(barcodeText).max(20).default([]),
  /** Position on the picking route; lower comes first. */
  route: z.number().int().optional(),
});
export type Cell = z.infer<typeof CellSchema>;

/** Operator as uploaded by the accounting system: a PIN in clear is hashed by the base on arrival. */
export const UserInputSchema = z.object({
  id: externalId,
  name: name,
  pin: z
    .string()
    .regex(/^\d{4,16}$/, 'PIN must be 4–16 digits')
    .optional(),
  badge: z.string().trim().min(1).max(200).optional(),
  groups: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  warehouseIds: z.array(externalId).max(200).default([]),
});
export type UserInput = z.input<typeof UserInputSchema>;

/** Operator as replicated to terminals: secrets only as salted hashes, checked offline. */
export const UserSchema = z.object({
  id: externalId,
  name: name,
  /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>` */
  pinHash: z.string().max(300).optional(),
  badgeHash: z.string().max(300).optional(),
  groups: z.array(z.string()).default([]),
  warehouseIds: z.array(z.string()).default([]),
});
export type User = z.infer<typeof UserSchema>;

export const CATALOG_TABLES = ['products', 'cells', 'warehouses', 'users'] as const;
export type CatalogTable = (typeof CATALOG_TABLES)[number];
export const CatalogTableSchema = z.enum(CATALOG_TABLES);

export interface CatalogRowByTable {
  products: Product;
  cells: Cell;
  warehouses: Warehouse;
  users: User;
}
export type CatalogRow = CatalogRowByTable[CatalogTable];

/** Schemas for rows as the integration API receives them. */
export const CATALOG_INPUT_SCHEMAS = {
  products: ProductSchema,
  cells: CellSchema,
  warehouses: WarehouseSchema,
  users: UserInputSchema,
} as const;

/** Schemas for rows as the device API sends them. */
export const CATALOG_ROW_SCHEMAS = {
  products: ProductSchema,
  cells: CellSchema,
  warehouses: WarehouseSchema,
  users: UserSchema,
} as const;

/** One entry of the catalog change log: a row's newest version, or its deletion. */
export const CatalogChangeSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('put'),
    table: CatalogTableSchema,
    id: z.string(),
    seq: z.number().int().positive(),
    row: z.record(z.string(), z.unknown()),
  }),
  z.object({
    op: z.literal('del'),
    table: CatalogTableSchema,
    id: z.string(),
    seq: z.number().int().positive(),
  }),
]);
export type CatalogChange = z.infer<typeof CatalogChangeSchema>;
