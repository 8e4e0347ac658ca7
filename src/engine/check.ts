/**
 * The engine's one entry point: Snapshot + catalogue in, findings, statuses and a write
 * Plan out. Pure: no Office, no files, no clock unless given one.
 *
 * The steps: locate the tables (recognize.ts), pick one per appendix and read its rows
 * (read.ts), run the rule families (rules/), judge statuses (status.ts), plan the writes
 * (plan.ts). Findings carry their parameters; their text is made where it is shown.
 */
import type { AppendixId, Catalogue, Periods, PeriodYears, Text2 } from "../catalogue/types";
import { periodsOf, periodYears } from "../catalogue/periods";
import { Findings } from "./findings";
import { checkCellForms } from "./fix/rules";
import { SnapshotCells } from "./fix/cells";
import { applyIgnores, type IgnoredFinding, type IgnoreRecord } from "./ignore";
import { APPENDIX_TITLES, SHEET_NAMES, type CoverInfo } from "./layout";
import { buildPlan } from "./plan";
import { effectiveNote, readTable } from "./read";
import { buildMapping, indexCatalogue, recognizeWorkbook, unusedOverrides, type CatalogueIndex } from "./recognize";
import { checkCover, readCover } from "./rules/cover";
import { checkLinks } from "./rules/crossAppendix";
import { checkColumns, checkTableRows, pickTables, reportMissingTable, reportUnusedOverrides } from "./rules/recognition";
import { checkValues } from "./rules/values";
import { judgeStatus, numericValue, type IndicatorValues } from "./status";
import type { ColumnOverride, Coverage, Finding, IndicatorReading, IndicatorStatus, LocatedTable, Plan, RowMatch, Severity, SheetSnapshot, TableMapping, WorkbookSnapshot } from "./types";
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
  /** The reporting periods to look for, when not the catalogue's (`nq24 check --periods 2012,2023`). */
  periods?: Periods;
  /** The user's corrections of what columns hold; default: those the snapshot carries from NQ24_Meta. */
  overrides?: ColumnOverride[];
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
  /** The catalogue's years (or those the check was told); a table's own are in its `years`. */
  years: PeriodYears;
  /** How each table found was read: sheet, header rows, area, what each column holds, rows matched. */
  mapping: TableMapping[];
  /** What could not be read; the report is ready only when it is complete. */
  coverage: Coverage;
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
  const periods = options.periods ?? periodsOf(catalogue);
  const catalogueYears = periodYears(periods);
  // Given, or those stored in the workbook: a corrected mapping holds wherever the file is checked.
  const overrides = options.overrides ?? snapshot.overrides ?? [];
  const candidates = recognizeWorkbook(snapshot, idx, periods, overrides);
  const chosen = pickTables(candidates, findings);
  reportUnusedOverrides(unusedOverrides(candidates, overrides), findings);

  const readings: Record<string, IndicatorReading> = {};
  const matches: RowMatch[] = [];
  const tables: LocatedTable[] = [];
  const mapping: TableMapping[] = [];
  const coverage: Coverage = { missingTables: [], missingColumns: [], missingIndicators: [], complete: true };
  for (const appendix of ["PL1", "PL2"] as AppendixId[]) {
    const picked = chosen[appendix];
    if (!picked) {
      reportMissingTable(appendix, catalogueYears, findings);
      coverage.missingTables.push(appendix);
      continue;
    }
    tables.push(picked.t.table);
    for (const m of picked.outcome.matches) matches.push(m);
    for (const role of checkColumns(picked, catalogue, periods, findings)) coverage.missingColumns.push({ appendix, role });
    const sheet = snapshot.sheets.find((s) => s.name === picked.t.table.sheet) as SheetSnapshot;
    readTable(sheet, picked, idx, catalogueYears, readings);
    checkTableRows(picked, sheet, readings, idx, findings);
    mapping.push(buildMapping(picked.t, picked.outcome, picked.applied, idx.indicators[appendix].length));
  }
  for (const appendix of ["PL1", "PL2"] as AppendixId[]) for (const ind of idx.indicators[appendix]) if (!readings[ind.id]) coverage.missingIndicators.push(ind.id);
  coverage.complete = coverage.missingTables.length + coverage.missingColumns.length + coverage.missingIndicators.length === 0;

  const coverRead = readCover(snapshot, candidates.map((c) => c.t));
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
  const plan = buildPlan({
    snapshot,
    tables,
    readings,
    findings: active,
    statuses,
    catalogue,
    lang,
    now: options.now,
    verdictOnly: options.detail === "summary",
    unread: coverage.complete ? undefined : unreadText(coverage),
  });
  return { tables, matches, readings, findings: active, ignored, statuses, cover: coverRead.cover, plan, years: catalogueYears, mapping, coverage };
}

/** What was not read, in a few words, for the verdict. */
export function unreadText(c: Coverage): Text2 {
  const vi: string[] = [];
  const en: string[] = [];
  for (const a of c.missingTables) {
    vi.push(`không tìm thấy bảng ${APPENDIX_TITLES[a].label.vi}`);
    en.push(`no ${APPENDIX_TITLES[a].label.en} table found`);
  }
  for (const m of c.missingColumns) {
    vi.push(`${APPENDIX_TITLES[m.appendix].label.vi} thiếu cột ${m.role === "baseline" ? "hiện trạng" : m.role === "result" ? "kết quả" : "mục tiêu"}`);
    en.push(`${APPENDIX_TITLES[m.appendix].label.en} lacks its ${m.role} column`);
  }
  if (c.missingIndicators.length) {
    vi.push(`${c.missingIndicators.length} chỉ tiêu chưa tìm thấy`);
    en.push(`${c.missingIndicators.length} indicators not found`);
  }
  return { vi: vi.join("; "), en: en.join("; ") };
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
