// Integration API for the CommerceML import settings (docs/integration.md, "CommerceML merge rules").
import type { FastifyInstance } from 'fastify';
import {
  CommerceMlSettingsSchema,
  readCommerceMlSettings,
  writeCommerceMlSettings,
} from '../exchange-folder/commerceml-settings.js';
import { defineRoute } from '../route.js';
import type { ServerContext } from '../server-context.js';

export function registerCommerceMlSettingsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/commerceml-settings',
    summary: 'CommerceML import settings: the price type shown as the price, full-catalog deletion',
    tags: ['catalog'],
    security: 'apiKey',
    responses: { 200: CommerceMlSettingsSchema },
    handler: async () => readCommerceMlSettings(ctx.store),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/commerceml-settings',
    summary: 'Set the CommerceML import settings; they apply from the next imported file',
    tags: ['catalog'],
    security: 'apiKey',
    body: CommerceMlSettingsSchema,
    responses: { 200: CommerceMlSettingsSchema },
    handler: async ({ body }) => writeCommerceMlSettings(ctx.store, body),
  });
}
