/**
 * The sheet layout of our own template, defined once: the Office.js adapter, the .xlsx
 * writer and recognition all read it from here.
 */
import type { AppendixId, Catalogue, ColumnRole, IndicatorRow, Periods, Text2 } from "../catalogue/types";
import { isIndicator } from "../catalogue/types";
import { NATIONAL_PERIODS, periodsOf } from "../catalogue/periods";
import type { CellValue, CellValueType, RangeRect, SheetSnapshot, WorkbookSnapshot } from "./types";
import { appendixPageSetup, DOCUMENT_FONT, PageSetup, plainPageSetup, wrappedRowHeights } from "./print";

export const SHEET_NAMES = {
  cover: "Bìa",
  PL1: "Phụ lục 1",
  PL2: "Phụ lục 2",
  results: "Kết quả kiểm tra",
  lists: "NQ24_DanhMuc",
  meta: "NQ24_Meta",
} as const;

export interface LayoutColumn {
  key: ColumnRole;
  header: Text2;
  /** Width in characters, as Excel counts them. */
  width: number;
  hidden?: boolean;
  /** Users type in this column. */
  input?: boolean;
}

/** The columns of each appendix sheet, left to right from column A; headers name the catalogue's years. */
export function appendixColumns(appendix: AppendixId, periods: Periods): LayoutColumn[] {
  const b = periods.baseline.year;
  const r = periods.result.year;
  const COL = {
    stt: { key: "stt", header: { vi: "STT", en: "No." }, width: 5 },
    label: { key: "label", header: { vi: "Chỉ tiêu", en: "Indicator" }, width: 50 },
    unit: { key: "unit", header: { vi: "Đơn vị", en: "Unit" }, width: 10 },
    target: { key: "target", header: { vi: `Mục tiêu đề ra đến ${periods.target.year}`, en: `Target for ${periods.target.year}` }, width: 13 },
    baseline: { key: "baseline", header: { vi: `Hiện trạng ${b}`, en: `Status in ${b}` }, width: 13, input: true },
    result: { key: "result", header: { vi: `Kết quả đạt được đến ${r}`, en: `Result by ${r}` }, width: 13, input: true },
    note: { key: "note", header: { vi: "Ghi chú", en: "Note" }, width: 28, input: true },
    status: { key: "status", header: { vi: "Tình trạng", en: "Status" }, width: 22 },
    id: { key: "id", header: { vi: "Mã chỉ tiêu", en: "Indicator id" }, width: 10, hidden: true },
  } satisfies Record<string, LayoutColumn>;
  if (appendix === "PL1") return [COL.stt, COL.label, COL.unit, COL.target, COL.baseline, COL.result, COL.note, COL.status, COL.id];
  // Phụ lục 2 has no target column: its width goes to the label and the note.
  return [
    COL.stt,
    { ...COL.label, width: 55 },
    COL.unit,
    { ...COL.baseline, header: { vi: String(b), en: String(b) } },
    { ...COL.result, header: { vi: String(r), en: String(r) } },
    { ...COL.note, width: 36 },
    { ...COL.status, header: { vi: "Xu hướng", en: "Trend" } },
    COL.id,
  ];
}

/**
 * Columns of each appendix sheet under the national periods. The order and roles are the
 * same for every catalogue; only the headers' years differ (appendixColumns).
 */
export const APPENDIX_COLUMNS: Record<AppendixId, LayoutColumn[]> = {
  PL1: appendixColumns("PL1", NATIONAL_PERIODS),
  PL2: appendixColumns("PL2", NATIONAL_PERIODS),
};

/** 0-based row of the header row in our appendix sheets (title rows above it). */
export const HEADER_ROW = 4;
export const FIRST_DATA_ROW = HEADER_ROW + 1;

export function columnIndex(appendix: AppendixId, key: ColumnRole): number {
  return APPENDIX_COLUMNS[appendix].findIndex((c) => c.key === key);
}

