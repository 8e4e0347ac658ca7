/**
 * The data behind the strict fake of Excel: sheets of cells with the properties the
 * add-in reads and writes. Plain objects so a batch can be applied to a copy and
 * committed only when the whole batch succeeded, as Excel does.
 */
import type { CellValue, CellValueType, RangeRect } from "../../src/engine/types";

export interface FHyperlink {
  address?: string;
  documentReference?: string;
  textToDisplay?: string;
  screenTip?: string;
}

export interface FCell {
  value: CellValue;
  formula: string | null;
  /** Set for error values ("#N/A"); value then holds the same text. */
  error?: boolean;
  numberFormat: string;
  /** "#RRGGBB" or null for no fill. */
  fill: string | null;
  bold: boolean;
  italic: boolean;
  fontColor: string;
  fontSize: number;
  fontName: string;
  wrap: boolean;
  hAlign: string;
  border: boolean;
  locked: boolean;
  hyperlink: FHyperlink | null;
}

export interface FValidation {
  rect: RangeRect;
  source: string;
  inCellDropDown: boolean;
  alertStyle: string;
}

export interface FConditionalFormat {
  /** The id Excel gives it (ConditionalFormat.id). */
  id?: string;
  rect: RangeRect;
  type: string;
  rule: unknown;
  fontColor?: string;
  fill?: string;
}

export interface FPageLayout {
  orientation?: string;
  paperSize?: string;
  printTitleRows?: string;
  fitToWidth?: number;
  fitToHeight?: number;
  /** The zoom's scale, when one was set instead of fitting. */
  scale?: number;
  printArea?: string;
  /** Margins in points, as PageLayout takes them. */
  leftMargin?: number;
  rightMargin?: number;
  topMargin?: number;
  bottomMargin?: number;
  headerMargin?: number;
  footerMargin?: number;
  blackAndWhite?: boolean;
  centerHorizontally?: boolean;
  centerHeader?: string;
}

export interface FSheet {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  protected: boolean;
  password: string | null;
  /** What a protected sheet still allows (WorksheetProtectionOptions: allowFormatCells…). */
  protectionOptions: Record<string, boolean>;
  cells: Map<string, FCell>;
  merges: RangeRect[];
  hiddenRows: Set<number>;
  hiddenCols: Set<number>;
  /** Column widths in points. */
  colWidths: Map<number, number>;
  /** Row heights in points, where set. */
  rowHeights: Map<number, number>;
  freeze: { rows: number; cols: number } | null;
  notes: Map<string, string>;
  comments: Map<string, string>;
  validations: FValidation[];
  conditionalFormats: FConditionalFormat[];
  pageLayout: FPageLayout;
  /** The range with filter buttons (Worksheet.autoFilter), if any. */
  autoFilter: RangeRect | null;
}

export const DEFAULT_CELL: FCell = {
  value: null,
  formula: null,
  numberFormat: "General",
  fill: null,
  bold: false,
  italic: false,
  fontColor: "#000000",
  fontSize: 11,
  fontName: "Calibri",
  wrap: false,
  hAlign: "General",
  border: false,
  locked: true,
  hyperlink: null,
};

export function key(row: number, col: number): string {
  return `${row},${col}`;
}

export function newSheet(id: string, name: string): FSheet {
  return {
    id,
    name,
    visibility: "Visible",
    protected: false,
    password: null,
    protectionOptions: {},
    cells: new Map(),
    merges: [],
    hiddenRows: new Set(),
    hiddenCols: new Set(),
    colWidths: new Map(),
    rowHeights: new Map(),
    freeze: null,
    notes: new Map(),
    comments: new Map(),
    validations: [],
    conditionalFormats: [],
    pageLayout: {},
    autoFilter: null,
  };
}

/** A copy that shares cell objects; writers replace a cell object rather than mutate it. */
export function cloneSheet(s: FSheet): FSheet {
  return {
    ...s,
    cells: new Map(s.cells),
    merges: s.merges.slice(),
    hiddenRows: new Set(s.hiddenRows),
    hiddenCols: new Set(s.hiddenCols),
    colWidths: new Map(s.colWidths),
    rowHeights: new Map(s.rowHeights),
    freeze: s.freeze ? { ...s.freeze } : null,
    notes: new Map(s.notes),
    comments: new Map(s.comments),
    validations: s.validations.slice(),
    conditionalFormats: s.conditionalFormats.slice(),
    pageLayout: { ...s.pageLayout },
    protectionOptions: { ...s.protectionOptions },
  };
}

export function getCell(s: FSheet, row: number, col: number): FCell {
  return s.cells.get(key(row, col)) ?? DEFAULT_CELL;
}

export function isDefault(c: FCell): boolean {
  return (
    (c.value === null || c.value === "") &&
    c.formula === null &&
    c.numberFormat === "General" &&
    c.fill === null &&
    !c.bold &&
    !c.italic &&
    c.fontColor === "#000000" &&
    !c.wrap &&
    c.hAlign === "General" &&
    !c.border &&
    c.locked &&
    c.hyperlink === null
  );
}

