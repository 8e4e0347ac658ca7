/**
 * Workbooks with something to fix, made from the Lai Châu sample: our template filled with
 * the sample, optionally with a value column turned into real numbers (as a province's own
 * sheet typed into Excel holds them), and cells planted at known places.
 */
import { laiChauSample, nationalCatalogue } from "../../src/catalogue";
import { sampleFillValues } from "../../src/catalogue/sample";
import { isIndicator, type IndicatorRow } from "../../src/catalogue/types";
import { checkWorkbook, type CheckResult } from "../../src/engine/check";
import { buildWorkbookTemplate, columnIndex, SHEET_NAMES } from "../../src/engine/layout";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/engine/types";
import { parseText } from "../../src/engine/values";
import { templateToSnapshot } from "./snapshot";

export const NOW = new Date("2023-05-20T00:00:00Z");

export function indicator(id: string): IndicatorRow {
  const row = nationalCatalogue.rows.find((r) => r.id === id);
  if (!row || !isIndicator(row)) throw new Error(`no indicator ${id}`);
  return row;
}

export function sampleSnapshot(): WorkbookSnapshot {
  return templateToSnapshot(buildWorkbookTemplate(nationalCatalogue, laiChauSample.cover, sampleFillValues()));
}

export function rowOf(snapshot: WorkbookSnapshot, id: string): number {
  const ind = indicator(id);
  const sheet = sheetOf(snapshot, ind.appendix === "PL1" ? SHEET_NAMES.PL1 : SHEET_NAMES.PL2);
  const idCol = columnIndex(ind.appendix, "id");
  for (let i = 0; i < sheet.values.length; i++) if (sheet.values[i][idCol] === id) return i + sheet.origin.row;
  throw new Error(`row of ${id} not found`);
}

export function sheetOf(snapshot: WorkbookSnapshot, name: string): SheetSnapshot {
  const s = snapshot.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

export interface Planted {
  value: CellValue;
  numberFormat?: string;
  text?: string;
}

export function setCell(snapshot: WorkbookSnapshot, sheetName: string, row: number, col: number, c: Planted): void {
  const s = sheetOf(snapshot, sheetName);
  const i = row - s.origin.row;
  const j = col - s.origin.col;
  s.values[i][j] = c.value === null ? "" : c.value;
  s.valueTypes[i][j] = c.value === null ? "Empty" : typeof c.value === "number" ? "Double" : "String";
  if (c.numberFormat !== undefined) s.numberFormats[i][j] = c.numberFormat;
  s.text[i][j] = c.text ?? (c.value === null ? "" : String(c.value));
}

/** Where an indicator's cell of a role is. */
export function place(snapshot: WorkbookSnapshot, id: string, role: "baseline" | "result" | "note"): { sheet: string; row: number; col: number } {
  const ind = indicator(id);
  return { sheet: ind.appendix === "PL1" ? SHEET_NAMES.PL1 : SHEET_NAMES.PL2, row: rowOf(snapshot, id), col: columnIndex(ind.appendix, role) };
}

/**
 * Every figure of a value column that reads as a plain number becomes a real number under
 * `numberFormat` (a percent format holds shares as fractions), the way a province's sheet
 * typed into Excel holds them.
 */
export function numbersColumn(snapshot: WorkbookSnapshot, appendix: "PL1" | "PL2", role: "baseline" | "result", numberFormat = "General"): void {
  const s = sheetOf(snapshot, appendix === "PL1" ? SHEET_NAMES.PL1 : SHEET_NAMES.PL2);
  const col = columnIndex(appendix, role);
  const idCol = columnIndex(appendix, "id");
  const percent = numberFormat.indexOf("%") >= 0;
  for (let i = 0; i < s.values.length; i++) {
    const id = s.values[i][idCol];
    const row = typeof id === "string" ? nationalCatalogue.rows.find((r) => r.id === id) : undefined;
    if (!row || !isIndicator(row)) continue;
    const v = s.values[i][col];
    if (typeof v === "string" && v !== "" && (!percent || row.kind === "percent")) {
      const p = parseText(v, row);
      if (p.state === "number" && !p.ambiguous && !p.description) {
        const x = percent ? p.measure.value / 100 : row.kind === "money" && /^triệu/.test(row.unit) ? p.measure.value / 1e6 : p.measure.value;
        setCell(snapshot, s.name, i + s.origin.row, col, { value: x, numberFormat: numberFormat });
        continue;
      }
    }
    s.numberFormats[i][col] = numberFormat;
  }
}

export function check(snapshot: WorkbookSnapshot): CheckResult {
  return checkWorkbook(snapshot, nationalCatalogue, { now: NOW });
}
