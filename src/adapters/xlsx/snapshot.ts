/**
 * ExcelJS workbook → the engine's WorkbookSnapshot: values as Excel holds them, number
 * formats, displayed text, merges, hidden rows and columns, protection and visibility.
 * Only types are imported from ExcelJS so the task pane can load the library lazily.
 */
import type * as ExcelJS from "exceljs";
import type { CellValue, CellValueType, RangeRect, SheetSnapshot, WorkbookSnapshot } from "../../engine/types";
import { BUILTIN_FORMATS, formatNumber, type DisplayLocale } from "./format";

export interface SnapshotOptions {
  /** Name recorded as the snapshot's source (the file name). */
  name?: string;
  /** How displayed text shows numbers: en-US Excel (default) or Vietnamese Excel. */
  displayLocale?: DisplayLocale;
}

/** ExcelJS.ValueType, without importing the runtime enum. */
const VT = { Null: 0, Merge: 1, Number: 2, String: 3, Date: 4, Hyperlink: 5, Formula: 6, SharedString: 7, RichText: 8, Boolean: 9, Error: 10 };

interface CellRead {
  value: CellValue;
  type: CellValueType;
  format: string;
  text: string;
  formula: string | null;
}

/** Empty cells read as "", as Office.js range.values gives them. */
const EMPTY: CellRead = { value: "", type: "Empty", format: "General", text: "", formula: null };

/** Date → Excel serial number, in the workbook's date system. */
export function dateToSerial(d: Date, date1904: boolean): number {
  const serial = d.getTime() / 86400000 + 25569 - (date1904 ? 1462 : 0);
  // ExcelJS builds dates from serials in floating point: round to the millisecond.
  return Math.round(serial * 86400000) / 86400000;
}

function richTextOf(v: { richText: { text: string }[] }): string {
  return v.richText.map((r) => r.text).join("");
}

function numFmtOf(cell: ExcelJS.Cell): string {
  const f = cell.numFmt as unknown;
  if (typeof f === "string" && f !== "") return f;
  if (typeof f === "number" && BUILTIN_FORMATS[f]) return BUILTIN_FORMATS[f];
  return "General";
}

/** Reads a plain (non-formula) value. */
function plainValue(raw: unknown, date1904: boolean, fmt: string, locale: DisplayLocale): Omit<CellRead, "format" | "formula"> {
  if (raw === null || raw === undefined) return { value: "", type: "Empty", text: "" };
  if (typeof raw === "number") return { value: raw, type: "Double", text: formatNumber(raw, fmt, locale) };
  if (typeof raw === "string") return { value: raw, type: "String", text: raw };
  if (typeof raw === "boolean") return { value: raw, type: "Boolean", text: raw ? "TRUE" : "FALSE" };
  if (raw instanceof Date) {
    const serial = dateToSerial(raw, date1904);
    return { value: serial, type: "Double", text: formatNumber(serial, fmt, locale) };
  }
  if (typeof raw === "object") {
    const o = raw as Record<string, unknown>;
    if (typeof o.error === "string") return { value: o.error, type: "Error", text: o.error };
    if (Array.isArray(o.richText)) {
      const t = richTextOf(o as { richText: { text: string }[] });
      return { value: t, type: "String", text: t };
    }
    if ("hyperlink" in o || "text" in o) {
      const t = o.text;
      if (typeof t === "string") return { value: t, type: "String", text: t };
      if (t && typeof t === "object" && Array.isArray((t as { richText?: unknown }).richText)) {
        const s = richTextOf(t as { richText: { text: string }[] });
        return { value: s, type: "String", text: s };
      }
    }
  }
  const s = String(raw);
  return { value: s, type: "Unknown", text: s };
}

function readCell(cell: ExcelJS.Cell, date1904: boolean, locale: DisplayLocale): CellRead {
  const type = cell.type as unknown as number;
  if (type === VT.Null || type === VT.Merge) return EMPTY;
  const format = numFmtOf(cell);
  const raw = cell.value as unknown;
  // The common case, text typed into a cell, without the general path's allocations.
  if (typeof raw === "string") return { value: raw, type: "String", format, text: raw, formula: null };
  if (type === VT.Formula || (raw && typeof raw === "object" && ("formula" in (raw as object) || "sharedFormula" in (raw as object)))) {
    const o = raw as { formula?: string; sharedFormula?: string; result?: unknown };
    const f = cell.formula || o.formula || null;
    const res = o.result;
    const base = plainValue(res === undefined ? null : res, date1904, format, locale);
    return { ...base, format, formula: f ? "=" + f.replace(/^=/, "") : null };
  }
  return { ...plainValue(raw, date1904, format, locale), format, formula: null };
}

function parseRange(range: string): RangeRect | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(range.trim());
  if (!m) return null;
  const col = (letters: string) => letters.toUpperCase().split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const r1 = Number(m[2]) - 1;
  const c1 = col(m[1]);
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? col(m[3]) : c1;
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rowCount: Math.abs(r2 - r1) + 1, colCount: Math.abs(c2 - c1) + 1 };
}

