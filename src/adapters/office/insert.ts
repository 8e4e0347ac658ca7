/**
 * Insert (and repair) the template sheets, and fill the training sample, in a live workbook.
 * What to write is planned without Excel (engine/layout.ts, engine/repair.ts); this reads
 * what a repair needs and carries the plan out.
 *
 * Sync budget: the sheet list (1), the values of our sheets to repair and the records (1,
 * only when there is any), the writes (1). The sample over sheets that were there already
 * costs one read and one write more.
 *
 * Insert is the one action that may call what empties Excel's undo history: it hides its
 * helper sheets (ExcelApi 1.2) and unprotects a sheet an earlier version of the add-in
 * protected. The README says so.
 */
import type { AppendixId, Catalogue } from "../../catalogue/types";
import { sampleFillValues, type CatalogueSample } from "../../catalogue/sampleValues";
import { buildWorkbookTemplate, COVER_FIELDS, COVER_VALUE_COL, CoverInfo, FillValues, INPUT_NUMBER_FORMAT, SHEET_NAMES } from "../../engine/layout";
import { AddinMetadata, AddinSheetRecord, decodeMetadata, emptyMetadata } from "../../engine/metadata";
import { ExistingSheet, isOurCover, repairPlan, sampleWrites, str } from "../../engine/repair";
import type { CellValue } from "../../engine/types";
import { a1, rangeA1 } from "./a1";
import { writeRange } from "./batch";
import { Capabilities, hostCapabilities, UnavailableFeature, unavailableFeatures } from "./capabilities";
import { ACTIONS } from "./errors";
import { readSheetList, SheetInfo } from "./read";
import { metaSheetWrites, metaWrites } from "./records";
import { queueTemplate } from "./render";
import { timed } from "./sync";

export type InsertAction = "created" | "renamed" | "repaired" | "kept";

export interface InsertOptions {
  /** Cover values, or true for an empty cover sheet, false for none (default: true). */
  cover?: CoverInfo | boolean;
  /** Values to put in the input cells (the training sample). */
  fill?: FillValues;
  /**
   * A sheet of the same name is never overwritten: "rename" adds "Phụ lục 1 (2)";
   * "repair" restores layout, labels, styles and ids of a sheet made by our template and
   * keeps every value typed in it; "keep" (internal) leaves it as it is.
   */
  onExisting: "rename" | "repair" | "keep";
  caps?: Capabilities;
}

export interface InsertResult {
  sheets: { template: string; name: string; action: InsertAction }[];
  /** Layout features this Excel could not apply (dropdowns, print setup…). */
  unavailable: UnavailableFeature[];
  syncs: number;
}

function uniqueName(base: string, taken: Set<string>): string {
  const lower = new Set(Array.from(taken).map((n) => n.toLowerCase()));
  let i = 2;
  while (lower.has(`${base} (${i})`.toLowerCase())) i++;
  return `${base} (${i})`;
}

function existingOf(r: Excel.Range, withText: boolean): ExistingSheet {
  const values = (r.values ?? []) as CellValue[][];
  return { origin: { row: r.rowIndex, col: r.columnIndex }, values, text: withText ? r.text : values.map((row) => row.map((v) => str(v))) };
}

/** The values of the sheets a repair may touch, and the records, in one sync (none when neither is needed). */
async function readForRepair(context: Excel.RequestContext, names: string[], metaExists: boolean): Promise<{ existing: Map<string, ExistingSheet>; meta: AddinMetadata; metaRowCount: number; syncs: number }> {
  const reads = names.map((name) => {
    const r = context.workbook.worksheets.getItem(name).getUsedRange();
    r.load("values,text,rowIndex,columnIndex");
    return { name, r };
  });
  let metaRange: Excel.Range | null = null;
  if (metaExists) {
    metaRange = context.workbook.worksheets.getItem(SHEET_NAMES.meta).getUsedRange();
    metaRange.load("values,rowIndex,rowCount");
  }
  if (!reads.length && !metaRange) return { existing: new Map(), meta: emptyMetadata(), metaRowCount: 0, syncs: 0 };
  await timed(context.sync(), { action: ACTIONS.insert });
  const existing = new Map<string, ExistingSheet>();
  for (const { name, r } of reads) existing.set(name, existingOf(r, true));
  if (!metaRange) return { existing, meta: emptyMetadata(), metaRowCount: 0, syncs: 1 };
  return { existing, meta: decodeMetadata(metaRange.values as CellValue[][]), metaRowCount: metaRange.rowIndex + metaRange.rowCount, syncs: 1 };
}

