/**
 * Rules on finding the tables and their rows: an appendix missing or found twice, an
 * indicator not found, a row that matches nothing or only doubtfully, a label edited or a
 * row moved in our template, a hidden row.
 */
import type { AppendixId } from "../../catalogue/types";
import type { Findings } from "../findings";
import { APPENDIX_TITLES, SHEET_NAMES } from "../layout";
import { matchRows, MATCH_DOUBT, type CatalogueIndex, type MatchOutcome, type TableRows } from "../recognize";
import type { IndicatorReading, PeriodYears, SheetSnapshot, WorkbookSnapshot } from "../types";
import { q, rule } from "./rule";

const appendixLabel = (a: AppendixId) => APPENDIX_TITLES[a].label;

export const labelEdited = rule<{ label: string; expected: string }>({
  code: "NQ24-W011",
  severity: "warning",
  summary: "label edited in our template",
  title: { vi: "Tên chỉ tiêu bị sửa", en: "Indicator label edited" },
  message: (p) => ({
    vi: `Tên chỉ tiêu đã bị sửa thành ${q(p.label)}; biểu mẫu ghi ${q(p.expected)}.`,
    en: `The indicator label was changed to ${q(p.label)}; the template says ${q(p.expected)}.`,
  }),
  fix: () => ({ vi: "Bấm “Chèn biểu mẫu” để khôi phục tên chỉ tiêu (số liệu đã nhập được giữ nguyên).", en: "Press “Insert forms” to restore the label (the figures you typed are kept)." }),
});

export const rowMoved = rule<{ label: string }>({
  code: "NQ24-I012",
  severity: "info",
  summary: "row moved in our template",
  title: { vi: "Dòng bị di chuyển", en: "Row moved" },
  message: (p) => ({
    vi: `Dòng ${q(p.label)} không đúng thứ tự của biểu mẫu; số liệu vẫn được đọc theo mã chỉ tiêu.`,
    en: `Row ${q(p.label)} is out of the template's order; its values are still read by indicator id.`,
  }),
});

export const sheetMissing = rule<{ appendix: AppendixId; baselineYear: number; resultYear: number }>({
  code: "NQ24-E013",
  severity: "error",
  summary: "appendix table missing",
  title: { vi: "Thiếu phụ lục", en: "Appendix missing" },
  message: (p) => ({
    vi: `Không tìm thấy bảng ${appendixLabel(p.appendix).vi} trong sổ làm việc (tìm theo dòng tiêu đề cột: STT, Chỉ tiêu, ${p.baselineYear}, ${p.resultYear}, Ghi chú).`,
    en: `No ${appendixLabel(p.appendix).en} table found in the workbook (looked for its header row: STT, Chỉ tiêu, ${p.baselineYear}, ${p.resultYear}, Ghi chú).`,
  }),
  fix: () => ({ vi: "Bấm “Chèn biểu mẫu”.", en: "Press “Insert forms”." }),
});

export const indicatorNotFound = rule<{ label: string; appendix: AppendixId }>({
  code: "NQ24-E014",
  severity: "error",
  summary: "indicator row not found",
  title: { vi: "Thiếu chỉ tiêu", en: "Indicator not found" },
  message: (p) => ({
    vi: `Không tìm thấy chỉ tiêu ${q(p.label)} trong bảng ${appendixLabel(p.appendix).vi}.`,
    en: `Indicator ${q(p.label)} was not found in the ${appendixLabel(p.appendix).en} table.`,
  }),
  fix: () => ({ vi: "Thêm dòng chỉ tiêu này, hoặc bấm “Chèn biểu mẫu” để khôi phục các dòng (số liệu đã nhập được giữ nguyên).", en: "Add this indicator's row, or press “Insert forms” to restore the rows (the figures you typed are kept)." }),
});

export const doubtfulMatch = rule<{ seen: string; label: string; confidence: number }>({
  code: "NQ24-I015",
  severity: "info",
  summary: "doubtful label match to confirm",
  title: { vi: "Nhận diện chưa chắc chắn", en: "Doubtful match" },
  message: (p) => ({
    vi: `Dòng ${q(p.seen)} được hiểu là chỉ tiêu ${q(p.label)} (độ tin cậy ${p.confidence.toFixed(2)}). Hãy xác nhận.`,
    en: `Row ${q(p.seen)} was read as ${q(p.label)} (confidence ${p.confidence.toFixed(2)}). Please confirm.`,
  }),
});

export const unmatchedRow = rule<{ seen: string }>({
  code: "NQ24-W016",
  severity: "warning",
  summary: "row that matches nothing",
  title: { vi: "Dòng không khớp chỉ tiêu nào", en: "Row matches no indicator" },
  message: (p) => ({
    vi: `Dòng ${q(p.seen)} có số liệu nhưng không khớp chỉ tiêu nào của danh mục; số liệu này không được kiểm tra.`,
    en: `Row ${q(p.seen)} holds values but matches no catalogue indicator; they are not checked.`,
  }),
});

