// What bundles need from the platform, injected so the format works in Node (node:crypto, zlib) and
// in the browser (WebCrypto, CompressionStream) alike. Keys are Ed25519 JWK members, base64url.

export interface BundleKeyPair {
  /** JWK `x`: the 32-byte public key. */
  publicKey: string;
  /** JWK `d`: the 32-byte private key. */
  privateKey: string;
}

export interface BundleCrypto {
  sha256Hex(data: Uint8Array): Promise<string>;
  /** Ed25519 signature of `data`, base64url. */
  sign(key: BundleKeyPair, data: Uint8Array): Promise<string>;
  /** False (never a throw) for a wrong key, a malformed key or a malformed signature. */
  verify(publicKey: string, data: Uint8Array, signature: string): Promise<boolean>;
  generateKeyPair(): Promise<BundleKeyPair>;
  gzip(data: Uint8Array): Promise<Uint8Array>;
  /** Throws on data that is not gzip. */
  gunzip(data: Uint8Array): Promise<Uint8Array>;
}
