/**
 * What the task pane and the ribbon call: one user action each, given a RequestContext
 * (tests hand them the strict fake). Rules come from the engine; the adapter reads and
 * writes; these only put the two together.
 */
import type { Catalogue, Text2 } from "../catalogue/types";
import { sampleFillValues, type CatalogueSample } from "../catalogue/sample";
import { checkWorkbook } from "../engine/check";
import type { CheckResult } from "../engine/check";
import {
  APPENDIX_COLUMNS,
  buildWorkbookTemplate,
  COVER_FIELDS,
  COVER_VALUE_COL,
  CoverInfo,
  FillValues,
  INPUT_NUMBER_FORMAT,
  SHEET_NAMES,
  SheetTemplate,
} from "../engine/layout";
import type { AppendixId } from "../catalogue/types";
import { AddinMetadata, decodeMetadata, NoteKind } from "../engine/metadata";
import { withIgnore, type IgnoredFinding } from "../engine/ignore";
import type { CellValue, Finding, IndicatorStatus, LocatedTable, RangeRect, RowMatch, Verdict, WorkbookSnapshot } from "../engine/types";
import {
  a1,
  ACTIONS,
  applyPlan,
  Capabilities,
  clearMarks,
  ClearResult,
  hostCapabilities,
  queueMetadata,
  queueTemplate,
  parseAddress,
  readMetadata,
  readSheetList,
  RESULTS_SIGNATURES,
  resultsSheetName,
  snapshotValue,
  readWorkbook,
  rangeA1,
  SheetInfo,
  timed,
  toAddinError,
  UnavailableFeature,
  unavailableFeatures,
} from "../adapters/office";

export { AddinError, detectCapabilities, hostCapabilities, unavailableFeatures, setSyncTimeout } from "../adapters/office";
export type { Capabilities, UnavailableFeature } from "../adapters/office";

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

// ---------------------------------------------------------------- own writes

/**
 * The add-in's own writes fire onChanged too. While a batch is in flight, and for the
 * status cells it wrote, events are the add-in's and are ignored by the live check.
 */
const ownWrites = { writing: false, ranges: [] as { sheet: string; rect: RangeRect }[] };

function noteOwnWrites(writing: boolean, ranges: { sheet: string; rect: RangeRect }[]): void {
  ownWrites.writing = writing;
  if (writing) ownWrites.ranges = ranges;
}

// ---------------------------------------------------------------- insert

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

function str(v: CellValue | undefined): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

interface ExistingRead {
  origin: { row: number; col: number };
  values: CellValue[][];
  text: string[][];
}

function cellOf(r: ExistingRead, row: number, col: number): { value: CellValue; text: string } {
  const i = row - r.origin.row;
  const j = col - r.origin.col;
  if (i < 0 || j < 0 || i >= r.values.length || j >= r.values[i].length) return { value: null, text: "" };
  return { value: r.values[i][j], text: r.text[i][j] };
}

/** Ids of our template in the hidden id column: the mark of a sheet we made. */
function idRows(r: ExistingRead, appendix: AppendixId, catalogue: Catalogue): Map<string, number> {
  const idCol = APPENDIX_COLUMNS[appendix].findIndex((c) => c.key === "id");
  const ids = new Set(catalogue.rows.filter((x) => x.appendix === appendix).map((x) => x.id));
  const out = new Map<string, number>();
  for (let i = 0; i < r.values.length; i++) {
    const v = str(cellOf(r, r.origin.row + i, idCol).value);
    if (ids.has(v) && !out.has(v)) out.set(v, r.origin.row + i);
  }
  return out;
}

function isOurCover(r: ExistingRead): boolean {
  return COVER_FIELDS.filter((f) => str(cellOf(r, f.row, 0).value) === f.label.vi).length >= Math.ceil(COVER_FIELDS.length / 2);
}

