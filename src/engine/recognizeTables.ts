/**
 * Finding appendix tables in a workbook by their headers, wherever they are: any sheet,
 * any row (titles of any height above), any first column; a header of up to four rows with
 * merged group cells; a column-number row ("(1) (2) (3)…", "A B 1 2") under it; both tables
 * on one sheet. What each column holds comes from recognizeHeaders.ts; which appendix a
 * table is comes first from its own marks (our hidden ids, a target column, its title, its
 * sheet's name) and is settled by its rows (recognizeLabels.ts).
 */
import type { AppendixId, ColumnRole, Periods } from "../catalogue/types";
import { NATIONAL_PERIODS } from "../catalogue/periods";
import { cellString, foldShort, mergeAt, rowWidth, shownText } from "./recognizeCells";
import { classifyColumn, resolveColumns, type ColumnHeader, type HeaderClass, type ResolvedHeader } from "./recognizeHeaders";
import type { LocatedTable, SheetSnapshot, WorkbookSnapshot } from "./types";
import { foldForMatch } from "./values";

/** How far down a sheet the first header is looked for (titles and letterheads sit above it). */
const HEADER_SCAN_ROWS = 80;
/** A header has at most this many rows (group cells over sub-headers). */
const MAX_HEADER_ROWS = 4;
/** Header cells are short; a longer text is a title or a label. */
const HEADER_CELL_CHARS = 80;

export interface HeaderBlock {
  /** Absolute rows of the header's texts (top: the highest group row). */
  top: number;
  bottom: number;
  /** A column-number row under the header ("(1) (2) (3)…"), skipped as data. */
  numberRow?: number;
  headers: ColumnHeader[];
  resolved: ResolvedHeader;
  /** No label header: the label column was taken as the one holding the most text. */
  labelInferred: boolean;
  /** No period column recognised: kept only if its rows match indicators (see recognizeLabels). */
  weak: boolean;
}

export interface TableRows {
  table: LocatedTable;
  /** Absolute rows of the table body (header excluded), up to the next table or the sheet's end. */
  firstRow: number;
  lastRow: number;
  block: HeaderBlock;
  /** The title line found above the header ("PHỤ LỤC 2 …"), if any. */
  title?: string;
  /** What the table's own marks say about its appendix, strongest first. */
  hint?: { appendix: AppendixId; by: "target" | "title" | "sheet" };
}

// ---------------------------------------------------------------- header rows

/** Texts a header row may hold besides role words: group cells and neutral headings. */
const GROUP_WORDS = /so lieu|\bnam\b|ket qua|thuc hien|giai doan|thoi diem|\bky\b|gia tri|don vi|data|\byear\b|period|value/;
const COLUMN_NUMBER = /^\(?\s*(?:\d{1,2}|[a-z]|[ivx]{1,4})\s*\)?$/i;
const COLUMN_FORMULA = /^\(?\d{1,2}\)?\s*=\s*[()\d+\-*/x:×.,\s]+$/i;

function isYearNumber(v: unknown): boolean {
  return typeof v === "number" && v >= 1990 && v <= 2100 && Math.floor(v) === v;
}

/** A cell's own text (relative indexes): "" inside a merged area but at its top-left, which speaks for it. */
function ownText(sheet: SheetSnapshot, i: number, j: number): string {
  const row = sheet.origin.row + i;
  const col = sheet.origin.col + j;
  const m = mergeAt(sheet, row, col);
  if (m && (m.row !== row || m.col !== col)) return "";
  return cellString(sheet, i, j).trim();
}

/** The column of a row whose short text names the label column ("Chỉ tiêu", "Nội dung"), if any. */
function labelColumnIn(sheet: SheetSnapshot, i: number, periods: Periods): number | undefined {
  const w = rowWidth(sheet, i);
  for (let j = 0; j < w; j++) {
    const v = sheet.values[i]?.[j];
    if (typeof v !== "string" && !sheet.text[i]?.[j]) continue;
    const raw = cellString(sheet, i, j);
    if (raw.length < 2 || raw.length > HEADER_CELL_CHARS) continue;
    const c = classifyColumn([raw], periods);
    if (c.kind === "role" && c.role === "label") return sheet.origin.col + j;
  }
  return undefined;
}