export const APPENDIX_TITLES: Record<AppendixId, { label: Text2; title: Text2 }> = {
  PL1: {
    label: { vi: "Phụ lục 1", en: "Appendix 1" },
    title: {
      vi: "Tình hình thực hiện các mục tiêu của Nghị quyết 24-NQ/TW",
      en: "Progress on the targets of Resolution 24-NQ/TW",
    },
  },
  PL2: {
    label: { vi: "Phụ lục 2", en: "Appendix 2" },
    title: {
      vi: "Số liệu thể hiện kết quả thực hiện các nhiệm vụ của Nghị quyết 24-NQ/TW",
      en: "Figures on the tasks of Resolution 24-NQ/TW",
    },
  },
};

export const NO_DATA_FOOTNOTE: Text2 = { vi: "“-”: Không có số liệu", en: "“-”: no data" };

// ---------------------------------------------------------------- Cover sheet

export type CoverKey = "unit" | "province" | "reportNumber" | "reportDate" | "preparer" | "phone" | "naturalArea";

export interface CoverField {
  key: CoverKey;
  label: Text2;
  required: boolean;
  /** 0-based row on the cover sheet; the value sits in column C (index 2). */
  row: number;
}

export const COVER_VALUE_COL = 2;
export const COVER_FIELDS: CoverField[] = [
  { key: "unit", label: { vi: "Đơn vị báo cáo (UBND huyện/thị xã/thành phố)", en: "Reporting unit (district/town/city People's Committee)" }, required: true, row: 3 },
  { key: "province", label: { vi: "Tỉnh/Thành phố trực thuộc Trung ương", en: "Province" }, required: true, row: 4 },
  { key: "reportNumber", label: { vi: "Số báo cáo", en: "Report number" }, required: true, row: 5 },
  { key: "reportDate", label: { vi: "Ngày báo cáo (dd/mm/yyyy)", en: "Report date (dd/mm/yyyy)" }, required: true, row: 6 },
  { key: "preparer", label: { vi: "Người lập biểu", en: "Prepared by" }, required: true, row: 7 },
  { key: "phone", label: { vi: "Số điện thoại liên hệ", en: "Contact phone" }, required: false, row: 8 },
  { key: "naturalArea", label: { vi: "Tổng diện tích tự nhiên (ha)", en: "Total natural area (ha)" }, required: true, row: 9 },
];

export type CoverInfo = Partial<Record<CoverKey, string>>;

/** "(Kèm theo Báo cáo số …/BC-UBND ngày … của UBND …)", filled from the cover where known. */
export function attachmentLine(cover: CoverInfo): string {
  const num = cover.reportNumber?.trim() || "……";
  const date = cover.reportDate?.trim() || "……";
  const unit = cover.unit?.trim() || "……";
  const numPart = /\/BC-/.test(num) ? num : `${num}/BC-UBND`;
  const unitPart = /^UBND\b/i.test(unit) ? unit : `UBND ${unit}`;
  return `(Kèm theo Báo cáo số ${numPart} ngày ${date} của ${unitPart})`;
}

/**
 * The same line as a formula over the cover's cells, so it fills in when the cover is filled
 * (Excel's English function names, as Office.js `formulas` and the .xlsx file take them). A
 * date typed as a date is shown dd/mm/yyyy through DAY/MONTH/YEAR, whatever Excel's locale.
 */
export function attachmentLineFormula(coverSheet: string): string {
  const ref = (key: CoverKey) => {
    const f = COVER_FIELDS.find((x) => x.key === key) as CoverField;
    return `'${coverSheet.replace(/'/g, "''")}'!$${String.fromCharCode(65 + COVER_VALUE_COL)}$${f.row + 1}`;
  };
  const n = ref("reportNumber");
  const d = ref("reportDate");
  const u = ref("unit");
  const num = `IF(TRIM(${n})="","……",IF(ISNUMBER(SEARCH("/BC-",${n})),TRIM(${n}),TRIM(${n})&"/BC-UBND"))`;
  const date = `IF(ISNUMBER(${d}),TEXT(DAY(${d}),"00")&"/"&TEXT(MONTH(${d}),"00")&"/"&YEAR(${d}),IF(TRIM(${d})="","……",TRIM(${d})))`;
  const unit = `IF(TRIM(${u})="","UBND ……",IF(OR(UPPER(TRIM(${u}))="UBND",LEFT(UPPER(TRIM(${u})),5)="UBND "),TRIM(${u}),"UBND "&TRIM(${u})))`;
  return `="(Kèm theo Báo cáo số "&${num}&" ngày "&${date}&" của "&${unit}&")"`;
}