export async function insertSheets(context: Excel.RequestContext, catalogue: Catalogue, opts: InsertOptions): Promise<InsertResult> {
  const caps = opts.caps ?? hostCapabilities();
  const sheets = await readSheetList(context, caps);
  let syncs = 1;
  const names = new Set(sheets.map((s) => s.name));
  const has = (n: string) => sheets.some((s) => s.name.toLowerCase() === n.toLowerCase());
  const coverInfo: CoverInfo = typeof opts.cover === "object" ? opts.cover : {};
  const wantCover = opts.cover !== false;
  const tplAll = buildWorkbookTemplate(catalogue, coverInfo, opts.fill ?? {}).sheets.filter((t) => wantCover || t.role !== "cover");
  // The lists sheet first: dropdowns of the other sheets point at it in the same batch.
  const templates = tplAll.filter((t) => t.role === "lists").concat(tplAll.filter((t) => t.role !== "lists"));

  // Read what a repair needs (values of our existing sheets) and the add-in's records.
  const repairable = opts.onExisting === "repair" ? templates.filter((t) => t.role !== "lists" && has(t.name)) : [];
  const metaExists = names.has(SHEET_NAMES.meta);
  const reads = new Map<string, Excel.Range>();
  let metaRange: Excel.Range | null = null;
  for (const t of repairable) {
    const r = context.workbook.worksheets.getItem(t.name).getUsedRange();
    r.load("values,text,rowIndex,columnIndex");
    reads.set(t.name, r);
  }
  if (metaExists) {
    metaRange = context.workbook.worksheets.getItem(SHEET_NAMES.meta).getUsedRange();
    metaRange.load("values,rowIndex,rowCount");
  }
  let meta: AddinMetadata = { formatVersion: "1", run: {}, sheets: [], marks: [], statusCells: [] };
  let metaRowCount = 0;
  if (reads.size || metaRange) {
    await timed(context.sync(), { action: ACTIONS.insert });
    syncs++;
    if (metaRange) {
      meta = decodeMetadata(metaRange.values as CellValue[][]);
      metaRowCount = metaRange.rowIndex + metaRange.rowCount;
    }
  }

  const result: InsertResult["sheets"] = [];
  const taken = new Set(names);
  const records = meta.sheets.slice();
  const record = (name: string, role: string, protectedByAddin: boolean) => {
    const i = records.findIndex((s) => s.name === name);
    const rec = { name, role, protectedByAddin };
    if (i >= 0) records[i] = rec;
    else records.push(rec);
  };
  const willProtect = (t: SheetTemplate) => t.protect && caps.protection;
  for (const t of templates) {
    if (!has(t.name)) {
      queueTemplate(context, t, { caps });
      taken.add(t.name);
      record(t.name, t.role, willProtect(t));
      result.push({ template: t.name, name: t.name, action: "created" });
      continue;
    }
    if (t.role === "lists" || opts.onExisting === "keep") {
      result.push({ template: t.name, name: t.name, action: "kept" });
      continue;
    }
    const read = reads.get(t.name);
    if (opts.onExisting === "repair" && read) {
      const existing: ExistingRead = { origin: { row: read.rowIndex, col: read.columnIndex }, values: read.values as CellValue[][], text: read.text };
      const repaired = repairPlan(t, existing, catalogue, opts.fill);
      if (repaired) {
        const info = sheets.find((s) => s.name === t.name) as SheetInfo;
        const ours = meta.sheets.some((m) => m.name === t.name && m.protectedByAddin);
        queueTemplate(context, repaired.template, { caps, existing: true, keep: repaired.keep, unprotectFirst: info.protected && ours });
        record(t.name, t.role, willProtect(t));
        result.push({ template: t.name, name: t.name, action: "repaired" });
        continue;
      }
    }
    // Not ours (or rename asked): a new sheet beside it, never over it.
    const name = uniqueName(t.name, taken);
    taken.add(name);
    queueTemplate(context, t, { caps, sheetName: name });
    record(name, t.role, willProtect(t));
    result.push({ template: t.name, name, action: "renamed" });
  }
  queueMetadata(context, { ...meta, sheets: records }, { exists: metaExists, rowCount: metaRowCount });
  await timed(context.sync(), { action: ACTIONS.insert, sheet: result.length ? result[result.length - 1].name : undefined });
  syncs++;
  return { sheets: result, unavailable: unavailableFeatures(caps), syncs };
}

