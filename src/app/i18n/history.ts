import i18next from 'i18next';
import { historyEn } from './history-en';
import { historyVi } from './history-vi';

/**
 * Adds the `history.*` texts to the app's resources, in both languages, as the screens that use them
 * render (like review.ts): they travel in those screens' lazily loaded chunks, not the first route.
 */
export function ensureHistoryMessages(): void {
  if (i18next.getResource('vi', 'translation', 'history.title') !== undefined) return;
  i18next.addResourceBundle('vi', 'translation', { history: historyVi }, true, true);
  i18next.addResourceBundle('en', 'translation', { history: historyEn }, true, true);
}
