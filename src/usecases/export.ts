/**
 * "Gửi tỉnh": the copy of a report that is emailed to the province. Only a report the check
 * calls ready is exported. The copy drops the marks a check leaves (fills and notes on
 * problem cells, the status column) unless asked to keep them, and keeps the summary: a
 * fresh results sheet with the verdict, and the add-in's record of the run (catalogue
 * version, warnings set aside). It is named by the province's convention
 * NQ24_<đơn vị>_<ngày>.xlsx and comes with its SHA-256, so the province can match what it
 * received. Bytes in, bytes out, no Node API: the command line (`nq24 export`) and the task
 * pane call the same code; ExcelJS is loaded on first use.
 */
import type { Catalogue } from "../catalogue/types";
import { nationalCatalogue } from "../catalogue";
import { checkWorkbook, type CheckResult } from "../engine/check";
import type { CoverInfo } from "../engine/layout";
import type { Plan } from "../engine/types";
import { XlsxError } from "../adapters/xlsx/errors";
import { DEFAULT_LIMITS, type XlsxLimits } from "../adapters/xlsx/guard";
import { loadWorkbookBytes, type ExcelJSModule } from "../adapters/xlsx/load";
import { applyPlanToWorkbook, clearRecordedMarks } from "../adapters/xlsx/applyPlan";
import { readSpreadsheetSync, sniffFormat } from "../adapters/xlsx/reader";
import type { InflateRaw } from "../adapters/xlsx/reader/zip";
import { sha256Hex } from "./hash";
import type { Lang } from "./language";

export interface ExportOptions {
  /** The input's file name, for messages. */
  fileName?: string;
  catalogue?: Catalogue;
  lang?: Lang;
  /** Keep this check's marks (fills, notes, the status column) in the copy. */
  keepMarks?: boolean;
  /** The moment of the check; its day (in Việt Nam) names the copy when the cover has no report date. */
  now?: Date;
  limits?: XlsxLimits;
  /** Node's zlib, where there is one (faster); the reader's own inflater otherwise. */
  inflateRaw?: InflateRaw;
  /** ExcelJS, when the caller has it loaded; otherwise imported on first use. */
  excelJs?: ExcelJSModule;
}

export type ExportOutcome =
  | {
      ready: true;
      result: CheckResult;
      bytes: Uint8Array;
      fileName: string;
      /** Where the date in the name comes from: the cover's report date, or today. */
      dateFrom: "report" | "today";
      sha256: string;
      /** Marks of earlier checks found in the input and taken out (0 with keepMarks). */
      marksRemoved: number;
      keptMarks: boolean;
    }
  | { ready: false; result: CheckResult };

/** Why an .xls or .ods cannot be exported: the copy is written as .xlsx, from an .xlsx. */
const SAVE_AS_XLSX = {
  vi: "bản gửi tỉnh chỉ làm được từ file .xlsx; hãy mở bằng Excel, lưu thành .xlsx (Sổ làm việc Excel) rồi làm lại",
  en: "the copy for the province can only be made from an .xlsx file; open it in Excel, save it as .xlsx (Excel Workbook) and try again",
};

/**
 * What the copy keeps of a check's plan: everything with keepMarks; otherwise only the
 * summary (verdict and results sheet), no cell marks and no status cells.
 */
export function exportPlan(plan: Plan, keepMarks: boolean): Plan {
  return keepMarks ? plan : { ...plan, marks: [], statusCells: [] };
}

export async function prepareExport(input: Uint8Array, options: ExportOptions = {}): Promise<ExportOutcome> {
  const name = options.fileName ?? "workbook.xlsx";
  const lang = options.lang ?? "vi";
  const limits = options.limits ?? DEFAULT_LIMITS;
  const now = options.now ?? new Date();
  if (sniffFormat(input, name) === "xls") throw new XlsxError("unsupported", name, SAVE_AS_XLSX.vi, SAVE_AS_XLSX.en);
  const read = readSpreadsheetSync(input, { name, limits, inflateRaw: options.inflateRaw });
  if (read.format !== "xlsx") throw new XlsxError("unsupported", name, SAVE_AS_XLSX.vi, SAVE_AS_XLSX.en);
  const result = checkWorkbook(read.snapshot, options.catalogue ?? nationalCatalogue, { lang, now });
  if (!result.plan.verdict.ready) return { ready: false, result };

  const ExcelJS = options.excelJs ?? ((await import(/* webpackChunkName: "exceljs" */ "exceljs")) as unknown as ExcelJSModule);
  const wb = await loadWorkbookBytes(ExcelJS, input, name, limits);
  const keepMarks = !!options.keepMarks;
  // The marks of earlier checks go first (fills restored, their notes and status texts
  // removed, their results sheet deleted); then this check's summary, and its marks if kept.
  const marksRemoved = keepMarks ? 0 : clearRecordedMarks(wb);
  applyPlanToWorkbook(wb, exportPlan(result.plan, keepMarks), { lang });
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return { ready: true, result, bytes, fileName: exportFileName(result.cover, now), dateFrom: exportDay(result.cover, now).from, sha256: await sha256Hex(bytes), marksRemoved, keptMarks: keepMarks };
}

