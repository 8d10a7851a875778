// Picks the operator's language and renders strings and error messages in it. Russian strings fall
// back to English when one is missing, and unknown error codes to a generic sentence, so the screen
// never shows a bare key.
import { ERRORS, isErrorCode } from '@shelfsync/protocol';
import { type Dictionary, en, type MessageKey } from './en.js';
import { ru } from './ru.js';

export const LANGUAGES = ['ru', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

const DICTIONARIES: Record<Lang, Partial<Dictionary>> = { en, ru };

/** The first of the browser's preferred languages that we speak; English when none. */
export function pickLanguage(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const lang = LANGUAGES.find((l) => l === base);
    if (lang) return lang;
  }
  return 'en';
}

export type Params = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = DICTIONARIES[lang][key] || en[key] || key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The operator sentence for an error code from @shelfsync/protocol, in the operator's language. */
export function errorText(lang: Lang, code: string, fallback?: string): string {
  if (isErrorCode(code)) {
    const spec = ERRORS[code];
    return lang === 'ru' ? spec.ru : spec.message;
  }
  return translate(lang, 'errorGeneric', { message: fallback || code });
}

/** A thrown value as an operator sentence: ShelfsyncError codes are translated, others shown as is. */
export function describeError(lang: Lang, error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    const message = 'message' in error && typeof error.message === 'string' ? error.message : undefined;
    return errorText(lang, error.code, message);
  }
  return translate(lang, 'errorGeneric', { message: error instanceof Error ? error.message : String(error) });
}

export function formatQty(lang: Lang, qty: number): string {
  return qty.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-US', { maximumFractionDigits: 3 });
}

export function formatTime(lang: Lang, iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === now.toDateString();
  const locale = lang === 'ru' ? 'ru-RU' : 'en-GB';
  return sameDay
    ? at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
    : at.toLocaleString(locale, { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  return `${Math.round(bytes / 1e3)} KB`;
}
