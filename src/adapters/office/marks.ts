/**
 * What the recorded marks look like now. Records name fixed addresses, but Excel moves
 * cells, fills and notes when the user inserts rows or columns; so before undoing a mark
 * the add-in checks what is there now, in reads that already happen:
 *   - with the sheet list (sync 1): the records themselves (≥1.4) and every note/comment of
 *     the workbook with its text (≥1.18 notes, ≥1.10 comments);
 *   - with the next read (sync 2): the current fill of each recorded cell.
 * A note is deleted only through the item found with our text, wherever it now sits; a fill
 * is restored only where the cell still wears a mark colour. Records that no longer apply
 * are dropped without touching the cell.
 */
import { SHEET_NAMES } from "../../engine/layout";
import { decodeMetadata, markKey, StoredMark } from "../../engine/metadata";
import { MARK_FILLS } from "../../engine/plan";
import type { CellValue } from "../../engine/types";
import { a1, parseAddress, rangeA1 } from "./a1";
import type { Capabilities } from "./capabilities";

/** Every note the add-in writes starts with a finding code in brackets ("[NQ24-E001] …"). */
export const NOTE_PREFIX = "[NQ24-";

export function isOurNoteText(text: unknown): boolean {
  return typeof text === "string" && text.startsWith(NOTE_PREFIX);
}

export function isMarkFill(color: string | undefined | null): boolean {
  if (!color) return false;
  const c = color.toUpperCase();
  return Object.keys(MARK_FILLS).some((k) => MARK_FILLS[k as keyof typeof MARK_FILLS].toUpperCase() === c);
}

/** A loaded note or comment: what is needed to recognise and delete it. */
export interface NoteItem {
  content: string;
  delete(): void;
  /** The sheet it sits on now, once its location is read (queueNoteLocations). */
  sheet?: string;
  /** How the request names it (its key in the collection), for the size of a batch. */
  key?: string;
}

interface LocatableNote extends NoteItem {
  getLocation(): Excel.Range;
}

export interface MarkPrefetch {
  /** The records as they stand (null when this Excel cannot read them ahead, below 1.4). */
  marks: StoredMark[] | null;
  /** The add-in's notes and comments found by their text (null when none could be listed). */
  ourNotes: NoteItem[] | null;
}

interface PrefetchQueue {
  metaRange: Excel.Range | null;
  collections: { items: NoteItem[] }[];
}

/** Queues, with the sheet list, the reads above; `markPrefetch` reads them after that sync. */
export function queueMarkPrefetch(context: Excel.RequestContext, caps: Capabilities): PrefetchQueue {
  let metaRange: Excel.Range | null = null;
  if (caps.nullObjects) {
    metaRange = context.workbook.worksheets.getItemOrNullObject(SHEET_NAMES.meta).getUsedRangeOrNullObject(true);
    metaRange.load("values");
  }
  const collections: { items: NoteItem[] }[] = [];
  if (caps.notes) {
    const n = context.workbook.notes;
    n.load("items/content");
    collections.push(n as unknown as { items: NoteItem[] });
  }
  if (caps.comments) {
    const c = context.workbook.comments;
    c.load("items/content");
    collections.push(c as unknown as { items: NoteItem[] });
  }
  return { metaRange, collections };
}

export function markPrefetch(q: PrefetchQueue): MarkPrefetch {
  let marks: StoredMark[] | null = null;
  const range = q.metaRange;
  if (range) {
    if (range.isNullObject) marks = [];
    else marks = decodeMetadata(range.values as CellValue[][]).marks;
  }
  const ourNotes = q.collections.length ? q.collections.flatMap((c) => c.items.filter((i) => isOurNoteText(i.content))) : null;
  return { marks, ourNotes };
}

/**
 * Queues, with the next read, where each of the add-in's notes sits now; call the result
 * after that sync to set each item's sheet (a protected sheet's notes are left alone).
 */
export function queueNoteLocations(notes: NoteItem[] | null): () => void {
  const reads = (notes ?? []).map((n) => {
    const r = (n as LocatableNote).getLocation();
    r.load("address");
    return { n, r };
  });
  return () => {
    for (const { n, r } of reads) n.sheet = parseAddress(r.address).sheet;
  };
}

/** Recorded cells of one column, in runs close enough to read as one range (gaps of a few rows are read too). */
function columnSpans(marks: StoredMark[]): { sheet: string; col: number; row: number; rowCount: number; marks: StoredMark[] }[] {
  const sorted = marks.slice().sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.col - b.col || a.row - b.row));
  const spans: { sheet: string; col: number; row: number; rowCount: number; marks: StoredMark[] }[] = [];
  for (const m of sorted) {
    const last = spans[spans.length - 1];
    if (last && last.sheet === m.sheet && last.col === m.col && m.row - (last.row + last.rowCount) <= SPAN_GAP) {
      last.rowCount = m.row - last.row + 1;
      last.marks.push(m);
    } else spans.push({ sheet: m.sheet, col: m.col, row: m.row, rowCount: 1, marks: [m] });
  }
  return spans;
}

/** Rows between two recorded cells of a column still read as one range. */
const SPAN_GAP = 20;

/**
 * Queues the current fill of each recorded cell; call the result after the sync. With
 * per-cell properties (≥1.9) a column's recorded cells are read as a few ranges, so
 * thousands of records stay a small request; below, one fill per cell.
 */
export function queueMarkFills(context: Excel.RequestContext, marks: StoredMark[] | null, sheetNames: Set<string>, caps?: Capabilities): () => Map<string, string> {
  const live = (marks ?? []).filter((m) => sheetNames.has(m.sheet));
  if (caps && caps.cellProperties) {
    const reads = columnSpans(live).map((span) => {
      const r = context.workbook.worksheets.getItem(span.sheet).getRange(rangeA1({ row: span.row, col: span.col, rowCount: span.rowCount, colCount: 1 }));
      return { span, props: r.getCellProperties({ format: { fill: { color: true } } }) };
    });
    return () => {
      const out = new Map<string, string>();
      for (const { span, props } of reads) {
        for (const m of span.marks) {
          const row = (props.value ?? [])[m.row - span.row];
          const c = row && row[0] && row[0].format && row[0].format.fill ? row[0].format.fill.color : undefined;
          out.set(markKey(m), (typeof c === "string" ? c : "#FFFFFF").toUpperCase());
        }
      }
      return out;
    };
  }
  const reads = live.map((m) => {
    const f = context.workbook.worksheets.getItem(m.sheet).getRange(a1(m.row, m.col)).format.fill;
    f.load("color");
    return { k: markKey(m), f };
  });
  return () => {
    const out = new Map<string, string>();
    for (const r of reads) out.set(r.k, (r.f.color || "#FFFFFF").toUpperCase());
    return out;
  };
}

/**
 * Whether a record still describes its cell: unknown (no fills read) counts as yes, as
 * before; a cell that no longer wears a mark colour is someone else's now.
 */
export function stillMarked(m: StoredMark, fills: Map<string, string> | undefined): boolean {
  if (!fills) return true;
  const c = fills.get(markKey(m));
  return c === undefined ? true : isMarkFill(c);
}
