// Shared setup for the server's tests: a real SQLite store on a temp file and the app in-process.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteServerStore, type ServerStore } from '@shelfsync/store';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildServer } from '../build-server.js';
import { createEnrollmentCode } from '../enrollment-code.js';
import type { OneCExchangeOptions } from '../one-c-exchange/one-c-exchange.js';
import { sha256Hex } from '../secrets.js';
import type { DeviceLogSink } from '../server-context.js';

export const TEST_API_KEY = 'test-key-0123456789';
export const KEY = { authorization: `Bearer ${TEST_API_KEY}` };

export interface Harness {
  app: FastifyInstance;
  store: ServerStore;
  /** Moves the server's clock. */
  setNow(date: Date): void;
  close(): Promise<void>;
}

export const ONE_C_LOGIN = { user: 'ut11', password: 'one-c-password' };

export async function startHarness(
  opts: { deviceLogs?: DeviceLogSink; oneC?: Partial<OneCExchangeOptions> } = {},
): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'shelfsync-server-'));
  const store = await openSqliteServerStore(join(dir, 'test.db'));
  let now = new Date('2026-11-25T10:00:00.000Z');
  const app = await buildServer({
    store,
    apiKeyHash: sha256Hex(TEST_API_KEY),
    version: '0.0.0-test',
    now: () => now,
    ...(opts.deviceLogs ? { deviceLogs: opts.deviceLogs } : {}),
    ...(opts.oneC
      ? {
          oneCExchange: {
            users: [ONE_C_LOGIN.user],
            passwordHash: sha256Hex(ONE_C_LOGIN.password),
            dir: join(dir, '1c-exchange'),
            ...opts.oneC,
          },
        }
      : {}),
  });
  return {
    app,
    store,
    setNow: (date) => {
      now = date;
    },
    close: async () => {
      await app.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The error code of an error answer. */
export function codeOf(res: LightMyRequestResponse): string | undefined {
  return (res.json() as { error?: { code?: string } }).error?.code;
}

export function product(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, name: `Product ${id}`, barcodes: [`460${id.replace(/\D/g, '').padStart(10, '0')}`], ...extra };
}

export async function uploadProducts(h: Harness, rows: unknown[]): Promise<void> {
  const res = await h.app.inject({
    method: 'PUT',
    url: '/api/v1/catalog/products',
    headers: KEY,
    payload: rows,
  });
  if (res.statusCode !== 200) throw new Error(`product upload failed: ${res.body}`);
}

/** Enrolls a device through the API and returns its id and bearer header. */
export async function enrollDevice(
  h: Harness,
): Promise<{ deviceId: string; auth: { authorization: string } }> {
  const { code } = await createEnrollmentCode(h.store, 60_000, new Date('2026-11-25T10:00:00.000Z'));
  const res = await h.app.inject({ method: 'POST', url: '/device/v1/enroll', payload: { code, name: 'T1' } });
  if (res.statusCode !== 200) throw new Error(`enroll failed: ${res.body}`);
  const body = res.json() as { deviceId: string; token: string };
  return { deviceId: body.deviceId, auth: { authorization: `Bearer ${body.token}` } };
}
