/**
 * Interface texts of the task pane, Vietnamese first. Texts that come from the engine
 * or the catalogue carry their own {vi, en} and are not listed here.
 */
import type { Text2 } from "../catalogue/types";
import { STATUS_TEXT, TREND_TEXT } from "../engine/status";
// Status words come from the engine, so the chart says what the status column says.

export type Lang = "vi" | "en";

/** Office's display language → ours: the rule every surface shares (usecases/language.ts). */
export { chooseLanguage } from "../usecases/language";

export function otherLanguage(lang: Lang): Lang {
  return lang === "vi" ? "en" : "vi";
}

export const STRINGS = {
  "app.title": { vi: "Báo cáo Nghị quyết 24", en: "Resolution 24 report" },
  "app.subtitle": {
    vi: "Tổng kết Nghị quyết 24-NQ/TW và Kết luận 56-KL/TW",
    en: "Review of Resolution 24-NQ/TW and Conclusion 56-KL/TW",
  },
  "lang.switch": { vi: "English", en: "Tiếng Việt" },
  "lang.switchLabel": { vi: "Chuyển sang tiếng Anh", en: "Switch to Vietnamese" },

  "catalogue.heading": { vi: "Danh mục chỉ tiêu", en: "Indicator catalogue" },
  "catalogue.version": { vi: "Phiên bản {version}", en: "Version {version}" },
  "catalogue.counts": {
    vi: "Phụ lục 1: {pl1} mục tiêu · Phụ lục 2: {pl2} chỉ tiêu",
    en: "Appendix 1: {pl1} targets · Appendix 2: {pl2} indicators",
  },
  "catalogue.loadFile": { vi: "Mở danh mục của tỉnh từ tệp…", en: "Load a province catalogue from a file…" },
  "catalogue.urlLabel": { vi: "Địa chỉ (URL) danh mục của tỉnh", en: "Province catalogue address (URL)" },
  "catalogue.loadUrl": { vi: "Tải từ địa chỉ", en: "Load from address" },
  "catalogue.useNational": { vi: "Dùng danh mục quốc gia", en: "Use the national catalogue" },
  "catalogue.loaded": { vi: "Đã nạp danh mục “{title}” phiên bản {version}.", en: "Loaded catalogue “{title}” version {version}." },
  "catalogue.warnings": { vi: "{n} lưu ý khi nạp danh mục.", en: "{n} warnings while loading the catalogue." },
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

  "sheets.heading": { vi: "Trang tính", en: "Sheets" },
  "sheets.insert": { vi: "Chèn trang Phụ lục", en: "Insert appendix sheets" },
  "sheets.repair": { vi: "Sửa trang đã có", en: "Repair existing sheets" },
  "sheets.fillSample": { vi: "Điền số liệu mẫu Lai Châu (tập huấn)", en: "Fill with the Lai Châu sample (training)" },
  "sheets.inserted": { vi: "Đã chèn các trang: {sheets}.", en: "Inserted sheets: {sheets}." },
  "sheets.repaired": { vi: "Đã sửa các trang: {sheets}.", en: "Repaired sheets: {sheets}." },
  "sheets.renamed": { vi: "Trang “{from}” đã có nên trang mới tên là “{to}”.", en: "“{from}” already existed, so the new sheet is “{to}”." },
  "sheets.kept": { vi: "Giữ nguyên các trang đã có: {sheets}.", en: "Kept the existing sheets: {sheets}." },
  "sheets.nothing": { vi: "Không có trang nào cần chèn.", en: "No sheet needed inserting." },
  "sheets.filled": { vi: "Đã điền số liệu mẫu Lai Châu.", en: "Filled with the Lai Châu sample." },
  "sheets.filledCells": { vi: "Đã điền số liệu mẫu Lai Châu ({n} ô).", en: "Filled with the Lai Châu sample ({n} cells)." },
  "check.liveUnavailable": {
    vi: "Phiên bản Excel này không báo khi ô thay đổi: hãy bấm Kiểm tra bảng tính sau khi nhập.",
    en: "This Excel does not report cell changes: click Check the workbook after typing.",
  },

  "check.heading": { vi: "Kiểm tra", en: "Check" },
  "check.run": { vi: "Kiểm tra bảng tính", en: "Check the workbook" },
  "check.live": { vi: "Kiểm tra khi nhập", en: "Check as I type" },
  "check.liveStarted": { vi: "Đang kiểm tra khi nhập.", en: "Live check is on." },
  "check.liveStopped": { vi: "Đã tắt kiểm tra khi nhập.", en: "Live check is off." },
  "check.done": { vi: "Đã kiểm tra xong: {n} phát hiện.", en: "Check finished: {n} findings." },
  "check.notYet": { vi: "Chưa kiểm tra.", en: "Not checked yet." },

  "findings.heading": { vi: "Phát hiện", en: "Findings" },
  "findings.none": { vi: "Không có phát hiện nào.", en: "No findings." },
  "findings.total": { vi: "{n} phát hiện", en: "{n} findings" },
  "findings.hint": { vi: "Bấm vào một phát hiện để chọn ô.", en: "Click a finding to select its cell." },
  "findings.more": {
    vi: "… và {n} phát hiện khác: xem trang “{sheet}”.",
    en: "… and {n} more: see the “{sheet}” sheet (check results).",
  },
  "findings.workbook": { vi: "Cả bảng tính", en: "Whole workbook" },
  "findings.selected": { vi: "Đã chọn ô {where}.", en: "Selected cell {where}." },
  "severity.error": { vi: "Lỗi", en: "Errors" },
  "severity.warning": { vi: "Cảnh báo", en: "Warnings" },
  "severity.info": { vi: "Thông tin", en: "Information" },

  "status.heading": { vi: "Tình trạng chỉ tiêu", en: "Indicator status" },
  "status.pl1": { vi: "Phụ lục 1 – mục tiêu", en: "Appendix 1 – targets" },
  "status.pl2": { vi: "Phụ lục 2 – xu hướng {baseline} → {result}", en: "Appendix 2 – trend {baseline} → {result}" },
  "status.achieved": STATUS_TEXT.achieved,
  "status.exceeded": STATUS_TEXT.exceeded,
  "status.notAchieved": STATUS_TEXT.notAchieved,
  "status.noData": STATUS_TEXT.noData,
  "status.notApplicable": STATUS_TEXT.notApplicable,
  "status.noTarget": STATUS_TEXT.noTarget,
  "trend.better": TREND_TEXT.better,
  "trend.worse": TREND_TEXT.worse,
  "trend.unchanged": TREND_TEXT.unchanged,
  "trend.unknownNote": { vi: "Chưa đủ số liệu để so sánh: {n} chỉ tiêu", en: "Not enough data to compare: {n} indicators" },
  "trend.increased": TREND_TEXT.increased,
  "trend.decreased": TREND_TEXT.decreased,
  "status.chartLabel": { vi: "{title}: {parts}", en: "{title}: {parts}" },

  "verdict.heading": { vi: "Kết luận", en: "Verdict" },
  "verdict.ready": { vi: "Sẵn sàng gửi", en: "Ready to send" },
  "verdict.notReady": { vi: "Chưa sẵn sàng gửi", en: "Not ready to send" },
  "verdict.checkedAt": { vi: "Kiểm tra lúc {time}", en: "Checked at {time}" },
  "verdict.counts": { vi: "{error} lỗi, {warning} cảnh báo, {info} thông tin", en: "{error} errors, {warning} warnings, {info} notes" },
  "verdict.catalogue": { vi: "Danh mục phiên bản {version}", en: "Catalogue version {version}" },

  "marks.clear": { vi: "Xóa mọi đánh dấu", en: "Clear all marks" },
  "marks.cleared": { vi: "Đã xóa các đánh dấu của tiện ích.", en: "The add-in's marks were cleared." },

  "consolidate.heading": { vi: "Tổng hợp của tỉnh", en: "Province consolidation" },
  "consolidate.pick": { vi: "Chọn các tệp Excel (.xlsx, .xls) hoặc .ods của huyện…", en: "Pick district Excel (.xlsx, .xls) or .ods files…" },
  "consolidate.done": { vi: "Đã tổng hợp {n} tệp.", en: "Consolidated {n} files." },
  "consolidate.none": { vi: "Chưa chọn tệp nào.", en: "No files picked." },

  "caps.heading": { vi: "Phiên bản Excel này", en: "This Excel version" },
  "caps.all": { vi: "Mọi chức năng đều dùng được.", en: "Every feature is available." },
  "caps.missing": { vi: "Không dùng được ở phiên bản Excel này:", en: "Not available in this Excel version:" },
  "caps.noExcel": {
    vi: "Không chạy trong Excel: các nút thao tác bảng tính bị tắt.",
    en: "Not running in Excel: the workbook buttons are disabled.",
  },

  "progress.label": { vi: "Đang xử lý", en: "Working" },
  "progress.insert": { vi: "Đang chèn trang…", en: "Inserting sheets…" },
  "progress.fill": { vi: "Đang điền số liệu mẫu…", en: "Filling in the sample…" },
  "progress.check": { vi: "Đang kiểm tra…", en: "Checking…" },
  "progress.clear": { vi: "Đang xóa đánh dấu…", en: "Clearing marks…" },
  "progress.catalogue": { vi: "Đang nạp danh mục…", en: "Loading the catalogue…" },
  "progress.consolidate": { vi: "Đang tổng hợp…", en: "Consolidating…" },
  "progress.select": { vi: "Đang chọn ô…", en: "Selecting the cell…" },

  "error.unexpected": { vi: "Đã xảy ra lỗi: {detail}", en: "Something went wrong: {detail}" },
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
