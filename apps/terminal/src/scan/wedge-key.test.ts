import { expect, test } from 'vitest';
import { WedgeDetector } from './wedge-detector.js';
import { GS, wedgeKey } from './wedge-key.js';

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean; code: string }> = {},
) => wedgeKey({ key: k, code: mods.code ?? '', ctrlKey: false, altKey: false, metaKey: false, ...mods });

test('Ctrl+] and a key named after the separator both become GS', () => {
  expect(key(']', { ctrlKey: true, code: 'BracketRight' })).toBe(GS);
  expect(key('Dead', { ctrlKey: true, code: 'BracketRight' })).toBe(GS);
  expect(key('GroupSeparator')).toBe(GS);
  expect(key(GS)).toBe(GS);
});

test('other shortcuts are not part of a scan; plain keys pass through', () => {
  expect(key('c', { ctrlKey: true, code: 'KeyC' })).toBeUndefined();
  expect(key(']', { altKey: true, ctrlKey: true, code: 'BracketRight' })).toBeUndefined();
  expect(key('7')).toBe('7');
  expect(key('Enter')).toBe('Enter');
});

test('a marking code typed by a scanner keeps its group separators', () => {
  const detector = new WedgeDetector();
  const typed = [
    '0',
    '1',
    '0',
    '4',
    '6',
    '0',
    '7',
    '8',
    '0',
    '9',
    '5',
    '9',
    '1',
    '3',
    '3',
    '1',
    '2',
    '1',
    'a',
    'b',
    'c',
  ];
  let at = 0;
  const next = () => {
    at += 5;
    return at;
  };
  for (const k of typed) detector.feed(key(k) ?? '', next(), false);
  detector.feed(key(']', { ctrlKey: true, code: 'BracketRight' }) ?? '', next(), false);
  for (const k of ['9', '3', 'X', 'y', 'Z', '9']) detector.feed(key(k) ?? '', next(), false);
  const verdict = detector.feed('Enter', next(), false);
  expect(verdict).toEqual({ type: 'scan', code: `0104607809591331${'21abc'}${GS}93XyZ9` });
});
