/**
 * Plain data exchanged between the adapters (Office.js, .xlsx) and the engine.
 * Snapshot in, Plan out: nothing here knows about Excel or files.
 */
import type { AppendixId, ColumnRole, IndicatorRow, PeriodRole, PeriodYears, Text2 } from "../catalogue/types";
import type { IgnoreRecord } from "./ignore";

export type { ColumnRole, PeriodRole, PeriodYears } from "../catalogue/types";

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
  /** Warnings the district set aside, with reasons (from its metadata; see ignore.ts). */
  ignored?: IgnoreRecord[];
  /** The user's column corrections stored in the workbook (NQ24_Meta), read by the adapter. */
  overrides?: ColumnOverride[];
}

// ---------------------------------------------------------------- Values

export interface Measure {
  value: number;
  /** Normalised unit: "%", "ha", "m2", "m2/người", "km", "đồng", "người", "con", "loài", "" … */
  unit: string;
  /** Words around the number that name what it measures ("độ che phủ"). */
  label?: string;
}

/** Set when the text could be read two ways ("1.234": 1234 or 1,234). */
export interface Ambiguity {
  readings: number[];
  reason: Text2;
}

interface ValueBase {
  /** Raw text as the user sees it (trimmed). */
  raw: string;
  /** Extra words after the number or the answer ("4/4 bệnh viện có …", "Chưa có hệ thống …"). */
  description?: string;
}

/** Nothing typed. */
export interface BlankValue extends ValueBase {
  state: "blank";
}
/** "-", "--": declared no data. */
export interface NoDataValue extends ValueBase {
  state: "noData";
}
/** "Không có", "Không áp dụng": nothing of that kind exists. */
export interface NotApplicableValue extends ValueBase {
  state: "notApplicable";
}
/**
 * The unit the cell itself states, by name ("triệu đồng", "ha", "%": in its text, or through
 * a percent or unit number format); absent when the unit came from the column or catalogue.
 */
interface WrittenUnit {
  writtenUnit?: string;
}

/** A number with an optional unit (and, for counts, words around it). */
export interface NumberValue extends ValueBase, WrittenUnit {
  state: "number";
  measure: Measure;
  ambiguous?: Ambiguity;
  /** True when Excel held a real number (not text). */
  fromNumber?: boolean;
  /** True for a number stored as text. */
  numberAsText?: boolean;
}
/** ">85%", "trên 98%": the bound, and its value as the measure. */
export interface BoundValue extends ValueBase, WrittenUnit {
  state: "bound";
  measure: Measure;
  bound: { op: "<" | "<=" | ">" | ">="; value: number; unit: string };
  ambiguous?: Ambiguity;
}
/** "8–10%". */
export interface RangeValue extends ValueBase, WrittenUnit {
  state: "range";
  range: { low: number; high: number; unit: string };
  ambiguous?: Ambiguity;
}
/** "2/2 đạt 100%"; the measure is part/total in %, absent when the total is 0. */
export interface CountOfTotalValue extends ValueBase {
  state: "countOfTotal";
  count: { part: number; total: number; percent?: number; what?: string };
  measure?: Measure;
}
export interface YesNoValue extends ValueBase {
  state: "yesno";
  yes: boolean;
}
/** Two measures in one cell; the measure is the first of them. */
export interface MultiValue extends ValueBase {
  state: "multi";
  measure: Measure;
  measures: Measure[];
  ambiguous?: Ambiguity;
}
/** #N/A, #REF!… */
export interface ErrorValue extends ValueBase {
  state: "error";
  errorCode: string;
}
/** Anything else; a number inside the words is kept as the measure. */
export interface TextValue extends ValueBase, WrittenUnit {
  state: "text";
  measure?: Measure;
  ambiguous?: Ambiguity;
  fromNumber?: boolean;
  /** True when Excel turned "2/2" into a date, or the text is a date. */
  looksLikeDate?: boolean;
}

/**
 * What a cell says, tagged by its state: code that reads `.bound`, `.count`, `.range` or
 * `.yes` narrows on `state` first. The three "empty-ish" states are distinct: not filled
 * (blank) ≠ no data ≠ not applicable.
 */
export type ParsedValue =
  | BlankValue
  | NoDataValue
  | NotApplicableValue
  | NumberValue
  | BoundValue
  | RangeValue
  | CountOfTotalValue
  | YesNoValue
  | MultiValue
  | ErrorValue
  | TextValue;

export type ValueState = ParsedValue["state"];

/** The measure a value carries, whatever its state (the bound's value, a count's share…). */
export function measureOf(v: ParsedValue): Measure | undefined {
  switch (v.state) {
    case "number":
    case "bound":
    case "multi":
    case "countOfTotal":
    case "text":
      return v.measure;
    default:
      return undefined;
  }
}

/** The ambiguity of a value's number, if any. */
export function ambiguityOf(v: ParsedValue): Ambiguity | undefined {
  switch (v.state) {
    case "number":
    case "bound":
    case "range":
    case "multi":
    case "text":
      return v.ambiguous;
    default:
      return undefined;
  }
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
  /** Absolute 0-based column of each recognised column, by role. */
  columns: Partial<Record<ColumnRole, number>>;
  /**
   * For each period column found, the year its header states (within the role's accepted
   * range; the catalogue's year when the header names none) — what messages, statuses and
   * the results quote.
   */
  years: Partial<Record<PeriodRole, number>>;
  /** True when the hidden id column of our own template was found. */
  ownTemplate: boolean;
}

