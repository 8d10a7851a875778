// Device registry, enrollment, settings and configuration on PostgreSQL.
import { randomUUID } from 'node:crypto';
import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import type { DocumentType } from '@shelfsync/protocol';
import type { PgTx } from './pg-tx.js';
import type { DeviceContact, DeviceRecord, EnrollOutcome } from './server-store.js';

interface DeviceRow {
  id: string;
  name: string;
  platform: string | null;
  enrolled_at: string;
  last_seen_at: string | null;
  app_version: string | null;
  protocol_version: number | null;
  backlog: number | null;
  revoked: boolean;
}

const COLUMNS =
  'id, name, platform, enrolled_at, last_seen_at, app_version, protocol_version, backlog, revoked';

export async function createEnrollment(
  tx: PgTx,
  codeHash: string,
  expiresAt: string,
  now: string,
): Promise<void> {
  await tx.run(
    `INSERT INTO enrollments (code_hash, expires_at, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (code_hash) DO UPDATE SET expires_at = excluded.expires_at, created_at = excluded.created_at,
       used_at = NULL, device_id = NULL`,
    [codeHash, expiresAt, now],
  );
}

export async function enrollDevice(
  tx: PgTx,
  codeHash: string,
  device: { id: string; tokenHash: string; name: string; platform?: string },
  now: string,
): Promise<EnrollOutcome> {
  const code = await tx.one<{ expires_at: string; used_at: string | null }>(
    'SELECT expires_at, used_at FROM enrollments WHERE code_hash = $1 FOR UPDATE',
    [codeHash],
  );
  if (!code) return { ok: false, reason: 'ENROLL_CODE_INVALID' };
  if (code.used_at !== null) return { ok: false, reason: 'ENROLL_CODE_USED' };
  if (Date.parse(code.expires_at) <= Date.parse(now)) return { ok: false, reason: 'ENROLL_CODE_EXPIRED' };
  await tx.run('UPDATE enrollments SET used_at = $2, device_id = $3 WHERE code_hash = $1', [
    codeHash,
    now,
    device.id,
  ]);
  await tx.run(
    `INSERT INTO devices (id, name, platform, token_hash, enrolled_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, platform = excluded.platform,
       token_hash = excluded.token_hash, enrolled_at = excluded.enrolled_at, revoked = false`,
    [device.id, device.name, device.platform ?? null, device.tokenHash, now],
  );
  const row = await tx.one<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE id = $1`, [device.id]);
  return { ok: true, device: toDevice(row!) };
}

export async function findDeviceByTokenHash(tx: PgTx, tokenHash: string): Promise<DeviceRecord | undefined> {
  const row = await tx.one<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE token_hash = $1`, [tokenHash]);
  return row ? toDevice(row) : undefined;
}

export async function recordContact(tx: PgTx, deviceId: string, c: DeviceContact): Promise<void> {
  await tx.run(
    `UPDATE devices SET last_seen_at = $2, app_version = coalesce($3, app_version),
       protocol_version = coalesce($4, protocol_version), backlog = coalesce($5, backlog),
       storage_used = coalesce($6, storage_used), storage_free = coalesce($7, storage_free)
     WHERE id = $1`,
    [
      deviceId,
      c.at,
      c.appVersion ?? null,
      c.protocolVersion ?? null,
      c.backlog ?? null,
      c.storage?.used ?? null,
      c.storage?.free ?? null,
    ],
  );
}

export async function revokeDevice(tx: PgTx, deviceId: string): Promise<boolean> {
  return (await tx.run('UPDATE devices SET revoked = true WHERE id = $1', [deviceId])) > 0;
}

export async function listDevices(tx: PgTx): Promise<DeviceRecord[]> {
  return (await tx.all<DeviceRow>(`SELECT ${COLUMNS} FROM devices ORDER BY enrolled_at, id`)).map(toDevice);
}

function toDevice(row: DeviceRow): DeviceRecord {
  return {
    id: row.id,
    name: row.name,
    enrolledAt: row.enrolled_at,
    revoked: row.revoked,
    ...(row.platform === null ? {} : { platform: row.platform }),
    ...(row.last_seen_at === null ? {} : { lastSeenAt: row.last_seen_at }),
    ...(row.app_version === null ? {} : { appVersion: row.app_version }),
    ...(row.protocol_version === null ? {} : { protocolVersion: row.protocol_version }),
    ...(row.backlog === null ? {} : { backlog: row.backlog }),
  };
}

export async function getSetting(tx: PgTx, key: string): Promise<string | undefined> {
  return (await tx.one<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]))?.value;
}

export async function setSetting(tx: PgTx, key: string, value: string): Promise<void> {
  await tx.run(
    'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    [key, value],
  );
}

export async function ensureBaseId(tx: PgTx): Promise<void> {
  await tx.run("INSERT INTO meta (key, value) VALUES ('base_id', $1) ON CONFLICT DO NOTHING", [randomUUID()]);
}

export async function readBaseId(tx: PgTx): Promise<string> {
  const row = await tx.one<{ value: string }>("SELECT value FROM meta WHERE key = 'base_id'");
  if (!row) throw new Error('the store is not initialised: call init() first');
  return row.value;
}

export async function readDocumentTypes(tx: PgTx): Promise<readonly DocumentType[]> {
  const row = await tx.one<{ value: string }>("SELECT value FROM meta WHERE key = 'document_types'");
  return row ? (JSON.parse(row.value) as DocumentType[]) : DEFAULT_DOCUMENT_TYPES;
}

export async function writeDocumentTypes(tx: PgTx, types: readonly DocumentType[]): Promise<void> {
  await tx.run(
    `INSERT INTO meta (key, value) VALUES ('document_types', $1)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [JSON.stringify(types)],
  );
}
