// Child process of import.bench.ts: sends a CommerceML file to a fresh server's /1c/exchange as a
// 1C node does (checkauth, init, the file in file_limit parts, import until success) and imports
// it into SQLite there, so the figure compares with the exchange folder's (import-into-store.ts).
// Prints one JSON line: {products, seconds, uploadSeconds, peakRss}.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { buildServer, sha256Hex } from '@shelfsync/server';
import { openSqliteServerStore } from '@shelfsync/store';
import Database from 'better-sqlite3';
import { trackPeakRss } from './report.js';

const file = process.argv[2] ?? '';
const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfsync-site-bench-'));
const store = await openSqliteServerStore(path.join(dir, 'bench.db'));
const app = await buildServer({
  store,
  apiKeyHash: sha256Hex('bench'),
  version: 'bench',
  oneCExchange: { users: ['bench'], passwordHash: sha256Hex('pw'), dir: path.join(dir, '1c-exchange') },
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/1c/exchange`;

function call(
  query: string,
  headers: Record<string, string>,
  body?: NodeJS.ReadableStream,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}?${query}`, { method: body ? 'POST' : 'GET', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString('utf8');
      });
      res.on('end', () => resolve(text.trim().split('\n')));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body) body.pipe(req);
    else req.end();
  });
}

const rss = trackPeakRss();
try {
  const t0 = performance.now();
  const auth = await call('type=catalog&mode=checkauth', {
    authorization: `Basic ${Buffer.from('bench:pw').toString('base64')}`,
  });
  const cookie = { cookie: `${auth[1]}=${auth[2]}` };
  const limit = Number((await call('type=catalog&mode=init', cookie))[1]?.split('=')[1]);
  const size = (await stat(file)).size;
  const name = `filename=${path.basename(file)}`;
  for (let at = 0; at < size; at += limit) {
    const part = createReadStream(file, { start: at, end: Math.min(size, at + limit) - 1 });
    const answer = await call(`type=catalog&mode=file&${name}`, cookie, part);
    if (answer[0] !== 'success') throw new Error(answer.join(' '));
  }
  const uploadSeconds = (performance.now() - t0) / 1000;
  for (;;) {
    const answer = await call(`type=catalog&mode=import&${name}`, cookie);
    if (answer[0] === 'success') break;
    if (answer[0] !== 'progress') throw new Error(answer.join(' '));
  }
  const seconds = (performance.now() - t0) / 1000;
  const peakRss = rss.peak();
  await app.close();
  await store.close();
  const db = new Database(path.join(dir, 'bench.db'), { readonly: true });
  const row = db
    .prepare("SELECT count(*) AS n FROM catalog_rows WHERE tbl = 'products' AND deleted = 0")
    .get();
  db.close();
  const products = (row as { n: number }).n;
  console.log(JSON.stringify({ products, seconds, uploadSeconds, peakRss }));
} finally {
  rss.stop();
  if (app.server.listening) await app.close();
  await rm(dir, { recursive: true, force: true });
}
