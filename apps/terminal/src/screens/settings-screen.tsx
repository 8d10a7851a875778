// Settings: server addresses in priority order (Wi-Fi first, then localhost over a USB cable with
// adb reverse) with the cable as one switch, exchange by file for the RDP relay, language, sound,
// and signing out.
import type { Enrollment } from '@shelfsync/terminal-core';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import { CABLE_DEFAULT_PORT, type CableChoice, findCable, isValidPort, withCable } from '../app/cable-url.js';
import { APP_VERSION } from '../app/create-terminal.js';
import type { LangChoice } from '../app/preferences.js';
import { checkStorage } from '../app/storage-health.js';
import { Banner } from '../components/banner.js';
import { BundleExchangePanel } from '../components/bundle-exchange-panel.js';
import { ScreenHeader } from '../components/screen-header.js';
import { formatTime } from '../i18n/i18n.js';

export function SettingsScreen({ onBack }: { onBack: () => void }) {
  const { t, lang, terminal, langChoice, setLang, sound, setSound, operator, signOut, reenroll } = useApp();
  const [enrollment, setEnrollment] = useState<Enrollment>();
  const [urls, setUrls] = useState('');
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string }>();

  const [persisted, setPersisted] = useState(true);
  useEffect(() => {
    void checkStorage().then((h) => setPersisted(h.persisted));
  }, []);

  const [cablePort, setCablePort] = useState(String(CABLE_DEFAULT_PORT));
  const loadEnrollment = () =>
    void terminal.store.getMeta('enrollment').then((e) => {
      setEnrollment(e);
      setUrls(e?.urls.join('\n') ?? '');
      const cable = e && findCable(e.urls);
      if (cable) setCablePort(String(cable.port));
    });
  useEffect(loadEnrollment, [terminal]);
  const [warehouse, setWarehouse] = useState<{ id: string; name?: string | undefined } | null>();
  useEffect(() => void terminal.store.getMeta('warehouse').then(setWarehouse), [terminal]);

  const parseUrls = (text: string) =>
    text
      .split(/\s+/)
      .map((u) => u.trim().replace(/\/+$/, ''))
      .filter((u) => u !== '');

  const saveUrls = async (list: string[]) => {
    if (!enrollment) return;
    if (list.length === 0 || list.some((u) => !/^https?:\/\/[^/]/i.test(u))) {
      setMessage({ kind: 'error', text: t('settingsUrlsHint') });
      return;
    }
    const next = { ...enrollment, urls: list };
    await terminal.store.setMeta('enrollment', next);
    setEnrollment(next);
    setUrls(list.join('\n'));
    setMessage({ kind: 'success', text: t('settingsSaved') });
  };

  // The cable switch edits the saved list: its localhost entry goes first or second, or away.
  const cable = findCable(parseUrls(urls));
  const setCable = (choice: CableChoice | undefined) => {
    if (choice && !isValidPort(choice.port)) {
      setMessage({ kind: 'error', text: t('settingsCablePort') });
      return;
    }
    const list = withCable(parseUrls(urls), choice);
    setUrls(list.join('\n')); // at once, so the switches show the choice while it is saved
    void saveUrls(list);
  };
  const port = Number(cablePort);
  const lastAnswer = terminal.lastAnswer();

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
            <button type="button" class="btn btn-wide" onClick={() => void saveUrls(parseUrls(urls))}>
              {t('save')}
            </button>
            <fieldset class="field cable-choice">
              <label class="field-inline">
                <input
                  type="checkbox"
                  class="check"
                  checked={cable !== undefined}
                  onChange={(e) => setCable(e.currentTarget.checked ? { port, first: false } : undefined)}
                />
                <span>{t('settingsCable')}</span>
              </label>
              <small class="muted">{t('settingsCableHint')}</small>
              <label class="field">
                <span>{t('settingsCablePort')}</span>
                <input
                  class="input"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={65535}
                  value={cablePort}
                  onInput={(e) => setCablePort(e.currentTarget.value)}
                  onChange={() => cable && setCable({ port, first: cable.first })}
                />
              </label>
              {cable && (
                <label class="field-inline">
                  <input
                    type="checkbox"
                    class="check"
                    checked={cable.first}
                    onChange={(e) => setCable({ port, first: e.currentTarget.checked })}
                  />
                  <span>{t('settingsCableFirst')}</span>
                </label>
              )}
            </fieldset>
            <p class="muted last-answer">
              {lastAnswer
                ? t('settingsLastAnswer', { url: lastAnswer.url, time: formatTime(lang, lastAnswer.at) })
                : t('settingsNoAnswer')}
            </p>
          </>
        )}
        {message && <Banner kind={message.kind}>{message.text}</Banner>}
        <BundleExchangePanel
          canExport={enrollment !== undefined}
          onImported={(r) => r.kind === 'enrollment' && loadEnrollment()}
        />
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
          <input type="checkbox" class="check" checked={sound} onChange={() => setSound(!sound)} />
          <span>{t('settingsSound')}</span>
        </label>
        {!persisted && <Banner kind="info">{t('storageNotPersistent')}</Banner>}
        {enrollment && (
          <p class="muted">
            {t('settingsDevice', { id: enrollment.deviceId })} ·{' '}
            {t('settingsVersion', { version: APP_VERSION })}
            {warehouse && <> · {t('settingsWarehouse', { name: warehouse.name ?? warehouse.id })}</>}
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
