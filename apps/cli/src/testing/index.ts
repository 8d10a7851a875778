// Whole-process test support: the real `shelfsync` command as child processes over loopback, the
// catalog an accounting system would send, virtual terminals, a fake adb and a proxy that cuts
// answers. For tests only (apps/cli/test, apps/terminal/test); no product file imports it.

export { makeZip, type ZipEntry } from '@shelfsync/server/zip-file';
// The demo base's barcodes, for tests that run `shelfsync serve --demo`.
export { demoBoxBarcode, demoUnitBarcode } from '../demo-data.js';
export { CuttingProxy, type Exchange, type Verdict } from './cutting-proxy.js';
export { type FakeAdb, writeFakeAdb } from './fake-adb.js';
export { e2eBoxBarcode, e2eProduct, e2eProductId, e2eUnitBarcode, productsNdjson } from './fixtures.js';
export * from './harness.js';
export { type LongRunning, startLongRunning } from './long-running.js';
export { type LoopbackFixture, loopbackFixture } from './loopback-fixture.js';
export { type OneCAnswer, OneCClient, type OneCRequest } from './one-c-client.js';
export * from './terminals.js';
