/**
 * Bytes → ExcelJS workbook → snapshot, behind the guard. Needs only a Uint8Array and the
 * ExcelJS module, so the task pane (ArrayBuffers of picked files, ExcelJS loaded lazily)
 * and the command line (files) share it.
 */
import type * as ExcelJSType from "exceljs";
import type { WorkbookSnapshot } from "../../engine/types";
import { XlsxError } from "./errors";
import { DEFAULT_LIMITS, inspectXlsxBytes, type XlsxLimits } from "./guard";
import { snapshotWorkbook, type SnapshotOptions } from "./snapshot";
import { decodeMetadata } from "../../engine/metadata";
import { SHEET_NAMES } from "../../engine/layout";

export type ExcelJSModule = typeof ExcelJSType;

export interface LoadOptions extends SnapshotOptions {
  limits?: XlsxLimits;
}

/**
 * `ignoreNodes` skips worksheet parts the caller does not need (see CHECK_IGNORE_NODES);
 * never use it on a workbook that will be written back.
 */
export async function loadWorkbookBytes(ExcelJS: ExcelJSModule, bytes: Uint8Array, file: string, limits: XlsxLimits = DEFAULT_LIMITS, ignoreNodes?: string[]): Promise<ExcelJSType.Workbook> {
  inspectXlsxBytes(bytes, file, limits);
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS's typings want a Node Buffer; it accepts any binary JSZip reads.
    await wb.xlsx.load(bytes as unknown as ExcelJSType.Buffer, ignoreNodes ? ({ ignoreNodes } as Partial<ExcelJSType.XlsxReadOptions>) : undefined);
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0].slice(0, 160) : String(e);
    throw new XlsxError("corrupt", file, `file .xlsx bị hỏng, không mở được (${why})`, `corrupted .xlsx file, cannot open it (${why})`);
  }
  return wb;
}

/** The snapshot the engine reads, with the marks a previous check recorded. */
export function workbookToSnapshot(wb: ExcelJSType.Workbook, options: SnapshotOptions = {}): WorkbookSnapshot {
  const snap = snapshotWorkbook(wb, options);
  const meta = snap.sheets.find((s) => s.name === SHEET_NAMES.meta);
  if (meta) {
    const decoded = decodeMetadata(meta.values);
    if (decoded.marks.length) snap.previousMarks = decoded.marks;
    if (decoded.columns?.length) snap.overrides = decoded.columns;
    // The metadata sheet is ours, not part of the report.
    snap.sheets = snap.sheets.filter((s) => s !== meta);
  }
  return snap;
}

export async function snapshotFromBytes(ExcelJS: ExcelJSModule, bytes: Uint8Array, options: LoadOptions & { name: string }): Promise<{ workbook: ExcelJSType.Workbook; snapshot: WorkbookSnapshot }> {
  const workbook = await loadWorkbookBytes(ExcelJS, bytes, options.name, options.limits);
  return { workbook, snapshot: workbookToSnapshot(workbook, options) };
}
