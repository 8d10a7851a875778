// Device registry and enrollment on SQLite. Each function runs inside the caller's transaction.
import type { DeviceContact, DeviceRecord, EnrollOutcome } from './server-store.js';
import type { SqliteConnection } from './sqlite-connection.js';

interface DeviceRow {
  id: string;
  name: string;
  platform: string | null;
  enrolled_at: string;
  last_seen_at: string | null;
  app_version: string | null;
  protocol_version: number | null;
  backlog: number | null;
  revoked: number;
}

const DEVICE_COLUMNS =
  'id, name, platform, enrolled_at, last_seen_at, app_version, protocol_version, backlog, revoked';

export function createEnrollment(
  conn: SqliteConnection,
  codeHash: string,
  expiresAt: string,
  now: string,
): void {
  conn.run(
    `INSERT INTO enrollments (code_hash, expires_at, created_at) VALUES (?, ?, ?)
     ON CONFLICT (code_hash) DO UPDATE SET expires_at = excluded.expires_at, created_at = excluded.created_at,
       used_at = NULL, device_id = NULL`,
    codeHash,
    expiresAt,
    now,
  );
}

export function enrollDevice(
  conn: SqliteConnection,
  codeHash: string,
  device: { id: string; tokenHash: string; name: string; platform?: string },
  now: string,
): EnrollOutcome {
  const code = conn.get<{ expires_at: string; used_at: string | null }>(
    'SELECT expires_at, used_at FROM enrollments WHERE code_hash = ?',
    codeHash,
  );
  if (!code) return { ok: false, reason: 'ENROLL_CODE_INVALID' };
  if (code.used_at !== null) return { ok: false, reason: 'ENROLL_CODE_USED' };
  if (Date.parse(code.expires_at) <= Date.parse(now)) return { ok: false, reason: 'ENROLL_CODE_EXPIRED' };
  conn.run('UPDATE enrollments SET used_at = ?, device_id = ? WHERE code_hash = ?', now, device.id, codeHash);
  // Re-enrolling a known id gives it a new token and lifts a revocation.
  conn.run(
    `INSERT INTO devices (id, name, platform, token_hash, enrolled_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, platform = excluded.platform,
       token_hash = excluded.token_hash, enrolled_at = excluded.enrolled_at, revoked = 0`,
    device.id,
    device.name,
    device.platform ?? null,
    device.tokenHash,
    now,
  );
  return { ok: true, device: findDevice(conn, device.id)! };
}

export function findDevice(conn: SqliteConnection, id: string): DeviceRecord | undefined {
  const row = conn.get<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = ?`, id);
  return row ? toDevice(row) : undefined;
}

export function findDeviceByTokenHash(conn: SqliteConnection, tokenHash: string): DeviceRecord | undefined {
  const row = conn.get<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE token_hash = ?`, tokenHash);
  return row ? toDevice(row) : undefined;
}

export function recordContact(conn: SqliteConnection, deviceId: string, contact: DeviceContact): void {
  // Fields the terminal did not report keep their last known value.
  conn.run(
    `UPDATE devices SET last_seen_at = ?, app_version = coalesce(?, app_version),
       protocol_version = coalesce(?, protocol_version), backlog = coalesce(?, backlog),
       storage_used = coalesce(?, storage_used), storage_free = coalesce(?, storage_free)
     WHERE id = ?`,
    contact.at,
    contact.appVersion ?? null,
    contact.protocolVersion ?? null,
    contact.backlog ?? null,
    contact.storage?.used ?? null,
    contact.storage?.free ?? null,
    deviceId,
  );
}

export function revokeDevice(conn: SqliteConnection, deviceId: string): boolean {
  return conn.run('UPDATE devices SET revoked = 1 WHERE id = ?', deviceId).changes > 0;
}

export function listDevices(conn: SqliteConnection): DeviceRecord[] {
  return conn.all<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices ORDER BY enrolled_at, id`).map(toDevice);
}

function toDevice(row: DeviceRow): DeviceRecord {
  return {
    id: row.id,
    name: row.name,
    enrolledAt: row.enrolled_at,
    revoked: row.revoked !== 0,
    ...(row.platform === null ? {} : { platform: row.platform }),
    ...(row.last_seen_at === null ? {} : { lastSeenAt: row.last_seen_at }),
    ...(row.app_version === null ? {} : { appVersion: row.app_version }),
    ...(row.protocol_version === null ? {} : { protocolVersion: row.protocol_version }),
    ...(row.backlog === null ? {} : { backlog: row.backlog }),
  };
}
