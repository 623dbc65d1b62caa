//! i18next set-up: Indonesian by default, English on request; the choice is remembered.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { id } from './id';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'kinerja.lang';

function initialLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'id') return saved;
  } catch {
    // storage unavailable: fall back to the default
  }
  return 'id';
}

void i18n.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: typeof window === 'undefined' ? 'id' : initialLanguage(),
  fallbackLng: 'id',
  // A feature's namespace falls back to the shared strings (common.*, problem.*, enums.*).
  fallbackNS: 'translation',
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on('languageChanged', (lng) => {
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
});

export function setLanguage(lng: Language): void {
  void i18n.changeLanguage(lng);
}

export default i18n;

/** A feature's strings in both languages; `en` must have the same keys as `id`. */
export interface FeatureMessages<T> {
  id: T;
  en: T;
}

/**
 * Registers a feature's strings under its own namespace (`useTranslation('plans')`). Call it at
 * the top of the feature's `i18n.ts`; keys missing there fall back to the shared namespace.
 */
export function registerMessages<T extends object>(namespace: string, messages: FeatureMessages<T>): void {
  i18n.addResourceBundle('id', namespace, messages.id, true, true);
  i18n.addResourceBundle('en', namespace, messages.en, true, true);
}
