// Enrollment: the server address (this page's origin by default) and the one-time code, typed or
// scanned from the console's QR code; or, for the RDP relay, an enrollment bundle read from a file.
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import { parseEnrollScan } from '../app/parse-enroll-scan.js';
import { Banner } from '../components/banner.js';
import { BundleExchangePanel } from '../components/bundle-exchange-panel.js';
import { ScreenHeader } from '../components/screen-header.js';
import { feedback } from '../feedback/feedback.js';
import { describeError } from '../i18n/i18n.js';
import { useScans } from '../scan/use-scans.js';

interface Props {
  /** byBundle: enrolled from a file, so there is no server URL to exchange with yet. */
  onEnrolled: (byBundle?: boolean) => void;
  /** Present when the terminal is enrolled already and may go back. */
  onCancel?: () => void;
}

export function EnrollScreen({ onEnrolled, onCancel }: Props) {
  const { t, lang, terminal } = useApp();
  const [server, setServer] = useState(location.origin);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const enroll = async (theCode: string, theServer: string) => {
    if (theCode.trim() === '' || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const trimmed = name.trim();
      const urls = [theServer.trim()];
      await (trimmed
        ? terminal.engine.enroll(urls, theCode.trim(), trimmed)
        : terminal.engine.enroll(urls, theCode.trim()));
      feedback('success');
      onEnrolled();
    } catch (e) {
      feedback('error');
      setError(describeError(lang, e));
    } finally {
      setBusy(false);
    }
  };

  // Opened from the QR's link by a camera: the code is in the address. Taken once and removed from
  // the address, so a reload or a bookmark does not offer a spent code again.
  useEffect(() => {
    const fromLink = new URLSearchParams(location.search).get('code')?.trim();
    if (!fromLink) return;
    history.replaceState(history.state, '', location.pathname + location.hash);
    setCode(fromLink);
    void enroll(fromLink, location.origin);
  }, []);

  useScans((text) => {
    const scan = parseEnrollScan(text);
    setCode(scan.code);
    const target = scan.server ?? server;
    if (scan.server) setServer(scan.server);
    void enroll(scan.code, target);
  });

  return (
    <div class="screen">
      <ScreenHeader title={t('enrollTitle')} {...(onCancel ? { onBack: onCancel } : {})} />
      <form
        class="content form"
        onSubmit={(e) => {
          e.preventDefault();
          void enroll(code, server);
        }}
      >
        <p class="hint">{t('enrollHint')}</p>
        <label class="field">
          <span>{t('enrollServer')}</span>
          <input class="input" type="url" value={server} onInput={(e) => setServer(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('enrollCode')}</span>
          <input
            class="input input-big"
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
            autoComplete="off"
            autoCapitalize="characters"
          />
        </label>
        <label class="field">
          <span>{t('enrollName')}</span>
          <input class="input" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        {error && <Banner kind="error">{error}</Banner>}
        <button type="submit" class="btn btn-primary btn-wide" disabled={busy || code.trim() === ''}>
          {busy ? t('enrollBusy') : t('enrollSubmit')}
        </button>
        <BundleExchangePanel
          canExport={false}
          onImported={(r) => {
            if (r.kind !== 'enrollment') return;
            feedback('success');
            onEnrolled(true);
          }}
        />
      </form>
    </div>
  );
}
