// What a hello brings beyond the sync basics in server mode: the lookup placement per table, the app
// version this device's group should run (the app switches on its main screen) and the warehouse
// whose catalog the terminal holds. Kept in meta.
import type { HelloResponse } from '@shelfsync/protocol';
import type { TerminalStore } from './terminal-store.js';

export async function rememberHelloOffers(store: TerminalStore, hello: HelloResponse): Promise<void> {
  if (hello.config.lookup !== undefined) await store.setMeta('lookup', hello.config.lookup);
  if (hello.app !== undefined) await store.setMeta('appOffer', hello.app);
  if (hello.warehouse !== undefined) await store.setMeta('warehouse', hello.warehouse);
}

export interface StorageEstimate {
  used: number;
  free: number;
}

/** What hello reports for the device registry beside the backlog: config version, storage. */
export async function helloReport(
  store: TerminalStore,
  storage?: () => Promise<StorageEstimate | undefined>,
): Promise<{ configVersion?: string; storage?: StorageEstimate }> {
  const [config, estimate] = await Promise.all([
    store.getMeta('config'),
    // A platform that cannot tell its storage still says hello.
    storage ? storage().catch(() => undefined) : undefined,
  ]);
  return {
    ...(config ? { configVersion: config.version } : {}),
    ...(estimate ? { storage: estimate } : {}),
  };
}