// ---------------------------------------------------------------- Lists for dropdowns

/** Answers offered by dropdowns; the list sits on the hidden lists sheet, column A. */
export const YESNO_CHOICES = ["Có", "Không", "Đã", "Chưa", "Đạt", "Chưa đạt", "-", "Không có"];
export const NODATA_CHOICES = ["-", "Không có"];
export const LIST_RANGES = {
  yesno: `'${SHEET_NAMES.lists}'!$A$1:$A$${YESNO_CHOICES.length}`,
  noData: `'${SHEET_NAMES.lists}'!$B$1:$B$${NODATA_CHOICES.length}`,
};

// ---------------------------------------------------------------- Styles

export type StyleKey =
  | "appendixLabel"
  | "title"
  | "subtitle"
  | "header"
  | "section"
  | "group"
  | "subgroup"
  | "indicator"
  | "input"
  | "noteInput"
  | "readonly"
  | "status"
  | "footnote"
  | "coverLabel"
  | "coverInput";

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  fill?: string;
  fontColor?: string;
  hAlign?: "left" | "center" | "right";
  wrap?: boolean;
  border?: boolean;
}

export const STYLES: Record<StyleKey, CellStyle> = {
  appendixLabel: { bold: true, hAlign: "center" },
  title: { bold: true, size: 14, hAlign: "center", wrap: true },
  subtitle: { italic: true, hAlign: "center" },
  header: { bold: true, fill: "#D9E2F3", hAlign: "center", wrap: true, border: true },
  section: { bold: true, fill: "#EDEDED", wrap: true, border: true },
  group: { bold: true, wrap: true, border: true },
  subgroup: { italic: true, bold: true, wrap: true, border: true },
  indicator: { wrap: true, border: true },
  input: { fill: "#FFFDE7", wrap: true, border: true, hAlign: "right" },
  // Notes are sentences: left-aligned and wrapped, as in the national tables.
  noteInput: { fill: "#FFFDE7", wrap: true, border: true, hAlign: "left" },
  readonly: { wrap: true, border: true, hAlign: "center" },
  status: { wrap: true, border: true, hAlign: "center", fontColor: "#404040" },
  footnote: { italic: true, size: 12 },
  coverLabel: { bold: true, border: true, wrap: true },
  coverInput: { fill: "#FFFDE7", border: true },
};

/** Number format of the value cells: keep what the user typed as text ("27,5", "2/2", ">85%"). */
export const INPUT_NUMBER_FORMAT = "@";

// ---------------------------------------------------------------- Template model

export interface TemplateCell {
  row: number;
  col: number;
  value: string | number | null;
  /** A formula ("=…"); `value` is then what it computes to when written, for readers that do not calculate. */
  formula?: string;
  style?: StyleKey;
  numberFormat?: string;
}

export interface DataValidationSpec {
  range: RangeRect;
  /** An absolute reference to the list range (never an inline list: Excel splits it on commas). */
  listSource: string;
  /** The values of that list, for adapters that need them. */
  choices: string[];
}

