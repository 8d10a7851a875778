import type { FetchLike } from '@shelfsync/terminal-core';
import { expect, test } from 'vitest';
import { type LastAnswer, recordingFetch, serverUrlOf } from './last-answer.js';

test('the server URL is what comes before the device API path', () => {
  expect(serverUrlOf('http://localhost:8750/device/v1/hello')).toBe('http://localhost:8750');
  expect(serverUrlOf('https://base.local/sub/device/v1/pull')).toBe('https://base.local/sub');
  expect(serverUrlOf('http://localhost:8750/app/index.html')).toBeUndefined();
});

const INIT = { method: 'POST' as const, headers: {}, body: '{}' };

test('an answer, even an HTTP error, is recorded; a failed request is not', async () => {
  const seen: LastAnswer[] = [];
  const inner: FetchLike = async (url) => {
    if (url.startsWith('http://down')) throw new Error('connection refused');
    return { ok: false, status: 503, text: async () => '{}' };
  };
  const fetch = recordingFetch(
    inner,
    (a) => seen.push(a),
    () => 'T',
  );
  await expect(fetch('http://down/device/v1/hello', INIT)).rejects.toThrow();
  await fetch('http://localhost:8750/device/v1/hello', INIT);
  expect(seen).toEqual([{ url: 'http://localhost:8750', at: 'T' }]);
});
