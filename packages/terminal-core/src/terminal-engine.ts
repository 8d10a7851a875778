// The terminal engine: enrollment, the exchange with the base, catalog lookup and the operator's
// actions on documents. Platform-free: storage, HTTP, timers, clock and ids are injected.
import type { ScanRules } from '@shelfsync/barcode';
import type { BundleCrypto } from '@shelfsync/bundle';
import {
  DEFAULT_DOCUMENT_TYPES,
  type DocumentSummary,
  type ScanOutcome,
  summarizeDocument,
} from '@shelfsync/domain';
import type { HelloApp, StockRow } from '@shelfsync/protocol';
import { type ClaimRequest, type Document, ERRORS, type Mutation, ShelfsyncError } from '@shelfsync/protocol';
import { type LookupResult, readBarcode, scanFieldsOf, withUnreadableReason } from './barcode-resolver.js';
import {
  type BundleContext,
  type BundleFile,
  type BundleImport,
  exportBundle,
  importBundle,
} from './bundle-exchange.js';
import { scanRulesOf } from './config-scan-rules.js';
import { type CreateDocumentRequest, newLocalDocument } from './create-document.js';
import type { DeviceTransport } from './device-transport.js';
import { claimDocument } from './document-claims.js';
import { orderDocuments } from './document-order.js';
import { exchange, type SyncSummary } from './exchange.js';
import type { StorageEstimate } from './hello-offers.js';
import { HttpDeviceTransport } from './http-device-transport.js';
import { completeChange, releaseChange, scanChange } from './local-changes.js';
import { sendOperator, signIn } from './operator-session.js';
import { applyPendingConfig, pendingConfig, pendingConfigField } from './pending-config.js';
import type { AbortLike, FetchLike, Timers } from './platform.js';
import { appendLog, type LogLevel } from './terminal-log.js';
import { TerminalOnline } from './terminal-online.js';
import type { Enrollment, Rejection, TerminalConfig, TerminalStore } from './terminal-store.js';

export interface TerminalEngineOptions {
  store: TerminalStore;
  fetch: FetchLike;
  timers: Timers;
  /** A fresh unique id (UUID) for fact lines. */
  randomId: () => string;
  now?: () => Date;
  newAbort?: () => AbortLike;
  timeoutMs?: number;
  appVersion?: string;
  platform?: string;
  /** Catalog changes per pull page. */
  pullLimit?: number;
  /** Site rules for weight and price barcodes, packing templates, marking codes. */
  scanRules?: ScanRules;
  /** Replaces HTTP, e.g. with an in-process base in tests. */
  transportFor?: (urls: readonly string[], token?: string) => DeviceTransport;
  /** Called after each recorded local change, e.g. to trigger a sync when a document is finished. */
  onRecorded?: (mutations: Mutation[]) => void;
  /** SHA-256, Ed25519 and gzip for exchange bundles (RDP relay); without it bundles are unavailable. */
  bundleCrypto?: BundleCrypto;
  /** Ask the base for barcodes the replica misses (hybrid lookup); default true. */
  lookupOnline?: boolean;
  /** How long an online lookup may take before the barcode counts as unknown; default 1.5 s. */
  lookupTimeoutMs?: number;
  /** Storage used and free, reported at hello for the device registry. */
  storageEstimate?: () => Promise<StorageEstimate | undefined>;
}

export interface ScanRequest {
  barcode: string;
  /** Units, or packings for a packing barcode; negative corrects. */
  qty?: number;
  cellBarcode?: string;
  cellId?: string;
  operatorId?: string;
  serial?: string;
  lot?: string;
  expiry?: string;
  markingCode?: string;
}

export interface TerminalStatus {
  enrolled: boolean;
  deviceId?: string;
  baseId?: string;
  urls: string[];
  pending: number;
  rejections: number;
  catalogCursor: number;
  docCursor: number;
  /** Version of the document types in use; absent before the first exchange (defaults apply). */
  configVersion?: string;
  /** A configuration received while a document is open, applied on the main screen. */
  pendingConfigVersion?: string;
  /** An app version the base offers this device's group, not yet running (switch on the main screen). */
  pendingAppVersion?: string;
  /** The warehouse whose catalog the base sends (absent: the whole catalog). */
  warehouse?: { id: string; name?: string | undefined };
  lastSync?: { at: string; pushed: number; pulledChanges: number; pulledDocuments: number };
}

