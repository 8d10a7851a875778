// Runs the Android Debug Bridge (`adb`) for desk mode and the relay: finds it, runs one command and
// reads `adb devices`. Tests point `--adb` at a fake executable that records its calls.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export const ADB_MISSING_HINT =
  'adb (Android platform-tools) was not found on PATH: cabled terminals will not be seen. Install it ' +
  '(Debian/Ubuntu: `apt-get install adb`; Windows: unpack Android SDK Platform-Tools and add the folder ' +
  'to PATH) or pass --adb <path>.';

export type AdbDeviceState = 'device' | 'unauthorized' | 'offline' | 'other';

export interface AdbDevice {
  serial: string;
  state: AdbDeviceState;
  /** The state exactly as adb printed it (e.g. `recovery`, `no permissions`). */
  raw: string;
}

/** `explicit` when given, else the first `adb` on PATH; undefined when there is none. */
export function findAdb(
  explicit: string | undefined,
  envPath = process.env['PATH'] ?? '',
): string | undefined {
  if (explicit !== undefined) return path.resolve(explicit);
  const names = process.platform === 'win32' ? ['adb.exe', 'adb'] : ['adb'];
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

export class Adb {
  constructor(readonly executable: string) {}

  /** Runs adb with `args`; rejects with adb's own message when it exits non-zero. */
  run(args: readonly string[], timeoutMs = 30_000): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        this.executable,
        [...args],
        { timeout: timeoutMs, windowsHide: true },
        (error, stdout, stderr) => {
          if (error) {
            const detail = String(stderr || stdout || error.message).trim();
            reject(new Error(`adb ${args.join(' ')} failed: ${detail}`));
            return;
          }
          resolve(String(stdout));
        },
      );
    });
  }

  async devices(): Promise<AdbDevice[]> {
    return parseAdbDevices(await this.run(['devices']));
  }

  reverse(serial: string, port: number): Promise<string> {
    return this.run(['-s', serial, 'reverse', `tcp:${port}`, `tcp:${port}`]);
  }

  shell(serial: string, ...args: string[]): Promise<string> {
    return this.run(['-s', serial, 'shell', ...args]);
  }

  /** Copies a file from the device to the PC. */
  pull(serial: string, remote: string, local: string): Promise<string> {
    return this.run(['-s', serial, 'pull', remote, local]);
  }

  /** Copies a file from the PC to the device. */
  push(serial: string, local: string, remote: string): Promise<string> {
    return this.run(['-s', serial, 'push', local, remote]);
  }
}

/** Reads the table printed by `adb devices` (header line, then `serial<TAB>state`). */
export function parseAdbDevices(output: string): AdbDevice[] {
  const devices: AdbDevice[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = /^(\S+)\s+(.+?)\s*$/.exec(line);
    if (!match || line.startsWith('List of devices') || line.startsWith('*')) continue;
    const [, serial = '', raw = ''] = match;
    const state: AdbDeviceState =
      raw === 'device' || raw === 'unauthorized' || raw === 'offline' ? raw : 'other';
    devices.push({ serial, state, raw });
  }
  return devices;
}
