// A terminal engine for Node (the CLI's virtual terminal): state in `<stateDir>/terminal.db`, Node's
// fetch, real timers and crypto UUIDs. Every scan is on disk before the call that made it resolves.
import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { nodeBundleCrypto } from '@shelfsync/bundle/node';
import { type FetchLike, TerminalEngine, type TerminalEngineOptions } from '@shelfsync/terminal-core';
import { nodeStorageEstimate } from './node-storage.js';
import { openSqliteTerminalStore } from './sqlite-terminal-store.js';

/** The file in a state folder that holds a virtual terminal. */
const TERMINAL_DB = 'terminal.db';

/** True when `stateDir` holds a virtual terminal (opening a folder without one makes a new one). */
export function holdsNodeTerminal(stateDir: string): boolean {
  return existsSync(path.join(stateDir, TERMINAL_DB));
}

export type NodeTerminalOptions = Partial<Omit<TerminalEngineOptions, 'store'>>;

const nodeFetch: FetchLike = (url, init) => fetch(url, init as RequestInit);

const nodeTimers = {
  setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clearTimeout: (handle: unknown): void => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * `<stateDir>/terminal.db`, created 0600 in a folder created 0700: it holds the device token and
 * the operators' work. SQLite gives its -wal and -shm files the main file's mode. A file left
 * readable by an older version is narrowed to 0600; an existing folder is the user's and left as is.
 */
export function privateDbFile(stateDir: string): string {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const file = path.join(stateDir, TERMINAL_DB);
  closeSync(openSync(file, 'a', 0o600));
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      chmodSync(file + suffix, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return file;
}

export async function openNodeTerminal(
  stateDir: string,
  opts: NodeTerminalOptions = {},
): Promise<TerminalEngine> {
  const store = openSqliteTerminalStore(privateDbFile(stateDir));
  return new TerminalEngine({
    fetch: nodeFetch,
    timers: nodeTimers,
    randomId: randomUUID,
    newAbort: () => new AbortController(),
    bundleCrypto: nodeBundleCrypto,
    platform: `node ${process.version} ${process.platform}`,
    storageEstimate: () => nodeStorageEstimate(stateDir),
    ...opts,
    store,
  });
}
