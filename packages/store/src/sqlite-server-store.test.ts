import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeServerStoreContract } from './server-store.contract.js';
import { openSqliteServerStore } from './sqlite-server-store.js';

const dir = mkdtempSync(join(tmpdir(), 'shelfsync-store-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A file database is the real configuration (separate reader connection); in-memory is the test one.
describeServerStoreContract('SQLite file', () => openSqliteServerStore(join(dir, `store-${++files}.db`)));
describeServerStoreContract('SQLite in memory', () => openSqliteServerStore(':memory:'));
