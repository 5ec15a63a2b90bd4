import type { SubmissionStatus } from '../../../src/shared/schemas/submission';

/**
 * Words the server itself writes into files and pages (exports, public pages), in Vietnamese and
 * English. The app's own texts are in src/app/i18n; these are the reviewer-side names of statuses.
 */
export type ReportLanguage = 'vi' | 'en';

export const STATUS_LABEL: Readonly<
  Record<SubmissionStatus | 'notStarted', Record<ReportLanguage, string>>
> = {
  notStarted: { vi: 'Chưa bắt đầu', en: 'Not started' },
  draft: { vi: 'Đang soạn', en: 'Draft' },
  submitted: { vi: 'Chờ thẩm định', en: 'Awaiting review' },
  returned: { vi: 'Đã trả lại', en: 'Returned' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
  accepted: { vi: 'Tỉnh đã công nhận', en: 'Accepted by the province' },
};

export const YES_NO: Readonly<Record<ReportLanguage, [yes: string, no: string]>> = {
  vi: ['Có', 'Không'],
  en: ['Yes', 'No'],
};
