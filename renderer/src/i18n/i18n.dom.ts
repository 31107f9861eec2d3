/** Thai first, English on the toggle. Texts are bundled; nothing is fetched. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import th from './th.json';
import en from './en.json';
import { errorText, isErrorCode } from '../../../electron/contract/errors.std.js';
import type { Language } from '../../../electron/contract/settings.std.js';

export const i18n = i18next.createInstance();

export async function initI18n(language: Language = 'th'): Promise<void> {
  await i18n.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'th',
    resources: { th: { translation: th }, en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
}

export async function setLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

/** An error code in the current language, from the one bilingual catalogue shared with main. */
export function errorMessage(code: string): string {
  const lang = i18n.language === 'en' ? 'en' : 'th';
  return isErrorCode(code) ? errorText[code][lang] : errorText.internal[lang];
}
