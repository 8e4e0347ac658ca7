/**
 * A corpus of workbooks laid out the ways provinces and districts lay out their appendix
 * tables, generated from the Lai Châu seed: each layout is a list of transformations of
 * one model (the seed's two tables), rendered to engine snapshots. The renderer knows
 * where every seed cell lands, so each layout carries its expected mapping (the column of
 * each role, the years stated) and where its planted faults are.
 *
 * To add a layout: append an entry to LAYOUTS with a name and its steps (the transforms
 * below, or a new one: a function that changes the model). To add a value variant (how a
 * cell is written), write a step that rewrites `t.rows[i].cells[role]`; to plant a fault,
 * add to FAULTS (indicator, role, text written, the rule code expected).
 */
import type { AppendixId } from "../../src/catalogue/types";
import { isIndicator } from "../../src/catalogue/types";
import { nationalCatalogue, NATIONAL_ABBREVIATIONS } from "../../src/catalogue";
import type { CellValue, CellValueType, RangeRect, SheetSnapshot, WorkbookSnapshot } from "../../src/engine/types";
import { abbreviate } from "../helpers/rewording";
import { readSeedAppendices } from "../helpers/seedTables";

export type Role = "stt" | "label" | "unit" | "target" | "baseline" | "result" | "note" | "comparison" | "extra";

export interface Column {
  role: Role;
  /** Header texts from the top header row down; fewer than the table's header rows: the last is merged down. */
  header: string[];
  /** The year this column states (period roles). */
  year?: number;
}

export interface SeedTableRow {
  /** The catalogue row this seed row is (same order as the catalogue). */
  id: string;
  indicator: boolean;
  cells: Partial<Record<Role, string>>;
}

export interface TableModel {
  appendix: AppendixId;
  sheet: string;
  /** Lines above the table (titles, "Kèm theo báo cáo…"), each in the table's first column. */
  title: string[];
  blankAfterTitle: number;
  columns: Column[];
  /** Column-number row under the header ("(1)", "(2)"…). */
  numberRow: boolean;
  /** Heading rows (no values) merged across the whole table width. */
  mergeHeadings: boolean;
  /** Where the table begins: first column (0 = A). */
  startCol: number;
  rows: SeedTableRow[];
}

export interface Model {
  tables: TableModel[];
  /** Sheets without tables, before the tables (a cover, instructions). */
  extraSheets: string[];
}

export type Step = (m: Model) => void;

export interface Fault {
  indicatorId: string;
  role: "baseline" | "result";
  text: string;
  code: string;
}

/** Values the rules must flag wherever the table stands. */
export const FAULTS: Fault[] = [
  { indicatorId: "PL1-15", role: "result", text: "150", code: "NQ24-E004" },
  { indicatorId: "PL1-30", role: "baseline", text: "-21,3", code: "NQ24-E004" },
  { indicatorId: "PL2-098", role: "result", text: "120", code: "NQ24-E004" },
];

// ---------------------------------------------------------------- the seed as a model

/** Where the seed's text export is read from (the bench runs the compiled generator elsewhere). */
export const corpusFiles: { seed?: string } = {};

function seedModel(): Model {
  const seed = readSeedAppendices(corpusFiles.seed);
  const tables: TableModel[] = [];
  for (const appendix of ["PL1", "PL2"] as AppendixId[]) {
    const cat = nationalCatalogue.rows.filter((r) => r.appendix === appendix);
    const rows = seed.filter((r) => r.appendix === appendix);
    if (rows.length !== cat.length) throw new Error(`seed ${appendix} has ${rows.length} rows, the catalogue ${cat.length}`);
    const columns: Column[] = [
      { role: "stt", header: ["STT"] },
      { role: "label", header: [appendix === "PL1" ? "Các mục tiêu cụ thể của Nghị quyết" : "Chỉ tiêu đánh giá"] },
      ...(appendix === "PL1" ? [{ role: "target" as Role, header: ["Mục tiêu đề ra đến 2020"], year: 2020 }] : []),
      { role: "baseline", header: [appendix === "PL1" ? "Hiện trạng 2013" : "2013"], year: 2013 },
      { role: "result", header: [appendix === "PL1" ? "Kết quả đạt được đến 2022" : "2022"], year: 2022 },
      { role: "note", header: ["Ghi chú"] },
    ];
    tables.push({
      appendix,
      sheet: appendix === "PL1" ? "Phụ lục 1" : "Phụ lục 2",
      title: [appendix === "PL1" ? "Phụ lục 1" : "Phụ lục 2", "(Kèm theo Báo cáo số      /BC-UBND ngày    /5/2023 của UBND thành phố LC)"],
      blankAfterTitle: 0,
      columns,
      numberRow: false,
      mergeHeadings: false,
      startCol: 0,
      rows: rows.map((r, i) => ({
        id: cat[i].id,
        indicator: isIndicator(cat[i]),
        cells: { stt: r.stt, label: r.label, target: r.target, baseline: r.baseline, result: r.result, note: r.note, unit: isIndicator(cat[i]) ? cat[i].unit : "" },
      })),
    });
  }
  return { tables, extraSheets: [] };
}

