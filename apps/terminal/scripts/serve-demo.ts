// Development aid: a base on a temporary SQLite file with a small demo base (test/demo-base.ts), the device and
// integration APIs, and the built PWA at `/` — what `shelfsync serve --demo` will do once
// registerTerminalApp is wired into the server. Prints an enrollment code.
// Run: npm run build -w @shelfsync/terminal && node --import tsx apps/terminal/scripts/serve-demo.ts [port]
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, createEnrollmentCode, registerTerminalApp, sha256Hex } from '@shelfsync/server';
import { openSqliteServerStore } from '@shelfsync/store';
import { loadDemoBase } from '../test/demo-base.js';

const port = Number(process.argv[2] ?? 8750);
const apiKey = 'demo-api-key-0123456789';
const store = await openSqliteServerStore(join(await mkdtemp(join(tmpdir(), 'shelfsync-demo-')), 'base.db'));
const app = await buildServer({ store, apiKeyHash: sha256Hex(apiKey), version: '0.1.0-demo' });
registerTerminalApp(app, join(dirname(fileURLToPath(import.meta.url)), '..', 'dist'));
await loadDemoBase(app, apiKey);
await app.listen({ host: '127.0.0.1', port });
const codes = await Promise.all([1, 2, 3].map(() => createEnrollmentCode(store)));
process.stdout.write(
  `PWA and base on http://localhost:${port}\nAPI key: ${apiKey}\nenrollment codes: ${codes.map((c) => c.code).join(' ')}\n`,
);
