// Admin API for terminal logs kept on the base: list and filter one device's lines, or download them
// as an NDJSON file for a support ticket.
import { DeviceLogEntrySchema, isoTime, ShelfsyncError } from '@shelfsync/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute } from '../route.js';
import type { ServerContext } from '../server-context.js';

const LogLineSchema = DeviceLogEntrySchema.extend({ deviceId: z.string(), receivedAt: z.string() });
const LogQuery = z.object({
  since: isoTime.optional(),
  level: DeviceLogEntrySchema.shape.level.optional(),
  limit: z.coerce.number().int().positive().max(100_000).optional(),
  download: z.enum(['0', '1', 'true', 'false']).optional(),
});

export function registerDeviceLogRoutes(app: FastifyInstance, ctx: ServerContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/devices/:id/logs',
    summary: 'A terminal’s uploaded log lines (newest last); ?download=1 answers an NDJSON file',
    tags: ['devices'],
    security: 'apiKey',
    params: z.object({ id: z.string().min(1).max(100) }),
    query: LogQuery,
    responses: { 200: z.object({ items: z.array(LogLineSchema) }) },
    handler: async ({ params, query, reply }) => {
      const known = (await ctx.store.listDevices()).some((d) => d.id === params.id);
      if (!known) throw new ShelfsyncError('DEVICE_NOT_FOUND', undefined, { deviceId: params.id });
      const items =
        (await ctx.deviceLogs?.read?.(params.id, {
          ...(query.since !== undefined ? { since: query.since } : {}),
          ...(query.level !== undefined ? { level: query.level } : {}),
          ...(query.limit !== undefined ? { limit: query.limit } : {}),
        })) ?? [];
      if (query.download !== '1' && query.download !== 'true') return { items };
      return reply
        .type('application/x-ndjson')
        .header('content-disposition', `attachment; filename="${params.id.replace(/[^\w-]/g, '_')}.ndjson"`)
        .send(items.map((l) => `${JSON.stringify(l)}\n`).join(''));
    },
  });
}