// ---------------------------------------------------------------- transformations

const each =
  (f: (t: TableModel) => void): Step =>
  (m) =>
    m.tables.forEach(f);

/** Period headers written another way: `form(role, year)` gives the header text. */
export const periodHeaders = (form: (role: "baseline" | "result" | "target", year: number) => string): Step =>
  each((t) => {
    for (const c of t.columns) if (c.role === "baseline" || c.role === "result" || c.role === "target") c.header = [form(c.role, c.year as number)];
  });

/** Other reporting years (a district reporting 2012 → 2023): headers and expected years change. */
export const years = (baseline: number, result: number): Step =>
  each((t) => {
    for (const c of t.columns) {
      if (c.role !== "baseline" && c.role !== "result") continue;
      const from = c.year as number;
      c.year = c.role === "baseline" ? baseline : result;
      c.header = c.header.map((h) => h.replace(String(from), String(c.year)));
    }
  });

/** A group cell over the period columns ("Kết quả thực hiện" over "Năm 2013 | Năm 2022"). */
export const groupHeader = (group: string): Step =>
  each((t) => {
    for (const c of t.columns) if (c.role === "baseline" || c.role === "result") c.header = [group, ...c.header];
  });

/** A top band over every column ("BIỂU TỔNG HỢP CHỈ TIÊU" merged across), as a further header row. */
export const bandHeader = (band: string): Step =>
  each((t) => {
    for (const c of t.columns) c.header = [band, ...c.header];
  });

export const numberRow: Step = each((t) => (t.numberRow = true));
export const mergeHeadings: Step = each((t) => (t.mergeHeadings = true));
export const startAt = (c: number): Step => each((t) => (t.startCol = c));
export const title = (lines: string[], blank = 1): Step =>
  each((t) => {
    t.title = lines.map((l) => l.replace("{n}", t.appendix === "PL1" ? "1" : "2"));
    t.blankAfterTitle = blank;
  });

/** Sheet names as provinces write them: `{n}` is the appendix number, `{N}` in Roman numerals. */
export const sheetNames = (pattern: string): Step =>
  each((t) => {
    const n = t.appendix === "PL1" ? "1" : "2";
    t.sheet = pattern.replace("{n}", n).replace("{N}", n === "1" ? "I" : "II");
  });

/** A column inserted after another role. */
export const insertColumn = (after: Role, c: Column, value: (r: SeedTableRow) => string = () => ""): Step =>
  each((t) => {
    const at = t.columns.findIndex((x) => x.role === after);
    if (at < 0) return;
    t.columns.splice(at + 1, 0, { ...c, header: c.header.slice() });
    if (c.role === "comparison" || c.role === "extra") for (const r of t.rows) if (r.indicator) r.cells[c.role] = value(r);
  });

export const unitColumn = (header = "ĐVT"): Step => insertColumn("label", { role: "unit", header: [header] });
export const comparisonColumn = (header: string): Step =>
  insertColumn("result", { role: "comparison", header: [header] }, (r) => (r.cells.baseline && r.cells.result ? "x" : ""));

/** Columns in another order (roles listed first come first). */
export const order = (roles: Role[]): Step =>
  each((t) => {
    t.columns.sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role));
  });

