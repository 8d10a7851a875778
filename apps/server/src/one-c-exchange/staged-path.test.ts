import path from 'node:path';
import { expect, test } from 'vitest';
import { stagedPath } from './staged-path.js';
import { encodeXmlWindows1251 } from './windows-1251.js';

const root = path.resolve('/data/1c-exchange/s1/files');

test('names from 1C, with sub-folders in either slash, stay below the session folder', () => {
  expect(stagedPath(root, 'import.xml')).toBe(path.join(root, 'import.xml'));
  expect(stagedPath(root, 'import_files/ab/abcd.jpg')).toBe(
    path.join(root, 'import_files', 'ab', 'abcd.jpg'),
  );
  expect(stagedPath(root, 'goods\\1\\import___1.xml')).toBe(path.join(root, 'goods', '1', 'import___1.xml'));
});

test.each([
  '',
  '../x.xml',
  'a/../../x.xml',
  '/etc/passwd',
  '\\\\server\\share\\x.xml',
  'C:\\x.xml',
  'a//b.xml',
  './x.xml',
  'x.xml\u0000.jpg',
  'a/ /b.xml',
  'dots...',
  `${'a/'.repeat(20)}x.xml`,
  'x'.repeat(2000),
])('%j is refused', (name) => {
  expect(() => stagedPath(root, name)).toThrow(expect.objectContaining({ code: 'ONEC_BAD_FILE_NAME' }));
});

test('windows-1251: Cyrillic as single bytes, other characters as XML character references', () => {
  const bytes = encodeXmlWindows1251('<Ид>Ёж №1 — €</Ид> 😀');
  const text = new TextDecoder('windows-1251').decode(bytes);
  expect(text).toBe('<Ид>Ёж №1 — €</Ид> &#128512;');
  expect(bytes.length).toBe(text.length);
});
