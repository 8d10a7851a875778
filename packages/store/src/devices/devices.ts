// Enrollment codes and the devices they register (tokens, last contact, revocation), written once
// for both dialects through Tx. The registry view for administrators is in device-registry.ts.
import type { DeviceContact, DeviceRecord, EnrollOutcome } from '../server-store.js';
import type { Tx } from '../tx.js';

export interface DeviceRow {
  id: string;
  name: string;
  platform: string | null;
  enrolled_at: string;
  last_seen_at: string | null;
  app_version: string | null;
  protocol_version: number | null;
  backlog: number | null;
  revoked: number | boolean;
}

const DEVICE_COLUMNS =
  'id, name, platform, enrolled_at, last_seen_at, app_version, protocol_version, backlog, revoked';

/** A code issued again starts over: a new expiry, unused. */
export async function createEnrollment(
  tx: Tx,
  codeHash: string,
  expiresAt: string,
  now: string,
): Promise<void> {
  await tx.run(
    `INSERT INTO enrollments (code_hash, expires_at, created_at) VALUES (?, ?, ?)
     ON CONFLICT (code_hash) DO UPDATE SET expires_at = excluded.expires_at, created_at = excluded.created_at,
       used_at = NULL, device_id = NULL`,
    [codeHash, expiresAt, now],
  );
}

/** Ends an unused code now (it answers ENROLL_CODE_EXPIRED); false when unknown, used or expired. */
export async function revokeEnrollment(tx: Tx, codeHash: string, now: string): Promise<boolean> {
  const code = await tx.get<{ expires_at: string }>(
    'SELECT expires_at FROM enrollments WHERE code_hash = ? AND used_at IS NULL',
    [codeHash],
  );
  if (!code || Date.parse(code.expires_at) <= Date.parse(now)) return false;
  return (await tx.run('UPDATE enrollments SET expires_at = ? WHERE code_hash = ?', [now, codeHash])) > 0;
}

/** Consumes the code and registers the device in the caller's transaction. */
export async function enrollDevice(
  tx: Tx,
  codeHash: string,
  device: { id: string; tokenHash: string; name: string; platform?: string },
  now: string,
): Promise<EnrollOutcome> {
  // Locked on PostgreSQL: two instances enrolling with one code would both see it unused.
  const code = await tx.get<{ expires_at: string; used_at: string | null }>(
    `SELECT expires_at, used_at FROM enrollments WHERE code_hash = ?${tx.forUpdate}`,
    [codeHash],
  );
  if (!code) return { ok: false, reason: 'ENROLL_CODE_INVALID' };
  if (code.used_at !== null) return { ok: false, reason: 'ENROLL_CODE_USED' };
  if (Date.parse(code.expires_at) <= Date.parse(now)) return { ok: false, reason: 'ENROLL_CODE_EXPIRED' };
  await tx.run('UPDATE enrollments SET used_at = ?, device_id = ? WHERE code_hash = ?', [
    now,
    device.id,
    codeHash,
  ]);
  // Re-enrolling a known id gives it a new token and lifts a revocation.
  const row = await tx.get<DeviceRow>(
    `INSERT INTO devices (id, name, platform, token_hash, enrolled_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, platform = excluded.platform,
       token_hash = excluded.token_hash, enrolled_at = excluded.enrolled_at, revoked = false
     RETURNING ${DEVICE_COLUMNS}`,
    [device.id, device.name, device.platform ?? null, device.tokenHash, now],
  );
  return { ok: true, device: toDevice(row!) };
}

export async function findDeviceByTokenHash(tx: Tx, tokenHash: string): Promise<DeviceRecord | undefined> {
  const row = await tx.get<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE token_hash = ?`, [
    tokenHash,
  ]);
  return row ? toDevice(row) : undefined;
}

export async function recordContact(tx: Tx, deviceId: string, contact: DeviceContact): Promise<void> {
  // Fields the terminal did not report keep their last known value.
  await tx.run(
    `UPDATE devices SET last_seen_at = ?, app_version = coalesce(?, app_version),
       protocol_version = coalesce(?, protocol_version), backlog = coalesce(?, backlog),
       storage_used = coalesce(?, storage_used), storage_free = coalesce(?, storage_free)
     WHERE id = ?`,
    [
      contact.at,
      contact.appVersion ?? null,
      contact.protocolVersion ?? null,
      contact.backlog ?? null,
      contact.storage?.used ?? null,
      contact.storage?.free ?? null,
      deviceId,
    ],
  );
}

/** False when no such device is enrolled. */
export async function revokeDevice(tx: Tx, deviceId: string): Promise<boolean> {
  return (await tx.run('UPDATE devices SET revoked = true WHERE id = ?', [deviceId])) > 0;
}

export async function listDevices(tx: Tx): Promise<DeviceRecord[]> {
  return (await tx.all<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices ORDER BY enrolled_at, id`)).map(
    toDevice,
  );
}

export function toDevice(row: DeviceRow): DeviceRecord {
  return {
    id: row.id,
    name: row.name,
    enrolledAt: row.enrolled_at,
    revoked: Boolean(row.revoked),
    // Omitted rather than undefined (exactOptionalPropertyTypes): fields a device never reported.
    ...(row.platform === null ? {} : { platform: row.platform }),
    ...(row.last_seen_at === null ? {} : { lastSeenAt: row.last_seen_at }),
    ...(row.app_version === null ? {} : { appVersion: row.app_version }),
    ...(row.protocol_version === null ? {} : { protocolVersion: Number(row.protocol_version) }),
    ...(row.backlog === null ? {} : { backlog: Number(row.backlog) }),
  };
}
