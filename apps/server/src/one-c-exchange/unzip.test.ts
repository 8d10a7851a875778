import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { makeZip } from '../testing/zip-file.js';
import { unzipInto } from './unzip.js';

const tmp = { dir: '' };
let root = '';
beforeEach(async () => {
  tmp.dir = await mkdtemp(path.join(tmpdir(), 'shelfsync-unzip-'));
  root = path.join(tmp.dir, 'files');
  await mkdir(root);
});
afterEach(async () => rm(tmp.dir, { recursive: true, force: true }));

async function zipFile(entries: Parameters<typeof makeZip>[0], cut = 0): Promise<string> {
  const bytes = makeZip(entries);
  const file = path.join(tmp.dir, 'in.zip');
  await writeFile(file, bytes.subarray(0, bytes.length - cut));
  return file;
}

test('stored and deflated entries land below the root with their folders', async () => {
  const big = Buffer.from('<Товар/>'.repeat(10_000));
  const file = await zipFile([
    { name: 'import.xml', data: big },
    { name: 'import_files/ab/abcd.jpg', data: Buffer.from([1, 2, 3]), method: 'store' },
    { name: 'empty.txt', data: Buffer.alloc(0), method: 'store' },
  ]);
  expect(await unzipInto(file, root, 1e9)).toBe(big.length + 3);
  expect(readFileSync(path.join(root, 'import.xml'))).toEqual(big);
  expect([...readFileSync(path.join(root, 'import_files/ab/abcd.jpg'))]).toEqual([1, 2, 3]);
});

test.each([
  ['a parent path', [{ name: '../outside.xml', data: Buffer.from('x') }], 'ONEC_BAD_FILE_NAME'],
  ['an absolute path', [{ name: '/etc/outside.xml', data: Buffer.from('x') }], 'ONEC_BAD_FILE_NAME'],
  ['a link', [{ name: 'link.xml', data: Buffer.from('/etc/passwd'), link: true }], 'ONEC_BAD_ZIP'],
])('an archive holding %s is refused and writes nothing outside', async (_what, entries, code) => {
  const file = await zipFile(entries);
  await expect(unzipInto(file, root, 1e9)).rejects.toMatchObject({ code });
  expect(existsSync(path.join(tmp.dir, 'outside.xml'))).toBe(false);
  expect(await readdir(root)).toEqual([]);
});

test('a cut archive, a damaged entry and a bomb past the budget are refused', async () => {
  const data = Buffer.from('<x/>'.repeat(5000));
  await expect(unzipInto(await zipFile([{ name: 'a.xml', data }], 10), root, 1e9)).rejects.toMatchObject({
    code: 'ONEC_BAD_ZIP',
  });
  const damaged = makeZip([{ name: 'a.xml', data, method: 'store' }]);
  damaged[40] = damaged[40] === 0x41 ? 0x42 : 0x41; // a byte of the stored data: the CRC no longer matches
  const file = path.join(tmp.dir, 'damaged.zip');
  await writeFile(file, damaged);
  await expect(unzipInto(file, root, 1e9)).rejects.toMatchObject({ code: 'ONEC_BAD_ZIP' });
  await expect(unzipInto(await zipFile([{ name: 'a.xml', data }]), root, 1000)).rejects.toMatchObject({
    code: 'ONEC_FILE_TOO_LARGE',
  });
});
