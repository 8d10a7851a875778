// Device API for documents among terminals: claim a document by scanning its barcode (or by id), and
// tell the base which operator is signed in, so documents assigned to operators and groups reach them.
import {
  ClaimRequestSchema,
  ClaimResponseSchema,
  OperatorRequestSchema,
  OperatorResponseSchema,
} from '@shelfsync/protocol';
import type { FastifyInstance } from 'fastify';
import { deviceAuth, deviceOf } from '../auth.js';
import type { LeaseClock } from '../lease-sweeper.js';
import { defineRoute } from '../route.js';
import type { ServerContext } from '../server-context.js';

export function registerDeviceDocumentRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  leases: LeaseClock,
): void {
  app.decorateRequest('device', null);
  app.addHook('onRequest', deviceAuth(ctx.store));
  defineRoute(app, {
    method: 'POST',
    url: '/documents/claim',
    summary: 'Take the open document carrying a barcode (a pallet label) or with an id',
    tags: ['device'],
    security: 'deviceToken',
    body: ClaimRequestSchema,
    responses: { 200: ClaimResponseSchema },
    handler: async ({ body, request }) => {
      // An expired lease frees its document before anyone asks for it.
      await leases.sweep();
      return ctx.store.claimDocument(deviceOf(request).id, body, ctx.now().toISOString());
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/operator',
    summary: 'Record the operator signed in on this terminal (null: nobody)',
    tags: ['device'],
    security: 'deviceToken',
    body: OperatorRequestSchema,
    responses: { 200: OperatorResponseSchema },
    handler: async ({ body, request }) => {
      await ctx.store.setDeviceOperator(deviceOf(request).id, body.operatorId);
      return { operatorId: body.operatorId };
    },
  });
}
