import { expect, test } from 'vitest';
import { nodeBundleCrypto } from './node-bundle-crypto.js';
import { webBundleCrypto } from './web-bundle-crypto.js';

const web = webBundleCrypto();
const data = new TextEncoder().encode('Приёмка ПР-7\n');

test('the WebCrypto adapter agrees with the Node one: digests, signatures both ways, gzip both ways', async () => {
  expect(await web.sha256Hex(data)).toBe(await nodeBundleCrypto.sha256Hex(data));
  const nodeKey = await nodeBundleCrypto.generateKeyPair();
  const webKey = await web.generateKeyPair();
  expect(await web.verify(nodeKey.publicKey, data, await nodeBundleCrypto.sign(nodeKey, data))).toBe(true);
  expect(await nodeBundleCrypto.verify(webKey.publicKey, data, await web.sign(webKey, data))).toBe(true);
  expect(await web.verify(webKey.publicKey, data, await nodeBundleCrypto.sign(nodeKey, data))).toBe(false);
  expect(await web.verify('not-a-key', data, 'not-a-signature')).toBe(false);
  expect(await nodeBundleCrypto.gunzip(await web.gzip(data))).toEqual(data);
  expect(await web.gunzip(await nodeBundleCrypto.gzip(data))).toEqual(data);
  await expect(web.gunzip(data)).rejects.toThrow();
});
