import path from 'node:path';
import { expect, test } from 'vitest';
import { findAdb, parseAdbDevices } from './adb-client.js';

test('adb devices output is read into serials and states', () => {
  const out = [
    '* daemon not running; starting now at tcp:5037',
    '* daemon started successfully',
    'List of devices attached',
    'TSD0001\tdevice',
    'TSD0002\tunauthorized',
    'emulator-5554\toffline',
    '0123ABC\tno permissions (user in plugdev group)',
    '',
  ].join('\r\n');
  expect(parseAdbDevices(out)).toEqual([
    { serial: 'TSD0001', state: 'device', raw: 'device' },
    { serial: 'TSD0002', state: 'unauthorized', raw: 'unauthorized' },
    { serial: 'emulator-5554', state: 'offline', raw: 'offline' },
    { serial: '0123ABC', state: 'other', raw: 'no permissions (user in plugdev group)' },
  ]);
  expect(parseAdbDevices('List of devices attached\n\n')).toEqual([]);
});

test('adb is looked up on PATH unless given', () => {
  expect(findAdb(undefined, '/no/such/dir')).toBeUndefined();
  expect(findAdb('tools/adb', '')).toBe(path.resolve('tools/adb'));
});
