// @shelfsync/formats: streaming readers and writers for what accounting systems exchange
// (JSON, NDJSON, CSV, CommerceML), with no whole-file buffering.

export { documentTypeFor, OPERATION_FOR_TYPE } from './cml-document-types.js';
export type {
  CmlEvent,
  CmlOffer,
  CmlPackage,
  CmlPrice,
  CmlProperty,
  CmlWarning,
  CmlWarningCode,
  ImportedDocument,
} from './cml-events.js';
export {
  applyOffer,
  canonicalProduct,
  isOfferAttr,
  mergeCatalogRow,
  PRICE_ATTR_PREFIX,
  type PriceChoice,
  priceAttr,
  STOCK_ATTR_PREFIX,
  variantFromParent,
} from './cml-merge.js';
export { csvRowToProduct, csvToProducts, PRODUCT_COLUMN_ALIASES, splitBarcodes } from './csv-products.js';
export { type CsvDelimiter, type CsvRecord, MAX_CSV_FIELDS, MAX_CSV_RECORD_CHARS } from './csv-tokenizer.js';
export { parseDecimal } from './decimal.js';
export { hasValidGtinCheckDigit, isInternalCode } from './gtin.js';
export type { ImportResult } from './import-result.js';
export { parseJsonArrayStream } from './json-array-stream.js';
export { parseNdjsonStream } from './ndjson-stream.js';
export { OKEI_UNITS } from './okei-units.js';
export { type CsvOptions, type CsvRow, parseCsv } from './parse-csv.js';
export { COMMERCEML_ROOT, type ReadCommerceMlOptions, readCommerceMl } from './read-commerce-ml.js';
export { type ByteSource, jsonDepth, MAX_JSON_DEPTH, type StreamLimits } from './stream-limits.js';
export type { TextEncodingOption } from './text-decoding.js';
export {
  commerceMlDocumentChunks,
  type ExportRow,
  exportRows,
  FACT_DETAIL_KEYS,
  type FactDetails,
  type WriteCommerceMlOptions,
  writeCommerceMlDocuments,
} from './write-commerce-ml.js';
