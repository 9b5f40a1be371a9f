// Vietnamese messages of report plausibility, combined counts, filing periods and data quality.

export const viFigures = {
  "metric.resolvedEarlyOrOnTime": "Giải quyết đúng và trước hạn",
  "error.balanceNeedsCarriedOver":
    "Số đã giải quyết ({resolved}) lớn hơn số tiếp nhận ({received}): hãy nhập số tồn kỳ trước (hồ sơ chuyển từ kỳ trước sang).",
  "error.combinedMismatch":
    "Số giải quyết đúng và trước hạn ({combined}) phải bằng trước hạn + đúng hạn ({sum}); nếu đã nhập tách riêng thì để trống ô này.",
  "error.partsExceedWhole": "{partsLabel} ({partValue}) không được lớn hơn {wholeLabel} ({wholeValue}).",
  "metric.receivedChannels": "Tiếp nhận trực tuyến + qua bưu chính",
  "error.filingPeriod":
    "Kỳ báo cáo không hợp lệ: {value}. Báo cáo theo tháng (ví dụ 2026-M07) hoặc quý (ví dụ 2026-Q3).",
  "error.import.allBlank": "Tệp không có dòng nào có số liệu ({blank} dòng để trống).",
  "import.blankRows": "{blank} dòng để trống đã được bỏ qua.",
  "error.quality.unknownFlag": "Không có cờ {value} ở kỳ này.",
  "error.explain.noScores": "Chưa có điểm của {unitId} cho cả kỳ {period} và kỳ {previous} để so sánh.",
  "error.tooLong": "Dài quá: tối đa {max} ký tự.",
  "error.tooDeep": "Nội dung lồng nhau quá sâu (tối đa {max} cấp).",
  "error.bodyTooLarge": "Nội dung gửi lên quá lớn (tối đa {max}). Tệp lớn hãy tải lên ở trang Tải lên.",
  "error.appraisal.evidence": "Minh chứng là danh sách tối đa 20 mục, mỗi mục tối đa 300 ký tự.",
  "error.periodNotEnded": "Kỳ {period} chưa kết thúc: có thể nộp báo cáo từ ngày {opensDate} (giờ Việt Nam).",
} as const;
