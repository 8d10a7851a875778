// Debian's Chromium (never a downloaded browser) for every browser test and the storage bench: one
// path, one set of flags, one way to launch it and one message to skip with when it is missing.
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** No sandbox (tests run as root in containers), no GPU, nothing fetched or updated on the side. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

const hasChromium = (): boolean => existsSync(CHROMIUM_PATH);

/** Why Chromium cannot run here, or undefined when it can: what a skipped test or bench says. */
export function chromiumMissing(): string | undefined {
  return hasChromium() ? undefined : `${CHROMIUM_PATH} is missing (apt-get install chromium)`;
}

/** A headless Chromium; `extraArgs` come after the shared flags (a fake camera, say). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

type ProfileOptions = Omit<
  NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>,
  'executablePath' | 'headless' | 'args'
>;

/** A headless Chromium with a profile on disk, so IndexedDB, OPFS and the service worker write real files. */
export function launchProfile(profileDir: string, options: ProfileOptions = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    ...options,
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}
