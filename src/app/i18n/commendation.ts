import i18next from 'i18next';
import { commendationEn } from './commendation-en';
import { commendationVi } from './commendation-vi';

/** Adds the `commendation.*` texts as the screen renders (like review.ts): off the first route. */
export function ensureCommendationMessages(): void {
  if (i18next.getResource('vi', 'translation', 'commendation.title') !== undefined) return;
  i18next.addResourceBundle('vi', 'translation', { commendation: commendationVi }, true, true);
  i18next.addResourceBundle('en', 'translation', { commendation: commendationEn }, true, true);
}
