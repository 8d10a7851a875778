// Device API for hybrid lookup (DESIGN.md §6): a barcode the terminal's replica does not know, and
// stock by cell, which stays on the base and is asked online only. Registered beside the sync routes
// with the same device-token check.
import {
  LookupRequestSchema,
  LookupResponseSchema,
  StockRequestSchema,
  StockResponseSchema,
} from '@shelfsync/protocol';
import type { FastifyInstance } from 'fastify';
import { deviceAuth } from '../auth.js';
import { lookupBarcode } from '../lookup-barcode.js';
import { defineRoute } from '../route.js';
import type { ServerContext } from '../server-context.js';

export function registerDeviceLookupRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.register(async (authed) => {
    authed.decorateRequest('device', null);
    authed.addHook('onRequest', deviceAuth(ctx.store));
    defineRoute(authed, {
      method: 'POST',
      url: '/lookup',
      summary: 'Find a product (and packing) or a cell by barcode in the base’s catalog; {} when unknown',
      tags: ['device'],
      security: 'deviceToken',
      body: LookupRequestSchema,
      responses: { 200: LookupResponseSchema },
      handler: async ({ body }) => lookupBarcode(ctx.store, body.barcode),
    });
    defineRoute(authed, {
      method: 'POST',
      url: '/stock',
      summary: 'Stock of a product by cell (kept on the base only)',
      tags: ['device'],
      security: 'deviceToken',
      body: StockRequestSchema,
      responses: { 200: StockResponseSchema },
      handler: async ({ body }) => ({ items: await ctx.store.getStock(body.productId) }),
    });
  });
}
