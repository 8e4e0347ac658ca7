/**
 * What the task pane and the ribbon call: one user action each. The context-level functions
 * take a RequestContext (tests hand them Microsoft's library over a fake workbook); the
 * `run…` ones open the Excel.run themselves, with the options each action wants (wait for
 * a cell edit; one undo step where Excel offers it). Rules come from the engine; the
 * adapter reads and writes; these only put the two together. The live check writes
 * nothing: marks are written by an explicit Check.
 */
import type { Catalogue, Text2 } from "../catalogue/types";
import { checkWorkbook } from "../engine/check";
import { withIgnore, type IgnoredFinding } from "../engine/ignore";
import type { CheckResult } from "../engine/check";
import { SHEET_NAMES } from "../engine/layout";
import type { AddinMetadata, NoteKind } from "../engine/metadata";
import { RESULTS_SIGNATURES } from "../engine/metadata";
import type { ColumnOverride, Coverage, Finding, IndicatorStatus, LocatedTable, RangeRect, RowMatch, TableMapping, Verdict, WorkbookSnapshot } from "../engine/types";
import { storeColumnOverride, type ColumnRef } from "../adapters/office/overrides";
import { fixId, fixText, planFixes, type Fix } from "../engine/fix";
import {
  ACTIONS,
  applyFixes,
  applyPlan,
  Capabilities,
  clearMarks,
  ClearResult,
  excelRun,
  ExcelRun,
  hostCapabilities,
  parseAddress,
  readSheetList,
  readWorkbook,
  ReadResult,
  refusalText,
  RefusedFix,
  runOptions,
  snapshotValue,
  toAddinError,
  UnavailableFeature,
  unavailableFeatures,
  watchSheets,
} from "../adapters/office";

export { AddinError, detectCapabilities, hostCapabilities, unavailableFeatures, setSyncTimeout, insertSheets, fillSample, selectCell, showSheet, writeMessage, excelRun, runOptions } from "../adapters/office";
export type { RefusedFix } from "../adapters/office";
export type { Capabilities, UnavailableFeature, ExcelRun, ExcelRunOptions, InsertAction, InsertOptions, InsertResult, SampleLike, FillSampleResult } from "../adapters/office";

// ---------------------------------------------------------------- session

/**
 * What one pane (or one ribbon runtime) remembers between actions: the add-in's own
 * writes in flight (they fire change events too), the tables the last check located (the
 * live check watches their sheets) and the live check running.
 */
export class OfficeSession {
  private writing = false;
  private ownRanges: { sheet: string; rect: RangeRect }[] = [];
  lastTables: LocatedTable[] = [];
  /** The fixes the last check (or live check) offers, by finding (engine/fix fixId). */
  lastFixes = new Map<string, Fix>();
  live: LiveCheckHandle | null = null;

  /** For ApplyOptions.onWriting: while a check writes, and for the status cells it wrote, events are its own. */
  readonly noteOwnWrites = (writing: boolean, ranges: { sheet: string; rect: RangeRect }[]): void => {
    this.writing = writing;
    if (writing) this.ownRanges = ranges;
  };

  isOwnWrite(sheet: string, address: string | undefined): boolean {
    if (this.writing) return true;
    if (!address) return false;
    try {
      const r = parseAddress(address).rect;
      return this.ownRanges.some((o) => o.sheet === sheet && r.row >= o.rect.row && r.col >= o.rect.col && r.row + r.rowCount <= o.rect.row + o.rect.rowCount && r.col + r.colCount <= o.rect.col + o.rect.colCount);
    } catch {
      return false;
    }
  }
}

/** The session of this runtime (a pane, or the ribbon's function file). */
export const officeSession = new OfficeSession();

/**
 * One Excel.run for one user action, with the options that action wants. Should Excel refuse
 * to group a write into one undo step ("UndoNotSupported"), the action runs again ungrouped:
 * a check or a clear is safe to run twice (the records say what is already done).
 */
export async function excelAction<T>(kind: "read" | "write", batch: (context: Excel.RequestContext) => Promise<T>, opts: { caps?: Capabilities; run?: ExcelRun } = {}): Promise<T> {
  const run = opts.run ?? excelRun;
  const options = runOptions(opts.caps ?? hostCapabilities(), kind);
  try {
    return await run(batch, options);
  } catch (e) {
    const code = e && typeof e === "object" ? (e as { code?: unknown }).code : undefined;
    if (!options.mergeUndoGroup || code !== "UndoNotSupported") throw e;
    return run(batch, { delayForCellEdit: options.delayForCellEdit });
  }
}

