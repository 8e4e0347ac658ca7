/**
 * Plan → live workbook, in one batch (ExcelApi ≥1.9; below it one more sync first reads the
 * fills of the cells about to be marked, and one more when the user has notes of their own
 * on a sheet being marked, to find which cells carry them): status texts in cells the add-in owns, marks (fill +
 * note) on the cells with findings, the results sheet, the verdict, and the records that
 * let Clear undo exactly the marks. Records and marks travel in the same batch, so either
 * both land or neither does.
 */
import type { CellAddress, CellValue, LocatedTable, Plan, StatusCellWrite, WorkbookSnapshot } from "../../engine/types";
import { SHEET_NAMES } from "../../engine/layout";
import { AddinMetadata, NoteKind, RESULTS_SIGNATURES, StatusRecord, StoredMark, encodeMetadata, markKey, META_WIDTH } from "../../engine/metadata";
import { a1, parseAddress, quoteSheet, rangeA1 } from "./a1";
import { Capabilities, hostCapabilities, UnavailableFeature, unavailableFeatures } from "./capabilities";
import { ACTIONS, ErrorContext } from "./errors";
import { isMarkFill, NoteItem, stillMarked } from "./marks";
import type { SheetInfo } from "./read";
import { timed } from "./sync";

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
  /** Called just before the write batch is sent and after it settled (the live check ignores its own writes). */
  onWriting?: (writing: boolean, statusRanges: { sheet: string; rect: { row: number; col: number; rowCount: number; colCount: number } }[]) => void;
}

export interface ApplyResult {
  syncs: number;
  resultsSheet: string;
  noteKind: NoteKind;
  /** Marked cells whose note was left out because the user has their own note there (or on that sheet, for comments). */
  notesSkipped: number;
  unavailable: UnavailableFeature[];
  meta: AddinMetadata;
}

/** Excel reports "no fill" as white, so white is restored as no fill. */
export function isNoFill(color: string): boolean {
  return !color || color.toUpperCase() === "#FFFFFF";
}

const STATUS_COLORS: Record<string, string> = {
  achieved: "#006100",
  exceeded: "#006100",
  better: "#006100",
  notAchieved: "#9C0006",
  worse: "#9C0006",
  header: "#000000",
};

/** Column of the metadata sheet that holds the format copies ("vault"), right of the records. */
export const VAULT_COL = META_WIDTH + 1;

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

function sheetProxy(context: Excel.RequestContext, cache: Map<string, Excel.Worksheet>, name: string): Excel.Worksheet {
  let ws = cache.get(name);
  if (!ws) {
    ws = context.workbook.worksheets.getItem(name);
    cache.set(name, ws);
  }
  return ws;
}

function queueDeleteNote(ws: Excel.Worksheet, kind: NoteKind, address: string): void {
  if (kind === "note") ws.notes.getItem(address).delete();
  else if (kind === "comment") ws.comments.getItemByCell(address).delete();
}

/**
 * A recorded mark colour comes from a copy taken of a cell that a row insert had moved a
 * mark onto: put back, it would read as a finding, so it is cleared instead.
 */
export function queueRestoreFill(range: Excel.Range, previousFill: string): void {
  if (isNoFill(previousFill) || isMarkFill(previousFill)) range.format.fill.clear();
  else range.format.fill.color = previousFill;
}

/** The value a cell holds in a snapshot (null when empty or outside its used range). */
export function snapshotValue(snapshot: WorkbookSnapshot, sheet: string, row: number, col: number): CellValue {
  const s = snapshot.sheets.find((x) => x.name === sheet);
  if (!s) return null;
  const r = s.values[row - s.origin.row];
  const v = r ? r[col - s.origin.col] : undefined;
  return v === undefined || v === "" ? null : v;
}

/**
 * Whether a recorded status cell is still the add-in's to empty: it holds the text we wrote
 * (or, for records without text, sits in a located table's status column). After a column
 * insert the recorded address holds the user's cell, which must stay.
 */
