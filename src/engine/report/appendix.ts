/**
 * What the appendices hold, as the report check needs it: per indicator, the baseline,
 * result and target cells with their parsed values and places. This is the one place that
 * reads the engine's CheckResult, so a change to its shape is adjusted here alone.
 */
import type { CheckResult } from "../check";
import type { ParsedValue } from "../types";
import type { Periods } from "./figures";

export type PeriodRole = "baseline" | "result" | "target";

export interface AppendixCell {
  sheet: string;
  /** Absolute 0-based row and column, as the engine addresses cells. */
  row: number;
  col: number;
  value: ParsedValue;
}

export interface AppendixFacts {
  periods: Periods;
  cells: Record<string, Partial<Record<PeriodRole, AppendixCell>>>;
}

/** The national reporting periods: baseline 2013, result 2022, target 2020. */
export const NATIONAL_PERIODS: Periods = { baseline: 2013, result: 2022, target: 2020 };

/** The periods default to the years the check read (the catalogue's, or those its tables state). */
export function appendixFacts(result: CheckResult, periods: Periods = result.years ?? NATIONAL_PERIODS): AppendixFacts {
  const cells: AppendixFacts["cells"] = {};
  for (const id of Object.keys(result.readings)) {
    const r = result.readings[id];
    const byRole: Partial<Record<PeriodRole, AppendixCell>> = {};
    const pairs: [PeriodRole, typeof r.baseline][] = [["baseline", r.baseline], ["result", r.result], ["target", r.target]];
    for (const [role, cell] of pairs) {
      if (cell) byRole[role] = { sheet: cell.address.sheet, row: cell.address.row, col: cell.address.col, value: cell.value };
    }
    cells[id] = byRole;
  }
  return { periods, cells };
}