export interface SheetTemplate {
  name: string;
  role: "cover" | "PL1" | "PL2" | "lists";
  columns: LayoutColumn[];
  cells: TemplateCell[];
  merges: RangeRect[];
  /** Cells users may edit; everything else is locked when protected. */
  inputRanges: RangeRect[];
  validations: DataValidationSpec[];
  /**
   * Protect the sheet. Off for every template: the add-in could only mark a protected sheet
   * after unprotecting it, and protect/unprotect empty Excel's undo history (README, Undo).
   */
  protect: boolean;
  hidden?: boolean;
  print?: PageSetup;
  /** The font of every cell of the sheet (styles set only the size where it differs). */
  font: { name: string; size: number };
  freeze?: { rows: number; cols: number };
  /** Heights in points of the rows whose wrapped text needs more than one line (0-based row → points). */
  rowHeights?: Record<number, number>;
  /** For appendix sheets: indicator id → 0-based row. */
  indicatorRows?: Record<string, number>;
}

export interface WorkbookTemplate {
  sheets: SheetTemplate[];
}

/** Values to put into input cells (training sample, or values kept during a repair). */
export interface FillValues {
  [indicatorId: string]: Partial<Record<"baseline" | "result" | "note", string>>;
}

export function buildCoverSheet(cover: CoverInfo): SheetTemplate {
  const cells: TemplateCell[] = [
    { row: 0, col: 0, value: "BÁO CÁO TỔNG KẾT 10 NĂM THỰC HIỆN NGHỊ QUYẾT SỐ 24-NQ/TW", style: "title" },
    { row: 1, col: 0, value: "Thông tin chung / General information", style: "subtitle" },
  ];
  const inputRanges: RangeRect[] = [];
  for (const f of COVER_FIELDS) {
    cells.push({ row: f.row, col: 0, value: f.label.vi, style: "coverLabel" });
    cells.push({ row: f.row, col: 1, value: f.label.en, style: "coverLabel" });
    cells.push({ row: f.row, col: COVER_VALUE_COL, value: cover[f.key] ?? null, style: "coverInput", numberFormat: INPUT_NUMBER_FORMAT });
    inputRanges.push({ row: f.row, col: COVER_VALUE_COL, rowCount: 1, colCount: 1 });
  }
  return {
    name: SHEET_NAMES.cover,
    role: "cover",
    columns: [
      { key: "label", header: { vi: "Mục", en: "Field" }, width: 46 },
      { key: "label", header: { vi: "Field", en: "Field" }, width: 34 },
      { key: "note", header: { vi: "Giá trị", en: "Value" }, width: 40, input: true },
    ],
    cells,
    merges: [
      { row: 0, col: 0, rowCount: 1, colCount: 3 },
      { row: 1, col: 0, rowCount: 1, colCount: 3 },
    ],
    inputRanges,
    validations: [],
    protect: false,
    print: plainPageSetup(true),
    font: DOCUMENT_FONT,
  };
}

function styleOf(row: { type: string }): StyleKey {
  return row.type === "section" ? "section" : row.type === "group" ? "group" : row.type === "subgroup" ? "subgroup" : "indicator";
}

