import type { TFunction } from 'i18next';
import { vi } from './vi';

type RefusalCode = keyof typeof vi.refusal;

function isRefusalCode(code: string): code is RefusalCode {
  return Object.hasOwn(vi.refusal, code);
}

/**
 * What the officer reads when the server refuses a change: a translated sentence chosen by the
 * stable code, never the server's `message` (English, sometimes a zod path). The message stays in
 * the outbox row for support; an unknown code (a newer server) gets the general sentence.
 */
export function refusalText(t: TFunction, code: string | undefined): string {
  return code && isRefusalCode(code) && code !== 'other'
    ? t(`refusal.${code}`)
    : t('refusal.other');
}
