import i18next from 'i18next';
import { reviewEn } from './review-en';
import { reviewVi } from './review-vi';

/**
 * Adds the review screens' text (`review.*`) to the app's resources, in both languages. Called by
 * those screens as they render: the strings travel in their lazily loaded chunk, so an officer's
 * phone never downloads them with the first route. Idempotent and cheap after the first call.
 */
export function ensureReviewMessages(): void {
  if (i18next.getResource('vi', 'translation', 'review.nav') !== undefined) return;
  i18next.addResourceBundle('vi', 'translation', { review: reviewVi }, true, true);
  i18next.addResourceBundle('en', 'translation', { review: reviewEn }, true, true);
}
