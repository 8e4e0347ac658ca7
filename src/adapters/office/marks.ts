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
import { a1 } from "./a1";
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

/** Queues the current fill of each recorded cell (a handful of single cells); call the result after the sync. */
export function queueMarkFills(context: Excel.RequestContext, marks: StoredMark[] | null, sheetNames: Set<string>): () => Map<string, string> {
  const reads = (marks ?? [])
    .filter((m) => sheetNames.has(m.sheet))
    .map((m) => {
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
