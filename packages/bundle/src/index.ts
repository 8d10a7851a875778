// @shelfsync/bundle: exchange files for desk mode over RDP (DESIGN.md §5.7, docs/protocol.md "Bundles").
// Platform-free; Node's crypto and zlib come from `@shelfsync/bundle/node`.
export * from './bundle-crypto.js';
export * from './bundle-file.js';
export * from './bundle-manifest.js';
export * from './exchange-parts.js';
export { webBundleCrypto } from './web-bundle-crypto.js';
