import { expect, test } from 'vitest';
import { readBundle, writeBundle } from './bundle-file.js';
import type { BundleManifestDraft } from './bundle-manifest.js';
import { nodeBundleCrypto as crypto } from './node-bundle-crypto.js';

const draft: BundleManifestDraft = {
  kind: 'exchange',
  baseId: 'base-1',
  deviceId: 'dev-a',
  direction: 'to-terminal',
  sequence: 3,
  cursors: { catalog: { from: 0, to: 10 }, documents: { from: 0, to: 2 } },
  mutations: { from: 1, to: 4 },
  logsUpTo: 0,
  createdAt: '2026-11-25T10:00:00.000Z',
};

async function sample() {
  const key = await crypto.generateKeyPair();
  const file = await writeBundle(
    draft,
    [
      { name: 'pull', lines: [{ a: 1 }, { b: 'ё' }] },
      { name: 'push', lines: [] },
    ],
    key,
    crypto,
  );
  const read = (bytes: Uint8Array, publicKey = key.publicKey, baseId = 'base-1') =>
    readBundle(bytes, crypto, {
      expect: { direction: 'to-terminal', baseId, deviceId: 'dev-a' },
      keyFor: async () => publicKey,
    });
  return { key, file, read };
}

test('a bundle reads back with its manifest, counts and parts', async () => {
  const { file, read } = await sample();
  const { manifest, parts } = await read(file);
  expect(manifest).toMatchObject({ ...draft, formatVersion: 1, counts: { pull: 2, push: 0 } });
  expect(manifest.parts.map((p) => p.name)).toEqual(['pull', 'push']);
  expect(parts.get('pull')).toEqual([{ a: 1 }, { b: 'ё' }]);
  expect(parts.get('push')).toEqual([]);
});

test('a cut, changed, foreign or wrongly signed bundle is refused with its own code', async () => {
  const { file, read } = await sample();
  await expect(read(file.subarray(0, file.length - 5))).rejects.toMatchObject({ code: 'BUNDLE_MALFORMED' });
  await expect(read(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: 'BUNDLE_MALFORMED' });
  const flipped = file.slice();
  flipped[flipped.length - 3] = (flipped[flipped.length - 3] ?? 0) ^ 0xff;
  await expect(read(flipped)).rejects.toMatchObject({ code: 'BUNDLE_CORRUPT' });
  const other = await crypto.generateKeyPair();
  await expect(read(file, other.publicKey)).rejects.toMatchObject({ code: 'BUNDLE_SIGNATURE_INVALID' });
  const unknownDevice = readBundle(file, crypto, {
    expect: { direction: 'to-terminal' },
    keyFor: async () => undefined,
  });
  await expect(unknownDevice).rejects.toMatchObject({ code: 'BUNDLE_SIGNATURE_INVALID' });
  await expect(read(file, undefined, 'base-2')).rejects.toMatchObject({ code: 'BUNDLE_FOREIGN' });
});

test('a manifest edited after signing fails the signature check', async () => {
  const { file, read } = await sample();
  const text = new TextDecoder('latin1').decode(file).replace('"sequence":3', '"sequence":9');
  const edited = Uint8Array.from(text, (c) => c.charCodeAt(0));
  await expect(read(edited)).rejects.toMatchObject({ code: 'BUNDLE_SIGNATURE_INVALID' });
});
