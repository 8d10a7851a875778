// What server mode adds to a terminal's hello beyond the sync basics: the app version its device
// group should run, where each catalog table is looked up (hybrid lookup), and the configuration
// version the terminal reported, for the device registry.
// TODO(lead): once DeviceService settles, call helloExtras() from DeviceService.hello and drop the
// hook; until then it rides on the HTTP hello only (bundles are desk mode, which has neither feature).
import {
  DEFAULT_LOOKUP_PLACEMENT,
  DEVICE_API_PREFIX,
  type HelloApp,
  type LookupConfig,
  LookupConfigSchema,
  PROTOCOL_VERSION,
} from '@shelfsync/protocol';
import type { ServerStore } from '@shelfsync/store';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from './server-context.js';

export const LOOKUP_SETTING = 'lookup.placement';

/** The admin's placement per table, or products looked up hybrid. */
export async function lookupConfig(store: ServerStore): Promise<LookupConfig> {
  const stored = await store.getSetting(LOOKUP_SETTING);
  const parsed = stored === undefined ? undefined : LookupConfigSchema.safeParse(JSON.parse(stored));
  return parsed?.success ? parsed.data : { products: { placement: DEFAULT_LOOKUP_PLACEMENT } };
}

/** The current app version of the device's group, as hello offers it. */
export async function offeredApp(store: ServerStore, deviceId: string): Promise<HelloApp | undefined> {
  const { current } = await store.groupAppVersion(await store.deviceGroup(deviceId));
  // Never offer an app this server cannot talk to (say, after the server was downgraded).
  if (!current || current.minProtocol > PROTOCOL_VERSION) return undefined;
  const hosted = await store.getAppFile(current.version, 'index.html');
  return {
    version: current.version,
    ...(current.notes === '' ? {} : { notes: current.notes }),
    ...(hosted ? { url: `/app/${encodeURIComponent(current.version)}/` } : {}),
  };
}

export async function helloExtras(
  store: ServerStore,
  deviceId: string,
  configVersion: string | undefined,
): Promise<{ app?: HelloApp; lookup: LookupConfig }> {
  if (configVersion !== undefined) await store.recordDeviceConfigVersion(deviceId, configVersion);
  const [app, lookup] = await Promise.all([offeredApp(store, deviceId), lookupConfig(store)]);
  return app ? { app, lookup } : { lookup };
}

interface HelloPayload {
  deviceId: string;
  config: Record<string, unknown>;
}

/** Adds the extras to every successful HTTP hello answer. Register before the device routes. */
export function registerHelloExtras(app: FastifyInstance, ctx: ServerContext): void {
  const url = `${DEVICE_API_PREFIX}/hello`;
  app.addHook('preSerialization', async (request, reply, payload: unknown) => {
    if (request.routeOptions.url !== url || reply.statusCode !== 200) return payload;
    const hello = payload as HelloPayload;
    const body = request.body as { configVersion?: unknown } | undefined;
    const reported = typeof body?.configVersion === 'string' ? body.configVersion.slice(0, 100) : undefined;
    const { app: offered, lookup } = await helloExtras(ctx.store, hello.deviceId, reported);
    return { ...hello, config: { ...hello.config, lookup }, ...(offered ? { app: offered } : {}) };
  });
}
