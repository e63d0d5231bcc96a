import i18next, { type TFunction } from 'i18next';
import type { ErrorParams } from '../errors.js';
import type { Locale } from './locale.js';
import { en } from './messages.en.js';
import { zhCN } from './messages.zh-CN.js';

const catalogs: Record<Locale, Record<string, string>> = { 'zh-CN': { ...zhCN }, en: { ...en } };

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: 'zh-CN',
  fallbackLng: 'en',
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  resources: {
    'zh-CN': { translation: catalogs['zh-CN'] },
    en: { translation: catalogs.en },
  },
});

const translators = new Map<Locale, TFunction>();

/** Features add their own messages (both languages, same keys) at import time. */
export function registerMessages(messages: Record<Locale, Record<string, string>>): void {
  for (const [locale, entries] of Object.entries(messages) as [Locale, Record<string, string>][]) {
    instance.addResources(locale, 'translation', entries);
    Object.assign(catalogs[locale], entries);
  }
}

export function translate(locale: Locale, key: string, params: ErrorParams = {}): string {
  let t = translators.get(locale);
  if (!t) {
    t = instance.getFixedT(locale);
    translators.set(locale, t);
  }
  return t(key, params as Record<string, unknown>);
}

export function messageCatalog(locale: Locale): Readonly<Record<string, string>> {
  return catalogs[locale];
}
