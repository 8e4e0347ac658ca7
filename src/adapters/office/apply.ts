/**
 * Plan → live workbook: status texts in the cells the add-in owns, marks (fill + note) on
 * the cells with findings, the results sheet, and the records that let Clear undo exactly
 * the marks.
 *
 * Sync budget: one write sync, more only for a check whose writes would not fit one
 * request (batch.ts); below ExcelApi 1.9 one read first of the fills about to be covered,
 * and one when the user keeps notes of their own on a sheet being marked.
 *
 * Excel does not roll a batch back, so the order is what keeps the records true: the new
 * records go first (every mark still to be undone and every mark about to be made), then
 * the marks, then the final records. A batch that stops half way leaves records for every
 * mark on the sheet; the next read drops those whose cell never got its mark.
 *
 * Nothing here unprotects or protects a sheet, hides one or renames one: those calls empty
 * Excel's undo history. A protected sheet is left unmarked, and the results sheet says so.
 */
import type { CellAddress, LocatedTable, Plan, StatusCellWrite, WorkbookSnapshot } from "../../engine/types";
import { SHEET_NAMES } from "../../engine/layout";
import { AddinMetadata, encodeMetadata, NoteKind, RESULTS_SIGNATURES, StatusRecord, StoredMark, markKey } from "../../engine/metadata";
import { newCheckId, resultsSheetLayout, statusCellStyle } from "../../engine/resultsSheet";
import { a1, parseAddress, rangeA1 } from "./a1";
import { actionBytes, pathBytes, sheetNamed, syncInBatches, textBlockBytes, Write, writeRange } from "./batch";
import { Capabilities, hostCapabilities, UnavailableFeature, unavailableFeatures } from "./capabilities";
import { ACTIONS, AddinError, ErrorContext, toAddinError } from "./errors";
import { isMarkFill, NoteItem, stillMarked } from "./marks";
import { readSheetList, SheetInfo } from "./read";
import { MetaState, metaSheetWrites, metaWrites, VAULT_COL, vaultCopyWrite } from "./records";
import { resultsTarget, resultsWrites, snapshotValue } from "./results";
import { applyCellStyle, styleBytes } from "./style";
import { timed } from "./sync";

export { RESULTS_SIGNATURES, VAULT_COL, snapshotValue };

/** What the add-in knew before writing: from the read of the same check. */
export interface PreviousState {
  sheets: SheetInfo[];
  meta: AddinMetadata;
  metaRowCount: number;
  noteCounts: Map<string, number>;
  /** The values read by the same check: a recorded status cell is emptied only if it still holds our text. */
  snapshot?: WorkbookSnapshot;
  /** Tables located by the same check: a status column vouches for records that carry no text. */
  tables?: LocatedTable[];
  /** Current fills of the recorded cells (from the read): a record whose cell lost its mark colour is dropped. */
  markFills?: Map<string, string>;
  /** The add-in's notes wherever they are now; null: none can be listed. Without it, recorded addresses are used. */
  ourNotes?: NoteItem[] | null;
}

export interface ApplyOptions {
  caps: Capabilities;
  lang: "vi" | "en";
  catalogueId?: string;
  /** Written on the results sheet and recorded (a fresh one by default). */
  checkId?: string;
  /** Called just before the writes are sent and after they settled (the live check ignores the add-in's own writes). */
  onWriting?: (writing: boolean, statusRanges: { sheet: string; rect: { row: number; col: number; rowCount: number; colCount: number } }[]) => void;
}

export interface ApplyResult {
  syncs: number;
  resultsSheet: string;
  noteKind: NoteKind;
  /** Marked cells whose note was left out because the user has their own note there (or on that sheet, for comments). */
  notesSkipped: number;
  /** Sheets with findings or statuses that were left unmarked because they are protected. */
  protectedSheets: string[];
  unavailable: UnavailableFeature[];
  meta: AddinMetadata;
}

/** Excel reports "no fill" as white, so white is restored as no fill. */
export function isNoFill(color: string): boolean {
  return !color || color.toUpperCase() === "#FFFFFF";
}