export const duplicateTable = rule<{ appendix: AppendixId; sheet: string; used: string }>({
  code: "NQ24-I022",
  severity: "info",
  summary: "duplicate table",
  title: { vi: "Bảng trùng", en: "Duplicate table" },
  message: (p) => ({
    vi: `Trang “${p.sheet}” cũng có bảng ${appendixLabel(p.appendix).vi}; chỉ kiểm tra bảng ở trang “${p.used}”.`,
    en: `Sheet “${p.sheet}” also holds a ${appendixLabel(p.appendix).en} table; only the one on “${p.used}” is checked.`,
  }),
});

export const hiddenRow = rule<{ label: string }>({
  code: "NQ24-I023",
  severity: "info",
  summary: "hidden row",
  title: { vi: "Dòng bị ẩn", en: "Hidden row" },
  message: (p) => ({
    vi: `Dòng chỉ tiêu ${q(p.label)} đang bị ẩn; người nhận có thể không thấy.`,
    en: `The row of ${q(p.label)} is hidden; the recipient may not see it.`,
  }),
});

export const RECOGNITION_RULES = [labelEdited, rowMoved, sheetMissing, indicatorNotFound, doubtfulMatch, unmatchedRow, duplicateTable, hiddenRow];

// ---------------------------------------------------------------- checks

export interface PickedTable {
  t: TableRows;
  outcome: MatchOutcome;
}

function sheetByName(snapshot: WorkbookSnapshot, name: string): SheetSnapshot | undefined {
  return snapshot.sheets.find((s) => s.name === name);
}

/** For each appendix, the table whose rows match the most indicators; the others are reported. */
export function pickTables(all: TableRows[], snapshot: WorkbookSnapshot, idx: CatalogueIndex, findings: Findings): Partial<Record<AppendixId, PickedTable>> {
  const chosen: Partial<Record<AppendixId, PickedTable>> = {};
  for (const appendix of ["PL1", "PL2"] as AppendixId[]) {
    const candidates = all.filter((t) => t.table.appendix === appendix);
    let best: PickedTable | undefined;
    for (const t of candidates) {
      const sheet = sheetByName(snapshot, t.table.sheet);
      if (!sheet) continue;
      const outcome = matchRows(sheet, t, idx, new Set());
      if (!best || outcome.matches.length > best.outcome.matches.length) best = { t, outcome };
    }
    if (best) {
      chosen[appendix] = best;
      for (const t of candidates) {
        if (t !== best.t) findings.add(duplicateTable, { appendix, sheet: t.table.sheet, used: best.t.table.sheet }, { sheet: t.table.sheet, row: t.table.headerRow, col: t.table.columns.label ?? 0 });
      }
    }
  }
  return chosen;
}

export function reportMissingTable(appendix: AppendixId, years: PeriodYears, findings: Findings): void {
  findings.add(sheetMissing, { appendix, baselineYear: years.baseline, resultYear: years.result }, { sheet: SHEET_NAMES[appendix] });
}

/**
 * How one table's rows were recognised: rows out of order or hidden, doubtful matches,
 * labels edited, rows that match nothing, and the catalogue's indicators not found.
 */
export function checkTableRows(
  picked: PickedTable,
  sheet: SheetSnapshot,
  readings: Record<string, IndicatorReading>,
  idx: CatalogueIndex,
  findings: Findings,
): void {
  const { t, outcome } = picked;
  const appendix = t.table.appendix;
  const hidden = new Set(sheet.hiddenRows);
  const labelCol = t.table.columns.label ?? 0;
  let lastOrder = -1;
  for (const m of outcome.matches) {
    const indicator = readings[m.indicatorId].indicator;
    const order = idx.order.get(indicator.id) ?? 0;
    if (m.by === "id" && order < lastOrder) findings.add(rowMoved, { label: indicator.labelVi }, { sheet: sheet.name, row: m.row, col: labelCol, indicatorId: indicator.id });
    lastOrder = Math.max(lastOrder, order);
    if (m.by === "label" && m.confidence < MATCH_DOUBT) {
      findings.add(doubtfulMatch, { seen: m.labelSeen, label: indicator.labelVi, confidence: m.confidence }, { sheet: sheet.name, row: m.row, col: labelCol, indicatorId: indicator.id });
    }
    if (hidden.has(m.row)) findings.add(hiddenRow, { label: indicator.labelVi }, { sheet: sheet.name, row: m.row, col: labelCol, indicatorId: indicator.id });
  }
  for (const e of outcome.editedLabels) {
    findings.add(labelEdited, { label: e.match.labelSeen, expected: e.expected }, { sheet: sheet.name, row: e.match.row, col: t.table.columns.label, indicatorId: e.match.indicatorId });
  }
  for (const u of outcome.unmatched) {
    if (u.hasValues) findings.add(unmatchedRow, { seen: u.label }, { sheet: u.sheet, row: u.row, col: t.table.columns.label });
  }
  for (const ind of idx.indicators[appendix]) {
    if (!readings[ind.id]) findings.add(indicatorNotFound, { label: ind.labelVi, appendix }, { sheet: sheet.name, indicatorId: ind.id });
  }
}
