// Integration API for terminals: one-time enrollment codes and the device registry.
import { EnrollmentCodeResponseSchema, externalId, ShelfsyncError } from '@shelfsync/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { setDeviceScope } from '../catalog-scope.js';
import { DEFAULT_SILENT_MINUTES, deviceRegistry } from '../device-registry.js';
import { createEnrollmentCode } from '../enrollment-code.js';
import { defineRoute } from '../route.js';
import type { ServerContext } from '../server-context.js';

const EnrollmentBody = z
  .object({
    ttlMinutes: z
      .number()
      .int()
      .positive()
      .max(30 * 24 * 60)
      .default(24 * 60),
  })
  .optional();

export const DeviceRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  platform: z.string().optional(),
  enrolledAt: z.string(),
  lastSeenAt: z.string().optional(),
  appVersion: z.string().optional(),
  protocolVersion: z.number().int().optional(),
  backlog: z.number().int().optional(),
  revoked: z.boolean(),
});
const RegistryItemSchema = DeviceRecordSchema.extend({
  group: z.string(),
  configVersion: z.string().optional(),
  storage: z.object({ used: z.number(), free: z.number() }).optional(),
  /** No contact for longer than `silentMinutes`. */
  silent: z.boolean(),
  /** The warehouse whose catalog the terminal holds (absent: the whole catalog). */
  warehouseId: z.string().optional(),
});
const DeviceListSchema = z.object({ items: z.array(RegistryItemSchema) });
const DeviceListQuery = z.object({
  /** Minutes without contact after which a device is flagged silent (fractions allowed). */
  silentMinutes: z.coerce
    .number()
    .positive()
    .max(365 * 24 * 60)
    .default(DEFAULT_SILENT_MINUTES),
});

export function registerDeviceAdminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  defineRoute(app, {
    method: 'POST',
    url: '/devices/enrollments',
    summary: 'Create a one-time enrollment code for a terminal (default: valid 24 h)',
    tags: ['devices'],
    security: 'apiKey',
    body: EnrollmentBody,
    responses: { 201: EnrollmentCodeResponseSchema },
    handler: async ({ body, reply }) => {
      const ttlMs = (body?.ttlMinutes ?? 24 * 60) * 60_000;
      const created = await createEnrollmentCode(ctx.store, ttlMs, ctx.now());
      return reply.code(201).send(created);
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/devices',
    summary: 'Enrolled terminals: last contact, app and config version, backlog, storage, group, silent flag',
    tags: ['devices'],
    security: 'apiKey',
    query: DeviceListQuery,
    responses: { 200: DeviceListSchema },
    handler: async ({ query }) => ({
      items: await deviceRegistry(ctx.store, ctx.now(), query.silentMinutes),
    }),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/devices/:id/warehouse',
    summary:
      "Place a terminal in a warehouse: it holds only that warehouse's products, cells and operators and looks up the rest online (null: the whole catalog)",
    tags: ['devices'],
    security: 'apiKey',
    params: z.object({ id: z.string().min(1).max(200) }),
    body: z.object({ warehouseId: externalId.nullable() }),
    responses: { 204: null },
    handler: async ({ params, body, reply }) => {
      await setDeviceScope(ctx.store, params.id, body.warehouseId);
      return reply.code(204).send();
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/devices/:id/revoke',
    summary:
      'Revoke a terminal (lost or stolen): its token stops working at once; it can come back only with a new enrollment code',
    tags: ['devices'],
    security: 'apiKey',
    params: z.object({ id: z.string().min(1).max(200) }),
    responses: { 204: null },
    handler: async ({ params, reply }) => {
      if (!(await ctx.store.revokeDevice(params.id)))
        throw new ShelfsyncError('DEVICE_NOT_FOUND', undefined, { deviceId: params.id });
      return reply.code(204).send();
    },
  });
}
