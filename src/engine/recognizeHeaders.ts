/**
 * What a column holds, from the words of its header. The words are data (HEADER_WORDS,
 * PERIOD_WORDS, COMPARISON_WORDS); a new way provinces head a column is one more pattern
 * there. A column's header is all the header rows say above it, merged cells included:
 * its own (lowest) text decides, the group texts above it ("Kết quả thực hiện" over
 * "Năm 2013 | Năm 2022") lend a year or a word where its own has none.
 *
 * Period columns are known by the years they state, within each role's accepted range
 * (catalogue data), and by their words: "Hiện trạng" is a baseline, "Mục tiêu … 2020" a
 * target; "Kết quả", "Thực hiện", "Ước TH" say a figure was achieved, and its year says
 * which period it belongs to ("Thực hiện năm 2013" is the baseline). A column comparing
 * two periods ("2022 so với 2013", "Tăng/giảm", "So sánh (%)") is never a period.
 */
import type { ColumnRole, PeriodRole, Periods } from "../catalogue/types";
import { NATIONAL_PERIODS } from "../catalogue/periods";
import { foldShort } from "./recognizeCells";

/** Roles a header names by words alone, tried in this order on the column's own text. */
export const HEADER_WORDS: { role: Exclude<ColumnRole, PeriodRole | "comparison">; re: RegExp }[] = [
  { role: "stt", re: /^(?:stt|tt|so tt|so thu tu|thu tu|no|nr|n0|number)$/ },
  { role: "id", re: /\bma chi tieu\b|^ma$|^id$|indicator id|^ma so chi tieu$/ },
  { role: "status", re: /tinh trang|xu huong|danh gia muc tieu|^status$|^trend$|^danh gia$|muc do (?:dat|hoan thanh)/ },
  { role: "note", re: /ghi chu|^notes?$|^remarks?$|^comments?$|^gc$/ },
  { role: "unit", re: /^(?:don vi(?: tinh)?|dvt|units?|don vi do)(?: (?:dvt|don vi tinh))?$/ },
  { role: "label", re: /chi tieu|muc tieu|noi dung|indicator|hang muc|danh muc|tieu chi|nhiem vu|^items?$|description|^ten$/ },
];

