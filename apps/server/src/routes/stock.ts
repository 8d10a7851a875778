// Integration API for what hybrid lookup keeps on the base: stock by cell (asked online by terminals,
// never replicated) and where each catalog table is looked up.
import { LookupConfigSchema, StockRowSchema } from '@shelfsync/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LOOKUP_SETTING, lookupConfig } from '../hello-extras.js';
import { defineRoute } from '../route.js';
import type { ServerContext } from '../server-context.js';

export const MAX_STOCK_ROWS = 10_000;

export function registerStockRoutes(app: FastifyInstance, ctx: ServerContext): void {
  defineRoute(app, {
    method: 'PUT',
    url: '/stock',
    summary: 'Upsert stock rows (product, warehouse, cell, quantity); kept on the base, asked online',
    tags: ['lookup'],
    security: 'apiKey',
    body: z.array(StockRowSchema).max(MAX_STOCK_ROWS),
    responses: { 200: z.object({ stored: z.number().int() }) },
    handler: async ({ body }) => ({ stored: await ctx.store.putStock(body, ctx.now().toISOString()) }),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/lookup-placement',
    summary: 'Where terminals look up each catalog table (device, server or hybrid)',
    tags: ['lookup'],
    security: 'apiKey',
    responses: { 200: LookupConfigSchema },
    handler: async () => lookupConfig(ctx.store),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/lookup-placement',
    summary: 'Set where terminals look up each catalog table; sent to them at their next hello',
    tags: ['lookup'],
    security: 'apiKey',
    body: LookupConfigSchema,
    responses: { 200: LookupConfigSchema },
    handler: async ({ body }) => {
      await ctx.store.setSetting(LOOKUP_SETTING, JSON.stringify(body));
      return body;
    },
  });
}
