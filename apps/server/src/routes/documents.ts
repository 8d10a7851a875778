// Integration API for task documents: upload, read, cancel, and the exactly-once export of
// completed documents (list after a cursor, then acknowledge).
import {
  DocumentListQuerySchema,
  DocumentListResponseSchema,
  DocumentSchema,
  DocumentsUploadSchema,
  externalId,
  ShelfsyncError,
} from '@shelfsync/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { prepareDocuments } from '../document-input.js';
import { defineRoute } from '../route.js';
import type { ServerContext } from '../server-context.js';

const IdParams = z.object({ id: externalId });
const CancelBody = z.object({ reason: z.string().trim().min(1).max(2000).optional() }).optional();
const UploadResult = z.object({ created: z.number().int(), replaced: z.number().int() });
const tags = ['documents'];

export function registerDocumentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store } = ctx;
  defineRoute(app, {
    method: 'POST',
    url: '/documents',
    summary: 'Create or replace documents (one or an array) in one transaction',
    tags,
    security: 'apiKey',
    body: DocumentsUploadSchema,
    responses: { 200: UploadResult },
    handler: async ({ body }) => {
      const docs = Array.isArray(body) ? body : [body];
      const config = await store.getConfig();
      const prepared = prepareDocuments(docs, new Set(config.documentTypes.map((t) => t.id)));
      return store.putDocuments(prepared, ctx.now().toISOString());
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/documents',
    summary: 'Completed (or, with status=cancelled, cancelled with facts) documents not yet acknowledged',
    tags,
    security: 'apiKey',
    query: DocumentListQuerySchema,
    responses: { 200: DocumentListResponseSchema },
    handler: async ({ query }) =>
      query.status === 'cancelled'
        ? store.listCancelled(query.after, query.limit)
        : store.listCompleted(query.after, query.limit),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/documents/:id',
    summary: 'Read a document with its plan and fact lines',
    tags,
    security: 'apiKey',
    params: IdParams,
    responses: { 200: DocumentSchema },
    handler: async ({ params }) => {
      const doc = await store.getDocument(params.id);
      if (doc === undefined) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, { id: params.id });
      return doc;
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/documents/:id/cancel',
    summary: 'Cancel a document; terminals holding it are told to drop it',
    tags,
    security: 'apiKey',
    params: IdParams,
    body: CancelBody,
    responses: { 200: DocumentSchema },
    handler: async ({ params, body }) =>
      store.cancelDocument(params.id, body?.reason, ctx.now().toISOString()),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/documents/:id/ack',
    summary: 'Acknowledge a completed document as exported, or a listed cancelled one as seen (idempotent)',
    tags,
    security: 'apiKey',
    params: IdParams,
    responses: { 200: DocumentSchema },
    handler: async ({ params }) => store.ackDocument(params.id, ctx.now().toISOString()),
  });
}