export function buildAppendixSheet(
  catalogue: Catalogue,
  appendix: AppendixId,
  cover: CoverInfo,
  fill: FillValues = {},
  coverSheet: string | null = SHEET_NAMES.cover,
): SheetTemplate {
  const cols = appendixColumns(appendix, periodsOf(catalogue));
  // Titles span the printed columns (up to the note), so they centre on the printed page.
  const printedWidth = cols.findIndex((c) => c.key === "status");
  const t = APPENDIX_TITLES[appendix];
  const cells: TemplateCell[] = [
    { row: 0, col: 0, value: t.label.vi, style: "appendixLabel" },
    { row: 1, col: 0, value: t.title.vi, style: "title" },
    // A formula over the cover when there is one; otherwise the line as text.
    { row: 2, col: 0, value: attachmentLine(cover), style: "subtitle", ...(coverSheet ? { formula: attachmentLineFormula(coverSheet) } : {}) },
  ];
  const merges: RangeRect[] = [0, 1, 2].map((r) => ({ row: r, col: 0, rowCount: 1, colCount: printedWidth }));
  cols.forEach((c, i) => cells.push({ row: HEADER_ROW, col: i, value: c.header.vi, style: "header" }));

  const inputRanges: RangeRect[] = [];
  const validations: DataValidationSpec[] = [];
  const indicatorRows: Record<string, number> = {};
  const idx = (k: ColumnRole) => cols.findIndex((c) => c.key === k);
  let r = FIRST_DATA_ROW;
  for (const row of catalogue.rows) {
    if (row.appendix !== appendix) continue;
    const style = styleOf(row);
    cells.push({ row: r, col: idx("stt"), value: row.stt || null, style: row.type === "indicator" ? "readonly" : style });
    cells.push({ row: r, col: idx("label"), value: row.labelVi, style });
    cells.push({ row: r, col: idx("id"), value: row.id });
    if (isIndicator(row)) {
      indicatorRows[row.id] = r;
      cells.push({ row: r, col: idx("unit"), value: row.unit || null, style: "readonly" });
      if (appendix === "PL1") cells.push({ row: r, col: idx("target"), value: row.target?.text ?? null, style: "readonly" });
      const values = fill[row.id] ?? {};
      for (const key of ["baseline", "result", "note"] as const) {
        cells.push({ row: r, col: idx(key), value: values[key] ?? null, style: key === "note" ? "noteInput" : "input", numberFormat: INPUT_NUMBER_FORMAT });
      }
      cells.push({ row: r, col: idx("status"), value: null, style: "status" });
      inputRanges.push({ row: r, col: idx("baseline"), rowCount: 1, colCount: 3 });
      validations.push(validationFor(row, r, idx("baseline")));
    } else if (headingTakesNote(row)) {
      // "- Thủy điện" heads "+" rows; the national table notes "Không có" beside it.
      const first = idx("label");
      merges.push({ row: r, col: first, rowCount: 1, colCount: idx("note") - first });
      cells.push({ row: r, col: idx("note"), value: fill[row.id]?.note ?? null, style: "noteInput", numberFormat: INPUT_NUMBER_FORMAT });
      inputRanges.push({ row: r, col: idx("note"), rowCount: 1, colCount: 1 });
    } else {
      // Section and group rows span the value columns, as in the national tables (up to the
      // note: the status column beside them is not printed).
      const first = idx("label");
      merges.push({ row: r, col: first, rowCount: 1, colCount: idx("status") - first });
    }
    r++;
  }
  cells.push({ row: r + 1, col: idx("label"), value: NO_DATA_FOOTNOTE.vi, style: "footnote" });
  const font = DOCUMENT_FONT;
  const measured = cells.map((c) => {
    const st = c.style ? STYLES[c.style] : {};
    return { row: c.row, col: c.col, text: c.value === null ? "" : String(c.value), size: st.size ?? font.size, bold: !!st.bold, wrap: !!st.wrap };
  });
  return {
    rowHeights: wrappedRowHeights(measured, cols.map((c) => c.width), merges),
    name: SHEET_NAMES[appendix],
    role: appendix,
    columns: cols,
    cells,
    merges,
    inputRanges,
    validations,
    protect: false,
    // The official table is printed; the status column (and the hidden id) stays on screen.
    print: appendixPageSetup(HEADER_ROW, r + 1, idx("status")),
    font: DOCUMENT_FONT,
    freeze: { rows: HEADER_ROW + 1, cols: 0 },
    indicatorRows,
  };
}

/** Sub-group headings over "+" rows carry a note cell, where "Không có" speaks for the rows below. */
export function headingTakesNote(row: { type: string; labelVi: string }): boolean {
  return row.type === "subgroup" && /^-\s/.test(row.labelVi);
}

function validationFor(row: IndicatorRow, r: number, firstValueCol: number): DataValidationSpec {
  const range = { row: r, col: firstValueCol, rowCount: 1, colCount: 2 };
  if (row.kind === "yesno") return { range, listSource: LIST_RANGES.yesno, choices: YESNO_CHOICES };
  // Other kinds take free entry; the list only offers the two "no value" answers, and a
  // warning-style validation lets any other text through.
  return { range, listSource: LIST_RANGES.noData, choices: NODATA_CHOICES };
}