/** Labels abbreviated as staff do (KCN, BĐKH, CTR…). */
export const abbreviated: Step = each((t) => {
  for (const r of t.rows) if (r.cells.label) r.cells.label = abbreviate(r.cells.label, NATIONAL_ABBREVIATIONS);
});

/** Both tables on one sheet, the second under the first after a blank row. */
export const oneSheet = (name: string): Step => (m) => {
  for (const t of m.tables) t.sheet = name;
};

/** A value written into a seed cell (the seed's own gaps filled, for a report that is ready). */
export const fill = (id: string, role: Role, text: string): Step => (m) => {
  for (const t of m.tables) for (const r of t.rows) if (r.id === id) r.cells[role] = text;
};

/** A table left out of the workbook. */
export const dropTable = (appendix: AppendixId): Step => (m) => {
  m.tables = m.tables.filter((t) => t.appendix !== appendix);
};

/** A column left out of one table. */
export const dropColumn = (appendix: AppendixId, role: Role): Step => (m) => {
  for (const t of m.tables) if (t.appendix === appendix) t.columns = t.columns.filter((c) => c.role !== role);
};

/** A column's header rewritten (to words that say nothing of its role or year). */
export const renameColumn = (appendix: AppendixId, role: Role, header: string): Step => (m) => {
  for (const t of m.tables) for (const c of t.columns) if (t.appendix === appendix && c.role === role) c.header = [header];
};

/** A catalogue row left out of its table. */
export const dropRow = (id: string): Step => (m) => {
  for (const t of m.tables) t.rows = t.rows.filter((r) => r.id !== id);
};

/** The seed's four empty results filled: the seed laid out as pasted is then ready to send. */
export const SEED_GAPS_FILLED: Step[] = [fill("PL2-038", "result", "2"), fill("PL2-051", "result", "1200"), fill("PL2-068", "result", "50"), fill("PL2-069", "result", "80")];

export const extraSheets =
  (...names: string[]): Step =>
  (m) => {
    m.extraSheets = names;
  };

// ---------------------------------------------------------------- the layouts

export interface Layout {
  name: string;
  steps: Step[];
}

const y = (role: string, year: number) => (role === "target" ? `Mục tiêu đến năm ${year}` : `Năm ${year}`);

