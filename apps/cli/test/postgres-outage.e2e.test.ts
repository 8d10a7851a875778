// A `shelfsync serve --database` process outlives its database connections: PostgreSQL closing them
// (pg_terminate_backend, a stop and restart of the cluster) never ends the process; requests during
// an outage get 503 STORE_UNAVAILABLE with Retry-After, and once PostgreSQL is back they succeed.
// The first test uses the shared PostgreSQL (a database of its own in it); the second starts a
// cluster of its own with initdb/pg_ctl. Each skips, saying why, when what it needs is missing.
import { type SpawnOptions, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import { productsNdjson } from '../src/testing/fixtures.js';
import { accounting, freePort, type RunningServer } from '../src/testing/harness.js';
import { loopbackFixture } from '../src/testing/loopback-fixture.js';

const PG_URL = process.env['SHELFSYNC_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const e2e = loopbackFixture('pg-outage');

async function pgUnreachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return null;
  } catch (error) {
    return `PostgreSQL unreachable at ${url} (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A read and a write through the store: both must answer 200 while the database is up. */
async function storeWorks(server: RunningServer): Promise<boolean> {
  const acc = accounting(server.url, server.apiKey);
  const put = await acc.call('PUT', '/api/v1/catalog/products', productsNdjson(1, 5), 'application/x-ndjson');
  const list = await acc.call('GET', '/api/v1/documents?status=completed');
  return put.status === 200 && list.status === 200;
}

async function eventually(cond: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const alive = (server: RunningServer) =>
  server.process.exitCode === null && server.process.signalCode === null;

const sharedUnreachable = await pgUnreachable(PG_URL);
if (sharedUnreachable) console.warn(`skipping the connection-loss test: ${sharedUnreachable}`);
const database = `shelfsync_outage_${randomBytes(5).toString('hex')}`;

afterAll(async () => {
  if (sharedUnreachable) return;
  await sql(PG_URL, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
});

test.skipIf(sharedUnreachable !== null)(
  'pg_terminate_backend on every connection of the server leaves it running, and the next requests succeed',
  async () => {
    await sql(PG_URL, `CREATE DATABASE ${database}`);
    const url = withDatabase(PG_URL, database);
    const server = await e2e.startServer({ extraArgs: ['--database', url] });
    // Several requests at once, so the pool holds several idle connections to be killed.
    const first = await Promise.all([storeWorks(server), storeWorks(server), storeWorks(server)]);
    expect(first).toEqual([true, true, true]);

    for (let round = 0; round < 3; round++) {
      // Listed first, then terminated by pid: only this test's database, never another test's.
      const killed = await sql<{ pid: number }>(
        PG_URL,
        `SELECT pid FROM pg_stat_activity WHERE datname = '${database}'`,
      );
      expect(killed.length).toBeGreaterThan(0);
      await sql(
        PG_URL,
        `SELECT pg_terminate_backend(pid) FROM unnest(ARRAY[${killed.map((k) => k.pid).join(',')}]::int[]) AS pid`,
      );
      // Until the killed backends are gone, their FATAL has been sent to the server's sockets.
      await eventually(
        async () =>
          (
            await sql<{ n: number }>(
              PG_URL,
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid IN (${killed.map((k) => k.pid).join(',')})`,
            )
          )[0]?.n === 0,
        30_000,
      );
      expect(await Promise.all([storeWorks(server), storeWorks(server)])).toEqual([true, true]);
      expect(alive(server), server.output()).toBe(true);
    }
  },
  120_000,
);

/** The user initdb and postgres run as: they refuse root. */
function clusterUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:') || l.startsWith('nobody:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : undefined;
}

function findTool(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    if (existsSync(file)) return file;
  }
  return undefined;
}

function run(cmd: string, args: string[], opts: SpawnOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${out}`)),
    );
  });
}

const initdb = findTool('initdb');
const pgCtl = findTool('pg_ctl');
const ownClusterMissing =
  initdb && pgCtl ? null : 'initdb or pg_ctl is not on PATH (PostgreSQL server binaries)';
if (ownClusterMissing) console.warn(`skipping the PostgreSQL restart test: ${ownClusterMissing}`);

test.skipIf(ownClusterMissing !== null)(
  'a PostgreSQL stopped and restarted under a running server: 503 STORE_UNAVAILABLE meanwhile, then service again',
  async () => {
    const user = clusterUser();
    const base = e2e.dir('cluster');
    const dataDir = path.join(base, 'data');
    if (user) chownSync(base, user.uid, user.gid);
    const as: SpawnOptions = user ? { uid: user.uid, gid: user.gid, cwd: base } : { cwd: base };
    const port = await freePort();
    await run(initdb!, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync'], as);
    const options = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off`;
    const pgStart = () =>
      run(
        pgCtl!,
        ['start', '-D', dataDir, '-w', '-t', '60', '-l', path.join(base, 'log'), '-o', options],
        as,
      );
    const pgStop = () => run(pgCtl!, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], as);
    await pgStart();
    try {
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      const server = await e2e.startServer({
        dataDir: e2e.dir('srv-own'),
        port: await freePort(),
        extraArgs: ['--database', url],
      });
      expect(await storeWorks(server)).toBe(true);

      await pgStop();
      const acc = accounting(server.url, server.apiKey);
      for (const attempt of [
        () => acc.call('GET', '/api/v1/documents?status=completed'),
        () => acc.call('PUT', '/api/v1/catalog/products', productsNdjson(1, 5), 'application/x-ndjson'),
      ]) {
        const answer = await attempt();
        expect(answer.status).toBe(503);
        expect((answer.body['error'] as { code: string }).code).toBe('STORE_UNAVAILABLE');
      }
      const raw = await fetch(`${server.url}/api/v1/documents`, {
        headers: { authorization: `Bearer ${server.apiKey}` },
      });
      expect(raw.status).toBe(503);
      expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(alive(server), server.output()).toBe(true);

      await pgStart();
      await eventually(() => storeWorks(server), 60_000);
      expect(alive(server), server.output()).toBe(true);
    } finally {
      await pgStop().catch(() => undefined);
    }
  },
  180_000,
);
