/**
 * The .xlsx adapter for Node: read a workbook file into a snapshot, write templates,
 * apply a check's plan, all through ExcelJS, with bad files refused by XlsxError.
 */
import * as ExcelJS from "exceljs";
import { basename } from "path";
import type { WorkbookSnapshot } from "../../engine/types";
import { XlsxError } from "./errors";
import type { XlsxLimits } from "./guard";
import { readFileBytes } from "./fsread";
import { loadWorkbookBytes, workbookToSnapshot } from "./load";
import type { SnapshotOptions } from "./snapshot";

export { XlsxError, isXlsxError } from "./errors";
export { DEFAULT_LIMITS, inspectXlsxBytes, readZipDirectory } from "./guard";
export type { XlsxLimits } from "./guard";
export { formatNumber, formatGeneral, isDateFormat } from "./format";
export { snapshotWorkbook, snapshotSheet, dateToSerial } from "./snapshot";
export { loadWorkbookBytes, workbookToSnapshot, snapshotFromBytes } from "./load";
export { writeTemplate, renderSheet, applyStyle, setLiteral } from "./write";
export { applyPlanToWorkbook, clearRecordedMarks } from "./applyPlan";
export { renderConsolidation } from "./consolidation";
export { readFileBytes } from "./fsread";
export { readAndCheck, refusalOf, recordedRun, CHECK_IGNORE_NODES } from "./job";
export type { FileCheck, FileOutcome, JobOptions } from "./job";

export interface ReadOptions extends SnapshotOptions {
  limits?: XlsxLimits;
}

/** Opens an .xlsx (path or bytes) as an ExcelJS workbook, behind the guard. */
export async function openWorkbook(input: string | Buffer, options: { name?: string; limits?: XlsxLimits } = {}): Promise<ExcelJS.Workbook> {
  const name = options.name ?? (typeof input === "string" ? basename(input) : "workbook.xlsx");
  const bytes = typeof input === "string" ? await readFileBytes(input, options.limits, name) : input;
  return loadWorkbookBytes(ExcelJS, bytes, name, options.limits);
}

export async function readWorkbookFile(input: string | Buffer, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  const name = options.name ?? (typeof input === "string" ? basename(input) : "workbook.xlsx");
  const wb = await openWorkbook(input, { name, limits: options.limits });
  return workbookToSnapshot(wb, { ...options, name });
}

/** Writes a workbook to disk; the caller decides the path (never the input file). */
export async function writeWorkbookFile(wb: ExcelJS.Workbook, path: string, options: { fast?: boolean } = {}): Promise<void> {
  try {
    // Fast: light compression, for large generated workbooks (the province roll-up).
    await wb.xlsx.writeFile(path, options.fast ? ({ zip: { compression: "DEFLATE", compressionOptions: { level: 1 } } } as Partial<ExcelJS.XlsxWriteOptions>) : undefined);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new XlsxError("writeFailed", basename(path), `không ghi được file (${why})`, `cannot write the file (${why})`);
  }
}
