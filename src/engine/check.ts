/**
 * The engine's one entry point: Snapshot + catalogue in, findings, statuses and a write
 * Plan out. Pure: no Office, no files, no clock unless given one.
 *
 * The steps: locate the tables (recognize.ts), pick one per appendix and read its rows
 * (read.ts), run the rule families (rules/), judge statuses (status.ts), plan the writes
 * (plan.ts). Findings carry their parameters; their text is made where it is shown.
 */
import type { AppendixId, Catalogue, PeriodYears } from "../catalogue/types";
import { periodsOf, periodYears } from "../catalogue/periods";
import { Findings } from "./findings";
import { checkCellForms } from "./fix/rules";
import { SnapshotCells } from "./fix/cells";
import { applyIgnores, type IgnoredFinding, type IgnoreRecord } from "./ignore";
import { SHEET_NAMES, type CoverInfo } from "./layout";
import { buildPlan } from "./plan";
import { effectiveNote, readTable } from "./read";
import { indexCatalogue, locateTables, type CatalogueIndex } from "./recognize";
import { checkCover, readCover } from "./rules/cover";
import { checkLinks } from "./rules/crossAppendix";
import { checkTableRows, pickTables, reportMissingTable } from "./rules/recognition";
import { checkValues } from "./rules/values";
import { judgeStatus, numericValue, type IndicatorValues } from "./status";
import type { Finding, IndicatorReading, IndicatorStatus, LocatedTable, Plan, RowMatch, Severity, SheetSnapshot, WorkbookSnapshot } from "./types";
import { parseText } from "./values";

export interface CheckOptions {
  now?: Date;
  lang?: "vi" | "en";
  /**
   * "summary" is for batch work (province consolidation): every finding is kept as it is
   * (code, place, parameters), and the plan has only its verdict — what a roll-up reads,
   * without status cells, marks or results rows. Default "full".
   */
  detail?: "full" | "summary";
  /** Warnings set aside by the district; default: those the snapshot's metadata recorded. */
  ignored?: IgnoreRecord[];
}

export type { IndicatorReading, ReadCell } from "./types";
export { effectiveNote } from "./read";
export { valuesAgree } from "./rules/crossAppendix";

export interface CheckResult {
  tables: LocatedTable[];
  matches: RowMatch[];
  /** What was read for each matched indicator, by id. */
  readings: Record<string, IndicatorReading>;
  /** What to act on: every finding except the warnings set aside. */
  findings: Finding[];
  /** Warnings the district set aside, with their reasons: out of the counts, the marks and the results sheet. */
  ignored: IgnoredFinding[];
  statuses: IndicatorStatus[];
  cover: CoverInfo;
  plan: Plan;
  /** The catalogue's years; a table's own are in its `years`. */
  years: PeriodYears;
}

/** The years an appendix's table states (the catalogue's where it states none, or was not found). */
export function yearsOf(result: Pick<CheckResult, "tables" | "years">, appendix: AppendixId): PeriodYears {
  const t = result.tables.find((x) => x.appendix === appendix);
  return t ? { ...result.years, ...t.years } : result.years;
}

export function checkWorkbook(snapshot: WorkbookSnapshot, catalogue: Catalogue, options: CheckOptions = {}): CheckResult {
  const lang = options.lang ?? "vi";
  const idx = indexCatalogue(catalogue);
  const findings = new Findings();
  const catalogueYears = periodYears(periodsOf(catalogue));
  const all = locateTables(snapshot, periodsOf(catalogue));
  const chosen = pickTables(all, snapshot, idx, findings);

  const readings: Record<string, IndicatorReading> = {};
  const matches: RowMatch[] = [];
  const tables: LocatedTable[] = [];
  for (const appendix of ["PL1", "PL2"] as AppendixId[]) {
    const picked = chosen[appendix];
    if (!picked) {
      reportMissingTable(appendix, catalogueYears, findings);
      continue;
    }
    tables.push(picked.t.table);
    for (const m of picked.outcome.matches) matches.push(m);
    const sheet = snapshot.sheets.find((s) => s.name === picked.t.table.sheet) as SheetSnapshot;
    readTable(sheet, picked, idx, catalogueYears, readings);
    checkTableRows(picked, sheet, readings, idx, findings);
  }

  const coverRead = readCover(snapshot, all);
  checkCover(coverRead, findings);
  const naturalArea = coverRead.cover.naturalArea ? numericValue(parseText(coverRead.cover.naturalArea, { kind: "area", unit: "ha" })) : undefined;

  for (const id of Object.keys(readings)) checkValues(readings[id], findings, naturalArea);
  checkLinks(readings, findings);
  checkCellForms(new SnapshotCells(snapshot), readings, findings);
  findings.flushGroups();

  const statuses: IndicatorStatus[] = [];
  for (const appendix of ["PL1", "PL2"] as AppendixId[]) {
    for (const ind of idx.indicators[appendix]) {
      const r = readings[ind.id];
      if (!r) continue;
      statuses.push(judgeStatus(ind, toValues(r)));
    }
  }

  const { active, ignored } = applyIgnores(sortFindings(findings.list, idx), options.ignored ?? snapshot.ignored);
  const plan = buildPlan({ snapshot, tables, readings, findings: active, statuses, catalogue, lang, now: options.now, verdictOnly: options.detail === "summary" });
  return { tables, matches, readings, findings: active, ignored, statuses, cover: coverRead.cover, plan, years: catalogueYears };
}

function toValues(r: IndicatorReading): IndicatorValues {
  return { baseline: r.baseline?.value, result: r.result?.value, note: effectiveNote(r)?.value, years: r.years };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function sortFindings(list: Finding[], idx: CatalogueIndex): Finding[] {
  const sheetOrder = (s: string) => (s === SHEET_NAMES.cover ? 0 : s === SHEET_NAMES.PL1 ? 1 : s === SHEET_NAMES.PL2 ? 2 : 3);
  return list
    .map((f, i) => ({ f, i }))
    .sort((a, b) => {
      const d = SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity];
      if (d) return d;
      const s = sheetOrder(a.f.sheet) - sheetOrder(b.f.sheet);
      if (s) return s;
      const ra = a.f.row ?? (a.f.indicatorId ? 1e9 + (idx.order.get(a.f.indicatorId) ?? 0) : -1);
      const rb = b.f.row ?? (b.f.indicatorId ? 1e9 + (idx.order.get(b.f.indicatorId) ?? 0) : -1);
      return ra - rb || (a.f.col ?? 0) - (b.f.col ?? 0) || a.i - b.i;
    })
    .map((x) => x.f);
}
