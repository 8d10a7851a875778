// Cabled terminals for `desk` and `serve --adb`: each terminal that reaches the `device` state gets
// `adb reverse tcp:P tcp:P`, so the app on it reaches the base as its own http://localhost:P.
import { ADB_MISSING_HINT, Adb, findAdb } from './adb-client.js';
import { type AdbWatcher, startAdbWatcher } from './adb-watcher.js';

export interface CableWatchOptions {
  /** The adb executable; undefined looks for `adb` on PATH. */
  adb: string | undefined;
  pollMs: number;
  /** The base's port, the same on the PC and on the terminal. */
  port: number;
  /** What the terminal's localhost reaches, for the log line ("this desk", "this server"). */
  target: string;
  say: (line: string) => void;
}

/** Starts the adb watcher, or says once that adb is missing and returns undefined (serving goes on). */
export function watchCable(opts: CableWatchOptions): AdbWatcher | undefined {
  const executable = findAdb(opts.adb);
  if (executable === undefined) {
    opts.say(ADB_MISSING_HINT);
    return undefined;
  }
  const adb = new Adb(executable);
  opts.say(`  adb:             ${executable} (looking for cabled terminals every ${opts.pollMs} ms)`);
  return startAdbWatcher({
    adb,
    intervalMs: opts.pollMs,
    log: opts.say,
    onReady: async (serial) => {
      await adb.reverse(serial, opts.port);
      opts.say(`terminal ${serial}: connected; its localhost:${opts.port} now reaches ${opts.target}`);
    },
  });
}
