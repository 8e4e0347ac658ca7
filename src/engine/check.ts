/**
 * The engine's one entry point: Snapshot + catalogue in, findings, statuses and a write
 * Plan out. Pure: no Office, no files, no clock unless given one.
 */
import type { AppendixId, Catalogue, IndicatorRow, PeriodYears, Text2 } from "../catalogue/types";
import { periodsOf, periodYears } from "../catalogue/periods";
import { COVER_FIELDS, COVER_VALUE_COL, SHEET_NAMES, APPENDIX_TITLES, a1, type CoverInfo, type CoverKey } from "./layout";
import { RULES, type RuleDef } from "./rules";
import { cellString, foldShort, indexCatalogue, locateTables, matchRows, MATCH_DOUBT, type CatalogueIndex, type TableRows } from "./recognize";
import { judgeStatus, noteSaysNone, numericValue, type IndicatorValues } from "./status";
import {
  ambiguityOf,
  measureOf,
  type BoundValue,
  type CellAddress,
  type IndicatorReading,
  type ReadCell,
  Finding,
  IndicatorStatus,
  LocatedTable,
  ParsedValue,
  Plan,
  RangeRect,
  RowMatch,
  Severity,
  SheetSnapshot,
  WorkbookSnapshot,
} from "./types";
import { foldForMatch, formatViNumber, normaliseUnit, parseCell, parseText, type ValueHint } from "./values";
import { buildPlan } from "./plan";

export interface CheckOptions {
  now?: Date;
  lang?: "vi" | "en";
  /**
   * "summary" is for batch work (province consolidation): warnings and info keep their code
   * and place but get no message text, and the plan has only its verdict — what a roll-up
   * reads, at a fraction of the cost. Default "full".
   */
  detail?: "full" | "summary";
}

interface CellGroupParams {
  column: Text2;
  count: number;
  cells: string[];
}

/** The note that explains a row: its own, else the nearest heading's. */
export function effectiveNote(r: IndicatorReading): ReadCell | undefined {
  if (r.note && r.note.value.state !== "blank") return r.note;
  return r.inheritedNote;
}

export type { IndicatorReading, ReadCell } from "./types";

export interface CheckResult {
  tables: LocatedTable[];
  matches: RowMatch[];
  /** What was read for each matched indicator, by id. */
  readings: Record<string, IndicatorReading>;
  findings: Finding[];
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

export const COLUMN_NAMES: Record<"baseline" | "result" | "note" | "target", Text2> = {
  baseline: { vi: "số liệu 2013", en: "2013 value" },
  result: { vi: "số liệu 2022", en: "2022 value" },
  note: { vi: "ghi chú", en: "note" },
  target: { vi: "mục tiêu 2020", en: "2020 target" },
};

const NO_TEXT: Text2 = { vi: "", en: "" };

class Findings {
  list: Finding[] = [];
  constructor(private readonly summary = false) {}
  // Few columns ever group (two rules × a handful of columns): a short list beats string keys.
  private groups: { rule: RuleDef<CellGroupParams>; sheet: string; col: number; column: Text2; cells: ReadCell[] }[] = [];

  /** Info about many cells of one column becomes one finding that lists them, at the first. */
  group(rule: RuleDef<CellGroupParams>, column: Text2, cell: ReadCell): void {
    const { sheet, col } = cell.address;
    for (const g of this.groups) {
      if (g.rule === rule && g.col === col && g.sheet === sheet) {
        g.cells.push(cell);
        return;
      }
    }
    this.groups.push({ rule, sheet, col, column, cells: [cell] });
  }

