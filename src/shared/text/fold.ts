/**
 * Folds Vietnamese text for searching: "Phước Bình" and "phuoc binh" become the same key, so an
 * officer typing without diacritics (a phone keyboard without Telex, or in a hurry) still finds
 * the unit. NFD splits a letter from its tone and vowel marks, which are then dropped; đ/Đ is a
 * letter of its own in Unicode (not d plus a mark), so it is mapped by hand.
 */
const COMBINING_MARKS = /[\u0300-\u036f]/g;

export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `haystack` contains `needle`, ignoring diacritics, case and repeated spaces. */
export function matchesFolded(haystack: string, needle: string): boolean {
  const folded = foldVietnamese(needle);
  return folded === '' || foldVietnamese(haystack).includes(folded);
}