/**
 * A repair re-renders the template with the user's values: by id, so a value follows its
 * indicator even if rows were moved. A value still in its template cell is not rewritten
 * at all (keeping its exact type and format); a moved one is written as the text shown.
 */
function repairPlan(t: SheetTemplate, r: ExistingRead, catalogue: Catalogue, extra?: FillValues): { template: SheetTemplate; keep: Set<string> } | null {
  const keep = new Set<string>();
  if (t.role === "cover") {
    if (!isOurCover(r)) return null;
    for (const f of COVER_FIELDS) {
      if (str(cellOf(r, f.row, COVER_VALUE_COL).value) !== "") keep.add(`${f.row},${COVER_VALUE_COL}`);
    }
    return { template: t, keep };
  }
  if (t.role !== "PL1" && t.role !== "PL2") return null;
  const appendix = t.role;
  const rows = idRows(r, appendix, catalogue);
  const indicatorCount = Object.keys(t.indicatorRows ?? {}).length;
  if (rows.size < Math.max(1, Math.floor(indicatorCount / 2))) return null;
  const cols = APPENDIX_COLUMNS[appendix];
  const idx = (k: string) => cols.findIndex((c) => c.key === k);
  const moved: FillValues = {};
  const tplRows = t.indicatorRows ?? {};
  rows.forEach((row, id) => {
    const target = tplRows[id];
    if (target === undefined) return;
    for (const k of ["baseline", "result", "note"] as const) {
      const c = cellOf(r, row, idx(k));
      if (str(c.value) === "" && c.text === "") continue;
      if (row === target) keep.add(`${row},${idx(k)}`);
      else (moved[id] = moved[id] ?? {})[k] = c.text !== "" ? c.text : str(c.value);
    }
  });
  const fill = { ...(extra ?? {}), ...moved };
  const cells = t.cells.map((c) => {
    const id = Object.keys(tplRows).find((k) => tplRows[k] === c.row);
    if (!id || !fill[id]) return c;
    const key = (["baseline", "result", "note"] as const).find((k) => idx(k) === c.col);
    const v = key ? fill[id][key] : undefined;
    return v !== undefined ? { ...c, value: v, numberFormat: INPUT_NUMBER_FORMAT } : c;
  });
  return { template: { ...t, cells }, keep };
}

// ---------------------------------------------------------------- sample

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
    const existing: ExistingRead = { origin: { row: r.rowIndex, col: r.columnIndex }, values: r.values as CellValue[][], text: [] };
    existing.text = existing.values.map((row) => row.map((v) => str(v)));
    if (s.template === SHEET_NAMES.cover) {
      if (!isOurCover(existing)) continue;
      for (const f of COVER_FIELDS) {
        const v = sample.cover[f.key];
        if (v === undefined) continue;
        const cell = ws.getRange(a1(f.row, COVER_VALUE_COL));
        cell.numberFormat = [[INPUT_NUMBER_FORMAT]];
        cell.values = [[v]];
        cellsWritten++;
      }
      continue;
    }
    const appendix: AppendixId = s.template === SHEET_NAMES.PL1 ? "PL1" : "PL2";
    const rows = idRows(existing, appendix, catalogue);
    const cols = APPENDIX_COLUMNS[appendix];
    rows.forEach((row, id) => {
      const v = fill[id];
      if (!v) return;
      const first = cols.findIndex((c) => c.key === "baseline");
      const range = ws.getRange(rangeA1({ row, col: first, rowCount: 1, colCount: 3 }));
      range.numberFormat = [[INPUT_NUMBER_FORMAT, INPUT_NUMBER_FORMAT, INPUT_NUMBER_FORMAT]];
      range.values = [[v.baseline ?? "", v.result ?? "", v.note ?? ""]];
      cellsWritten += 3;
    });
  }
  await timed(context.sync(), { action: ACTIONS.fill });
  syncs++;
  return { sheets: inserted.sheets, cellsWritten, syncs };
}

