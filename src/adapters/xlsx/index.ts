/**
 * The workbook adapter for Node: read a workbook file (.xlsx, .xlsm, .xls, .ods) into a
 * snapshot with the reader of ./reader; write templates and apply a check's plan through
 * ExcelJS. Bad files are refused by XlsxError.
 */
import * as ExcelJS from "exceljs";
import { basename } from "path";
import type { WorkbookSnapshot } from "../../engine/types";
import { XlsxError } from "./errors";
import type { XlsxLimits } from "./guard";
import { readFileBytes } from "./fsread";
import { loadWorkbookBytes } from "./load";
import type { SnapshotOptions } from "./snapshot";
import { readSpreadsheetSync } from "./reader";
import { loadSheetJs, nodeInflateRaw } from "./sheetjs";

export { XlsxError, isXlsxError } from "./errors";
export { DEFAULT_LIMITS, inspectXlsxBytes, inspectZip, readZipDirectory } from "./guard";
export type { XlsxLimits } from "./guard";
export { formatNumber, formatGeneral, isDateFormat } from "./format";
export { snapshotWorkbook, snapshotSheet, dateToSerial } from "./snapshot";
export { loadWorkbookBytes, workbookToSnapshot, snapshotFromBytes } from "./load";
export { writeTemplate, renderSheet, applyStyle, setLiteral, absolutePrintAreas } from "./write";
import { absolutePrintAreas } from "./write";
export { applyPlanToWorkbook, clearRecordedMarks } from "./applyPlan";
export { renderConsolidation } from "./consolidation";
export { readFileBytes } from "./fsread";
export { readAndCheck, readWorkbookPath, refusalOf } from "./job";
export { readSpreadsheet, readSpreadsheetSync, sniffFormat } from "./reader";
export type { ReadResult, SpreadsheetFormat } from "./reader";
export { loadSheetJs, nodeInflateRaw } from "./sheetjs";
export type { FileCheck, FileOutcome, JobOptions } from "./job";

export interface ReadOptions extends SnapshotOptions {
  limits?: XlsxLimits;
}

/** Opens an .xlsx (path or bytes) as an ExcelJS workbook, behind the guard: for writing a copy. */
export async function openWorkbook(input: string | Buffer, options: { name?: string; limits?: XlsxLimits } = {}): Promise<ExcelJS.Workbook> {
  const name = options.name ?? (typeof input === "string" ? basename(input) : "workbook.xlsx");
  const bytes = typeof input === "string" ? await readFileBytes(input, options.limits, name) : input;
  return loadWorkbookBytes(ExcelJS, bytes, name, options.limits);
}

/** Reads a workbook (path or bytes) of any supported format into the engine's snapshot. */
export async function readWorkbookFile(input: string | Uint8Array, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  const name = options.name ?? (typeof input === "string" ? basename(input) : "workbook.xlsx");
  const bytes = typeof input === "string" ? await readFileBytes(input, options.limits, name) : input;
  return readSpreadsheetSync(bytes, { name, limits: options.limits, displayLocale: options.displayLocale, inflateRaw: nodeInflateRaw }, loadSheetJs).snapshot;
}

/** Writes a workbook to disk; the caller decides the path (never the input file). */
export async function writeWorkbookFile(wb: ExcelJS.Workbook, path: string, options: { fast?: boolean } = {}): Promise<void> {
  // A loaded workbook's print areas, as ExcelJS would write them, are lost on LibreOffice.
  absolutePrintAreas(wb);
  try {
    // Fast: light compression, for large generated workbooks (the province roll-up).
    await wb.xlsx.writeFile(path, options.fast ? ({ zip: { compression: "DEFLATE", compressionOptions: { level: 1 } } } as Partial<ExcelJS.XlsxWriteOptions>) : undefined);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new XlsxError("writeFailed", basename(path), `không ghi được file (${why})`, `cannot write the file (${why})`);
  }
}
