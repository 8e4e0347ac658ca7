/**
 * Recognition: which tables a workbook holds and what each of their rows and columns is.
 *   recognizeCells.ts    cells as Excel shows them (merged areas cover every cell)
 *   recognizeHeaders.ts  a column's role and year from its header words (data tables)
 *   recognizeTables.ts   header blocks, column-number rows, titles, sheet names, table extents
 *   recognizeLabels.ts   abbreviations, label keys, rows matched to indicators, which appendix
 *   recognizeMapping.ts  the user's column overrides, and the mapping shown to the user
 * `recognizeWorkbook` puts them together: every table found, with its appendix settled, the
 * user's overrides applied and its rows matched.
 */
import type { Periods } from "../catalogue/types";
import { decideAppendix, matchRows, type CatalogueIndex, type MatchOutcome } from "./recognizeLabels";
import { applyOverrides, overridesFor } from "./recognizeMapping";
import { locateTables, type TableRows } from "./recognizeTables";
import type { ColumnOverride, SheetSnapshot, WorkbookSnapshot } from "./types";

export { cellString, foldShort, mergeAt, mergesOnRow, shownText, columnLetter } from "./recognizeCells";
export { classifyColumn, classifyHeader, headerYear, isComparison, yearsIn, HEADER_WORDS, PERIOD_WORDS, COMPARISON_WORDS } from "./recognizeHeaders";
export { appendixOfName, findHeaderBlocks, isColumnNumberRow, locateTables, type HeaderBlock, type TableRows } from "./recognizeTables";
export {
  abbreviationTable,
  compileAbbreviations,
  decideAppendix,
  expandAbbreviations,
  indexCatalogue,
  labelKey,
  looseKey,
  matchRows,
  stripMarkers,
  MATCH_ACCEPT,
  MATCH_DOUBT,
  type AbbreviationTable,
  type CatalogueIndex,
  type MatchOutcome,
  type UnmatchedRow,
} from "./recognizeLabels";
export { applyOverrides, buildMapping, describeColumn, describeMapping, overridesFor } from "./recognizeMapping";

/** A table found, its appendix settled and its rows matched. */
export interface Candidate {
  t: TableRows;
  outcome: MatchOutcome;
  /** The user's overrides applied to its columns, by column. */
  applied: Map<number, ColumnOverride>;
}

/** A table with no period column is kept only when this many of its rows are indicators. */
const WEAK_TABLE_MIN_MATCHES = 3;

export function recognizeWorkbook(snapshot: WorkbookSnapshot, idx: CatalogueIndex, periods: Periods, overrides: ColumnOverride[] = []): Candidate[] {
  const out: Candidate[] = [];
  for (const t of locateTables(snapshot, periods)) {
    const sheet = snapshot.sheets.find((s) => s.name === t.table.sheet) as SheetSnapshot;
    const decided = decideAppendix(sheet, t, idx);
    t.table.appendix = decided.appendix;
    let outcome = decided.outcome;
    let applied = new Map<number, ColumnOverride>();
    if (overridesFor(t, overrides).length) {
      const before = { label: t.table.columns.label, id: t.table.columns.id };
      applied = applyOverrides(t, overrides, periods);
      if (before.label !== t.table.columns.label || before.id !== t.table.columns.id) outcome = matchRows(sheet, t, idx, new Set(), decided.appendix);
    }
    const c = t.table.columns;
    const hasPeriod = c.baseline !== undefined || c.result !== undefined || c.target !== undefined;
    if (!hasPeriod && t.block.weak && outcome.matches.length < WEAK_TABLE_MIN_MATCHES) continue;
    out.push({ t, outcome, applied });
  }
  return out;
}

/** The overrides that name no table found (a sheet renamed, a table removed): they were not applied. */
export function unusedOverrides(candidates: Candidate[], overrides: ColumnOverride[]): ColumnOverride[] {
  return overrides.filter((o) => !candidates.some((c) => c.t.table.sheet === o.sheet && c.t.table.appendix === o.appendix && c.applied.get(o.col) === o));
}