export async function insertSheets(context: Excel.RequestContext, catalogue: Catalogue, opts: InsertOptions): Promise<InsertResult> {
  const caps = opts.caps ?? hostCapabilities();
  const sheets = await readSheetList(context, caps);
  let syncs = 1;
  const names = new Set(sheets.map((s) => s.name));
  const has = (n: string) => sheets.some((s) => s.name.toLowerCase() === n.toLowerCase());
  const coverInfo: CoverInfo = typeof opts.cover === "object" ? opts.cover : {};
  const wantCover = opts.cover !== false;
  // The attachment line is a formula over the cover when the workbook has (or gets) one.
  const coverSheet = wantCover || has(SHEET_NAMES.cover) ? SHEET_NAMES.cover : null;
  const tplAll = buildWorkbookTemplate(catalogue, coverInfo, opts.fill ?? {}, coverSheet).sheets.filter((t) => wantCover || t.role !== "cover");
  // The lists sheet first: dropdowns of the other sheets point at it in the same batch.
  const templates = tplAll.filter((t) => t.role === "lists").concat(tplAll.filter((t) => t.role !== "lists"));

  const repairable = opts.onExisting === "repair" ? templates.filter((t) => t.role !== "lists" && has(t.name)).map((t) => t.name) : [];
  const metaInfo = sheets.find((s) => s.name === SHEET_NAMES.meta);
  const read = await readForRepair(context, repairable, !!metaInfo);
  syncs += read.syncs;

  const result: InsertResult["sheets"] = [];
  const taken = new Set(names);
  const records: AddinSheetRecord[] = read.meta.sheets.slice();
  // The add-in no longer protects its sheets: every record it writes says so.
  const record = (name: string, role: string) => {
    const i = records.findIndex((s) => s.name === name);
    const rec = { name, role, protectedByAddin: false };
    if (i >= 0) records[i] = rec;
    else records.push(rec);
  };
  for (const t of templates) {
    if (!has(t.name)) {
      queueTemplate(context, t, { caps });
      taken.add(t.name);
      record(t.name, t.role);
      result.push({ template: t.name, name: t.name, action: "created" });
      continue;
    }
    if (t.role === "lists" || opts.onExisting === "keep") {
      result.push({ template: t.name, name: t.name, action: "kept" });
      continue;
    }
    const existing = read.existing.get(t.name);
    const repaired = opts.onExisting === "repair" && existing ? repairPlan(t, existing, catalogue, opts.fill) : null;
    if (repaired) {
      const info = sheets.find((s) => s.name === t.name) as SheetInfo;
      // A sheet an earlier version protected (no password) is unprotected for the repair, and stays so.
      const ours = read.meta.sheets.some((m) => m.name === t.name && m.protectedByAddin);
      queueTemplate(context, repaired.template, { caps, existing: true, keep: repaired.keep, unprotectFirst: info.protected && ours });
      record(t.name, t.role);
      result.push({ template: t.name, name: t.name, action: "repaired" });
      continue;
    }
    // Not ours (or rename asked): a new sheet beside it, never over it.
    const name = uniqueName(t.name, taken);
    taken.add(name);
    queueTemplate(context, t, { caps, sheetName: name });
    record(name, t.role);
    result.push({ template: t.name, name, action: "renamed" });
  }
  const state = { exists: !!metaInfo, rowCount: read.metaRowCount };
  const writes = [...metaSheetWrites(context, state, caps, true), ...metaWrites(context, { ...read.meta, sheets: records }, state)];
  for (const w of writes) if ("queue" in w) w.queue();
  // Records a check made visible (it may not hide a sheet) are hidden now.
  if (metaInfo && metaInfo.visibility === "Visible" && caps.sheetVisibility) context.workbook.worksheets.getItem(SHEET_NAMES.meta).visibility = "Hidden";
  await timed(context.sync(), { action: ACTIONS.insert, sheet: result.length ? result[result.length - 1].name : undefined });
  syncs++;
  return { sheets: result, unavailable: unavailableFeatures(caps), syncs };
}

/** A catalogue sample (the Lai Châu one): values by indicator id, notes on heading rows, the cover. */
export type SampleLike = CatalogueSample;

export interface FillSampleResult {
  sheets: InsertResult["sheets"];
  cellsWritten: number;
  syncs: number;
}

/** Training: the Lai Châu sample into the input cells (sheets inserted first if missing). */
export async function fillSample(context: Excel.RequestContext, catalogue: Catalogue, sample: SampleLike, opts: { caps?: Capabilities } = {}): Promise<FillSampleResult> {
  const caps = opts.caps ?? hostCapabilities();
  // The command line's sample is built from the same values, heading notes included, so
  // both check the same workbook.
  const fill: FillValues = sampleFillValues(sample);
  const inserted = await insertSheets(context, catalogue, { cover: sample.cover, fill, onExisting: "keep", caps });
  let syncs = inserted.syncs;
  const kept = inserted.sheets.filter((s) => s.action === "kept" && s.template !== SHEET_NAMES.lists);
  if (kept.length === 0) return { sheets: inserted.sheets, cellsWritten: 0, syncs };

  // Sheets that were there already: find each indicator's row by id and write its cells.
  const reads = kept.map((s) => {
    const r = context.workbook.worksheets.getItem(s.name).getUsedRange();
    r.load("values,rowIndex,columnIndex");
    return { s, r };
  });
  await timed(context.sync(), { action: ACTIONS.fill });
  syncs++;
  let cellsWritten = 0;
  for (const { s, r } of reads) {
    const ws = context.workbook.worksheets.getItem(s.name);
    const existing = existingOf(r, false);
    if (s.template === SHEET_NAMES.cover) {
      if (!isOurCover(existing)) continue;
      for (const f of COVER_FIELDS) {
        const v = sample.cover[f.key];
        if (v === undefined) continue;
        const cell = writeRange(context, ws, a1(f.row, COVER_VALUE_COL));
        cell.numberFormat = [[INPUT_NUMBER_FORMAT]];
        cell.values = [[v]];
        cellsWritten++;
      }
      continue;
    }
    const appendix: AppendixId = s.template === SHEET_NAMES.PL1 ? "PL1" : "PL2";
    for (const w of sampleWrites(appendix, existing, catalogue, fill)) {
      const range = writeRange(context, ws, rangeA1({ row: w.row, col: w.col, rowCount: 1, colCount: w.values.length }));
      range.numberFormat = [w.values.map(() => INPUT_NUMBER_FORMAT)];
      range.values = [w.values];
      cellsWritten += w.values.length;
    }
  }
  await timed(context.sync(), { action: ACTIONS.fill });
  syncs++;
  return { sheets: inserted.sheets, cellsWritten, syncs };
}
