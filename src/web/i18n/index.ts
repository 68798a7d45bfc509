import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import {
  DEFAULT_LANGUAGE,
  initialLanguage,
  type Language,
  readStoredLanguage,
  storeLanguage,
  toLanguage,
} from './language.ts';
import zhCN from './zh-CN.json' with { type: 'json' };

export * from './language.ts';

function applyHtmlLang(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

i18n.on('languageChanged', applyHtmlLang);

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: zhCN },
    en: { translation: en },
  },
  lng: initialLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: ['zh-CN', 'en'],
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

applyHtmlLang(i18n.language);

/** The user picked a language: switch and remember it. */
export function chooseLanguage(language: Language): void {
  storeLanguage(language);
  void i18n.changeLanguage(language);
}

/** After sign-in: follow the tenant's default locale unless the user has chosen a language. */
export function applyTenantLocale(defaultLocale: string | null | undefined): void {
  if (readStoredLanguage()) return;
  const language = toLanguage(defaultLocale) ?? DEFAULT_LANGUAGE;
  if (i18n.language !== language) void i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  return toLanguage(i18n.language) ?? DEFAULT_LANGUAGE;
}

export default i18n;
