// Contract: base id, settings, enrollment and the device registry, configuration versions.
import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import { describe, expect, test } from 'vitest';
import type { OpenStore } from './fixtures.js';
import { doc, NOW, product, useStore } from './fixtures.js';

const LATER = '2026-11-25T11:00:00.000Z';
const device = { id: 'dev-1', tokenHash: 'token-hash-1', name: 'TSD 1', platform: 'android' };

export function deviceContract(open: OpenStore): void {
  describe('devices, settings and configuration', () => {
    const store = useStore(open);

    test('the base id is a stable UUID', async () => {
      const id = await store().baseId();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      await store().init();
      expect(await store().baseId()).toBe(id);
    });

    test('settings are stored, overwritten and missing ones are undefined', async () => {
      expect(await store().getSetting('base.name')).toBeUndefined();
      await store().setSetting('base.name', 'Warehouse 1');
      await store().setSetting('base.name', 'Warehouse 2');
      expect(await store().getSetting('base.name')).toBe('Warehouse 2');
    });

    test('an enrollment code registers one device, once, before it expires', async () => {
      await store().createEnrollment('code-1', LATER, NOW);
      await store().createEnrollment('code-old', NOW, NOW);
      expect(await store().enrollDevice('unknown', device, NOW)).toEqual({
        ok: false,
        reason: 'ENROLL_CODE_INVALID',
      });
      expect(await store().enrollDevice('code-old', device, NOW)).toEqual({
        ok: false,
        reason: 'ENROLL_CODE_EXPIRED',
      });
      const ok = await store().enrollDevice('code-1', device, NOW);
      expect(ok).toEqual({
        ok: true,
        device: { id: 'dev-1', name: 'TSD 1', platform: 'android', enrolledAt: NOW, revoked: false },
      });
      const second = { ...device, id: 'dev-2', tokenHash: 'token-hash-2' };
      expect(await store().enrollDevice('code-1', second, NOW)).toEqual({
        ok: false,
        reason: 'ENROLL_CODE_USED',
      });
      expect((await store().listDevices()).map((d) => d.id)).toEqual(['dev-1']);
    });

    test('a revoked code is expired at once; used, unknown and expired codes are left as they are', async () => {
      await store().createEnrollment('code-1', LATER, NOW);
      await store().createEnrollment('code-2', LATER, NOW);
      await store().enrollDevice('code-2', device, NOW);
      expect(await store().revokeEnrollment('code-1', NOW)).toBe(true);
      expect(await store().revokeEnrollment('code-1', NOW)).toBe(false);
      expect(await store().revokeEnrollment('code-2', NOW)).toBe(false);
      expect(await store().revokeEnrollment('unknown', NOW)).toBe(false);
      const other = { ...device, id: 'dev-2', tokenHash: 'token-hash-2' };
      expect(await store().enrollDevice('code-1', other, NOW)).toEqual({
        ok: false,
        reason: 'ENROLL_CODE_EXPIRED',
      });
      expect(await store().enrollDevice('code-2', other, NOW)).toEqual({
        ok: false,
        reason: 'ENROLL_CODE_USED',
      });
    });

    test('enrollments racing for one code register one device', async () => {
      await store().createEnrollment('code-1', LATER, NOW);
      const racers = [1, 2, 3, 4].map((i) => ({ ...device, id: `dev-${i}`, tokenHash: `token-hash-${i}` }));
      // Parallel reads first, so a pooled backend has a connection ready for every racer.
      await Promise.all(racers.map(() => store().listDevices()));
      const outcomes = await Promise.all(racers.map((d) => store().enrollDevice('code-1', d, NOW)));
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok)).toEqual(Array(3).fill({ ok: false, reason: 'ENROLL_CODE_USED' }));
      expect(await store().listDevices()).toHaveLength(1);
    });

    test('devices are found by token hash and remember their last contact', async () => {
      await store().createEnrollment('code-1', LATER, NOW);
      await store().enrollDevice('code-1', device, NOW);
      expect((await store().findDeviceByTokenHash('token-hash-1'))?.id).toBe('dev-1');
      expect(await store().findDeviceByTokenHash('other')).toBeUndefined();
      await store().recordContact('dev-1', { at: NOW, appVersion: '1.2.0', protocolVersion: 1, backlog: 7 });
      await store().recordContact('dev-1', { at: LATER, backlog: 0 });
      const [record] = await store().listDevices();
      expect(record).toMatchObject({
        lastSeenAt: LATER,
        appVersion: '1.2.0',
        protocolVersion: 1,
        backlog: 0,
      });
    });

    test('a revoked device is marked until it enrolls again', async () => {
      await store().createEnrollment('code-1', LATER, NOW);
      await store().enrollDevice('code-1', device, NOW);
      expect(await store().revokeDevice('dev-1')).toBe(true);
      expect(await store().revokeDevice('unknown')).toBe(false);
      expect((await store().findDeviceByTokenHash('token-hash-1'))?.revoked).toBe(true);
      await store().createEnrollment('code-2', LATER, NOW);
      await store().enrollDevice('code-2', { ...device, tokenHash: 'token-hash-3' }, NOW);
      expect(await store().findDeviceByTokenHash('token-hash-1')).toBeUndefined();
      expect((await store().findDeviceByTokenHash('token-hash-3'))?.revoked).toBe(false);
    });

    test('the configuration defaults to the shipped document types, versioned by content', async () => {
      const config = await store().getConfig();
      expect(config.documentTypes).toEqual(DEFAULT_DOCUMENT_TYPES);
      expect(config.version).toMatch(/^sha256:[0-9a-f]{16}$/);
      const changed = DEFAULT_DOCUMENT_TYPES.map((t) => (t.id === 'receipt' ? { ...t, shared: true } : t));
      const stored = await store().putDocumentTypes(changed);
      expect(stored.version).not.toBe(config.version);
      expect(await store().getConfig()).toEqual(stored);
      expect((await store().putDocumentTypes(DEFAULT_DOCUMENT_TYPES)).version).toBe(config.version);
    });

    test('stored document types decide which documents are shared', async () => {
      await store().upsertCatalog('products', [product('p1')], 'merge');
      await store().putDocuments([doc('d1')], NOW);
      await store().applyMutations('A', [{ n: 1, at: NOW, kind: 'doc.start', docId: 'd1' }], NOW);
      expect((await store().pullDocuments('B', 0, 10)).items).toEqual([]);
      await store().putDocumentTypes(DEFAULT_DOCUMENT_TYPES.map((t) => ({ ...t, shared: true })));
      expect((await store().pullDocuments('B', 0, 10)).items.map((d) => d.id)).toEqual(['d1']);
    });
  });
}
