// Registers everything for documents among terminals in one call from build-server.ts: the lease
// admin routes (API key), the device routes (device token) and the expiry timer.
import { DEVICE_API_PREFIX, INTEGRATION_API_PREFIX } from '@shelfsync/protocol';
import type { FastifyInstance } from 'fastify';
import { apiKeyAuth } from './auth.js';
import { leaseClock, leaseHoursFrom, startLeaseSweeper } from './lease-sweeper.js';
import { registerDeviceDocumentRoutes } from './routes/device-documents.js';
import { registerLeaseRoutes } from './routes/leases.js';
import type { ServerContext } from './server-context.js';

export async function registerDocumentsAmongTerminals(
  app: FastifyInstance,
  ctx: ServerContext,
  apiKeyHash: string,
  leaseHours = leaseHoursFrom(process.env['SHELFSYNC_LEASE_HOURS']),
): Promise<void> {
  const clock = leaseClock(ctx.store, ctx.now, leaseHours);
  await app.register(
    async (api) => {
      api.addHook('onRequest', apiKeyAuth(apiKeyHash));
      registerLeaseRoutes(api, ctx, clock);
    },
    { prefix: INTEGRATION_API_PREFIX },
  );
  await app.register(async (device) => registerDeviceDocumentRoutes(device, ctx, clock), {
    prefix: DEVICE_API_PREFIX,
  });
  const stop = startLeaseSweeper(clock, Math.min(clock.leaseMs / 4, 60_000));
  app.addHook('onClose', async () => stop());
}
