// Keeps the exchange state the main screen shows (online, exchanging, last exchange, unsent count,
// last error) and runs the background SyncLoop: on a timer (the base's syncIntervalSeconds), on the
// `online` event, and at once when a finished document should go out.
import { type OperatorSettings, ShelfsyncError } from '@shelfsync/protocol';
import {
  SyncLoop,
  type SyncLoopEvent,
  type SyncSummary,
  type TerminalConfig,
  type TerminalEngine,
} from '@shelfsync/terminal-core';
import { browserTimers } from './browser-platform.js';
import { syncIntervalMs } from './effective-settings.js';

export interface ExchangeState {
  online: boolean;
  exchanging: boolean;
  enrolled: boolean;
  /** The terminal has a server or cable address; one enrolled by bundle only exchanges by files. */
  networked: boolean;
  pending: number;
  rejections: number;
  lastSyncAt?: string;
  /** The last exchange failed with this code (cleared by the next success). */
  lastError?: { code: string; message: string };
  /** Bumped after each exchange that brought documents or config, so screens reload. */
  revision: number;
  /** An app version the base offers, not yet running; the main screen switches to it. */
  pendingAppVersion?: string | undefined;
  /** A configuration that came while a document was open; the main screen applies it. */
  pendingConfigVersion?: string | undefined;
  /** The operator settings of the configuration in force (undefined: none, or an older base). */
  settings?: OperatorSettings | undefined;
}

type Listener = (state: ExchangeState) => void;

/** Quiet time after the last scan before its work is sent. */
const PUSH_DELAY_MS = 5_000;

export class ExchangeMonitor {
  #state: ExchangeState = {
    online: navigator.onLine,
    exchanging: false,
    enrolled: false,
    networked: false,
    pending: 0,
    rejections: 0,
    revision: 0,
  };
  readonly #listeners = new Set<Listener>();
  readonly #loop: SyncLoop<SyncSummary>;
  #pushSoon: number | undefined;
  #settingsVersion: string | undefined;

  constructor(private readonly engine: TerminalEngine) {
    this.#loop = new SyncLoop<SyncSummary>({
      sync: () => this.#runSync(),
      timers: browserTimers,
      // Asked each time the loop schedules the next exchange, so a new configuration needs no reload.
      intervalMs: () => syncIntervalMs(this.#state.settings),
      onResult: (event) => this.#onResult(event),
    });
    window.addEventListener('online', () => {
      this.#set({ online: true });
      void this.#loop.trigger();
    });
    window.addEventListener('offline', () => this.#set({ online: false }));
  }

  get state(): ExchangeState {
    return this.#state;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts background exchanges once the terminal is enrolled. */
  async start(): Promise<void> {
    await this.refresh();
    if (this.#state.enrolled && this.#state.networked) this.#loop.start();
  }

  /** The Exchange button: runs one now (or right after the one in progress). */
  async exchangeNow(): Promise<void> {
    // Server URLs may have just been set (cable exchange turned on after a bundle enrollment).
    await this.refresh();
    if (!this.#state.enrolled || !this.#state.networked) return;
    this.#loop.start();
    return this.#loop.trigger();
  }

  /**
   * After a local change: refresh the unsent count and, when online, exchange a few seconds after the
   * last of a run of scans, so work reaches the base soon without an exchange per scan.
   */
  noteLocalChange(): void {
    void this.refresh();
    if (this.#pushSoon !== undefined) window.clearTimeout(this.#pushSoon);
    this.#pushSoon = window.setTimeout(() => {
      this.#pushSoon = undefined;
      if (navigator.onLine) void this.exchangeNow();
    }, PUSH_DELAY_MS);
  }

  /** Re-reads the unsent count, enrollment and settings in force from the store (after each local change). */
  async refresh(): Promise<void> {
    const [status, config] = await Promise.all([this.engine.status(), this.engine.store.getMeta('config')]);
    const interval = syncIntervalMs(this.#state.settings);
    const next: Partial<ExchangeState> = {
      settings: this.#settingsOf(config),
      enrolled: status.enrolled,
      networked: status.urls.length > 0,
      pending: status.pending,
      rejections: status.rejections,
      pendingAppVersion: status.pendingAppVersion,
      pendingConfigVersion: status.pendingConfigVersion,
    };
    if (status.lastSync) next.lastSyncAt = status.lastSync.at;
    this.#set(next);
    // A configuration put in force on the main screen changed the interval: the wait already
    // scheduled used the old one, so exchange now and wait the new one from here.
    const changed = syncIntervalMs(this.#state.settings) !== interval;
    if (changed && !this.#state.exchanging) void this.#loop.trigger();
  }

  async #runSync(): Promise<SyncSummary> {
    this.#set({ exchanging: true });
    const summary = await this.engine.sync();
    // The loop schedules the next exchange as soon as this returns: take the settings now in force.
    if (summary.configChanged)
      this.#set({ settings: this.#settingsOf(await this.engine.store.getMeta('config')) });
    return summary;
  }

  /** The same object while the same version is in force, so subscribers re-render only on a change. */
  #settingsOf(config: TerminalConfig | undefined): OperatorSettings | undefined {
    if (config?.version === this.#settingsVersion) return this.#state.settings;
    this.#settingsVersion = config?.version;
    return config?.settings;
  }

  #onResult(event: SyncLoopEvent<SyncSummary>): void {
    if (event.ok) {
      const { summary } = event;
      const changed = summary.pulledDocuments > 0 || summary.pulledChanges > 0 || summary.configChanged;
      const { lastError: _cleared, ...rest } = this.#state;
      this.#state = { ...rest, online: true, revision: rest.revision + (changed ? 1 : 0) };
    } else {
      const error = event.error;
      const code = error instanceof ShelfsyncError ? error.code : 'SYNC_OFFLINE';
      const message = error instanceof Error ? error.message : String(error);
      this.#state = { ...this.#state, lastError: { code, message } };
      if (code === 'SYNC_OFFLINE') this.#state.online = false;
    }
    this.#set({ exchanging: false });
    void this.refresh();
  }

  #set(patch: Partial<ExchangeState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const l of this.#listeners) l(this.#state);
  }
}
