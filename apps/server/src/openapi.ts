// OpenAPI 3 description of the HTTP API at /api/docs/json and a browsable UI at /api/docs, both
// built from the zod schemas each route declares (route.ts).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export const DOCS_PREFIX = '/api/docs';

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Shelfsync',
        version,
        description:
          'Integration API (/api/v1) for accounting systems and device API (/device/v1) for terminals. ' +
          'Every error answers `{error: {code, message, details?}}`; codes are listed in docs/errors.md.',
      },
      tags: [
        { name: 'catalog', description: 'Catalog uploads (JSON array or NDJSON, streamed)' },
        { name: 'documents', description: 'Task documents and the export of completed ones' },
        { name: 'devices', description: 'Terminal enrollment and registry' },
        { name: 'device', description: 'Terminal ⇄ base synchronisation' },
        { name: '1c', description: 'The exchange node of a 1C base ("exchange with a site")' },
      ],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'The integration API key' },
          deviceToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The token a terminal got at enrollment',
          },
          oneCBasic: {
            type: 'http',
            scheme: 'basic',
            description: 'The 1C exchange login and password (checkauth only; then the session cookie)',
          },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });
}