/** Consecutive cells of one column, written as one range. */
export function columnRuns<T extends CellAddress>(cells: T[]): { sheet: string; col: number; row: number; items: T[] }[] {
  const sorted = cells.slice().sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.col - b.col || a.row - b.row));
  const runs: { sheet: string; col: number; row: number; items: T[] }[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.sheet === c.sheet && last.col === c.col && last.row + last.items.length === c.row) last.items.push(c);
    else runs.push({ sheet: c.sheet, col: c.col, row: c.row, items: [c] });
  }
  return runs;
}

export function noteKindFor(caps: Capabilities): NoteKind {
  return caps.notes ? "note" : caps.comments ? "comment" : "none";
}

/**
 * The fill a record gives back. A recorded mark colour comes from a copy taken of a cell
 * that a row insert had moved a mark onto: put back, it would read as a finding, so the
 * fill is cleared instead.
 */
export function restoredFill(previousFill: string): string | null {
  return isNoFill(previousFill) || isMarkFill(previousFill) ? null : previousFill.toUpperCase();
}

/**
 * Whether a recorded status cell is still the add-in's to empty: it holds the text we wrote
 * (or, for records without text, sits in a located table's status column). After a column
 * insert the recorded address holds the user's cell, which must stay.
 */
export function ownsStatusCell(rec: StatusRecord, current: unknown, tables: LocatedTable[] = []): boolean {
  if (current === null || current === undefined || current === "") return false;
  if (rec.text !== undefined) return String(current) === rec.text;
  return tables.some((t) => t.sheet === rec.sheet && t.columns.status === rec.col && rec.row >= t.headerRow);
}

export function deleteNoteWrite(context: Excel.RequestContext, sheet: string, kind: NoteKind, address: string): Write {
  return {
    bytes: pathBytes(address) + actionBytes(),
    queue: () => {
      const ws = sheetNamed(context, sheet);
      if (kind === "note") ws.notes.getItem(address).delete();
      else if (kind === "comment") ws.comments.getItemByCell(address).delete();
    },
  };
}

export function addNoteWrite(context: Excel.RequestContext, sheet: string, kind: NoteKind, address: string, text: string): Write {
  return {
    bytes: pathBytes([address, text]),
    queue: () => {
      const ws = sheetNamed(context, sheet);
      if (kind === "note") ws.notes.add(address, text);
      else ws.comments.add(address, text);
    },
  };
}

/** Status texts: runs of one column written at once, as text so nothing is parsed; a font colour per kind. */
export function statusWrites(context: Excel.RequestContext, cells: StatusCellWrite[]): { writes: Write[]; ranges: { sheet: string; rect: { row: number; col: number; rowCount: number; colCount: number } }[] } {
  const writes: Write[] = [];
  const ranges: { sheet: string; rect: { row: number; col: number; rowCount: number; colCount: number } }[] = [];
  for (const run of columnRuns<StatusCellWrite>(cells)) {
    const rect = { row: run.row, col: run.col, rowCount: run.items.length, colCount: 1 };
    ranges.push({ sheet: run.sheet, rect });
    const formats = run.items.map(() => ["@"]);
    const values = run.items.map((s) => [s.text]);
    writes.push({
      bytes: textBlockBytes(rangeA1(rect), values, formats),
      queue: () => {
        const range = writeRange(context, sheetNamed(context, run.sheet), rangeA1(rect));
        range.numberFormat = formats;
        range.values = values;
      },
    });
    let i = 0;
    while (i < run.items.length) {
      let j = i;
      while (j + 1 < run.items.length && run.items[j + 1].kind === run.items[i].kind) j++;
      const sub = rangeA1({ row: run.row + i, col: run.col, rowCount: j - i + 1, colCount: 1 });
      const st = statusCellStyle(run.items[i].kind);
      writes.push({ bytes: styleBytes(sub, st), queue: () => applyCellStyle(writeRange(context, sheetNamed(context, run.sheet), sub), st) });
      i = j + 1;
    }
  }
  return { writes, ranges };
}

interface MarkPlan {
  /** Records as they must stand while the writes are under way, and after. */
  during: StoredMark[];
  after: StoredMark[];
  writes: Write[];
  notesSkipped: number;
}

