/**
 * What the check read, shown to the user, and the user's corrections of it. A table's
 * mapping names its sheet, header rows, area and what each column holds ("Phụ lục 1:
 * 'PL01'!A5:F40 — D: 2013, E: 2022, F: ghi chú"); a column override (kept in the
 * workbook's NQ24_Meta) says what a column holds, or that it is not to be read, and wins
 * over what its header says.
 */
import type { AppendixId, ColumnRole, PeriodRole, Periods, Text2 } from "../catalogue/types";
import { APPENDIX_TITLES } from "./layout";
import { columnLetter } from "./recognizeCells";
import type { MatchOutcome } from "./recognizeLabels";
import type { TableRows } from "./recognizeTables";
import type { ColumnOverride, MappingColumn, TableMapping } from "./types";

const PERIOD_ROLES: PeriodRole[] = ["baseline", "result", "target"];

function isPeriod(role: ColumnRole | "ignore"): role is PeriodRole {
  return (PERIOD_ROLES as string[]).indexOf(role) >= 0;
}

/** The overrides that speak of this table. */
export function overridesFor(t: TableRows, overrides: ColumnOverride[]): ColumnOverride[] {
  return overrides.filter((o) => o.sheet === t.table.sheet && o.appendix === t.table.appendix);
}

/**
 * Applies a table's overrides to its columns: the column takes the role (and leaves any it
 * had), the role leaves any other column; "ignore" leaves the column unread. Returns the
 * overrides applied, by column.
 */
export function applyOverrides(t: TableRows, overrides: ColumnOverride[], periods: Periods): Map<number, ColumnOverride> {
  const applied = new Map<number, ColumnOverride>();
  const columns = t.table.columns;
  const years = t.table.years;
  for (const o of overridesFor(t, overrides)) {
    for (const k of Object.keys(columns) as ColumnRole[]) {
      if (columns[k] === o.col || (o.role !== "ignore" && k === o.role)) {
        delete columns[k];
        if (isPeriod(k)) delete years[k];
      }
    }
    if (o.role !== "ignore") {
      columns[o.role] = o.col;
      if (isPeriod(o.role)) years[o.role] = o.year ?? headerYearOf(t, o.col, o.role, periods);
    }
    applied.set(o.col, o);
  }
  t.table.ownTemplate = columns.id !== undefined;
  return applied;
}

function headerYearOf(t: TableRows, col: number, role: PeriodRole, periods: Periods): number {
  const h = t.block.headers.find((x) => x.col === col);
  const y = h && h.cls.kind === "period" ? h.cls.year : undefined;
  return y !== undefined && y >= periods[role].from && y <= periods[role].to ? y : periods[role].year;
}

/** The table as read: every column of its header, what it holds and how that was known. */
export function buildMapping(t: TableRows, outcome: MatchOutcome, applied: Map<number, ColumnOverride>, expected: number): TableMapping {
  const roleAt = new Map<number, ColumnRole>();
  for (const k of Object.keys(t.table.columns) as ColumnRole[]) roleAt.set(t.table.columns[k] as number, k);
  const cols = new Set<number>(t.block.headers.map((h) => h.col));
  roleAt.forEach((_, c) => cols.add(c));
  applied.forEach((_, c) => cols.add(c));
  const columns: MappingColumn[] = Array.from(cols)
    .sort((a, b) => a - b)
    .map((col) => {
      const h = t.block.headers.find((x) => x.col === col);
      const role = roleAt.get(col) ?? null;
      const o = applied.get(col);
      const m: MappingColumn = { col, letter: columnLetter(col), header: h?.header ?? "", role, by: o ? "override" : role === "label" && t.block.labelInferred ? "content" : "header" };
      if (role && isPeriod(role)) m.year = t.table.years[role];
      else if (!role && h && h.cls.kind === "period" && h.cls.year !== undefined) m.year = h.cls.year;
      if (o && o.role === "ignore") m.ignored = true;
      return m;
    });
  const end = outcome.endRow !== undefined ? outcome.endRow - 1 : lastUsedRow(t, outcome);
  const first = Math.min(...columns.map((c) => c.col));
  const last = Math.max(...columns.map((c) => c.col));
  const byId = outcome.matches.filter((m) => m.by === "id").length;
  return {
    appendix: t.table.appendix,
    sheet: t.table.sheet,
    headerRows: { first: t.block.top, last: t.block.numberRow ?? t.block.bottom },
    range: { row: t.block.top, col: first, rowCount: end - t.block.top + 1, colCount: last - first + 1 },
    title: t.title,
    columns,
    rows: { matched: outcome.matches.length, byId, byLabel: outcome.matches.length - byId, expected },
  };
}