  flushGroups(): void {
    for (const g of this.groups) {
      const first = g.cells[0].address;
      const params = { column: g.column, count: g.cells.length, cells: g.cells.map((c) => a1(c.address.row, c.address.col)) };
      this.add(g.rule, params, { sheet: first.sheet, row: first.row, col: first.col, indicatorId: g.cells.length === 1 ? g.cells[0].indicatorId : undefined });
    }
    this.groups = [];
  }
  add<P>(rule: RuleDef<P>, params: P, where: { sheet: string; row?: number; col?: number; indicatorId?: string }, severity?: Severity): void {
    const sev = severity ?? rule.severity;
    const text = !this.summary || sev === "error";
    const f: Finding = {
      code: rule.code,
      severity: sev,
      sheet: where.sheet,
      cell: where.row !== undefined && where.col !== undefined ? a1(where.row, where.col) : "",
      message: text ? rule.message(params) : NO_TEXT,
    };
    if (where.row !== undefined) f.row = where.row;
    if (where.col !== undefined) f.col = where.col;
    if (where.indicatorId) f.indicatorId = where.indicatorId;
    if (rule.fix && text) f.fix = rule.fix(params);
    this.list.push(f);
  }
}

function sheetByName(snapshot: WorkbookSnapshot, name: string): SheetSnapshot | undefined {
  return snapshot.sheets.find((s) => s.name === name);
}

const mergeIndex = new WeakMap<SheetSnapshot, Map<number, RangeRect[]>>();

/** Merged areas covering a row, indexed once per sheet (a template has one per heading row). */
function mergesOnRow(sheet: SheetSnapshot, row: number): RangeRect[] {
  let byRow = mergeIndex.get(sheet);
  if (!byRow) {
    byRow = new Map();
    for (const m of sheet.merges) {
      for (let r = m.row; r < m.row + m.rowCount; r++) {
        const list = byRow.get(r);
        if (list) list.push(m);
        else byRow.set(r, [m]);
      }
    }
    mergeIndex.set(sheet, byRow);
  }
  return byRow.get(row) ?? NO_MERGES;
}
const NO_MERGES: RangeRect[] = [];

/**
 * The value Excel shows at an absolute cell, following a merged area to its top-left on the
 * same row — unless the merge starts left of the value columns (a heading's label spanning
 * the row), which holds no value of this column.
 */
function readCell(sheet: SheetSnapshot, row: number, col: number, hint: ValueHint, firstValueCol = 0, indicatorId?: string): ReadCell {
  let r = row;
  let c = col;
  for (const m of mergesOnRow(sheet, row)) {
    if (col >= m.col && col < m.col + m.colCount) {
      if (m.row === row && m.col >= firstValueCol) c = m.col;
      else r = -1; // the lower part of a vertical merge, or a label spanning the row
      break;
    }
  }
  const i = r - sheet.origin.row;
  const j = c - sheet.origin.col;
  const inside = r >= 0 && i >= 0 && j >= 0 && i < sheet.values.length && j < (sheet.values[i]?.length ?? 0);
  let value: ParsedValue;
  if (!inside) value = parseText("", hint);
  else {
    const v = sheet.values[i][j];
    const text = sheet.text[i]?.[j];
    // Most cells of a large table are empty: skip the parser for them.
    value =
      (v === "" || v === null) && (text === "" || text === undefined)
        ? { state: "blank", raw: "" }
        : parseCell({ value: v, valueType: sheet.valueTypes[i]?.[j], numberFormat: sheet.numberFormats[i]?.[j], text }, hint);
  }
  return { address: { sheet: sheet.name, row, col }, value, indicatorId };
}

const NO_HINT: ValueHint = {};
const VALUE_KEYS = ["baseline", "result", "note", "target"] as const;
const TARGET_HINT: ValueHint = { kind: "percent", unit: "%" };

function pickTables(all: TableRows[], snapshot: WorkbookSnapshot, idx: CatalogueIndex, findings: Findings) {
  const chosen: Partial<Record<AppendixId, { t: TableRows; outcome: ReturnType<typeof matchRows> }>> = {};
  for (const appendix of ["PL1", "PL2"] as AppendixId[]) {
    const candidates = all.filter((t) => t.table.appendix === appendix);
    let best: { t: TableRows; outcome: ReturnType<typeof matchRows> } | undefined;
    for (const t of candidates) {
      const sheet = sheetByName(snapshot, t.table.sheet);
      if (!sheet) continue;
      const outcome = matchRows(sheet, t, idx, new Set());
      if (!best || outcome.matches.length > best.outcome.matches.length) best = { t, outcome };
    }
    if (best) {
      chosen[appendix] = best;
      for (const t of candidates) {
        if (t !== best.t) findings.add(RULES.duplicateTable, { appendix: APPENDIX_TITLES[appendix].label, sheet: t.table.sheet, used: best.t.table.sheet }, { sheet: t.table.sheet, row: t.table.headerRow, col: t.table.columns.label ?? 0 });
      }
    }
  }
  return chosen;
}

// ---------------------------------------------------------------- cover

let coverFolds: { f: (typeof COVER_FIELDS)[number]; vi: string; en: string }[] | undefined;
function coverLabelFolds() {
  if (!coverFolds) coverFolds = COVER_FIELDS.map((f) => ({ f, vi: foldForMatch(f.label.vi), en: foldForMatch(f.label.en) }));
  return coverFolds;
}

function readCover(snapshot: WorkbookSnapshot, tables: TableRows[]): { cover: CoverInfo; sheet?: SheetSnapshot; rows: Partial<Record<CoverKey, number>> } {
  const cover: CoverInfo = {};
  const rows: Partial<Record<CoverKey, number>> = {};
  const labelFolds = coverLabelFolds();
  const sheet = sheetByName(snapshot, SHEET_NAMES.cover) ?? snapshot.sheets.find((s) => foldForMatch(s.name) === "bia");
  if (sheet) {
    for (let i = 0; i < sheet.values.length; i++) {
      const label = foldShort(cellString(sheet, i, 0 - sheet.origin.col));
      if (!label) continue;
      const hit = labelFolds.find((l) => label === l.vi || label === l.en || l.vi.indexOf(label) === 0 || label.indexOf(l.vi) === 0);
      if (!hit) continue;
      const row = sheet.origin.row + i;
      rows[hit.f.key] = row;
      const v = cellString(sheet, i, COVER_VALUE_COL - sheet.origin.col).trim();
      if (v) cover[hit.f.key] = v;
    }
    return { cover, sheet, rows };
  }
  // A template without a cover: the line under the appendix title may name the report.
  for (const t of tables) {
    const s = sheetByName(snapshot, t.table.sheet);
    if (!s) continue;
    for (let i = 0; i < Math.min(t.table.headerRow - s.origin.row, 8); i++) {
      for (let j = 0; j < (s.values[i]?.length ?? 0); j++) {
        const text = cellString(s, i, j);
        const m = /Kèm theo Báo cáo số\s*(.*?)\s*ngày\s*(.*?)\s*của\s*(.+?)\)?\s*$/i.exec(text);
        if (!m) continue;
        const num = m[1].replace(/[\s….]+$/, "").trim();
        if (/\d/.test(num.split("/")[0] ?? "")) cover.reportNumber = num;
        if (/^\d/.test(m[2].trim())) cover.reportDate = m[2].trim();
        if (m[3].trim()) cover.unit = m[3].replace(/\)\s*$/, "").trim();
      }
    }
  }
  return { cover, rows };
}