export function ownsStatusCell(rec: StatusRecord, current: CellValue, tables: LocatedTable[] = []): boolean {
  if (current === null || current === "") return false;
  if (rec.text !== undefined) return String(current) === rec.text;
  return tables.some((t) => t.sheet === rec.sheet && t.columns.status === rec.col && rec.row >= t.headerRow);
}

export { RESULTS_SIGNATURES };

/** Names of the report's own sheets (and their renamed copies): never a results sheet. */
function isReportSheetName(name: string): boolean {
  const fixed = [SHEET_NAMES.cover, SHEET_NAMES.PL1, SHEET_NAMES.PL2, SHEET_NAMES.lists, SHEET_NAMES.meta].map((n) => n.toLowerCase());
  return fixed.indexOf(name.toLowerCase()) >= 0 || /^(Phụ lục [12]|Bìa)( \(\d+\))?$/i.test(name);
}

/**
 * A sheet the add-in may clear and rewrite as its results: recorded as ours (by worksheet
 * id once known; by name for a sheet made in the last check, whose id is recorded on the
 * next one), still carrying our title in A1, and neither a report sheet nor a sheet holding
 * a located table. A user sheet that took the name after ours was deleted fails the test.
 */
export function isOurResultsSheet(prev: PreviousState, name: string): boolean {
  const info = prev.sheets.find((s) => s.name === name);
  if (!info || isReportSheetName(name) || !prev.snapshot) return false;
  if ((prev.tables ?? []).some((t) => t.sheet === name)) return false;
  const recordedId = prev.meta.run.resultsSheetId;
  const recorded = recordedId ? name === prev.meta.run.resultsSheet && info.id === recordedId : name === prev.meta.run.resultsSheet || prev.meta.sheets.some((s) => s.name === name && s.role === "results");
  if (!recorded) return false;
  const title = snapshotValue(prev.snapshot, name, 0, 0);
  return title !== null && RESULTS_SIGNATURES.indexOf(String(title)) >= 0;
}

/** Where the results go: our proven results sheet, else the standard name or the first free "(n)" after it. */
export function resultsSheetName(prev: PreviousState): { name: string; exists: boolean } {
  const taken = new Set(prev.sheets.map((s) => s.name.toLowerCase()));
  const recorded = prev.meta.run.resultsSheet;
  if (recorded && isOurResultsSheet(prev, recorded)) return { name: recorded, exists: true };
  if (!taken.has(SHEET_NAMES.results.toLowerCase())) return { name: SHEET_NAMES.results, exists: false };
  if (isOurResultsSheet(prev, SHEET_NAMES.results)) return { name: SHEET_NAMES.results, exists: true };
  let i = 2;
  while (taken.has(`${SHEET_NAMES.results} (${i})`.toLowerCase())) i++;
  return { name: `${SHEET_NAMES.results} (${i})`, exists: false };
}

/**
 * The sheets the add-in itself protected: unprotected for the batch and protected again
 * at its end, so locked status cells can be written. A sheet the user protected is left
 * alone; writing to its locked cells fails with a clear message and nothing lands.
 */
function ourProtectedSheets(prev: PreviousState, touched: Set<string>, caps: Capabilities): string[] {
  if (!caps.protection) return [];
  return prev.sheets
    .filter((s) => s.protected && touched.has(s.name) && prev.meta.sheets.some((m) => m.name === s.name && m.protectedByAddin))
    .map((s) => s.name);
}

/** The metadata sheet, added (hidden) when missing. */
export function metaSheet(context: Excel.RequestContext, exists: boolean): Excel.Worksheet {
  if (exists) return context.workbook.worksheets.getItem(SHEET_NAMES.meta);
  const ws = context.workbook.worksheets.add(SHEET_NAMES.meta);
  ws.visibility = "Hidden";
  return ws;
}