/**
 * A user's correction of what a column holds, kept in the workbook (NQ24_Meta) and applied
 * by every later check: the pane's, the command line's and the province's consolidation.
 */
export interface ColumnOverride {
  sheet: string;
  /** The table the column belongs to (a sheet may hold both). */
  appendix: AppendixId;
  /** Absolute 0-based column. */
  col: number;
  /** What the column holds; "ignore": it is not read at all. */
  role: ColumnRole | "ignore";
  /** For a period role, the year the column holds (default: the year its header states, else the catalogue's). */
  year?: number;
}

/** One column of a table as the check read it. */
export interface MappingColumn {
  /** Absolute 0-based column. */
  col: number;
  /** Its letter, "E". */
  letter: string;
  /** Its header as read: the texts of the header rows above it, top to bottom, joined by " / ". */
  header: string;
  /** What was read from it; null: nothing (no role recognised, ignored, or a period column another one took). */
  role: ColumnRole | null;
  /** The year a period column holds (or, for an unused one, the year its header states). */
  year?: number;
  /** "header": known by its header; "content": the labels found by their text; "override": set by the user. */
  by: "header" | "content" | "override";
  /** The user asked for this column not to be read. */
  ignored?: boolean;
}

/** How one table was read: where it is and what each of its columns holds. */
export interface TableMapping {
  appendix: AppendixId;
  sheet: string;
  /** Absolute 0-based rows of the header: from its top group row to its last row (a column-number row included). */
  headerRows: { first: number; last: number };
  /** The table's area, header included. */
  range: RangeRect;
  /** The title found above the header, if any. */
  title?: string;
  columns: MappingColumn[];
  /** Rows matched to indicators (by our id column, by label), and the catalogue's count for this appendix. */
  rows: { matched: number; byId: number; byLabel: number; expected: number };
}

/** What a check could not read; a report is ready only when nothing is listed here. */
export interface Coverage {
  missingTables: AppendixId[];
  missingColumns: { appendix: AppendixId; role: PeriodRole }[];
  missingIndicators: string[];
  complete: boolean;
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

/** The unit a table declares for a value cell, and what became of it (tableUnits.ts). */
export interface CellUnit {
  /** As written ("Tỷ đồng", "(ha)" without its brackets). */
  text: string;
  /** Where: the row's unit column (ĐVT), the column's header, a "Đơn vị tính: …" line above the table. */
  source: "row" | "header" | "title";
  /** The cell it is written in. */
  address: CellAddress;
  /** The unit the cell was read in (units.ts's name, "tỷ đồng"), when it can be the indicator's measure. */
  applied?: string;
  /** A row's unit that cannot be the indicator's measure ("ha" on a percentage): not applied. */
  notMeasure?: true;
  /** The unit the cell states itself when it differs from the declared one (the cell's is used). */
  cellUnit?: string;
  /** Our own template's unit column as the add-in wrote it (the catalogue's unit). */
  template?: true;
}

/** One cell read for an indicator, with what it says. */
export interface ReadCell {
  address: CellAddress;
  /** Figures are in the indicator's unit (values/convert.ts indicatorUnit): money in đồng, areas in the catalogue's unit. */
  value: ParsedValue;
  indicatorId?: string;
  /** The unit the table declares for this cell, when it declares one. */
  unit?: CellUnit;
}

/** What was read for one matched indicator: its cells by column role. */
export interface IndicatorReading {
  indicator: IndicatorRow;
  match: RowMatch;
  baseline?: ReadCell;
  result?: ReadCell;
  note?: ReadCell;
  /** A note written on an enclosing heading row ("- Thủy điện … Không có"), when the row has none. */
  inheritedNote?: ReadCell;
  target?: ReadCell;
  /** The year of each period as the row's table states it (the catalogue's where the table is silent). */
  years: PeriodYears;
}

// ---------------------------------------------------------------- Findings

export type Severity = "error" | "warning" | "info";

/**
 * A rule's parameters: plain JSON data (strings, numbers, arrays, objects of those), so a
 * finding can be stored, sent to a worker thread or compared as it is. Each rule types its
 * own (RuleDef<P>); here they are any object, so a family may declare them as interfaces.
 */
export type FindingParams = object;

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
  /** What the rule found (label, value seen, year…); describeFinding turns it into text. */
  params: FindingParams;
}

// ---------------------------------------------------------------- Status

export type TargetStatus = "achieved" | "exceeded" | "notAchieved" | "noData" | "notApplicable" | "noTarget";
export type Trend = "better" | "worse" | "unchanged" | "increased" | "decreased" | "unknown";

export interface IndicatorStatus {
  indicatorId: string;
  appendix: AppendixId;
  status?: TargetStatus;
  trend: Trend;
  /** Relative change baseline → result (0.25 = +25 %), when both are numbers. */
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
