/**
 * Plain data exchanged between the adapters (Office.js, .xlsx) and the engine.
 * Snapshot in, Plan out: nothing here knows about Excel or files.
 */
import type { AppendixId, ColumnKey, Text2 } from "../catalogue/types";

// ---------------------------------------------------------------- Snapshot

export type CellValue = string | number | boolean | null;

/** Excel's own value types (Excel.RangeValueType). */
export type CellValueType = "Empty" | "String" | "Double" | "Boolean" | "Error" | "Unknown" | "Integer";

/** A rectangle in absolute 0-based sheet coordinates. */
export interface RangeRect {
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
}

/**
 * One sheet's used range. The matrices are row-major and have one row per row of the used
 * range, but a row may be shorter than the range (ragged: it ends at its last cell), may
 * have holes, and rows without cells may all be one shared empty array (never write to a
 * row). A missing cell — past a row's end or a hole, reading `undefined` — is an empty
 * cell with the General format, exactly like "" / "Empty" / "General" / "". File readers
 * use this so that memory follows the cells present, not the rectangle; Office.js
 * snapshots stay dense.
 */
export interface SheetSnapshot {
  name: string;
  /** Absolute 0-based position of values[0][0] (the used range's top-left). */
  origin: { row: number; col: number };
  /** The used range as Excel holds it: row-major, the same rows in every matrix (see above for ragged rows). */
  values: CellValue[][];
  valueTypes: CellValueType[][];
  numberFormats: string[][];
  /** What the user sees (displayed text). */
  text: string[][];
  /** Formulas where the cell has one ("=A1+1"), else null; optional. */
  formulas?: (string | null)[][];
  merges: RangeRect[];
  hiddenRows: number[];
  hiddenCols: number[];
  protected: boolean;
  visible?: boolean;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  /** Name of the file or workbook, for messages and consolidation. */
  source?: string;
  /** The marks the add-in wrote before (from its metadata), so a re-check can replace them. */
  previousMarks?: MarkRecord[];
}

// ---------------------------------------------------------------- Values

/** The three "empty-ish" states are distinct: not filled ≠ no data ≠ not applicable. */
export type ValueState =
  | "blank" // nothing typed
  | "noData" // "-", "--": declared no data
  | "notApplicable" // "Không có", "Không áp dụng": nothing of that kind exists
  | "number"
  | "bound" // ">85%", "trên 98%"
  | "range" // "8–10%"
  | "countOfTotal" // "2/2 đạt 100%"
  | "yesno"
  | "multi" // two measures in one cell
  | "error" // #N/A, #REF!…
  | "text"; // anything else

export interface Measure {
  value: number;
  /** Normalised unit: "%", "ha", "m2", "m2/người", "km", "đồng", "người", "con", "loài", "" … */
  unit: string;
  /** Words around the number that name what it measures ("độ che phủ"). */
  label?: string;
}

export interface ParsedValue {
  state: ValueState;
  /** Raw text as the user sees it (trimmed). */
  raw: string;
  /** Main measure (numbers, bounds: the bound's value). */
  measure?: Measure;
  /** For "multi": every measure in the cell in order. */
  measures?: Measure[];
  bound?: { op: "<" | "<=" | ">" | ">="; value: number; unit: string };
  range?: { low: number; high: number; unit: string };
  count?: { part: number; total: number; percent?: number; what?: string };
  yes?: boolean;
  errorCode?: string;
  /** Set when the text could be read two ways ("1.234": 1234 or 1,234). */
  ambiguous?: { readings: number[]; reason: Text2 };
  /** Extra words after the number ("4/4 bệnh viện có …"). */
  description?: string;
  /** True when Excel held a real number (not text). */
  fromNumber?: boolean;
  /** True for a number stored as text. */
  numberAsText?: boolean;
  /** True when Excel turned "2/2" into a date. */
  looksLikeDate?: boolean;
}

// ---------------------------------------------------------------- Recognition

export interface CellAddress {
  sheet: string;
  /** Absolute 0-based. */
  row: number;
  col: number;
}

export interface LocatedTable {
  appendix: AppendixId;
  sheet: string;
  /** Absolute 0-based row of the header row. */
  headerRow: number;
  /** Absolute 0-based column of each recognised column. */
  columns: Partial<Record<ColumnKey | "id" | "status", number>>;
  /** True when the hidden id column of our own template was found. */
  ownTemplate: boolean;
}

export interface RowMatch {
  indicatorId: string;
  sheet: string;
  row: number;
  /** 1 for an exact id match; below 1 for label matches. */
  confidence: number;
  by: "id" | "label";
  labelSeen: string;
}

// ---------------------------------------------------------------- Findings

export type Severity = "error" | "warning" | "info";

export interface Finding {
  /** Stable rule code, e.g. "NQ24-E001". */
  code: string;
  severity: Severity;
  sheet: string;
  /** A1 address, e.g. "E12"; empty for workbook-level findings. */
  cell: string;
  row?: number;
  col?: number;
  indicatorId?: string;
  message: Text2;
  fix?: Text2;
}

// ---------------------------------------------------------------- Status

export type TargetStatus = "achieved" | "exceeded" | "notAchieved" | "noData" | "notApplicable" | "noTarget";
export type Trend = "better" | "worse" | "unchanged" | "increased" | "decreased" | "unknown";

export interface IndicatorStatus {
  indicatorId: string;
  appendix: AppendixId;
  status?: TargetStatus;
  trend: Trend;
  /** Relative change 2013 → 2022 (0.25 = +25 %), when both are numbers. */
  change?: number;
  /** The text written in the status column. */
  label: Text2;
  explanation?: Text2;
}

// ---------------------------------------------------------------- Plan

export interface StatusCellWrite extends CellAddress {
  text: string;
  /** "header" for the column heading the add-in adds beside a table that had no status column. */
  kind: TargetStatus | Trend | "header";
}

export interface MarkWrite extends CellAddress {
  severity: Severity;
  /** Fill colour "#RRGGBB". */
  fill: string;
  note: Text2;
  codes: string[];
}

/** What the add-in recorded about a mark it wrote, so Clear removes exactly that. */
export interface MarkRecord extends CellAddress {
  /** The cell's fill before the mark ("" for none). */
  previousFill: string;
  hadNote: boolean;
}

export interface Verdict {
  ready: boolean;
  checkedAt: string;
  catalogueVersion: string;
  counts: { error: number; warning: number; info: number };
  statusCounts: Partial<Record<TargetStatus | Trend, number>>;
  message: Text2;
}

export interface Plan {
  statusCells: StatusCellWrite[];
  marks: MarkWrite[];
  /** Rows of the results sheet (first row is the header), in the user's language. */
  results: { header: string[]; rows: { cells: string[]; link?: CellAddress }[] };
  verdict: Verdict;
}
