// Integration/admin API for documents among terminals: who holds what, giving a held document back
// to the pool, handing it to another terminal. Expired untouched leases are swept before each answer.
import {
  DocumentSchema,
  externalId,
  type Lease,
  LeaseListSchema,
  ReassignRequestSchema,
  ShelfsyncError,
} from '@shelfsync/protocol';
import type { LeaseRecord } from '@shelfsync/store';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { LeaseClock } from '../lease-sweeper.js';
import { defineRoute } from '../route.js';
import type { ServerContext } from '../server-context.js';

const IdParams = z.object({ id: externalId });
const tags = ['leases'];

export function registerLeaseRoutes(app: FastifyInstance, ctx: ServerContext, leases: LeaseClock): void {
  const { store } = ctx;
  defineRoute(app, {
    method: 'GET',
    url: '/leases',
    summary: 'Documents held by terminals, with lease times and fact counts',
    tags,
    security: 'apiKey',
    responses: { 200: LeaseListSchema },
    handler: async () => {
      await leases.sweep();
      const items = (await store.listLeases()).map((l) => withExpiry(l, leases.leaseMs));
      return { items, leaseHours: leases.leaseMs / 3_600_000 };
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/documents/:id/release',
    summary: 'Return a held document to the pool; any terminal may take it next',
    tags,
    security: 'apiKey',
    params: IdParams,
    responses: { 200: DocumentSchema },
    handler: async ({ params }) => store.releaseLease(params.id, ctx.now().toISOString()),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/documents/:id/reassign',
    summary: 'Hand a document to another terminal; the former holder is told "taken over" at its next sync',
    tags,
    security: 'apiKey',
    params: IdParams,
    body: ReassignRequestSchema,
    responses: { 200: DocumentSchema },
    handler: async ({ params, body }) => {
      // A held document handed to no terminal would sit unreachable for the whole lease.
      const target = (await store.listDevices()).find((d) => d.id === body.deviceId);
      if (target === undefined || target.revoked) {
        throw new ShelfsyncError('DEVICE_NOT_FOUND', undefined, {
          deviceId: body.deviceId,
          ...(target?.revoked ? { revoked: true } : {}),
        });
      }
      return store.reassignDocument(params.id, body.deviceId, ctx.now().toISOString());
    },
  });
}

function withExpiry(lease: LeaseRecord, leaseMs: number): Lease {
  return { ...lease, expiresAt: new Date(Date.parse(lease.touchedAt) + leaseMs).toISOString() };
}