/** Sheets the user keeps notes of their own on (more notes than the add-in's): their marked cells need a look first. */
function sheetsWithUserNotes(prev: PreviousState): Set<string> {
  const out = new Set<string>();
  prev.noteCounts.forEach((n, sheet) => {
    if (n > prev.meta.marks.filter((m) => m.sheet === sheet && m.hadNote).length) out.add(sheet);
  });
  return out;
}

/** Below 1.9 (no format copies), the fills about to be covered; and which marked cells carry a user's note. One sync. */
async function readBeforeMarking(context: Excel.RequestContext, fresh: Plan["marks"], prev: PreviousState, caps: Capabilities, noteKind: NoteKind): Promise<{ priorFill: Map<string, string>; userNoteAt: Set<string>; syncs: number }> {
  const priorFill = new Map<string, string>();
  const userNoteAt = new Set<string>();
  const withUserNotes = sheetsWithUserNotes(prev);
  const needFill = caps.cellProperties ? [] : fresh;
  const needNoteCheck = noteKind === "note" ? fresh.filter((m) => withUserNotes.has(m.sheet)) : [];
  if (!needFill.length && !needNoteCheck.length) return { priorFill, userNoteAt, syncs: 0 };
  const ws = (name: string) => sheetNamed(context, name);
  const fillReads = needFill.map((m) => {
    const f = ws(m.sheet).getRange(a1(m.row, m.col)).format.fill;
    f.load("color");
    return { m, f };
  });
  const noteReads = needNoteCheck.map((m) => {
    const n = ws(m.sheet).notes.getItemOrNullObject(a1(m.row, m.col));
    n.load("content");
    return { m, n };
  });
  await timed(context.sync(), { action: ACTIONS.check });
  for (const r of fillReads) priorFill.set(markKey(r.m), r.f.color || "#FFFFFF");
  for (const r of noteReads) if (!r.n.isNullObject) userNoteAt.add(markKey(r.m));
  return { priorFill, userNoteAt, syncs: 1 };
}