// ---------------------------------------------------------------- main

export function checkWorkbook(snapshot: WorkbookSnapshot, catalogue: Catalogue, options: CheckOptions = {}): CheckResult {
  const lang = options.lang ?? "vi";
  const idx = indexCatalogue(catalogue);
  const summary = options.detail === "summary";
  const findings = new Findings(summary);
  const periods = periodsOf(catalogue);
  const catalogueYears = periodYears(periods);
  const all = locateTables(snapshot, periods);
  const chosen = pickTables(all, snapshot, idx, findings);

  const readings: Record<string, IndicatorReading> = {};
  const matches: RowMatch[] = [];
  const tables: LocatedTable[] = [];

  for (const appendix of ["PL1", "PL2"] as AppendixId[]) {
    const picked = chosen[appendix];
    if (!picked) {
      findings.add(RULES.sheetMissing, { appendix: APPENDIX_TITLES[appendix].label }, { sheet: SHEET_NAMES[appendix] });
      continue;
    }
    const { t, outcome } = picked;
    tables.push(t.table);
    const sheet = sheetByName(snapshot, t.table.sheet) as SheetSnapshot;
    const hidden = new Set(sheet.hiddenRows);
    const valueCols = (["target", "baseline", "result", "note"] as const).map((k) => t.table.columns[k]).filter((c): c is number => c !== undefined);
    const firstValueCol = valueCols.length ? Math.min(...valueCols) : 0;
    let lastOrder = -1;
    // One object per table: every reading of the table shares it.
    const years = { ...catalogueYears, ...t.table.years };
    for (const m of outcome.matches) {
      matches.push(m);
      const indicator = idx.byId.get(m.indicatorId) as IndicatorRow;
      const reading: IndicatorReading = { indicator, match: m, years };
      for (const key of VALUE_KEYS) {
        const col = t.table.columns[key];
        if (col === undefined) continue;
        // The indicator row itself carries the parser's hint (its kind and unit).
        reading[key] = readCell(sheet, m.row, col, key === "note" ? NO_HINT : key === "target" ? TARGET_HINT : indicator, firstValueCol, indicator.id);
      }
      readings[indicator.id] = reading;
      const labelCol = t.table.columns.label ?? 0;
      const order = idx.order.get(indicator.id) ?? 0;
      if (m.by === "id" && order < lastOrder) findings.add(RULES.rowMoved, { label: indicator.labelVi }, { sheet: sheet.name, row: m.row, col: labelCol, indicatorId: indicator.id });
      lastOrder = Math.max(lastOrder, order);
      if (m.by === "label" && m.confidence < MATCH_DOUBT) {
        findings.add(RULES.doubtfulMatch, { seen: m.labelSeen, label: indicator.labelVi, confidence: m.confidence.toFixed(2) }, { sheet: sheet.name, row: m.row, col: labelCol, indicatorId: indicator.id });
      }
      if (hidden.has(m.row)) findings.add(RULES.hiddenRow, { label: indicator.labelVi }, { sheet: sheet.name, row: m.row, col: labelCol, indicatorId: indicator.id });
    }
    const noteCol = t.table.columns.note;
    if (noteCol !== undefined) {
      const headingNotes = new Map<string, ReadCell>();
      for (const h of outcome.headings) {
        const cell = readCell(sheet, h.row, noteCol, NO_HINT, firstValueCol);
        if (cell.value.state !== "blank") headingNotes.set(h.headingId, cell);
      }
      if (headingNotes.size > 0) {
        for (const m of outcome.matches) {
          const reading = readings[m.indicatorId];
          const path = reading.indicator.path;
          for (let k = path.length - 1; k >= 0; k--) {
            const hn = headingNotes.get(path[k]);
            if (hn) {
              reading.inheritedNote = hn;
              break;
            }
          }
        }
      }
    }
    for (const e of outcome.editedLabels) {
      findings.add(RULES.labelEdited, { label: e.match.labelSeen, expected: e.expected }, { sheet: sheet.name, row: e.match.row, col: t.table.columns.label, indicatorId: e.match.indicatorId });
    }
    for (const u of outcome.unmatched) {
      if (u.hasValues) findings.add(RULES.unmatchedRow, { seen: u.label }, { sheet: u.sheet, row: u.row, col: t.table.columns.label });
    }
    for (const ind of idx.indicators[appendix]) {
      if (!readings[ind.id]) findings.add(RULES.indicatorNotFound, { label: ind.labelVi, appendix: APPENDIX_TITLES[appendix].label }, { sheet: sheet.name, indicatorId: ind.id });
    }
  }

  const coverRead = readCover(snapshot, all);
  checkCover(coverRead, findings);
  const naturalArea = coverRead.cover.naturalArea ? numericValue(parseText(coverRead.cover.naturalArea, { kind: "area", unit: "ha" })) : undefined;

  for (const id of Object.keys(readings)) checkValues(readings[id], findings, naturalArea);
  checkLinks(readings, findings);
  findings.flushGroups();

  const statuses: IndicatorStatus[] = [];
  for (const appendix of ["PL1", "PL2"] as AppendixId[]) {
    for (const ind of idx.indicators[appendix]) {
      const r = readings[ind.id];
      if (!r) continue;
      statuses.push(judgeStatus(ind, toValues(r)));
    }
  }

  const sorted = sortFindings(findings.list, idx);
  const plan = buildPlan({ snapshot, tables, readings, findings: sorted, statuses, catalogue, lang, now: options.now, verdictOnly: summary });
  return { tables, matches, readings, findings: sorted, statuses, cover: coverRead.cover, plan, years: catalogueYears };
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

function checkCover(read: ReturnType<typeof readCover>, findings: Findings): void {
  if (!read.sheet) {
    findings.add(RULES.coverMissing, {}, { sheet: SHEET_NAMES.cover });
    return;
  }
  for (const f of COVER_FIELDS) {
    if (!f.required || (read.cover[f.key] ?? "").trim()) continue;
    const row = read.rows[f.key];
    findings.add(RULES.coverIncomplete, { field: f.label }, { sheet: read.sheet.name, row: row ?? f.row, col: COVER_VALUE_COL });
  }
}

// ---------------------------------------------------------------- value rules

const KIND_WORDS: Record<IndicatorRow["kind"], Text2> = {
  percent: { vi: "một tỷ lệ phần trăm (ví dụ 27,5 hoặc 27,5%)", en: "a percentage (e.g. 27,5 or 27,5%)" },
  area: { vi: "một diện tích (ví dụ 2.570,52 ha)", en: "an area (e.g. 2.570,52 ha)" },
  count: { vi: "một số lượng", en: "a count" },
  money: { vi: "một số tiền (ví dụ 585 triệu đồng)", en: "an amount of money (e.g. 585 triệu đồng)" },
  yesno: { vi: "Có hoặc Không", en: "Có (yes) or Không (no)" },
  countOfTotal: { vi: "số đạt trên tổng số (ví dụ 2/2)", en: "a count out of a total (e.g. 2/2)" },
  countDescription: { vi: "một số lượng, kèm mô tả nếu cần", en: "a count, with a description if needed" },
  text: { vi: "nội dung", en: "text" },
};

const AREA_UNITS = ["ha", "m2", "km2", "m2/người"];

/** Units that count whole things: a fraction of them is a slip. */
const COUNT_NOUNS = ["", "người", "con", "loài", "hộ", "điểm", "cơ sở", "mô hình", "dự án", "xã", "lượt", "vụ", "trạm", "doanh nghiệp", "bệnh viện", "làng nghề", "chương trình", "giống", "công trình", "đợt", "mỏ", "tổ chức", "thửa", "trang trại", "cánh đồng", "khu", "cụm", "bãi", "hồ"];

function unitFits(ind: IndicatorRow, unit: string): boolean {
  if (!unit) return true;
  const u = unit.toLowerCase();
  if (u === normaliseUnit(ind.unit).toLowerCase()) return true;
  switch (ind.kind) {
    case "percent":
      return u === "%";
    case "area":
      return AREA_UNITS.indexOf(u) >= 0;
    case "money":
      return u === "đồng";
    case "count":
    case "countDescription":
      return u !== "%" && u !== "đồng" && AREA_UNITS.indexOf(u) < 0;
    case "countOfTotal":
      return u !== "đồng" && AREA_UNITS.indexOf(u) < 0;
    default:
      return true;
  }
}

function expectedUnit(ind: IndicatorRow): string {
  return ind.unit || (ind.kind === "percent" ? "%" : "");
}

function checkValues(r: IndicatorReading, findings: Findings, naturalArea: number | undefined): void {
  const ind = r.indicator;
  const label = ind.labelVi;
  const note = effectiveNote(r);
  const noteText = note ? note.value.raw : "";
  const noteNA = noteSaysNone(note?.value);
  const where = (c: ReadCell) => ({ sheet: c.address.sheet, row: c.address.row, col: c.address.col, indicatorId: ind.id });

  for (const key of ["baseline", "result"] as const) {
    const cell = r[key];
    if (!cell) continue;
    const v = cell.value;
    const p = { label, column: COLUMN_NAMES[key] };
    switch (v.state) {
      case "blank":
        if (noteText.trim()) findings.group(RULES.blankExplained, COLUMN_NAMES[key], cell);
        else findings.add(RULES.missingValue, { ...p, severity: key === "result" ? "error" : "warning" }, where(cell), key === "result" ? "error" : "warning");
        continue;
      case "noData":
        if (!noteText.trim()) findings.group(RULES.noDataWithoutNote, COLUMN_NAMES[key], cell);
        continue;
      case "notApplicable":
        continue;
      case "error":
        findings.add(RULES.errorValue, { ...p, seen: v.errorCode ?? v.raw }, where(cell));
        continue;
      default:
        break;
    }
    if (v.state === "text" && v.looksLikeDate) {
      findings.add(RULES.dateFromFraction, { ...p, seen: v.raw }, where(cell));
      continue;
    }
    if (noteNA && v.state !== "yesno") {
      const n = numericValue(v);
      if (n === undefined || n !== 0) findings.add(RULES.contradictsNotApplicable, { ...p, seen: v.raw, na: noteText.trim() }, where(cell));
    }
    const amb = ambiguityOf(v);
    if (amb) {
      findings.add(RULES.ambiguous, { ...p, seen: v.raw, readings: amb.readings.map((x) => formatViNumber(x)) }, where(cell));
    }
    checkKindAndRange(ind, v, p, where(cell), findings);
  }

  if (r.target && ind.target && r.target.value.state !== "blank") {
    const n = numericValue(r.target.value, true);
    if (n === undefined || Math.abs(n - ind.target.value) > 1e-9) {
      findings.add(RULES.targetEdited, { label, seen: r.target.value.raw, expected: ind.target.text }, where(r.target), "info");
    }
  }

  checkDerivedShare(r, findings, naturalArea);
  checkChange(r, findings);
}

function checkKindAndRange(ind: IndicatorRow, v: ParsedValue, p: { label: string; column: Text2 }, where: { sheet: string; row: number; col: number; indicatorId: string }, findings: Findings): void {
  const kind = ind.kind;
  if (v.state === "countOfTotal" && v.count.part > v.count.total) {
    findings.add(RULES.countOverTotal, { ...p, seen: v.raw }, where);
    return;
  }
  const numeric = v.state === "number" || v.state === "bound" || v.state === "range" || v.state === "multi" || v.state === "countOfTotal";
  if (kind === "yesno") {
    if (v.state !== "yesno") findings.add(RULES.wrongKind, { ...p, expected: KIND_WORDS.yesno, seen: v.raw }, where);
    return;
  }
  if (kind === "text") return;
  const measure = measureOf(v);
  if (v.state === "yesno" || (v.state === "text" && kind !== "countDescription" && !measure)) {
    findings.add(RULES.wrongKind, { ...p, expected: KIND_WORDS[kind], seen: v.raw }, where);
    return;
  }
  if (!numeric && !measure) return;
  const measures = v.state === "multi" ? v.measures : measure ? [measure] : [];
  const first = measures[0];
  if (first && !unitFits(ind, first.unit)) {
    findings.add(RULES.wrongUnit, { ...p, seen: v.raw, unit: first.unit, expected: expectedUnit(ind) }, where);
  }
  for (const m of measures) {
    const isPercent = m.unit === "%" || (kind === "percent" && !m.unit);
    if (isPercent && (m.value > 100 || m.value < 0)) {
      findings.add(RULES.outOfRange, { ...p, seen: v.raw, why: { vi: "tỷ lệ phải từ 0 đến 100%", en: "a percentage must lie between 0 and 100%" } }, where);
      return;
    }
    if (m.value < 0) {
      findings.add(RULES.outOfRange, { ...p, seen: v.raw, why: { vi: "giá trị không thể âm", en: "the value cannot be negative" } }, where);
      return;
    }
    if (kind === "count" && COUNT_NOUNS.indexOf(m.unit.toLowerCase()) >= 0 && Math.floor(m.value) !== m.value) {
      findings.add(RULES.outOfRange, { ...p, seen: v.raw, why: { vi: "số lượng phải là số nguyên", en: "a count must be a whole number" } }, where);
      return;
    }
  }
}

/** A share stated next to an area ("2.694,42 ha; độ che phủ 27,5%") should equal area ÷ natural area. */
function checkDerivedShare(r: IndicatorReading, findings: Findings, naturalArea: number | undefined): void {
  if (!naturalArea || naturalArea <= 0) return;
  for (const key of ["baseline", "result"] as const) {
    const cell = r[key];
    if (!cell || cell.value.state !== "multi") continue;
    const ms = cell.value.measures;
    const area = ms.find((m) => m.unit === "ha");
    const share = ms.find((m) => m.unit === "%");
    if (!area || !share) continue;
    const computed = (area.value / naturalArea) * 100;
    if (Math.abs(computed - share.value) > 1) {
      findings.add(
        RULES.derivedMismatch,
        {
          label: r.indicator.labelVi,
          year: key === "baseline" ? "2013" : "2022",
          stated: `${formatViNumber(share.value)}%`,
          computed: `${formatViNumber(computed, 2)}%`,
          basis: {
            vi: `${formatViNumber(area.value)} ha ÷ diện tích tự nhiên ${formatViNumber(naturalArea)} ha`,
            en: `${formatViNumber(area.value)} ha ÷ natural area ${formatViNumber(naturalArea)} ha`,
          },
        },
        { sheet: cell.address.sheet, row: cell.address.row, col: cell.address.col, indicatorId: r.indicator.id },
      );
    }
  }
}

const ADDITIVE = { area: true, count: true, money: true, countDescription: true } as Record<string, boolean>;

function checkChange(r: IndicatorReading, findings: Findings): void {
  if (!ADDITIVE[r.indicator.kind]) return;
  const a = r.baseline ? numericValue(r.baseline.value) : undefined;
  const b = r.result ? numericValue(r.result.value) : undefined;
  if (a === undefined || b === undefined || a <= 0 || b <= 0) return;
  const factor = Math.max(a / b, b / a);
  // Small absolute figures (0,02 ha → 0,71 ha) swing by large factors without being wrong.
  const big = r.indicator.kind === "money" ? Math.max(a, b) >= 1e7 : Math.max(a, b) >= 10;
  if (factor >= 10 && big) {
    const cell = r.result as ReadCell;
    findings.add(
      RULES.implausibleChange,
      { label: r.indicator.labelVi, from: r.baseline?.value.raw ?? "", to: cell.value.raw, factor: formatViNumber(factor, 1) },
      { sheet: cell.address.sheet, row: cell.address.row, col: cell.address.col, indicatorId: r.indicator.id },
    );
  }
}

// ---------------------------------------------------------------- cross-appendix

/** Whether two readings of the same measure agree (a bound agrees with a number that satisfies it). */
export function valuesAgree(a: ParsedValue, b: ParsedValue, kind: IndicatorRow["kind"]): boolean | undefined {
  const na = comparable(a, kind);
  const nb = comparable(b, kind);
  if (!na || !nb) return undefined;
  if (na.bound && nb.bound) return true;
  if (na.bound) return satisfies(nb.value, na.bound.op, na.value);
  if (nb.bound) return satisfies(na.value, nb.bound.op, nb.value);
  const tol = kind === "percent" ? 0.5 : Math.max(0.01, Math.abs(na.value) * 0.005);
  return Math.abs(na.value - nb.value) <= tol;
}

function comparable(v: ParsedValue, kind: IndicatorRow["kind"]): { value: number; bound?: BoundValue["bound"] } | undefined {
  if (v.state === "bound") return { value: v.bound.value, bound: v.bound };
  if (v.state === "multi") {
    const want = kind === "percent" ? "%" : undefined;
    const m = want ? v.measures.find((x) => x.unit === want) : v.measures[0];
    return m ? { value: m.value } : undefined;
  }
  const n = numericValue(v, kind === "percent");
  return n === undefined ? undefined : { value: n };
}

function satisfies(x: number, op: string, t: number): boolean {
  switch (op) {
    case ">":
      return x > t;
    case ">=":
      return x >= t;
    case "<":
      return x < t;
    case "<=":
      return x <= t;
    default:
      return x === t;
  }
}

function checkLinks(readings: Record<string, IndicatorReading>, findings: Findings): void {
  // Links are symmetric: walking them from the PL1 side sees each pair once, and reports
  // where the target and its status live.
  for (const id of Object.keys(readings)) {
    const p1 = readings[id];
    if (p1.indicator.appendix !== "PL1") continue;
    for (const otherId of p1.indicator.links) {
      const p2 = readings[otherId];
      if (!p2) continue;
      const kind = p1.indicator.kind === "percent" || p2.indicator.kind === "percent" ? "percent" : p1.indicator.kind;
      for (const key of ["baseline", "result"] as const) {
        const a = p1[key];
        const b = p2[key];
        if (!a || !b) continue;
        if (valuesAgree(a.value, b.value, kind) === false) {
          findings.add(
            RULES.appendicesDisagree,
            {
              label: p1.indicator.labelVi,
              year: key === "baseline" ? "2013" : "2022",
              here: a.value.raw,
              other: b.value.raw,
              otherWhere: `${b.address.sheet}!${a1(b.address.row, b.address.col)}`,
            },
            { sheet: a.address.sheet, row: a.address.row, col: a.address.col, indicatorId: p1.indicator.id },
          );
        }
      }
    }
  }
}
