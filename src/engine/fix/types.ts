/**
 * A fix as data: what a cell holds, what the add-in would write instead, how sure it is,
 * and which finding asks for it. Computed by the engine from a finding and the cells as
 * they are (fixers.ts); applied by an adapter only on the user's click, and only if the
 * cell still holds `before`.
 */
import type { CellValue } from "../types";

/** What a fix does, one name per fixer (fixers.ts); a rule names the kind that repairs it (RuleDef.autofix). */
export type FixKind = "number" | "viText" | "trim" | "dateText" | "noteMove" | "percentScale" | "unitConvert";

/** "certain": one reading only. "likely": the preview shows the other reading(s) too. */
export type FixCertainty = "certain" | "likely";

/** A cell's content as far as a fix is concerned. */
export interface CellContent {
  value: CellValue;
  numberFormat: string;
  /** What the user sees (for the preview). */
  text: string;
}

/** What to write: a value, and the number format when it changes. */
export interface CellWrite {
  value: CellValue;
  /** Absent: the cell keeps its number format. */
  numberFormat?: string;
  /** What the user will see, Vietnamese-style (for the preview). */
  text: string;
}

export interface FixTarget {
  sheet: string;
  /** A1 address. */
  cell: string;
  /** Absolute 0-based. */
  row: number;
  col: number;
  before: CellContent;
  after: CellWrite;
}

export interface Fix extends FixTarget {
  /** Stable within one check: the finding's code and cell ("NQ24-E019@Phụ lục 1!E12"). */
  id: string;
  /** The finding's rule code. */
  code: string;
  kind: FixKind;
  certainty: FixCertainty;
  indicatorId?: string;
  /** Why, as plain data for the preview's text (fixText): the reading, a unit converted, the readings offered. */
  reason: FixReason;
  /** For "likely" fixes: the other way(s) to read the cell, each a complete write. */
  alternatives?: CellWrite[];
  /** A second cell the fix writes (the note move names both): its before must hold too. */
  also?: FixTarget;
}

export interface FixReason {
  /** What the cell says, as the user sees it. */
  seen: string;
  /** A unit written in the cell or converted from ("km2", "triệu đồng"). */
  fromUnit?: string;
  /** The unit written to (the column's). */
  toUnit?: string;
  /** The factor applied (km² → ha: 100). */
  factor?: number;
  /** The readings offered, as shown ("2/3", "3/2"; "27,5%", "0,275%"). */
  readings?: string[];
}

/** One cell of a snapshot as the fix planner sees it. */
export interface SnapshotCell extends CellContent {
  valueType: string;
}