/** Whether a row holds only header words: group cells, years, role words. */
function headerish(sheet: SheetSnapshot, i: number, periods: Periods, fromCol: number): { header: number; other: number; data: boolean } {
  let header = 0;
  let other = 0;
  const w = rowWidth(sheet, i);
  for (let j = Math.max(0, fromCol - sheet.origin.col); j < w; j++) {
    const raw = ownText(sheet, i, j);
    if (!raw) continue;
    const v = sheet.values[i]?.[j];
    if (typeof v === "number" && !isYearNumber(v)) return { header, other, data: true };
    if (raw.length > HEADER_CELL_CHARS) return { header, other, data: true };
    const c: HeaderClass = classifyColumn([raw], periods);
    if (c.kind !== "none" || GROUP_WORDS.test(foldShort(raw))) header++;
    else other++;
  }
  return { header, other, data: false };
}

/** The row under a header block continues it: header words only, nothing in the label column but a merge from above. */
function continuesHeader(sheet: SheetSnapshot, i: number, labelCol: number | undefined, top: number, periods: Periods): boolean {
  if (i >= sheet.values.length || isColumnNumberRow(sheet, i)) return false;
  if (labelCol !== undefined) {
    const row = sheet.origin.row + i;
    const m = mergeAt(sheet, row, labelCol);
    const covered = m !== undefined && m.row < row && m.row >= top;
    if (!covered && cellString(sheet, i, labelCol - sheet.origin.col).trim() !== "") return false;
  }
  const h = headerish(sheet, i, periods, sheet.origin.col);
  return !h.data && h.header >= 1 && h.other <= h.header;
}

/** The row above a header block is one of its group rows: a merge crossing into it, or group words right of the label column. */
function groupRowAbove(sheet: SheetSnapshot, i: number, labelCol: number | undefined, top: number, periods: Periods): boolean {
  if (i < 0) return false;
  const row = sheet.origin.row + i;
  const w = rowWidth(sheet, i);
  let crossing = false;
  for (let j = 0; j < w; j++) {
    const m = mergeAt(sheet, row, sheet.origin.col + j);
    if (!m) continue;
    // A title merged over the label column is above the table, not part of its header.
    if (labelCol !== undefined && m.col <= labelCol && m.col + m.colCount > labelCol && m.rowCount === 1) return false;
    if (m.row + m.rowCount > top) crossing = true;
  }
  if (crossing) return true;
  const from = labelCol !== undefined ? labelCol + 1 : sheet.origin.col;
  for (let j = 0; j < Math.min(w, from - sheet.origin.col); j++) if (cellString(sheet, i, j).trim()) return false;
  const h = headerish(sheet, i, periods, from);
  return !h.data && h.header >= 1 && h.other === 0;
}

/** "(1) (2) (3) …", "1 2 3 4 5", "A B 1 2", "(4)=(3)-(2)": numbers the columns, holds no data. */
export function isColumnNumberRow(sheet: SheetSnapshot, i: number): boolean {
  if (i < 0 || i >= sheet.values.length) return false;
  let n = 0;
  const w = rowWidth(sheet, i);
  for (let j = 0; j < w; j++) {
    const v = sheet.values[i]?.[j];
    const raw = cellString(sheet, i, j).trim();
    if (!raw) continue;
    if (typeof v === "number" ? Math.floor(v) === v && v >= 0 && v < 100 : COLUMN_NUMBER.test(raw) || COLUMN_FORMULA.test(raw)) n++;
    else return false;
  }
  return n >= 3;
}

/** The columns a header block spans: every column with a header text, merged areas included. */
function blockColumns(sheet: SheetSnapshot, top: number, bottom: number): { first: number; last: number } | null {
  let first = Infinity;
  let last = -Infinity;
  for (let r = top; r <= bottom; r++) {
    const i = r - sheet.origin.row;
    const w = rowWidth(sheet, i);
    for (let j = 0; j < w; j++) {
      const c = sheet.origin.col + j;
      if (!shownText(sheet, r, c).trim()) continue;
      const m = mergeAt(sheet, r, c);
      first = Math.min(first, m ? m.col : c);
      last = Math.max(last, m ? m.col + m.colCount - 1 : c);
    }
  }
  return first <= last ? { first, last } : null;
}

/** The column holding the most text in the rows under the header, left of the first period column: the labels. */
function inferLabelColumn(sheet: SheetSnapshot, headers: ColumnHeader[], resolved: ResolvedHeader, from: number): number | undefined {
  const periodCols = (["baseline", "result", "target"] as const).map((r) => resolved.columns[r]).filter((c): c is number => c !== undefined);
  const limit = periodCols.length ? Math.min(...periodCols) : Infinity;
  const taken = new Set(Object.keys(resolved.columns).map((k) => resolved.columns[k as ColumnRole]));
  let best: number | undefined;
  let bestChars = 0;
  for (const h of headers) {
    if (h.col >= limit || taken.has(h.col)) continue;
    let chars = 0;
    let rows = 0;
    for (let r = from; r < from + 20; r++) {
      const i = r - sheet.origin.row;
      if (i >= sheet.values.length) break;
      const v = sheet.values[i]?.[h.col - sheet.origin.col];
      if (typeof v !== "string") continue;
      const t = v.trim();
      if (/[A-Za-zÀ-ỹĐđ]{2}/.test(t)) {
        chars += t.length;
        rows++;
      }
    }
    if (rows >= 3 && chars > bestChars) {
      bestChars = chars;
      best = h.col;
    }
  }
  return best;
}

