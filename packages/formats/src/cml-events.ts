// What readCommerceMl yields: one typed event per completed element, in file order.
import type { DocumentInputSchema, Product, ShelfsyncError, Warehouse } from '@shelfsync/protocol';
import type { z } from 'zod';

/** A document as DocumentInputSchema outputs it (defaults applied). */
export type ImportedDocument = z.output<typeof DocumentInputSchema>;

export type CmlWarningCode =
  | 'BARCODE_CHECK_DIGIT'
  | 'BAD_NUMBER'
  | 'SERVICE_LINE_SKIPPED'
  | 'LINE_SKIPPED'
  | 'UNKNOWN_OPERATION'
  | 'BAD_DATE';

/** Something imported but worth an operator's look; the row itself was kept. */
export interface CmlWarning {
  code: CmlWarningCode;
  message: string;
  line: number;
  /** The value concerned, e.g. the barcode. */
  value?: string;
}

export interface CmlPrice {
  priceTypeId: string;
  value: number;
  currency?: string;
}

/** One Предложение: prices and stock of a product or of one of its variants. */
export interface CmlOffer {
  /** The offer's Ид as written: `productGuid` or `productGuid#variantGuid`. */
  id: string;
  productId: string;
  variantId?: string;
  name?: string;
  sku?: string;
  unit?: string;
  /** OKEI code of the unit (attrs.unitCode). */
  unitCode?: string;
  /** The unit is weighed (kg and the like). */
  weighted?: true;
  barcodes: string[];
  prices: CmlPrice[];
  /** Total stock (Количество, or Остатки/Остаток/Количество in 3.x). */
  quantity?: number;
  /** Stock per warehouse id. */
  stock: { warehouseId: string; quantity: number }[];
  /** ХарактеристикиТовара by name. */
  characteristics: Record<string, string>;
  /** ЗначенияСвойств by property name (resolved through the file's classifier) as text. */
  properties: Record<string, string>;
  deleted: boolean;
  /**
   * For a `product#variant` offer that has a name: the variant as its own product row. Offers
   * without a name (3.x prices and rests files) update the existing row with id `id`.
   */
  variant?: Product;
}

/** A declared Свойство: its name, whether it is a number, its dictionary values by ИдЗначения. */
export interface CmlProperty {
  id: string;
  name: string;
  numeric: boolean;
  values: Record<string, string>;
}

export type CmlPackage = 'classifier' | 'catalog' | 'offers' | 'container';

export type CmlEvent =
  | { type: 'root'; schemaVersion?: string; generatedAt?: string; line: number }
  /** delta: СодержитТолькоИзменения="true", so rows absent from the package must not be deleted. */
  | {
      type: 'package';
      package: CmlPackage;
      delta: boolean;
      /** СодержитТолькоИзменения="false" written out: the package is the whole of its scope. */
      full: boolean;
      line: number;
    }
  /** The Ид of a Каталог (its scope: a full catalog deletes only rows it listed before). */
  | { type: 'catalog'; id: string; line: number }
  | { type: 'group'; id: string; name: string; parentId?: string; line: number }
  | { type: 'priceType'; id: string; name: string; currency?: string; line: number }
  /** A Свойство the classifier declares (later files may name it only by Ид). */
  | { type: 'property'; property: CmlProperty; line: number }
  | { type: 'warehouse'; warehouse: Warehouse; line: number }
  | { type: 'product'; product: Product; deleted: boolean; line: number; warnings: CmlWarning[] }
  | { type: 'offer'; offer: CmlOffer; line: number; warnings: CmlWarning[] }
  | { type: 'document'; document: ImportedDocument; line: number; warnings: CmlWarning[] }
  /** An element that could not become a valid row; the rest of the file goes on. */
  | { type: 'rejected'; element: string; id?: string; line: number; error: ShelfsyncError };
