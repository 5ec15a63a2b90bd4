import type { TFunction } from 'i18next';
import type { TemplateFailure } from './api';

/** A failed request in words. The file's own refusals (invalid, unchanged) are shown by the
 * import panel with their details; here they fall back to a plain sentence. */
export function failureText(t: TFunction<'adminTemplates'>, failure: TemplateFailure): string {
  switch (failure.kind) {
    case 'unchanged':
      return t('unchanged', { version: String(failure.version) });
    case 'invalid':
      return t('problemsFix');
    default:
      return t(`failure_${failure.kind}`);
  }
}
