/**
 * One district file, read and checked: the unit of work of a consolidation, run in the
 * main thread or in a worker thread (checkWorker.ts). Bad files come back as refusals,
 * never as exceptions, so one broken file cannot stop the others.
 */
import { createHash } from "crypto";
import { basename } from "path";
import type { Catalogue } from "../../catalogue/types";
import { checkWorkbook, type CheckResult } from "../../engine/check";
import type { RefusedFile } from "../../engine/consolidate";
import { XlsxError } from "./errors";
import { DEFAULT_LIMITS, type XlsxLimits } from "./guard";
import { readFileBytes } from "./fsread";
import { readSpreadsheetSync, type ReadResult } from "./reader";
import { fileMessages } from "./reader/messages";
import { loadSheetJs, nodeInflateRaw } from "./sheetjs";

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

/**
 * A refusal naming the file. Our own errors carry the user's words; anything else is a
 * fault of ours, and its internal text is not what a user should read.
 */
export function refusalOf(file: string, e: unknown): RefusedFile {
  if (e instanceof XlsxError) return { fileName: e.file, message: { vi: e.vi, en: e.en } };
  return { fileName: file, message: fileMessages.unreadable };
}

/** Reads a workbook file of any supported format (.xlsx, .xlsm, .xls, .ods) into a snapshot. */
export async function readWorkbookPath(path: string, limits: XlsxLimits = DEFAULT_LIMITS, name = basename(path)): Promise<ReadResult & { bytes: Buffer }> {
  const bytes = await readFileBytes(path, limits, name);
  return { ...readSpreadsheetSync(bytes, { name, limits, inflateRaw: nodeInflateRaw }, loadSheetJs), bytes };
}

export async function readAndCheck(path: string, catalogue: Catalogue, options: JobOptions): Promise<FileOutcome> {
  const name = basename(path);
  try {
    const read = await readWorkbookPath(path, options.limits ?? DEFAULT_LIMITS, name);
    const sha256 = createHash("sha256").update(read.bytes).digest("hex");
    const result = checkWorkbook(read.snapshot, catalogue, { lang: options.lang, now: options.now, detail: options.slim ? "summary" : "full" });
    const check: FileCheck = { name, sha256, result: options.slim ? forConsolidation(result) : result };
    if (read.recordedRun?.catalogueVersion) check.recordedCatalogueVersion = read.recordedRun.catalogueVersion;
    return { ok: true, check };
  } catch (e) {
    return { ok: false, refused: refusalOf(name, e) };
  }
}
