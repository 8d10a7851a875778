// Which server URL answered last, for Settings: the transport tries the URLs in order, and the
// fetch it is given sees which one answered, so the engine needs no extra API for it.
import { DEVICE_API_PREFIX } from '@shelfsync/protocol';
import type { FetchLike } from '@shelfsync/terminal-core';

export interface LastAnswer {
  /** The server URL as listed, e.g. `http://localhost:8750`. */
  url: string;
  at: string;
}

/** The server URL a device API request went to; undefined for any other request. */
export function serverUrlOf(requestUrl: string): string | undefined {
  const i = requestUrl.indexOf(`${DEVICE_API_PREFIX}/`);
  return i > 0 ? requestUrl.slice(0, i) : undefined;
}

/** A fetch that reports each device API answer (any HTTP status: the server was reached). */
export function recordingFetch(
  fetch: FetchLike,
  onAnswer: (answer: LastAnswer) => void,
  now: () => string = () => new Date().toISOString(),
): FetchLike {
  return async (url, init) => {
    const res = await fetch(url, init);
    const server = serverUrlOf(url);
    if (server !== undefined) onAnswer({ url: server, at: now() });
    return res;
  };
}
