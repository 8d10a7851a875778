// Integration API for terminal app updates (DESIGN.md §7): app versions, device groups, which version
// each group runs, and rollback. Terminals learn their group's version at hello and switch on their
// main screen. The base keeps serving every protocol version in [MIN, CURRENT], so an app version
// needing a newer protocol than this server speaks cannot be assigned.
import {
  AppVersionInputSchema,
  AppVersionSchema,
  appVersionText,
  deviceGroupName,
  PROTOCOL_VERSION,
  ShelfsyncError,
} from '@shelfsync/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute } from '../route.js';
import type { ServerContext } from '../server-context.js';
import { registerAppFileUpload } from './app-files.js';

const GroupAppVersionSchema = z.object({
  group: z.string(),
  current: AppVersionSchema.optional(),
  history: z.array(
    z.object({ version: z.string(), assignedAt: z.string(), rolledBackAt: z.string().optional() }),
  ),
});
const GroupParams = z.object({ group: deviceGroupName });

export function registerAppVersionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const now = () => ctx.now().toISOString();
  defineRoute(app, {
    method: 'POST',
    url: '/app-versions',
    summary: 'Register a built terminal app version (metadata; files are served separately)',
    tags: ['app-versions'],
    security: 'apiKey',
    body: AppVersionInputSchema,
    responses: { 201: AppVersionSchema },
    handler: async ({ body, reply }) => reply.code(201).send(await ctx.store.putAppVersion(body, now())),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/app-versions',
    summary: 'Registered terminal app versions',
    tags: ['app-versions'],
    security: 'apiKey',
    responses: { 200: z.object({ items: z.array(AppVersionSchema) }) },
    handler: async () => ({ items: await ctx.store.listAppVersions() }),
  });
  registerGroupRoutes(app, ctx, now);
  registerAppFileUpload(app, ctx);
}

function registerGroupRoutes(app: FastifyInstance, ctx: ServerContext, now: () => string): void {
  defineRoute(app, {
    method: 'PUT',
    url: '/device-groups/:group/app-version',
    summary: 'Make a device group run an app version (staged rollout: assign to a pilot group first)',
    tags: ['app-versions'],
    security: 'apiKey',
    params: GroupParams,
    body: z.object({ version: appVersionText }),
    responses: { 200: GroupAppVersionSchema },
    handler: async ({ params, body }) => {
      const known = (await ctx.store.listAppVersions()).find((v) => v.version === body.version);
      if (known && known.minProtocol > PROTOCOL_VERSION) {
        throw new ShelfsyncError('APP_VERSION_PROTOCOL_TOO_NEW', undefined, {
          version: known.version,
          minProtocol: known.minProtocol,
          server: PROTOCOL_VERSION,
        });
      }
      return ctx.store.assignAppVersion(params.group, body.version, now());
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/device-groups/:group/app-version',
    summary: 'The app version a device group runs, with its assignment history',
    tags: ['app-versions'],
    security: 'apiKey',
    params: GroupParams,
    responses: { 200: GroupAppVersionSchema },
    handler: async ({ params }) => ctx.store.groupAppVersion(params.group),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/device-groups/:group/rollback',
    summary: 'Return a device group to the app version it ran before the current one',
    tags: ['app-versions'],
    security: 'apiKey',
    params: GroupParams,
    responses: { 200: GroupAppVersionSchema },
    handler: async ({ params }) => ctx.store.rollbackAppVersion(params.group, now()),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/devices/:id/group',
    summary: 'Move a terminal to a device group (every device starts in "stable")',
    tags: ['app-versions'],
    security: 'apiKey',
    params: z.object({ id: z.string().min(1).max(200) }),
    body: z.object({ group: deviceGroupName }),
    responses: { 204: null },
    handler: async ({ params, body, reply }) => {
      await ctx.store.setDeviceGroup(params.id, body.group);
      return reply.code(204).send();
    },
  });
}
