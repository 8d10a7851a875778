// What the engine needs from its platform, declared here so terminal-core stays free of DOM and Node
// types: a fetch, timers, and a way to abort a request. Browsers and Node pass their globals.

export interface FetchInitLike {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  /** An AbortSignal when the platform gives one. */
  signal?: unknown;
}

export interface FetchResponseLike {
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
}

export type FetchLike = (url: string, init: FetchInitLike) => Promise<FetchResponseLike>;

/** An AbortController, or anything with the same two members. */
export interface AbortLike {
  readonly signal: unknown;
  abort(): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
