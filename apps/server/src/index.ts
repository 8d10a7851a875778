// @shelfsync/server: the base's HTTP server (integration API, device API, OpenAPI docs).

export { configVersion, readBaseConfig, storeBaseConfig } from './base-config.js';
export { type BuildServerOptions, buildServer } from './build-server.js';
export { answerBundle, type BundleAnswer } from './bundles/answer-bundle.js';
export { createEnrollmentBundle, type EnrollmentBundle } from './bundles/enrollment-bundle.js';
export {
  type BundleFolder,
  type BundleFolderOptions,
  startBundleFolder,
} from './bundles/start-bundle-folder.js';
export { configYaml, formatConfigIssue, parseConfigText } from './config-file.js';
export {
  DEFAULT_LOG_RETENTION_DAYS,
  type DeviceLogFilter,
  deviceLogFiles,
  type StoredDeviceLogLine,
} from './device-log-files.js';
export { DeviceService } from './device-service.js';
export {
  createEnrollmentCode,
  createStartupEnrollmentCode,
  DEFAULT_ENROLLMENT_TTL_MS,
  normalizeEnrollmentCode,
} from './enrollment-code.js';
export type { CatalogSink, ImportedDocumentInput } from './exchange-folder/catalog-sink.js';
export { importCommerceMl } from './exchange-folder/commerceml-import.js';
export { EXPORT_FORMATS, type ExportFormat } from './exchange-folder/export-format.js';
export {
  csvProductRows,
  fileBytes,
  type ImportFileOptions,
  importFile,
  readDocuments,
} from './exchange-folder/import-file.js';
export {
  addCounts,
  describeSummary,
  emptySummary,
  type ImportSummary,
  importedAnything,
  PRINTED_WARNINGS,
  warningReport,
  warningWithFile,
} from './exchange-folder/import-summary.js';
export { type InputKind, inputKind } from './exchange-folder/input-kind.js';
export {
  DEFAULT_POLL_MS,
  type ExchangeFolder,
  type ExchangeFolderOptions,
  startExchangeFolder,
} from './exchange-folder/start-exchange-folder.js';
export {
  DEFAULT_KEEP_MUTATIONS_PER_DEVICE,
  DEFAULT_MUTATION_RETENTION_DAYS,
  type MutationSweeper,
  type MutationSweeperOptions,
  startMutationSweeper,
} from './mutation-sweeper.js';
export {
  DEFAULT_PROGRESS_AFTER_MS,
  ONE_C_COOKIE,
  ONE_C_EXCHANGE_PATH,
  type OneCExchangeOptions,
} from './one-c-exchange/one-c-exchange.js';
export { ONE_C_ENCODINGS, type OneCEncoding } from './one-c-exchange/sale-documents.js';
export { encodeXmlWindows1251 } from './one-c-exchange/windows-1251.js';
export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  type OneCServeOptions,
  type OpenServerOptions,
  openServer,
  type RunningServer,
  resolveApiKey,
} from './open-server.js';
export { PIN_HASH_ITERATIONS, verifyPin } from './pin-hash.js';
export { sha256Hex } from './secrets.js';
export { SERVER_VERSION } from './server-version.js';
export { registerTerminalApp, TERMINAL_APP_DIST } from './terminal-app.js';
export { prepareTls, type TlsMaterial, type TlsOptions } from './tls.js';
