import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { formatNumber } from '../ui/format';
import type { adminUsersVi } from './admin-users-vi';
import type { adminVi } from './admin-vi';
import type { adminUnitsVi } from './admin-units-vi';
import type { adminTemplatesVi } from './admin-templates-vi';
import type { adminCampaignsVi } from './admin-campaigns-vi';
import type { commendationVi } from './commendation-vi';
import type { dashboardVi, mapVi } from './dashboard-vi';
import type { historyVi } from './history-vi';
import type { reportVi } from './report-vi';
import type { reviewVi } from './review-vi';
import { vi } from './vi';

export const SUPPORTED_LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
const STORAGE_KEY = 'mc.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // No "namespace:key" strings: a screen names its namespace in useTranslation('adminUnits').
    // Without this the key type of every namespace is also spelled with each prefix, and the union
    // outgrows the compiler's instantiation limit.
    nsSeparator: false;
    // `review.*`, `history.*`, `admin.*` and `dashboard.*` join at run time with their screens' chunks
    // (review.ts, history.ts, admin.ts).
    resources: {
      translation: typeof vi & {
        review: typeof reviewVi;
        history: typeof historyVi;
        admin: typeof adminVi;
        dashboard: typeof dashboardVi;
        map: typeof mapVi;
        report: typeof reportVi;
        commendation: typeof commendationVi;
      };
      // Namespaces of their own (namespace.ts): `useTranslation('adminUnits')`.
      adminUnits: typeof adminUnitsVi;
      adminTemplates: typeof adminTemplatesVi;
      adminUsers: typeof adminUsersVi;
      adminCampaigns: typeof adminCampaignsVi;
    };
  }
}

function isLanguage(value: unknown): value is Language {
  return SUPPORTED_LANGUAGES.includes(value as Language);
}

/** Vietnamese unless the user chose otherwise on this device: the officers' phones may be set to English. */
export function initialLanguage(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): Language {
  const stored = storage?.getItem(STORAGE_KEY);
  return isLanguage(stored) ? stored : 'vi';
}

/**
 * English arrives on demand, from its own chunk (precached for offline like the rest): most phones
 * run in Vietnamese, and the shell should not download and parse a language nobody reads.
 */
async function ensureLanguage(language: Language) {
  // Asked by key, not by bundle: a feature chunk may already have added its own English part
  // (review.ts), and that must not pass for the whole language.
  if (language === 'vi' || i18next.getResource(language, 'translation', 'app.name') !== undefined)
    return;
  const { en } = await import('./en');
  // Deep, without overwriting: the parts feature chunks added stay.
  i18next.addResourceBundle('en', 'translation', en, true, false);
}

export async function initI18n(language: Language = initialLanguage()) {
  await i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi } },
    lng: language,
    fallbackLng: 'vi',
    nsSeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // `{{count, number}}` in a message goes through the app's one number formatter, so a count in a
  // sentence reads like every other number on screen (1.000 in Vietnamese, 1,000 in English).
  i18next.services.formatter?.add('number', (value: unknown, language: string | undefined) =>
    typeof value === 'number' ? formatNumber(value, language ?? 'vi') : String(value),
  );
  await ensureLanguage(language);
  if (i18next.language !== language) await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language) {
  // The choice is recorded before the language's chunk loads: on a slow phone a reload (or a
  // sign-in that navigates) can come while it downloads, and the choice must survive it.
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
  await ensureLanguage(language);
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

/** Picks the text of a template's `{vi, en?}` label in the current language, falling back to Vietnamese. */
export function localized(text: { vi: string; en?: string | undefined }, language: string): string {
  return language === 'en' && text.en ? text.en : text.vi;
}
