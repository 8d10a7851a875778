// A newer app version the base offers this terminal's group. Rendered on the main screen only, so a
// document is never interrupted: there the terminal switches at once to the version's URL on the base
// (/app/<version>/) when it answers, else the operator can tap to try again (apps/terminal/README.md).
import type { HelloApp } from '@shelfsync/protocol';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import { appVersionTarget } from '../app/app-version-target.js';
import { Banner } from './banner.js';

/** Set once the page is leaving for another version: a second navigation would abort the first. */
let leaving = false;

/**
 * Opens the version's page once the base serves it; offline the current version goes on.
 * `stillWanted` is asked after the check: a screen left meanwhile (its effect cleaned up) stays.
 */
async function openWhenServed(target: string, stillWanted: () => boolean = () => true): Promise<boolean> {
  if (leaving) return true;
  const res = await fetch(target, { cache: 'no-store' }).catch(() => undefined);
  if (!res?.ok) return false;
  if (leaving || !stillWanted()) return leaving;
  leaving = true;
  location.assign(target);
  return true;
}

async function updateNow(offer: HelloApp): Promise<void> {
  const target = appVersionTarget(offer.url, location.href);
  if (target) {
    await openWhenServed(target);
    return;
  }
  // Not hosted by the base: the service worker fetches the base's own newer build, if any.
  await (await navigator.serviceWorker?.getRegistration())?.update();
  location.reload();
}

/** `ready`: the main screen has finished its own writes (a pending configuration), so leaving is safe. */
export function AppUpdateBanner({
  pendingVersion,
  ready,
}: {
  pendingVersion: string | undefined;
  ready: boolean;
}) {
  const { t, terminal } = useApp();
  const [offer, setOffer] = useState<HelloApp>();
  const [switching, setSwitching] = useState(false);

  useEffect(() => {
    let live = true;
    void (async () => {
      const next = await terminal.engine.pendingAppVersion();
      if (!live) return;
      setOffer(next);
      const target = next && appVersionTarget(next.url, location.href);
      if (!target || !ready) return;
      setSwitching(true);
      if (!(await openWhenServed(target, () => live)) && live) setSwitching(false);
    })();
    return () => {
      live = false;
    };
  }, [terminal, pendingVersion, ready]);

  if (!offer) return null;
  return (
    <Banner kind="info">
      <div>{t(switching ? 'appUpdating' : 'appUpdate', { version: offer.version })}</div>
      {!switching && (
        <button type="button" class="btn btn-small" onClick={() => void updateNow(offer)}>
          {t('appUpdateNow', { version: offer.version })}
        </button>
      )}
    </Banner>
  );
}
