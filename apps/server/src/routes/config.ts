// Admin API for the base configuration: read it (JSON or YAML) and replace it with a YAML or JSON
// file. Terminals get the new version at their next hello and apply it on the main screen.
import { BaseConfigFileSchema, BaseConfigSchema, ShelfsyncError } from '@shelfsync/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readBaseConfig, storeBaseConfig } from '../base-config.js';
import { configYaml, parseConfigText } from '../config-file.js';
import { defineRoute } from '../route.js';
import type { ServerContext } from '../server-context.js';

const CONFIG_BODY_LIMIT = 1024 * 1024;
const CONFIG_TYPES = [
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'application/json',
  'text/plain',
];

const ConfigQuery = z.object({ format: z.enum(['json', 'yaml']).default('json') });

/** Registers in a child plugin: its bodies are kept as text so problems can be placed on lines. */
export function registerConfigRoutes(api: FastifyInstance, ctx: ServerContext): void {
  void api.register(async (cfg) => {
    cfg.removeAllContentTypeParsers();
    cfg.addContentTypeParser(
      CONFIG_TYPES,
      { parseAs: 'string', bodyLimit: CONFIG_BODY_LIMIT },
      (_r, body, done) => done(null, typeof body === 'string' ? body : body.toString('utf8')),
    );
    defineRoutes(cfg, ctx);
  });
}

function defineRoutes(app: FastifyInstance, ctx: ServerContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/config',
    summary: 'The configuration in force (document types, operator settings) and its version',
    tags: ['config'],
    security: 'apiKey',
    query: ConfigQuery,
    responses: { 200: BaseConfigSchema },
    handler: async ({ query, reply }) => {
      const config = await readBaseConfig(ctx.store);
      if (query.format === 'json') return config;
      return reply.type('application/yaml; charset=utf-8').send(configYaml(config));
    },
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/config',
    summary: 'Replace the configuration with a YAML or JSON file; CONFIG_INVALID places each problem',
    tags: ['config'],
    security: 'apiKey',
    rawBody: { schema: BaseConfigFileSchema, consumes: CONFIG_TYPES },
    responses: { 200: BaseConfigSchema },
    handler: async ({ request }) => {
      const text = typeof request.body === 'string' ? request.body : '';
      const parsed = parseConfigText(text);
      if (!parsed.ok) throw new ShelfsyncError('CONFIG_INVALID', undefined, { issues: parsed.issues });
      return storeBaseConfig(ctx.store, parsed.value);
    },
  });
}