function planMarks(context: Excel.RequestContext, plan: Plan, prev: PreviousState, opts: ApplyOptions, writable: (sheet: string) => boolean, read: { priorFill: Map<string, string>; userNoteAt: Set<string> }): MarkPlan {
  const { caps, lang } = opts;
  const noteKind = noteKindFor(caps);
  const withUserNotes = sheetsWithUserNotes(prev);
  const sheetNames = new Set(prev.sheets.map((s) => s.name));
  // After a row or column insert a recorded address names another cell: only records whose
  // cell still wears a mark colour are undone or kept; the rest are dropped untouched.
  const live = prev.meta.marks.filter((m) => sheetNames.has(m.sheet) && stillMarked(m, prev.markFills));
  const oldByKey = new Map<string, StoredMark>();
  for (const m of live) oldByKey.set(markKey(m), m);
  const newKeys = new Set(plan.marks.filter((m) => writable(m.sheet)).map((m) => markKey(m)));
  const writes: Write[] = [];
  const blindNotes = prev.ourNotes === undefined;
  let nextVault = prev.meta.marks.reduce((n, x) => (x.vault ? Math.max(n, parseAddress(x.vault).rect.row + 1) : n), 0);

  // Our notes first, each through the item found by its text (wherever a row insert moved it),
  // on the sheets this check may write; this check's notes are added again below.
  for (const n of prev.ourNotes ?? []) {
    if (n.sheet !== undefined && !writable(n.sheet)) continue;
    writes.push({ bytes: pathBytes(n.key ?? "") + actionBytes(), queue: () => n.delete() });
  }
  // Format copies of records that are gone or about to be undone.
  for (const old of prev.meta.marks) {
    const undone = !oldByKey.has(markKey(old)) || (!newKeys.has(markKey(old)) && writable(old.sheet));
    if (old.vault && undone) writes.push({ fill: { sheet: SHEET_NAMES.meta, address: old.vault, color: null } });
  }
  // Marks of the previous check that are gone: the user's fill back.
  const kept: StoredMark[] = [];
  const undo: StoredMark[] = [];
  for (const old of live) {
    if (newKeys.has(markKey(old))) continue;
    if (!writable(old.sheet)) {
      kept.push(old);
      continue;
    }
    undo.push(old);
    const addr = a1(old.row, old.col);
    writes.push({ fill: { sheet: old.sheet, address: addr, color: restoredFill(old.previousFill) } });
    if (blindNotes && old.hadNote) writes.push(deleteNoteWrite(context, old.sheet, old.noteKind, addr));
  }
  // This check's marks. A cell marked before keeps the fill recorded the first time.
  const marks: StoredMark[] = [];
  let notesSkipped = 0;
  for (const m of plan.marks) {
    if (!writable(m.sheet)) continue;
    const k = markKey(m);
    const addr = a1(m.row, m.col);
    const old = oldByKey.get(k);
    const previousFill = old ? old.previousFill : (read.priorFill.get(k) ?? "");
    let vault = old ? old.vault : undefined;
    if (!old && caps.cellProperties) {
      // Before the mark is painted (fills go last in a batch): the copy keeps the fill it replaces.
      vault = a1(nextVault++, VAULT_COL);
      writes.push(vaultCopyWrite(context, vault, m.sheet, addr));
    }
    if (blindNotes && old && old.hadNote) writes.push(deleteNoteWrite(context, m.sheet, old.noteKind, addr));
    writes.push({ fill: { sheet: m.sheet, address: addr, color: m.fill } });
    let hadNote = false;
    const commentsBlocked = noteKind === "comment" && withUserNotes.has(m.sheet);
    if (noteKind !== "none" && !read.userNoteAt.has(k) && !commentsBlocked) {
      writes.push(addNoteWrite(context, m.sheet, noteKind, addr, m.note[lang]));
      hadNote = true;
    } else if (noteKind !== "none") notesSkipped++;
    const rec: StoredMark = { sheet: m.sheet, row: m.row, col: m.col, previousFill: isNoFill(previousFill) ? "" : previousFill.toUpperCase(), hadNote, noteKind: hadNote ? noteKind : "none" };
    if (vault) rec.vault = vault;
    marks.push(rec);
  }
  return { during: kept.concat(undo, marks), after: kept.concat(marks), writes, notesSkipped };
}

/**
 * A sheet protected between the read and the write refuses the add-in's writes: one more
 * read of the sheet list names it in the message (the records already cover what landed).
 */
async function nameRefusingSheets(context: Excel.RequestContext, e: unknown, prev: PreviousState, caps: Capabilities): Promise<unknown> {
  if (!(e instanceof AddinError) || e.code !== "AccessDenied" || e.sheet) return e;
  let now: SheetInfo[];
  try {
    now = await readSheetList(context, caps);
  } catch {
    return e;
  }
  const newly = now.filter((s) => s.protected && !prev.sheets.some((p) => p.name === s.name && p.protected)).map((s) => s.name);
  return newly.length ? toAddinError({ code: "AccessDenied" }, { action: ACTIONS.write, sheet: newly.join(", ") }) : e;
}

