// Device API (terminal ⇄ base): enroll with a one-time code, then hello, pull and push with the
// device's bearer token. Message shapes are in @shelfsync/protocol device-api.ts.
import {
  EnrollRequestSchema,
  EnrollResponseSchema,
  HelloRequestSchema,
  HelloResponseSchema,
  isProtocolSupported,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  PullRequestSchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  ShelfsyncError,
} from '@shelfsync/protocol';
import type { DeviceContact } from '@shelfsync/store';
import type { FastifyInstance } from 'fastify';
import { deviceAuth, deviceOf } from '../auth.js';
import { hashEnrollmentCode } from '../enrollment-code.js';
import { createRateLimiter } from '../rate-limit.js';
import { defineRoute } from '../route.js';
import { generateDeviceId, generateDeviceToken, sha256Hex } from '../secrets.js';
import type { ServerContext } from '../server-context.js';

/** Documents per pull page: whole documents are large, so fewer than catalog rows. */
const DOCS_PER_PULL = 200;
export const ENROLL_ATTEMPTS_PER_MINUTE = 20;

function registerEnroll(app: FastifyInstance, ctx: ServerContext): void {
  const limiter = createRateLimiter(ENROLL_ATTEMPTS_PER_MINUTE, 60_000);
  defineRoute(app, {
    method: 'POST',
    url: '/enroll',
    summary: 'Enroll a terminal with a one-time code; answers its device id and token',
    tags: ['device'],
    body: EnrollRequestSchema,
    responses: { 200: EnrollResponseSchema },
    handler: async ({ body, request }) => {
      const now = ctx.now();
      limiter.hit(request.ip, now.getTime());
      const token = generateDeviceToken();
      const device = {
        id: generateDeviceId(),
        tokenHash: sha256Hex(token),
        name: body.name ?? 'Terminal',
        ...(body.platform !== undefined ? { platform: body.platform } : {}),
      };
      const outcome = await ctx.store.enrollDevice(hashEnrollmentCode(body.code), device, now.toISOString());
      if (!outcome.ok) throw new ShelfsyncError(outcome.reason);
      return { deviceId: outcome.device.id, token, baseId: ctx.baseId };
    },
  });
}

function registerHello(app: FastifyInstance, ctx: ServerContext): void {
  defineRoute(app, {
    method: 'POST',
    url: '/hello',
    summary: 'Negotiate the protocol version, report the device state, get the configuration',
    tags: ['device'],
    security: 'deviceToken',
    body: HelloRequestSchema,
    responses: { 200: HelloResponseSchema },
    handler: async ({ body, request }) => {
      const device = deviceOf(request);
      if (!isProtocolSupported(body.protocolVersion)) {
        throw new ShelfsyncError('SYNC_PROTOCOL_UNSUPPORTED', undefined, {
          client: body.protocolVersion,
          min: MIN_PROTOCOL_VERSION,
          max: PROTOCOL_VERSION,
        });
      }
      const now = ctx.now().toISOString();
      const contact: DeviceContact = {
        at: now,
        appVersion: body.appVersion,
        protocolVersion: body.protocolVersion,
      };
      if (body.backlog !== undefined) contact.backlog = body.backlog;
      if (body.storage !== undefined) contact.storage = body.storage;
      await ctx.store.recordContact(device.id, contact);
      const [lastMutation, config] = await Promise.all([
        ctx.store.lastMutation(device.id),
        ctx.store.getConfig(),
      ]);
      return {
        protocolVersion: Math.min(body.protocolVersion, PROTOCOL_VERSION),
        server: {
          protocolVersion: PROTOCOL_VERSION,
          minProtocolVersion: MIN_PROTOCOL_VERSION,
          version: ctx.version,
        },
        baseId: ctx.baseId,
        deviceId: device.id,
        serverTime: now,
        lastMutation,
        config,
      };
    },
  });
}

function registerSync(app: FastifyInstance, ctx: ServerContext): void {
  defineRoute(app, {
    method: 'POST',
    url: '/pull',
    summary: 'Catalog changes after a cursor and this device’s documents after a revision',
    tags: ['device'],
    security: 'deviceToken',
    body: PullRequestSchema.optional(),
    responses: { 200: PullResponseSchema },
    handler: async ({ body, request }) => {
      const device = deviceOf(request);
      const req = body ?? PullRequestSchema.parse({});
      const catalog = await ctx.store.pullCatalog(req.catalogCursor, req.limit);
      const documents = await ctx.store.pullDocuments(device.id, req.docCursor, DOCS_PER_PULL);
      return { catalog, documents, serverTime: ctx.now().toISOString() };
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/push',
    summary: 'Apply numbered mutations exactly once (a gap answers SYNC_MUTATION_GAP)',
    tags: ['device'],
    security: 'deviceToken',
    body: PushRequestSchema,
    responses: { 200: PushResponseSchema },
    handler: async ({ body, request }) =>
      ctx.store.applyMutations(deviceOf(request).id, body.mutations, ctx.now().toISOString()),
  });
}

export function registerDeviceRoutes(app: FastifyInstance, ctx: ServerContext): void {
  registerEnroll(app, ctx);
  app.register(async (authed) => {
    authed.decorateRequest('device', null);
    authed.addHook('onRequest', deviceAuth(ctx.store));
    registerHello(authed, ctx);
    registerSync(authed, ctx);
  });
}
