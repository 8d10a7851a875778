// The device API without its transport: hello, pull and push for an authenticated device. The HTTP
// routes (routes/device.ts) and bundle answering (bundle-answerer.ts) both call it, so a cable, Wi-Fi
// and a bundle file carried through an RDP folder get exactly the same answers.
import {
  type DeviceLogEntry,
  type HelloResponse,
  isProtocolSupported,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  type PullResponse,
  type PushResponse,
  ShelfsyncError,
} from '@shelfsync/protocol';
import type { DeviceContact, DeviceRecord } from '@shelfsync/store';
import { readBaseConfig } from './base-config.js';
import { deviceScope, scopeCatalogPage, scopeDocumentPage, scopeForPull } from './catalog-scope.js';
import { helloExtras } from './hello-extras.js';
import type { ServerContext } from './server-context.js';

/** Documents per pull page: whole documents are large, so fewer than catalog rows. */
export const DOCS_PER_PULL = 200;

/** Parsed hello input (defaults filled), as the HTTP route and bundles hand it over. */
export interface HelloInput {
  protocolVersion: number;
  appVersion: string;
  backlog?: number | undefined;
  storage?: { used: number; free: number } | undefined;
  /** The configuration version the terminal holds, for the device registry. */
  configVersion?: string | undefined;
}

export interface PullInput {
  catalogCursor: number;
  docCursor: number;
  limit: number;
}

export class DeviceService {
  constructor(private readonly ctx: ServerContext) {}

  async hello(device: DeviceRecord, body: HelloInput): Promise<HelloResponse> {
    if (!isProtocolSupported(body.protocolVersion)) {
      throw new ShelfsyncError('SYNC_PROTOCOL_UNSUPPORTED', undefined, {
        client: body.protocolVersion,
        min: MIN_PROTOCOL_VERSION,
        max: PROTOCOL_VERSION,
      });
    }
    const now = this.ctx.now().toISOString();
    const contact: DeviceContact = {
      at: now,
      appVersion: body.appVersion,
      protocolVersion: body.protocolVersion,
    };
    if (body.backlog !== undefined) contact.backlog = body.backlog;
    if (body.storage !== undefined) contact.storage = body.storage;
    await this.ctx.store.recordContact(device.id, contact);
    const [lastMutation, config, extras] = await Promise.all([
      this.ctx.store.lastMutation(device.id),
      readBaseConfig(this.ctx.store),
      helloExtras(this.ctx.store, device.id, body.configVersion),
    ]);
    return {
      protocolVersion: Math.min(body.protocolVersion, PROTOCOL_VERSION),
      server: {
        protocolVersion: PROTOCOL_VERSION,
        minProtocolVersion: MIN_PROTOCOL_VERSION,
        version: this.ctx.version,
      },
      baseId: this.ctx.baseId,
      deviceId: device.id,
      serverTime: now,
      lastMutation,
      config: { ...config, lookup: extras.lookup },
      ...(extras.app ? { app: extras.app } : {}),
      warehouse: await this.warehouseOf(device.id),
    };
  }

  /** The warehouse a device is placed in, with its name for the terminal's screen (null: none). */
  private async warehouseOf(deviceId: string): Promise<HelloResponse['warehouse']> {
    const scope = await deviceScope(this.ctx.store, deviceId);
    if (!scope) return null;
    const row = await this.ctx.store.getCatalogRow('warehouses', scope.warehouseId);
    return row ? { id: scope.warehouseId, name: row.name } : { id: scope.warehouseId };
  }

  async pull(device: DeviceRecord, req: PullInput): Promise<PullResponse> {
    const scope = await scopeForPull(this.ctx.store, device.id, req.catalogCursor);
    const page = await this.ctx.store.pullCatalog(req.catalogCursor, req.limit);
    const catalog = scope ? scopeCatalogPage(page, scope, req.catalogCursor === 0) : page;
    const docs = await this.ctx.store.pullDocuments(device.id, req.docCursor, DOCS_PER_PULL);
    const documents = scope ? scopeDocumentPage(docs, scope, device.id) : docs;
    return { catalog, documents, serverTime: this.ctx.now().toISOString() };
  }

  /** Applies mutations exactly once; log lines go to the base's device log (when it keeps one). */
  async push(
    device: DeviceRecord,
    body: {
      mutations: Parameters<ServerContext['store']['applyMutations']>[1];
      logs?: DeviceLogEntry[] | undefined;
    },
  ): Promise<PushResponse> {
    const answer = await this.ctx.store.applyMutations(
      device.id,
      body.mutations,
      this.ctx.now().toISOString(),
    );
    if (body.logs !== undefined && body.logs.length > 0)
      await this.ctx.deviceLogs?.append(device.id, body.logs);
    return answer;
  }
}
