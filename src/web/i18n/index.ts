import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setFormatLanguage } from '../app/errors.js';
import en from './locales/en.json' with { type: 'json' };
import ja from './locales/ja.json' with { type: 'json' };

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ja';

const STORAGE_KEY = 'keizoku.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language chosen before logging in (kept in this browser), else Japanese. */
export function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/** Switches the UI language, remembers it in this browser and updates <html lang>. */
export async function applyLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  document.documentElement.lang = lang;
  setFormatLanguage(lang);
  if (i18n.language !== lang) await i18n.changeLanguage(lang);
}

export function initI18n(): typeof i18n {
  const lang = storedLanguage();
  document.documentElement.lang = lang;
  setFormatLanguage(lang);
  void i18n.use(initReactI18next).init({
    resources: { ja: { translation: ja }, en: { translation: en } },
    lng: lang,
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  return i18n;
}
