/**
 * What the add-in records about its own writes, as rows of strings for the hidden sheet
 * "NQ24_Meta". Both adapters (Office.js and .xlsx) store and read the same rows, so a
 * workbook checked in Excel can be cleared from the command line and the other way round.
 *
 * Layout (every cell a string, written with the text number format):
 *   ["NQ24_META", "<format version>"]
 *   ["run", "<key>", "<value>"]                          one row per run field
 *   ["sheet", "<name>", "<role>", "protected" | ""]      sheets the add-in made
 *   ["mark", "<sheet>", "<row>", "<col>", "<previous fill>", "1" | "0", "<note kind>", "<vault>"]
 *   ["status", "<sheet>", "<row>", "<col>", "<text>"]   status cells the add-in wrote, and what it wrote
 *   ["fix", "<sheet>", "<cell>", "<rule code>", "<before>", "<after>", "<when>", "<number format before → after>"]
 *                                                       one-click fixes applied (engine/fix), oldest first
 *   ["ignore", "<code>", "<sheet>", "<cell>", "<indicator id>", "<role>", "<reason>", "<ISO time>"]
 *                                                      warnings the district set aside (ignore.ts)
 *   ["column", "<sheet>", "PL1" | "PL2", "<col>", "<role>" | "ignore", "<year>"]
 *                                                       the user's correction of what a column holds
 * Rows and columns are absolute and 0-based, as in MarkRecord.
 *
 * "<vault>" (Office.js only, may be empty): the A1 address of a cell on the metadata sheet
 * holding a copy of the marked cell's formats taken in the same batch as the mark, for when
 * the previous fill could not be read beforehand; the next read turns it into a colour.
 */
import { cleanReason, type IgnoreRecord } from "./ignore";
import type { CellAddress, CellValue, ColumnOverride, MarkRecord } from "./types";

export const META_MAGIC = "NQ24_META";
export const META_FORMAT_VERSION = "1";
/** Every encoded row has this many cells, so the block is a rectangle. */
export const META_WIDTH = 8;

/**
 * What A1 of a results sheet says when the add-in wrote it (either adapter, or the ribbon's
 * message): with the recorded name, the proof that a sheet is the add-in's to clear.
 */
export const RESULTS_SIGNATURES = [
  "KẾT QUẢ KIỂM TRA BÁO CÁO NGHỊ QUYẾT 24-NQ/TW",
  "CHECK RESULTS — RESOLUTION 24-NQ/TW REPORT",
  "RESOLUTION 24-NQ/TW REPORT CHECK",
  "Thông báo",
  "Message",
];

export type NoteKind = "note" | "comment" | "none";

export interface AddinSheetRecord {
  name: string;
  role: string;
  /** The add-in protected it (without password), so it may unprotect it to write its own cells. */
  protectedByAddin: boolean;
}

export interface RunMetadata {
  lastCheckAt?: string;
  catalogueId?: string;
  catalogueVersion?: string;
  lang?: string;
  ready?: boolean;
  /** Where the results sheet is (it may carry a suffix if the user had a sheet of that name). */
  resultsSheet?: string;
  /** Its worksheet id when the add-in created it: a sheet of that name with another id is the user's. */
  resultsSheetId?: string;
}

/** A mark as stored; `hadNote` means the add-in added a note (or comment) to that cell. */
export interface StoredMark extends MarkRecord {
  /** How the note was written, so Clear deletes it with the matching API. */
  noteKind: NoteKind;
  /** Where a copy of the cell's formats before the mark is kept, when previousFill is not known yet. */
  vault?: string;
}

/** A status cell and the text written there: cleared later only if it still holds that text. */
export interface StatusRecord extends CellAddress {
  text?: string;
}

/** A one-click fix the user applied: the cell, the finding's rule, what the cell held and what was written. */
export interface FixRecord {
  sheet: string;
  /** A1 address. */
  cell: string;
  code: string;
  /** The cell's value before and after, as text ("" for empty). */
  before: string;
  after: string;
  /** ISO time. */
  at: string;
  /** "General → @" when the number format changed, else "". */
  format: string;
}

