/**
 * The .xlsx adapter for Node: read a workbook file into a snapshot, write templates,
 * apply a check's plan, all through ExcelJS, with bad files refused by XlsxError.
 */
import * as ExcelJS from "exceljs";
import { promises as fs } from "fs";
import { basename } from "path";
import type { WorkbookSnapshot } from "../../engine/types";
import { XlsxError } from "./errors";
import { DEFAULT_LIMITS, checkFileSize, type XlsxLimits } from "./guard";
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

export interface ReadOptions extends SnapshotOptions {
  limits?: XlsxLimits;
}

/** Reads bytes from disk, refusing files that are too large before reading them. */
export async function readFileBytes(path: string, limits: XlsxLimits = DEFAULT_LIMITS, name = basename(path)): Promise<Buffer> {
  let size: number;
  try {
    const st = await fs.stat(path);
    if (!st.isFile()) throw new Error("not a file");
    size = st.size;
  } catch {
    throw new XlsxError("notFound", name, "không tìm thấy file", "file not found");
  }
  checkFileSize(size, name, limits);
  return fs.readFile(path);
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
export async function writeWorkbookFile(wb: ExcelJS.Workbook, path: string): Promise<void> {
  try {
    await wb.xlsx.writeFile(path);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new XlsxError("writeFailed", basename(path), `không ghi được file (${why})`, `cannot write the file (${why})`);
  }
}
