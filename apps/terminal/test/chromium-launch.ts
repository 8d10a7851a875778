// Debian's Chromium (never a downloaded browser) and its flags for the tests in this folder; the
// same as browser/chromium.ts, which belongs to another TypeScript project.
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];
