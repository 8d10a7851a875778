// A fake `adb` for whole-process tests: the one stand-in these tests use. It appends each call's
// arguments to calls.ndjson, answers `adb devices` from devices.txt, and implements pull, push and
// `shell ls|rm|cat|mkdir` on a folder per serial that plays the device's storage.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SCRIPT = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const here = __dirname;
const args = process.argv.slice(2);
fs.appendFileSync(path.join(here, 'calls.ndjson'), JSON.stringify(args) + '\\n');
let serial = 'default';
if (args[0] === '-s') { serial = args[1]; args.splice(0, 2); }
const onDevice = (p) => path.join(here, 'device-' + serial, p.replace(/^\\/+/, ''));
const [cmd, ...rest] = args;
if (cmd === 'devices') {
  const list = fs.existsSync(path.join(here, 'devices.txt')) ? fs.readFileSync(path.join(here, 'devices.txt'), 'utf8') : '';
  process.stdout.write('List of devices attached\\n' + list + '\\n');
} else if (cmd === 'reverse') {
  process.stdout.write((rest[0] || '').replace('tcp:', '') + '\\n');
} else if (cmd === 'pull') {
  if (!fs.existsSync(onDevice(rest[0]))) { process.stderr.write("adb: error: failed to stat remote object '" + rest[0] + "': No such file or directory\\n"); process.exit(1); }
  fs.copyFileSync(onDevice(rest[0]), rest[1]);
} else if (cmd === 'push') {
  fs.mkdirSync(path.dirname(onDevice(rest[1])), { recursive: true });
  fs.copyFileSync(rest[0], onDevice(rest[1]));
} else if (cmd === 'shell' && rest[0] === 'ls') {
  const dir = onDevice(rest[1] || '/');
  if (fs.existsSync(dir)) for (const name of fs.readdirSync(dir).sort()) process.stdout.write(name + '\\n');
} else if (cmd === 'shell' && rest[0] === 'rm') {
  fs.rmSync(onDevice(rest[rest.length - 1]), { force: true });
} else if (cmd === 'shell' && rest[0] === 'mkdir') {
  fs.mkdirSync(onDevice(rest[rest.length - 1]), { recursive: true });
} else if (cmd === 'shell' && rest[0] === 'cat') {
  if (!fs.existsSync(onDevice(rest[1]))) { process.stderr.write(rest[1] + ': No such file or directory\\n'); process.exit(1); }
  process.stdout.write(fs.readFileSync(onDevice(rest[1])));
} else {
  process.stderr.write('fake adb: unsupported ' + args.join(' ') + '\\n');
  process.exit(1);
}
`;

export interface FakeAdb {
  executable: string;
  /** Every call's arguments, in order. */
  calls(): string[][];
  /** What `adb devices` lists: `[serial, state]` pairs. */
  setDevices(devices: [string, string][]): void;
  /** The folder that plays `serial`'s storage; a device path `/sdcard/x` is `<folder>/sdcard/x`. */
  deviceDir(serial: string): string;
}

export function writeFakeAdb(dir: string): FakeAdb {
  mkdirSync(dir, { recursive: true });
  const executable = path.join(dir, 'adb');
  writeFileSync(executable, SCRIPT);
  chmodSync(executable, 0o755);
  const callsFile = path.join(dir, 'calls.ndjson');
  return {
    executable,
    calls: () =>
      existsSync(callsFile)
        ? readFileSync(callsFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as string[])
        : [],
    setDevices: (devices) =>
      writeFileSync(path.join(dir, 'devices.txt'), devices.map(([s, st]) => `${s}\t${st}\n`).join('')),
    deviceDir: (serial) => path.join(dir, `device-${serial}`),
  };
}