export interface AddinMetadata {
  formatVersion: string;
  run: RunMetadata;
  sheets: AddinSheetRecord[];
  marks: StoredMark[];
  /** Cells the add-in wrote status text into (beside a user's own table too), so Clear empties them. */
  statusCells?: StatusRecord[];
  /** One-click fixes applied, oldest first (kept by every later check and clear). */
  fixes?: FixRecord[];
  /** Warnings set aside with a reason: kept by every check and by Clear, read by the province. */
  ignored?: IgnoreRecord[];
  /** The user's corrections of what columns hold: inputs to every check, kept until the user clears them. */
  columns?: ColumnOverride[];
}

export function emptyMetadata(): AddinMetadata {
  return { formatVersion: META_FORMAT_VERSION, run: {}, sheets: [], marks: [], statusCells: [] };
}

const RUN_KEYS: (keyof RunMetadata)[] = ["lastCheckAt", "catalogueId", "catalogueVersion", "lang", "ready", "resultsSheet", "resultsSheetId"];

function pad(row: string[]): string[] {
  const out = row.slice(0, META_WIDTH);
  while (out.length < META_WIDTH) out.push("");
  return out;
}

export function encodeMetadata(meta: AddinMetadata): string[][] {
  const rows: string[][] = [pad([META_MAGIC, meta.formatVersion || META_FORMAT_VERSION])];
  for (const key of RUN_KEYS) {
    const v = meta.run[key];
    if (v === undefined) continue;
    rows.push(pad(["run", key, typeof v === "boolean" ? (v ? "true" : "false") : String(v)]));
  }
  for (const s of meta.sheets) rows.push(pad(["sheet", s.name, s.role, s.protectedByAddin ? "protected" : ""]));
  for (const m of meta.marks) {
    rows.push(pad(["mark", m.sheet, String(m.row), String(m.col), m.previousFill, m.hadNote ? "1" : "0", m.noteKind, m.vault ?? ""]));
  }
  for (const c of meta.statusCells ?? []) rows.push(pad(["status", c.sheet, String(c.row), String(c.col), c.text ?? ""]));
  for (const f of meta.fixes ?? []) rows.push(pad(["fix", f.sheet, f.cell, f.code, f.before, f.after, f.at, f.format]));
  for (const g of meta.ignored ?? []) rows.push(pad(["ignore", g.code, g.sheet, g.cell, g.indicatorId ?? "", g.role ?? "", g.reason, g.at]));
  for (const o of meta.columns ?? []) rows.push(pad(["column", o.sheet, o.appendix, String(o.col), o.role, o.year !== undefined ? String(o.year) : ""]));
  return rows;
}

function str(v: CellValue | undefined): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

function nonNegInt(s: string): number | null {
  return /^\d+$/.test(s) ? Number(s) : null;
}

/**
 * Reads the rows back. Unknown or damaged rows are skipped rather than fatal: a broken
 * record must not stop a check; at worst one mark is not cleared, never a user cell changed.
 */