/** Words that make a column a comparison of periods (folded text). */
export const COMPARISON_WORDS = /\bso voi\b|\bso sanh\b|\btang giam\b|\bgiam tang\b|\btang \(?\+?\)? giam\b|chenh lech|\bty le tang\b|toc do tang|tang truong|bien dong|\bchange\b|difference|compared|\bvs\b|\bgrowth\b|\bincrease\b|\bdecrease\b/;
/** Comparison signs that folding would erase ("+/-", "(+/−)", a formula "(4)=(3)-(2)", "2022/2013"). */
const COMPARISON_SIGNS = /^[\s(]*\+\s*[/|]?\s*[-–−][\s)]*$|=\s*\(|(?:19|20)\d\d\s*[/:]\s*(?:19|20)\d\d/;

/** Words that say which period a column is (folded text). */
export const PERIOD_WORDS: Record<PeriodRole, RegExp> = {
  target: /muc tieu|ke hoach|\bkh\b|chi tieu|\bde ra\b|\bdat ra\b|phan dau|\btarget|\bplan(?:ned)?\b/,
  baseline: /hien trang|nam goc|ky goc|\bco so\b|truoc khi|baseline|ban dau|xuat phat|thoi diem ban hanh/,
  result: /ket qua|thuc hien|\bth\b|\buoc\b|dat duoc|den nay|hien nay|luy ke|result|actual|achieved|estimate/,
};
/** A target column that need not state its year ("Mục tiêu đề ra"). */
const TARGET_WITHOUT_YEAR = /\bde ra\b|\bdat ra\b|^targets?$/;

const RE_YEAR = /(?:^|[^0-9])((?:19|20)[0-9]{2})(?![0-9])/g;

/** Every four-digit year a text states, in order. */
export function yearsIn(raw: string): number[] {
  const out: number[] = [];
  RE_YEAR.lastIndex = 0;
  for (let m = RE_YEAR.exec(raw); m; m = RE_YEAR.exec(raw)) out.push(Number(m[1]));
  return out;
}

/**
 * The year a period column's header states: the first four-digit year within the role's
 * accepted range ("Kết quả đạt được đến 2023" → 2023), else the catalogue's year (a header
 * recognised by its words alone, "Kết quả đạt được").
 */
export function headerYear(raw: string, role: PeriodRole, periods: Periods): number {
  const def = periods[role];
  for (const y of yearsIn(raw)) if (y >= def.from && y <= def.to) return y;
  return def.year;
}

/** What one column's header says. */
export type HeaderClass =
  | { kind: "role"; role: Exclude<ColumnRole, PeriodRole | "comparison"> }
  /** A period column: the roles its year (or words) allow, and the year stated. */
  | { kind: "period"; roles: PeriodRole[]; year?: number; explicit?: PeriodRole }
  | { kind: "comparison" }
  | { kind: "none" };

const NONE: HeaderClass = { kind: "none" };

function inRange(periods: Periods, role: PeriodRole, y: number): boolean {
  return y >= periods[role].from && y <= periods[role].to;
}

function wordRole(folded: string): PeriodRole | undefined {
  if (PERIOD_WORDS.baseline.test(folded)) return "baseline";
  if (PERIOD_WORDS.result.test(folded)) return "result";
  return undefined;
}

export function isComparison(raw: string, folded = foldShort(raw)): boolean {
  if (COMPARISON_WORDS.test(folded) || COMPARISON_SIGNS.test(raw)) return true;
  // Two different years in one header, neither a span ("2013 - 2022"): one against the other.
  const ys = yearsIn(raw);
  return ys.length >= 2 && ys[0] !== ys[1] && !/(?:19|20)\d\d\s*(?:-|–|—|đến|den|to)\s*(?:19|20)\d\d/i.test(raw);
}

/** Group words that make the years under them targets ("Kế hoạch" over "2020 | 2025"). */
const TARGET_GROUP = /ke hoach|\bkh\b|\btarget|\bplan|muc tieu/;
/** Words that say a figure was achieved; with no year, the column is the result. */
const RESULT_WITHOUT_YEAR = /ket qua|thuc hien|\buoc\b|dat duoc|result|actual|achieved/;

/**
 * The period a header names. `own` is the column's lowest text; `context` the texts above
 * it (groups), nearest first, which lend a year or words where `own` has none.
 */
function periodOf(own: string, context: string[], periods: Periods): HeaderClass | null {
  const ownFold = foldShort(own);
  const contextFold = context.map((c) => foldShort(c));
  let years = yearsIn(own);
  for (let k = 0; years.length === 0 && k < context.length; k++) years = yearsIn(context[k]);
  const year = years.length ? years[years.length - 1] : undefined;
  const ownWords = wordRole(ownFold);
  const target = PERIOD_WORDS.target.test(ownFold) || (!ownWords && contextFold.some((t) => TARGET_GROUP.test(t)));
  if (target && (year !== undefined ? inRange(periods, "target", year) : TARGET_WITHOUT_YEAR.test(ownFold))) return { kind: "period", roles: ["target"], year };
  let words = ownWords;
  for (let k = 0; !words && k < contextFold.length; k++) words = wordRole(contextFold[k]);
  if (year !== undefined) {
    const roles = (["baseline", "result"] as PeriodRole[]).filter((r) => inRange(periods, r, year));
    const explicit = words && roles.indexOf(words) >= 0 ? words : undefined;
    return explicit ? { kind: "period", roles: [explicit], year, explicit } : { kind: "period", roles, year };
  }
  if (ownWords === "baseline" || (ownWords === "result" && RESULT_WITHOUT_YEAR.test(ownFold))) return { kind: "period", roles: [ownWords], explicit: ownWords };
  return null;
}

/**
 * Classifies a column from its header texts, top to bottom (merged cells repeated, so a
 * group cell's text stands over every column it spans; the same text twice counts once).
 * Order matters: a comparison before anything ("2022 so với 2013" names two years); a
 * label's words ("Các mục tiêu cụ thể") only without a year or "đề ra" ("Mục tiêu đề ra
 * đến 2020" is the target).
 */
export function classifyColumn(texts: string[], periods: Periods = NATIONAL_PERIODS): HeaderClass {
  const distinct: string[] = [];
  for (const t of texts) {
    const s = t.replace(/\s+/g, " ").trim();
    if (s && distinct[distinct.length - 1] !== s) distinct.push(s);
  }
  if (distinct.length === 0) return NONE;
  const own = distinct[distinct.length - 1];
  const ownFold = foldShort(own);
  const context = distinct.slice(0, -1).reverse();
  if (distinct.some((t) => isComparison(t))) return { kind: "comparison" };
  const hasYear = yearsIn(own).length > 0;
  for (const w of HEADER_WORDS) {
    if (!w.re.test(ownFold)) continue;
    if (w.role !== "label") return { kind: "role", role: w.role };
    if (!hasYear && !TARGET_WITHOUT_YEAR.test(ownFold)) return { kind: "role", role: "label" };
  }
  return periodOf(own, context, periods) ?? NONE;
}

/** One text's role, for callers that see a single header cell (compatibility, tests). */
export function classifyHeader(folded: string, periods: Periods = NATIONAL_PERIODS): ColumnRole | null {
  const c = classifyColumn([folded], periods);
  if (c.kind === "role") return c.role;
  if (c.kind === "comparison") return "comparison";
  if (c.kind === "period") return c.roles.length === 1 ? c.roles[0] : c.roles.length ? (c.year !== undefined && c.year >= periods.result.from ? "result" : "baseline") : null;
  return null;
}

// ---------------------------------------------------------------- a header row's columns

export interface ColumnHeader {
  /** Absolute 0-based column. */
  col: number;
  /** The header's texts top to bottom, joined " / " (what the mapping shows). */
  header: string;
  cls: HeaderClass;
}

export interface ResolvedHeader {
  columns: Partial<Record<ColumnRole, number>>;
  years: Partial<Record<PeriodRole, number>>;
  /** Period-like columns left unused: another column took their role, or their year fits no role. */
  unused: { col: number; year?: number }[];
}

function distance(periods: Periods, role: PeriodRole, year: number | undefined): number {
  return year === undefined ? 0.5 : Math.abs(year - periods[role].year);
}

/**
 * Gives each role one column. A role claimed by several columns goes to the one whose year
 * is nearest the catalogue's (later on a tie); a year both baseline and result accept
 * (2018–2019 nationally) goes to the role still free, or, with two such columns, the earlier
 * year to the baseline.
 */
export function resolveColumns(headers: ColumnHeader[], periods: Periods): ResolvedHeader {
  const columns: Partial<Record<ColumnRole, number>> = {};
  const years: Partial<Record<PeriodRole, number>> = {};
  const unused: { col: number; year?: number }[] = [];
  for (const h of headers) {
    if (h.cls.kind === "role" && columns[h.cls.role] === undefined) columns[h.cls.role] = h.col;
    else if (h.cls.kind === "comparison" && columns.comparison === undefined) columns.comparison = h.col;
  }
  const periodCols = headers.filter((h) => h.cls.kind === "period") as (ColumnHeader & { cls: Extract<HeaderClass, { kind: "period" }> })[];
  const take = (role: PeriodRole, list: typeof periodCols) => {
    if (columns[role] !== undefined || list.length === 0) return;
    const best = list.slice().sort((a, b) => distance(periods, role, a.cls.year) - distance(periods, role, b.cls.year) || (b.cls.year ?? 0) - (a.cls.year ?? 0))[0];
    columns[role] = best.col;
    years[role] = best.cls.year ?? periods[role].year;
  };
  const free = () => periodCols.filter((h) => Object.keys(columns).every((k) => columns[k as ColumnRole] !== h.col));
  // Explicit words first, then columns whose year fits one role, then the shared years.
  for (const role of ["target", "baseline", "result"] as PeriodRole[]) take(role, free().filter((h) => h.cls.explicit === role || (h.cls.roles.length === 1 && h.cls.roles[0] === role && role === "target")));
  for (const role of ["baseline", "result"] as PeriodRole[]) take(role, free().filter((h) => h.cls.roles.length === 1 && h.cls.roles[0] === role));
  const shared = free().filter((h) => h.cls.roles.length === 2);
  if (shared.length >= 2 && columns.baseline === undefined && columns.result === undefined) {
    const byYear = shared.slice().sort((a, b) => (a.cls.year ?? 0) - (b.cls.year ?? 0));
    take("baseline", [byYear[0]]);
    take("result", [byYear[byYear.length - 1]]);
  } else {
    for (const h of shared) {
      const open = (["baseline", "result"] as PeriodRole[]).filter((r) => columns[r] === undefined);
      if (open.length === 1) take(open[0], [h]);
      else if (open.length === 2) take(distance(periods, "baseline", h.cls.year) < distance(periods, "result", h.cls.year) ? "baseline" : "result", [h]);
    }
  }
  for (const h of free()) unused.push({ col: h.col, year: h.cls.year });
  return { columns, years, unused };
}
