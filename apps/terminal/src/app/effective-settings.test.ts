import type { OperatorSettings } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { DEFAULT_SYNC_INTERVAL_MS, effectiveSettings, syncIntervalMs } from './effective-settings.js';

const NO_CHOICE = { lang: 'auto', sound: undefined } as const;
const BASE: OperatorSettings = { sound: true, syncIntervalSeconds: 60 };

test('with no choice on the device, the base language wins over the browser', () => {
  expect(effectiveSettings(NO_CHOICE, { ...BASE, language: 'ru' }, ['en-US']).lang).toBe('ru');
  expect(effectiveSettings(NO_CHOICE, { ...BASE, language: 'en' }, ['ru-RU']).lang).toBe('en');
});

test('a base that names no language leaves each terminal on its browser languages', () => {
  expect(effectiveSettings(NO_CHOICE, BASE, ['ru-RU', 'en']).lang).toBe('ru');
  expect(effectiveSettings(NO_CHOICE, BASE, ['de-DE']).lang).toBe('en');
  expect(effectiveSettings(NO_CHOICE, undefined, ['ru']).lang).toBe('ru');
});

test('a language picked on the device wins over the base and the browser', () => {
  const device = { lang: 'en', sound: undefined } as const;
  expect(effectiveSettings(device, { ...BASE, language: 'ru' }, ['ru-RU']).lang).toBe('en');
  expect(effectiveSettings({ ...device, lang: 'ru' }, { ...BASE, language: 'en' }, ['en']).lang).toBe('ru');
});

test("the base's sound applies until the operator switches sound on the device", () => {
  const quietBase = { ...BASE, sound: false };
  expect(effectiveSettings(NO_CHOICE, quietBase, []).sound).toBe(false);
  expect(effectiveSettings({ ...NO_CHOICE, sound: true }, quietBase, []).sound).toBe(true);
  expect(effectiveSettings({ ...NO_CHOICE, sound: false }, BASE, []).sound).toBe(false);
  expect(effectiveSettings(NO_CHOICE, BASE, []).sound).toBe(true);
});

test('sound is on when no configuration is in force and nothing was chosen', () => {
  expect(effectiveSettings(NO_CHOICE, undefined, []).sound).toBe(true);
});

test('the exchange interval is the base setting in milliseconds; 60 s without one', () => {
  expect(syncIntervalMs({ ...BASE, syncIntervalSeconds: 15 })).toBe(15_000);
  expect(
    effectiveSettings({ lang: 'ru', sound: false }, { ...BASE, syncIntervalSeconds: 300 }, []).syncIntervalMs,
  ).toBe(300_000);
  expect(syncIntervalMs(undefined)).toBe(DEFAULT_SYNC_INTERVAL_MS);
  expect(DEFAULT_SYNC_INTERVAL_MS).toBe(60_000);
});
