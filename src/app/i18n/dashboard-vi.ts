import type { Widen } from './vi';

// The dashboard texts (features/dashboard), added to i18next with the dashboard's chunk.
export const dashboardVi = {
  title: 'Tổng hợp kết quả',
  campaign: 'Đợt đánh giá',
  previous:
    'Đợt trước ({{names}}): {{scored}}/{{expected}} xã được duyệt, tổng {{sum}} điểm, trung bình {{average}}',
  loading: 'Đang tải số liệu…',
  asOf: 'Số liệu lúc {{when}}',
  stale: 'Bản lưu trên máy lúc {{when}}; chưa lấy được số liệu mới từ máy chủ.',
  failure_offline: 'Chưa có số liệu trên máy này. Số liệu được tải khi có mạng.',
  failure_signedOut: 'Phiên đăng nhập đã hết; hãy đăng nhập lại để xem số liệu.',
  failure_notAllowed: 'Tài khoản này không được xem số liệu của đơn vị này.',
  failure_notFound: 'Máy chủ chưa có đợt đánh giá hoặc đơn vị này.',
  failure_server: 'Máy chủ chưa trả số liệu. Hãy thử lại sau.',
  noCampaign: 'Chưa có đợt đánh giá nào trên máy này. Hãy đồng bộ khi có mạng.',
  completeness: 'Đã gửi',
  completenessValue: '{{done, number}}/{{expected, number}} xã ({{percent}})',
  timeliness: 'Gửi đúng hạn',
  average: 'Điểm trung bình',
  averageValue: '{{score}}/{{max}}',
  averageNote: 'Chỉ tính hồ sơ đã được duyệt hoặc tỉnh đã công nhận ({{count, number}} xã).',
  noScored: 'Chưa có hồ sơ nào được duyệt.',
  statuses: 'Tình trạng hồ sơ',
  pillars: 'Điểm trung bình theo trụ cột',
  distribution: 'Phân bố tổng điểm',
  distributionLabel: 'Số xã theo khoảng điểm',
  binLabel: '{{from}}–{{to}}',
  chartLoading: 'Đang vẽ biểu đồ…',
  mapTitle: 'Bản đồ các huyện',
  mapMetric: 'Tô màu theo',
  commendation: 'Khen thưởng và công khai kết quả →',
  ranking: 'Xếp hạng',
  rankingChildren: 'Các đơn vị trực thuộc',
  rank: 'Hạng {{rank}}',
  unranked: 'Chưa xếp hạng',
  score: '{{score}} điểm',
  sent: 'Gửi {{done, number}}/{{expected, number}}',
  openUnit: 'Xem số liệu {{name}}',
  openSubmission: 'Mở hồ sơ',
  up: '← {{name}}',
  exports: 'Xuất dữ liệu',
  exportResultsCsv: 'Kết quả (CSV)',
  exportResultsXlsx: 'Kết quả (Excel)',
  exportAnswersCsv: 'Câu trả lời (CSV)',
  exportAnswersXlsx: 'Câu trả lời (Excel)',
  exporting: 'Đang tạo tệp…',
  exportFailed: 'Không tạo được tệp. Hãy kiểm tra kết nối rồi thử lại.',
  refresh: 'Tải lại số liệu',
} as const;

export const mapVi = {
  // The district map (features/dashboard/DistrictMap.tsx): its accessible name, the legend's
  // caption per metric, and a district's name with its value (the hover text and the name a
  // screen reader reads).
  label: 'Bản đồ các huyện: {{province}}',
  legend: 'Chú giải',
  metric_score: 'Điểm trung bình của các xã',
  metric_completeness: 'Tỷ lệ xã đã nộp hồ sơ',
  districtScore: '{{name}}: {{value}} điểm',
  districtCompleteness: '{{name}}: {{value}} số xã đã nộp',
  districtNoData: '{{name}}: chưa có dữ liệu',
  noData: 'Chưa có dữ liệu',
  range: '{{from}}–{{to}}',
} as const;

export type DashboardMessages = Widen<typeof dashboardVi>;
export type MapMessages = Widen<typeof mapVi>;
