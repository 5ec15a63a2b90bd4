import i18next from 'i18next';

/**
 * The administration screens' texts live in namespaces of their own (`adminUnits`, …), not under
 * `translation`: each joins at run time with its screen's chunk, and keeping them out of the
 * default namespace keeps its key type small enough for the compiler (one union of every key of
 * every screen grew past TypeScript's instantiation limit). Idempotent and cheap after the first.
 */
export function ensureNamespace(
  namespace: string,
  vi: Readonly<Record<string, unknown>>,
  en: Readonly<Record<string, unknown>>,
): void {
  if (i18next.hasResourceBundle('vi', namespace)) return;
  i18next.addResourceBundle('vi', namespace, vi, true, true);
  i18next.addResourceBundle('en', namespace, en, true, true);
}