// ---------------------------------------------------------------- check

export interface CheckInExcelOptions {
  lang: "vi" | "en";
  now?: Date;
  caps?: Capabilities;
  session?: OfficeSession;
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
  /** How each table was read (sheet, header rows, area, each column's role and year); describeMapping gives its text. */
  mapping: TableMapping[];
  /** What could not be read: the report is never ready until it is complete. */
  coverage: Coverage;
  /** context.sync() calls this check cost (3 on a current Excel). */
  syncs: number;
  /** Where the results were written ("" for a check that writes nothing). */
  resultsSheet: string;
  noteKind: NoteKind;
  notesSkipped: number;
  /** Sheets left unmarked because they are protected. */
  protectedSheets: string[];
  unavailable: UnavailableFeature[];
  /** One-click fixes the findings offer (engine/fix), applied only on the user's click. */
  fixes: Fix[];
}

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

/** Read and judge, writing nothing: what the live check shows in the pane. */
async function readAndCheck(context: Excel.RequestContext, catalogue: Catalogue, opts: CheckInExcelOptions): Promise<{ read: ReadResult; result: CheckResult; caps: Capabilities; fixes: Fix[] }> {
  const caps = opts.caps ?? hostCapabilities();
  const read = await readWorkbook(context, { caps });
  if (opts.setAside) read.meta.ignored = withIgnore(read.meta.ignored ?? [], opts.setAside.finding, opts.setAside.reason, opts.now ?? new Date());
  const snapshot = { ...withoutAddinSheets(read.snapshot, read.meta), ignored: read.meta.ignored };
  let result: CheckResult;
  try {
    // The user's column corrections stored in the workbook are part of what the check reads.
    result = checkWorkbook(snapshot, catalogue, { now: opts.now, lang: opts.lang, overrides: read.meta.columns ?? [] });
  } catch (e) {
    throw toAddinError(e, { action: ACTIONS.check });
  }
  const session = opts.session ?? officeSession;
  session.lastTables = result.tables;
  const fixes = planFixes(read.snapshot, result);
  session.lastFixes = new Map(fixes.map((f) => [f.id, f]));
  return { read, result, caps, fixes };
}

function summaryOf(result: CheckResult, syncs: number, fixes: Fix[]): CheckInExcelSummary {
  return {
    verdict: result.plan.verdict,
    findings: result.findings,
    ignored: result.ignored,
    statuses: result.statuses,
    tables: result.tables,
    matches: result.matches,
    cover: result.cover,
    mapping: result.mapping,
    coverage: result.coverage,
    syncs,
    resultsSheet: "",
    noteKind: "none",
    notesSkipped: 0,
    protectedSheets: [],
    unavailable: [],
    fixes,
  };
}

/** The pane's view of the workbook, without touching it (two syncs). */
export async function checkWithoutWriting(context: Excel.RequestContext, catalogue: Catalogue, opts: CheckInExcelOptions): Promise<CheckInExcelSummary> {
  const { read, result, caps, fixes } = await readAndCheck(context, catalogue, opts);
  return { ...summaryOf(result, read.syncs, fixes), unavailable: unavailableFeatures(caps) };
}

/** What the workbook holds now, judged and not written: for a cross-check of the written report. */
export async function readAndCheckInExcel(context: Excel.RequestContext, catalogue: Catalogue, opts: CheckInExcelOptions): Promise<CheckResult> {
  return (await readAndCheck(context, catalogue, opts)).result;
}

/** The names of the workbook's sheets (one sync). */
export async function workbookSheetNames(context: Excel.RequestContext, opts: { caps?: Capabilities } = {}): Promise<string[]> {
  return (await readSheetList(context, opts.caps ?? hostCapabilities())).map((s) => s.name);
}