/** The header block around an anchor row (relative index), or null when its columns make no table. */
function blockAt(sheet: SheetSnapshot, i: number, labelCol: number | undefined, periods: Periods): HeaderBlock | null {
  const row = sheet.origin.row + i;
  let top = row;
  let bottom = row;
  while (bottom - top < MAX_HEADER_ROWS - 1 && continuesHeader(sheet, bottom + 1 - sheet.origin.row, labelCol, top, periods)) bottom++;
  while (bottom - top < MAX_HEADER_ROWS - 1 && groupRowAbove(sheet, top - 1 - sheet.origin.row, labelCol, top, periods)) top--;
  const numberRow = isColumnNumberRow(sheet, bottom + 1 - sheet.origin.row) ? bottom + 1 : undefined;
  const span = blockColumns(sheet, top, bottom);
  if (!span) return null;
  const headers: ColumnHeader[] = [];
  for (let c = span.first; c <= span.last; c++) {
    const texts: string[] = [];
    for (let r = top; r <= bottom; r++) texts.push(shownText(sheet, r, c));
    const distinct = texts.map((t) => t.replace(/\s+/g, " ").trim()).filter((t, k, all) => t && all.indexOf(t) === k);
    headers.push({ col: c, header: distinct.join(" / "), cls: classifyColumn(texts, periods) });
  }
  const resolved = resolveColumns(headers, periods);
  let labelInferred = false;
  if (resolved.columns.label === undefined) {
    const inferred = inferLabelColumn(sheet, headers, resolved, (numberRow ?? bottom) + 1);
    if (inferred === undefined) return null;
    resolved.columns.label = inferred;
    labelInferred = true;
  }
  const c = resolved.columns;
  const periodsFound = c.baseline !== undefined || c.result !== undefined || c.target !== undefined;
  const others = ["stt", "note", "unit", "comparison", "id"].filter((k) => c[k as ColumnRole] !== undefined).length;
  if (!periodsFound && (labelInferred || others === 0)) return null;
  return { top, bottom, numberRow, headers, resolved, labelInferred, weak: !periodsFound };
}

/** Below a first table, a second one starts with a header in the same STT or label column. */
function mayRestart(sheet: SheetSnapshot, i: number, first: HeaderBlock, periods: Periods): boolean {
  for (const key of ["stt", "label"] as const) {
    const c = first.resolved.columns[key];
    if (c === undefined || (key === "label" && first.labelInferred)) continue;
    const raw = cellString(sheet, i, c - sheet.origin.col);
    if (raw.length === 0 || raw.length > (key === "stt" ? 20 : 60)) continue;
    const cls = classifyColumn([raw], periods);
    if (cls.kind === "role" && cls.role === key) return true;
  }
  return false;
}

/** The header blocks of a sheet, top to bottom. */
export function findHeaderBlocks(sheet: SheetSnapshot, periods: Periods): HeaderBlock[] {
  const blocks: HeaderBlock[] = [];
  const rows = sheet.values.length;
  for (let i = 0; i < rows; i++) {
    if (blocks.length === 0 && i > HEADER_SCAN_ROWS) break;
    if (blocks.length > 0 && !mayRestart(sheet, i, blocks[0], periods)) continue;
    const labelCol = labelColumnIn(sheet, i, periods);
    if (labelCol === undefined) continue;
    const b = blockAt(sheet, i, labelCol, periods);
    if (!b) continue;
    // Tables do not overlap: a group row above cannot reach into the table before.
    const prev = blocks[blocks.length - 1];
    if (prev && b.top <= (prev.numberRow ?? prev.bottom)) continue;
    blocks.push(b);
    i = (b.numberRow ?? b.bottom) - sheet.origin.row;
  }
  if (blocks.length === 0) {
    // No header names its label column: a header row with period columns, labels found by content.
    for (let i = 0; i < Math.min(rows, HEADER_SCAN_ROWS); i++) {
      if (!hasPeriodCells(sheet, i, periods)) continue;
      const b = blockAt(sheet, i, undefined, periods);
      if (b && !b.weak) {
        blocks.push(b);
        break;
      }
    }
  }
  return blocks;
}

