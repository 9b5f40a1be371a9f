// The CLI's own text (usage, help, progress), in Vietnamese: registered by shared/i18n/cli.ts, which only
// the CLI imports, so the Lambda bundles do not carry it.

export const viCli = {
  "cli.usage":
    "Cách dùng: npm run -s cli -- <lệnh> [tùy chọn]\n\nCác lệnh:\n  rank    Xếp hạng các đơn vị theo chỉ số (tệp unit,index[,cohort])\n  score   Chấm điểm theo một phương pháp (tệp unit,criterion,value)\n  sipas   Tổng hợp chỉ số hài lòng SIPAS từ phiếu khảo sát\n  import  Nhập tệp báo cáo, đơn vị, SIPAS hoặc cam kết (tất cả hoặc không gì cả)\n  seed    Ghi tỉnh mẫu vào một bảng đã triển khai trên AWS\n  rebuild Tính lại mọi bảng xếp hạng, ma trận cam kết, tình hình nộp báo cáo từ dữ liệu gốc\n\nThêm --help sau tên lệnh để xem chi tiết. --lang en để dùng tiếng Anh.",
  "cli.rank.help":
    "Cách dùng: npm run -s cli -- rank --input TỆP.csv [--bands MÃ] [--format csv|json] [--output TỆP]\n\nĐầu vào: các cột unit,index (tùy chọn cohort). Xếp hạng trong từng nhóm (cohort), chỉ số giảm dần, đồng hạng khi bằng nhau (1, 2, 2, 4).\nĐầu ra: rank,unit,index,band (thêm cohort nếu có).\n--bands  par-national (A ≥ 90, B 80–<90, C < 80; mặc định) hoặc mã một phương pháp có sẵn: {methodologies}.",
  "cli.score.help":
    "Cách dùng: npm run -s cli -- score --methodology MÃ|TỆP.json --input TỆP.csv [--format csv|json] [--output TỆP]\n\nĐầu vào dạng dài: unit,criterion,value. criterion là mã tiêu chí lá (hoặc mã điểm trừ); value là tỷ lệ % với tiêu chí tính theo công thức, chỉ số % với tiêu chí khảo sát, điểm thẩm định với tiêu chí chấm tay, số điểm bị trừ với điểm trừ.\nĐầu ra cho từng đơn vị: điểm từng lĩnh vực, tổng, chỉ số, hạng, xếp loại, số đầu vào còn thiếu.\nPhương pháp có sẵn: {methodologies}.",
  "cli.sipas.help":
    "Cách dùng: npm run -s cli -- sipas --input TỆP.csv [--methodology MÃ|TỆP.json] [--format csv|json] [--output TỆP]\n\nĐầu vào: respondent,unit,element,criterion,answer (answer 1–5, để trống = không trả lời; tùy chọn needs: các mã cách nhau bởi ;).\nĐầu ra cho từng đơn vị: số người trả lời, số câu trả lời hợp lệ, chỉ số từng yếu tố, SIPAS, cỡ mẫu tối thiểu (N chưa biết nên dùng giới hạn 1/e²) và cảnh báo mẫu nhỏ.\nTệp được đọc theo luồng: hàng triệu dòng không cần nhiều bộ nhớ.",
  "cli.import.help":
    "Cách dùng: npm run -s cli -- import --kind reports|units|sipas|commitments TỆP [--period KỲ] [--server URL | --table BẢNG --bucket BUCKET] [--user TÊN]\n\nNhập một tệp CSV hoặc Excel (.xlsx; SIPAS chỉ CSV) — tất cả hoặc không gì cả.\nKhông có --server: ghi thẳng vào thư mục dữ liệu DATA_DIR (mặc định .data/) khi máy chủ không chạy.\nCó --server: tải lên máy chủ đang chạy (ví dụ http://127.0.0.1:3000) như trang Tải lên.\nCó --table và --bucket: ghi vào bản triển khai trên AWS (bảng DynamoDB và bucket tải lên, xem đầu ra của cdk deploy) bằng thông tin đăng nhập AWS của bạn.\n--period: kỳ khảo sát của tệp SIPAS (ví dụ 2025).\nMã thoát 0 khi cả tệp được nhận, 2 khi bị từ chối (in từng lỗi theo dòng).",
  "cli.import.reading": "Đang đọc {file}…",
  "cli.seed.help":
    "Cách dùng: npm run -s cli -- seed --table BẢNG --bucket BUCKET\n\nGhi tỉnh mẫu (như npm start tạo khi chạy lần đầu) vào bảng DynamoDB của một bản triển khai, bằng thông tin đăng nhập AWS của bạn (AWS_PROFILE, AWS_REGION). Chỉ ghi vào bảng chưa có đơn vị nào.",
  "cli.seed.writing": "Đang ghi tỉnh mẫu…",
  "cli.rebuild.help":
    "Cách dùng: npm run -s cli -- rebuild [--table BẢNG --bucket BUCKET]\n\nTính lại từ dữ liệu gốc (báo cáo, điểm, cam kết, lịch nộp) mọi bảng đã tính sẵn mà trang xếp hạng, ma trận cam kết và tình hình nộp báo cáo đọc. Dữ liệu gốc chỉ được đọc, không bị sửa.\nKhông có --table: thư mục dữ liệu DATA_DIR (mặc định .data/) khi máy chủ không chạy. Có --table và --bucket: bản triển khai trên AWS.",
  "cli.rebuild.progress": "Đã tính lại {done}/{total} bảng…",
  "cli.rebuild.dropped": "Bỏ bảng {id}: không tính lại được ({message}).",
  "cli.rebuild.done": "Đã tính lại {refreshed} bảng từ dữ liệu gốc, bỏ {dropped} bảng ({seconds} giây).",
  "cli.seed.done":
    "Đã ghi tỉnh mẫu: {units} đơn vị, {reportVersions} phiên bản báo cáo, {appraisals} lượt thẩm định, {surveyAnswers} câu trả lời khảo sát, {scorecards} phiếu điểm, {commitments} cam kết ({seconds} giây).",
  "cli.seed.notEmpty": "Bảng đã có {units} đơn vị: không ghi tỉnh mẫu đè lên dữ liệu đang có.",
  "cli.import.applying": "Ghi dữ liệu",
  "cli.import.applied": "Đã nhập {rows} dòng từ {file} (lượt nhập {importId}) trong {seconds} giây.",
  "cli.import.duplicate": "Tệp này đã được nhập trước đó (lượt nhập {importId}); không ghi gì thêm.",
  "cli.import.failed": "Lượt nhập {importId} dừng ở trạng thái {status}.",
  "cli.import.locked":
    "Thư mục dữ liệu {dataDir} đang được máy chủ ParWatch sử dụng. Dùng --server {url} để nhập qua máy chủ.",
  "cli.import.recovered":
    "Đã hoàn tất {applied} lượt nhập bị gián đoạn; {failed} lượt chưa chốt được đánh dấu thất bại.",
  "cli.import.serverMessage": "{message}",
  "cli.error.unknownCommand": "Lệnh không xác định: {command}.",
  "cli.error.option": "Tùy chọn không hợp lệ: {detail}",
  "cli.error.required": "Thiếu tùy chọn --{option}.",
  "cli.error.format": "--format phải là csv hoặc json.",
  "cli.error.file": "Không đọc được tệp {file}: {detail}",
  "cli.error.columns": "Tệp thiếu cột: {columns}. Cần các cột: {expected}.",
  "cli.error.row": "Dòng {row}, cột {column} ({value}): {message}",
  "cli.error.moreRows": "… và {count} lỗi khác.",
  "cli.error.rejected": "Tệp bị từ chối: {count} lỗi. Không có kết quả nào được ghi.",
  "cli.error.bands": "Không có bộ xếp loại {value}. Dùng par-national hoặc: {known}.",
  "cli.error.methodology":
    "Không có phương pháp {value}: không phải mã có sẵn ({known}) và không đọc được thành tệp JSON.",
  "cli.error.methodologyInvalid": "Phương pháp trong {file} không hợp lệ:",
  "cli.error.methodologyKind": "Phương pháp {id} không dùng được cho lệnh này (cần loại {kind}).",
  "cli.error.number": "phải là một số",
  "cli.error.indexRange": "phải từ 0 đến 100",
  "cli.error.duplicateUnit": "đơn vị đã xuất hiện ở dòng {first}",
  "cli.error.unknownCriterion": "không có trong phương pháp {methodology}",
  "cli.error.pointsRange": "phải từ 0 đến {max}",
  "cli.error.duplicateCriterion": "tiêu chí này của đơn vị đã có ở dòng {first}",
  "cli.error.requiredCell": "bắt buộc",
  "cli.progress": "Đã đọc {rows} dòng…",
  "cli.sipas.summary": "{units} đơn vị, {rows} dòng, {seconds} giây.",
  "cli.sipas.warnSample": "Cảnh báo: {count} đơn vị có số người trả lời ít hơn cỡ mẫu tối thiểu.",
} as const;
