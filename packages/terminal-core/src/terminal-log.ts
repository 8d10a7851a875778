// The terminal's bounded log: numbered lines kept in one meta value (oldest dropped past the limit)
// and uploaded with the next push, then dropped once the base has taken them (DESIGN.md §7 Logs).
import type { DeviceLogEntry } from '@shelfsync/protocol';
import type { DeviceTransport } from './device-transport.js';
import type { TerminalStore } from './terminal-store.js';

export const TERMINAL_LOG_LIMIT = 500;

export interface TerminalLog {
  /** Number the next line gets. */
  next: number;
  entries: DeviceLogEntry[];
}

export type LogLevel = DeviceLogEntry['level'];

export async function appendLog(
  store: TerminalStore,
  entry: { at: string; level: LogLevel; message: string },
): Promise<void> {
  const log = (await store.getMeta('log')) ?? { next: 1, entries: [] };
  const entries = [...log.entries, { seq: log.next, ...entry, message: entry.message.slice(0, 2000) }];
  await store.setMeta('log', { next: log.next + 1, entries: entries.slice(-TERMINAL_LOG_LIMIT) });
}

/** Lines waiting to be uploaded, oldest first. */
export async function pendingLogs(store: TerminalStore): Promise<DeviceLogEntry[]> {
  return (await store.getMeta('log'))?.entries ?? [];
}

/** Drops the lines up to `upTo` once the base has them; lines added meanwhile stay. */
export async function dropLogs(store: TerminalStore, upTo: number): Promise<void> {
  const log = await store.getMeta('log');
  if (!log) return;
  await store.setMeta('log', { next: log.next, entries: log.entries.filter((e) => e.seq > upTo) });
}

/** Uploads the pending lines in a push with no mutations; answers how many were sent. */
export async function pushLogs(store: TerminalStore, transport: DeviceTransport): Promise<number> {
  const logs = await pendingLogs(store);
  const last = logs[logs.length - 1];
  if (!last) return 0;
  await transport.push({ mutations: [], logs });
  await dropLogs(store, last.seq);
  return logs.length;
}
