/**
 * Interface texts of the task pane, Vietnamese first. Texts that come from the engine
 * or the catalogue carry their own {vi, en} and are not listed here.
 */
import type { Text2 } from "../catalogue/types";
import { STATUS_TEXT, TREND_TEXT } from "../engine/status";
// Status words come from the engine, so the chart says what the status column says.

export type { Lang } from "../usecases/language";
/** Office's display language → ours: the rule every surface shares (usecases/language.ts). */
export { chooseLanguage } from "../usecases/language";
import type { Lang } from "../usecases/language";

export function otherLanguage(lang: Lang): Lang {
  return lang === "vi" ? "en" : "vi";
}

export const STRINGS = {
  "app.title": { vi: "Báo cáo Nghị quyết 24", en: "Resolution 24 report" },
  "lang.switch": { vi: "English", en: "Tiếng Việt" },
  "lang.switchLabel": { vi: "Chuyển sang tiếng Anh", en: "Switch to Vietnamese" },

  // The one vocabulary: the ribbon (manifest.xml), the pane, messages, help and guides use these words.
  "views.label": { vi: "Việc cần làm", en: "Work" },
  "views.district": { vi: "Báo cáo của huyện", en: "District report" },
  "views.province": { vi: "Tổng hợp của tỉnh", en: "Province roll-up" },

  "steps.label": { vi: "Các bước lập báo cáo", en: "Steps of the report" },
  "step.insert": { vi: "Chèn biểu mẫu", en: "Insert forms" },
  "step.insertHint": {
    vi: "Bìa, Phụ lục 1, Phụ lục 2. Bấm lại để sửa trang đã có, giữ nguyên số liệu.",
    en: "Cover, Appendix 1, Appendix 2. Press again to repair them; your figures are kept.",
  },
  "step.enter": { vi: "Nhập số liệu", en: "Enter the figures" },
  "step.gotoInput": { vi: "Đi tới ô cần nhập", en: "Go to a cell to fill" },
  "step.sample": { vi: "Điền số liệu mẫu (tập huấn)", en: "Fill in the sample (training)" },
  "step.check": { vi: "Kiểm tra & gửi", en: "Check & send" },
  "step.done": { vi: "đã xong", en: "done" },
  "step.current": { vi: "bước tiếp theo", en: "next step" },

  "check.run": { vi: "Kiểm tra báo cáo", en: "Check report" },
  "check.live": { vi: "Kiểm tra khi nhập", en: "Check as you type" },
  "check.liveNeedsNewer": { vi: "(cần Excel mới hơn)", en: "(needs a newer Excel)" },
  "check.liveUnavailable": {
    vi: "Excel này không báo khi ô thay đổi, nên không kiểm tra khi nhập được: hãy bấm “Kiểm tra báo cáo” sau khi nhập.",
    en: "This Excel does not report cell changes, so it cannot check as you type: press “Check report” after typing.",
  },
  "check.liveStarted": { vi: "Đang kiểm tra khi nhập: kết quả tự cập nhật (ô chỉ được tô màu khi bấm “Kiểm tra báo cáo”).", en: "Checking as you type: the results update by themselves (cells are marked when you press “Check report”)." },
  "check.liveStopped": { vi: "Đã tắt kiểm tra khi nhập.", en: "Checking as you type is off." },
  "check.notYet": { vi: "Chưa kiểm tra.", en: "Not checked yet." },

  "verdict.heading": { vi: "Kết quả kiểm tra", en: "Check result" },
  "verdict.ready": { vi: "Sẵn sàng gửi", en: "Ready to send" },
  "verdict.notReady": { vi: "Chưa sẵn sàng gửi", en: "Not ready to send" },
  "verdict.checkedAt": { vi: "Kiểm tra lúc {time}", en: "Checked at {time}" },
  "verdict.catalogue": { vi: "danh mục {version}", en: "catalogue {version}" },
  "verdict.live": { vi: "đang kiểm tra khi nhập", en: "checking as you type" },
  "verdict.firstError": { vi: "Đi tới lỗi đầu tiên", en: "Go to the first error" },
  "verdict.firstWarning": { vi: "Đi tới cảnh báo đầu tiên", en: "Go to the first warning" },
  "verdict.prev": { vi: "◂ Trước", en: "◂ Previous" },
  "verdict.next": { vi: "Tiếp ▸", en: "Next ▸" },
  "verdict.prevLabel": { vi: "Phát hiện trước", en: "Previous finding" },
  "verdict.nextLabel": { vi: "Phát hiện tiếp theo", en: "Next finding" },
  "verdict.position": { vi: "{n}/{total}", en: "{n} of {total}" },

  "count.error": { vi: "{n} lỗi", en: "{n} errors" },
  "count.error1": { vi: "1 lỗi", en: "1 error" },
  "count.warning": { vi: "{n} cảnh báo", en: "{n} warnings" },
  "count.warning1": { vi: "1 cảnh báo", en: "1 warning" },
  "count.info": { vi: "{n} thông tin", en: "{n} notes" },
  "count.info1": { vi: "1 thông tin", en: "1 note" },
  "count.ignored": { vi: "{n} đã bỏ qua", en: "{n} ignored" },

  "mapping.heading": { vi: "Bảng đã đọc", en: "Tables read" },
  "mapping.pl1": { vi: "Phụ lục 1", en: "Appendix 1" },
  "mapping.pl2": { vi: "Phụ lục 2", en: "Appendix 2" },
  "mapping.none": { vi: "không tìm thấy bảng", en: "table not found" },
  "mapping.missing": { vi: "chưa thấy cột: {columns}", en: "column not found: {columns}" },
  "mapping.note": { vi: "ghi chú", en: "note" },
  "mapping.target": { vi: "mục tiêu {year}", en: "{year} target" },
  "mapping.change": { vi: "Cột {letter} là", en: "Column {letter} holds" },
  "mapping.ignore": { vi: "không dùng", en: "not used" },
  "mapping.changed": { vi: "Đã đổi cột {letter} và kiểm tra lại.", en: "Column {letter} changed; checked again." },

  "findings.heading": { vi: "Phát hiện", en: "Findings" },
  "findings.none": { vi: "Không có phát hiện nào.", en: "No findings." },
  "findings.keys": {
    vi: "Mũi tên lên/xuống để đi giữa các phát hiện; Enter để chọn ô.",
    en: "Up and down arrows move between findings; Enter selects the cell.",
  },
  "findings.fix": { vi: "Cách sửa:", en: "How to fix:" },
  "findings.more": {
    vi: "… và {n} ô khác: xem trang “{sheet}”.",
    en: "… and {n} more cells: see the “{sheet}” sheet.",
  },
  "findings.workbook": { vi: "Cả sổ làm việc", en: "Whole workbook" },
  "findings.selected": { vi: "Đã chọn ô {where}.", en: "Selected cell {where}." },
  "findings.expand": { vi: "Mở", en: "Expand" },
  "severity.error": { vi: "Lỗi", en: "Errors" },
  "severity.warning": { vi: "Cảnh báo", en: "Warnings" },
  "severity.info": { vi: "Thông tin", en: "Notes" },
  "severity.error1": { vi: "Lỗi", en: "Error" },
  "severity.warning1": { vi: "Cảnh báo", en: "Warning" },
  "severity.info1": { vi: "Thông tin", en: "Note" },

  "ignore.button": { vi: "Bỏ qua", en: "Ignore" },
  "ignore.buttonLabel": { vi: "Bỏ qua cảnh báo ở {where}", en: "Ignore the warning at {where}" },
  "ignore.reason": { vi: "Lý do bỏ qua (tỉnh sẽ đọc được)", en: "Why it is ignored (the province will read this)" },
  "ignore.confirm": { vi: "Bỏ qua cảnh báo", en: "Ignore the warning" },
  "ignore.cancel": { vi: "Hủy", en: "Cancel" },
  "ignore.needReason": { vi: "Hãy ghi lý do: tỉnh cần biết vì sao cảnh báo này được bỏ qua.", en: "Write a reason: the province needs to know why this warning is ignored." },
  "ignore.heading": { vi: "Đã bỏ qua", en: "Ignored" },
  "ignore.reasonShown": { vi: "Lý do: {reason}", en: "Reason: {reason}" },
  "ignore.restore": { vi: "Khôi phục", en: "Restore" },
  "ignore.restoreLabel": { vi: "Khôi phục cảnh báo ở {where}", en: "Restore the warning at {where}" },
  "ignore.done": { vi: "Đã bỏ qua cảnh báo ở {where}; lý do được lưu trong sổ làm việc.", en: "Ignored the warning at {where}; the reason is saved in the workbook." },
  "ignore.restored": { vi: "Đã khôi phục cảnh báo ở {where}.", en: "Restored the warning at {where}." },

  "fix.button": { vi: "Sửa", en: "Fix" },
  "fix.buttonLabel": { vi: "Sửa ô {where}", en: "Fix cell {where}" },
  "fix.all": { vi: "Sửa tất cả ({n})", en: "Fix all ({n})" },
  "fix.apply": { vi: "Áp dụng", en: "Apply" },
  "fix.cancel": { vi: "Hủy", en: "Cancel" },
  "fix.preview": { vi: "Sẽ ghi:", en: "Will write:" },
  "fix.done": { vi: "Đã sửa {n} ô và kiểm tra lại.", en: "Fixed {n} cells and checked again." },

  "status.heading": { vi: "Tình trạng chỉ tiêu", en: "Indicator status" },
  "status.pl1": { vi: "Phụ lục 1 – so với mục tiêu", en: "Appendix 1 – against the targets" },
  "status.pl2": { vi: "Phụ lục 2 – xu hướng {baseline} → {result}", en: "Appendix 2 – trend {baseline} → {result}" },
  "status.achieved": STATUS_TEXT.achieved,
  "status.exceeded": STATUS_TEXT.exceeded,
  "status.notAchieved": STATUS_TEXT.notAchieved,
  "status.noData": STATUS_TEXT.noData,
  "status.notApplicable": STATUS_TEXT.notApplicable,
  "status.noTarget": STATUS_TEXT.noTarget,
  "status.noTargetNote": { vi: "{n} chỉ tiêu không đặt mục tiêu (không tính ở đây).", en: "{n} indicators set no target (not counted here)." },
  "status.notMetHeading": { vi: "Chưa đạt mục tiêu ({n})", en: "Targets not met ({n})" },
  "status.notMetNone": { vi: "Không có mục tiêu nào chưa đạt.", en: "No target is unmet." },
  "status.target": { vi: "mục tiêu {target}", en: "target {target}" },
  "trend.better": TREND_TEXT.better,
  "trend.worse": TREND_TEXT.worse,
  "trend.unchanged": TREND_TEXT.unchanged,
  "trend.unknownNote": { vi: "Chưa đủ số liệu để so sánh: {n} chỉ tiêu", en: "Not enough data to compare: {n} indicators" },
  "trend.increased": TREND_TEXT.increased,
  "trend.decreased": TREND_TEXT.decreased,
  "status.chartLabel": { vi: "{title}: {parts}", en: "{title}: {parts}" },

  "report.heading": { vi: "Đối chiếu văn bản báo cáo", en: "Check the written report" },
  "report.intro": {
    vi: "Số liệu trong văn bản báo cáo được so với các phụ lục. Dán văn bản, hoặc chọn tệp .docx hay .txt.",
    en: "The figures of the written report are compared with the appendices. Paste the text, or pick a .docx or .txt file.",
  },
  "report.paste": { vi: "Văn bản báo cáo", en: "Report text" },
  "report.run": { vi: "Đối chiếu", en: "Compare" },
  "report.file": { vi: "Hoặc chọn tệp báo cáo (.docx, .txt)", en: "Or pick the report file (.docx, .txt)" },
  "report.empty": { vi: "Hãy dán văn bản báo cáo hoặc chọn tệp.", en: "Paste the report text or pick a file." },
  "report.noDocx": {
    vi: "Excel này không đọc được tệp .docx. Hãy mở báo cáo trong Word, chọn toàn bộ (Ctrl+A), sao chép và dán văn bản vào ô bên trên.",
    en: "This Excel cannot read .docx files. Open the report in Word, select all (Ctrl+A), copy, and paste the text into the box above.",
  },
  "report.summary": {
    vi: "{source}: {figures} số liệu — khớp {agrees}, không khớp {mismatch}, phụ lục để trống {missing}, cần xem lại {review}, không gắn với chỉ tiêu {unattached}.",
    en: "{source}: {figures} figures — agree {agrees}, differ {mismatch}, empty in the appendix {missing}, to review {review}, not linked to an indicator {unattached}.",
  },
  "report.pasted": { vi: "Văn bản đã dán", en: "Pasted text" },
  "report.findings": { vi: "Khác với phụ lục ({n})", en: "Differs from the appendix ({n})" },
  "report.review": { vi: "Cần xem lại — chưa chắc nói về chỉ tiêu này ({n})", en: "To review — may not be about this indicator ({n})" },
  "report.paragraph": { vi: "đoạn {n}", en: "paragraph {n}" },
  "report.done": { vi: "Đã đối chiếu văn bản báo cáo.", en: "The written report was compared." },

  "send.button": { vi: "Gửi tỉnh", en: "Send to the province" },
  "send.hint": {
    vi: "Lưu thành tệp mới để gửi qua thư điện tử; kèm mã SHA-256 để tỉnh đối chiếu tệp nhận được.",
    en: "Saves a new file to send by email, with its SHA-256 code so the province can match the file it receives.",
  },
  "send.keepMarks": { vi: "Giữ đánh dấu trong tệp gửi", en: "Keep the marks in the file" },
  "send.notReady": { vi: "Báo cáo chưa sẵn sàng gửi: hãy bấm “Kiểm tra báo cáo” và sửa các lỗi trước.", en: "The report is not ready to send: press “Check report” and fix the errors first." },
  "send.done": { vi: "Đã tạo tệp {file}. Mã SHA-256: {sha}", en: "File {file} created. SHA-256: {sha}" },
  "send.lost": { vi: "Đã tạo tệp {file} (mã SHA-256: {sha}), nhưng bản sao không mang theo: {parts}. Nếu tỉnh cần, hãy gửi kèm sổ làm việc gốc.", en: "File {file} created (SHA-256: {sha}), but the copy does not carry: {parts}. If the province needs them, send the original workbook too." },
  "marks.clear": { vi: "Xóa đánh dấu", en: "Clear marks" },
  "marks.clearHint": {
    vi: "Trả lại màu ô, bỏ ghi chú và chữ ở cột tình trạng do NQ24 thêm, xóa kết quả cũ trên trang “Kết quả kiểm tra”. Số liệu bạn nhập được giữ nguyên.",
    en: "Puts back the cells' colours, removes the notes and status texts NQ24 added, and empties the old results on the “Kết quả kiểm tra” sheet. Your figures are kept.",
  },
  "marks.cleared": { vi: "Đã xóa các đánh dấu.", en: "The marks were cleared." },

  "settings.heading": { vi: "Danh mục chỉ tiêu", en: "Indicator catalogue" },
  "catalogue.version": { vi: "Phiên bản {version}", en: "Version {version}" },
  "catalogue.counts": {
    vi: "Phụ lục 1: {pl1} mục tiêu · Phụ lục 2: {pl2} chỉ tiêu",
    en: "Appendix 1: {pl1} targets · Appendix 2: {pl2} indicators",
  },
  "catalogue.loadFile": { vi: "Mở danh mục của tỉnh từ tệp", en: "Load a province catalogue from a file" },
  "catalogue.urlLabel": { vi: "Địa chỉ (URL) danh mục của tỉnh", en: "Province catalogue address (URL)" },
  "catalogue.loadUrl": { vi: "Tải về", en: "Load" },
  "catalogue.useNational": { vi: "Dùng danh mục quốc gia", en: "Use the national catalogue" },
  "catalogue.loaded": { vi: "Đã nạp danh mục “{title}” phiên bản {version}.", en: "Loaded catalogue “{title}” version {version}." },
  "catalogue.invalid": {
    vi: "Danh mục “{source}” không hợp lệ ({n} lỗi). Vẫn dùng danh mục đang có.",
    en: "Catalogue “{source}” is not valid ({n} errors). The current catalogue is still in use.",
  },
  "catalogue.errorsHeading": { vi: "Lỗi trong danh mục", en: "Errors in the catalogue" },
  "catalogue.fetchFailed": { vi: "Không tải được danh mục từ {url}: {reason}", en: "Could not load the catalogue from {url}: {reason}" },
  "catalogue.timeout": { vi: "hết thời gian chờ ({s} giây)", en: "timed out ({s} s)" },
  "catalogue.httpStatus": { vi: "máy chủ trả lời {status}", en: "the server answered {status}" },
  "catalogue.readFailed": { vi: "Không đọc được tệp {name}.", en: "Could not read the file {name}." },
  "catalogue.tooLarge": {
    vi: "Tệp {name} lớn hơn {mb} MB, không phải danh mục chỉ tiêu.",
    en: "The file {name} is larger than {mb} MB: not an indicator catalogue.",
  },
  "catalogue.badUrl": { vi: "Địa chỉ phải bắt đầu bằng https://", en: "The address must start with https://" },

  "sheets.inserted": { vi: "Đã chèn các trang: {sheets}.", en: "Inserted sheets: {sheets}." },
  "sheets.repaired": { vi: "Đã sửa các trang: {sheets} (số liệu đã nhập được giữ nguyên).", en: "Repaired sheets: {sheets} (the figures you typed are kept)." },
  "sheets.renamed": {
    vi: "Trang “{from}” đã có và không phải của NQ24, nên trang mới tên là “{to}”.",
    en: "“{from}” already existed and is not NQ24's, so the new sheet is “{to}”.",
  },
  "sheets.kept": { vi: "Giữ nguyên các trang đã có: {sheets}.", en: "Kept the existing sheets: {sheets}." },
  "sheets.nothing": { vi: "Không có trang nào cần chèn.", en: "No sheet needed inserting." },
  "sheets.filled": { vi: "Đã điền số liệu mẫu Lai Châu.", en: "Filled in the Lai Châu sample." },
  "sheets.filledCells": { vi: "Đã điền số liệu mẫu Lai Châu ({n} ô).", en: "Filled in the Lai Châu sample ({n} cells)." },
  "sheets.unavailable": { vi: "Excel này không làm được: {what}.", en: "This Excel could not: {what}." },
  "input.noSheet": {
    vi: "Chưa có trang “{sheet}”: bấm “Chèn biểu mẫu” trước.",
    en: "There is no “{sheet}” sheet yet: press “Insert forms” first.",
  },

  "province.intro": {
    vi: "Chọn các tệp báo cáo của huyện (.xlsx, .xlsm, .xls, .ods). Mỗi tệp được kiểm tra, rồi bảng tổng hợp được ghi vào sổ làm việc đang mở.",
    en: "Pick the districts' report files (.xlsx, .xlsm, .xls, .ods). Each is checked, then the roll-up is written into the open workbook.",
  },
  "province.emptyFirst": {
    vi: "Hãy mở một sổ làm việc trống (Tệp › Mới) rồi tổng hợp ở đó.",
    en: "Open an empty workbook first (File › New) and consolidate there.",
  },
  "province.pick": { vi: "Chọn tệp của các huyện", en: "Pick the district files" },
  "province.notHere": {
    vi: "Sổ làm việc đang mở là một báo cáo (có trang {sheets}): bảng tổng hợp không được ghi vào đây. Hãy mở một sổ làm việc trống (Tệp › Mới) rồi tổng hợp ở đó.",
    en: "The open workbook is a report (it has {sheets}): the roll-up is not written into it. Open an empty workbook (File › New) and consolidate there.",
  },
  "province.none": { vi: "Chưa chọn tệp nào.", en: "No files picked." },
  "province.done": {
    vi: "Đã tổng hợp {n} báo cáo: {ready} sẵn sàng gửi, {notReady} chưa sẵn sàng.",
    en: "Consolidated {n} reports: {ready} ready to send, {notReady} not ready.",
  },
  "province.noneRead": { vi: "Không đọc được tệp nào, nên không ghi bảng tổng hợp.", en: "No file could be read, so no roll-up was written." },
  "province.refused": { vi: "Không đọc được {n} tệp:", en: "{n} files could not be read:" },
  "province.duplicates": { vi: "{n} báo cáo trùng (không tính vào số liệu).", en: "{n} duplicate reports (left out of the figures)." },
  "province.notReadyList": { vi: "Chưa sẵn sàng:", en: "Not ready:" },
  "province.ignored": {
    vi: "{n} cảnh báo các huyện đã bỏ qua, có lý do: xem trang “{sheet}”.",
    en: "{n} warnings the districts ignored, with reasons: see the “{sheet}” sheet.",
  },
  "province.outliers": { vi: "{n} số liệu bất thường: xem trang “{sheet}”.", en: "{n} outliers: see the “{sheet}” sheet." },
  "province.needsModern": {
    vi: "Excel này không tổng hợp được trong ngăn tác vụ. Hãy dùng lệnh nq24 consolidate, hoặc Excel mới hơn.",
    en: "This Excel cannot consolidate in the pane. Use the nq24 consolidate command, or a newer Excel.",
  },

  "caps.heading": { vi: "Excel này là phiên bản cũ", en: "This is an older Excel" },
  "caps.intro": {
    vi: "Chèn biểu mẫu, kiểm tra và xem tình trạng vẫn làm được. Không có:",
    en: "Inserting forms, checking and status still work. Missing:",
  },
  "caps.show": { vi: "Xem chi tiết", en: "Details" },
  "caps.noExcel": {
    vi: "Không chạy trong Excel: các nút thao tác với sổ làm việc không dùng được.",
    en: "Not running in Excel: the workbook buttons do not work here.",
  },
  "caps.protection": { vi: "khóa ô tên chỉ tiêu, gộp ô, độ rộng cột", en: "locking label cells, merged cells, column widths" },
  "caps.conditionalFormats": { vi: "tô màu tự động cột tình trạng", en: "automatic colours in the status column" },
  "caps.hyperlinks": { vi: "liên kết tới ô trên trang kết quả", en: "links to cells on the results sheet" },
  "caps.events": { vi: "kiểm tra khi nhập", en: "checking as you type" },
  "caps.freezePanes": { vi: "cố định dòng tiêu đề", en: "frozen header rows" },
  "caps.dataValidation": { vi: "danh sách chọn trong ô", en: "drop-down lists in cells" },
  "caps.pageLayout": { vi: "thiết lập trang in", en: "print setup" },
  "caps.notes": { vi: "ghi chú giải thích trong ô được đánh dấu (xem trang kết quả)", en: "explanatory notes in marked cells (see the results sheet)" },
  "caps.mergedAreas": { vi: "đọc ô gộp khi nhận bảng", en: "reading merged cells when recognising tables" },

  "progress.label": { vi: "Đang xử lý", en: "Working" },
  "progress.insert": { vi: "Đang chèn biểu mẫu…", en: "Inserting the forms…" },
  "progress.fill": { vi: "Đang điền số liệu mẫu…", en: "Filling in the sample…" },
  "progress.check": { vi: "Đang kiểm tra…", en: "Checking…" },
  "progress.clear": { vi: "Đang xóa đánh dấu…", en: "Clearing marks…" },
  "progress.send": { vi: "Đang chuẩn bị tệp gửi tỉnh…", en: "Preparing the file for the province…" },
  "progress.catalogue": { vi: "Đang nạp danh mục…", en: "Loading the catalogue…" },
  "progress.consolidate": { vi: "Đang tổng hợp…", en: "Consolidating…" },
  "progress.select": { vi: "Đang chọn ô…", en: "Selecting the cell…" },
  "progress.ignore": { vi: "Đang lưu và kiểm tra lại…", en: "Saving and checking again…" },
  "progress.report": { vi: "Đang đối chiếu văn bản…", en: "Comparing the text…" },
  "progress.fix": { vi: "Đang sửa…", en: "Fixing…" },

  "message.dismiss": { vi: "Đóng thông báo", en: "Dismiss the message" },
  "error.unexpected": {
    vi: "Không làm được việc này do một lỗi ngoài dự kiến. Hãy thử lại; nếu vẫn lỗi, hãy báo bộ phận hỗ trợ.",
    en: "This could not be done because of an unexpected error. Try again; if it persists, tell your support staff.",
  },
  "error.busy": { vi: "Đang bận, vui lòng chờ.", en: "Busy, please wait." },
} satisfies Record<string, Text2>;

