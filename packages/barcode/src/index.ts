// @shelfsync/barcode: turns what a barcode scanner sends into typed scans. Pure, no I/O.
export { gs1CheckDigit, hasValidCheckDigit } from './check-digit.js';
export type { BarcodeError, BarcodeErrorCode } from './errors.js';
export { GS1_DICTIONARY_RELEASE } from './gs1-ai-table.generated.js';
export type { AiSpec } from './gs1-ai-table.js';
export { GS1_AIS } from './gs1-ai-table.js';
export { associationWarnings } from './gs1-associations.js';
export type { Gs1Element } from './gs1-element-string.js';
export { encodeElementString, GS, parseElementString } from './gs1-element-string.js';
export { hriToElementString } from './gs1-hri.js';
export { expandUpcE, normalizeGtin } from './gtin.js';
export { lookupKeys } from './lookup-keys.js';
export { normalizeScan } from './normalize-scan.js';
export { parseScan } from './parse-scan.js';
export { validateScanRules } from './scan-rules.js';
export type {
  Gs1Ai,
  InStoreRule,
  MarkingGroup,
  PackingTemplate,
  ParsedScan,
  ParseResult,
  ScanKind,
  ScanRules,
} from './types.js';
export { MARKING_GROUPS, SCAN_KINDS } from './types.js';
