import type { Widen } from './vi';

// The administrator's campaign screen (features/admin-campaigns), added with its chunk.
export const adminCampaignsVi = {
  title: 'Đợt đánh giá',
  loading: 'Đang tải danh sách đợt đánh giá…',
  none: 'Chưa có đợt đánh giá nào.',
  status_draft: 'Bản nháp',
  status_open: 'Đang mở',
  status_closed: 'Đã đóng',
  summary:
    'Mẫu {{template}} phiên bản {{templateVersion, number}} · {{count, number}} xã · hạn nộp {{deadline}}',
  period: 'Kỳ đánh giá: {{start}} – {{end}}',
  open: 'Mở đợt đánh giá',
  close: 'Đóng đợt đánh giá',
  closeConfirm:
    'Đóng đợt này? Các xã sẽ không sửa hay gửi được nữa; phiếu chỉ còn để xem. Bạn vẫn mở lại được.',
  closeYes: 'Đóng ngay',
  cancel: 'Thôi',
  extend: 'Gia hạn',
  newDeadline: 'Hạn nộp mới',
  reason: 'Lý do gia hạn (bắt buộc)',
  extendSave: 'Lưu hạn mới',
  createTitle: 'Tạo đợt đánh giá mới',
  createHelp:
    'Đợt mới ở dạng nháp cho đến khi bạn mở. Phiên bản mẫu phiếu được gắn cố định với đợt, không đổi được sau khi tạo.',
  titleVi: 'Tên đợt (tiếng Việt)',
  titleEn: 'Tên đợt (tiếng Anh, không bắt buộc)',
  slug: 'Mã đợt (không bắt buộc, ví dụ bac-ai-2026)',
  template: 'Mẫu phiếu và phiên bản',
  templateOption: '{{title}} — phiên bản {{templateVersion, number}}',
  periodStart: 'Từ ngày',
  periodEnd: 'Đến ngày',
  deadline: 'Hạn nộp (giờ Việt Nam)',
  units: 'Đơn vị phải báo cáo',
  unitsHelp: 'Chọn cả huyện (mọi xã trong huyện) hoặc từng xã.',
  pickCommunes: 'Chọn từng xã',
  unitsChosen: 'Đã chọn {{count, number}} xã',
  create: 'Tạo bản nháp',
  created: 'Đã tạo đợt “{{title}}” ở dạng nháp. Bấm “Mở đợt đánh giá” khi sẵn sàng.',
  problem_unknown_template:
    'Không tìm thấy phiên bản mẫu phiếu này. Hãy chọn một mẫu trong danh sách.',
  problem_unknown_unit: 'Có đơn vị không tồn tại hoặc ngoài phạm vi của bạn. Hãy chọn lại đơn vị.',
  problem_not_a_commune:
    'Chỉ xã, phường, thị trấn mới được giao từng đơn vị. Hãy chọn cả huyện hoặc chọn xã.',
  problem_unit_merged: 'Có xã đã được sáp nhập vào đơn vị khác; hãy giao cho đơn vị sau sáp nhập.',
  problem_no_units: 'Chưa chọn đơn vị nào. Hãy chọn ít nhất một huyện hoặc một xã.',
  problem_period_reversed: 'Ngày kết thúc kỳ đánh giá trước ngày bắt đầu. Hãy sửa lại hai ngày.',
  problem_deadline_before_period:
    'Hạn nộp trước ngày bắt đầu kỳ đánh giá. Hãy chọn hạn nộp muộn hơn.',
  problem_deadline_not_later:
    'Hạn mới phải muộn hơn hạn hiện tại. Chỉ được gia hạn, không rút ngắn.',
  problem_reason_required: 'Hãy ghi lý do gia hạn.',
  problem_wrong_status_step:
    'Đợt này vừa đổi trạng thái (có thể do người khác). Hãy tải lại danh sách.',
  problem_duplicate_id: 'Mã đợt này đã có. Hãy đặt mã khác hoặc để trống để hệ thống tự đặt.',
  error_offline: 'Không kết nối được máy chủ. Việc quản lý đợt đánh giá cần có mạng.',
  error_VALIDATION_FAILED: 'Thông tin chưa hợp lệ. Hãy kiểm tra tên, các ngày và đơn vị.',
  error_FORBIDDEN: 'Tài khoản của bạn không được quản lý đợt đánh giá.',
  error_NOT_FOUND: 'Không tìm thấy đợt đánh giá này trong phạm vi của bạn. Hãy tải lại.',
  error_UNAUTHENTICATED: 'Phiên đăng nhập đã hết; hãy đăng nhập lại.',
  error_other: 'Máy chủ chưa thực hiện được; hãy thử lại sau.',
} as const;

export type AdminCampaignsMessages = Widen<typeof adminCampaignsVi>;
