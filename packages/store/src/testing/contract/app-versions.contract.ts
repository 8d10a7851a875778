// Contract: terminal app versions assigned per device group with rollback, and the device registry
// (DESIGN.md §7).
import { describe, expect, test } from 'vitest';
import type { ServerStore } from '../../server-store.js';
import type { OpenStore } from './fixtures.js';
import { errorOf, NOW, useStore } from './fixtures.js';

const LATER = '2026-11-25T11:00:00.000Z';

async function enroll(store: ServerStore, id: string): Promise<void> {
  await store.createEnrollment(`code-${id}`, '2030-01-01T00:00:00.000Z', NOW);
  await store.enrollDevice(`code-${id}`, { id, tokenHash: `hash-${id}`, name: id }, NOW);
}

export function appVersionContract(open: OpenStore): void {
  describe('app versions and device registry', () => {
    const store = useStore(open);

    test('a group runs its newest assignment; rollback returns to the one before', async () => {
      await store().putAppVersion({ version: '1.0.0', notes: 'first', minProtocol: 1 }, NOW);
      await store().putAppVersion({ version: '1.1.0', notes: 'pilot', minProtocol: 1 }, NOW);
      expect((await store().listAppVersions()).map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
      expect(await store().groupAppVersion('pilot')).toEqual({ group: 'pilot', history: [] });

      await store().assignAppVersion('stable', '1.0.0', NOW);
      await store().assignAppVersion('pilot', '1.0.0', NOW);
      const pilot = await store().assignAppVersion('pilot', '1.1.0', LATER);
      expect(pilot.current).toMatchObject({ version: '1.1.0', notes: 'pilot', minProtocol: 1 });
      expect((await store().groupAppVersion('stable')).current?.version).toBe('1.0.0');
      expect((await store().assignedAppVersions()).map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);

      const back = await store().rollbackAppVersion('pilot', LATER);
      expect(back.current?.version).toBe('1.0.0');
      expect(back.history).toEqual([
        { version: '1.1.0', assignedAt: LATER, rolledBackAt: LATER },
        { version: '1.0.0', assignedAt: NOW },
      ]);
      expect((await store().assignedAppVersions()).map((v) => v.version)).toEqual(['1.0.0']);
      expect((await errorOf(store().rollbackAppVersion('pilot', LATER))).code).toBe(
        'APP_VERSION_NO_ROLLBACK',
      );
      expect((await errorOf(store().assignAppVersion('pilot', '9.9.9', NOW))).code).toBe(
        'APP_VERSION_NOT_FOUND',
      );
    });

    test("a version's built files are stored by path, replaced, and only for registered versions", async () => {
      await store().putAppVersion({ version: '1.0.0', notes: '', minProtocol: 1 }, NOW);
      const html = new TextEncoder().encode('<!doctype html><title>v1</title>');
      const js = new Uint8Array([0, 1, 2, 255]);
      expect(
        await store().putAppFiles('1.0.0', [
          { path: 'index.html', contentType: 'text/html; charset=utf-8', bytes: html },
          { path: 'assets/app.js', contentType: 'text/javascript', bytes: js },
        ]),
      ).toBe(2);
      expect(await store().getAppFile('1.0.0', 'assets/app.js')).toEqual({
        path: 'assets/app.js',
        contentType: 'text/javascript',
        bytes: js,
      });
      await store().putAppFiles('1.0.0', [
        { path: 'assets/app.js', contentType: 'text/javascript', bytes: html },
      ]);
      expect((await store().getAppFile('1.0.0', 'assets/app.js'))?.bytes).toEqual(html);
      expect(await store().getAppFile('1.0.0', 'missing.js')).toBeUndefined();
      const refused = await errorOf(
        store().putAppFiles('2.0.0', [{ path: 'a', contentType: 'x', bytes: js }]),
      );
      expect(refused.code).toBe('APP_VERSION_NOT_FOUND');
    });

    test('devices start in the stable group and can be moved; unknown devices are refused', async () => {
      await enroll(store(), 'A');
      expect(await store().deviceGroup('A')).toBe('stable');
      await store().setDeviceGroup('A', 'pilot');
      expect(await store().deviceGroup('A')).toBe('pilot');
      expect((await errorOf(store().setDeviceGroup('Z', 'pilot'))).code).toBe('DEVICE_NOT_FOUND');
    });

    test('the registry shows contact, versions, backlog, storage and group', async () => {
      await enroll(store(), 'A');
      await enroll(store(), 'B');
      await store().recordContact('A', {
        at: LATER,
        appVersion: '1.1.0',
        protocolVersion: 1,
        backlog: 3,
        storage: { used: 1000, free: 5000 },
      });
      await store().recordDeviceConfigVersion('A', 'sha256:abc');
      await store().setDeviceGroup('A', 'pilot');
      const [a, b] = await store().listDeviceRegistry();
      expect(a).toEqual({
        id: 'A',
        name: 'A',
        enrolledAt: NOW,
        revoked: false,
        group: 'pilot',
        lastSeenAt: LATER,
        appVersion: '1.1.0',
        protocolVersion: 1,
        backlog: 3,
        configVersion: 'sha256:abc',
        storage: { used: 1000, free: 5000 },
      });
      expect(b).toEqual({ id: 'B', name: 'B', enrolledAt: NOW, revoked: false, group: 'stable' });
    });
  });
}
