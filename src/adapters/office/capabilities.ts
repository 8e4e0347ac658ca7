/**
 * What this Excel can do, from its ExcelApi requirement sets. Older volume-licensed
 * Office (1.1) still inserts, checks and writes statuses; the rest degrades and is said.
 */
import type { Text2 } from "../../catalogue/types";

export interface Capabilities {
  /** Highest ExcelApi version found among those probed ("1.1" … "1.18"). */
  level: string;
  /** 1.2: sheet protection, locked cells, merges, column widths, hidden rows/columns. */
  protection: boolean;
  /** 1.2: hiding a sheet (reading visibility is 1.1; setting it 1.2). */
  sheetVisibility: boolean;
  /** 1.4: *OrNullObject methods. */
  nullObjects: boolean;
  /** 1.6: conditional formats. */
  conditionalFormats: boolean;
  /** 1.7: hyperlinks, onChanged events, freeze panes. */
  hyperlinks: boolean;
  events: boolean;
  freezePanes: boolean;
  /** 1.8: data validation (dropdowns). */
  dataValidation: boolean;
  /** 1.9: page layout (print setup), per-cell properties (fills read in bulk), row/column properties. */
  pageLayout: boolean;
  cellProperties: boolean;
  /** 1.9: many cells as one object (Worksheet.getRanges), the filter buttons of a table (autoFilter). */
  rangeAreas: boolean;
  autoFilter: boolean;
  /** 1.10: comments (used for cell notes when notes are missing). */
  comments: boolean;
  /** 1.13: merged areas can be read back. */
  mergedAreas: boolean;
  /** 1.18: notes. */
  notes: boolean;
  /** 1.20: several syncs of one Excel.run undone as one step (RunOptions.mergeUndoGroup). */
  undoGroups: boolean;
}

export type IsSetSupported = (name: string, minVersion?: string) => boolean;

const PROBES = ["1.2", "1.4", "1.6", "1.7", "1.8", "1.9", "1.10", "1.13", "1.18", "1.20"];

export function detectCapabilities(isSetSupported: IsSetSupported): Capabilities {
  const has = (v: string) => {
    try {
      return isSetSupported("ExcelApi", v) === true;
    } catch {
      return false;
    }
  };
  let level = "1.1";
  for (const v of PROBES) if (has(v)) level = v;
  return {
    level,
    protection: has("1.2"),
    sheetVisibility: has("1.2"),
    nullObjects: has("1.4"),
    conditionalFormats: has("1.6"),
    hyperlinks: has("1.7"),
    events: has("1.7"),
    freezePanes: has("1.7"),
    dataValidation: has("1.8"),
    pageLayout: has("1.9"),
    cellProperties: has("1.9"),
    rangeAreas: has("1.9"),
    autoFilter: has("1.9"),
    comments: has("1.10"),
    mergedAreas: has("1.13"),
    notes: has("1.18"),
    undoGroups: has("1.20"),
  };
}

/** Everything available: for callers that know they run on a current Excel. */
export const ALL_CAPABILITIES: Capabilities = detectCapabilities(() => true);

/** From the host, when Office.js is there; everything off but 1.1 otherwise. */
export function hostCapabilities(): Capabilities {
  // Office may be absent (tests, a plain browser); IE11 has no globalThis, so test it with typeof.
  const office = typeof Office !== "undefined" ? Office : undefined;
  const req = office && office.context && office.context.requirements;
  if (!req) return detectCapabilities(() => false);
  return detectCapabilities((name, v) => req.isSetSupported(name, v));
}

export interface UnavailableFeature {
  key: "protection" | "conditionalFormats" | "hyperlinks" | "events" | "dataValidation" | "pageLayout" | "notes" | "mergedAreas" | "freezePanes";
  requires: string;
  message: Text2;
}

/** What the user will not get on this Excel, in both languages, for the pane and the results sheet. */
export function unavailableFeatures(caps: Capabilities): UnavailableFeature[] {
  const out: UnavailableFeature[] = [];
  const add = (ok: boolean, key: UnavailableFeature["key"], requires: string, vi: string, en: string) => {
    if (!ok) out.push({ key, requires, message: { vi, en } });
  };
  add(caps.protection, "protection", "1.2", "Không gộp ô, không đặt độ rộng cột, không ẩn các trang phụ (cần Excel hỗ trợ ExcelApi 1.2).", "Cannot merge cells, set column widths or hide the helper sheets (needs ExcelApi 1.2).");
  add(caps.conditionalFormats, "conditionalFormats", "1.6", "Không có định dạng có điều kiện cho cột tình trạng (cần ExcelApi 1.6).", "No conditional formatting of the status column (needs ExcelApi 1.6).");
  add(caps.hyperlinks, "hyperlinks", "1.7", "Trang kết quả ghi địa chỉ ô dạng chữ thay cho liên kết (cần ExcelApi 1.7).", "The results sheet lists cell addresses as text instead of links (needs ExcelApi 1.7).");
  add(caps.events, "events", "1.7", "Không tự kiểm tra lại khi đang nhập; hãy bấm Kiểm tra (cần ExcelApi 1.7).", "No live re-check while typing; click Check instead (needs ExcelApi 1.7).");
  add(caps.freezePanes, "freezePanes", "1.7", "Không cố định được dòng tiêu đề (cần ExcelApi 1.7).", "Cannot freeze the header rows (needs ExcelApi 1.7).");
  add(caps.dataValidation, "dataValidation", "1.8", "Không có danh sách chọn (dropdown) trong ô nhập liệu (cần ExcelApi 1.8).", "No dropdown lists in input cells (needs ExcelApi 1.8).");
  add(caps.pageLayout, "pageLayout", "1.9", "Không thiết lập được trang in (A4 ngang, lặp tiêu đề) (cần ExcelApi 1.9).", "Cannot set up printing (A4 landscape, repeated header) (needs ExcelApi 1.9).");
  add(caps.notes || caps.comments, "notes", "1.10", "Không ghi được ghi chú giải thích vào ô được đánh dấu; xem trang kết quả (cần ExcelApi 1.10).", "Cannot attach explanatory notes to marked cells; see the results sheet (needs ExcelApi 1.10).");
  add(caps.mergedAreas, "mergedAreas", "1.13", "Không đọc được các ô gộp khi nhận dạng bảng; việc nhận dạng dựa vào nội dung (cần ExcelApi 1.13).", "Merged cells cannot be read during recognition; it relies on content (needs ExcelApi 1.13).");
  return out;
}