/** The table's last row that matched anything (an indicator, a heading or a row reported as unmatched). */
function lastUsedRow(t: TableRows, outcome: MatchOutcome): number {
  let last = t.block.numberRow ?? t.block.bottom;
  for (const m of outcome.matches) last = Math.max(last, m.row);
  for (const h of outcome.headings) last = Math.max(last, h.row);
  for (const u of outcome.unmatched) last = Math.max(last, u.row);
  return last;
}

// ---------------------------------------------------------------- in words

const ROLE_WORDS: Record<ColumnRole, Text2> = {
  stt: { vi: "STT", en: "No." },
  label: { vi: "chỉ tiêu", en: "indicator" },
  unit: { vi: "đơn vị", en: "unit" },
  baseline: { vi: "hiện trạng", en: "baseline" },
  result: { vi: "kết quả", en: "result" },
  target: { vi: "mục tiêu", en: "target" },
  note: { vi: "ghi chú", en: "note" },
  comparison: { vi: "so sánh (không đọc)", en: "comparison (not read)" },
  id: { vi: "mã chỉ tiêu", en: "indicator id" },
  status: { vi: "tình trạng", en: "status" },
};

/** What a column holds, in a few words: "2013", "mục tiêu 2020", "ghi chú", "bỏ qua". */
export function describeColumn(c: MappingColumn, lang: "vi" | "en"): string {
  let s: string;
  if (c.ignored) s = lang === "vi" ? "bỏ qua" : "ignored";
  else if (!c.role) s = c.year !== undefined ? (lang === "vi" ? `${c.year} (không dùng)` : `${c.year} (not used)`) : unread(c.header, lang);
  else if (c.role === "baseline" || c.role === "result") s = String(c.year);
  else if (c.role === "target") s = lang === "vi" ? `mục tiêu ${c.year}` : `${c.year} target`;
  else s = ROLE_WORDS[c.role][lang];
  if (s && c.by === "override") s += lang === "vi" ? " (đã sửa)" : " (corrected)";
  return s;
}

/** A column read as nothing, shown with its header so the user sees what to correct. */
function unread(header: string, lang: "vi" | "en"): string {
  const h = header.replace(/\s+/g, " ").trim();
  if (!h) return "";
  return lang === "vi" ? `“${h}” (không đọc)` : `“${h}” (not read)`;
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** "Phụ lục 1: 'PL01'!A5:F40 — A: STT, B: chỉ tiêu, D: 2013, E: 2022, F: ghi chú". */
export function describeMapping(m: TableMapping, lang: "vi" | "en"): string {
  const r = m.range;
  const area = `${quoteSheet(m.sheet)}!${columnLetter(r.col)}${r.row + 1}:${columnLetter(r.col + r.colCount - 1)}${r.row + r.rowCount}`;
  const cols = m.columns
    .map((c) => ({ c, text: describeColumn(c, lang) }))
    .filter((x) => x.text)
    .map((x) => `${x.c.letter}: ${x.text}`)
    .join(", ");
  return `${APPENDIX_TITLES[m.appendix as AppendixId].label[lang]}: ${area} — ${cols}`;
}
