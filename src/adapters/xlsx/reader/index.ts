/**
 * Any workbook a district sends → the engine's WorkbookSnapshot: .xlsx, .xlsm and Strict
 * OOXML and .ods through the streaming reader of this folder, .xls through SheetJS
 * (loaded only for them). The kind of file is told by its bytes, not its name. Every
 * failure comes out as an XlsxError naming the file, with the reason in both languages.
 * Works on a Uint8Array alone, so the task pane and the command line share it.
 */
import type { WorkbookSnapshot } from "../../../engine/types";
import { SHEET_NAMES } from "../../../engine/layout";
import { decodeMetadata, type RunMetadata } from "../../../engine/metadata";
import { XlsxError } from "../errors";
import { DEFAULT_LIMITS, checkFileSize, containerOf, hasWorkbookStream, inspectZip, isEncryptedPackage, type XlsxLimits } from "../guard";
import type { DisplayLocale } from "../format";
import { ReadBudget, fullLimits } from "./limits";
import { FORMAT_NAMES, fileMessages } from "./messages";
import { readOdsPackage } from "./ods";
import { readXlsBytes, type SheetJsModule } from "./xls";
import { readXlsxPackage } from "./xlsx";
import { ZipPackage, type InflateRaw } from "./zip";

export type SpreadsheetFormat = "xlsx" | "ods" | "xls";

export interface ReadOptions {
  /** The file's name, for messages and the snapshot's source. */
  name: string;
  limits?: XlsxLimits;
  /** How displayed text shows numbers: en-US Excel (default) or Vietnamese Excel. */
  displayLocale?: DisplayLocale;
  /** A faster whole-part inflater where the platform has one (Node's zlib); else fflate streams. */
  inflateRaw?: InflateRaw;
}

export interface ReadResult {
  snapshot: WorkbookSnapshot;
  format: SpreadsheetFormat;
  /** What a previous check recorded in the add-in's metadata sheet, if there is one. */
  recordedRun?: Partial<RunMetadata>;
}

function fail(code: "notXlsx" | "encrypted" | "unsupported", file: string, m: { vi: string; en: string }): never {
  throw new XlsxError(code, file, m.vi, m.en);
}

/** Which reader a file needs, from its first bytes and its container; refuses what none can read. */
export function sniffFormat(bytes: Uint8Array, file: string): SpreadsheetFormat | "zip" {
  const kind = containerOf(bytes);
  if (kind === "ole") {
    if (isEncryptedPackage(bytes)) fail("encrypted", file, fileMessages.encrypted);
    if (!hasWorkbookStream(bytes)) fail("notXlsx", file, fileMessages.notSpreadsheet);
    return "xls";
  }
  if (kind === "zip") return "zip";
  const head = String.fromCharCode.apply(null, Array.from(bytes.subarray(0, 2048))).replace(/^\uFEFF|^\xEF\xBB\xBF/, "").trimStart().toLowerCase();
  if (head.startsWith("<?xml") && head.indexOf("urn:schemas-microsoft-com:office:spreadsheet") >= 0) fail("unsupported", file, fileMessages.unsupportedFormat(FORMAT_NAMES.xmlSpreadsheet2003));
  if (/^<(!doctype html|html|table|meta)/.test(head)) fail("unsupported", file, fileMessages.unsupportedFormat(FORMAT_NAMES.html));
  if (isRawBiff(bytes)) return "xls";
  return fail("notXlsx", file, fileMessages.notSpreadsheet);
}

/** An Excel 2–4 worksheet or workbook saved bare, outside an OLE file: starts with a BOF record. */
function isRawBiff(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0x09 && (b[1] === 0x00 || b[1] === 0x02 || b[1] === 0x04 || b[1] === 0x08) && b[3] === 0x00;
}

/** Whether these bytes go to SheetJS (.xls of any age). */
function needsSheetJs(b: Uint8Array): boolean {
  return containerOf(b) === "ole" ? !isEncryptedPackage(b) && hasWorkbookStream(b) : isRawBiff(b);
}

function isOds(zip: ZipPackage, budget: ReadBudget): boolean {
  if (!zip.has("mimetype")) return zip.has("content.xml") && !zip.has("[Content_Types].xml");
  const mime = (zip.small("mimetype", budget) ?? "").trim();
  if (mime.startsWith("application/vnd.oasis.opendocument.")) {
    if (mime.indexOf("spreadsheet") < 0) fail("notXlsx", zip.file, fileMessages.notSpreadsheet);
    return true;
  }
  return false;
}

/** The snapshot with the add-in's own metadata sheet taken out, and what it recorded. */
function finish(sheets: WorkbookSnapshot["sheets"], format: SpreadsheetFormat, name: string): ReadResult {
  const snapshot: WorkbookSnapshot = { sheets, source: name };
  const result: ReadResult = { snapshot, format };
  const meta = sheets.find((s) => s.name === SHEET_NAMES.meta);
  if (meta) {
    // The metadata sheet starts at A1: pad the rows above and columns left of its used range.
    const rows = meta.origin.row === 0 && meta.origin.col === 0 ? meta.values : [];
    const decoded = decodeMetadata(rows);
    if (decoded.marks.length) snapshot.previousMarks = decoded.marks;
    if (decoded.ignored) snapshot.ignored = decoded.ignored;
    // The user's column corrections are inputs to the check, wherever the file is checked.
    if (decoded.columns?.length) snapshot.overrides = decoded.columns;
    result.recordedRun = decoded.run;
    snapshot.sheets = sheets.filter((s) => s !== meta);
  }
  return result;
}

/**
 * Reads a workbook. `xls` is SheetJS, needed only when the bytes are an .xls: callers that
 * cannot load it synchronously use readSpreadsheet (async) instead.
 */
export function readSpreadsheetSync(bytes: Uint8Array, options: ReadOptions, xls?: () => SheetJsModule): ReadResult {
  const file = options.name;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const locale = options.displayLocale ?? "en";
  checkFileSize(bytes.length, file, limits);
  const format = sniffFormat(bytes, file);
  const budget = new ReadBudget(file, fullLimits(limits));
  if (format === "xls") {
    if (!xls) throw new Error("SheetJS is needed to read .xls files");
    return finish(readXlsBytes(xls(), bytes, file, budget, locale).sheets, "xls", file);
  }
  const zip = new ZipPackage(bytes, file, inspectZip(bytes, file, limits), options.inflateRaw);
  if (isOds(zip, budget)) return finish(readOdsPackage(zip, budget, locale).sheets, "ods", file);
  return finish(readXlsxPackage(zip, budget, locale).sheets, "xlsx", file);
}

/** As readSpreadsheetSync, loading SheetJS (a separate chunk in the pane) only for an .xls. */
export async function readSpreadsheet(bytes: Uint8Array, options: ReadOptions, loadXls: () => Promise<SheetJsModule>): Promise<ReadResult> {
  let lib: SheetJsModule | undefined;
  if (bytes.length <= (options.limits ?? DEFAULT_LIMITS).maxFileBytes && needsSheetJs(bytes)) lib = await loadXls();
  return readSpreadsheetSync(bytes, options, lib ? () => lib as SheetJsModule : undefined);
}

export type { SheetJsModule } from "./xls";
