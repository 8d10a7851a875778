import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { type Harness, ONE_C_LOGIN, startHarness } from '../testing/harness.js';

let h: Harness | undefined;
afterEach(async () => h?.close());

const basic = `Basic ${Buffer.from(`${ONE_C_LOGIN.user}:${ONE_C_LOGIN.password}`).toString('base64')}`;

async function checkauth(app: Harness['app']): Promise<string> {
  const res = await app.inject({
    url: '/1c/exchange?type=catalog&mode=checkauth',
    headers: { authorization: basic },
  });
  const [ok, name, value] = res.body.split('\n');
  expect(ok).toBe('success');
  return `${name}=${value}`;
}

test('without a configured login every request is refused with ONEC_DISABLED as a failure text', async () => {
  h = await startHarness();
  const res = await h.app.inject({
    url: '/1c/exchange?type=catalog&mode=checkauth',
    headers: { authorization: basic },
  });
  expect(res.statusCode).toBe(403);
  expect(res.headers['x-shelfsync-error']).toBe('ONEC_DISABLED');
  expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
  expect(res.body).toMatch(/^failure\n.*--1c-user.*\[ONEC_DISABLED\]\n$/);
});

test('a part over file_limit is refused and leaves the staged file as the whole parts made it', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'shelfsync-1c-'));
  h = await startHarness({ oneC: { fileLimit: 1000, dir } });
  const cookie = await checkauth(h.app);
  const init = await h.app.inject({ url: '/1c/exchange?type=catalog&mode=init', headers: { cookie } });
  expect(init.body).toBe('zip=yes\nfile_limit=1000\n');
  const send = (bytes: number) =>
    h?.app.inject({
      method: 'POST',
      url: '/1c/exchange?type=catalog&mode=file&filename=import.xml',
      headers: { cookie, 'content-type': 'application/octet-stream' },
      payload: Buffer.alloc(bytes, 0x20),
    });
  expect((await send(600))?.body).toBe('success\n');
  const refused = await send(1001);
  expect([refused?.statusCode, refused?.headers['x-shelfsync-error']]).toEqual([413, 'ONEC_FILE_TOO_LARGE']);
  expect((await send(400))?.body).toBe('success\n');
  const [session] = await readdir(dir);
  expect((await stat(path.join(dir, session ?? '', 'files/import.xml'))).size).toBe(1000);
  await rm(dir, { recursive: true, force: true });
});

test('modes that do not belong to the exchange type, or a missing file name, are ONEC_BAD_REQUEST', async () => {
  h = await startHarness({ oneC: {} });
  for (const query of [
    'type=sale&mode=import',
    'type=catalog&mode=query',
    'type=catalog&mode=file',
    'mode=init',
  ]) {
    const res = await h.app.inject({ url: `/1c/exchange?${query}`, headers: { authorization: basic } });
    expect([query, res.statusCode, res.headers['x-shelfsync-error']]).toEqual([
      query,
      400,
      'ONEC_BAD_REQUEST',
    ]);
  }
});

test('a second checkauth of a login replaces its session; another login keeps its own', async () => {
  h = await startHarness({ oneC: { users: [ONE_C_LOGIN.user, 'retail'] } });
  const retail = `Basic ${Buffer.from(`retail:${ONE_C_LOGIN.password}`).toString('base64')}`;
  const first = await checkauth(h.app);
  const other = await h.app.inject({
    url: '/1c/exchange?type=catalog&mode=checkauth',
    headers: { authorization: retail },
  });
  const [, name, value] = other.body.split('\n');
  const second = await checkauth(h.app);
  const init = (cookie: string) =>
    h?.app.inject({ url: '/1c/exchange?type=catalog&mode=init', headers: { cookie } });
  expect((await init(first))?.headers['x-shelfsync-error']).toBe('ONEC_SESSION_UNKNOWN');
  expect((await init(second))?.statusCode).toBe(200);
  expect((await init(`${name}=${value}`))?.statusCode).toBe(200);
});
