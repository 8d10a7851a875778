// Bearer authentication: the integration API key (one, compared by hash in constant time) and
// per-device tokens (looked up by hash in the store, revocable).
import { ShelfsyncError } from '@shelfsync/protocol';
import type { DeviceRecord, DeviceStore } from '@shelfsync/store';
import type { FastifyRequest } from 'fastify';
import { matchesSha256, sha256Hex } from './secrets.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The enrolled device behind a device API request; set by deviceAuth. */
    device: DeviceRecord | null;
  }
}

/** The bearer credential, '' when the header is there but unusable, undefined when absent. */
function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? '';
}

/** onRequest hook for the integration API: runs before any body is read. */
export function apiKeyAuth(apiKeyHash: string) {
  return async (request: FastifyRequest): Promise<void> => {
    const key = bearerOf(request);
    if (key === undefined) throw new ShelfsyncError('AUTH_MISSING');
    if (!matchesSha256(key, apiKeyHash)) throw new ShelfsyncError('AUTH_INVALID_KEY');
  };
}

/** onRequest hook for the device API: resolves the token to a live (not revoked) device. */
export function deviceAuth(store: DeviceStore) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerOf(request);
    if (token === undefined) throw new ShelfsyncError('AUTH_MISSING');
    const device = token === '' ? undefined : await store.findDeviceByTokenHash(sha256Hex(token));
    if (device === undefined || device.revoked) throw new ShelfsyncError('AUTH_INVALID_TOKEN');
    request.device = device;
  };
}

/** The authenticated device of a request behind deviceAuth. */
export function deviceOf(request: FastifyRequest): DeviceRecord {
  if (request.device === null) throw new ShelfsyncError('AUTH_MISSING');
  return request.device;
}
