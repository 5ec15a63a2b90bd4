import { z } from 'zod';

/**
 * Text shown to people, in Vietnamese (always) and optionally English.
 *
 * Vietnamese is mandatory because every official document the product mirrors is Vietnamese;
 * English is a convenience for reviewers and foreign partners. A blank `vi` is rejected (not just
 * an empty one) because a title made of spaces looks filled in but tells the reader nothing.
 */
export const LocalizedText = z.strictObject({
  // One rule for empty and blank alike, so a form or a template check reports it once.
  vi: z.string().refine((s) => s.trim().length > 0, {
    params: { code: 'empty' },
    message: 'must not be blank',
  }),
  en: z.string().optional(),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

export type Language = 'vi' | 'en';

/** Picks the text for a language, falling back to Vietnamese when the translation is missing or blank. */
export function localize(text: LocalizedText, language: Language): string {
  if (language === 'en' && text.en !== undefined && text.en.trim().length > 0) return text.en;
  return text.vi;
}
