import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { readStoredValue, writeStoredValue } from '../preferences/storage';
import type enStrings from './en.json';
import { dayjsLocaleOf, defaultLanguage, isLanguage, type Language, supportedLanguages } from './languages';
import { mergeStrings, type StringTree, takeStrings } from './stringRegistry';
import type zhCNStrings from './zh-CN.json';

// Both ways: a key missing from either file fails the type check.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameKeys: SameKeys<typeof zhCNStrings, typeof enStrings> = true;
void sameKeys;

// Chinese comes with the code that uses it: the build puts each group of strings in the chunk of the
// pages that name it (web/splitStrings.ts), so the first screen carries its own strings and no
// others. English is fetched whole when chosen, so a first load on a slow line does not carry both.
const loaders: Record<Language, () => Promise<{ default: typeof zhCNStrings }>> = {
  'zh-CN': () => import('./zh-CN.json'),
  en: () => import('./en.json'),
};

let allChinese: Promise<void> | undefined;

/**
 * A key that is not among the strings that arrived with the code (built in a way the build's scan
 * does not see): fetch the whole Chinese file once; the 'added' event redraws what showed the key.
 */
function loadAllChinese(key: string): void {
  if (allChinese) return;
  console.warn(`i18n: "${key}" did not come with its page's code; loading every Chinese string`);
  allChinese = loaders['zh-CN']().then(
    (strings) => void i18next.addResourceBundle('zh-CN', 'translation', strings.default, true, false),
    () => {
      allChinese = undefined;
    },
  );
}

async function loadLanguage(language: Language): Promise<void> {
  if (i18next.hasResourceBundle(language, 'translation')) return;
  const strings = await loaders[language]();
  i18next.addResourceBundle(language, 'translation', strings.default);
}

/**
 * Pages used without a signal (the visit list) fetch every language's strings while there is one: the
 * strings stay in memory and the service worker keeps their file, so the language can be switched
 * offline. Chinese is already here with the page's code.
 */
export function keepLanguagesForOffline(): void {
  for (const language of supportedLanguages) void loadLanguage(language).catch(() => undefined);
}

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
  await loadLanguage(language);
  await i18next.changeLanguage(language);
}

/** Ready when the stored language's strings are (at once for Chinese, after one fetch for English). */
export async function initI18n(): Promise<typeof i18next> {
  const stored = readStoredValue(languageStorageKey);
  const initial = isLanguage(stored) ? stored : defaultLanguage;
  i18next.on('languageChanged', (language) => {
    if (isLanguage(language)) applyLanguageToPage(language);
  });
  // Strings that arrive later (with a page's chunk) are added silently: their components have not rendered yet.
  const arrived = takeStrings((strings) => {
    const chinese = i18next.store.data[defaultLanguage]?.translation;
    if (typeof chinese === 'object') mergeStrings(chinese as StringTree, strings);
  });
  // The dev server does not split the strings (nothing arrived): it loads the whole file.
  const split = Object.keys(arrived).length > 0;
  const chinese = split ? arrived : (await loaders['zh-CN']()).default;
  void i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: chinese } },
    lng: defaultLanguage,
    fallbackLng: defaultLanguage,
    supportedLngs: Object.keys(loaders),
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    saveMissing: split,
    missingKeyHandler: (_languages, _namespace, key) => loadAllChinese(key),
    react: { bindI18nStore: 'added' },
  });
  let shown: Language = defaultLanguage;
  if (initial !== defaultLanguage) {
    // If the strings cannot be fetched (the line dropped), the app still opens, in Chinese.
    shown = await loadLanguage(initial)
      .then(() => i18next.changeLanguage(initial))
      .then(() => initial)
      .catch(async () => {
        await i18next.changeLanguage(defaultLanguage);
        return defaultLanguage;
      });
  }
  applyLanguageToPage(shown);
  return i18next;
}