export function queueMetadata(context: Excel.RequestContext, meta: AddinMetadata, prev: { exists: boolean; rowCount: number }, sheet?: Excel.Worksheet): void {
  const rows = encodeMetadata(meta);
  const ws = sheet ?? metaSheet(context, prev.exists);
  const clearRows = Math.max(prev.rowCount, rows.length);
  if (prev.exists && clearRows > 0) ws.getRange(`A1:${a1(clearRows - 1, META_WIDTH - 1)}`).clear("Contents");
  const block = ws.getRange(`A1:${a1(rows.length - 1, META_WIDTH - 1)}`);
  // Text format first, so no record is ever read back as a number, date or formula.
  block.numberFormat = rows.map((r) => r.map(() => "@"));
  block.values = rows;
}

export async function applyPlan(context: Excel.RequestContext, plan: Plan, prev: PreviousState, opts: ApplyOptions = { caps: hostCapabilities(), lang: "vi" }): Promise<ApplyResult> {
  const { caps, lang } = opts;
  let syncs = 0;
  const noteKind = noteKindFor(caps);
  // After a row or column insert a recorded address names another cell: only records whose
  // cell still wears a mark colour are undone or kept; the rest are dropped untouched.
  const liveMarks = prev.meta.marks.filter((m) => stillMarked(m, prev.markFills));
  const oldMarks = new Map<string, StoredMark>();
  for (const m of liveMarks) oldMarks.set(markKey(m), m);
  const newKeys = new Set(plan.marks.map((m) => markKey(m)));
  const sheetNames = new Set(prev.sheets.map((s) => s.name));

  // Prior fills: ≥1.9 copies each cell's formats to the metadata sheet in the write batch
  // itself (no read needed, whatever the size); below that, one read of just the cells to mark.
  const fresh = plan.marks.filter((m) => !oldMarks.has(markKey(m)) && sheetNames.has(m.sheet));
  const priorFill = new Map<string, string>();
  const userNoteAt = new Set<string>();
  const useVault = caps.cellProperties;
  const needFill = useVault ? [] : fresh;
  // Sheets where the user keeps notes of their own: find out which marked cells carry one.
  const ourNotesOn = (sheet: string) => prev.meta.marks.filter((m) => m.sheet === sheet && m.hadNote).length;
  const sheetsWithUserNotes = new Set<string>();
  prev.noteCounts.forEach((n, sheet) => {
    if (n > ourNotesOn(sheet)) sheetsWithUserNotes.add(sheet);
  });
  const needNoteCheck = noteKind === "note" ? fresh.filter((m) => sheetsWithUserNotes.has(m.sheet)) : [];
  if (needFill.length || needNoteCheck.length) {
    const wsCache = new Map<string, Excel.Worksheet>();
    const fillReads = needFill.map((m) => {
      const f = sheetProxy(context, wsCache, m.sheet).getRange(a1(m.row, m.col)).format.fill;
      f.load("color");
      return { m, f };
    });
    const noteReads = needNoteCheck.map((m) => {
      const n = sheetProxy(context, wsCache, m.sheet).notes.getItemOrNullObject(a1(m.row, m.col));
      n.load("content");
      return { m, n };
    });
    await timed(context.sync(), { action: ACTIONS.check });
    syncs++;
    for (const r of fillReads) priorFill.set(markKey(r.m), r.f.color || "#FFFFFF");
    for (const r of noteReads) if (!r.n.isNullObject) userNoteAt.add(markKey(r.m));
  }

  const wsCache = new Map<string, Excel.Worksheet>();
  const ws = (name: string) => sheetProxy(context, wsCache, name);
  const touched = new Set<string>();
  plan.statusCells.forEach((s) => touched.add(s.sheet));
  plan.marks.forEach((m) => touched.add(m.sheet));
  prev.meta.marks.forEach((m) => touched.add(m.sheet));
  const ours = ourProtectedSheets(prev, touched, caps).filter((n) => sheetNames.has(n));
  for (const name of ours) ws(name).protection.unprotect();
  const metaExists = sheetNames.has(SHEET_NAMES.meta);
  const metaWs = metaSheet(context, metaExists);
  let nextVaultRow = prev.meta.marks.reduce((m, x) => (x.vault ? Math.max(m, parseAddress(x.vault).rect.row + 1) : m), 0);

  // 1. Our notes go first, each through the item found by its text (wherever a row insert
  // moved it); this check's notes are added again below.
  const blindNotes = prev.ourNotes === undefined;
  if (prev.ourNotes) for (const n of prev.ourNotes) n.delete();
  for (const old of prev.meta.marks) {
    if (old.vault && !oldMarks.has(markKey(old))) metaWs.getRange(old.vault).clear("Formats");
  }
  // Marks of the previous check that are gone: put the user's fill back.
  for (const old of liveMarks) {
    if (newKeys.has(markKey(old)) || !sheetNames.has(old.sheet)) continue;
    if (old.vault) metaWs.getRange(old.vault).clear("Formats");
    const addr = a1(old.row, old.col);
    queueRestoreFill(ws(old.sheet).getRange(addr), old.previousFill);
    if (blindNotes && old.hadNote) queueDeleteNote(ws(old.sheet), old.noteKind, addr);
  }

  // 2. This check's marks. A cell marked before keeps the fill recorded the first time.
  const marks: StoredMark[] = [];
  let notesSkipped = 0;
  for (const m of plan.marks) {
    if (!sheetNames.has(m.sheet)) continue;
    const k = markKey(m);
    const addr = a1(m.row, m.col);
    const sheet = ws(m.sheet);
    const old = oldMarks.get(k);
    const previousFill = old ? old.previousFill : (priorFill.get(k) ?? "");
    let vault = old ? old.vault : undefined;
    if (!old && useVault) {
      // Before the mark is painted, in the same batch: the vault keeps the fill it replaces.
      vault = a1(nextVaultRow++, VAULT_COL);
      metaWs.getRange(vault).copyFrom(sheet.getRange(addr), "Formats");
    }
    if (blindNotes && old && old.hadNote) queueDeleteNote(sheet, old.noteKind, addr);
    sheet.getRange(addr).format.fill.color = m.fill;
    let hadNote = false;
    const commentsBlocked = noteKind === "comment" && sheetsWithUserNotes.has(m.sheet);
    if (noteKind !== "none" && !userNoteAt.has(k) && !commentsBlocked) {
      const text = m.note[lang];
      if (noteKind === "note") sheet.notes.add(addr, text);
      else sheet.comments.add(addr, text);
      hadNote = true;
    } else if (noteKind !== "none") notesSkipped++;
    const rec: StoredMark = { sheet: m.sheet, row: m.row, col: m.col, previousFill: isNoFill(previousFill) ? "" : previousFill.toUpperCase(), hadNote, noteKind: hadNote ? noteKind : "none" };
    if (vault) rec.vault = vault;
    marks.push(rec);
  }

  // 3. Status texts: runs of one column written at once, as text so nothing is parsed.
  const newStatusKeys = new Set(plan.statusCells.map((s) => markKey(s)));
  for (const old of prev.meta.statusCells ?? []) {
    if (newStatusKeys.has(markKey(old)) || !sheetNames.has(old.sheet) || !prev.snapshot) continue;
    // Not ours any more (the user's text is there now): left as it is, and the record dropped.
    if (ownsStatusCell(old, snapshotValue(prev.snapshot, old.sheet, old.row, old.col), prev.tables)) ws(old.sheet).getRange(a1(old.row, old.col)).clear("Contents");
  }
  const statusRanges: { sheet: string; rect: { row: number; col: number; rowCount: number; colCount: number } }[] = [];
  for (const run of columnRuns<StatusCellWrite>(plan.statusCells.filter((s) => sheetNames.has(s.sheet)))) {
    const rect = { row: run.row, col: run.col, rowCount: run.items.length, colCount: 1 };
    statusRanges.push({ sheet: run.sheet, rect });
    const range = ws(run.sheet).getRange(rangeA1(rect));
    range.numberFormat = run.items.map(() => ["@"]);
    range.values = run.items.map((s) => [s.text]);
    // One colour per kind; consecutive cells of the same kind share a range.
    let i = 0;
    while (i < run.items.length) {
      let j = i;
      while (j + 1 < run.items.length && run.items[j + 1].kind === run.items[i].kind) j++;
      const sub = ws(run.sheet).getRange(rangeA1({ row: run.row + i, col: run.col, rowCount: j - i + 1, colCount: 1 }));
      sub.format.font.color = STATUS_COLORS[run.items[i].kind] ?? "#404040";
      if (run.items[i].kind === "header") sub.format.font.bold = true;
      i = j + 1;
    }
  }

  // 4. Results sheet and verdict.
  const results = resultsSheetName(prev);
  const unavailable = unavailableFeatures(caps);
  queueResults(context, plan, results, lang, caps, unavailable, notesSkipped);

  // 5. Records, in the same batch as the marks.
  const meta: AddinMetadata = {
    formatVersion: prev.meta.formatVersion,
    run: {
      ...prev.meta.run,
      lastCheckAt: plan.verdict.checkedAt,
      catalogueVersion: plan.verdict.catalogueVersion,
      catalogueId: opts.catalogueId ?? prev.meta.run.catalogueId,
      lang,
      ready: plan.verdict.ready,
      resultsSheet: results.name,
      // A sheet added in this batch has no id yet: the next check, having proved it ours, records it.
      resultsSheetId: results.exists ? prev.sheets.find((s) => s.name === results.name)?.id : undefined,
    },
    sheets: prev.meta.sheets.some((s) => s.name === results.name)
      ? prev.meta.sheets
      : prev.meta.sheets.concat([{ name: results.name, role: "results", protectedByAddin: false }]),
    marks,
    statusCells: plan.statusCells.filter((s) => sheetNames.has(s.sheet)).map((s) => ({ sheet: s.sheet, row: s.row, col: s.col, text: s.text })),
    ignored: prev.meta.ignored,
  };
  queueMetadata(context, meta, { exists: metaExists, rowCount: prev.metaRowCount }, metaWs);

  for (const name of ours) ws(name).protection.protect(protectionOptions());

  const errCtx: ErrorContext = { action: ACTIONS.write };
  // Name the sheet most likely to refuse: one protected by the user that this batch writes
  // to; else the add-in's own protected sheets (the user may have re-protected one with a password).
  const userProtected = prev.sheets.find((s) => s.protected && touched.has(s.name) && ours.indexOf(s.name) < 0);
  if (userProtected) {
    errCtx.sheet = userProtected.name;
    const firstCell = plan.statusCells.find((s) => s.sheet === userProtected.name) ?? plan.marks.find((m) => m.sheet === userProtected.name);
    if (firstCell) errCtx.cell = a1(firstCell.row, firstCell.col);
  } else if (ours.length) errCtx.sheet = ours.join(", ");
  if (opts.onWriting) opts.onWriting(true, statusRanges);
  try {
    await timed(context.sync(), errCtx);
    syncs++;
  } finally {
    if (opts.onWriting) opts.onWriting(false, statusRanges);
  }
  return { syncs, resultsSheet: results.name, noteKind, notesSkipped, unavailable, meta };
}

