/**
 * Rules on finding the tables, their columns and their rows: an appendix missing or found
 * twice, a period column missing or stating another year than the catalogue's, a column
 * read as the user corrected it, an indicator not found, a row that matches nothing or
 * only doubtfully, a label edited or a row moved in our template, a hidden row.
 */
import type { AppendixId, Catalogue, PeriodRole, Periods } from "../../catalogue/types";
import type { Findings } from "../findings";
import { APPENDIX_TITLES, SHEET_NAMES } from "../layout";
import { columnLetter, MATCH_DOUBT, type Candidate, type CatalogueIndex } from "../recognize";
import type { ColumnOverride, ColumnRole, IndicatorReading, PeriodYears, SheetSnapshot } from "../types";
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

const ROLE_NAME: Record<PeriodRole, { vi: string; en: string }> = {
  baseline: { vi: "hiện trạng", en: "baseline" },
  result: { vi: "kết quả", en: "result" },
  target: { vi: "mục tiêu", en: "target" },
};

export const periodYearRead = rule<{ appendix: AppendixId; column: string; role: PeriodRole; year: number; expected: number }>({
  code: "NQ24-I030",
  severity: "info",
  summary: "a period column states another year than the catalogue's (it is read as that year)",
  title: { vi: "Năm khác với danh mục", en: "Another year than the catalogue's" },
  message: (p) => ({
    vi: `Cột ${p.column}: ${ROLE_NAME[p.role].vi} năm ${p.year} (danh mục: ${p.expected}); số liệu cột này được hiểu là của năm ${p.year}.`,
    en: `Column ${p.column}: ${ROLE_NAME[p.role].en} for ${p.year} (catalogue: ${p.expected}); its figures are read as ${p.year}'s.`,
  }),
});

/** Headers a period column is known by, for the message that says it was not found. */
function lookedFor(role: PeriodRole, year: number): string[] {
  if (role === "baseline") return [`Năm ${year}`, String(year), `Hiện trạng ${year}`];
  if (role === "result") return [`Năm ${year}`, String(year), `Kết quả đạt được đến ${year}`, `Thực hiện năm ${year}`];
  return [`Mục tiêu đến ${year}`, `Mục tiêu đề ra`];
}

export const columnMissing = rule<{ appendix: AppendixId; sheet: string; role: PeriodRole; year: number; from: number; to: number; lookedFor: string[]; unused: { column: string; year?: number }[] }>({
  code: "NQ24-E031",
  severity: "error",
  summary: "a period column the appendix needs was not found in its table",
  title: { vi: "Thiếu cột số liệu", en: "Period column missing" },
  message: (p) => {
    const looked = p.lookedFor.map((x) => `“${x}”`).join(", ");
    const unusedVi = p.unused.length ? ` Cột ${p.unused.map((u) => (u.year !== undefined ? `${u.column} (năm ${u.year})` : u.column)).join(", ")} có tiêu đề năm nhưng không dùng được cho vai trò này.` : "";
    const unusedEn = p.unused.length ? ` Column ${p.unused.map((u) => (u.year !== undefined ? `${u.column} (year ${u.year})` : u.column)).join(", ")} names a year but could not be used for it.` : "";
    return {
      vi: `Bảng ${appendixLabel(p.appendix).vi} ở trang “${p.sheet}” không có cột ${ROLE_NAME[p.role].vi} (số liệu ${p.year}): đã tìm tiêu đề như ${looked}, năm trong khoảng ${p.from}–${p.to}.${unusedVi} Số liệu cột này chưa được đọc.`,
      en: `The ${appendixLabel(p.appendix).en} table on sheet “${p.sheet}” has no ${ROLE_NAME[p.role].en} column (${p.year} figures): looked for headers such as ${looked}, a year within ${p.from}–${p.to}.${unusedEn} Its figures were not read.`,
    };
  },
  fix: () => ({
    vi: "Ghi tiêu đề cột có năm (ví dụ “Năm 2022”), hoặc chỉ rõ cột nào chứa số liệu này ở phần “Đã đọc” của ngăn NQ24.",
    en: "Give the column a header with its year (e.g. “Năm 2022”), or say which column holds these figures under “What was read” in the NQ24 pane.",
  }),
});

const roleText = (role: ColumnRole | "ignore", year: number | undefined, lang: "vi" | "en"): string => {
  if (role === "ignore") return lang === "vi" ? "không đọc" : "not read";
  if (role === "baseline" || role === "result") return lang === "vi" ? `số liệu ${year}` : `the ${year} figures`;
  if (role === "target") return lang === "vi" ? `mục tiêu ${year}` : `the ${year} target`;
  const words: Record<string, [string, string]> = {
    stt: ["số thứ tự", "row numbers"],
    label: ["tên chỉ tiêu", "indicator labels"],
    unit: ["đơn vị tính", "units"],
    note: ["ghi chú", "notes"],
    comparison: ["cột so sánh (không đọc)", "a comparison (not read)"],
    id: ["mã chỉ tiêu", "indicator ids"],
    status: ["tình trạng", "status"],
  };
  return words[role][lang === "vi" ? 0 : 1];
};

