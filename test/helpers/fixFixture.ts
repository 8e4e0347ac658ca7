/**
 * The Lai Châu sample with something to fix, as a file: the README's `nq24 fix` example and
 * the command-line tests use it. Made from `nq24 sample` by the edits a district's Excel
 * would produce: "2/2" turned into a date, Phụ lục 2's 2022 column typed as real numbers with
 * one figure left as text, an English decimal point, stray spaces, words in a figure cell, a
 * share typed as a fraction, a unit column declaring tỷ đồng over a figure in triệu đồng.
 */
import * as ExcelJS from "exceljs";
import { nationalCatalogue } from "../../src/catalogue";
import { isIndicator, type IndicatorRow } from "../../src/catalogue/types";
import { columnIndex, SHEET_NAMES } from "../../src/engine/layout";
import { parseText } from "../../src/engine/values";
import { makeSample } from "../../src/usecases/files";

export const FIX_FIXTURE = "test/fixtures/fix/laichau-can-sua.xlsx";

/** What the fixture plants, by indicator and column: the README and the tests name these cells. */
export const PLANTED = {
  date: { id: "PL1-20", role: "result" as const, value: 44959, numFmt: "d-mmm" },
  spaces: { id: "PL1-15", role: "result" as const, value: "\u00a0100 " },
  words: { id: "PL1-16", role: "result" as const, value: "Đang triển khai thực hiện" },
  point: { id: "PL2-046", role: "baseline" as const, value: "2,570.52 ha" },
  stored: { id: "PL2-017", role: "result" as const, value: "2.179,49" },
  fraction: { id: "PL1-17", role: "result" as const, value: "0,275" },
};

/** Phụ lục 1's unit (ĐVT) cell of the damages row says "Tỷ đồng": its "585 triệu đồng" is in another unit than declared. */
export const DECLARED = { id: "PL1-02", unit: "Tỷ đồng" };

function rowOf(ws: ExcelJS.Worksheet, appendix: "PL1" | "PL2", id: string): number {
  const idCol = columnIndex(appendix, "id") + 1;
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(idCol).value === id) return r;
  throw new Error(`no row for ${id}`);
}

export function plantedCell(id: string, role: "baseline" | "result" | "note" | "unit", ws: ExcelJS.Worksheet): ExcelJS.Cell {
  const appendix = id.startsWith("PL1") ? "PL1" : "PL2";
  return ws.getRow(rowOf(ws, appendix, id)).getCell(columnIndex(appendix, role) + 1);
}

/** A figure typed into a General cell of an English Excel: a real number when it reads as one. */
function asNumber(cell: ExcelJS.Cell, hint: IndicatorRow): void {
  cell.style = { ...cell.style, numFmt: "General" };
  const v = cell.value;
  if (typeof v !== "string") return;
  const p = parseText(v, hint);
  if (p.state === "number" && !p.ambiguous && !p.description) cell.value = p.measure.value;
}

export async function makeFixFixture(out: string, tmpSample: string): Promise<void> {
  await makeSample(tmpSample);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(tmpSample);
  const pl1 = wb.getWorksheet(SHEET_NAMES.PL1) as ExcelJS.Worksheet;
  const pl2 = wb.getWorksheet(SHEET_NAMES.PL2) as ExcelJS.Worksheet;
  // Phụ lục 2's 2022 column as an English Excel holds what was typed: plain figures are numbers.
  const col = columnIndex("PL2", "result") + 1;
  for (const row of nationalCatalogue.rows) {
    if (row.appendix !== "PL2" || !isIndicator(row) || row.kind === "money") continue;
    asNumber(pl2.getRow(rowOf(pl2, "PL2", row.id)).getCell(col), row);
  }
  for (const k of Object.keys(PLANTED) as (keyof typeof PLANTED)[]) {
    const p = PLANTED[k];
    const cell = plantedCell(p.id, p.role, p.id.startsWith("PL1") ? pl1 : pl2);
    if ("numFmt" in p) cell.style = { ...cell.style, numFmt: p.numFmt };
    if (k === "stored") cell.style = { ...cell.style, numFmt: "General" };
    cell.value = p.value;
  }
  plantedCell(DECLARED.id, "unit", pl1).value = DECLARED.unit;
  await wb.xlsx.writeFile(out);
}
