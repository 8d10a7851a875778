// Tells a hardware scanner in keyboard-wedge mode (a fast burst of keys ending in Enter) apart from a
// person typing, from key names and timestamps alone, so it can be tested without a DOM or a clock.
// Timing only matters while a text field has focus: with no field focused nobody types text on
// purpose, so any code ending in Enter is a scan, even from a slow scanner or a busy browser that
// delivers keys late (losing the first digits of a code would record a wrong barcode).
// In a field, a scan is a burst whose keys come on average within `avgGapMs` (scanners send a key
// every 1–10 ms, people every 100 ms or more), with no single pause over `maxGapMs`: judging the
// average rather than each gap keeps one late key on a busy terminal from turning a scan into typing.

export interface WedgeOptions {
  /** A longer pause between keys ends a burst (in a field). */
  maxGapMs: number;
  /** Largest mean pause between the keys of a scan. */
  avgGapMs: number;
  /** Shortest code taken as a scan; shorter bursts are keyboard chatter or a quick "12". */
  minLength: number;
  /** Longest pause before the terminating Enter; some scanners add a short delay before the suffix. */
  maxSuffixGapMs: number;
  /** With no field focused, a pause this long drops stray keys typed before a scan. */
  idleResetMs: number;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = {
  maxGapMs: 80,
  avgGapMs: 40,
  minLength: 4,
  maxSuffixGapMs: 100,
  idleResetMs: 1000,
};

/**
 * - `char`: a printable key; `burstStart` marks the first key of a possible scan, when the caller
 *   should remember the focused field's value so a scan can take the characters back out of it.
 * - `scan`: the Enter that ends a scan; the caller swallows it and handles `code`.
 * - `enter`: an Enter typed by a person; let it through.
 * - `other`: any other key; it breaks a burst.
 */
export type WedgeVerdict =
  | { type: 'char'; burstStart: boolean }
  | { type: 'scan'; code: string }
  | { type: 'enter' }
  | { type: 'other' };

/** Keys a scanner may send inside a burst without ending it (Shift for capitals). */
const NEUTRAL_KEYS = new Set(['Shift', 'CapsLock', 'Unidentified', 'Dead']);
const TERMINATORS = new Set(['Enter', 'Tab']);

export class WedgeDetector {
  readonly #opts: WedgeOptions;
  #buffer = '';
  #startAt = 0;
  #lastAt = Number.NEGATIVE_INFINITY;

  constructor(opts: Partial<WedgeOptions> = {}) {
    this.#opts = { ...DEFAULT_WEDGE_OPTIONS, ...opts };
  }

  /**
   * Feeds one keydown: its `KeyboardEvent.key`, its time in milliseconds, and whether a text field
   * has focus (where a person may be typing).
   */
  feed(key: string, at: number, inField = true): WedgeVerdict {
    if (NEUTRAL_KEYS.has(key)) return { type: 'other' };
    const gap = at - this.#lastAt;
    if (TERMINATORS.has(key)) {
      const code = this.#buffer;
      const meanGap = (this.#lastAt - this.#startAt) / Math.max(1, code.length - 1);
      const fast = meanGap <= this.#opts.avgGapMs && gap <= this.#opts.maxSuffixGapMs;
      const isScan = code.length >= this.#opts.minLength && (!inField || fast);
      this.reset();
      if (isScan) return { type: 'scan', code };
      return key === 'Enter' ? { type: 'enter' } : { type: 'other' };
    }
    if (key.length !== 1) {
      this.reset();
      return { type: 'other' };
    }
    const burstStart = this.#buffer === '' || gap > (inField ? this.#opts.maxGapMs : this.#opts.idleResetMs);
    this.#buffer = burstStart ? key : this.#buffer + key;
    if (burstStart) this.#startAt = at;
    this.#lastAt = at;
    return { type: 'char', burstStart };
  }

  /** Whether keys so far look like a scan in progress (at least two fast keys). */
  get inBurst(): boolean {
    return this.#buffer.length >= 2;
  }

  reset(): void {
    this.#buffer = '';
    this.#lastAt = Number.NEGATIVE_INFINITY;
  }
}