export const columnOverridden = rule<{ appendix: AppendixId; column: string; role: ColumnRole | "ignore"; year?: number }>({
  code: "NQ24-I032",
  severity: "info",
  summary: "a column read as the user set it (kept in the workbook)",
  title: { vi: "Cột do người dùng chỉ định", en: "Column set by the user" },
  message: (p) => ({
    vi: `Cột ${p.column} của ${appendixLabel(p.appendix).vi} được đọc là ${roleText(p.role, p.year, "vi")}, theo lựa chọn đã lưu trong sổ làm việc.`,
    en: `Column ${p.column} of ${appendixLabel(p.appendix).en} is read as ${roleText(p.role, p.year, "en")}, as set and saved in the workbook.`,
  }),
});

export const overrideUnused = rule<{ appendix: AppendixId; sheet: string; column: string }>({
  code: "NQ24-I033",
  severity: "info",
  summary: "a saved column choice names a table not found; it was not used",
  title: { vi: "Lựa chọn cột không dùng được", en: "Saved column choice not used" },
  message: (p) => ({
    vi: `Lựa chọn đã lưu cho cột ${p.column} của ${appendixLabel(p.appendix).vi} ở trang “${p.sheet}” không được dùng: không tìm thấy bảng đó.`,
    en: `The saved choice for column ${p.column} of ${appendixLabel(p.appendix).en} on sheet “${p.sheet}” was not used: that table was not found.`,
  }),
});

export const RECOGNITION_RULES = [labelEdited, rowMoved, sheetMissing, indicatorNotFound, doubtfulMatch, unmatchedRow, duplicateTable, hiddenRow, periodYearRead, columnMissing, columnOverridden, overrideUnused];

// ---------------------------------------------------------------- checks

export type PickedTable = Candidate;

/** For each appendix, the table whose rows match the most indicators; the others are reported. */
export function pickTables(candidates: Candidate[], findings: Findings): Partial<Record<AppendixId, PickedTable>> {
  const chosen: Partial<Record<AppendixId, PickedTable>> = {};
  for (const appendix of ["PL1", "PL2"] as AppendixId[]) {
    const list = candidates.filter((c) => c.t.table.appendix === appendix);
    let best: PickedTable | undefined;
    for (const c of list) if (!best || c.outcome.matches.length > best.outcome.matches.length) best = c;
    if (!best) continue;
    chosen[appendix] = best;
    for (const c of list) {
      if (c !== best) findings.add(duplicateTable, { appendix, sheet: c.t.table.sheet, used: best.t.table.sheet }, { sheet: c.t.table.sheet, row: c.t.table.headerRow, col: c.t.table.columns.label ?? 0 });
    }
  }
  return chosen;
}

export function reportMissingTable(appendix: AppendixId, years: PeriodYears, findings: Findings): void {
  findings.add(sheetMissing, { appendix, baselineYear: years.baseline, resultYear: years.result }, { sheet: SHEET_NAMES[appendix] });
}

/** The period columns an appendix needs: those its catalogue declares (baseline and result by default). */
export function requiredPeriods(catalogue: Catalogue, appendix: AppendixId): PeriodRole[] {
  const def = catalogue.appendices.find((a) => a.id === appendix);
  const keys = def ? def.columns.map((c) => c.key) : ["baseline", "result"];
  return (["baseline", "result"] as PeriodRole[]).filter((r) => keys.indexOf(r) >= 0);
}

/**
 * The columns of a picked table: each period column the appendix needs and lacks is an
 * error (its figures were never read), a year other than the catalogue's is said, and a
 * column read as the user set it is noted. Returns the roles missing.
 */
export function checkColumns(picked: PickedTable, catalogue: Catalogue, periods: Periods, findings: Findings): PeriodRole[] {
  const { table, block } = picked.t;
  const where = { sheet: table.sheet, row: table.headerRow };
  const missing: PeriodRole[] = [];
  for (const role of requiredPeriods(catalogue, table.appendix)) {
    if (table.columns[role] !== undefined) continue;
    missing.push(role);
    const p = periods[role];
    const unused = block.resolved.unused.filter((u) => !picked.applied.has(u.col)).map((u) => ({ column: columnLetter(u.col), year: u.year }));
    findings.add(columnMissing, { appendix: table.appendix, sheet: table.sheet, role, year: p.year, from: p.from, to: p.to, lookedFor: lookedFor(role, p.year), unused }, { ...where, col: table.columns.label ?? block.headers[0]?.col ?? 0 });
  }
  for (const role of ["target", "baseline", "result"] as PeriodRole[]) {
    const col = table.columns[role];
    const year = table.years[role];
    if (col === undefined || year === undefined || year === periods[role].year) continue;
    findings.add(periodYearRead, { appendix: table.appendix, column: columnLetter(col), role, year, expected: periods[role].year }, { ...where, col });
  }
  picked.applied.forEach((o: ColumnOverride) => {
    findings.add(columnOverridden, { appendix: table.appendix, column: columnLetter(o.col), role: o.role, year: o.role === "ignore" ? undefined : table.years[o.role as PeriodRole] }, { ...where, col: o.col });
  });
  return missing;
}

export function reportUnusedOverrides(unused: ColumnOverride[], findings: Findings): void {
  for (const o of unused) findings.add(overrideUnused, { appendix: o.appendix, sheet: o.sheet, column: columnLetter(o.col) }, { sheet: o.sheet });
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
