import type { Widen } from './vi';

// The administrator's texts (features/admin). Kept in their own file; vi.ts includes them.
export const adminVi = {
  menuTitle: 'Quản trị',
  menuIntro: 'Chọn việc cần làm. Các việc quản trị cần có mạng.',
  menu_units: 'Đơn vị hành chính',
  menu_units_explain: 'Xem cây đơn vị, nhập từ tệp, đổi tên, sáp nhập.',
  menu_users: 'Tài khoản',
  menu_users_explain:
    'Tạo tài khoản (từng người hoặc từ tệp CSV), in phiếu mật khẩu, cấp lại mật khẩu, khóa, thu hồi thiết bị.',
  menu_templates: 'Mẫu phiếu đánh giá',
  menu_templates_explain: 'Nhập mẫu phiếu từ tệp JSON, xem lỗi, các phiên bản và bản xem trước.',
  menu_campaigns: 'Đợt đánh giá',
  menu_campaigns_explain: 'Tạo đợt, mở, đóng, gia hạn có lý do.',
  auditTitle: 'Kiểm tra nhật ký thay đổi',
  auditExplain:
    'Mọi thay đổi được ghi vào một chuỗi nhật ký có mã kiểm tra. Nút dưới đây cho máy chủ kiểm tra lại toàn bộ chuỗi và chỉ ra sự kiện đầu tiên bị sửa, chèn hoặc xóa.',
  auditRun: 'Kiểm tra ngay',
  auditRunning: 'Đang kiểm tra…',
  auditIntact: 'Chuỗi nhật ký nguyên vẹn: {{events}} sự kiện (kiểm tra lúc {{when}}).',
  auditBroken_changed:
    'Sự kiện số {{seq}} đã bị sửa sau khi ghi ({{verified}} sự kiện trước đó vẫn đúng).',
  auditBroken_unlinked:
    'Sự kiện số {{seq}} không nối với sự kiện trước: có sự kiện bị chèn hoặc thay ({{verified}} sự kiện trước đó vẫn đúng).',
  auditBroken_missing:
    'Thiếu sự kiện số {{seq}}: có sự kiện đã bị xóa ({{verified}} sự kiện trước đó vẫn đúng).',
  auditBroken_truncated:
    'Các sự kiện mới nhất từ số {{seq}} đã bị xóa ({{verified}} sự kiện trước đó vẫn đúng).',
  auditEvent: 'Sự kiện đó: {{when}}, {{who}}, {{action}} trên {{target}}.',
  auditWhatNow:
    'Hãy khôi phục cơ sở dữ liệu từ bản sao lưu gần nhất trước thời điểm này và báo cho đơn vị phụ trách an toàn thông tin.',
  auditFailure_offline:
    'Không kết nối được máy chủ. Việc kiểm tra cần có mạng; hãy thử lại khi có mạng.',
  auditFailure_signedOut: 'Phiên đăng nhập đã hết; hãy đăng nhập lại rồi kiểm tra.',
  auditFailure_notAllowed: 'Chỉ quản trị hệ thống được kiểm tra nhật ký.',
  auditFailure_busy: 'Vừa kiểm tra nhiều lần; hãy chờ một phút rồi thử lại.',
  auditFailure_server: 'Máy chủ chưa kiểm tra được; hãy thử lại sau.',
} as const;

export type AdminMessages = Widen<typeof adminVi>;
