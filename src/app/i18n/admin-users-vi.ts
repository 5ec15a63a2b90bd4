import type { Widen } from './vi';

// The accounts screen (features/admin-users). Joins i18next with that screen's chunk.
export const adminUsersVi = {
  title: 'Tài khoản',
  explain:
    'Tài khoản trong phạm vi của bạn. Cần có mạng: danh sách và mọi thay đổi nằm trên máy chủ.',
  filterUnit: 'Lọc theo đơn vị',
  filterRole: 'Lọc theo vai trò',
  roleAll: 'Mọi vai trò',
  loading: 'Đang tải danh sách tài khoản…',
  none: 'Không có tài khoản nào khớp bộ lọc.',
  count: '{{count, number}} tài khoản',
  active: 'Đang hoạt động',
  disabled: 'Đã khóa',
  devices: '{{count, number}} thiết bị đang đăng nhập',
  you: 'Tài khoản của bạn',
  reset: 'Đặt lại mật khẩu',
  resetConfirm:
    'Đặt lại mật khẩu cho {{name}}? Mật khẩu cũ ngừng dùng được ngay và mọi thiết bị của tài khoản này bị đăng xuất.',
  deactivate: 'Khóa tài khoản',
  deactivateConfirm:
    'Khóa tài khoản {{name}}? Người này bị đăng xuất trên mọi thiết bị và không đăng nhập được nữa cho đến khi mở khóa.',
  reactivate: 'Mở khóa',
  devicesShow: 'Thiết bị',
  devicesHide: 'Ẩn thiết bị',
  devicesNone: 'Tài khoản này chưa đăng nhập trên thiết bị nào.',
  deviceSince: 'Đăng nhập lúc {{when}}',
  deviceUsed: 'dùng lần cuối {{when}}',
  deviceRevoked: 'Đã đăng xuất lúc {{when}}',
  deviceExpired: 'Hết hạn lúc {{when}}',
  revoke: 'Đăng xuất thiết bị này',
  revokeConfirm:
    'Đăng xuất thiết bị "{{name}}"? Dữ liệu chưa gửi trên thiết bị đó vẫn còn; người dùng phải đăng nhập lại để gửi tiếp.',
  createTitle: 'Tạo một tài khoản',
  username: 'Tên đăng nhập',
  usernameHelp: 'Chữ a–z không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang; ít nhất 3 ký tự.',
  displayName: 'Họ tên',
  role: 'Vai trò',
  unit: 'Đơn vị',
  create: 'Tạo tài khoản',
  working: 'Đang gửi…',
  bulkTitle: 'Tạo nhiều tài khoản từ bảng tính (CSV)',
  bulkHelp:
    'Mỗi dòng một tài khoản: tên đăng nhập, mã đơn vị, vai trò, họ tên (không bắt buộc), cách nhau bằng dấu phẩy hoặc chấm phẩy. Dòng tiêu đề có thể giữ hoặc bỏ. Ví dụ: xa-phuoc-binh,22783,commune_officer,Nguyễn Văn A',
  bulkFile: 'Chọn tệp CSV',
  bulkText: 'Hoặc dán nội dung bảng tính',
  bulkCheck: 'Kiểm tra',
  bulkProblems:
    'Bảng tính có {{count, number}} lỗi. Chưa tài khoản nào được tạo; hãy sửa các dòng dưới đây rồi kiểm tra lại.',
  bulkProblem: 'Dòng {{line}}, {{field}}: {{message}}',
  bulkProblemLine: 'Dòng {{line}}: {{message}}',
  bulkPreview:
    'Sẽ tạo {{count, number}} tài khoản dưới đây, tất cả hoặc không tài khoản nào. Kiểm tra lại rồi bấm tạo.',
  bulkCreate: 'Tạo {{count, number}} tài khoản',
  fieldProblem: 'Ô {{field}}: {{message}}',
  field_username: 'tên đăng nhập',
  field_orgUnitId: 'mã đơn vị',
  field_role: 'vai trò',
  field_displayName: 'họ tên',
  problem_columns:
    'cần 3 hoặc 4 cột (tên đăng nhập, mã đơn vị, vai trò, họ tên) cách nhau bằng dấu phẩy hoặc chấm phẩy.',
  problem_duplicate: 'tên này đã có ở một dòng phía trên; mỗi tài khoản cần một tên riêng.',
  problem_too_small: 'quá ngắn (tên đăng nhập cần ít nhất 3 ký tự, họ tên không được để trống).',
  problem_too_big: 'quá dài (tên đăng nhập tối đa 64 ký tự, họ tên tối đa 200 ký tự).',
  problem_invalid_format:
    'chỉ được gồm chữ a–z không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.',
  problem_invalid_value:
    'phải là một trong: commune_officer, district_reviewer, province_admin, viewer, admin.',
  problem_unknownUnit: 'không có đơn vị mã {{value}}; hãy xem lại mã đơn vị (mã thống kê).',
  problem_outOfScope: 'đơn vị {{value}} nằm ngoài phạm vi bạn quản lý.',
  problem_roleNotAllowed: 'bạn không được cấp vai trò {{value}}.',
  problem_taken: 'tên {{value}} đã có người dùng; hãy chọn tên khác.',
  problem_empty: 'Bảng tính chưa có dòng tài khoản nào.',
  problem_other: 'giá trị không hợp lệ; hãy xem lại ô này.',
  credTitle: 'Mật khẩu lần đầu — chỉ hiện một lần',
  credWarn:
    'Hãy in phiếu này ngay. Khi rời màn hình, mật khẩu không xem lại được nữa (chỉ có thể đặt lại).',
  print: 'In phiếu',
  credDone: 'Đã in xong, ẩn mật khẩu',
  sheetTitle: 'Thông tin đăng nhập lần đầu',
  sheetHint:
    'Mở địa chỉ ứng dụng, đăng nhập bằng tên và mật khẩu dưới đây. Giữ kín mật khẩu; nếu mất, hãy báo quản trị để đặt lại.',
  lineUnit: 'Đơn vị',
  lineName: 'Họ tên',
  lineUsername: 'Tên đăng nhập',
  linePassword: 'Mật khẩu',
  lineAddress: 'Địa chỉ',
  leaveWarn:
    'Mật khẩu vừa tạo chưa được in. Rời màn hình này thì không xem lại được nữa. Vẫn rời đi?',
  created: 'Đã tạo {{count, number}} tài khoản.',
  resetDone: 'Đã đặt lại mật khẩu cho {{name}}; mọi thiết bị của tài khoản đã bị đăng xuất.',
  deactivated: 'Đã khóa tài khoản {{name}}.',
  reactivated: 'Đã mở khóa tài khoản {{name}}.',
  revoked: 'Đã đăng xuất thiết bị "{{name}}".',
  failure_offline:
    'Không kết nối được máy chủ. Quản lý tài khoản cần có mạng; hãy thử lại khi có mạng.',
  failure_signedOut: 'Phiên đăng nhập đã hết; hãy đăng nhập lại rồi làm lại thao tác này.',
  failure_notAllowed:
    'Bạn không được quản lý tài khoản này (ngoài phạm vi, hoặc vai trò cao hơn quyền của bạn).',
  failure_validation: 'Máy chủ không nhận dữ liệu này; hãy xem lại các ô rồi gửi lại.',
  failure_validationUnit:
    'Máy chủ không có đơn vị mã {{unitId}}; hãy sửa mã đơn vị rồi gửi lại. Chưa tài khoản nào được tạo.',
  failure_conflict:
    'Thao tác xung đột với dữ liệu trên máy chủ; hãy tải lại danh sách rồi thử lại.',
  failure_conflictUsername:
    'Tên đăng nhập {{username}} đã có người dùng; hãy đổi tên đó rồi gửi lại. Chưa tài khoản nào được tạo.',
  failure_notFound: 'Không tìm thấy tài khoản hoặc thiết bị này nữa; hãy tải lại danh sách.',
  failure_busy: 'Vừa gửi nhiều lần; hãy chờ một phút rồi thử lại.',
  failure_server: 'Máy chủ chưa làm được việc này; hãy thử lại sau.',
  reload: 'Tải lại',
} as const;

export type AdminUsersMessages = Widen<typeof adminUsersVi>;
