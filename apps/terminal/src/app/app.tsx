// The app shell: enrollment, then operator sign-in, then the screens. Holds language, sound, operator
// and the current route; Android's back button goes back to the main screen through the history API.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { setSoundEnabled } from '../feedback/feedback.js';
import { translate } from '../i18n/i18n.js';
import { EnrollScreen } from '../screens/enroll-screen.js';
import { LoginScreen } from '../screens/login-screen.js';
import { Routes } from '../screens/routes.js';
import { AppContext, type AppServices } from './app-context.js';
import type { Terminal } from './create-terminal.js';
import { effectiveSettings } from './effective-settings.js';
import {
  type LangChoice,
  loadLangChoice,
  loadOperator,
  loadSoundChoice,
  type Operator,
  saveLangChoice,
  saveOperator,
  saveSound,
} from './preferences.js';
import { checkStorage, type StorageHealth } from './storage-health.js';
import { useHistoryRoute } from './use-history-route.js';
import { useSettingsInForce } from './use-settings-in-force.js';

type Phase = 'loading' | 'enroll' | 'login' | 'ready';

export function App({ terminal }: { terminal: Terminal }) {
  const [phase, setPhase] = useState<Phase>('loading');
  const { route, navigate, back } = useHistoryRoute();
  const [langChoice, setLangChoice] = useState<LangChoice>(loadLangChoice);
  const [soundChoice, setSoundChoice] = useState(loadSoundChoice);
  const [operator, setOperator] = useState<Operator | undefined>(loadOperator);
  const [storage, setStorage] = useState<StorageHealth>();
  const settings = useSettingsInForce(terminal.exchange);
  const device = { lang: langChoice, sound: soundChoice };
  const { lang, sound } = effectiveSettings(device, settings, navigator.languages);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(() => setSoundEnabled(sound), [sound]);

  useEffect(() => {
    void terminal.exchange.start().then(() => {
      const { enrolled } = terminal.exchange.state;
      setPhase(!enrolled ? 'enroll' : loadOperator() ? 'ready' : 'login');
    });
    void checkStorage().then(setStorage);
  }, [terminal]);

  const services: AppServices = useMemo(
    () => ({
      terminal,
      lang,
      langChoice,
      sound,
      t: (key, params) => translate(lang, key, params),
      operator,
      navigate,
      back,
      setLang: (choice) => {
        saveLangChoice(choice);
        setLangChoice(choice);
      },
      setSound: (on) => {
        saveSound(on);
        setSoundChoice(on);
      },
      reenroll: () => {
        navigate({ name: 'main' });
        setPhase('enroll');
      },
      signOut: () => {
        void terminal.engine.login(null);
        saveOperator(undefined);
        setOperator(undefined);
        navigate({ name: 'main' });
        setPhase('login');
      },
    }),
    [terminal, lang, langChoice, sound, operator, navigate, back],
  );

  const signIn = (op: Operator | undefined) => {
    // The engine stamps the operator on facts and tells the base at the next exchange.
    void terminal.engine.login(op?.id ?? null);
    saveOperator(op);
    setOperator(op);
    navigate({ name: 'main' });
    setPhase('ready');
  };

  return (
    <AppContext.Provider value={services}>
      {phase === 'loading' && <div class="screen loading">{services.t('loading')}</div>}
      {phase === 'enroll' && (
        <EnrollScreen
          {...(terminal.exchange.state.enrolled
            ? { onCancel: () => setPhase(operator ? 'ready' : 'login') }
            : {})}
          onEnrolled={(byBundle) => {
            setPhase('login');
            // Enrolled from a file (RDP relay): no server to call; Settings writes the first bundle.
            if (byBundle) navigate({ name: 'settings' });
            void terminal.exchange
              .start()
              .then(() => (byBundle ? undefined : terminal.exchange.exchangeNow()));
          }}
        />
      )}
      {phase === 'login' &&
        (route.name === 'settings' ? (
          <Routes route={route} storage={storage} />
        ) : (
          <LoginScreen onSignedIn={signIn} />
        ))}
      {phase === 'ready' && <Routes route={route} storage={storage} />}
    </AppContext.Provider>
  );
}