export class TerminalEngine {
  readonly store: TerminalStore;
  private readonly now: () => Date;
  private syncing: Promise<unknown> = Promise.resolve();
  private logging: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: TerminalEngineOptions) {
    this.store = options.store;
    this.now = options.now ?? (() => new Date());
  }

  /** Enrolls with a one-time code; refuses while work from an earlier enrollment is unsent. */
  async enroll(urls: readonly string[], code: string, name?: string): Promise<Enrollment> {
    const clean = urls.map((u) => u.trim()).filter((u) => u !== '');
    if (clean.length === 0 || clean.some((u) => !/^https?:\/\/[^/]/i.test(u))) {
      throw new ShelfsyncError('CLI_USAGE', 'Server URLs must start with http:// or https://.', { urls });
    }
    const { pending } = await this.store.outboxState();
    if (pending > 0) throw new ShelfsyncError('TERMINAL_UNSENT_CHANGES', undefined, { pending });
    const answer = await this.transport(clean).enroll({
      code,
      ...(name !== undefined ? { name } : {}),
      ...this.identity(),
    });
    const enrollment: Enrollment = {
      deviceId: answer.deviceId,
      token: answer.token,
      baseId: answer.baseId,
      ...(answer.baseName !== undefined ? { baseName: answer.baseName } : {}),
      urls: clean,
      enrolledAt: this.now().toISOString(),
    };
    await this.store.resetForEnrollment(enrollment);
    return enrollment;
  }

  /** One exchange: hello, push the outbox, pull until caught up. Never runs twice at once. */
  sync(): Promise<SyncSummary> {
    return this.exclusive(() => this.syncOnce());
  }

  /** Exchanges (HTTP or bundle) run one at a time. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.syncing.then(fn, fn);
    this.syncing = run.catch(() => {});
    return run;
  }

  private bundleContext(): BundleContext {
    const crypto = this.options.bundleCrypto;
    if (!crypto) throw new ShelfsyncError('CLI_USAGE', 'Bundles are not available on this platform.');
    return { store: this.store, crypto, identity: this.identity(), now: () => this.now().toISOString() };
  }

  /** Writes the outbox, log and cursors into a signed bundle for the base (RDP relay). */
  exportBundle(): Promise<BundleFile> {
    return this.exclusive(async () => {
      const file = await exportBundle(this.bundleContext());
      await this.log('info', `bundle ${file.name} exported`);
      return file;
    });
  }

  /** Verifies and applies a bundle from the base (an answer, or an enrollment); a refused one changes nothing. */
  importBundle(bytes: Uint8Array): Promise<BundleImport> {
    return this.exclusive(async () => {
      const result = await importBundle(this.bundleContext(), bytes);
      if (result.kind === 'exchange') await this.log('info', `bundle ${result.sequence} imported`);
      return result;
    });
  }

  async status(): Promise<TerminalStatus> {
    const [enrollment, outbox, rejections, cursors, lastSync, config, warehouse] = await Promise.all([
      this.store.getMeta('enrollment'),
      this.store.outboxState(),
      this.store.listRejections(),
      this.store.getCursors(),
      this.store.getMeta('lastSync'),
      this.store.getMeta('config'),
      this.store.getMeta('warehouse'),
    ]);
    return {
      enrolled: enrollment !== undefined,
      ...(enrollment ? { deviceId: enrollment.deviceId, baseId: enrollment.baseId } : {}),
      urls: enrollment?.urls ?? [],
      pending: outbox.pending,
      rejections: rejections.length,
      catalogCursor: cursors.catalog,
      docCursor: cursors.documents,
      ...(config ? { configVersion: config.version } : {}),
      ...(lastSync ? { lastSync } : {}),
      ...(warehouse ? { warehouse } : {}),
      ...(await this.pendingAppVersionField()),
      ...(await pendingConfigField(this.store)),
    };
  }

  /** A configuration received while a document was open, waiting for the main screen. */
  pendingConfig(): Promise<TerminalConfig | undefined> {
    return pendingConfig(this.store);
  }

  /** Puts the pending configuration in force on the main screen; TERMINAL_DOCUMENT_OPEN otherwise. */
  applyPendingConfig(): Promise<TerminalConfig | undefined> {
    return this.exclusive(() => applyPendingConfig(this.store));
  }

  /** The UI says which document is on screen (null: the main screen), so configuration waits. */
  setOpenDocument(id: string | null): Promise<void> {
    return this.store.setMeta('openDocument', id);
  }

  /** Finds a barcode in the local catalog: a product (and packing), else a cell. Works offline. */
  async lookup(barcode: string): Promise<LookupResult> {
    const rules = scanRulesOf(this.options.scanRules, await this.store.getMeta('config'));
    return this.online().resolve(barcode, readBarcode(barcode, rules).parsed);
  }

  listDocuments(): Promise<Document[]> {
    return this.store.listDocuments();
  }

  getDocument(id: string): Promise<Document | undefined> {
    return this.store.getDocument(id);
  }

  async summary(docId: string): Promise<DocumentSummary> {
    return summarizeDocument(await this.requireDocument(docId));
  }

  listRejections(): Promise<Rejection[]> {
    return this.store.listRejections();
  }

  /**
   * Applies a scan with the document type's rules. On success the fact and its mutation(s) are stored
   * in one transaction before this resolves; a refusal stores nothing and comes back as the outcome.
   */
  async scan(docId: string, request: ScanRequest): Promise<ScanOutcome> {
    const cell = await this.resolveCell(request);
    if (cell === null) {
      return {
        ok: false,
        code: 'SCAN_UNKNOWN_CELL',
        message: ERRORS.SCAN_UNKNOWN_CELL.message,
        details: { barcode: request.cellBarcode },
      };
    }
    const config = await this.store.getMeta('config');
    const reading = readBarcode(request.barcode, scanRulesOf(this.options.scanRules, config));
    const { parsed } = reading;
    const found = await this.online().resolve(request.barcode, parsed);
    if (found?.kind === 'cell') {
      // Not an unknown product: the operator scanned a cell label where a product was expected.
      const message = `This is the barcode of cell ${found.cell.name}; scan it as the cell, then the product.`;
      return { ok: false, code: 'SCAN_UNKNOWN_BARCODE', message, details: { cellId: found.cell.id } };
    }
    const resolved =
      found?.kind === 'product'
        ? found.packing
          ? { product: found.product, packing: found.packing }
          : { product: found.product }
        : null;
    const [enrollment, operator] = await Promise.all([
      this.store.getMeta('enrollment'),
      this.store.getMeta('operator'),
    ]);
    const types = config?.documentTypes ?? DEFAULT_DOCUMENT_TYPES;
    const { barcode, cellBarcode: _cb, cellId: _ci, ...extra } = request;
    const scan = {
      ...scanFieldsOf(parsed),
      ...(operator?.id ? { operatorId: operator.id } : {}),
      ...extra,
      factId: this.options.randomId(),
      at: this.now().toISOString(),
      barcode: barcode.trim(),
      resolved,
      ...(cell ? { cellId: cell } : {}),
      ...(enrollment ? { deviceId: enrollment.deviceId } : {}),
    };
    const { result, mutations } = await this.store.recordLocalChange(docId, (doc) =>
      scanChange(doc, types, scan),
    );
    this.recorded(mutations);
    return resolved ? result : withUnreadableReason(result, reading);
  }

  /**
   * Makes a document on the terminal (types configured creatableOnTerminal): stored in progress with
   * its `doc.create` in one transaction, so it works offline and reaches the base at the next exchange.
   */
  async createDocument(request: CreateDocumentRequest): Promise<Document> {
    const [config, enrollment] = await Promise.all([
      this.store.getMeta('config'),
      this.store.getMeta('enrollment'),
    ]);
    const made = {
      id: this.options.randomId(),
      at: this.now().toISOString(),
      deviceId: enrollment?.deviceId,
    };
    const { doc, mutation } = newLocalDocument(
      config?.documentTypes ?? DEFAULT_DOCUMENT_TYPES,
      request,
      made,
    );
    this.recorded([await this.store.createLocalDocument(doc, mutation)]);
    await this.log('info', `document ${doc.id} (${doc.type}) created`);
    return doc;
  }

  /** Finishes a document; it is sent at the next exchange. */
  async complete(docId: string): Promise<Document> {
    const at = this.now().toISOString();
    const { result, mutations } = await this.store.recordLocalChange(docId, (doc) => completeChange(doc, at));
    this.recorded(mutations);
    await this.log('info', `document ${docId} completed`);
    return result;
  }

  /** Gives a document back to the base unprocessed. */
  async release(docId: string, reason?: string): Promise<Document> {
    const at = this.now().toISOString();
    const { result, mutations } = await this.store.recordLocalChange(docId, (doc) =>
      releaseChange(doc, at, reason),
    );
    this.recorded(mutations);
    return result;
  }

  /** Asks the base for the document carrying `barcode` (a pallet label), then syncs to store it. */
  claimByBarcode(barcode: string): Promise<Document> {
    return this.claimThenSync({ barcode: barcode.trim() });
  }

  /** Asks the base for a document by id, then syncs to store it. */
  claim(docId: string): Promise<Document> {
    return this.claimThenSync({ id: docId });
  }

  /** Asks the base for the next document of a type issued one at a time, then syncs to store it. */
  claimNext(type: string): Promise<Document> {
    return this.claimThenSync({ next: type });
  }

  /** Signs an operator in (null: out); the base learns it at the next exchange. */
  login(operatorId: string | null): Promise<void> {
    return signIn(this.store, operatorId);
  }

  /** Open documents in task order: personal first, then priority, then date. */
  async tasks(): Promise<Document[]> {
    const [docs, enrollment, operator] = await Promise.all([
      this.store.listDocuments(),
      this.store.getMeta('enrollment'),
      this.store.getMeta('operator'),
    ]);
    const user = operator?.id ? await this.store.getRow('users', operator.id) : undefined;
    return orderDocuments(docs, {
      deviceId: enrollment?.deviceId,
      operatorId: operator?.id,
      groups: user?.groups,
    });
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private async claimThenSync(request: ClaimRequest): Promise<Document> {
    const enrollment = await this.store.getMeta('enrollment');
    if (!enrollment) throw new ShelfsyncError('TERMINAL_NOT_ENROLLED');
    const claimed = await claimDocument(this.transport(enrollment.urls, enrollment.token), request);
    await this.sync();
    return (await this.store.getDocument(claimed.id)) ?? claimed;
  }

  /** Adds a line to the terminal's bounded log; it reaches the base with the next exchange. */
  log(level: LogLevel, message: string): Promise<void> {
    const run = this.logging.then(() =>
      appendLog(this.store, { at: this.now().toISOString(), level, message }),
    );
    this.logging = run.catch(() => {});
    return run;
  }

  /** Idle exchanges (the sync loop's timer) leave no line, so the log is about what happened. */
  private async logExchange(s: SyncSummary): Promise<void> {
    if (s.pushed + s.pulledChanges + s.pulledDocuments === 0 && !s.configChanged) return;
    const config = s.configChanged ? ', new configuration' : '';
    await this.log(
      'info',
      `exchange: sent ${s.pushed} change(s), received ${s.pulledChanges} catalog change(s) and ` +
        `${s.pulledDocuments} document(s)${config}`,
    );
  }

  private async syncOnce(): Promise<SyncSummary> {
    const enrollment = await this.store.getMeta('enrollment');
    if (!enrollment) throw new ShelfsyncError('TERMINAL_NOT_ENROLLED');
    try {
      const transport = this.transport(enrollment.urls, enrollment.token);
      await sendOperator(this.store, transport);
      const summary = await exchange(this.store, transport, {
        enrollment,
        identity: this.identity(),
        now: () => this.now().toISOString(),
        ...(this.options.pullLimit !== undefined ? { pullLimit: this.options.pullLimit } : {}),
        ...(this.options.storageEstimate ? { storage: this.options.storageEstimate } : {}),
      });
      await this.logExchange(summary);
      return summary;
    } catch (error) {
      await this.log('warn', `exchange failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }

  /** Cell id from the request: given directly, or by its barcode; null when the barcode is unknown. */
  private async resolveCell(request: ScanRequest): Promise<string | undefined | null> {
    if (request.cellId !== undefined) return request.cellId;
    if (request.cellBarcode === undefined || request.cellBarcode.trim() === '') return undefined;
    const cell = await this.store.findCellByBarcode(request.cellBarcode.trim());
    return cell ? cell.id : null;
  }

  private async requireDocument(docId: string): Promise<Document> {
    const doc = await this.store.getDocument(docId);
    if (!doc) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, { docId });
    return doc;
  }

  private transport(
    urls: readonly string[],
    token?: string,
    timeoutMs = this.options.timeoutMs,
  ): DeviceTransport {
    if (this.options.transportFor) return this.options.transportFor(urls, token);
    const { fetch, timers, newAbort } = this.options;
    return new HttpDeviceTransport({
      urls,
      fetch,
      timers,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(token !== undefined ? { token } : {}),
      ...(newAbort ? { newAbort } : {}),
    });
  }

  private identity(): { appVersion: string; platform?: string } {
    const { appVersion = '0.1.0', platform } = this.options;
    return platform !== undefined ? { appVersion, platform } : { appVersion };
  }

  /** Stock of a product by cell, asked from the base (online only). */
  stock(productId: string): Promise<StockRow[]> {
    return this.online().stock(productId);
  }

  /** The app version the base offers this device's group, when it is not the one running. */
  pendingAppVersion(): Promise<HelloApp | undefined> {
    return this.online().pendingAppVersion();
  }

  private async pendingAppVersionField(): Promise<{ pendingAppVersion?: string }> {
    const offer = await this.pendingAppVersion();
    return offer ? { pendingAppVersion: offer.version } : {};
  }

  private online(): TerminalOnline {
    const { lookupOnline = true, lookupTimeoutMs } = this.options;
    return new TerminalOnline({
      store: this.store,
      timers: this.options.timers,
      now: () => this.now().toISOString(),
      transportFor: (urls, token, timeoutMs) => this.transport(urls, token, timeoutMs),
      appVersion: this.identity().appVersion,
      lookupOnline,
      ...(lookupTimeoutMs !== undefined ? { lookupTimeoutMs } : {}),
    });
  }

  private recorded(mutations: Mutation[]): void {
    if (mutations.length > 0) this.options.onRecorded?.(mutations);
  }
}
