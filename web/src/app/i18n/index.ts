import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { readStoredValue, writeStoredValue } from '../preferences/storage';
import enStrings from './en.json';
import { dayjsLocaleOf, defaultLanguage, isLanguage, type Language } from './languages';
import zhCNStrings from './zh-CN.json';

// `satisfies` in both directions: a key missing from either file fails the type check.
export const resources = {
  'zh-CN': { translation: zhCNStrings satisfies typeof enStrings },
  en: { translation: enStrings satisfies typeof zhCNStrings },
} as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCNStrings };
  }
}

const languageStorageKey = 'haven.language';

function applyLanguageToPage(language: Language): void {
  document.documentElement.lang = language;
  dayjs.locale(dayjsLocaleOf[language]);
}

export function currentLanguage(): Language {
  const language = i18next.resolvedLanguage;
  return isLanguage(language) ? language : defaultLanguage;
}

export async function changeLanguage(language: Language): Promise<void> {
  writeStoredValue(languageStorageKey, language);
  await i18next.changeLanguage(language);
}

export function initI18n(): typeof i18next {
  const stored = readStoredValue(languageStorageKey);
  const initial = isLanguage(stored) ? stored : defaultLanguage;
  i18next.on('languageChanged', (language) => {
    if (isLanguage(language)) applyLanguageToPage(language);
  });
  void i18next.use(initReactI18next).init({
    resources,
    lng: initial,
    fallbackLng: defaultLanguage,
    supportedLngs: [...Object.keys(resources)],
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyLanguageToPage(initial);
  return i18next;
}
