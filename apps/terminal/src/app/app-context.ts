// What every screen needs: the terminal, the language and sound, the operator and navigation.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MessageKey } from '../i18n/en.js';
import type { Lang, Params } from '../i18n/i18n.js';
import type { Terminal } from './create-terminal.js';
import type { LangChoice, Operator } from './preferences.js';
import type { Route } from './route.js';

export interface AppServices {
  terminal: Terminal;
  lang: Lang;
  langChoice: LangChoice;
  /** Beeps on: this device's switch, else the base's setting (effective-settings.ts). */
  sound: boolean;
  t: (key: MessageKey, params?: Params) => string;
  operator: Operator | undefined;
  navigate: (route: Route) => void;
  /** Back to the screen below (the header arrow, like the device's back button). */
  back: () => void;
  setLang: (choice: LangChoice) => void;
  /** The operator switched sound on this device: wins over the base's setting from now on. */
  setSound: (on: boolean) => void;
  signOut: () => void;
  /** Opens enrollment again (a new code, another base); the engine refuses while work is unsent. */
  reenroll: () => void;
}

export const AppContext = createContext<AppServices | undefined>(undefined);

export function useApp(): AppServices {
  const app = useContext(AppContext);
  // Cannot happen: App renders every screen inside the provider; a raw Error marks a programming slip.
  if (!app) throw new Error('useApp outside AppContext');
  return app;
}
