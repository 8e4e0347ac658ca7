/**
 * Use cases on .xlsx files, for the command line and scripts: make the template or the
 * Lai Châu sample, check one workbook (annotated copy on request; the input is never
 * written), consolidate many district workbooks into the province's roll-up.
 */
import { createHash } from "crypto";
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import { basename, extname, join, resolve } from "path";
import { Worker } from "worker_threads";
import * as ExcelJS from "exceljs";
import type { Catalogue } from "../catalogue/types";
import { laiChauSample, nationalCatalogue, sampleFillValues } from "../catalogue";
import { checkWorkbook, type CheckResult } from "../engine/check";
import { consolidate, type Consolidation, type DistrictInput, type RefusedFile } from "../engine/consolidate";
import { buildWorkbookTemplate } from "../engine/layout";
import type { WorkbookSnapshot } from "../engine/types";
import {
  DEFAULT_LIMITS,
  XlsxError,
  applyPlanToWorkbook,
  readAndCheck,
  recordedRun,
  refusalOf,
  type FileOutcome,
  type JobOptions,
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
  const recordedCatalogueVersion = recordedRun(workbook)?.catalogueVersion;
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
  /**
   * Worker threads reading files; 0 reads in this thread. Workers pay for their start-up and
   * for copying results back: worth it only with many files. By default (undefined) they are
   * used from AUTO_WORKERS_FROM files up, one per core, at most four.
   */
  workers?: number;
  /** Called after each file, for progress display. */
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface ConsolidateResult {
  consolidation: Consolidation;
  refused: RefusedFile[];
  /**
   * Per file that was read, its check result as a consolidation keeps it (same order as
   * consolidation.districts): see forConsolidation in adapters/xlsx/job.ts.
   */
  checked: { file: string; result: CheckResult }[];
  out?: string;
}

export function refusal(file: string, e: unknown): RefusedFile {
  return refusalOf(file, e);
}

/** The compiled worker, when running from build/ (under ts-jest there is none: one thread). */
function workerScript(): string | null {
  const p = join(__dirname, "..", "adapters", "xlsx", "checkWorker.js");
  return existsSync(p) ? p : null;
}

/** From this many files a province run reads them on worker threads by default. */
export const AUTO_WORKERS_FROM = 200;

/** Worker threads for a run of `fileCount` files when the caller does not say. */
export function defaultWorkers(fileCount: number): number {
  const cores = coreCount();
  return fileCount >= AUTO_WORKERS_FROM && cores >= 2 ? Math.min(cores, 4) : 0;
}

/** Cores available, for callers that opt into worker threads. */
export function coreCount(): number {
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

/** Reads and checks every file, in worker threads when there are many; results in input order. */
async function readAndCheckAll(files: string[], catalogue: Catalogue, job: JobOptions, workers: number, onEach: (file: string) => void): Promise<FileOutcome[]> {
  const script = workers > 0 ? workerScript() : null;
  const results: FileOutcome[] = new Array(files.length);
  if (!script) {
    for (let i = 0; i < files.length; i++) {
      results[i] = await readAndCheck(files[i], catalogue, job);
      onEach(files[i]);
    }
    return results;
  }
  const pool = Array.from({ length: Math.min(workers, files.length) }, () =>
    new Worker(script, { workerData: { catalogue, options: { ...job, now: job.now?.toISOString() } } }),
  );
  let next = 0;
  try {
    await Promise.all(pool.map((w) => new Promise<void>((resolveAll, reject) => {
      const feed = () => {
        if (next >= files.length) return resolveAll();
        const id = next++;
        w.postMessage({ id, path: files[id] });
      };
      w.on("message", (msg: { id: number; outcome: FileOutcome }) => {
        results[msg.id] = msg.outcome;
        onEach(files[msg.id]);
        feed();
      });
      w.on("error", reject);
      feed();
    })));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}

export async function consolidateFiles(paths: string[], options: ConsolidateOptions = {}): Promise<ConsolidateResult> {
  const catalogue = options.catalogue ?? nationalCatalogue;
  const lang = options.lang ?? "vi";
  const outPath = options.out ? resolve(options.out) : undefined;
  // Last run's output in the same folder is not a district report.
  const files = (await collectXlsxFiles(paths)).filter((p) => !outPath || resolve(p) !== outPath);
  let done = 0;
  const workers = options.workers ?? defaultWorkers(files.length);
  const outcomes = await readAndCheckAll(files, catalogue, { lang, now: options.now, limits: options.limits, slim: true }, workers, (file) => {
    done++;
    options.onProgress?.(done, files.length, basename(file));
  });
  const inputs: DistrictInput[] = [];
  const refused: RefusedFile[] = [];
  const checked: { file: string; result: CheckResult }[] = [];
  for (const o of outcomes) {
    if (!o.ok) {
      refused.push(o.refused);
      continue;
    }
    const { name, sha256, result, recordedCatalogueVersion } = o.check;
    inputs.push({
      source: {
        fileName: name,
        unit: result.cover.unit ?? "",
        reportDate: result.cover.reportDate ?? "",
        catalogueVersion: recordedCatalogueVersion ?? result.plan.verdict.catalogueVersion,
        hash: sha256,
      },
      result,
    });
    checked.push({ file: name, result });
  }
  const consolidation = consolidate(inputs, catalogue, refused, options.now);
  const res: ConsolidateResult = { consolidation, refused, checked };
  if (options.out) {
    await writeWorkbookFile(renderConsolidation(consolidation, lang), options.out, { fast: true });
    res.out = options.out;
  }
  return res;
}