export const LAYOUTS: Layout[] = [
  { name: "seed (as pasted from the Word file)", steps: [] },
  { name: "Năm 2013 / Năm 2022, sheets PL01, PL02", steps: [periodHeaders(y), sheetNames("PL0{n}")] },
  { name: "bare years, sheets PL I, PL II", steps: [periodHeaders((r, yr) => (r === "target" ? `Mục tiêu ${yr}` : String(yr))), sheetNames("PL {N}")] },
  { name: "Hiện trạng / Thực hiện năm, title above", steps: [periodHeaders((r, yr) => (r === "baseline" ? `Hiện trạng ${yr}` : r === "result" ? `Thực hiện năm ${yr}` : `Mục tiêu đến năm ${yr}`)), title(["UBND THÀNH PHỐ LAI CHÂU", "", "PHỤ LỤC {n}", "BIỂU TỔNG HỢP CÁC CHỈ TIÊU"], 2)] },
  { name: "Ước TH and 31/12, sheets Biểu 01", steps: [periodHeaders((r, yr) => (r === "baseline" ? `31/12/${yr}` : r === "result" ? `Ước TH ${yr}` : `Mục tiêu ${yr}`)), sheetNames("Biểu 0{n}")] },
  { name: "Số liệu năm…, sheets Biểu số {n}", steps: [periodHeaders((r, yr) => (r === "target" ? `Mục tiêu đến ${yr}` : `Số liệu năm ${yr}`)), sheetNames("Biểu số {n}")] },
  { name: "English headers", steps: [periodHeaders((r, yr) => (r === "baseline" ? `Baseline ${yr}` : r === "result" ? `Result ${yr}` : `Target ${yr}`)), sheetNames("Appendix {n}")] },
  { name: "two header rows: group over the years", steps: [periodHeaders(y), groupHeader("Kết quả thực hiện"), sheetNames("PL{n}")] },
  { name: "two header rows and column numbers", steps: [periodHeaders(y), groupHeader("Số liệu"), numberRow] },
  { name: "three header rows: band, group, years", steps: [periodHeaders(y), groupHeader("Kết quả thực hiện"), bandHeader("CHỈ TIÊU ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT"), numberRow] },
  { name: "four header rows", steps: [periodHeaders(y), groupHeader("Giai đoạn"), groupHeader("Kết quả thực hiện"), bandHeader("TỔNG HỢP"), sheetNames("PL0{n}")] },
  { name: "unit column (ĐVT)", steps: [unitColumn(), periodHeaders(y)] },
  { name: "unit column and comparison column", steps: [unitColumn("Đơn vị tính"), comparisonColumn("So sánh 2022/2013 (%)")] },
  { name: "comparison column with a year pair", steps: [periodHeaders(y), comparisonColumn("Tăng/giảm năm 2022 so với năm 2013")] },
  { name: "other years 2012 → 2023", steps: [periodHeaders(y), years(2012, 2023)] },
  { name: "Kết quả đạt được đến 2021, one sheet", steps: [years(2014, 2021), oneSheet("Sheet1")] },
  { name: "both tables on one sheet with titles", steps: [periodHeaders(y), oneSheet("Phụ lục"), title(["PHỤ LỤC {n}", "(Kèm theo Báo cáo của UBND huyện)"], 1)] },
  { name: "table starts at column C, merged headings", steps: [startAt(2), mergeHeadings, periodHeaders(y)] },
  { name: "abbreviated labels", steps: [abbreviated, periodHeaders(y)] },
  { name: "district: instructions first, sheets PL01, group header, unit, numbers", steps: [extraSheets("Hướng dẫn", "Danh mục"), sheetNames("PL0{n}"), unitColumn(), periodHeaders(y), groupHeader("Kết quả"), numberRow, title(["UBND HUYỆN TAM ĐƯỜNG", "PHỤ LỤC {n}"])] },
  { name: "note before the years, STT last", steps: [order(["label", "unit", "note", "target", "baseline", "result", "stt"]), periodHeaders(y)] },
  { name: "everything at once", steps: [extraSheets("Ghi chú chung"), abbreviated, unitColumn(), periodHeaders((r, yr) => (r === "baseline" ? `Hiện trạng ${yr}` : r === "result" ? `Ước TH ${yr}` : `Mục tiêu ${yr}`)), groupHeader("Kết quả thực hiện"), bandHeader("BIỂU SỐ LIỆU"), numberRow, comparisonColumn("So sánh (%)"), startAt(1), mergeHeadings, sheetNames("PL {N}"), title(["PHỤ LỤC {n}"], 2)] },
];

// ---------------------------------------------------------------- rendering

export interface ExpectedTable {
  appendix: AppendixId;
  sheet: string;
  /** Column (0-based) of each role read. */
  columns: Partial<Record<Role, number>>;
  years: { baseline: number; result: number; target?: number };
  /** Row (0-based) of each catalogue row of this table. */
  rowOf: Map<string, number>;
}

export interface Generated {
  name: string;
  snapshot: WorkbookSnapshot;
  tables: ExpectedTable[];
  /** Each planted fault with the cell it landed in. */
  faults: (Fault & { sheet: string; cell: string })[];
}

