/**
 * Reporting periods as data. The national catalogue reviews ten years of Resolution
 * 24-NQ/TW (issued June 2013): baseline 2013, results by 2022, targets set for 2020.
 * A province's catalogue may declare its own (2015 → 2024, targets for 2025…).
 *
 * The accepted ranges say which years a table may state for each role instead of the
 * catalogue's own, and are deliberately wide but not overlapping by much:
 * - baseline 2005–2019: from the previous five-year plan before the Resolution up to the
 *   year before the first five-year review (2018–2019);
 * - result 2018–2030: from that review up to 2030, the horizon Conclusion 56-KL/TW (2019)
 *   set when it extended the Resolution;
 * - target 2015–2050: the Resolution's 2015 and 2020 targets, the 2025 and 2030 targets of
 *   Conclusion 56, and its 2050 vision.
 */
import type { Catalogue, ColumnRole, PeriodRole, Periods, PeriodYears } from "./types";

export const PERIOD_ROLES: readonly PeriodRole[] = ["baseline", "result", "target"];

export const NATIONAL_PERIODS: Periods = {
  baseline: { year: 2013, from: 2005, to: 2019 },
  result: { year: 2022, from: 2018, to: 2030 },
  target: { year: 2020, from: 2015, to: 2050 },
};

/** Years a period may be declared as at all (a typo such as 20222 is refused). */
export const YEAR_LIMITS = { min: 1990, max: 2100 } as const;

/** Column keys of format 1.0, read as the roles they always meant. */
export const LEGACY_COLUMN_KEYS: Readonly<Record<"y2013" | "y2022", ColumnRole>> = { y2013: "baseline", y2022: "result" };

/** The role a format 1.0 column key stands for, if it is one. */
export function legacyColumnRole(key: string): ColumnRole | undefined {
  return Object.prototype.hasOwnProperty.call(LEGACY_COLUMN_KEYS, key) ? LEGACY_COLUMN_KEYS[key as keyof typeof LEGACY_COLUMN_KEYS] : undefined;
}

/** The catalogue's periods; a catalogue made without the loader (older code, hand-built) gets the national ones. */
export function periodsOf(catalogue: Pick<Catalogue, "periods">): Periods {
  return catalogue.periods ?? NATIONAL_PERIODS;
}

export function periodYears(periods: Periods): PeriodYears {
  return { baseline: periods.baseline.year, result: periods.result.year, target: periods.target.year };
}
