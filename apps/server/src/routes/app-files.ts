// The built terminal app of each version: uploaded through the integration API (files as base64 in
// JSON, several requests for a large build) and served to terminals at /app/<version>/, which hello
// names as the version's `url`. Files live in the database, so every instance serves the same ones.
import { appVersionText, ShelfsyncError } from '@shelfsync/protocol';
import type { AppFile } from '@shelfsync/store';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { contentTypeOf } from '../app-file-types.js';
import { defineRoute } from '../route.js';
import type { ServerContext } from '../server-context.js';

export const APP_FILES_PREFIX = '/app';
export const MAX_APP_FILES_PER_REQUEST = 500;

/** Relative paths only: no `..` segment, no leading slash, no backslash. */
const appPath = z
  .string()
  .max(300)
  .regex(/^(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._~@+-]+(\/[A-Za-z0-9._~@+-]+)*$/, 'a relative file path');

const AppFilesBody = z.object({
  files: z
    .array(z.object({ path: appPath, base64: z.string(), contentType: z.string().max(200).optional() }))
    .min(1)
    .max(MAX_APP_FILES_PER_REQUEST),
});

function decode(files: z.output<typeof AppFilesBody>['files']): AppFile[] {
  return files.map((f) => ({
    path: f.path,
    contentType: f.contentType ?? contentTypeOf(f.path),
    bytes: new Uint8Array(Buffer.from(f.base64, 'base64')),
  }));
}

export function registerAppFileUpload(app: FastifyInstance, ctx: ServerContext): void {
  defineRoute(app, {
    method: 'PUT',
    url: '/app-versions/:version/files',
    summary: 'Upload files of a version’s built terminal app (base64); served at /app/<version>/',
    tags: ['app-versions'],
    security: 'apiKey',
    params: z.object({ version: appVersionText }),
    body: AppFilesBody,
    responses: { 200: z.object({ stored: z.number().int() }) },
    handler: async ({ params, body }) => ({
      stored: await ctx.store.putAppFiles(params.version, decode(body.files)),
    }),
  });
}

/** Serves /app/<version>/<path> (index.html for the version's root). No credentials: it is the app. */
export function registerAppFileServing(app: FastifyInstance, ctx: ServerContext): void {
  app.get(`${APP_FILES_PREFIX}/:version/*`, { schema: { hide: true } }, async (request, reply) => {
    const { version, '*': rest } = request.params as { version: string; '*': string };
    const path = rest === '' ? 'index.html' : rest;
    const file = appVersionText.safeParse(version).success
      ? await ctx.store.getAppFile(version, path)
      : undefined;
    if (!file) throw new ShelfsyncError('REQ_NOT_FOUND', undefined, { version, path });
    // A version's files never change under its URL, except the entry points the browser must revisit.
    const entry = path === 'index.html' || path === 'sw.js' || path.endsWith('.webmanifest');
    return reply
      .header('Content-Type', file.contentType)
      .header('Cache-Control', entry ? 'no-cache' : 'public, max-age=31536000, immutable')
      .send(Buffer.from(file.bytes));
  });
}