export function decodeMetadata(rows: CellValue[][]): AddinMetadata {
  const meta = emptyMetadata();
  if (rows.length === 0 || str(rows[0][0]) !== META_MAGIC) return meta;
  meta.formatVersion = str(rows[0][1]) || META_FORMAT_VERSION;
  const seen = new Set<string>();
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    const kind = str(r[0]);
    if (kind === "run") {
      const key = str(r[1]) as keyof RunMetadata;
      const value = str(r[2]);
      if (key === "ready") meta.run.ready = value === "true";
      else if (RUN_KEYS.indexOf(key) >= 0) (meta.run as Record<string, string>)[key] = value;
    } else if (kind === "sheet") {
      const name = str(r[1]);
      if (name) meta.sheets.push({ name, role: str(r[2]), protectedByAddin: str(r[3]) === "protected" });
    } else if (kind === "status") {
      const sheet = str(r[1]);
      const row = nonNegInt(str(r[2]));
      const col = nonNegInt(str(r[3]));
      // Records from before the text was kept have none: only a status column vouches for those.
      const text = r[4] === null || r[4] === undefined || r[4] === "" ? undefined : String(r[4]);
      if (sheet && row !== null && col !== null) (meta.statusCells = meta.statusCells ?? []).push(text === undefined ? { sheet, row, col } : { sheet, row, col, text });
    } else if (kind === "fix") {
      const sheet = str(r[1]);
      const cell = str(r[2]);
      const text = (v: CellValue | undefined) => (v === null || v === undefined ? "" : String(v));
      if (sheet && /^[A-Z]{1,3}[1-9]\d*$/.test(cell)) (meta.fixes = meta.fixes ?? []).push({ sheet, cell, code: str(r[3]), before: text(r[4]), after: text(r[5]), at: str(r[6]), format: str(r[7]) });
    } else if (kind === "ignore") {
      const code = str(r[1]);
      const reason = cleanReason(str(r[6]));
      // A record without a code or a reason sets nothing aside.
      if (!/^NQ24-W\d{3}$/.test(code) || !reason) continue;
      const g: IgnoreRecord = { code, sheet: str(r[2]), cell: str(r[3]), reason, at: str(r[7]) };
      if (str(r[4])) g.indicatorId = str(r[4]);
      if (str(r[5])) g.role = str(r[5]);
      (meta.ignored = meta.ignored ?? []).push(g);
    } else if (kind === "column") {
      const o = decodeOverride(r);
      if (o) replaceOverride(meta, o);
    } else if (kind === "mark") {
      const sheet = str(r[1]);
      const row = nonNegInt(str(r[2]));
      const col = nonNegInt(str(r[3]));
      if (!sheet || row === null || col === null) continue;
      const key = `${sheet}\u0000${row}\u0000${col}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const fill = str(r[4]);
      const noteKindRaw = str(r[6]);
      const noteKind: NoteKind = noteKindRaw === "note" || noteKindRaw === "comment" ? noteKindRaw : "none";
      const mark: StoredMark = {
        sheet,
        row,
        col,
        previousFill: /^#[0-9A-Fa-f]{6}$/.test(fill) ? fill.toUpperCase() : "",
        hadNote: str(r[5]) === "1",
        noteKind,
      };
      const vault = str(r[7]);
      if (/^[A-Z]{1,3}[1-9]\d*$/.test(vault)) mark.vault = vault;
      meta.marks.push(mark);
    }
  }
  return meta;
}

const OVERRIDE_ROLES = ["stt", "label", "unit", "baseline", "result", "target", "note", "comparison", "id", "status", "ignore"];

function decodeOverride(r: CellValue[]): ColumnOverride | null {
  const sheet = str(r[1]);
  const appendix = str(r[2]);
  const col = nonNegInt(str(r[3]));
  const role = str(r[4]);
  const year = str(r[5]);
  if (!sheet || (appendix !== "PL1" && appendix !== "PL2") || col === null || OVERRIDE_ROLES.indexOf(role) < 0) return null;
  const o: ColumnOverride = { sheet, appendix, col, role: role as ColumnOverride["role"] };
  if (/^\d{4}$/.test(year)) o.year = Number(year);
  return o;
}

/** The same column of the same table: one override each, the later wins. */
export function sameColumn(a: ColumnOverride, b: ColumnOverride): boolean {
  return a.sheet === b.sheet && a.appendix === b.appendix && a.col === b.col;
}

function replaceOverride(meta: AddinMetadata, o: ColumnOverride): void {
  meta.columns = (meta.columns ?? []).filter((x) => !sameColumn(x, o)).concat([o]);
}

/**
 * The overrides with one set (`role` given) or cleared (`role` null) for a column: what the
 * adapters store when the user corrects a column, or takes the correction back.
 */
export function withOverride(list: ColumnOverride[], column: Omit<ColumnOverride, "role" | "year">, role: ColumnOverride["role"] | null, year?: number): ColumnOverride[] {
  const rest = list.filter((x) => !sameColumn(x, { ...column, role: "ignore" }));
  if (role === null) return rest;
  const o: ColumnOverride = { sheet: column.sheet, appendix: column.appendix, col: column.col, role };
  if (year !== undefined) o.year = year;
  return rest.concat([o]);
}

export function markKey(m: { sheet: string; row: number; col: number }): string {
  return `${m.sheet}\u0000${m.row}\u0000${m.col}`;
}
