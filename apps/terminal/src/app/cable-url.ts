// The "Cable (USB) exchange" choice in Settings: desk mode (or a server's PC) makes its port the
// terminal's own localhost through `adb reverse`, so the cable is one more server URL in the list.
export const CABLE_DEFAULT_PORT = 8750;

export interface CableChoice {
  port: number;
  /** First: the cable is tried before Wi-Fi; otherwise second, after the first address. */
  first: boolean;
}

const CABLE_URL = /^http:\/\/(?:localhost|127\.0\.0\.1):(\d{1,5})\/*$/i;

export function cableUrl(port: number): string {
  return `http://localhost:${port}`;
}

export function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65_535;
}

/** The cable entry already in the list, if any: its port and whether it comes first. */
export function findCable(urls: readonly string[]): CableChoice | undefined {
  const i = urls.findIndex((u) => CABLE_URL.test(u));
  if (i < 0) return undefined;
  return { port: Number(CABLE_URL.exec(urls[i] ?? '')?.[1]), first: i === 0 };
}

/** The list with its localhost entries replaced by the chosen cable URL (or removed: undefined). */
export function withCable(urls: readonly string[], cable: CableChoice | undefined): string[] {
  const others = urls.filter((u) => !CABLE_URL.test(u));
  if (!cable) return others;
  const at = cable.first ? 0 : Math.min(1, others.length);
  return [...others.slice(0, at), cableUrl(cable.port), ...others.slice(at)];
}
