/**
 * Use cases on .xlsx files, for the command line and scripts: make the template or the
 * Lai Châu sample, check one workbook (annotated copy on request; the input is never
 * written), consolidate many district workbooks into the province's roll-up.
 */
import { createHash } from "crypto";
import { promises as fs } from "fs";
import { basename, extname, join, resolve } from "path";
import * as ExcelJS from "exceljs";
import type { Catalogue } from "../catalogue/types";
import { laiChauSample, nationalCatalogue, sampleFillValues } from "../catalogue";
import { checkWorkbook, type CheckResult } from "../engine/check";
import { consolidate, type Consolidation, type DistrictInput, type RefusedFile } from "../engine/consolidate";
import { buildWorkbookTemplate, SHEET_NAMES } from "../engine/layout";
import { decodeMetadata } from "../engine/metadata";
import type { WorkbookSnapshot } from "../engine/types";
import {
  DEFAULT_LIMITS,
  XlsxError,
  applyPlanToWorkbook,
  loadWorkbookBytes,
  readFileBytes,
  renderConsolidation,
  workbookToSnapshot,
  writeTemplate,
  writeWorkbookFile,
  type XlsxLimits,
} from "../adapters/xlsx";

export type Lang = "vi" | "en";

export interface CommonOptions {
  catalogue?: Catalogue;
  lang?: Lang;
  now?: Date;
}

export async function makeTemplate(out: string, options: CommonOptions = {}): Promise<string> {
  const wb = writeTemplate(buildWorkbookTemplate(options.catalogue ?? nationalCatalogue));
  await writeWorkbookFile(wb, out);
  return out;
}

/** The Lai Châu city report of May 2023, typed into our template: for training and demos. */
export async function makeSample(out: string, options: CommonOptions = {}): Promise<string> {
  const wb = writeTemplate(buildWorkbookTemplate(options.catalogue ?? nationalCatalogue, laiChauSample.cover, sampleFillValues()));
  await writeWorkbookFile(wb, out);
  return out;
}

export interface LoadedFile {
  name: string;
  path: string;
  bytes: Buffer;
  hash: string;
  workbook: ExcelJS.Workbook;
  snapshot: WorkbookSnapshot;
  /** Catalogue version the add-in recorded when the district checked the file, if it did. */
  recordedCatalogueVersion?: string;
}

export async function loadFile(path: string, limits: XlsxLimits = DEFAULT_LIMITS): Promise<LoadedFile> {
  const name = basename(path);
  const bytes = await readFileBytes(path, limits, name);
  const workbook = await loadWorkbookBytes(ExcelJS, bytes, name, limits);
  const hash = createHash("sha256").update(bytes).digest("hex");
  const metaSheet = workbook.getWorksheet(SHEET_NAMES.meta);
  let recordedCatalogueVersion: string | undefined;
  if (metaSheet) {
    const rows: (string | null)[][] = [];
    metaSheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1, 8).map((v) => (v === null || v === undefined ? null : String(v)))));
    recordedCatalogueVersion = decodeMetadata(rows).run.catalogueVersion;
  }
  const snapshot = workbookToSnapshot(workbook, { name });
  return { name, path, bytes, hash, workbook, snapshot, recordedCatalogueVersion };
}

export interface CheckFileOptions extends CommonOptions {
  /** Where to write the annotated copy; never the input file. */
  out?: string;
}

export interface CheckFileResult {
  file: string;
  hash: string;
  result: CheckResult;
  annotated?: string;
}

function samePath(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}

export async function checkFile(input: string, options: CheckFileOptions = {}): Promise<CheckFileResult> {
  const catalogue = options.catalogue ?? nationalCatalogue;
  const lang = options.lang ?? "vi";
  if (options.out && samePath(options.out, input)) {
    throw new XlsxError(
      "writeFailed",
      basename(options.out),
      "bản có đánh dấu phải là một file khác, không ghi đè file gốc",
      "the annotated copy must be another file; the input is never overwritten",
    );
  }
  const loaded = await loadFile(input);
  const result = checkWorkbook(loaded.snapshot, catalogue, { lang, now: options.now });
  const out: CheckFileResult = { file: loaded.name, hash: loaded.hash, result };
  if (options.out) {
    // The copy is built from the bytes already read: the input file is not touched again.
    applyPlanToWorkbook(loaded.workbook, result.plan, { lang });
    await writeWorkbookFile(loaded.workbook, options.out);
    out.annotated = options.out;
  }
  return out;
}

/** Files named on the command line, folders expanded to the .xlsx files they hold. */
export async function collectXlsxFiles(inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of inputs) {
    let st;
    try {
      st = await fs.stat(p);
    } catch {
      out.push(p); // reported as "not found" by the reader, with the others
      continue;
    }
    if (st.isDirectory()) {
      const names = (await fs.readdir(p)).filter((n) => extname(n).toLowerCase() === ".xlsx" && !n.startsWith("~$")).sort();
      for (const n of names) out.push(join(p, n));
    } else {
      out.push(p);
    }
  }
  return out;
}

export interface ConsolidateOptions extends CommonOptions {
  out?: string;
  limits?: XlsxLimits;
  /** Called after each file, for progress display. */
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface ConsolidateResult {
  consolidation: Consolidation;
  refused: RefusedFile[];
  /** Per file that was read, its check result (same order as consolidation.districts). */
  checked: { file: string; result: CheckResult }[];
  out?: string;
}

export function refusal(file: string, e: unknown): RefusedFile {
  if (e instanceof XlsxError) return { fileName: e.file, message: { vi: e.vi, en: e.en } };
  const why = e instanceof Error ? e.message : String(e);
  return { fileName: file, message: { vi: `không xử lý được file (${why})`, en: `could not process the file (${why})` } };
}

export async function consolidateFiles(paths: string[], options: ConsolidateOptions = {}): Promise<ConsolidateResult> {
  const catalogue = options.catalogue ?? nationalCatalogue;
  const lang = options.lang ?? "vi";
  const files = await collectXlsxFiles(paths);
  const outPath = options.out ? resolve(options.out) : undefined;
  const inputs: DistrictInput[] = [];
  const refused: RefusedFile[] = [];
  const checked: { file: string; result: CheckResult }[] = [];
  let done = 0;
  for (const path of files) {
    if (outPath && resolve(path) === outPath) { done++; continue; } // last run's output in the same folder
    try {
      const f = await loadFile(path, options.limits);
      const result = checkWorkbook(f.snapshot, catalogue, { lang, now: options.now });
      inputs.push({
        source: {
          fileName: f.name,
          unit: result.cover.unit ?? "",
          reportDate: result.cover.reportDate ?? "",
          catalogueVersion: f.recordedCatalogueVersion ?? result.plan.verdict.catalogueVersion,
          hash: f.hash,
        },
        result,
      });
      checked.push({ file: f.name, result });
    } catch (e) {
      refused.push(refusal(basename(path), e));
    }
    done++;
    options.onProgress?.(done, files.length, basename(path));
  }
  const consolidation = consolidate(inputs, catalogue, refused, options.now);
  const res: ConsolidateResult = { consolidation, refused, checked };
  if (options.out) {
    await writeWorkbookFile(renderConsolidation(consolidation, lang), options.out);
    res.out = options.out;
  }
  return res;
}
