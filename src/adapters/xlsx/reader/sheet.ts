/**
 * Builds a SheetSnapshot from the cells a reader finds, whatever the file format. Memory
 * follows the cells present: a row is an array only as long as its last cell (with holes
 * where cells are missing), rows without cells share one empty array, so a value at A1 and
 * one at XFD1048576 cost two cells and a million pointers, not 17 billion slots.
 */
import type { CellValue, CellValueType, RangeRect, SheetSnapshot } from "../../../engine/types";
import { formatNumber, isDateFormat, type DisplayLocale } from "../format";
import type { ReadBudget } from "./limits";

/** The row every row without cells points at; never written to. */
const EMPTY_ROW: never[] = Object.freeze([]) as unknown as never[];

interface RowCells {
  v: CellValue[];
  t: CellValueType[];
  f: string[];
  x: string[];
  q?: (string | null)[];
  /** Cells stored in this row. */
  n: number;
}

export interface SheetMeta {
  name: string;
  visible: boolean;
  protected: boolean;
}

/** Number → displayed text, with the 1904 date system shifted for date formats only. */
export class TextMaker {
  private readonly dateFormat = new Map<string, boolean>();
  constructor(private readonly date1904: boolean, private readonly locale: DisplayLocale) {}

  number(v: number, fmt: string): string {
    if (this.date1904 && fmt !== "General") {
      let d = this.dateFormat.get(fmt);
      if (d === undefined) {
        d = isDateFormat(fmt);
        this.dateFormat.set(fmt, d);
      }
      // Serials of a 1904 workbook count from 1 January 1904: 1462 days after 1900's.
      if (d) return formatNumber(v + 1462, fmt, this.locale);
    }
    return formatNumber(v, fmt, this.locale);
  }
}

export class SheetBuilder {
  private readonly rows = new Map<number, RowCells>();
  private lastR = -1;
  private last: RowCells | undefined;
  private minR = Infinity;
  private minC = Infinity;
  private maxR = -1;
  private maxC = -1;
  private anyFormula = false;
  private readonly merges: RangeRect[] = [];
  readonly hiddenRows: number[] = [];
  readonly hiddenCols: number[] = [];

  constructor(private readonly budget: ReadBudget) {}

  private row(r: number): RowCells {
    // Cells come row by row: the last row is nearly always the one asked for.
    if (r === this.lastR && this.last) return this.last;
    let row = this.rows.get(r);
    if (!row) this.rows.set(r, (row = { v: [], t: [], f: [], x: [], n: 0 }));
    this.lastR = r;
    this.last = row;
    return row;
  }

  /** A cell with a value (or a formula): it extends the used range. */
  cell(r: number, c: number, value: CellValue, type: CellValueType, format: string, text: string, formula: string | null = null): void {
    this.budget.cell();
    const row = this.row(r);
    if (row.v[c] === undefined) row.n++;
    row.v[c] = value;
    row.t[c] = type;
    row.f[c] = format;
    row.x[c] = text;
    if (formula !== null) {
      (row.q ?? (row.q = []))[c] = formula;
      this.anyFormula = true;
    }
    if (r < this.minR) this.minR = r;
    if (r > this.maxR) this.maxR = r;
    if (c < this.minC) this.minC = c;
    if (c > this.maxC) this.maxC = c;
  }

  /** An empty cell that carries a number format (the "@" of an input cell): kept inside the used range only. */
  styledEmpty(r: number, c: number, format: string): void {
    this.budget.cell();
    const row = this.row(r);
    if (row.v[c] !== undefined) return;
    row.n++;
    row.v[c] = "";
    row.t[c] = "Empty";
    row.f[c] = format;
    row.x[c] = "";
  }

  merge(rect: RangeRect): void {
    this.budget.merge(rect.rowCount);
    this.merges.push(rect);
  }

  hideRow(r: number): void {
    this.hiddenRows.push(r);
  }

  hideCols(first: number, last: number): void {
    for (let c = first; c <= last && c < 16384; c++) this.hiddenCols.push(c);
  }

  finish(meta: SheetMeta): SheetSnapshot {
    let { minR, minC, maxR, maxC } = this;
    for (const m of this.merges) {
      minR = Math.min(minR, m.row);
      minC = Math.min(minC, m.col);
      maxR = Math.max(maxR, m.row + m.rowCount - 1);
      maxC = Math.max(maxC, m.col + m.colCount - 1);
    }
    const base = { name: meta.name, merges: this.merges, hiddenRows: sortUnique(this.hiddenRows), hiddenCols: sortUnique(this.hiddenCols), protected: meta.protected, visible: meta.visible };
    if (maxR < 0) {
      return { ...base, origin: { row: 0, col: 0 }, values: [[""]], valueTypes: [["Empty"]], numberFormats: [["General"]], text: [[""]] };
    }
    // Every row first points at the shared empty row; rows with cells are put in after.
    const height = maxR - minR + 1;
    const values: CellValue[][] = new Array<CellValue[]>(height).fill(EMPTY_ROW);
    const valueTypes: CellValueType[][] = new Array<CellValueType[]>(height).fill(EMPTY_ROW);
    const numberFormats: string[][] = new Array<string[]>(height).fill(EMPTY_ROW);
    const text: string[][] = new Array<string[]>(height).fill(EMPTY_ROW);
    const formulas: (string | null)[][] | undefined = this.anyFormula ? new Array<(string | null)[]>(height).fill(EMPTY_ROW) : undefined;
    const width = maxC - minC + 1;
    this.rows.forEach((row, r) => {
      if (r < minR || r > maxR) return;
      const i = r - minR;
      values[i] = fit(row.v, minC, width, row.n);
      valueTypes[i] = fit(row.t, minC, width, row.n);
      numberFormats[i] = fit(row.f, minC, width, row.n);
      text[i] = fit(row.x, minC, width, row.n);
      if (formulas && row.q) formulas[i] = fit(row.q, minC, width, row.n);
    });
    this.rows.clear();
    this.last = undefined;
    const snapshot: SheetSnapshot = { ...base, origin: { row: minR, col: minC }, values, valueTypes, numberFormats, text };
    if (formulas) snapshot.formulas = formulas;
    return snapshot;
  }
}

/** A row moved to start at the used range's first column and cut at its last. */
function fit<T>(a: T[], from: number, width: number, count: number): T[] {
  if (from === 0 && a.length <= width) return a;
  if (count * 4 >= a.length) {
    const out = a.slice(from, from + width);
    // slice turns holes into holes, but trailing holes would keep the length: trim them.
    let n = out.length;
    while (n > 0 && out[n - 1] === undefined) n--;
    out.length = n;
    return out;
  }
  // A sparse row: copy its cells one by one, never walking the gaps.
  const out: T[] = [];
  for (const k in a) {
    const i = Number(k);
    if (i >= from && i < from + width) out[i - from] = a[i];
  }
  return out;
}

function sortUnique(a: number[]): number[] {
  if (a.length < 2) return a;
  const s = a.slice().sort((x, y) => x - y);
  const out = [s[0]];
  for (let i = 1; i < s.length; i++) if (s[i] !== s[i - 1]) out.push(s[i]);
  return out;
}
