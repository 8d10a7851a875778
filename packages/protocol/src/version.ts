// Wire protocol version shared by the server and every terminal. The server accepts any client
// version in [MIN_PROTOCOL_VERSION, PROTOCOL_VERSION] and answers in the client's version.

/**
 * History (one line per bump):
 * 1 — enroll, hello, pull (catalog changes by cursor, assigned documents), push (numbered mutations).
 */
export const PROTOCOL_VERSION = 1;
export const MIN_PROTOCOL_VERSION = 1;

export function isProtocolSupported(version: number): boolean {
  return Number.isInteger(version) && version >= MIN_PROTOCOL_VERSION && version <= PROTOCOL_VERSION;
}