/** Options for sheets the add-in protects: formatting stays possible so users can colour their own inputs. */
export function protectionOptions(): Excel.WorksheetProtectionOptions {
  return { allowFormatCells: true, allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: true, allowSort: false };
}

const RESULT_LABELS = {
  title: { vi: "KẾT QUẢ KIỂM TRA BÁO CÁO NGHỊ QUYẾT 24-NQ/TW", en: "CHECK RESULTS — RESOLUTION 24-NQ/TW REPORT" },
  verdict: { vi: "Kết luận", en: "Verdict" },
  checkedAt: { vi: "Thời điểm kiểm tra", en: "Checked at" },
  catalogue: { vi: "Danh mục chỉ tiêu", en: "Indicator catalogue" },
  counts: { vi: "Số lỗi / cảnh báo / lưu ý", en: "Errors / warnings / info" },
  unavailable: { vi: "Chức năng không có trên Excel này", en: "Not available on this Excel" },
  notesSkipped: { vi: "Ô đã có ghi chú của người dùng nên không thêm ghi chú", en: "Cells that already had the user's own note, so no note was added" },
};

function queueResults(
  context: Excel.RequestContext,
  plan: Plan,
  results: { name: string; exists: boolean },
  lang: "vi" | "en",
  caps: Capabilities,
  unavailable: UnavailableFeature[],
  notesSkipped: number,
): void {
  const ws = results.exists ? context.workbook.worksheets.getItem(results.name) : context.workbook.worksheets.add(results.name);
  if (results.exists) ws.getRange().clear("All");
  const v = plan.verdict;
  const head: string[][] = [
    [RESULT_LABELS.title[lang]],
    [RESULT_LABELS.verdict[lang], v.message[lang]],
    [RESULT_LABELS.checkedAt[lang], v.checkedAt],
    [RESULT_LABELS.catalogue[lang], v.catalogueVersion],
    [RESULT_LABELS.counts[lang], `${v.counts.error} / ${v.counts.warning} / ${v.counts.info}`],
  ];
  for (const u of unavailable) head.push([RESULT_LABELS.unavailable[lang], u.message[lang]]);
  if (notesSkipped > 0) head.push([RESULT_LABELS.notesSkipped[lang], String(notesSkipped)]);
  head.push([""]);
  const headerRow = head.length;
  const width = Math.max(2, plan.results.header.length);
  const rows: string[][] = head.concat([plan.results.header], plan.results.rows.map((r) => r.cells));
  const grid = rows.map((r) => {
    const out = r.map((c) => (c === null || c === undefined ? "" : String(c)));
    while (out.length < width) out.push("");
    return out.slice(0, width);
  });
  const block = ws.getRange(`A1:${a1(grid.length - 1, width - 1)}`);
  // Text format before the values: finding text that starts with "=", "+", "-" or "@" stays text.
  block.numberFormat = grid.map((r) => r.map(() => "@"));
  block.values = grid;
  ws.getRange("A1").format.font.bold = true;
  ws.getRange("A1").format.font.size = 13;
  const hdr = ws.getRange(`A${headerRow + 1}:${a1(headerRow, width - 1)}`);
  hdr.format.font.bold = true;
  hdr.format.fill.color = "#D9E2F3";
  ws.getRange("B2").format.font.bold = true;
  ws.getRange("B2").format.font.color = v.ready ? "#006100" : "#9C0006";
  if (caps.protection) {
    ws.getRange("A:A").format.columnWidth = 160;
    ws.getRange(`B:${a1(0, width - 1).replace(/\d+$/, "")}`).format.columnWidth = 90;
  }
  // Links to each cell (≥1.7); below that the sheet and cell columns already name it as text.
  if (caps.hyperlinks) {
    plan.results.rows.forEach((r, i) => {
      if (!r.link) return;
      const cellText = a1(r.link.row, r.link.col);
      let j = r.cells.indexOf(cellText);
      if (j < 0) j = Math.min(width - 1, r.cells.length);
      const target = ws.getRange(a1(headerRow + 1 + i, j));
      target.hyperlink = { documentReference: `${quoteSheet(r.link.sheet)}!${cellText}`, textToDisplay: r.cells[j] || cellText, screenTip: `${r.link.sheet}!${cellText}` };
    });
  }
}