export type StringKey = keyof typeof STRINGS;

export function hasKey(key: string): key is StringKey {
  return Object.prototype.hasOwnProperty.call(STRINGS, key);
}

/** Fills {name} slots in a text; values are plain text and stay text when rendered. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function t(lang: Lang, key: StringKey, params?: Record<string, string | number>): string {
  return format(STRINGS[key][lang], params);
}

/** Picks one language of a bilingual text from the engine or catalogue. */
export function pick(text: Text2 | null | undefined, lang: Lang): string {
  if (!text) return "";
  return text[lang] || text.vi || text.en || "";
}

/** A message held in both languages, so the pane can re-render it on a language switch. */
export function text2(key: StringKey, params?: Record<string, string | number>): Text2 {
  return { vi: t("vi", key, params), en: t("en", key, params) };
}

/**
 * Re-labels the static page: `data-i18n` sets the text; `data-i18n-<attr>` (title,
 * aria-label, placeholder, alt) sets that attribute. Unknown keys are left as the HTML has them.
 */
export function applyI18n(root: ParentNode, lang: Lang): string[] {
  const missing: string[] = [];
  const nodes = root.querySelectorAll("[data-i18n]");
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const key = node.getAttribute("data-i18n") || "";
    if (hasKey(key)) node.textContent = t(lang, key);
    else missing.push(key);
  }
  const attrs = ["title", "aria-label", "placeholder", "alt"];
  for (const attr of attrs) {
    const withAttr = root.querySelectorAll("[data-i18n-" + attr + "]");
    for (let i = 0; i < withAttr.length; i++) {
      const node = withAttr[i];
      const key = node.getAttribute("data-i18n-" + attr) || "";
      if (hasKey(key)) node.setAttribute(attr, t(lang, key));
      else missing.push(key);
    }
  }
  return missing;
}
