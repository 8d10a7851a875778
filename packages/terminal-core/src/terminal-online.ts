// The engine's server-mode extras: hybrid lookup with its online fallback, stock by cell (online
// only), and the app version the base offers. Kept out of terminal-engine.ts, which wires it in.
import type { ParsedScan } from '@shelfsync/barcode';
import { type HelloApp, ONLINE_LOOKUP_TIMEOUT_MS, ShelfsyncError, type StockRow } from '@shelfsync/protocol';
import type { LookupResult } from './barcode-resolver.js';
import { resolveBarcode } from './barcode-resolver.js';
import type { DeviceTransport } from './device-transport.js';
import { resolveHybrid } from './online-lookup.js';
import type { Timers } from './platform.js';
import type { TerminalStore } from './terminal-store.js';

export interface TerminalOnlineDeps {
  store: TerminalStore;
  timers: Timers;
  now: () => string;
  /** A transport to the enrolled base that gives up after `timeoutMs`. */
  transportFor(urls: readonly string[], token: string, timeoutMs: number): DeviceTransport;
  /** The version this app runs, to tell whether an offer is new. */
  appVersion: string;
  /** False: never ask the base on a miss (every table behaves as placement `device`). */
  lookupOnline: boolean;
  lookupTimeoutMs?: number;
}

export class TerminalOnline {
  constructor(private readonly deps: TerminalOnlineDeps) {}

  /** Replica, cache, then the base, as the placement says; the replica only when online lookup is off. */
  resolve(raw: string, parsed: ParsedScan | undefined): Promise<LookupResult> {
    const { store, timers, now, lookupOnline } = this.deps;
    if (!lookupOnline) return resolveBarcode(store, raw, parsed);
    const timeoutMs = this.deps.lookupTimeoutMs ?? ONLINE_LOOKUP_TIMEOUT_MS;
    return resolveHybrid(store, raw, parsed, {
      transport: () => this.transport(timeoutMs),
      timers,
      now,
      timeoutMs,
    });
  }

  /** Stock of a product by cell, asked from the base; SYNC_OFFLINE when it cannot be reached. */
  async stock(productId: string): Promise<StockRow[]> {
    const transport = await this.transport(this.deps.lookupTimeoutMs ?? ONLINE_LOOKUP_TIMEOUT_MS);
    if (!transport) throw new ShelfsyncError('TERMINAL_NOT_ENROLLED');
    if (!transport.stock) throw new ShelfsyncError('SYNC_OFFLINE', 'Stock is asked from the server only.');
    return (await transport.stock({ productId })).items;
  }

  /** The app version offered at the last hello, when it differs from the one running. */
  async pendingAppVersion(): Promise<HelloApp | undefined> {
    const offer = await this.deps.store.getMeta('appOffer');
    return offer && offer.version !== this.deps.appVersion ? offer : undefined;
  }

  private async transport(timeoutMs: number): Promise<DeviceTransport | undefined> {
    const enrollment = await this.deps.store.getMeta('enrollment');
    return enrollment ? this.deps.transportFor(enrollment.urls, enrollment.token, timeoutMs) : undefined;
  }
}
