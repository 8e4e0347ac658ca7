/**
 * Use cases on workbook files, for the command line and scripts: make the template or the
 * Lai Châu sample, check one workbook (.xlsx, .xlsm, .xls or .ods; an annotated .xlsx copy
 * on request; the input is never written), consolidate many district workbooks into the
 * province's roll-up.
 */
import { createHash } from "crypto";
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import { basename, extname, join, resolve } from "path";
import { Worker } from "worker_threads";
import * as ExcelJS from "exceljs";
import type { Catalogue, Periods, Text2 } from "../catalogue/types";
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
  readWorkbookPath,
  refusalOf,
  type FileOutcome,
  type JobOptions,
  type SpreadsheetFormat,
  loadWorkbookBytes,
  renderConsolidation,
  writeTemplate,
  writeWorkbookFile,
  type XlsxLimits,
} from "../adapters/xlsx";
import { fileMessages } from "../adapters/xlsx/reader/messages";

export type Lang = "vi" | "en";

/** Said when a consolidation could read no file at all (and so wrote no roll-up). */
export const NONE_READ: Text2 = fileMessages.noneRead;

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
  format: SpreadsheetFormat;
  snapshot: WorkbookSnapshot;
  /** Catalogue version the add-in recorded when the district checked the file, if it did. */
  recordedCatalogueVersion?: string;
}

export async function loadFile(path: string, limits: XlsxLimits = DEFAULT_LIMITS): Promise<LoadedFile> {
  const name = basename(path);
  const read = await readWorkbookPath(path, limits, name);
  const hash = createHash("sha256").update(read.bytes).digest("hex");
  return { name, path, bytes: read.bytes, hash, format: read.format, snapshot: read.snapshot, recordedCatalogueVersion: read.recordedRun?.catalogueVersion };
}

export interface CheckFileOptions extends CommonOptions {
  /** Where to write the annotated copy; never the input file. */
  out?: string;
  /** The reporting periods to look for, when not the catalogue's (--periods). */
  periods?: Periods;
}

export interface CheckFileResult {
  file: string;
  hash: string;
  result: CheckResult;
  annotated?: string;
  /** Why the annotated copy asked for could not be made (the check itself is complete). */
  annotationRefused?: Text2;
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
  const result = checkWorkbook(loaded.snapshot, catalogue, { lang, now: options.now, periods: options.periods });
  const out: CheckFileResult = { file: loaded.name, hash: loaded.hash, result };
  if (options.out) {
    // The copy is built from the bytes already read (the input file is not touched again),
    // by ExcelJS, which writes .xlsx only and opens fewer files than the reader does.
    if (loaded.format !== "xlsx") {
      out.annotationRefused = fileMessages.annotateNotXlsx;
      return out;
    }
    let workbook: ExcelJS.Workbook;
    try {
      workbook = await loadWorkbookBytes(ExcelJS, loaded.bytes, loaded.name);
    } catch {
      out.annotationRefused = fileMessages.annotateUnopenable;
      return out;
    }
    applyPlanToWorkbook(workbook, result.plan, { lang });
    await writeWorkbookFile(workbook, options.out);
    out.annotated = options.out;
  }
  return out;
}

/** Workbook files a folder's reports may be in; the reader tells their kind from their bytes. */
export const WORKBOOK_EXTENSIONS = [".xlsx", ".xlsm", ".xls", ".ods"];

export interface CollectedFiles {
  files: string[];
  /** Entries of the folders that are not read, each with its reason: none is left out silently. */
  skipped: RefusedFile[];
}

