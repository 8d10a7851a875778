// What every route module needs from the server: the store, the clock and the base's identity.
import type { DeviceLogEntry } from '@shelfsync/protocol';
import type { ServerStore } from '@shelfsync/store';
import type { DeviceLogFilter, StoredDeviceLogLine } from './device-log-files.js';

/** Where the base keeps log lines uploaded by terminals (a folder of NDJSON files in desk mode). */
export interface DeviceLogSink {
  append(deviceId: string, entries: readonly DeviceLogEntry[]): Promise<void>;
  /** Stored lines, filtered (absent: the base keeps logs it cannot show). */
  read?(deviceId: string, filter: DeviceLogFilter): Promise<StoredDeviceLogLine[]>;
}

export interface ServerContext {
  store: ServerStore;
  now(): Date;
  /** The server's software version, reported to terminals in hello. */
  version: string;
  baseId: string;
  /** Absent: uploaded log lines are accepted and dropped. */
  deviceLogs?: DeviceLogSink;
}