export function snapshotSheet(ws: ExcelJS.Worksheet, date1904: boolean, locale: DisplayLocale = "en"): SheetSnapshot {
  // Bounds of the used range: every cell holding a value, and every merge.
  let minR = Infinity, minC = Infinity, maxR = -1, maxC = -1;
  const cells = new Map<number, Map<number, CellRead>>();
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const read = readCell(cell, date1904, locale);
      if (read.type === "Empty" && read.formula === null) return;
      const r = rowNumber - 1, c = colNumber - 1;
      let m = cells.get(r);
      if (!m) cells.set(r, (m = new Map()));
      m.set(c, read);
      if (r < minR) minR = r;
      if (r > maxR) maxR = r;
      if (c < minC) minC = c;
      if (c > maxC) maxC = c;
    });
  });
  const merges: RangeRect[] = [];
  const model = ws.model as unknown as { merges?: string[] };
  for (const m of model.merges ?? []) {
    const rect = parseRange(m);
    if (!rect) continue;
    merges.push(rect);
    minR = Math.min(minR, rect.row);
    minC = Math.min(minC, rect.col);
    maxR = Math.max(maxR, rect.row + rect.rowCount - 1);
    maxC = Math.max(maxC, rect.col + rect.colCount - 1);
  }
  if (maxR < 0) { minR = 0; minC = 0; maxR = 0; maxC = 0; }
  const rows = maxR - minR + 1;
  const cols = maxC - minC + 1;
  const values: CellValue[][] = [];
  const valueTypes: CellValueType[][] = [];
  const numberFormats: string[][] = [];
  const text: string[][] = [];
  const formulas: (string | null)[][] = [];
  let anyFormula = false;
  for (let r = 0; r < rows; r++) {
    const vr: CellValue[] = [], tr: CellValueType[] = [], fr: string[] = [], xr: string[] = [], qr: (string | null)[] = [];
    const m = cells.get(minR + r);
    const rowObj = ws.findRow(minR + r + 1);
    for (let c = 0; c < cols; c++) {
      let read = m?.get(minC + c);
      if (!read) {
        // An empty cell still has a number format (the "@" of our input cells, say).
        const cell = rowObj?.findCell(minC + c + 1);
        const format = cell ? numFmtOf(cell) : "General";
        read = format === "General" ? EMPTY : { ...EMPTY, format };
      }
      vr.push(read.value);
      tr.push(read.type);
      fr.push(read.format);
      xr.push(read.text);
      qr.push(read.formula);
      if (read.formula) anyFormula = true;
    }
    values.push(vr);
    valueTypes.push(tr);
    numberFormats.push(fr);
    text.push(xr);
    formulas.push(qr);
  }
  const hiddenRows: number[] = [];
  const rowLimit = Math.max(maxR + 1, ws.rowCount);
  for (let r = 1; r <= rowLimit; r++) {
    const row = ws.findRow(r);
    if (row && row.hidden) hiddenRows.push(r - 1);
  }
  const hiddenCols: number[] = [];
  // ws.columns, unlike getColumn(), does not create column definitions as it reads.
  const columns = (ws.columns ?? []) as ExcelJS.Column[];
  columns.forEach((col, i) => {
    if (col && col.hidden) hiddenCols.push(i);
  });
  const prot = (ws as unknown as { sheetProtection?: { sheet?: boolean | string | number } | null }).sheetProtection;
  const isProtected = !!prot && (prot.sheet === true || prot.sheet === 1 || prot.sheet === "1" || prot.sheet === "true");
  const snapshot: SheetSnapshot = {
    name: ws.name,
    origin: { row: minR, col: minC },
    values,
    valueTypes,
    numberFormats,
    text,
    merges,
    hiddenRows,
    hiddenCols,
    protected: isProtected,
    visible: ws.state === undefined || ws.state === "visible",
  };
  if (anyFormula) snapshot.formulas = formulas;
  return snapshot;
}

/** Sheet state as Excel stores it: visible, hidden or veryHidden. */
export function sheetStates(wb: ExcelJS.Workbook): Record<string, string> {
  const out: Record<string, string> = {};
  wb.eachSheet((ws) => {
    out[ws.name] = ws.state ?? "visible";
  });
  return out;
}

export function snapshotWorkbook(wb: ExcelJS.Workbook, options: SnapshotOptions = {}): WorkbookSnapshot {
  const date1904 = !!(wb.properties as { date1904?: boolean } | undefined)?.date1904;
  const sheets: SheetSnapshot[] = [];
  wb.eachSheet((ws) => {
    sheets.push(snapshotSheet(ws, date1904, options.displayLocale ?? "en"));
  });
  const snap: WorkbookSnapshot = { sheets };
  if (options.name !== undefined) snap.source = options.name;
  return snap;
}
