// The terminal engine: enrollment, the exchange with the base, catalog lookup and the operator's
// actions on documents. Platform-free: storage, HTTP, timers, clock and ids are injected.
import type { ScanRules } from '@shelfsync/barcode';
import {
  DEFAULT_DOCUMENT_TYPES,
  type DocumentSummary,
  type ScanOutcome,
  summarizeDocument,
} from '@shelfsync/domain';
import { type Document, ERRORS, type Mutation, ShelfsyncError } from '@shelfsync/protocol';
import { type LookupResult, parseBarcode, resolveBarcode, scanFieldsOf } from './barcode-resolver.js';
import type { DeviceTransport } from './device-transport.js';
import { exchange, type SyncSummary } from './exchange.js';
import { HttpDeviceTransport } from './http-device-transport.js';
import { completeChange, releaseChange, scanChange } from './local-changes.js';
import type { AbortLike, FetchLike, Timers } from './platform.js';
import type { Enrollment, Rejection, TerminalStore } from './terminal-store.js';

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
  lastSync?: { at: string; pushed: number; pulledChanges: number; pulledDocuments: number };
}

export class TerminalEngine {
  readonly store: TerminalStore;
  private readonly now: () => Date;
  private syncing: Promise<unknown> = Promise.resolve();

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
    const run = this.syncing.then(
      () => this.syncOnce(),
      () => this.syncOnce(),
    );
    this.syncing = run.catch(() => {});
    return run;
  }

  async status(): Promise<TerminalStatus> {
    const [enrollment, outbox, rejections, cursors, lastSync, config] = await Promise.all([
      this.store.getMeta('enrollment'),
      this.store.outboxState(),
      this.store.listRejections(),
      this.store.getCursors(),
      this.store.getMeta('lastSync'),
      this.store.getMeta('config'),
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
    };
  }

  /** Finds a barcode in the local catalog: a product (and packing), else a cell. Works offline. */
  lookup(barcode: string): Promise<LookupResult> {
    return resolveBarcode(this.store, barcode, parseBarcode(barcode, this.options.scanRules));
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
    const parsed = parseBarcode(request.barcode, this.options.scanRules);
    const found = await resolveBarcode(this.store, request.barcode, parsed);
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
    const [config, enrollment] = await Promise.all([
      this.store.getMeta('config'),
      this.store.getMeta('enrollment'),
    ]);
    const types = config?.documentTypes ?? DEFAULT_DOCUMENT_TYPES;
    const { barcode, cellBarcode: _cb, cellId: _ci, ...extra } = request;
    const scan = {
      ...scanFieldsOf(parsed),
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
    return result;
  }

  /** Finishes a document; it is sent at the next exchange. */
  async complete(docId: string): Promise<Document> {
    const at = this.now().toISOString();
    const { result, mutations } = await this.store.recordLocalChange(docId, (doc) => completeChange(doc, at));
    this.recorded(mutations);
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

  close(): Promise<void> {
    return this.store.close();
  }

  private async syncOnce(): Promise<SyncSummary> {
    const enrollment = await this.store.getMeta('enrollment');
    if (!enrollment) throw new ShelfsyncError('TERMINAL_NOT_ENROLLED');
    return exchange(this.store, this.transport(enrollment.urls, enrollment.token), {
      enrollment,
      identity: this.identity(),
      now: () => this.now().toISOString(),
      ...(this.options.pullLimit !== undefined ? { pullLimit: this.options.pullLimit } : {}),
    });
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

  private transport(urls: readonly string[], token?: string): DeviceTransport {
    if (this.options.transportFor) return this.options.transportFor(urls, token);
    const { fetch, timers, timeoutMs, newAbort } = this.options;
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

  private recorded(mutations: Mutation[]): void {
    if (mutations.length > 0) this.options.onRecorded?.(mutations);
  }
}