/** The explicit Check: read, judge, then write statuses, marks and the results sheet. */
export async function checkWorkbookInExcel(context: Excel.RequestContext, catalogue: Catalogue, opts: CheckInExcelOptions): Promise<CheckInExcelSummary> {
  const { read, result, caps, fixes } = await readAndCheck(context, catalogue, opts);
  const applied = await applyPlan(
    context,
    result.plan,
    { sheets: read.sheets, meta: read.meta, metaRowCount: read.metaRowCount, noteCounts: read.noteCounts, snapshot: read.snapshot, tables: result.tables, markFills: read.markFills, ourNotes: read.ourNotes },
    { caps, lang: opts.lang, catalogueId: catalogue.id, onWriting: (opts.session ?? officeSession).noteOwnWrites },
  );
  return {
    ...summaryOf(result, read.syncs + applied.syncs, fixes),
    resultsSheet: applied.resultsSheet,
    noteKind: applied.noteKind,
    notesSkipped: applied.notesSkipped,
    protectedSheets: applied.protectedSheets,
    unavailable: applied.unavailable,
  };
}

// ---------------------------------------------------------------- one-click fixes

export interface FixInExcelResult {
  applied: Fix[];
  refused: RefusedFix[];
  /** Why each refused fix was not written, naming the cell or the sheet. */
  refusals: Text2[];
  /** The check run at once on the fixed workbook. */
  summary: CheckInExcelSummary;
  /** Syncs of the fixes alone (the re-check's are in summary.syncs). */
  syncs: number;
}

/**
 * "Sửa" and "Sửa tất cả (n)": writes the fixes (stale cells and protected sheets refused,
 * each recorded in NQ24_Meta), then checks again in the same Excel.run, so one Ctrl+Z undoes
 * the lot where Excel groups undo (ExcelApi 1.20). The re-check writes marks and statuses
 * only when the workbook already carries a check's (so the marks of fixed cells go); a
 * workbook only ever checked live stays without them.
 */
export async function applyFixesInExcel(context: Excel.RequestContext, catalogue: Catalogue, fixes: Fix[], opts: CheckInExcelOptions): Promise<FixInExcelResult> {
  const caps = opts.caps ?? hostCapabilities();
  const done = await applyFixes(context, fixes, { caps, now: opts.now });
  const checkOpts = { ...opts, caps };
  const rewrite = !!done.meta.run.lastCheckAt;
  const summary = rewrite ? await checkWorkbookInExcel(context, catalogue, checkOpts) : await checkWithoutWriting(context, catalogue, checkOpts);
  return { applied: done.applied, refused: done.refused, refusals: done.refused.map(refusalText), summary, syncs: done.syncs };
}

/** The fixes the last check offers for these findings (those without one are left out). */
export function fixesForFindings(findings: Finding[], session: OfficeSession = officeSession): Fix[] {
  const out: Fix[] = [];
  for (const f of findings) {
    const fx = session.lastFixes.get(fixId(f));
    if (fx && out.indexOf(fx) < 0) out.push(fx);
  }
  return out;
}

/** The preview of "Sửa": every cell, before → after, with a conversion or the other reading said. */
export function fixPreview(findings: Finding[], session: OfficeSession = officeSession): Text2 | null {
  const fixes = fixesForFindings(findings, session);
  if (!fixes.length) return null;
  return { vi: fixes.map((f) => fixText(f, "vi").line).join("\n"), en: fixes.map((f) => fixText(f, "en").line).join("\n") };
}

/** What the pane's findings view calls for "Sửa" and "Sửa tất cả (n)" (PaneServices.fixes). */
export interface FixServicesForPane {
  /** The finding has a fix the last check offered. */
  available(f: Finding): boolean;
  /** Before → after of each cell the findings' fixes would write. */
  preview(findings: Finding[], lang: "vi" | "en"): Promise<Text2>;
  /** Writes them (one undo group where Excel allows), then checks again. */
  apply(findings: Finding[], catalogue: Catalogue, lang: "vi" | "en"): Promise<FixInExcelResult>;
}

const NOTHING_TO_FIX: Text2 = { vi: "Không có ô nào sửa tự động được (hãy kiểm tra lại).", en: "Nothing to fix automatically (check again)." };

export function fixServicesForPane(opts: { session?: OfficeSession; caps?: Capabilities; run?: ExcelRun } = {}): FixServicesForPane {
  const session = opts.session ?? officeSession;
  return {
    available: (f) => session.lastFixes.has(fixId(f)),
    preview: async (findings) => fixPreview(findings, session) ?? NOTHING_TO_FIX,
    apply: (findings, catalogue, lang) => {
      const fixes = fixesForFindings(findings, session);
      return excelAction("write", (context) => applyFixesInExcel(context, catalogue, fixes, { lang, session, caps: opts.caps }), { caps: opts.caps, run: opts.run });
    },
  };
}

