/**
 * One district file, read and checked: the unit of work of a consolidation, run in the
 * main thread or in a worker thread (checkWorker.ts). Bad files come back as refusals,
 * never as exceptions, so one broken file cannot stop the others.
 */
import * as ExcelJS from "exceljs";
import { createHash } from "crypto";
import { basename } from "path";
import type { Catalogue } from "../../catalogue/types";
import { checkWorkbook, type CheckResult } from "../../engine/check";
import type { RefusedFile } from "../../engine/consolidate";
import { SHEET_NAMES } from "../../engine/layout";
import { decodeMetadata } from "../../engine/metadata";
import type { CellValue } from "../../engine/types";
import { XlsxError } from "./errors";
import { DEFAULT_LIMITS, type XlsxLimits } from "./guard";
import { loadWorkbookBytes, workbookToSnapshot } from "./load";
import { readFileBytes } from "./fsread";

/** Parts of a worksheet a check never looks at; skipping them makes loading faster. */
export const CHECK_IGNORE_NODES = [
  "dataValidations", "conditionalFormatting", "hyperlinks", "pageMargins", "pageSetup", "printOptions",
  "headerFooter", "rowBreaks", "drawing", "picture", "tableParts", "extLst", "autoFilter",
];

export interface FileCheck {
  name: string;
  sha256: string;
  /** Catalogue version the add-in recorded when the district checked the file, if it did. */
  recordedCatalogueVersion?: string;
  result: CheckResult;
}

export type FileOutcome = { ok: true; check: FileCheck } | { ok: false; refused: RefusedFile };

export interface JobOptions {
  lang: "vi" | "en";
  now?: Date;
  limits?: XlsxLimits;
  /** Keep only what a consolidation reads (see forConsolidation). */
  slim?: boolean;
}

/**
 * The parts of a check result a consolidation reads: the baseline/result readings, the
 * findings (code, place and parameters; texts are made where shown), statuses, cover and
 * verdict. Hundreds of districts then stay small in memory.
 */
export function forConsolidation(r: CheckResult): CheckResult {
  const readings: CheckResult["readings"] = {};
  for (const id of Object.keys(r.readings)) {
    const { indicator, match, baseline, result, years } = r.readings[id];
    readings[id] = { indicator, match, baseline, result, years };
  }
  return {
    ...r,
    tables: [],
    matches: [],
    readings,
    findings: r.findings,
    statuses: r.statuses.map((s) => ({ ...s, explanation: undefined })),
    plan: { statusCells: [], marks: [], results: { header: r.plan.results.header, rows: [] }, verdict: r.plan.verdict },
  };
}

export function refusalOf(file: string, e: unknown): RefusedFile {
  if (e instanceof XlsxError) return { fileName: e.file, message: { vi: e.vi, en: e.en } };
  const why = e instanceof Error ? e.message : String(e);
  return { fileName: file, message: { vi: `không xử lý được file (${why})`, en: `could not process the file (${why})` } };
}

/** The run information a previous check left in the hidden metadata sheet. */
export function recordedRun(wb: ExcelJS.Workbook): ReturnType<typeof decodeMetadata>["run"] | undefined {
  const meta = wb.getWorksheet(SHEET_NAMES.meta);
  if (!meta) return undefined;
  const rows: CellValue[][] = [];
  meta.eachRow((row) => rows.push((row.values as unknown[]).slice(1, 8).map((v) => (v === null || v === undefined ? null : String(v)))));
  return decodeMetadata(rows).run;
}

export async function readAndCheck(path: string, catalogue: Catalogue, options: JobOptions): Promise<FileOutcome> {
  const name = basename(path);
  try {
    const limits = options.limits ?? DEFAULT_LIMITS;
    const bytes = await readFileBytes(path, limits, name);
    const wb = await loadWorkbookBytes(ExcelJS, bytes, name, limits, CHECK_IGNORE_NODES);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const snapshot = workbookToSnapshot(wb, { name });
    const result = checkWorkbook(snapshot, catalogue, { lang: options.lang, now: options.now, detail: options.slim ? "summary" : "full" });
    const check: FileCheck = { name, sha256, result: options.slim ? forConsolidation(result) : result };
    const run = recordedRun(wb);
    if (run?.catalogueVersion) check.recordedCatalogueVersion = run.catalogueVersion;
    return { ok: true, check };
  } catch (e) {
    return { ok: false, refused: refusalOf(name, e) };
  }
}