// ---------------------------------------------------------------- check

export interface CheckInExcelOptions {
  lang: "vi" | "en";
  now?: Date;
  caps?: Capabilities;
  /**
   * A warning to set aside with its reason ("Bỏ qua"), or to bring back (reason null),
   * before checking: the record is written to NQ24_Meta in the same batch as the marks.
   */
  setAside?: { finding: Finding; reason: string | null };
}

export interface CheckInExcelSummary {
  verdict: Verdict;
  findings: Finding[];
  /** Warnings set aside, with their reasons. */
  ignored: IgnoredFinding[];
  statuses: IndicatorStatus[];
  tables: LocatedTable[];
  matches: RowMatch[];
  cover: CheckResult["cover"];
  /** context.sync() calls this check cost (3 on a current Excel). */
  syncs: number;
  resultsSheet: string;
  noteKind: NoteKind;
  notesSkipped: number;
  unavailable: UnavailableFeature[];
}

let lastTables: LocatedTable[] = [];

/** The add-in's own sheets are not part of the report: never given to recognition. */
function withoutAddinSheets(snapshot: WorkbookSnapshot, meta: AddinMetadata): WorkbookSnapshot {
  const own = new Set<string>([SHEET_NAMES.meta, SHEET_NAMES.lists]);
  for (const s of meta.sheets) if (s.role === "lists") own.add(s.name);
  // A recorded results sheet only if it still carries our title: a record naming a user's sheet hides nothing.
  const results = meta.sheets.filter((s) => s.role === "results").map((s) => s.name);
  if (meta.run.resultsSheet) results.push(meta.run.resultsSheet);
  for (const name of results) if (RESULTS_SIGNATURES.indexOf(String(snapshotValue(snapshot, name, 0, 0))) >= 0) own.add(name);
  return { ...snapshot, sheets: snapshot.sheets.filter((s) => !own.has(s.name)) };
}

export async function checkWorkbookInExcel(context: Excel.RequestContext, catalogue: Catalogue, opts: CheckInExcelOptions): Promise<CheckInExcelSummary> {
  const caps = opts.caps ?? hostCapabilities();
  const read = await readWorkbook(context, { caps });
  if (opts.setAside) read.meta.ignored = withIgnore(read.meta.ignored ?? [], opts.setAside.finding, opts.setAside.reason, opts.now ?? new Date());
  const snapshot = { ...withoutAddinSheets(read.snapshot, read.meta), ignored: read.meta.ignored };
  let result: CheckResult;
  try {
    result = checkWorkbook(snapshot, catalogue, { now: opts.now, lang: opts.lang });
  } catch (e) {
    throw toAddinError(e, { action: ACTIONS.check });
  }
  lastTables = result.tables;
  const applied = await applyPlan(
    context,
    result.plan,
    { sheets: read.sheets, meta: read.meta, metaRowCount: read.metaRowCount, noteCounts: read.noteCounts, snapshot: read.snapshot, tables: result.tables, markFills: read.markFills, ourNotes: read.ourNotes },
    { caps, lang: opts.lang, catalogueId: catalogue.id, onWriting: noteOwnWrites },
  );
  return {
    verdict: result.plan.verdict,
    findings: result.findings,
    ignored: result.ignored,
    statuses: result.statuses,
    tables: result.tables,
    matches: result.matches,
    cover: result.cover,
    syncs: read.syncs + applied.syncs,
    resultsSheet: applied.resultsSheet,
    noteKind: applied.noteKind,
    notesSkipped: applied.notesSkipped,
    unavailable: applied.unavailable,
  };
}

