/** The UI languages and how the user's choice is remembered. No i18next import here. */

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
export const LANG_STORAGE_KEY = 'lodestone.lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps a locale tag such as `zh`, `zh-Hans-CN` or `en-GB` onto a UI language. */
export function toLanguage(locale: string | null | undefined): Language | null {
  if (!locale) return null;
  const tag = locale.trim().toLowerCase();
  if (tag === 'zh' || tag.startsWith('zh-') || tag.startsWith('zh_')) return 'zh-CN';
  if (tag === 'en' || tag.startsWith('en-') || tag.startsWith('en_')) return 'en';
  return null;
}

export function readStoredLanguage(): Language | null {
  try {
    const value = globalThis.localStorage?.getItem(LANG_STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function storeLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(LANG_STORAGE_KEY, language);
  } catch {
    // Storage may be unavailable (private mode, quota); the choice then lasts for this page only.
  }
}

/** The language to start with: the remembered choice, else the default. */
export function initialLanguage(): Language {
  return readStoredLanguage() ?? DEFAULT_LANGUAGE;
}

/** The name to show in `language`: English falls back to Chinese when there is no English name. */
export function pickName(language: string, nameZh: string, nameEn: string | null | undefined): string {
  return toLanguage(language) === 'en' && nameEn ? nameEn : nameZh;
}

/** Items as a list in `language`: 甲、乙、丙 in Chinese, "A, B, C" in English. */
export function joinList(language: string, items: readonly string[]): string {
  return new Intl.ListFormat(toLanguage(language) ?? DEFAULT_LANGUAGE, {
    type: 'conjunction',
    style: 'narrow',
  }).format(items);
}