// ---------------------------------------------------------------- the file's name

/**
 * A piece of a file name that every system accepts and that still reads as Vietnamese:
 * letters with their marks kept (NFC), what Windows forbids (< > : " / \ | ? * and control
 * characters) replaced by "-", invisible characters dropped, spaces collapsed to "_", no
 * dot or dash at either end, at most 80 characters.
 */
export function fileNamePart(text: string): string {
  const cleaned = text
    .normalize("NFC")
    .replace(new RegExp("[\\p{Cf}\\u00AD]", "gu"), "")
    .replace(/\s+/g, "_")
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f]+/g, "-")
    .replace(/_*-[-_]*/g, "-")
    .replace(/_{2,}/g, "_")
    .replace(/^[-_.]+|[-_.]+$/g, "");
  return Array.from(cleaned).slice(0, 80).join("").replace(/[-_.]+$/, "");
}

const pad2 = (n: number) => String(n).padStart(2, "0");

function validDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return m >= 1 && m <= 12 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The report date as yyyy-mm-dd (or yyyy-mm when the day is left out, "…/5/2023"), read
 * the way Vietnamese dates are written: 15/5/2023, 15-05-2023, 15.5.2023, "ngày 15 tháng 5
 * năm 2023", or ISO 2023-05-15. A date Excel shows month first (5/15/2023) is read so only
 * when the day cannot be a month. Undefined when nothing sure can be read.
 */
export function reportDateIso(text: string | undefined): string | undefined {
  const s = (text ?? "").normalize("NFC").trim().toLowerCase();
  if (!s) return undefined;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s);
  if (m && validDay(+m[1], +m[2], +m[3])) return `${m[1]}-${pad2(+m[2])}-${pad2(+m[3])}`;
  m = /(?:ngày\s*)?(\d{1,2})\s*(?:[/.-]|\s+tháng\s+)\s*(\d{1,2})\s*(?:[/.-]|\s+năm\s+)\s*(\d{4})\b/.exec(s);
  if (m) {
    const [a, b, y] = [+m[1], +m[2], +m[3]];
    if (validDay(y, b, a)) return `${y}-${pad2(b)}-${pad2(a)}`;
    if (validDay(y, a, b)) return `${y}-${pad2(a)}-${pad2(b)}`;
    return undefined;
  }
  m = /(?:^|[^\d])(\d{1,2})\s*(?:[/.-]|\s+năm\s+)\s*(\d{4})\b/.exec(s);
  if (m && +m[1] >= 1 && +m[1] <= 12) return `${m[2]}-${pad2(+m[1])}`;
  return undefined;
}

/** The day in Việt Nam (UTC+7, no daylight saving), as yyyy-mm-dd. */
export function vietnamDay(now: Date): string {
  const t = new Date(now.getTime() + 7 * 3600 * 1000);
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** The day that names the copy: the cover's report date when it can be read, else today in Việt Nam. */
export function exportDay(cover: CoverInfo, now: Date): { day: string; from: "report" | "today" } {
  const reported = reportDateIso(cover.reportDate);
  return reported ? { day: reported, from: "report" } : { day: vietnamDay(now), from: "today" };
}

/** NQ24_<đơn vị>_<ngày>.xlsx: the unit from the cover, the report date or else today's. */
export function exportFileName(cover: CoverInfo, now: Date): string {
  const unit = fileNamePart(cover.unit ?? "");
  return ["NQ24", unit, exportDay(cover, now).day].filter((x) => x).join("_") + ".xlsx";
}
