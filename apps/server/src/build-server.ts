// Assembles the Fastify app (not listening): error handling, body parsing, OpenAPI, the
// integration API under /api/v1 and the device API under /device/v1.

import { DEVICE_API_PREFIX, INTEGRATION_API_PREFIX } from '@shelfsync/protocol';
import type { ServerStore } from '@shelfsync/store';
import Fastify, { type FastifyInstance } from 'fastify';
import { apiKeyAuth } from './auth.js';
import { JSON_BODY_LIMIT, registerJsonParser } from './body-parsers.js';
import { registerDeviceCors } from './device-cors.js';
import { registerDocumentsAmongTerminals } from './documents-among-terminals.js';
import { frameworkErrorHandler, registerErrorHandling } from './errors.js';
import { registerExpectContinue } from './expect-continue.js';
import { startMutationSweeper } from './mutation-sweeper.js';
import { type OneCExchangeOptions, registerOneCExchange } from './one-c-exchange/one-c-exchange.js';
import { registerOpenApi } from './openapi.js';
import { useZodOnly } from './route.js';
import { registerAppFileServing } from './routes/app-files.js';
import { registerAppVersionRoutes } from './routes/app-versions.js';
import { registerCatalogRoutes } from './routes/catalog.js';
import { registerCommerceMlSettingsRoutes } from './routes/commerceml-settings.js';
import { registerConfigRoutes } from './routes/config.js';
import { registerDeviceRoutes } from './routes/device.js';
import { registerDeviceLogRoutes } from './routes/device-logs.js';
import { registerDeviceLookupRoutes } from './routes/device-lookup.js';
import { registerDeviceAdminRoutes } from './routes/devices.js';
import { registerDocumentRoutes } from './routes/documents.js';
import { registerStockRoutes } from './routes/stock.js';
import type { DeviceLogSink, ServerContext } from './server-context.js';
import { type HttpsListenOptions, httpsServerFactory } from './tls-listener.js';

export interface BuildServerOptions {
  store: ServerStore;
  /** sha256 (hex) of the integration API key. */
  apiKeyHash: string;
  /** The server's software version, shown in OpenAPI and sent to terminals. */
  version: string;
  /** true logs every request (info); a level logs only that and above; false logs nothing. */
  logger?: boolean | { level: 'info' | 'warn' | 'error' };
  /** Clock, replaceable in tests (enrollment expiry, timestamps). */
  now?: () => Date;
  /** Keeps log lines uploaded by terminals; without it they are dropped. */
  deviceLogs?: DeviceLogSink;
  /** How long the record of each pushed mutation is kept (default 30 days; fractions allowed). */
  mutationRetentionDays?: number;
  /** Listen over HTTPS with this certificate chain and key (PEM); plain HTTP on the port is redirected. */
  https?: HttpsListenOptions;
  /** The 1C site exchange at /1c/exchange; without it the endpoint answers ONEC_DISABLED. */
  oneCExchange?: OneCExchangeOptions;
}

/** The app is returned before `ready()` so callers may add routes (console, PWA) on top. */
export async function buildServer(opts: BuildServerOptions): Promise<FastifyInstance> {
  const options = {
    logger: opts.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT,
    frameworkErrors: frameworkErrorHandler,
  };
  // Fastify types an HTTPS instance apart from an HTTP one; routes and hooks are the same for both.
  const app = opts.https
    ? (Fastify({ ...options, serverFactory: httpsServerFactory(opts.https) }) as unknown as FastifyInstance)
    : Fastify(options);
  useZodOnly(app);
  registerErrorHandling(app);
  registerJsonParser(app);
  registerExpectContinue(app);
  await registerOpenApi(app, opts.version);

  const ctx: ServerContext = {
    store: opts.store,
    now: opts.now ?? (() => new Date()),
    version: opts.version,
    baseId: await opts.store.baseId(),
    ...(opts.deviceLogs ? { deviceLogs: opts.deviceLogs } : {}),
  };
  await app.register(
    async (api) => {
      api.addHook('onRequest', apiKeyAuth(opts.apiKeyHash));
      registerCatalogRoutes(api, ctx);
      registerDocumentRoutes(api, ctx);
      registerDeviceAdminRoutes(api, ctx);
      registerAppVersionRoutes(api, ctx);
      registerStockRoutes(api, ctx);
      registerConfigRoutes(api, ctx);
      registerDeviceLogRoutes(api, ctx);
      registerCommerceMlSettingsRoutes(api, ctx);
    },
    { prefix: INTEGRATION_API_PREFIX },
  );
  registerDeviceCors(app);
  registerAppFileServing(app, ctx);
  await app.register(async (device) => registerDeviceRoutes(device, ctx), { prefix: DEVICE_API_PREFIX });
  await registerDocumentsAmongTerminals(app, ctx, opts.apiKeyHash);
  await registerOneCExchange(app, ctx, opts.oneCExchange);
  await app.register(async (device) => registerDeviceLookupRoutes(device, ctx), {
    prefix: DEVICE_API_PREFIX,
  });
  const sweeper = startMutationSweeper(opts.store, {
    now: ctx.now,
    ...(opts.mutationRetentionDays === undefined ? {} : { retentionDays: opts.mutationRetentionDays }),
    onError: (err) => app.log.warn({ err }, 'pruning old device mutations failed; retried next hour'),
  });
  app.addHook('onClose', () => sweeper.stop());
  return app;
}
