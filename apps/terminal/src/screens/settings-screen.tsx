// Settings: server addresses in priority order (Wi-Fi first, then localhost over a USB cable with
// adb reverse), language, sound, and signing out.
import type { Enrollment } from '@shelfsync/terminal-core';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import { APP_VERSION } from '../app/create-terminal.js';
import { type LangChoice, loadSound, saveSound } from '../app/preferences.js';
import { checkStorage } from '../app/storage-health.js';
import { Banner } from '../components/banner.js';
import { ScreenHeader } from '../components/screen-header.js';
import { setSoundEnabled } from '../feedback/feedback.js';

export function SettingsScreen({ onBack }: { onBack: () => void }) {
  const { t, terminal, langChoice, setLang, operator, signOut, reenroll } = useApp();
  const [enrollment, setEnrollment] = useState<Enrollment>();
  const [urls, setUrls] = useState('');
  const [sound, setSound] = useState(loadSound());
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string }>();

  const [persisted, setPersisted] = useState(true);
  useEffect(() => {
    void checkStorage().then((h) => setPersisted(h.persisted));
  }, []);

  useEffect(() => {
    void terminal.store.getMeta('enrollment').then((e) => {
      setEnrollment(e);
      setUrls(e?.urls.join('\n') ?? '');
    });
  }, [terminal]);

  const saveUrls = async () => {
    if (!enrollment) return;
    const list = urls
      .split(/\s+/)
      .map((u) => u.trim().replace(/\/+$/, ''))
      .filter((u) => u !== '');
    if (list.length === 0 || list.some((u) => !/^https?:\/\/[^/]/i.test(u))) {
      setMessage({ kind: 'error', text: t('settingsUrlsHint') });
      return;
    }
    const next = { ...enrollment, urls: list };
    await terminal.store.setMeta('enrollment', next);
    setEnrollment(next);
    setMessage({ kind: 'success', text: t('settingsSaved') });
  };

  const toggleSound = () => {
    setSound(!sound);
    saveSound(!sound);
    setSoundEnabled(!sound);
  };

  return (
    <div class="screen">
      <ScreenHeader title={t('settingsTitle')} onBack={onBack} />
      <div class="content form">
        {enrollment && (
          <>
            <label class="field">
              <span>{t('settingsUrls')}</span>
              <textarea class="input" rows={3} value={urls} onInput={(e) => setUrls(e.currentTarget.value)} />
              <small class="muted">{t('settingsUrlsHint')}</small>
            </label>
            <button type="button" class="btn btn-wide" onClick={() => void saveUrls()}>
              {t('save')}
            </button>
          </>
        )}
        {message && <Banner kind={message.kind}>{message.text}</Banner>}
        <label class="field">
          <span>{t('settingsLanguage')}</span>
          <select
            class="input"
            value={langChoice}
            onChange={(e) => setLang(e.currentTarget.value as LangChoice)}
          >
            <option value="auto">{t('settingsLanguageAuto')}</option>
            <option value="ru">Русский</option>
            <option value="en">English</option>
          </select>
        </label>
        <label class="field field-inline">
          <input type="checkbox" class="check" checked={sound} onChange={toggleSound} />
          <span>{t('settingsSound')}</span>
        </label>
        {!persisted && <Banner kind="info">{t('storageNotPersistent')}</Banner>}
        {enrollment && (
          <p class="muted">
            {t('settingsDevice', { id: enrollment.deviceId })} ·{' '}
            {t('settingsVersion', { version: APP_VERSION })}
          </p>
        )}
        <button type="button" class="btn btn-wide" onClick={reenroll}>
          {t('settingsReenroll')}
        </button>
        {operator && (
          <button type="button" class="btn btn-wide" onClick={signOut}>
            {t('logout')} ({operator.name})
          </button>
        )}
      </div>
    </div>
  );
}
