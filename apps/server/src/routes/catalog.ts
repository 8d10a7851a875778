// Integration API for catalogs: streamed uploads (merge or replace), and single rows by id.
import { Readable } from 'node:stream';
import { CATALOG_INPUT_SCHEMAS, externalId, ShelfsyncError, UpsertResultSchema } from '@shelfsync/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NDJSON_TYPES, registerStreamParsers } from '../body-parsers.js';
import { CATALOG_BODY_LIMIT, catalogRows, catalogTable, type UploadFormat } from '../catalog-upload.js';
import { defineRoute } from '../route.js';
import type { ServerContext } from '../server-context.js';

const TableParams = z.object({ table: z.string().describe('products, cells, warehouses or users') });
const RowParams = TableParams.extend({ id: externalId });
const UploadQuery = z.object({
  mode: z
    .enum(['merge', 'replace'])
    .default('merge')
    .describe('replace also deletes the rows that are not in the upload'),
});
const UploadBodyDoc = z
  .array(z.union(Object.values(CATALOG_INPUT_SCHEMAS)))
  .describe('A JSON array of rows, or the same rows as NDJSON (one per line)');
const CatalogRowDoc = z.record(z.string(), z.unknown());

/** The body as a byte stream, with the format named by its content type. */
function uploadSource(request: FastifyRequest): { format: UploadFormat; body: AsyncIterable<Uint8Array> } {
  const declared = Number(request.headers['content-length']);
  if (declared > CATALOG_BODY_LIMIT) {
    throw new ShelfsyncError('REQ_TOO_LARGE', undefined, { maxTotalBytes: CATALOG_BODY_LIMIT });
  }
  if (!(request.body instanceof Readable)) {
    throw new ShelfsyncError('REQ_MALFORMED', 'The upload has no body: send a JSON array or NDJSON.');
  }
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  const format = NDJSON_TYPES.some((t) => type.startsWith(t)) ? 'ndjson' : 'json';
  return { format, body: request.body };
}

function registerUpload(app: FastifyInstance, ctx: ServerContext): void {
  // The stream parsers live in their own plugin so that no other route receives an unread stream.
  app.register(async (upload) => {
    registerStreamParsers(upload);
    defineRoute(upload, {
      method: 'PUT',
      url: '/catalog/:table',
      summary: 'Upload catalog rows in one transaction (streamed; a bad row stores nothing)',
      tags: ['catalog'],
      security: 'apiKey',
      params: TableParams,
      query: UploadQuery,
      rawBody: { schema: UploadBodyDoc, consumes: ['application/json', 'application/x-ndjson'] },
      responses: { 200: UpsertResultSchema },
      handler: async ({ params, query, request }) => {
        const table = catalogTable(params.table);
        const { format, body } = uploadSource(request);
        const rows = catalogRows(table, format, body, ctx.baseId);
        const counts = await ctx.store.upsertCatalog(table, rows, query.mode);
        return { table, ...counts };
      },
    });
  });
}

export function registerCatalogRoutes(app: FastifyInstance, ctx: ServerContext): void {
  registerUpload(app, ctx);
  defineRoute(app, {
    method: 'GET',
    url: '/catalog/:table/:id',
    summary: 'Read one catalog row',
    tags: ['catalog'],
    security: 'apiKey',
    params: RowParams,
    responses: { 200: CatalogRowDoc },
    handler: async ({ params }) => {
      const table = catalogTable(params.table);
      const row = await ctx.store.getCatalogRow(table, params.id);
      if (row === undefined)
        throw new ShelfsyncError('CATALOG_ROW_NOT_FOUND', undefined, { table, id: params.id });
      return row;
    },
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/catalog/:table/:id',
    summary: 'Delete one catalog row (terminals receive the deletion)',
    tags: ['catalog'],
    security: 'apiKey',
    params: RowParams,
    responses: { 204: null },
    handler: async ({ params, reply }) => {
      const table = catalogTable(params.table);
      if (!(await ctx.store.deleteCatalogRow(table, params.id))) {
        throw new ShelfsyncError('CATALOG_ROW_NOT_FOUND', undefined, { table, id: params.id });
      }
      return reply.code(204).send();
    },
  });
}