export async function applyPlan(context: Excel.RequestContext, plan: Plan, prev: PreviousState, opts: ApplyOptions = { caps: hostCapabilities(), lang: "vi" }): Promise<ApplyResult> {
  const { caps, lang } = opts;
  const noteKind = noteKindFor(caps);
  const sheetNames = new Set(prev.sheets.map((s) => s.name));
  const protectedNames = new Set(prev.sheets.filter((s) => s.protected).map((s) => s.name));
  const writable = (sheet: string) => sheetNames.has(sheet) && !protectedNames.has(sheet);
  const protectedSheets = Array.from(new Set(plan.marks.map((m) => m.sheet).concat(plan.statusCells.map((s) => s.sheet)))).filter((s) => protectedNames.has(s));

  const fresh = plan.marks.filter((m) => writable(m.sheet) && !prev.meta.marks.some((o) => markKey(o) === markKey(m) && stillMarked(o, prev.markFills)));
  const read = await readBeforeMarking(context, fresh, prev, caps, noteKind);
  const marks = planMarks(context, plan, prev, opts, writable, read);

  // Status cells: the recorded ones not written again are emptied if they still hold our text.
  const statusCells = plan.statusCells.filter((s) => writable(s.sheet));
  const newStatusKeys = new Set(statusCells.map((s) => markKey(s)));
  const oldStatus = (prev.meta.statusCells ?? []).filter((c) => sheetNames.has(c.sheet));
  const keptStatus = oldStatus.filter((c) => !writable(c.sheet));
  const statusClears: Write[] = [];
  for (const old of oldStatus) {
    if (newStatusKeys.has(markKey(old)) || !writable(old.sheet) || !prev.snapshot) continue;
    // Not ours any more (the user's text is there now): left as it is, and the record dropped.
    if (!ownsStatusCell(old, snapshotValue(prev.snapshot, old.sheet, old.row, old.col), prev.tables)) continue;
    const addr = a1(old.row, old.col);
    statusClears.push({ bytes: pathBytes(addr) + actionBytes(["Contents"]), queue: () => writeRange(context, sheetNamed(context, old.sheet), addr).clear("Contents") });
  }
  const status = statusWrites(context, statusCells);

  const target = resultsTarget(prev);
  const unavailable = unavailableFeatures(caps);
  const checkId = opts.checkId ?? newCheckId(new Date(plan.verdict.checkedAt));
  const layout = resultsSheetLayout(plan, lang, { checkId, unavailable: unavailable.map((u) => u.message), notesSkipped: marks.notesSkipped, protectedSheets });

  const recordsOf = (ms: StoredMark[], st: StatusRecord[]): AddinMetadata => ({
    formatVersion: prev.meta.formatVersion,
    run: {
      ...prev.meta.run,
      lastCheckAt: plan.verdict.checkedAt,
      catalogueVersion: plan.verdict.catalogueVersion,
      catalogueId: opts.catalogueId ?? prev.meta.run.catalogueId,
      lang,
      ready: plan.verdict.ready,
      resultsSheet: target.name,
      resultsSheetId: checkId,
    },
    sheets: prev.meta.sheets.some((s) => s.name === target.name) ? prev.meta.sheets : prev.meta.sheets.concat([{ name: target.name, role: "results", protectedByAddin: false }]),
    marks: ms,
    statusCells: st,
    // The fixes the user applied stay on record.
    fixes: prev.meta.fixes,
    ignored: prev.meta.ignored,
    columns: prev.meta.columns,
  });
  const newStatusRecords: StatusRecord[] = statusCells.map((s) => ({ sheet: s.sheet, row: s.row, col: s.col, text: s.text }));
  const during = recordsOf(marks.during, keptStatus.concat(oldStatus.filter((c) => writable(c.sheet) && !newStatusKeys.has(markKey(c))), newStatusRecords));
  const after = recordsOf(marks.after, keptStatus.concat(newStatusRecords));
  const metaState: MetaState = { exists: sheetNames.has(SHEET_NAMES.meta), rowCount: prev.metaRowCount };
  // The final records clear whatever the longer records of the writes left below them.
  const grown: MetaState = { exists: true, rowCount: Math.max(prev.metaRowCount, encodeMetadata(during).length) };

  const writes: Write[] = [
    ...metaSheetWrites(context, metaState, caps, false),
    ...metaWrites(context, during, metaState),
    ...marks.writes,
    ...statusClears,
    ...status.writes,
    ...resultsWrites(context, layout, target, caps),
    ...metaWrites(context, after, grown),
  ];

  const errCtx: ErrorContext = { action: ACTIONS.write };
  if (opts.onWriting) opts.onWriting(true, status.ranges);
  let syncs = read.syncs;
  try {
    syncs += await syncInBatches(context, writes, caps, errCtx);
  } catch (e) {
    throw await nameRefusingSheets(context, e, prev, caps);
  } finally {
    if (opts.onWriting) opts.onWriting(false, status.ranges);
  }
  return { syncs, resultsSheet: target.name, noteKind, notesSkipped: marks.notesSkipped, protectedSheets, unavailable, meta: after };
}
