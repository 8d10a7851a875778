// Per-terminal preferences kept in localStorage (language, sound) and the signed-in operator, kept
// for the browser session only so a reboot asks who is working. A preference never set here leaves
// the base's operator setting in force (effective-settings.ts).
import type { Lang } from '../i18n/i18n.js';

export type LangChoice = Lang | 'auto';

export interface Operator {
  id: string;
  name: string;
  /** From the users catalog; documents may be assigned to a group. */
  groups: string[];
}

const LANG_KEY = 'shelfsync.lang';
const SOUND_KEY = 'shelfsync.sound';
const OPERATOR_KEY = 'shelfsync.operator';

export function loadLangChoice(): LangChoice {
  const v = safeGet(localStorage, LANG_KEY);
  return v === 'ru' || v === 'en' ? v : 'auto';
}

export function saveLangChoice(choice: LangChoice): void {
  safeSet(localStorage, LANG_KEY, choice);
}

/** The sound switch as the operator last set it on this device; undefined when never touched. */
export function loadSoundChoice(): boolean | undefined {
  const v = safeGet(localStorage, SOUND_KEY);
  return v === 'on' ? true : v === 'off' ? false : undefined;
}

export function saveSound(on: boolean): void {
  safeSet(localStorage, SOUND_KEY, on ? 'on' : 'off');
}

export function loadOperator(): Operator | undefined {
  const raw = safeGet(sessionStorage, OPERATOR_KEY);
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<Operator>;
    if (typeof v.id !== 'string' || typeof v.name !== 'string') return undefined;
    const groups = Array.isArray(v.groups) ? v.groups.filter((g): g is string => typeof g === 'string') : [];
    return { id: v.id, name: v.name, groups };
  } catch {
    return undefined;
  }
}

export function saveOperator(op: Operator | undefined): void {
  if (op) safeSet(sessionStorage, OPERATOR_KEY, JSON.stringify(op));
  else sessionStorage.removeItem(OPERATOR_KEY);
}

// Storage can throw (private mode, quota); preferences are not worth failing a screen for.
function safeGet(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function safeSet(storage: Storage, key: string, value: string): void {
  try {
    storage.setItem(key, value);
  } catch {
    // ignored on purpose, see above
  }
}
