/**
 * `nq24 fix`: a workbook's one-click fixes written into a new file. Read with our reader,
 * checked, fixes planned by the engine (engine/fix), written by ExcelJS into a copy made
 * from the bytes already read — the input file is never opened for writing — then the copy
 * is read back and checked again, so what is reported is what the new file holds.
 * "Likely" fixes (two readings possible) are listed and left unless asked for; fixes on a
 * sheet the user protected are listed and never written.
 */
import { basename, resolve } from "path";
import * as ExcelJS from "exceljs";
import { nationalCatalogue } from "../catalogue";
import type { Catalogue } from "../catalogue/types";
import { loadWorkbookBytes, writeWorkbookFile, XlsxError } from "../adapters/xlsx";
import { applyFixesToWorkbook } from "../adapters/xlsx/fix";
import { checkWorkbook, type CheckResult } from "../engine/check";
import { applyFixesToSnapshot, fixTargets, planFixes, type Fix } from "../engine/fix";
import { loadFile } from "./files";

export interface FixFileOptions {
  /** The new file; required unless dryRun. Never the input. */
  out?: string;
  /** Only the findings of these rule codes. */
  rules?: string[];
  /** Plan and print, write nothing. */
  dryRun?: boolean;
  /** Apply "likely" fixes too (their first reading). */
  likely?: boolean;
  catalogue?: Catalogue;
  lang?: "vi" | "en";
  now?: Date;
}

export interface FixFileResult {
  file: string;
  /** SHA-256 of the input, read once. */
  hash: string;
  /** The check before fixing. */
  before: CheckResult;
  /** Every fix the findings offer (after --rules). */
  planned: Fix[];
  /** The fixes written (or, in a dry run, that would be). */
  applied: Fix[];
  /** "Likely" fixes left for the user to look at. */
  leftLikely: Fix[];
  /** Fixes on sheets the user protected: never written, as in Excel. */
  onProtected: Fix[];
  /** The check of the fixed workbook (the written file read back, or the dry run's snapshot). */
  after: CheckResult;
  /** The file written. */
  written?: string;
}

export async function fixFile(input: string, options: FixFileOptions): Promise<FixFileResult> {
  const catalogue = options.catalogue ?? nationalCatalogue;
  const lang = options.lang ?? "vi";
  const now = options.now ?? new Date();
  if (!options.dryRun && !options.out) {
    throw new XlsxError("writeFailed", basename(input), "cần --out <file mới> (hoặc --dry-run để chỉ xem)", "needs --out <new file> (or --dry-run to only look)");
  }
  if (options.out && resolve(options.out) === resolve(input)) {
    throw new XlsxError("writeFailed", basename(options.out), "bản đã sửa phải là một file khác, không ghi đè file gốc", "the fixed copy must be another file; the input is never overwritten");
  }
  const loaded = await loadFile(input);
  const before = checkWorkbook(loaded.snapshot, catalogue, { lang, now });
  const planned = planFixes(loaded.snapshot, before, options.rules);
  const locked = new Set(loaded.snapshot.sheets.filter((s) => s.protected).map((s) => s.name));
  const onProtected = planned.filter((f) => fixTargets(f).some((t) => locked.has(t.sheet)));
  const open = planned.filter((f) => onProtected.indexOf(f) < 0);
  const applied = open.filter((f) => f.certainty === "certain" || options.likely);
  const leftLikely = open.filter((f) => applied.indexOf(f) < 0);
  const out: FixFileResult = { file: loaded.name, hash: loaded.hash, before, planned, applied, leftLikely, onProtected, after: before };
  if (options.dryRun) {
    out.after = checkWorkbook(applyFixesToSnapshot(loaded.snapshot, applied), catalogue, { lang, now });
    return out;
  }
  if (loaded.format !== "xlsx") {
    throw new XlsxError("writeFailed", loaded.name, "chỉ sửa được file .xlsx; hãy lưu file thành .xlsx trong Excel trước", "only an .xlsx can be fixed; save the file as .xlsx in Excel first");
  }
  const workbook = await loadWorkbookBytes(ExcelJS, loaded.bytes, loaded.name);
  out.applied = applyFixesToWorkbook(workbook, applied, now);
  await writeWorkbookFile(workbook, options.out as string);
  out.written = options.out;
  const reread = await loadFile(options.out as string);
  out.after = checkWorkbook(reread.snapshot, catalogue, { lang, now });
  return out;
}
