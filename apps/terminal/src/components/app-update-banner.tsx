// A newer app version the base offers this terminal's group: switched to on the operator's tap, on
// the main screen only, so a document is never interrupted by an update.
import type { HelloApp } from '@shelfsync/protocol';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import { Banner } from './banner.js';

export function AppUpdateBanner({ revision }: { revision: number }) {
  const { t, terminal } = useApp();
  const [offer, setOffer] = useState<HelloApp>();

  useEffect(() => {
    void terminal.engine.pendingAppVersion().then(setOffer);
  }, [terminal, revision]);

  if (!offer) return null;
  const update = async () => {
    // The base may host the version elsewhere; otherwise the service worker fetches the new build.
    if (offer.url) return location.assign(offer.url);
    await (await navigator.serviceWorker?.getRegistration())?.update();
    location.reload();
  };
  return (
    <Banner kind="info">
      <div>{t('appUpdate', { version: offer.version })}</div>
      <button type="button" class="btn btn-small" onClick={() => void update()}>
        {t('appUpdateNow')}
      </button>
    </Banner>
  );
}