/** Files named on the command line, folders expanded to the workbook files they hold. */
export async function collectWorkbookFiles(inputs: string[]): Promise<CollectedFiles> {
  const files: string[] = [];
  const skipped: RefusedFile[] = [];
  for (const p of inputs) {
    let st;
    try {
      st = await fs.stat(p);
    } catch {
      files.push(p); // reported as "not found" by the reader, with the others
      continue;
    }
    if (!st.isDirectory()) {
      files.push(p); // named by the user: read whatever it is (the reader says if it cannot)
      continue;
    }
    for (const entry of (await fs.readdir(p, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const n = entry.name;
      const ext = extname(n).toLowerCase();
      if (entry.isDirectory()) skipped.push({ fileName: n, message: fileMessages.subfolder });
      else if (n.startsWith("~$")) skipped.push({ fileName: n, message: fileMessages.lockFile });
      else if (WORKBOOK_EXTENSIONS.indexOf(ext) >= 0) files.push(join(p, n));
      else skipped.push({ fileName: n, message: fileMessages.notRead(ext || n) });
    }
  }
  return { files, skipped };
}

/** The workbook files alone (see collectWorkbookFiles for what is left out, and why). */
export async function collectXlsxFiles(inputs: string[]): Promise<string[]> {
  return (await collectWorkbookFiles(inputs)).files;
}

export interface ConsolidateOptions extends CommonOptions {
  out?: string;
  limits?: XlsxLimits;
  /**
   * Worker threads reading files; 0 reads in this thread. By default (undefined) the count
   * comes from defaultWorkers: the cores, the number of files and their size.
   */
  workers?: number;
  /** Heap cap of each worker thread, in MB (default WORKER_HEAP_MB). */
  workerHeapMb?: number;
  /** Called after each file, for progress display. */
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface ConsolidateResult {
  consolidation: Consolidation;
  /** Files that could not be read and entries of the folders that were not, each with its reason. */
  refused: RefusedFile[];
  /**
   * Per file that was read, its check result as a consolidation keeps it (same order as
   * consolidation.districts): see forConsolidation in adapters/xlsx/job.ts.
   */
  checked: { file: string; result: CheckResult }[];
  /** The roll-up written; absent when asked for none, or when no file at all could be read. */
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

/**
 * Worker threads for a run when the caller does not say. A district file reads and checks
 * in a few milliseconds, about what handing its result back from a worker costs, so
 * workers only pay off where cores are left over for them beside the main thread and the
 * files are many and large: measured by `npm run bench -- files` (one thread and workers
 * side by side). On two cores they are slower, whatever the files.
 */
export function defaultWorkers(fileCount: number, totalBytes = 0, cores = coreCount()): number {
  if (cores < WORKERS_MIN_CORES || fileCount < WORKERS_MIN_FILES) return 0;
  if (totalBytes > 0 && totalBytes / fileCount < WORKERS_MIN_AVG_BYTES) return 0;
  return Math.min(cores - 1, 4);
}
/** Below these, one thread is at least as fast (see defaultWorkers). */
export const WORKERS_MIN_CORES = 4;
export const WORKERS_MIN_FILES = 200;
export const WORKERS_MIN_AVG_BYTES = 30 * 1024;

/** Cores available, for callers that opt into worker threads. */
export function coreCount(): number {
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

/** A worker's heap cap: a file that needs more is refused by name, and a new worker carries on. */
export const WORKER_HEAP_MB = 1024;

/** Reads and checks every file, in worker threads when asked; results in input order. */
async function readAndCheckAll(files: string[], catalogue: Catalogue, job: JobOptions, workers: number, onEach: (file: string) => void, heapMb = WORKER_HEAP_MB): Promise<FileOutcome[]> {
  const script = workers > 0 ? workerScript() : null;
  const results: FileOutcome[] = new Array(files.length);
  if (!script) {
    for (let i = 0; i < files.length; i++) {
      results[i] = await readAndCheck(files[i], catalogue, job);
      onEach(files[i]);
    }
    return results;
  }
  let next = 0;
  const workerData = { catalogue, options: { ...job, now: job.now?.toISOString() } };
  // Each lane runs one worker at a time; a worker that dies (out of memory, say) fails only
  // the file it was reading, and the lane starts a fresh one for the rest.
  const lane = () =>
    new Promise<void>((done) => {
      const start = () => {
        if (next >= files.length) return done();
        const w = new Worker(script, { workerData, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
        let current = -1;
        let settled = false;
        const feed = () => {
          if (next >= files.length) {
            settled = true;
            void w.terminate().then(() => done());
            return;
          }
          current = next++;
          w.postMessage({ id: current, path: files[current] });
        };
        const died = () => {
          if (settled) return;
          settled = true;
          if (current >= 0 && !results[current]) {
            results[current] = { ok: false, refused: { fileName: basename(files[current]), message: fileMessages.outOfMemory } };
            onEach(files[current]);
          }
          void w.terminate().then(start);
        };
        w.on("message", (msg: { id: number; outcome: FileOutcome }) => {
          results[msg.id] = msg.outcome;
          onEach(files[msg.id]);
          feed();
        });
        w.on("error", died);
        w.on("exit", died);
        feed();
      };
      start();
    });
  await Promise.all(Array.from({ length: Math.min(workers, files.length) }, lane));
  return results;
}

async function totalSize(files: string[]): Promise<number> {
  let n = 0;
  for (const f of files) n += await fs.stat(f).then((s) => s.size, () => 0);
  return n;
}

export async function consolidateFiles(paths: string[], options: ConsolidateOptions = {}): Promise<ConsolidateResult> {
  const catalogue = options.catalogue ?? nationalCatalogue;
  const lang = options.lang ?? "vi";
  const outPath = options.out ? resolve(options.out) : undefined;
  const collected = await collectWorkbookFiles(paths);
  // Last run's output in the same folder is not a district report.
  const files = collected.files.filter((p) => !outPath || resolve(p) !== outPath);
  let done = 0;
  const workers = options.workers ?? defaultWorkers(files.length, files.length >= WORKERS_MIN_FILES ? await totalSize(files) : 0);
  const outcomes = await readAndCheckAll(files, catalogue, { lang, now: options.now, limits: options.limits, slim: true }, workers, (file) => {
    done++;
    options.onProgress?.(done, files.length, basename(file));
  }, options.workerHeapMb);
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
  refused.push(...collected.skipped.filter((s) => !outPath || basename(outPath) !== s.fileName));
  const consolidation = consolidate(inputs, catalogue, refused, options.now);
  const res: ConsolidateResult = { consolidation, refused, checked };
  // With no district read there is nothing to roll up: no file is written over an old one.
  if (options.out && inputs.length > 0) {
    await writeWorkbookFile(renderConsolidation(consolidation, lang), options.out, { fast: true });
    res.out = options.out;
  }
  return res;
}
