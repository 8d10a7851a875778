// Device API (terminal ⇄ base): enroll with a one-time code, then hello, pull and push with the
// device's bearer token. The answers come from DeviceService; message shapes are in
// @shelfsync/protocol device-api.ts.
import {
  EnrollRequestSchema,
  EnrollResponseSchema,
  HelloRequestSchema,
  HelloResponseSchema,
  PullRequestSchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  ShelfsyncError,
} from '@shelfsync/protocol';
import type { FastifyInstance } from 'fastify';
import { deviceAuth, deviceOf } from '../auth.js';
import { DeviceService } from '../device-service.js';
import { hashEnrollmentCode } from '../enrollment-code.js';
import { createEnrollmentGuard, ENROLL_LIMITS } from '../enrollment-guard.js';
import { defineRoute } from '../route.js';
import { generateDeviceId, generateDeviceToken, sha256Hex } from '../secrets.js';
import type { ServerContext } from '../server-context.js';

function registerEnroll(app: FastifyInstance, ctx: ServerContext): void {
  const guard = createEnrollmentGuard(ENROLL_LIMITS, (retryAfterMs) =>
    app.log.warn({ retryAfterMs }, 'enrollment paused: too many wrong codes on this server'),
  );
  defineRoute(app, {
    method: 'POST',
    url: '/enroll',
    summary: 'Enroll a terminal with a one-time code; answers its device id and token',
    tags: ['device'],
    body: EnrollRequestSchema,
    responses: { 200: EnrollResponseSchema },
    handler: async ({ body, request }) => {
      const now = ctx.now();
      guard.admit(request.ip, now.getTime());
      const token = generateDeviceToken();
      const device = {
        id: generateDeviceId(),
        tokenHash: sha256Hex(token),
        name: body.name ?? 'Terminal',
        ...(body.platform !== undefined ? { platform: body.platform } : {}),
      };
      let outcome: Awaited<ReturnType<typeof ctx.store.enrollDevice>>;
      try {
        outcome = await ctx.store.enrollDevice(hashEnrollmentCode(body.code), device, now.toISOString());
      } catch (error) {
        guard.notWrong(request.ip, now.getTime());
        throw error;
      }
      if (!outcome.ok) throw new ShelfsyncError(outcome.reason);
      guard.notWrong(request.ip, now.getTime());
      return { deviceId: outcome.device.id, token, baseId: ctx.baseId };
    },
  });
}

function registerHello(app: FastifyInstance, service: DeviceService): void {
  defineRoute(app, {
    method: 'POST',
    url: '/hello',
    summary: 'Negotiate the protocol version, report the device state, get the configuration',
    tags: ['device'],
    security: 'deviceToken',
    body: HelloRequestSchema,
    responses: { 200: HelloResponseSchema },
    handler: async ({ body, request }) => service.hello(deviceOf(request), body),
  });
}

function registerSync(app: FastifyInstance, service: DeviceService): void {
  defineRoute(app, {
    method: 'POST',
    url: '/pull',
    summary: 'Catalog changes after a cursor and this device’s documents after a revision',
    tags: ['device'],
    security: 'deviceToken',
    body: PullRequestSchema.optional(),
    responses: { 200: PullResponseSchema },
    handler: async ({ body, request }) =>
      service.pull(deviceOf(request), body ?? PullRequestSchema.parse({})),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/push',
    summary: 'Apply numbered mutations exactly once (a gap answers SYNC_MUTATION_GAP)',
    tags: ['device'],
    security: 'deviceToken',
    body: PushRequestSchema,
    responses: { 200: PushResponseSchema },
    handler: async ({ body, request }) => service.push(deviceOf(request), body),
  });
}

export function registerDeviceRoutes(app: FastifyInstance, ctx: ServerContext): void {
  registerEnroll(app, ctx);
  app.register(async (authed) => {
    authed.decorateRequest('device', null);
    authed.addHook('onRequest', deviceAuth(ctx.store));
    const service = new DeviceService(ctx);
    registerHello(authed, service);
    registerSync(authed, service);
  });
}
