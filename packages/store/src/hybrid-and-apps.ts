// Types of the store's hybrid-lookup, app-version and device-registry methods (server-store.ts).
import type { AppVersion, Cell, Product } from '@shelfsync/protocol';
import type { DeviceRecord } from './server-store.js';

export interface BarcodeMatch {
  product?: Product;
  /** The packing whose barcode it is, when it is on a box. */
  packingId?: string;
  cell?: Cell;
}

export interface AppAssignment {
  version: string;
  assignedAt: string;
  rolledBackAt?: string;
}

export interface GroupAppVersion {
  group: string;
  /** Absent when the group has no version assigned (terminals keep what they run). */
  current?: AppVersion;
  /** Newest first, rolled-back ones included. */
  history: AppAssignment[];
}

export interface DeviceRegistryEntry extends DeviceRecord {
  group: string;
  configVersion?: string;
  storage?: { used: number; free: number };
}

/** One file of a built app version (the PWA's index.html, scripts, service worker…). */
export interface AppFile {
  /** Relative to the app's root, e.g. `index.html` or `assets/index-3f2a.js`. */
  path: string;
  contentType: string;
  bytes: Uint8Array;
}
