/**
 * The cells a fix looks at: one cell of the snapshot as it is, the form its column uses
 * (real numbers or text, which number format), and what a written value will show.
 */
import type { CellValue, IndicatorReading, ReadCell, SheetSnapshot, WorkbookSnapshot } from "../types";
import { formatViNumber } from "../values";
import type { SnapshotCell } from "./types";

const EMPTY: SnapshotCell = { value: null, valueType: "Empty", numberFormat: "General", text: "" };

/** Cell lookup over a snapshot, sheets indexed once. */
export class SnapshotCells {
  private sheets = new Map<string, SheetSnapshot>();
  constructor(snapshot: WorkbookSnapshot) {
    for (const s of snapshot.sheets) this.sheets.set(s.name, s);
  }
  has(sheet: string): boolean {
    return this.sheets.has(sheet);
  }
  at(sheet: string, row: number, col: number): SnapshotCell {
    const s = this.sheets.get(sheet);
    if (!s) return EMPTY;
    const i = row - s.origin.row;
    const j = col - s.origin.col;
    if (i < 0 || j < 0 || i >= s.values.length) return EMPTY;
    const v = s.values[i]?.[j];
    if (v === undefined) return EMPTY;
    return {
      value: v === "" ? null : v,
      valueType: s.valueTypes[i]?.[j] ?? "Empty",
      numberFormat: s.numberFormats[i]?.[j] ?? "General",
      text: s.text[i]?.[j] ?? (v === null ? "" : String(v)),
    };
  }
}

/** How a column holds its figures: the form a fixed cell should take to look like its neighbours. */
export interface ColumnForm {
  /** Real numbers outnumber figures typed as text (and there is at least one). */
  numbers: boolean;
  /** The number format most of its real numbers wear ("General", "#,##0.00", "0.0%"). */
  numberFormat: string;
  /** The format is a percent format: a share of 27,5 % is written 0.275. */
  percent: boolean;
  /** Its text figures end with "%" more often than not. */
  textPercent: boolean;
}

/** A percent sign outside quotes and brackets in the first section of a number format. */
export function isPercentFormat(fmt: string): boolean {
  const first = fmt.split(";")[0].replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").replace(/\\./g, "");
  return first.indexOf("%") >= 0;
}

/** The figure cells of each value column, by sheet and column, from the check's readings. */
export function figureColumns(readings: Record<string, IndicatorReading>): Map<string, ReadCell[]> {
  const out = new Map<string, ReadCell[]>();
  for (const id of Object.keys(readings)) {
    const r = readings[id];
    for (const role of ["baseline", "result"] as const) {
      const c = r[role];
      if (!c) continue;
      const k = columnKey(c.address.sheet, c.address.col);
      const list = out.get(k) ?? [];
      list.push(c);
      out.set(k, list);
    }
  }
  return out;
}

export function columnKey(sheet: string, col: number): string {
  return `${sheet}\u0000${col}`;
}

/** The form of a column from its figure cells. */
export function columnForm(cells: SnapshotCells, figures: ReadCell[]): ColumnForm {
  let numbers = 0;
  let texts = 0;
  let textPercent = 0;
  const formats = new Map<string, number>();
  for (const f of figures) {
    const c = cells.at(f.address.sheet, f.address.row, f.address.col);
    if (typeof c.value === "number" && c.valueType !== "Error") {
      numbers++;
      formats.set(c.numberFormat, (formats.get(c.numberFormat) ?? 0) + 1);
    } else if (typeof c.value === "string" && /\d/.test(c.value)) {
      texts++;
      if (/%\s*$/.test(c.value)) textPercent++;
    }
  }
  let numberFormat = "General";
  let best = 0;
  formats.forEach((n, f) => {
    if (n > best) {
      best = n;
      numberFormat = f;
    }
  });
  return { numbers: numbers > 0 && numbers >= texts, numberFormat, percent: isPercentFormat(numberFormat), textPercent: textPercent * 2 > texts };
}

/** Decimals a number format shows ("0.0%" → 1, "#,##0.00" → 2); undefined for General. */
function formatDecimals(fmt: string): number | undefined {
  const first = fmt.split(";")[0];
  if (!/[0#?]/.test(first)) return undefined;
  const m = /\.([0#?]+)/.exec(first);
  return m ? m[1].length : 0;
}

/** What a value will show once written with a number format, Vietnamese-style (the preview; Excel shows it in the user's locale). */
export function shownAs(value: CellValue, numberFormat: string): string {
  if (value === null) return "";
  if (typeof value !== "number") return String(value);
  if (numberFormat === "@") return String(value);
  const d = formatDecimals(numberFormat);
  if (isPercentFormat(numberFormat)) return `${formatViNumber(value * 100, d)}%`;
  return formatViNumber(value, d);
}

/** Each value column's figures and form, worked out once per column when first asked. */
export interface Columns {
  formOf(sheet: string, col: number): ColumnForm;
  figuresOf(sheet: string, col: number): ReadCell[];
}

export function columnsOf(cells: SnapshotCells, readings: Record<string, IndicatorReading>): Columns {
  const columns = figureColumns(readings);
  const forms = new Map<string, ColumnForm>();
  const figuresOf = (sheet: string, col: number) => columns.get(columnKey(sheet, col)) ?? [];
  return {
    figuresOf,
    formOf(sheet, col) {
      const k = columnKey(sheet, col);
      let f = forms.get(k);
      if (!f) {
        f = columnForm(cells, figuresOf(sheet, col));
        forms.set(k, f);
      }
      return f;
    },
  };
}
