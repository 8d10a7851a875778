import { ERRORS } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { en } from './en.js';
import { describeError, errorText, pickLanguage, translate } from './i18n.js';
import { ru } from './ru.js';

test('Russian is chosen when the browser prefers it', () => {
  expect(pickLanguage(['ru-RU', 'en-US'])).toBe('ru');
  expect(pickLanguage(['de-DE', 'ru'])).toBe('ru');
  expect(pickLanguage(['en-GB', 'ru-RU'])).toBe('en');
});

test('English is the fallback language', () => {
  expect(pickLanguage([])).toBe('en');
  expect(pickLanguage(['de', 'fr'])).toBe('en');
});

test('parameters are filled in and unknown ones are left visible', () => {
  expect(translate('en', 'unsent', { count: 3 })).toBe('Unsent: 3');
  expect(translate('ru', 'unsent', { count: 3 })).toBe('Не отправлено: 3');
  expect(translate('en', 'unsent')).toBe('Unsent: {count}');
});

test('every Russian string is present and differs from a bare key', () => {
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    expect(ru[key], key).toBeTruthy();
  }
});

test('a missing Russian string falls back to English', () => {
  const saved = ru.docFinish;
  try {
    ru.docFinish = '';
    expect(translate('ru', 'docFinish')).toBe(en.docFinish);
  } finally {
    ru.docFinish = saved;
  }
});

test('error codes use the operator sentences from the protocol package', () => {
  expect(errorText('ru', 'SCAN_OVER_PLAN')).toBe(ERRORS.SCAN_OVER_PLAN.ru);
  expect(errorText('en', 'SCAN_OVER_PLAN')).toBe(ERRORS.SCAN_OVER_PLAN.message);
});

test('unknown codes and plain errors become a generic sentence', () => {
  expect(errorText('en', 'NOPE_42', 'disk on fire')).toBe('Something went wrong: disk on fire');
  expect(describeError('ru', { code: 'SYNC_OFFLINE', message: 'x' })).toBe(ERRORS.SYNC_OFFLINE.ru);
  expect(describeError('en', new Error('boom'))).toBe('Something went wrong: boom');
});
