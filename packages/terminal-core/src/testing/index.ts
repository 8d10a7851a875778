// Test support for terminal-core and the packages that build on it: the TerminalStore contract
// suite every adapter runs, an in-test base speaking the device API, hand-driven timers and a
// ready-made engine. Imported by tests only; no product file imports anything from this folder.
export { lookupCacheContract } from './lookup-cache.contract.js';
export { ManualTimers } from './manual-timers.js';
export {
  type ContractOptions,
  describeTerminalStoreContract,
  documentOf,
  page,
  product,
  put,
} from './terminal-store.contract.js';
export { TEST_BASE_URL, TestDeviceApi } from './test-device-api.js';
export { bread, milk, receipt, syncedTerminal, type TestTerminal, testTerminal } from './test-terminal.js';