/**
 * A check that writes nothing: what the workbook holds now, for a cross-check of the written
 * report (the pane). One read, no marks.
 */
export async function readAndCheckInExcel(context: Excel.RequestContext, catalogue: Catalogue, opts: CheckInExcelOptions): Promise<CheckResult> {
  const caps = opts.caps ?? hostCapabilities();
  const read = await readWorkbook(context, { caps });
  const snapshot = { ...withoutAddinSheets(read.snapshot, read.meta), ignored: read.meta.ignored };
  try {
    return checkWorkbook(snapshot, catalogue, { now: opts.now, lang: opts.lang });
  } catch (e) {
    throw toAddinError(e, { action: ACTIONS.check });
  }
}

/** The names of the workbook's sheets (one sync). */
export async function workbookSheetNames(context: Excel.RequestContext, opts: { caps?: Capabilities } = {}): Promise<string[]> {
  return (await readSheetList(context, opts.caps ?? hostCapabilities())).map((s) => s.name);
}

// ---------------------------------------------------------------- clear, select

export async function clearMarksInExcel(context: Excel.RequestContext, opts: { caps?: Capabilities } = {}): Promise<ClearResult> {
  const caps = opts.caps ?? hostCapabilities();
  return clearMarks(context, caps);
}

export async function selectCell(context: Excel.RequestContext, sheet: string, address: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(address).select();
  await timed(context.sync(), { action: ACTIONS.select, sheet, cell: address });
}

/**
 * A message at the top of the results sheet, for the ribbon when there is no pane to show
 * it. The results sheet is the add-in's own (recorded); a user sheet of that name is left alone.
 */
export async function writeMessage(context: Excel.RequestContext, text: Text2, lang: "vi" | "en", opts: { caps?: Capabilities; now?: Date; onlyIfExists?: boolean } = {}): Promise<string | null> {
  const caps = opts.caps ?? hostCapabilities();
  const sheets = await readSheetList(context, caps);
  const metaExists = sheets.some((s) => s.name === SHEET_NAMES.meta);
  // A1 of every sheet comes with the records, to prove the results sheet ours before clearing it.
  const others = metaExists ? sheets.filter((s) => s.name !== SHEET_NAMES.meta).map((s) => s.name) : [];
  const { meta, rowCount, values } = await readMetadata(context, metaExists, caps, others, true);
  const target = resultsSheetName({ sheets, meta, metaRowCount: rowCount, noteCounts: new Map(), snapshot: values });
  // The pane has its own message bar: it only replaces old results, never adds a sheet for a message.
  if (opts.onlyIfExists && !target.exists) return null;
  const ws = target.exists ? context.workbook.worksheets.getItem(target.name) : context.workbook.worksheets.add(target.name);
  if (target.exists) ws.getRange().clear("All");
  const cells = ws.getRange("A1:C1");
  cells.numberFormat = [["@", "@", "@"]];
  cells.values = [[lang === "vi" ? "Thông báo" : "Message", text[lang], (opts.now ?? new Date()).toISOString()]];
  ws.getRange("A1:B1").format.font.bold = true;
  ws.activate();
  if (!target.exists) {
    const records = meta.sheets.concat([{ name: target.name, role: "results", protectedByAddin: false }]);
    queueMetadata(context, { ...meta, sheets: records, run: { ...meta.run, resultsSheet: target.name } }, { exists: metaExists, rowCount });
  }
  await timed(context.sync(), { action: ACTIONS.write, sheet: target.name });
  return target.name;
}

/** Shows the results sheet (after a check from the ribbon). */
export async function showSheet(context: Excel.RequestContext, sheet: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange("A1").select();
  await timed(context.sync(), { action: ACTIONS.select, sheet });
}

