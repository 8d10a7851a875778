// Runs the shared TerminalStore contract suite (and the chunked layout's own cases) against
// IdbTerminalStore in headless Chromium with a real on-disk profile. Skips when Chromium is absent.
import { afterAll, test } from 'vitest';
import { type BrowserSuite, modulePath, startBrowserSuite } from '../../browser/browser-suite.js';
import { CHROMIUM_PATH, hasChromium } from '../../browser/chromium.js';

const at = (relative: string): string => JSON.stringify(modulePath(relative, import.meta.url));

const ENTRY = `
import { listTests, runTest } from ${at('../../browser/browser-vitest.ts')};
import { describeTerminalStoreContract } from ${at('../../../../packages/terminal-core/src/testing/terminal-store.contract.ts')};
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

const suite: BrowserSuite | undefined = hasChromium() ? await startBrowserSuite(ENTRY) : undefined;

if (!suite) {
  console.log(`skipped: ${CHROMIUM_PATH} not found`);
  test.skip(`IdbTerminalStore browser suite (skipped: ${CHROMIUM_PATH} not found)`, () => {});
} else {
  afterAll(() => suite.close());
  for (const name of suite.names) {
    test(name, async () => {
      const failure = await suite.run(name);
      if (failure !== undefined) throw new Error(failure);
    });
  }
}
