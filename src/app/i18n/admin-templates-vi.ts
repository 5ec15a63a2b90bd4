import type { Widen } from './vi';

// The administrator's checklist templates (features/admin-templates). Kept in their own file and
// joined with the screen's chunk (admin-templates.ts).
export const adminTemplatesVi = {
  title: 'Mẫu phiếu đánh giá',
  explain:
    'Nhập mẫu phiếu từ tệp .json. Mẫu đã nhập không bao giờ bị sửa: nhập lại một mẫu đã có sẽ tạo phiên bản mới, các đợt đánh giá đang dùng phiên bản cũ vẫn giữ nguyên.',
  pickFile: 'Chọn tệp mẫu phiếu (.json)',
  chooseFile: 'Chọn tệp…',
  checking: 'Đang kiểm tra tệp…',
  importing: 'Đang nhập…',
  import: 'Nhập thành phiên bản {{version}}',
  fileName: 'Tệp: {{name}}',
  notJson:
    'Tệp này không phải JSON hợp lệ. Hãy mở tệp bằng trình soạn thảo, sửa lỗi cú pháp (thường là thiếu dấu phẩy, dấu ngoặc hoặc dấu ngoặc kép) rồi chọn lại.',
  notJsonAt:
    'Tệp này không phải JSON hợp lệ: lỗi cú pháp ở dòng {{line}}, cột {{column}}. Hãy mở tệp bằng trình soạn thảo, sửa chỗ đó (thường là thiếu dấu phẩy, dấu ngoặc hoặc dấu ngoặc kép) rồi chọn lại.',
  tooLarge:
    'Tệp quá lớn ({{size}}; tối đa {{max}}). Mẫu phiếu thường chỉ vài chục KB: hãy kiểm tra xem có chọn nhầm tệp không.',
  unreadable: 'Không đọc được tệp này. Hãy chọn lại tệp.',
  problemsTitle_one: 'Tệp có {{count}} lỗi cần sửa trước khi nhập:',
  problemsTitle_other: 'Tệp có {{count}} lỗi cần sửa trước khi nhập:',
  problemsFix: 'Sửa các lỗi này trong tệp rồi chọn lại tệp.',
  pathLabel: 'Vị trí trong tệp:',
  valid: 'Tệp hợp lệ: {{pillars}} trụ cột, {{indicators}} chỉ tiêu, tổng {{max}} điểm.',
  wouldBeNew: 'Sẽ được lưu thành phiên bản {{version}} của mẫu “{{id}}”.',
  renumberNote: 'Tệp ghi phiên bản {{requested}}; máy chủ sẽ đánh số {{version}}.',
  unchanged:
    'Nội dung tệp giống hệt phiên bản {{version}} đã có nên không cần nhập. Nếu muốn phiên bản mới, hãy sửa nội dung rồi chọn lại.',
  imported:
    'Đã nhập thành phiên bản {{version}} của mẫu “{{id}}”. Điện thoại sẽ nhận được ở lần đồng bộ tới.',
  importedRenumbered:
    'Đã nhập thành phiên bản {{version}} của mẫu “{{id}}” (tệp ghi phiên bản {{requested}}, đã đánh số lại vì mẫu đã có phiên bản trước). Điện thoại sẽ nhận được ở lần đồng bộ tới.',
  versionsTitle: 'Các phiên bản',
  versionsEmpty: 'Chưa có mẫu phiếu nào.',
  loading: 'Đang tải danh sách mẫu phiếu…',
  version: 'Phiên bản {{version}}',
  counts: '{{pillars}} trụ cột · {{indicators}} chỉ tiêu · {{max}} điểm',
  importedAt: 'Nhập lúc {{when}} bởi {{who}}',
  shippedAt: 'Có sẵn khi cài đặt ({{when}})',
  usedBy: 'Đợt đánh giá dùng: {{campaigns}}',
  usedByNone: 'Chưa có đợt đánh giá nào dùng phiên bản này.',
  campaignStatus_draft: 'nháp',
  campaignStatus_open: 'đang mở',
  campaignStatus_closed: 'đã đóng',
  preview: 'Xem trước',
  previewTitle: 'Xem trước: {{title}}, phiên bản {{version}}',
  previewExplain:
    'Phiếu hiển thị đúng như cán bộ xã sẽ thấy, nhưng chỉ để xem: không điền và không lưu gì.',
  previewClose: 'Đóng xem trước',
  previewLoading: 'Đang tải phiên bản…',
  failure_offline:
    'Không kết nối được máy chủ. Việc quản lý mẫu phiếu cần có mạng; hãy thử lại khi có mạng.',
  failure_signedOut: 'Phiên đăng nhập đã hết; hãy đăng nhập lại rồi thử lại.',
  failure_notAllowed: 'Tài khoản của bạn không được quản lý mẫu phiếu của toàn tỉnh.',
  failure_tooLarge: 'Tệp quá lớn để máy chủ nhận. Hãy kiểm tra xem có chọn nhầm tệp không.',
  failure_notJson: 'Máy chủ không đọc được tệp như JSON. Hãy kiểm tra cú pháp tệp rồi chọn lại.',
  failure_busy: 'Vừa gửi quá nhiều lần; hãy chờ một phút rồi thử lại.',
  failure_notFound: 'Không còn phiên bản này trên máy chủ; hãy tải lại trang.',
  failure_server: 'Máy chủ chưa xử lý được; hãy thử lại sau.',
  // Where a problem is, in words: "Trụ cột 3 (Hạ tầng số), chỉ tiêu 2 (mã 3.2)".
  placeTemplate: 'Mẫu phiếu',
  placePillar: 'Trụ cột {{n}}',
  placePillarNamed: 'Trụ cột {{n}} ({{name}})',
  placeIndicator: 'chỉ tiêu {{n}}',
  placeIndicatorNamed: 'chỉ tiêu {{n}} (mã {{id}})',
  placeOption: 'lựa chọn {{n}}',
  placeOptionNamed: 'lựa chọn {{n}} (“{{value}}”)',
  placeTier: 'mức {{n}}',
  // What the file holds at a place.
  value_missing: 'không có gì',
  value_null: 'để trống (null)',
  value_list: 'một danh sách',
  value_object: 'một nhóm trường',
  value_text: 'chữ “{{text}}”',
  value_number: 'số {{number}}',
  value_boolean: 'giá trị đúng/sai {{value}}',
  expected_string: 'chữ (văn bản)',
  expected_number: 'một số',
  expected_int: 'một số nguyên',
  expected_boolean: 'true hoặc false',
  expected_array: 'một danh sách [ ]',
  expected_object: 'một nhóm trường { }',
  expected_other: 'một trong các dạng cho phép',
  // One sentence per TemplateProblemCode (every one must exist; a unit test checks).
  problem_required: 'thiếu trường “{{field}}”; hãy thêm trường này.',
  problem_wrong_type: 'trường “{{field}}” phải là {{expected}} nhưng đang là {{actual}}.',
  problem_unknown_field:
    'trường “{{field}}” không có trong định dạng mẫu phiếu; hãy kiểm tra chính tả hoặc xóa trường này.',
  problem_not_one_of: 'trường “{{field}}” phải là một trong {{allowed}} nhưng đang là {{actual}}.',
  problem_too_small: 'trường “{{field}}” phải từ {{minimum}} trở lên nhưng đang là {{actual}}.',
  problem_too_big: 'trường “{{field}}” phải không quá {{maximum}} nhưng đang là {{actual}}.',
  problem_empty: 'trường “{{field}}” không được để trống.',
  problem_wrong_format: 'trường “{{field}}” không đúng định dạng.',
  problem_duplicate_id:
    'mã “{{id}}” bị dùng hai lần (lần đầu ở {{first}}); mỗi mục cần một mã riêng vì câu trả lời được lưu theo mã.',
  problem_points_mismatch:
    'trụ cột ghi {{declared}} điểm nhưng các chỉ tiêu cộng lại được {{sum}} điểm; hãy sửa “maxPoints” của trụ cột bằng tổng điểm các chỉ tiêu.',
  problem_max_score_mismatch:
    'tổng điểm mẫu phiếu (“maxScore”) ghi {{declared}} nhưng các trụ cột cộng lại được {{sum}}; hãy sửa cho bằng nhau.',
  problem_tier_exceeds_max:
    'mức {{tier}} cho {{points}} điểm, nhiều hơn điểm tối đa {{maxPoints}} của chỉ tiêu.',
  problem_tiers_not_descending:
    'mức {{tier}} có “{{tierField}}” là {{actual}}, không nhỏ hơn {{previous}} của mức trước; hãy xếp các mức từ cao xuống thấp.',
  problem_no_tier_scores_max:
    'không mức nào cho đủ {{maxPoints}} điểm (cao nhất {{best}}), nên không xã nào đạt điểm tối đa.',
  problem_option_exceeds_max:
    'lựa chọn {{option}} cho {{points}} điểm, nhiều hơn điểm tối đa {{maxPoints}} của chỉ tiêu.',
  problem_duplicate_option:
    'giá trị lựa chọn “{{value}}” bị dùng hai lần; mỗi lựa chọn cần một giá trị riêng.',
  problem_no_option_scores_max:
    'không lựa chọn nào cho đủ {{maxPoints}} điểm (cao nhất {{best}}), nên không xã nào đạt điểm tối đa.',
  problem_none_rule_has_points:
    'chỉ tiêu chỉ để thu thập thông tin (quy tắc chấm “none”) nên “maxPoints” phải là 0, nhưng đang là {{maxPoints}}.',
} as const;

export type AdminTemplatesMessages = Widen<typeof adminTemplatesVi>;
