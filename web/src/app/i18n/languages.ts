export const supportedLanguages = ['zh-CN', 'en'] as const;

export type Language = (typeof supportedLanguages)[number];

export const defaultLanguage: Language = 'zh-CN';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value);
}

/** dayjs names its locales in lower case. */
export const dayjsLocaleOf: Record<Language, string> = {
  'zh-CN': 'zh-cn',
  en: 'en',
};
