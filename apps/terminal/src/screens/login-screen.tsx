// Operator sign-in by badge scan or PIN, checked offline against the users catalog's hashes.
import type { User } from '@shelfsync/protocol';
import {
  type Credential,
  checkSignIn,
  loadUsers,
  signInWait,
  typedCredentials,
} from '@shelfsync/terminal-core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import type { Operator } from '../app/preferences.js';
import { useExchangeState } from '../app/use-exchange-state.js';
import { webDeriveSecret } from '../auth/web-derive.js';
import { Banner } from '../components/banner.js';
import { ScreenHeader } from '../components/screen-header.js';
import { feedback } from '../feedback/feedback.js';
import { useScans } from '../scan/use-scans.js';

export function LoginScreen({ onSignedIn }: { onSignedIn: (op: Operator | undefined) => void }) {
  const { t, terminal, navigate } = useApp();
  const [users, setUsers] = useState<User[]>();
  const [pin, setPin] = useState('');
  const [checking, setChecking] = useState(false);
  const [wrong, setWrong] = useState(false);
  /** Seconds left of a wait after too many wrong tries (0: none); kept in the store across restarts. */
  const [lockedFor, setLockedFor] = useState(0);
  // The first exchange after enrolling brings the users catalog: reload when it lands.
  const exchange = useExchangeState(terminal.exchange);
  const revision = exchange.revision;

  useEffect(() => {
    void loadUsers(terminal.store).then(setUsers);
  }, [terminal, revision]);

  // A badge scanned before the users catalog is read (right after enrolling) waits for it.
  const [queued, setQueued] = useState<Credential[]>();

  const check = async (...credentials: Credential[]) => {
    if (!users) {
      setQueued(credentials);
      return;
    }
    if (checking) return;
    setChecking(true);
    setWrong(false);
    try {
      const result = await checkSignIn(terminal.store, users, credentials, webDeriveSecret, Date.now());
      if (result.ok) {
        feedback('success');
        onSignedIn({ id: result.user.id, name: result.user.name, groups: result.user.groups });
      } else {
        feedback('error');
        setWrong(!result.locked && result.waitMs === 0);
        setLockedFor(Math.ceil(result.waitMs / 1000));
        setPin('');
      }
    } finally {
      setChecking(false);
    }
  };

  useScans((code) => void check({ kind: 'badge', secret: code }));

  // Counts a wait down on screen; a wait left from before a restart shows as soon as the screen opens.
  useEffect(() => {
    void signInWait(terminal.store, Date.now()).then((wait) => setLockedFor(Math.ceil(wait / 1000)));
  }, [terminal]);
  useEffect(() => {
    if (lockedFor <= 0) return;
    const timer = setTimeout(() => setLockedFor((s) => Math.max(0, s - 1)), 1000);
    return () => clearTimeout(timer);
  }, [lockedFor]);

  useEffect(() => {
    if (!users || !queued) return;
    setQueued(undefined);
    void check(...queued);
  }, [users, queued]);

  // The keypad types into the PIN at once; a badge scan still wins over the field (keyboard-wedge.ts).
  const pinField = useRef<HTMLInputElement>(null);
  const hasUsers = (users?.length ?? 0) > 0;
  useEffect(() => {
    if (hasUsers) pinField.current?.focus();
  }, [hasUsers]);

  if (users && users.length === 0 && (exchange.exchanging || (!exchange.lastSyncAt && !exchange.lastError))) {
    return <div class="screen loading">{t('exchanging')}</div>;
  }
  if (users && users.length === 0) {
    return (
      <div class="screen">
        <ScreenHeader title={t('loginTitle')} />
        <div class="content form">
          <Banner kind="info">{t('loginNoUsers')}</Banner>
          <button type="button" class="btn btn-primary btn-wide" onClick={() => onSignedIn(undefined)}>
            {t('loginContinue')}
          </button>
          <button type="button" class="btn btn-wide" onClick={() => navigate({ name: 'settings' })}>
            {t('settings')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div class="screen">
      <ScreenHeader title={t('loginTitle')} />
      <form
        class="content form"
        onSubmit={(e) => {
          e.preventDefault();
          if (pin !== '') void check(...typedCredentials(pin));
        }}
      >
        <p class="hint">{t('loginHint')}</p>
        <label class="field">
          <span>{t('loginPin')}</span>
          <input
            class="input input-big"
            type="password"
            ref={pinField}
            inputMode="numeric"
            autoComplete="off"
            value={pin}
            onInput={(e) => setPin(e.currentTarget.value)}
          />
        </label>
        {wrong && lockedFor === 0 && <Banner kind="error">{t('loginWrong')}</Banner>}
        {lockedFor > 0 && <Banner kind="error">{t('loginLocked', { seconds: lockedFor })}</Banner>}
        <button
          type="submit"
          class="btn btn-primary btn-wide"
          disabled={!users || checking || pin === '' || lockedFor > 0}
        >
          {checking ? t('loginChecking') : t('loginSubmit')}
        </button>
        <button type="button" class="btn btn-wide" onClick={() => navigate({ name: 'settings' })}>
          {t('settings')}
        </button>
      </form>
    </div>
  );
}