function letter(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

class Grid {
  cells: (string | null)[][] = [];
  merges: RangeRect[] = [];
  set(r: number, c: number, v: string): void {
    while (this.cells.length <= r) this.cells.push([]);
    this.cells[r][c] = v;
  }
  toSheet(name: string): SheetSnapshot {
    const width = Math.max(1, ...this.cells.map((r) => r.length));
    const values: CellValue[][] = [];
    const valueTypes: CellValueType[][] = [];
    const numberFormats: string[][] = [];
    const text: string[][] = [];
    for (const row of this.cells.length ? this.cells : [[]]) {
      const v: string[] = [];
      for (let j = 0; j < width; j++) v.push(row[j] ?? "");
      values.push(v);
      valueTypes.push(v.map((x) => (x === "" ? "Empty" : "String")));
      numberFormats.push(v.map(() => "General"));
      text.push(v.slice());
    }
    return { name, origin: { row: 0, col: 0 }, values, valueTypes, numberFormats, text, merges: this.merges, hiddenRows: [], hiddenCols: [], protected: false };
  }
}

/** Header rows: a column's texts from the top; a group text shared by neighbours is one merged cell. */
function renderHeader(g: Grid, t: TableModel, top: number): number {
  const h = Math.max(...t.columns.map((c) => c.header.length));
  const group = (j: number, level: number) => {
    const c = t.columns[j];
    return c && c.header.length - 1 > level ? c.header[level] : undefined;
  };
  t.columns.forEach((c, j) => {
    const col = t.startCol + j;
    c.header.forEach((text, level) => {
      if (level === c.header.length - 1) {
        g.set(top + level, col, text);
        if (h - level > 1) g.merges.push({ row: top + level, col, rowCount: h - level, colCount: 1 });
        return;
      }
      if (group(j - 1, level) === text) return;
      let span = 1;
      while (group(j + span, level) === text) span++;
      g.set(top + level, col, text);
      if (span > 1) g.merges.push({ row: top + level, col, rowCount: 1, colCount: span });
    });
  });
  return top + h;
}

function renderTable(g: Grid, t: TableModel, top: number, out: Generated): number {
  let r = top;
  for (const line of t.title) g.set(r++, t.startCol, line);
  r += t.blankAfterTitle;
  r = renderHeader(g, t, r);
  if (t.numberRow) t.columns.forEach((_, j) => g.set(r, t.startCol + j, `(${j + 1})`));
  if (t.numberRow) r++;
  const exp: ExpectedTable = { appendix: t.appendix, sheet: t.sheet, columns: {}, years: { baseline: 0, result: 0 }, rowOf: new Map() };
  t.columns.forEach((c, j) => {
    if (c.role !== "comparison" && c.role !== "extra") exp.columns[c.role] = t.startCol + j;
    if (c.role === "baseline" || c.role === "result" || c.role === "target") exp.years[c.role] = c.year as number;
  });
  for (const row of t.rows) {
    exp.rowOf.set(row.id, r);
    const heading = !row.indicator && !row.cells.baseline && !row.cells.result && !row.cells.note;
    t.columns.forEach((c, j) => {
      const v = row.cells[c.role];
      if (v) g.set(r, t.startCol + j, v);
    });
    if (heading && t.mergeHeadings) {
      const labelAt = t.columns.findIndex((c) => c.role === "label");
      if (labelAt >= 0 && labelAt < t.columns.length - 1) g.merges.push({ row: r, col: t.startCol + labelAt, rowCount: 1, colCount: t.columns.length - labelAt });
    }
    r++;
  }
  out.tables.push(exp);
  return r;
}

export function generate(layout: Layout, faults: Fault[] = FAULTS): Generated {
  const m = seedModel();
  for (const step of layout.steps) step(m);
  for (const f of faults) {
    const row = m.tables.flatMap((t) => t.rows).find((r) => r.id === f.indicatorId);
    if (!row) throw new Error(`no seed row ${f.indicatorId}`);
    row.cells[f.role] = f.text;
  }
  const out: Generated = { name: layout.name, snapshot: { sheets: [] }, tables: [], faults: [] };
  for (const name of m.extraSheets) {
    const g = new Grid();
    g.set(0, 0, name);
    out.snapshot.sheets.push(g.toSheet(name));
  }
  const sheets = new Map<string, { g: Grid; next: number }>();
  for (const t of m.tables) {
    const s = sheets.get(t.sheet) ?? { g: new Grid(), next: 0 };
    sheets.set(t.sheet, s);
    s.next = renderTable(s.g, t, s.next, out) + 1;
  }
  sheets.forEach((s, name) => out.snapshot.sheets.push(s.g.toSheet(name)));
  for (const f of faults) {
    const t = out.tables.find((x) => x.rowOf.has(f.indicatorId)) as ExpectedTable;
    out.faults.push({ ...f, sheet: t.sheet, cell: `${letter(t.columns[f.role] as number)}${(t.rowOf.get(f.indicatorId) as number) + 1}` });
  }
  return out;
}

