// The enrollment QR the server prints: a link to the app with the one-time code
// (`http://SERVER:PORT/?code=CODE`). A terminal's 2D scanner types it into the enrollment screen,
// a phone camera opens it; either way the app takes the server from the link and the code from
// `?code=` (apps/terminal/src/app/parse-enroll-scan.ts).
import { networkInterfaces } from 'node:os';
import QRCode from 'qrcode';

const WILDCARD = new Set(['0.0.0.0', '[::]']);

/**
 * The address a terminal on the network uses: the listening URL, or, for a wildcard listener, the
 * first non-internal IPv4 address of this machine (the link is useless with 0.0.0.0 in it).
 */
export function reachableUrl(listening: string, interfaces = networkInterfaces()): string {
  const url = new URL(listening);
  if (!WILDCARD.has(url.hostname)) return url.origin;
  const lan = Object.values(interfaces)
    .flat()
    .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal);
  url.hostname = lan?.address ?? '127.0.0.1';
  return url.origin;
}

export function enrollmentLink(serverUrl: string, code: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/?code=${encodeURIComponent(code)}`;
}

/**
 * The link as a QR code in text: with colours on a terminal (dark modules on a light square, as
 * scanners expect), plain half-block characters in a log file.
 */
export async function qrText(text: string, tty = process.stdout.isTTY === true): Promise<string> {
  return QRCode.toString(text, {
    type: tty ? 'terminal' : 'utf8',
    small: true,
    errorCorrectionLevel: 'M',
    margin: 2,
  });
}
