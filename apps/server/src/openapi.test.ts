import { afterEach, beforeEach, expect, test } from 'vitest';
import { type Harness, startHarness } from './testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

test('the OpenAPI document lists every route with its schemas, without credentials', async () => {
  const res = await h.app.inject({ method: 'GET', url: '/api/docs/json' });
  expect(res.statusCode).toBe(200);
  const doc = res.json();
  expect(doc.openapi).toMatch(/^3\./);
  expect(Object.keys(doc.paths).sort()).toEqual(
    [
      '/api/v1/app-versions',
      '/api/v1/app-versions/{version}/files',
      '/api/v1/device-groups/{group}/app-version',
      '/api/v1/device-groups/{group}/rollback',
      '/api/v1/devices/{id}/group',
      '/api/v1/devices/{id}/logs',
      '/api/v1/devices/{id}/revoke',
      '/api/v1/devices/{id}/warehouse',
      '/api/v1/config',
      '/api/v1/commerceml-settings',
      '/api/v1/lookup-placement',
      '/api/v1/stock',
      '/device/v1/lookup',
      '/device/v1/stock',
      '/api/v1/catalog/{table}',
      '/api/v1/catalog/{table}/{id}',
      '/api/v1/devices',
      '/api/v1/devices/enrollments',
      '/api/v1/documents',
      '/api/v1/documents/{id}',
      '/api/v1/documents/{id}/ack',
      '/api/v1/documents/{id}/cancel',
      '/api/v1/documents/{id}/reassign',
      '/api/v1/documents/{id}/release',
      '/api/v1/leases',
      '/device/v1/documents/claim',
      '/device/v1/operator',
      '/device/v1/enroll',
      '/device/v1/hello',
      '/device/v1/pull',
      '/device/v1/push',
      '/1c/exchange',
    ].sort(),
  );
  const upload = doc.paths['/api/v1/catalog/{table}'].put;
  expect(Object.keys(upload.requestBody.content)).toEqual(['application/json', 'application/x-ndjson']);
  expect(upload.security).toEqual([{ apiKey: [] }]);
  const hello = doc.paths['/device/v1/hello'].post;
  expect(hello.requestBody.content['application/json'].schema.required).toEqual([
    'protocolVersion',
    'appVersion',
  ]);
  expect(hello.responses['200'].content['application/json'].schema.properties).toHaveProperty('lastMutation');
  expect(doc.components.securitySchemes).toHaveProperty('deviceToken');
});

test('the docs UI is served at /api/docs', async () => {
  const res = await h.app.inject({ method: 'GET', url: '/api/docs' });
  const page =
    res.statusCode === 302 ? await h.app.inject({ method: 'GET', url: res.headers.location as string }) : res;
  expect(page.statusCode).toBe(200);
  expect(page.headers['content-type']).toContain('text/html');
});

test("the docs UI's static files are served (by @fastify/static, pinned for Node 20)", async () => {
  const script = await h.app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' });
  expect(script.statusCode).toBe(200);
  expect(script.body.length).toBeGreaterThan(10_000);
});
