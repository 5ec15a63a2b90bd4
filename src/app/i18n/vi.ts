// Vietnamese is the source language: every key starts here, and `en.ts` must match it key for key
// (the `Messages` type makes a missing English string a type error).
export const vi = {
  app: {
    name: 'Minh Chứng',
    tagline: 'Đánh giá chuyển đổi số cấp xã',
    movement: 'Phong trào thi đua "Chuyển đổi số giai đoạn 2021–2025"',
  },
  language: {
    label: 'Ngôn ngữ',
    vi: 'Tiếng Việt',
    en: 'English',
  },
  network: {
    online: 'Đang trực tuyến',
    offline: 'Đang ngoại tuyến — dữ liệu vẫn được lưu trên máy',
  },
  deployment: {
    loading: 'Đang tải thông tin…',
    loadFailed: 'Chưa tải được thông tin đơn vị. Hãy kết nối mạng một lần để tải về máy.',
    retry: 'Thử lại',
    province: 'Tỉnh',
    hierarchy: 'Cấp hành chính',
    unitCount_province: '{{count}} tỉnh',
    unitCount_district: '{{count}} huyện',
    unitCount_commune: '{{count}} xã, phường, thị trấn',
    unitCount_village: '{{count}} thôn',
    template: 'Bộ tiêu chí đang áp dụng',
    templateVersion: 'Phiên bản {{version}}',
    maxScore: 'Tổng điểm tối đa: {{points}}',
    pillars: 'Các trụ cột',
    pillarLine: '{{count}} chỉ tiêu · {{points}} điểm',
    source: 'Nguồn dữ liệu',
  },
  update: {
    available: 'Đã có phiên bản mới của ứng dụng.',
    install: 'Cập nhật',
    later: 'Để sau',
    offlineReady: 'Ứng dụng đã sẵn sàng dùng khi không có mạng.',
    dismiss: 'Đóng',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof vi>;
