// BundleCrypto on Node: node:crypto for SHA-256 and Ed25519, zlib for gzip.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { BundleCrypto, BundleKeyPair } from './bundle-crypto.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

function privateKeyOf(key: BundleKeyPair) {
  return createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey, d: key.privateKey },
    format: 'jwk',
  });
}

export const nodeBundleCrypto: BundleCrypto = {
  async sha256Hex(data) {
    return createHash('sha256').update(data).digest('hex');
  },
  async sign(key, data) {
    return sign(null, data, privateKeyOf(key)).toString('base64url');
  },
  async verify(publicKey, data, signature) {
    try {
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
      return verify(null, data, key, Buffer.from(signature, 'base64url'));
    } catch {
      return false;
    }
  },
  async generateKeyPair() {
    const { privateKey } = generateKeyPairSync('ed25519');
    const jwk = privateKey.export({ format: 'jwk' });
    return { publicKey: String(jwk.x), privateKey: String(jwk.d) };
  },
  async gzip(data) {
    return new Uint8Array(await gzipAsync(data));
  },
  async gunzip(data) {
    return new Uint8Array(await gunzipAsync(data));
  },
};
