/**
 * Reading a sheet snapshot the way Excel shows it, for recognition and reading alike: the
 * text of a cell, the merged area a cell lies in (a merged cell covers every cell of its
 * area: a header merged over two columns heads both, a note merged down over three rows
 * explains all three), and short texts folded once.
 */
import { a1 } from "./layout";
import type { RangeRect, SheetSnapshot } from "./types";
import { foldForMatch } from "./values";

/** The text of a cell (relative indexes into the snapshot): what Excel shows, else the value. */
export function cellString(sheet: SheetSnapshot, i: number, j: number): string {
  const t = sheet.text[i]?.[j];
  if (t !== undefined && t !== null && t !== "") return String(t);
  const v = sheet.values[i]?.[j];
  return v === null || v === undefined ? "" : String(v);
}

const foldMemo = new Map<string, string>();
/**
 * Header and cover texts repeat from one workbook to the next (a province checks hundreds of
 * copies of one template): fold each distinct short text once.
 */
export function foldShort(s: string): string {
  if (s.length > 120) return foldForMatch(s);
  let f = foldMemo.get(s);
  if (f === undefined) {
    if (foldMemo.size > 5000) foldMemo.clear();
    f = foldForMatch(s);
    foldMemo.set(s, f);
  }
  return f;
}

const mergeIndex = new WeakMap<SheetSnapshot, Map<number, RangeRect[]>>();
const NO_MERGES: RangeRect[] = [];

/** Merged areas covering an absolute row, indexed once per sheet. */
export function mergesOnRow(sheet: SheetSnapshot, row: number): RangeRect[] {
  if (sheet.merges.length === 0) return NO_MERGES;
  let byRow = mergeIndex.get(sheet);
  if (!byRow) {
    byRow = new Map();
    for (const m of sheet.merges) {
      for (let r = m.row; r < m.row + m.rowCount; r++) {
        const list = byRow.get(r);
        if (list) list.push(m);
        else byRow.set(r, [m]);
      }
    }
    mergeIndex.set(sheet, byRow);
  }
  return byRow.get(row) ?? NO_MERGES;
}

/** The merged area an absolute cell lies in, if any. */
export function mergeAt(sheet: SheetSnapshot, row: number, col: number): RangeRect | undefined {
  const list = mergesOnRow(sheet, row);
  for (let k = 0; k < list.length; k++) {
    const m = list[k];
    if (col >= m.col && col < m.col + m.colCount) return m;
  }
  return undefined;
}

/** The text Excel shows at an absolute cell: a cell inside a merged area shows its top-left's. */
export function shownText(sheet: SheetSnapshot, row: number, col: number): string {
  const m = mergeAt(sheet, row, col);
  const r = m ? m.row : row;
  const c = m ? m.col : col;
  return cellString(sheet, r - sheet.origin.row, c - sheet.origin.col);
}

/** The number of columns a row of the snapshot holds (ragged rows end at their last cell). */
export function rowWidth(sheet: SheetSnapshot, i: number): number {
  return Math.max(sheet.values[i]?.length ?? 0, sheet.text[i]?.length ?? 0);
}

/** "E" for column 4 (0-based). */
export function columnLetter(col: number): string {
  return a1(0, col).replace(/\d+$/, "");
}