// ---------------------------------------------------------------- live check

export interface LiveCheckOptions {
  lang: "vi" | "en";
  onResult?: (summary: CheckInExcelSummary) => void;
  onError?: (error: unknown) => void;
  /** Excel.run by default; tests pass the fake's. */
  run?: ExcelRun;
  debounceMs?: number;
  caps?: Capabilities;
}

export interface LiveCheckHandle {
  /** Sheets being watched. */
  sheets: string[];
  /** Checks run so far. */
  checks: number;
  stop(): Promise<void>;
}

let activeLive: LiveCheckHandle | null = null;

function contains(outer: RangeRect, inner: RangeRect): boolean {
  return inner.row >= outer.row && inner.col >= outer.col && inner.row + inner.rowCount <= outer.row + outer.rowCount && inner.col + inner.colCount <= outer.col + outer.colCount;
}

function isOwnWrite(sheet: string, address: string | undefined): boolean {
  if (ownWrites.writing) return true;
  if (!address) return false;
  try {
    const rect = parseAddress(address).rect;
    return ownWrites.ranges.some((r) => r.sheet === sheet && contains(r.rect, rect));
  } catch {
    return false;
  }
}

/**
 * Re-checks the workbook as the user types (onChanged, ExcelApi 1.7), debounced. Events
 * carry no details for pastes and multi-cell edits; every event leads to a full check, so
 * nothing depends on them. Returns null when this Excel has no events (check on demand).
 */
export async function startLiveCheck(catalogue: Catalogue, opts: LiveCheckOptions): Promise<LiveCheckHandle | null> {
  const caps = opts.caps ?? hostCapabilities();
  if (!caps.events) return null;
  if (activeLive) await activeLive.stop();
  const run: ExcelRun = opts.run ?? ((batch) => Excel.run(batch));
  const debounceMs = opts.debounceMs ?? 800;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let again = false;
  let stopped = false;

  const handle: LiveCheckHandle = { sheets: [], checks: 0, stop: async () => undefined };
  const runCheck = async (): Promise<void> => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const summary = await run((ctx) => checkWorkbookInExcel(ctx, catalogue, { lang: opts.lang, caps }));
      handle.checks++;
      if (opts.onResult && !stopped) opts.onResult(summary);
    } catch (e) {
      if (opts.onError) opts.onError(toAddinError(e, { action: ACTIONS.check }));
    } finally {
      running = false;
      if (again && !stopped) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void runCheck();
    }, debounceMs);
  };

  const registrations = await run(async (context) => {
    const sheets = await readSheetList(context, caps);
    const watched = new Set<string>([SHEET_NAMES.cover, SHEET_NAMES.PL1, SHEET_NAMES.PL2]);
    for (const t of lastTables) watched.add(t.sheet);
    const names = sheets.map((s) => s.name).filter((n) => watched.has(n) || /^(Phụ lục [12]|Bìa)( \(\d+\))?$/.test(n));
    const regs = names.map((name) =>
      context.workbook.worksheets.getItem(name).onChanged.add(async (event: Excel.WorksheetChangedEventArgs) => {
        if (stopped || isOwnWrite(name, event.address)) return;
        schedule();
      }),
    );
    await timed(context.sync(), { action: ACTIONS.check });
    return { names, regs, context };
  });
  handle.sheets = registrations.names;
  handle.stop = async () => {
    if (stopped) return;
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    if (activeLive === handle) activeLive = null;
    for (const r of registrations.regs) r.remove();
    // Handlers belong to the context that added them.
    await timed(registrations.context.sync(), { action: ACTIONS.check });
  };
  activeLive = handle;
  return handle;
}

export async function stopLiveCheck(handle?: unknown): Promise<void> {
  const h = (handle as LiveCheckHandle | null | undefined) ?? activeLive;
  if (h && typeof h.stop === "function") await h.stop();
}
