/**
 * The Resolution 24 indicator catalogue: the product's knowledge, as plain data.
 * Published as JSON Schema in `catalogue.schema.json`; the loader checks a province's
 * own catalogue against the same rules.
 */

export type AppendixId = "PL1" | "PL2";

/** Bilingual text shown to users. */
export interface Text2 {
  vi: string;
  en: string;
}

/**
 * What kind of value an indicator takes; drives parsing and the "wrong kind" rule.
 * - percent: a share, 0–100 %
 * - area: a surface (ha, m², m²/người)
 * - count: a whole number of things (người, điểm, mô hình…)
 * - money: an amount in đồng (written in triệu / tỷ / tỉ)
 * - yesno: Có / Không / Đã / Chưa
 * - countOfTotal: "x/y" with x ≤ y, often with a percent
 * - countDescription: a number and what it counts ("02 mô hình: …")
 * - text: free text
 */
export type ValueKind =
  | "percent"
  | "area"
  | "count"
  | "money"
  | "yesno"
  | "countOfTotal"
  | "countDescription"
  | "text";

export type Direction = "higher" | "lower" | "neutral";

export type BoundOp = "<" | "<=" | ">" | ">=" | "=";

/** A target as PL1 states it (for the catalogue's target year), e.g. `>85%` → { op: ">", value: 85, unit: "%" }. */
export interface Target {
  text: string;
  op: BoundOp;
  value: number;
  unit: string;
}

export type RowType = "section" | "group" | "subgroup" | "indicator";

interface RowBase {
  /** Stable id: never reused, never renumbered. */
  id: string;
  appendix: AppendixId;
  type: RowType;
  /** The STT column as the national table prints it ("A", "I", "1"), or "". */
  stt: string;
  /** Ids of the enclosing section/group rows, outermost first. */
  path: string[];
  /** Corrected Vietnamese wording shown to users. */
  labelVi: string;
  /** The seed's wording, typing slips included, for traceability and matching. */
  labelOriginal: string;
  labelEn: string;
}

export interface HeadingRow extends RowBase {
  type: "section" | "group" | "subgroup";
}

export interface IndicatorRow extends RowBase {
  type: "indicator";
  /** Display unit ("%", "ha", "người", "triệu đồng", "m²/người", ""). */
  unit: string;
  kind: ValueKind;
  direction: Direction;
  /** PL1 only, where the national table states one. */
  target?: Target;
  /** Ids of indicators in the other appendix that measure the same thing. */
  links: string[];
  /** Extra words that identify the row in other provinces' templates. */
  aliases?: string[];
}

export type CatalogueRow = HeadingRow | IndicatorRow;

export interface AppendixDef {
  id: AppendixId;
  title: Text2;
  /** The column headers of the catalogue's own table, in order. */
  columns: { key: ColumnRole; vi: string; en: string }[];
}

/**
 * What a column of an appendix table holds — the one name for it everywhere: in the
 * catalogue, in recognition, in our template's layout, in readings and in messages.
 * - stt, label, unit: the row's number, the indicator's wording, its unit ("ĐVT")
 * - baseline, result, target: the period columns (years in Catalogue.periods)
 * - note: "Ghi chú"
 * - comparison: a derived column ("2022 so với 2013", "Tăng/giảm"), never a period
 * - id, status: our template's hidden indicator id and the status the add-in writes
 */
export type ColumnRole = "stt" | "label" | "unit" | "baseline" | "result" | "target" | "note" | "comparison" | "id" | "status";

/** The columns that hold a year's figure or the target set for a year. */
export type PeriodRole = "baseline" | "result" | "target";

/** One reporting period: the year the catalogue expects, and the years a table may state instead. */
export interface PeriodDef {
  year: number;
  /** Earliest and latest year accepted for this role (inclusive). */
  from: number;
  to: number;
}

/**
 * The periods a report speaks of: the baseline (the situation when the Resolution was
 * issued), the result (the latest year reported), and the year the targets were set for.
 */
export type Periods = Record<PeriodRole, PeriodDef>;

/** The year each period role stands for (in a catalogue, or as a table states it). */
export type PeriodYears = Record<PeriodRole, number>;

/**
 * An abbreviation staff write in labels ("KCN") and what it stands for ("khu công
 * nghiệp"). The national list is `abbreviations.json`; a catalogue may add its own.
 */
export interface Abbreviation {
  short: string;
  long: string;
}

export interface Catalogue {
  /** Version of the catalogue format (the JSON Schema). */
  schemaVersion: string;
  /** Identifies this catalogue ("nq24-national", "nq24-laichau"). */
  id: string;
  /** Version of the content, shown on results and recorded in consolidations. */
  version: string;
  title: Text2;
  source: string;
  /** Format 1.1; the loader gives a 1.0 catalogue the national periods. */
  periods: Periods;
  appendices: AppendixDef[];
  rows: CatalogueRow[];
  /**
   * Format 1.2: abbreviations of this catalogue's province, added to the national list (the
   * same short form here replaces the national one). The label matcher spells them out.
   */
  abbreviations?: Abbreviation[];
}

export function isIndicator(row: CatalogueRow): row is IndicatorRow {
  return row.type === "indicator";
}
