// Watches `adb devices` for cabled terminals and tells the caller about each state change once: a
// terminal ready to use (`device`), one waiting for the USB-debugging prompt, one offline, one gone.
import type { Adb, AdbDevice } from './adb-client.js';

export interface AdbWatcherOptions {
  adb: Adb;
  intervalMs: number;
  log: (line: string) => void;
  /** Called once each time a serial reaches the `device` state (again after a re-plug). */
  onReady: (serial: string) => Promise<void>;
  /** Called after every poll with the serials ready to use (the relay moves files then). */
  onPoll?: (ready: string[]) => Promise<void>;
}

export interface AdbWatcher {
  /** Resolves after the poll in progress (if any) has finished. */
  stop(): Promise<void>;
  /** One poll now; for tests and for the first look at start. */
  poll(): Promise<void>;
}

const ADVICE: Record<string, string> = {
  unauthorized: 'unlock it and accept the "Allow USB debugging" prompt on its screen',
  offline: 'adb cannot talk to it; unplug and plug the cable again, or restart adb (`adb kill-server`)',
  other: 'it is not in normal mode; restart the terminal',
};

export function startAdbWatcher(opts: AdbWatcherOptions): AdbWatcher {
  const known = new Map<string, string>();
  let adbFailing = false;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function step(device: AdbDevice): Promise<void> {
    if (known.get(device.serial) === device.raw) return;
    if (device.state !== 'device') {
      known.set(device.serial, device.raw);
      opts.log(`terminal ${device.serial}: ${device.raw} — ${ADVICE[device.state] ?? ADVICE['other']}`);
      return;
    }
    try {
      await opts.onReady(device.serial);
      known.set(device.serial, device.raw); // only once it worked, so a failure is retried next poll
    } catch (error) {
      opts.log(`terminal ${device.serial}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function pollOnce(): Promise<void> {
    let devices: AdbDevice[];
    try {
      devices = await opts.adb.devices();
      if (adbFailing) opts.log('adb answers again');
      adbFailing = false;
    } catch (error) {
      if (!adbFailing) opts.log(error instanceof Error ? error.message : String(error));
      adbFailing = true;
      return;
    }
    for (const device of devices) await step(device);
    const ready = devices
      .filter((d) => d.state === 'device' && known.get(d.serial) === d.raw)
      .map((d) => d.serial);
    try {
      await opts.onPoll?.(ready);
    } catch (error) {
      opts.log(error instanceof Error ? error.message : String(error));
    }
    for (const serial of [...known.keys()]) {
      if (devices.some((d) => d.serial === serial)) continue;
      known.delete(serial);
      opts.log(`terminal ${serial}: cable disconnected`);
    }
  }

  const poll = (): Promise<void> => {
    running = running.then(pollOnce);
    return running;
  };
  let busy = false;
  const timer = setInterval(() => {
    // A slow adb must not pile up polls behind each other.
    if (stopped || busy) return;
    busy = true;
    void poll().finally(() => {
      busy = false;
    });
  }, opts.intervalMs);
  void poll();
  return {
    poll,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
