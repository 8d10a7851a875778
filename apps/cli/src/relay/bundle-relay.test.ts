import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { Adb } from '../adb/adb-client.js';
import { type FakeAdb, writeFakeAdb } from '../testing/fake-adb.js';
import { removeDir, tempDir } from '../testing/harness.js';
import { relayPoll } from './bundle-relay.js';

let root = '';
let fake: FakeAdb;
let folder = '';
const lines: string[] = [];
const onDevice = (serial: string, p: string) => path.join(fake.deviceDir(serial), 'sd/ss', p);

beforeEach(() => {
  root = tempDir('relay');
  fake = writeFakeAdb(path.join(root, 'adb'));
  folder = path.join(root, 'shared');
  mkdirSync(folder);
  lines.length = 0;
});
afterEach(() => removeDir(root));

const poll = (ready: string[]) =>
  relayPoll({ adb: new Adb(fake.executable), folder, deviceDir: '/sd/ss', log: (l) => lines.push(l) }, ready);

test('bundles move both ways by device id, an enrollment goes to the one terminal without one', async () => {
  mkdirSync(onDevice('A', 'outgoing'), { recursive: true });
  writeFileSync(onDevice('A', 'device-id'), 'dev-a\n');
  writeFileSync(onDevice('A', 'outgoing/dev-a-000004.to-base.ssb'), 'to base');
  writeFileSync(onDevice('A', 'outgoing/notes.txt'), 'not a bundle');
  writeFileSync(path.join(folder, 'dev-a-000003.to-terminal.ssb'), 'answer');
  writeFileSync(path.join(folder, 'dev-b-enroll.to-terminal.ssb'), 'grant');
  writeFileSync(path.join(folder, 'dev-z-000001.to-terminal.ssb'), 'for a terminal not cabled');

  await poll(['A', 'B']);

  expect(readFileSync(path.join(folder, 'dev-a-000004.to-base.ssb'), 'utf8')).toBe('to base');
  expect(readdirSync(onDevice('A', 'outgoing'))).toEqual(['notes.txt']);
  expect(readFileSync(onDevice('A', 'incoming/dev-a-000003.to-terminal.ssb'), 'utf8')).toBe('answer');
  expect(readFileSync(onDevice('B', 'incoming/dev-b-enroll.to-terminal.ssb'), 'utf8')).toBe('grant');
  expect(readdirSync(folder).sort()).toEqual(['dev-a-000004.to-base.ssb', 'dev-z-000001.to-terminal.ssb']);
  expect(lines).toHaveLength(3);
});

test('with two terminals not enrolled yet, an enrollment bundle waits instead of guessing', async () => {
  writeFileSync(path.join(folder, 'dev-c-enroll.to-terminal.ssb'), 'grant');
  await poll(['B', 'C']);
  expect(readdirSync(folder)).toEqual(['dev-c-enroll.to-terminal.ssb']);
  expect(existsSync(onDevice('B', 'incoming'))).toBe(false);
});

test('a bundle the PWA downloaded into Download/ is carried too, and names the terminal for its answers', async () => {
  // deviceDir is /sd/ss here, so the downloads folder is /sd.
  mkdirSync(onDevice('P', '..'), { recursive: true });
  writeFileSync(onDevice('P', '../dev-p-000001.to-base.ssb'), 'from the browser');
  writeFileSync(onDevice('P', '../photo.jpg'), 'not a bundle');
  writeFileSync(path.join(folder, 'dev-p-000001.to-terminal.ssb'), 'answer');

  await poll(['P']);

  expect(readFileSync(path.join(folder, 'dev-p-000001.to-base.ssb'), 'utf8')).toBe('from the browser');
  expect(readdirSync(onDevice('P', '..')).sort()).toEqual(['photo.jpg', 'ss']);
  expect(readFileSync(onDevice('P', 'device-id'), 'utf8')).toBe('dev-p\n');
  expect(readFileSync(onDevice('P', 'incoming/dev-p-000001.to-terminal.ssb'), 'utf8')).toBe('answer');
});
