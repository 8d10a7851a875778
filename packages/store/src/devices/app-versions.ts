// App versions, device groups and their assignment history (DESIGN.md §7), written once for both
// dialects through Tx. The group's current version is its newest assignment not rolled back.
import {
  type AppVersion,
  type AppVersionInput,
  DEFAULT_DEVICE_GROUP,
  ShelfsyncError,
} from '@shelfsync/protocol';
import type { AppAssignment, AppFile, GroupAppVersion } from '../server-store.js';
import type { Tx } from '../tx.js';

interface VersionRow {
  version: string;
  notes: string;
  min_protocol: number;
  created_at: string;
}

interface AssignmentRow {
  version: string;
  assigned_at: string;
  rolled_back_at: string | null;
}

const findVersion = (db: Tx, version: string): Promise<VersionRow | undefined> =>
  db.get<VersionRow>('SELECT * FROM app_versions WHERE version = ?', [version]);

const toVersion = (r: VersionRow): AppVersion => ({
  version: r.version,
  notes: r.notes,
  minProtocol: Number(r.min_protocol),
  createdAt: r.created_at,
});

export async function putAppVersion(
  db: Tx,
  input: AppVersionInput & { notes: string },
  now: string,
): Promise<AppVersion> {
  await db.run(
    `INSERT INTO app_versions (version, notes, min_protocol, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (version) DO UPDATE SET notes = excluded.notes`,
    [input.version, input.notes, input.minProtocol, now],
  );
  return toVersion((await findVersion(db, input.version))!);
}

export async function listAppVersions(db: Tx): Promise<AppVersion[]> {
  return (await db.all<VersionRow>('SELECT * FROM app_versions ORDER BY created_at, version')).map(toVersion);
}

export async function groupAppVersion(db: Tx, group: string): Promise<GroupAppVersion> {
  const rows = await db.all<AssignmentRow>(
    'SELECT version, assigned_at, rolled_back_at FROM app_assignments WHERE grp = ? ORDER BY n DESC',
    [group],
  );
  const history: AppAssignment[] = rows.map((r) => ({
    version: r.version,
    assignedAt: r.assigned_at,
    ...(r.rolled_back_at === null ? {} : { rolledBackAt: r.rolled_back_at }),
  }));
  const live = rows.find((r) => r.rolled_back_at === null);
  if (!live) return { group, history };
  const version = await findVersion(db, live.version);
  return version ? { group, current: toVersion(version), history } : { group, history };
}

export async function assignAppVersion(
  db: Tx,
  group: string,
  version: string,
  now: string,
): Promise<GroupAppVersion> {
  if (!(await findVersion(db, version)))
    throw new ShelfsyncError('APP_VERSION_NOT_FOUND', undefined, { version });
  await db.run('INSERT INTO app_assignments (grp, version, assigned_at) VALUES (?, ?, ?)', [
    group,
    version,
    now,
  ]);
  return groupAppVersion(db, group);
}

export async function rollbackAppVersion(db: Tx, group: string, now: string): Promise<GroupAppVersion> {
  const live = await db.all<{ n: number | string }>(
    'SELECT n FROM app_assignments WHERE grp = ? AND rolled_back_at IS NULL ORDER BY n DESC',
    [group],
  );
  // Rolling back the only live assignment would leave the group on nothing: refuse instead.
  if (live.length < 2) throw new ShelfsyncError('APP_VERSION_NO_ROLLBACK', undefined, { group });
  await db.run('UPDATE app_assignments SET rolled_back_at = ? WHERE n = ?', [now, live[0]!.n]);
  return groupAppVersion(db, group);
}

export async function assignedAppVersions(db: Tx): Promise<AppVersion[]> {
  const rows = await db.all<VersionRow>(
    `SELECT v.* FROM app_versions v WHERE v.version IN (
       SELECT a.version FROM app_assignments a WHERE a.rolled_back_at IS NULL AND a.n = (
         SELECT max(b.n) FROM app_assignments b WHERE b.grp = a.grp AND b.rolled_back_at IS NULL))
     ORDER BY v.version`,
  );
  return rows.map(toVersion);
}

export async function setDeviceGroup(db: Tx, deviceId: string, group: string): Promise<void> {
  if (!(await db.get('SELECT 1 FROM devices WHERE id = ?', [deviceId]))) {
    throw new ShelfsyncError('DEVICE_NOT_FOUND', undefined, { deviceId });
  }
  await db.run(
    'INSERT INTO device_groups (device_id, grp) VALUES (?, ?) ON CONFLICT (device_id) DO UPDATE SET grp = excluded.grp',
    [deviceId, group],
  );
}

export async function deviceGroup(db: Tx, deviceId: string): Promise<string> {
  const row = await db.get<{ grp: string }>('SELECT grp FROM device_groups WHERE device_id = ?', [deviceId]);
  return row?.grp ?? DEFAULT_DEVICE_GROUP;
}

export async function putAppFiles(db: Tx, version: string, files: readonly AppFile[]): Promise<number> {
  if (!(await findVersion(db, version)))
    throw new ShelfsyncError('APP_VERSION_NOT_FOUND', undefined, { version });
  for (const file of files) {
    await db.run(
      `INSERT INTO app_files (version, path, content_type, bytes) VALUES (?, ?, ?, ?)
       ON CONFLICT (version, path) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes`,
      [version, file.path, file.contentType, Buffer.from(file.bytes)],
    );
  }
  return files.length;
}

export async function getAppFile(db: Tx, version: string, path: string): Promise<AppFile | undefined> {
  const row = await db.get<{ content_type: string; bytes: Uint8Array }>(
    'SELECT content_type, bytes FROM app_files WHERE version = ? AND path = ?',
    [version, path],
  );
  return row ? { path, contentType: row.content_type, bytes: new Uint8Array(row.bytes) } : undefined;
}
