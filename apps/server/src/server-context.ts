// What every route module needs from the server: the store, the clock and the base's identity.
import type { ServerStore } from '@shelfsync/store';

export interface ServerContext {
  store: ServerStore;
  now(): Date;
  /** The server's software version, reported to terminals in hello. */
  version: string;
  baseId: string;
}
