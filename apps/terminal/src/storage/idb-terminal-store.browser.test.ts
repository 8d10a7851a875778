// Runs the shared TerminalStore contract suite (and the chunked layout's own cases) against
// IdbTerminalStore in headless Chromium with a real on-disk profile. Skips when Chromium is absent.
import { fileURLToPath } from 'node:url';
import { afterAll, test } from 'vitest';
import { type BrowserSuite, modulePath, startBrowserSuite } from '../../browser/browser-suite.js';
import { chromiumMissing } from '../../browser/chromium.js';

const at = (relative: string): string => JSON.stringify(modulePath(relative, import.meta.url));
/** terminal-core's testing entry as a file path: the bundled entry below lives in a temporary folder. */
const TESTING = JSON.stringify(fileURLToPath(import.meta.resolve('@shelfsync/terminal-core/testing')));

const ENTRY = `
import { listTests, runTest } from ${at('../../browser/browser-vitest.ts')};
import { describeTerminalStoreContract } from ${TESTING};
import { IdbTerminalStore } from ${at('./idb-terminal-store.ts')};
import ${at('../../browser/chunked-catalog.cases.ts')};

const names = new WeakMap();
let opened = 0;
async function openNamed(name) {
  const store = await IdbTerminalStore.open(name);
  names.set(store, name);
  return store;
}
describeTerminalStoreContract('IdbTerminalStore in Chromium', () => openNamed('contract-' + opened++), {
  reopen: async (store) => {
    await store.close();
    return openNamed(names.get(store));
  },
});
globalThis.browserTests = { list: listTests, run: runTest };
`;

const missing = chromiumMissing();
const suite: BrowserSuite | undefined = missing ? undefined : await startBrowserSuite(ENTRY);

if (!suite) {
  console.log(`skipped: ${missing}`);
  test.skip(`IdbTerminalStore browser suite (skipped: ${missing})`, () => {});
} else {
  afterAll(() => suite.close());
  for (const name of suite.names) {
    test(name, async () => {
      const failure = await suite.run(name);
      if (failure !== undefined) throw new Error(failure);
    });
  }
}
