// Server mode on PostgreSQL, with whole processes: two `shelfsync serve --database` instances share
// one schema, so a terminal may exchange with either and sees one base. Skips, saying why, when no
// PostgreSQL answers at SHELFSYNC_PG_URL (default: the local one).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import { e2eProductId, e2eUnitBarcode, productsNdjson } from '../src/testing/fixtures.js';
import {
  accounting,
  cli,
  enrollWithPrintedCode,
  freePort,
  type RunningServer,
} from '../src/testing/harness.js';
import { loopbackFixture } from '../src/testing/loopback-fixture.js';

const PG_URL = process.env['SHELFSYNC_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `shelfsync_e2e_${randomBytes(5).toString('hex')}`;

async function pgUnreachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return null;
  } catch (error) {
    return `PostgreSQL unreachable at ${PG_URL} (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const unreachable = await pgUnreachable();
if (unreachable) console.warn(`skipping the PostgreSQL server test: ${unreachable}`);

const e2e = loopbackFixture('pg');
const servers: RunningServer[] = [];

afterAll(async () => {
  for (const s of servers) await s.stop(); // before the schema goes: they are connected to it
  if (unreachable) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

test.skipIf(unreachable !== null)(
  'two server instances over one PostgreSQL schema serve one base to a terminal',
  async () => {
    const args = ['--database', PG_URL, '--db-schema', schema];
    const [a, b] = await Promise.all([
      e2e.startServer({ extraArgs: args }),
      e2e.startServer({ dataDir: e2e.dir('srv-b'), port: await freePort(), extraArgs: args }),
    ]);
    servers.push(a, b);
    expect(a.output()).toContain(`PostgreSQL ${PG_URL}`);
    expect(a.output()).toContain(`schema ${schema}`);

    // The accounting side talks to A; the terminal enrolls with a code B made, and syncs with B.
    const accA = accounting(a.url, a.apiKey);
    const put = await accA.call(
      'PUT',
      '/api/v1/catalog/products',
      productsNdjson(1, 20),
      'application/x-ndjson',
    );
    expect(put.status).toBe(200);
    const doc = await accA.call('POST', '/api/v1/documents', {
      id: 'PG-1',
      type: 'receipt',
      lines: [{ productId: e2eProductId(1), qty: 2 }],
    });
    expect(doc.status).toBe(200);
    await enrollWithPrintedCode(b, e2e.stateDir);
    await cli(['terminal', 'sync', '--state', e2e.stateDir]);
    const status = JSON.parse(await cli(['terminal', 'status', '--json', '--state', e2e.stateDir])) as {
      counts: { products: number };
    };
    expect(status.counts.products).toBe(20);

    await cli([
      'terminal',
      'scan',
      '--state',
      e2e.stateDir,
      '--doc',
      'PG-1',
      '--barcode',
      e2eUnitBarcode(1),
      '--qty',
      '2',
    ]);
    await cli(['terminal', 'complete', '--state', e2e.stateDir, '--doc', 'PG-1']);
    await cli(['terminal', 'sync', '--state', e2e.stateDir]);

    // A sees what the terminal sent through B, once.
    const completed = (await accA.call('GET', '/api/v1/documents?status=completed')).body as {
      items: { id: string; facts: { qty: number }[] }[];
    };
    expect(completed.items.map((d) => d.id)).toEqual(['PG-1']);
    expect(completed.items[0]?.facts.reduce((sum, f) => sum + f.qty, 0)).toBe(2);
  },
  120_000,
);