/** Used range as Excel computes it: the bounding box of cells with a value or a format. */
export function usedRect(s: FSheet, valuesOnly = false): RangeRect | null {
  let r0 = Infinity,
    c0 = Infinity,
    r1 = -1,
    c1 = -1;
  s.cells.forEach((c, k) => {
    const hasValue = !(c.value === null || c.value === "") || c.formula !== null;
    if (valuesOnly ? !hasValue : isDefault(c)) return;
    const [r, col] = k.split(",").map(Number);
    if (r < r0) r0 = r;
    if (r > r1) r1 = r;
    if (col < c0) c0 = col;
    if (col > c1) c1 = col;
  });
  if (r1 < 0) return null;
  return { row: r0, col: c0, rowCount: r1 - r0 + 1, colCount: c1 - c0 + 1 };
}

const ERRORS = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"];

export function valueTypeOf(c: FCell): CellValueType {
  if (c.error) return "Error";
  const v = c.value;
  if (v === null || v === "") return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return "String";
}

/** Displayed text, as en-US Excel shows it, for the number formats the tests use. */
export function textOf(c: FCell): string {
  const v = c.value;
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  const fmt = c.numberFormat;
  if (fmt === "@" || fmt === "General") {
    if (Number.isInteger(v)) return String(v);
    return String(Number(v.toPrecision(10)));
  }
  const pct = /^0(?:\.(0+))?%$/.exec(fmt);
  if (pct) return `${(v * 100).toFixed(pct[1] ? pct[1].length : 0)}%`;
  const fixed = /^(#,##)?0(?:\.(0+))?$/.exec(fmt);
  if (fixed) {
    const s = v.toFixed(fixed[2] ? fixed[2].length : 0);
    if (!fixed[1]) return s;
    const [i, d] = s.split(".");
    return i.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (d ? `.${d}` : "");
  }
  return String(v);
}

/**
 * How Excel stores a value written through `range.values`: text parsed as en-US unless
 * the cell has the text format "@"; a leading apostrophe keeps text; "=" makes a formula,
 * and so does "+" or "-" before anything that is not a number ("- Số người" is read as the
 * formula "=- Số người", which shows #NAME?). A lone "+" or "-" stays text.
 */
export function parseWrittenValue(input: unknown, numberFormat: string): { value: CellValue; formula: string | null; error?: boolean; numberFormat?: string } {
  if (input === null || input === undefined || input === "") return { value: null, formula: null };
  if (typeof input === "number" || typeof input === "boolean") return { value: input, formula: null };
  const s = String(input);
  if (numberFormat === "@") return { value: s, formula: null };
  if (s.startsWith("'")) return { value: s.slice(1), formula: null };
  if (s.startsWith("=") && s.length > 1) return formulaCell(s);
  if (ERRORS.indexOf(s) >= 0) return { value: s, formula: null, error: true };
  if (/^[+-]?(\d+\.?\d*|\.\d+)(E[+-]?\d+)?$/i.test(s)) return { value: Number(s), formula: null };
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return { value: Number(s.replace(/,/g, "")), formula: null, numberFormat: "#,##0" };
  const pct = /^([+-]?\d+(?:\.\d+)?)%$/.exec(s);
  if (pct) return { value: Number(pct[1]) / 100, formula: null, numberFormat: "0%" };
  if (/^[+-]./.test(s)) return formulaCell(`=${s}`);
  if (/^true$/i.test(s)) return { value: true, formula: null };
  if (/^false$/i.test(s)) return { value: false, formula: null };
  return { value: s, formula: null };
}

function formulaCell(f: string): { value: CellValue; formula: string; error?: boolean } {
  const value = evalFormula(f);
  return ERRORS.indexOf(String(value)) >= 0 ? { value, formula: f, error: true } : { value, formula: f };
}

/** Only what the tests need: HYPERLINK shows its friendly name; anything else shows "#NAME?". */
function evalFormula(f: string): CellValue {
  const m = /^=HYPERLINK\(\s*"[^"]*"\s*,\s*"([^"]*)"\s*\)$/i.exec(f);
  if (m) return m[1];
  return "#NAME?";
}

export function rectCells(r: RangeRect): { row: number; col: number }[] {
  const out: { row: number; col: number }[] = [];
  for (let i = 0; i < r.rowCount; i++) for (let j = 0; j < r.colCount; j++) out.push({ row: r.row + i, col: r.col + j });
  return out;
}

export function intersects(a: RangeRect, b: RangeRect): boolean {
  return a.row < b.row + b.rowCount && b.row < a.row + a.rowCount && a.col < b.col + b.colCount && b.col < a.col + a.colCount;
}

export function contains(outer: RangeRect, inner: RangeRect): boolean {
  return inner.row >= outer.row && inner.col >= outer.col && inner.row + inner.rowCount <= outer.row + outer.rowCount && inner.col + inner.colCount <= outer.col + outer.colCount;
}