export function buildListsSheet(): SheetTemplate {
  const cells: TemplateCell[] = [];
  YESNO_CHOICES.forEach((v, i) => cells.push({ row: i, col: 0, value: v }));
  NODATA_CHOICES.forEach((v, i) => cells.push({ row: i, col: 1, value: v }));
  return {
    name: SHEET_NAMES.lists,
    role: "lists",
    columns: [
      { key: "note", header: { vi: "Có/Không", en: "Yes/No" }, width: 12 },
      { key: "note", header: { vi: "Không số liệu", en: "No data" }, width: 12 },
    ],
    cells,
    merges: [],
    inputRanges: [],
    validations: [],
    protect: false,
    hidden: true,
    font: DOCUMENT_FONT,
  };
}

/** The whole workbook our template consists of. */
export function buildWorkbookTemplate(catalogue: Catalogue, cover: CoverInfo = {}, fill: FillValues = {}, coverSheet: string | null = SHEET_NAMES.cover): WorkbookTemplate {
  return {
    sheets: [
      buildCoverSheet(cover),
      buildAppendixSheet(catalogue, "PL1", cover, fill, coverSheet),
      buildAppendixSheet(catalogue, "PL2", cover, fill, coverSheet),
      buildListsSheet(),
    ],
  };
}

/** "A1" address of a 0-based cell. */
export function a1(row: number, col: number): string {
  let c = col + 1;
  let letters = "";
  while (c > 0) {
    const m = (c - 1) % 26;
    letters = String.fromCharCode(65 + m) + letters;
    c = Math.floor((c - 1) / 26);
  }
  return `${letters}${row + 1}`;
}

export function rangeA1(r: RangeRect): string {
  const tl = a1(r.row, r.col);
  if (r.rowCount === 1 && r.colCount === 1) return tl;
  return `${tl}:${a1(r.row + r.rowCount - 1, r.col + r.colCount - 1)}`;
}

/**
 * The Snapshot an adapter would read back from a freshly written template: lets the engine
 * check a template (or a training sample) without a workbook, and benchmarks run it alone.
 */
export function templateToSnapshot(t: WorkbookTemplate): WorkbookSnapshot {
  return { sheets: t.sheets.map(templateSheetToSnapshot) };
}

function templateSheetToSnapshot(t: SheetTemplate): SheetSnapshot {
  let rows = 0;
  let cols = t.columns.length;
  for (const c of t.cells) {
    if (c.row + 1 > rows) rows = c.row + 1;
    if (c.col + 1 > cols) cols = c.col + 1;
  }
  const values: CellValue[][] = [];
  const valueTypes: CellValueType[][] = [];
  const numberFormats: string[][] = [];
  const text: string[][] = [];
  for (let i = 0; i < rows; i++) {
    values.push(new Array<CellValue>(cols).fill(""));
    valueTypes.push(new Array<CellValueType>(cols).fill("Empty"));
    numberFormats.push(new Array<string>(cols).fill("General"));
    text.push(new Array<string>(cols).fill(""));
  }
  for (const c of t.cells) {
    if (c.numberFormat) numberFormats[c.row][c.col] = c.numberFormat;
    if (c.value === null || c.value === "") continue;
    values[c.row][c.col] = c.value;
    valueTypes[c.row][c.col] = typeof c.value === "number" ? "Double" : "String";
    text[c.row][c.col] = String(c.value);
  }
  return {
    name: t.name,
    origin: { row: 0, col: 0 },
    values,
    valueTypes,
    numberFormats,
    text,
    merges: t.merges.slice(),
    hiddenRows: [],
    hiddenCols: t.columns.map((c, i) => (c.hidden ? i : -1)).filter((i) => i >= 0),
    protected: t.protect,
    visible: !t.hidden,
  };
}