/** A header row without a label header shows at least two period columns (a lone date is a cover's field). */
function hasPeriodCells(sheet: SheetSnapshot, i: number, periods: Periods): boolean {
  const w = rowWidth(sheet, i);
  let n = 0;
  for (let j = 0; j < w; j++) {
    const raw = cellString(sheet, i, j);
    if (raw.length < 4 || raw.length > HEADER_CELL_CHARS || !/\d{4}/.test(raw)) continue;
    const c = classifyColumn([raw], periods);
    if (c.kind === "period" && c.roles.length) n++;
  }
  return n >= 2;
}

// ---------------------------------------------------------------- appendix marks

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10 };

function appendixNumber(token: string): AppendixId | undefined {
  const n = /^\d+$/.test(token) ? Number(token) : ROMAN[token];
  return n === 1 ? "PL1" : n === 2 ? "PL2" : undefined;
}

/** "PL1", "PL01", "PL II", "Phụ lục 2", "Phu luc I", "Biểu số 02", "Appendix 1" → the appendix it numbers. */
export function appendixOfName(name: string): AppendixId | undefined {
  const m = /^(?:pl|phu luc|phl|bieu(?: so)?|appendix|annex)\s*(?:so\s*)?0*(\d{1,2}|[ivx]{1,4})(?![a-z0-9])/.exec(foldForMatch(name));
  return m ? appendixNumber(m[1]) : undefined;
}

const TITLE_NUMBERED = /\b(?:phu luc|appendix|annex|bieu(?: so)?)\s*(?:so\s*)?0*(\d{1,2}|[ivx]{1,4})(?![a-z0-9])/;
const TITLE_WORDS: { appendix: AppendixId; re: RegExp }[] = [
  { appendix: "PL1", re: /thuc hien cac muc tieu|muc tieu cua nghi quyet|progress on the targets/ },
  { appendix: "PL2", re: /thuc hien cac nhiem vu|nhiem vu cua nghi quyet|figures on the tasks/ },
];

/** The title above a header, between the table before it (or the sheet's top) and the header. */
function titleAbove(sheet: SheetSnapshot, from: number, top: number): { text: string; appendix?: AppendixId } | undefined {
  let found: { text: string; appendix?: AppendixId } | undefined;
  for (let r = top - 1; r >= from; r--) {
    const i = r - sheet.origin.row;
    const w = rowWidth(sheet, i);
    for (let j = 0; j < w; j++) {
      const raw = cellString(sheet, i, j).trim();
      if (raw.length < 4 || raw.length > 300) continue;
      const f = foldShort(raw);
      const numbered = TITLE_NUMBERED.exec(f);
      const appendix = numbered ? appendixNumber(numbered[1]) : TITLE_WORDS.find((t) => t.re.test(f))?.appendix;
      if (numbered && !appendix) continue; // "Phụ lục 3": another appendix's title
      if (appendix) return { text: raw, appendix };
      if (!found && /^(?:bang|bieu|so lieu|tinh hinh|ket qua|danh muc|table)\b/.test(f)) found = { text: raw };
    }
  }
  return found;
}

// ---------------------------------------------------------------- tables

export function locateTables(snapshot: WorkbookSnapshot, periods: Periods = NATIONAL_PERIODS): TableRows[] {
  const out: TableRows[] = [];
  for (const sheet of snapshot.sheets) {
    const blocks = findHeaderBlocks(sheet, periods);
    blocks.forEach((b, k) => {
      const next = blocks[k + 1];
      const prev = blocks[k - 1];
      const lastRow = next ? next.top - 1 : sheet.origin.row + sheet.values.length - 1;
      const title = titleAbove(sheet, prev ? (prev.numberRow ?? prev.bottom) + 1 : sheet.origin.row, b.top);
      const byName = blocks.length === 1 ? appendixOfName(sheet.name) : undefined;
      const hint: TableRows["hint"] =
        b.resolved.columns.target !== undefined ? { appendix: "PL1", by: "target" } : title?.appendix ? { appendix: title.appendix, by: "title" } : byName ? { appendix: byName, by: "sheet" } : undefined;
      const columns = { ...b.resolved.columns };
      out.push({
        table: {
          appendix: hint?.appendix ?? "PL2",
          sheet: sheet.name,
          headerRow: b.bottom,
          columns,
          years: { ...b.resolved.years },
          ownTemplate: columns.id !== undefined,
        },
        firstRow: (b.numberRow ?? b.bottom) + 1,
        lastRow,
        block: b,
        title: title?.text,
        hint,
      });
    });
  }
  return out;
}
