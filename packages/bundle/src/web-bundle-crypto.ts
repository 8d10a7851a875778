// BundleCrypto on WebCrypto and CompressionStream, for the terminal PWA (Chrome 113+ has Ed25519 in
// SubtleCrypto; Node 20 has both too, which is how the tests check it against the Node adapter).
// The few platform members used are declared here, so this package stays free of DOM types.
import type { BundleCrypto, BundleKeyPair } from './bundle-crypto.js';

interface Subtle {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
  importKey(
    format: 'jwk',
    key: object,
    algorithm: string,
    extractable: boolean,
    usages: string[],
  ): Promise<unknown>;
  sign(algorithm: string, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
  verify(algorithm: string, key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  generateKey(algorithm: string, extractable: boolean, usages: string[]): Promise<{ privateKey: unknown }>;
  exportKey(format: 'jwk', key: unknown): Promise<{ x?: string; d?: string }>;
}
interface StreamPair {
  readonly writable: unknown;
  readonly readable: unknown;
}
interface WebPlatform {
  crypto: { subtle: Subtle };
  CompressionStream: new (format: 'gzip') => StreamPair;
  DecompressionStream: new (format: 'gzip') => StreamPair;
  Response: new (
    body: unknown,
  ) => { arrayBuffer(): Promise<ArrayBuffer>; body: { pipeThrough(s: StreamPair): unknown } };
  Blob: new (parts: Uint8Array[]) => { stream(): { pipeThrough(s: StreamPair): unknown } };
}

const ED = 'Ed25519';

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

declare function btoa(data: string): string;
declare function atob(data: string): string;

export function webBundleCrypto(platform: WebPlatform = globalThis as unknown as WebPlatform): BundleCrypto {
  const { subtle } = platform.crypto;
  const transform = async (data: Uint8Array, stream: StreamPair) =>
    new Uint8Array(
      await new platform.Response(new platform.Blob([data]).stream().pipeThrough(stream)).arrayBuffer(),
    );
  const privateKey = (key: BundleKeyPair) =>
    subtle.importKey('jwk', { kty: 'OKP', crv: ED, x: key.publicKey, d: key.privateKey }, ED, false, [
      'sign',
    ]);
  return {
    sha256Hex: async (data) =>
      [...new Uint8Array(await subtle.digest('SHA-256', data))]
        .map((b) => b.toString(16).padStart(2, '0'))
        .join(''),
    sign: async (key, data) => base64url(new Uint8Array(await subtle.sign(ED, await privateKey(key), data))),
    verify: async (publicKey, data, signature) => {
      try {
        const key = await subtle.importKey('jwk', { kty: 'OKP', crv: ED, x: publicKey }, ED, false, [
          'verify',
        ]);
        return await subtle.verify(ED, key, fromBase64url(signature), data);
      } catch {
        return false;
      }
    },
    generateKeyPair: async () => {
      const pair = await subtle.generateKey(ED, true, ['sign', 'verify']);
      const jwk = await subtle.exportKey('jwk', pair.privateKey);
      return { publicKey: String(jwk.x), privateKey: String(jwk.d) };
    },
    gzip: (data) => transform(data, new platform.CompressionStream('gzip')),
    gunzip: (data) => transform(data, new platform.DecompressionStream('gzip')),
  };
}