// ---------------------------------------------------------------- clear

export async function clearMarksInExcel(context: Excel.RequestContext, opts: { caps?: Capabilities } = {}): Promise<ClearResult> {
  return clearMarks(context, opts.caps ?? hostCapabilities());
}

// ---------------------------------------------------------------- column corrections

export type { ColumnRef };

/**
 * The user says what a column holds (a role and year, or "ignore"), or takes that back
 * (`role` null). Stored in NQ24_Meta; the next check, here or by nq24, reads the column so.
 * Three syncs, nothing but the records written.
 */
export async function setColumnOverride(
  context: Excel.RequestContext,
  column: ColumnRef,
  role: ColumnOverride["role"] | null,
  opts: { year?: number; caps?: Capabilities } = {},
): Promise<{ overrides: ColumnOverride[]; syncs: number }> {
  try {
    return await storeColumnOverride(context, column, role, opts.year, opts.caps ?? hostCapabilities());
  } catch (e) {
    throw toAddinError(e, { action: ACTIONS.override, sheet: column.sheet });
  }
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
  session?: OfficeSession;
}

export interface LiveCheckHandle {
  /** Sheets being watched. */
  sheets: string[];
  /** Checks run so far. */
  checks: number;
  stop(): Promise<void>;
}

const REPORT_SHEET = /^(Phụ lục [12]|Bìa)( \(\d+\))?$/;

/**
 * Re-checks as the user (or a co-author) types, debounced, and shows the result in the pane
 * only: it reads, never writes, so the user's undo history is left alone. Events carry no
 * details for pastes and multi-cell edits; every event leads to a full read, so nothing
 * depends on them. Batches wait while a cell is being edited. Null when this Excel has no
 * events (ExcelApi 1.7): checks stay on demand.
 */
export async function startLiveCheck(catalogue: Catalogue, opts: LiveCheckOptions): Promise<LiveCheckHandle | null> {
  const caps = opts.caps ?? hostCapabilities();
  if (!caps.events) return null;
  const session = opts.session ?? officeSession;
  if (session.live) await session.live.stop();
  const run = opts.run ?? excelRun;
  const debounceMs = opts.debounceMs ?? 800;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let again = false;
  let stopped = false;

  const handle: LiveCheckHandle = { sheets: [], checks: 0, stop: async () => undefined };
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void runCheck();
    }, debounceMs);
  };
  const runCheck = async (): Promise<void> => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const summary = await run((ctx) => checkWithoutWriting(ctx, catalogue, { lang: opts.lang, caps, session }), runOptions(caps, "read"));
      handle.checks++;
      if (opts.onResult && !stopped) opts.onResult(summary);
    } catch (e) {
      const err = toAddinError(e, { action: ACTIONS.check });
      // An Excel that cannot hold a batch for a cell edit refuses it: try again once the edit is over.
      if (err.code === "CellEditMode") again = true;
      else if (opts.onError) opts.onError(err);
    } finally {
      running = false;
      if (again && !stopped) {
        again = false;
        schedule();
      }
    }
  };

  const watch = await run(async (context) => {
    const sheets = await readSheetList(context, caps);
    const watched = new Set<string>([SHEET_NAMES.cover, SHEET_NAMES.PL1, SHEET_NAMES.PL2]);
    for (const t of session.lastTables) watched.add(t.sheet);
    const names = sheets.map((s) => s.name).filter((n) => watched.has(n) || REPORT_SHEET.test(n));
    // A co-author's edit (source "Remote") is never the add-in's own write.
    return watchSheets(context, names, (change) => {
      if (stopped || (change.source !== "Remote" && session.isOwnWrite(change.sheet, change.address))) return;
      schedule();
    });
  }, runOptions(caps, "read"));
  handle.sheets = watch.sheets;
  handle.stop = async () => {
    if (stopped) return;
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    if (session.live === handle) session.live = null;
    await watch.stop();
  };
  session.live = handle;
  return handle;
}

export async function stopLiveCheck(handle?: unknown, session: OfficeSession = officeSession): Promise<void> {
  const h = (handle as LiveCheckHandle | null | undefined) ?? session.live;
  if (h && typeof h.stop === "function") await h.stop();
}

export type { ClearResult, Text2 };
