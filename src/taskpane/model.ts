/**
 * The pane's view model: the state the actions change (plain data), and `paneView`, the
 * pure function that turns it into everything the page shows — steps, verdict, findings
 * tree, mapping, chart, messages — as text in the chosen language. Rendering (view.ts)
 * only copies this into the DOM; tests assert on it without a DOM.
 */
import type { Catalogue, Text2 } from "../catalogue/types";
import { isIndicator } from "../catalogue/types";
import { periodsOf, periodYears } from "../catalogue/periods";
import { canIgnore, findingKey, type IgnoredFinding } from "../engine/ignore";
import { a1, SHEET_NAMES } from "../engine/layout";
import { describeFinding, type FindingText } from "../engine/rules/index";
import type { ColumnRole, Finding, IndicatorStatus, LocatedTable, RowMatch, Severity, TargetStatus, Verdict } from "../engine/types";
import type { ReportCrossCheck } from "../usecases/report";
import type { Lang, StringKey } from "./i18n";
import { pick, t } from "./i18n";

// ---------------------------------------------------------------- what the services give

export interface CheckSummary {
  verdict: Verdict;
  findings: Finding[];
  statuses: IndicatorStatus[];
  /** Warnings the district ignored, with reasons. */
  ignored?: IgnoredFinding[];
  /** Where the check read each appendix and which column holds what. */
  tables?: LocatedTable[];
  matches?: RowMatch[];
}

export type MessageKind = "info" | "success" | "warning" | "error";

export interface Message {
  kind: MessageKind;
  text: Text2;
  details?: Text2[];
}

/** What a province consolidation did, for the pane to say. */
export interface ProvinceOutcome {
  /** Reports in the figures (duplicates left out). */
  counted: number;
  ready: number;
  notReady: { unit: string; file: string }[];
  duplicates: number;
  refused: { file: string; message: Text2 }[];
  ignored: number;
  outliers: number;
  /** Sheets written (none when no file could be read). */
  sheets: string[];
}

export interface CatalogueErrorItem {
  path: string;
  message: Text2;
}

// ---------------------------------------------------------------- state

export type View = "district" | "province";

export interface PaneState {
  lang: Lang;
  view: View;
  catalogue: Catalogue;
  catalogueErrors: CatalogueErrorItem[] | null;
  summary: CheckSummary | null;
  /** The finding the walk is on (its key), if any. */
  cursor: string | null;
  /** Groups and panels the user opened or closed, by key; absent: their default. */
  open: Record<string, boolean>;
  /** The finding whose "Bỏ qua" form is open, and the reason typed so far. */
  ignoring: { key: string; reason: string; refused?: boolean } | null;
  /** A one-click fix being previewed (per finding, or a rule's "all"). */
  preview: { key: string; text: Text2; findings: Finding[] } | null;
  message: Message | null;
  live: boolean;
  busy: StringKey | null;
  /** Sheets were inserted or found (steps strip). */
  sheetsReady: boolean;
  province: ProvinceOutcome | null;
  report: ReportCrossCheck | null;
  /** The file last prepared for the province ("Gửi tỉnh"), and whether its marks were kept. */
  sent: SentFile | null;
  keepMarks: boolean;
}

/** A file prepared for the province: its name and SHA-256 (the province matches what it received). */
export interface SentFile {
  fileName: string;
  sha256: string;
  /** Parts of the workbook the copy could not carry (charts, pivot tables…); absent or empty when none. */
  lost?: string[];
}

export function initialState(lang: Lang, catalogue: Catalogue): PaneState {
  return {
    lang,
    view: "district",
    catalogue,
    catalogueErrors: null,
    summary: null,
    cursor: null,
    open: {},
    ignoring: null,
    preview: null,
    message: null,
    live: false,
    busy: null,
    sheetsReady: false,
    province: null,
    report: null,
    sent: null,
    keepMarks: false,
  };
}

/** What the pane knows of its surroundings (fixed for a session). */
export interface PaneEnv {
  /** Office.js with a workbook behind it. */
  inExcel: boolean;
  /** Features this Excel lacks (capability keys, e.g. "events"). */
  missing: string[];
  /** The optional services present: one-click fixes, column-role changes, "Gửi tỉnh". */
  canFix: (f: Finding) => boolean;
  canRemap: boolean;
  canSend?: boolean;
  /** A finding in words (the engine's rule texts unless the services give their own). */
  describe?: (f: Finding, lang: Lang) => FindingText;
}

function describeWith(env: PaneEnv): (f: Finding, lang: Lang) => FindingText {
  return env.describe || describeFinding;
}

// ---------------------------------------------------------------- words

export const SEVERITIES: Severity[] = ["error", "warning", "info"];

/** "3 lỗi" / "3 errors", "1 error". */
export function countText(lang: Lang, severity: Severity, n: number): string {
  return n === 1 ? t(lang, ("count." + severity + "1") as StringKey) : t(lang, ("count." + severity) as StringKey, { n });
}

/** A sheet name in a range address, always quoted (Excel's way for names with spaces): 'PL01'!A5:F40. */
export function quoteSheet(sheet: string): string {
  return "'" + sheet.replace(/'/g, "''") + "'";
}

/** Where a finding points, as shown: "Phụ lục 1!E12", the sheet alone, or "Cả sổ làm việc". */
export function findingWhere(f: { sheet: string; cell: string }, lang: Lang): string {
  if (f.sheet && f.cell) return f.sheet + "!" + f.cell;
  if (f.sheet) return f.sheet;
  return t(lang, "findings.workbook");
}

/** A finding's identity in the pane: its rule and place (the walk and the forms follow it across re-checks). */
export function itemKey(f: Finding): string {
  return findingKey(f) + "@" + f.sheet + "!" + f.cell;
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

/** hh:mm dd/mm/yyyy in Vietnamese (as staff write dates), yyyy-mm-dd hh:mm in English, local time. */
export function formatTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  const time = pad2(d.getHours()) + ":" + pad2(d.getMinutes());
  if (lang === "vi") return time + " " + pad2(d.getDate()) + "/" + pad2(d.getMonth() + 1) + "/" + d.getFullYear();
  return d.getFullYear() + "-" + pad2(d.getMonth() + 1) + "-" + pad2(d.getDate()) + " " + time;
}

// ---------------------------------------------------------------- findings tree

export interface FindingItem {
  /** Position in the walk (display order), from 0. */
  index: number;
  key: string;
  finding: Finding;
  severity: Severity;
  where: string;
  message: string;
  /** Only when the rule's fix differs between its findings; otherwise the rule states it once. */
  fix?: string;
  /** Its name for assistive technology: severity first. */
  label: string;
  canSelect: boolean;
  canIgnore: boolean;
  canFix: boolean;
  current: boolean;
  ignoring: { reason: string; refused: boolean } | null;
  preview: string | null;
}

export interface RuleGroup {
  key: string;
  code: string;
  severity: Severity;
  title: string;
  count: number;
  fix?: string;
  open: boolean;
  items: FindingItem[];
  /** Findings not listed (the results sheet has them). */
  more: number;
  /** How many of its findings a one-click fix can handle ("Sửa tất cả (n)"), when more than one. */
  fixable: number;
  preview: string | null;
}

export interface SeverityGroup {
  severity: Severity;
  key: string;
  title: string;
  count: number;
  open: boolean;
  rules: RuleGroup[];
}

export interface IgnoredItem {
  key: string;
  finding: Finding;
  where: string;
  message: string;
  reason: string;
}

export interface FindingsView {
  total: number;
  groups: SeverityGroup[];
  /** Every listed finding in display order: what Previous/Next and the arrow keys walk. */
  walk: FindingItem[];
  ignored: IgnoredItem[];
  ignoredOpen: boolean;
  countsText: string;
}

/** Enough to keep the pane responsive; the results sheet lists them all. */
export const MAX_PER_RULE = 250;
/** A rule with more findings than this starts closed. */
export const OPEN_UP_TO = 5;

export function severityKey(s: Severity): string {
  return "sev:" + s;
}

export function ruleKey(code: string): string {
  return "rule:" + code;
}

function isOpen(state: PaneState, key: string, byDefault: boolean): boolean {
  const v = state.open[key];
  return v === undefined ? byDefault : v;
}

/** Findings by severity, then by rule in the engine's order, then cell by cell. */
function groupByRule(findings: Finding[]): { severity: Severity; rules: { code: string; items: Finding[] }[] }[] {
  return SEVERITIES.map((severity) => {
    const rules: { code: string; items: Finding[] }[] = [];
    for (const f of findings) {
      if (f.severity !== severity) continue;
      let r: { code: string; items: Finding[] } | undefined;
      for (const x of rules) if (x.code === f.code) r = x;
      if (!r) rules.push((r = { code: f.code, items: [] }));
      r.items.push(f);
    }
    return { severity, rules };
  });
}

interface WalkBuild {
  walk: FindingItem[];
}

function buildRule(state: PaneState, env: PaneEnv, code: string, severity: Severity, all: Finding[], acc: WalkBuild): RuleGroup {
  const lang = state.lang;
  const describe = describeWith(env);
  const texts = all.map((f) => describe(f, lang));
  const fixes = texts.map((x) => x.fix || "");
  const sameFix = fixes.every((x) => x === fixes[0]);
  const key = ruleKey(code);
  const shown = all.slice(0, MAX_PER_RULE);
  const items = shown.map((f, i): FindingItem => {
    const k = itemKey(f);
    const where = findingWhere(f, lang);
    const item: FindingItem = {
      index: acc.walk.length,
      key: k,
      finding: f,
      severity,
      where,
      message: texts[i].message,
      label: t(lang, ("severity." + severity + "1") as StringKey) + ": " + where + " — " + texts[i].message,
      canSelect: !!(f.sheet && f.cell),
      canIgnore: env.inExcel && canIgnore(f),
      canFix: env.inExcel && env.canFix(f),
      current: state.cursor === k,
      ignoring: state.ignoring && state.ignoring.key === k ? { reason: state.ignoring.reason, refused: !!state.ignoring.refused } : null,
      preview: state.preview && state.preview.key === k ? pick(state.preview.text, lang) : null,
    };
    if (!sameFix && texts[i].fix) item.fix = texts[i].fix;
    acc.walk.push(item);
    return item;
  });
  const fixable = env.inExcel ? all.filter((f) => env.canFix(f)).length : 0;
  // A rule the walk is inside is open, whatever its default.
  const holdsCursor = items.some((x) => x.current);
  return {
    key,
    code,
    severity,
    title: texts[0].title,
    count: all.length,
    fix: sameFix && fixes[0] ? fixes[0] : undefined,
    open: holdsCursor || isOpen(state, key, all.length <= OPEN_UP_TO),
    items,
    more: all.length - shown.length,
    fixable: fixable > 1 ? fixable : 0,
    preview: state.preview && state.preview.key === key ? pick(state.preview.text, state.lang) : null,
  };
}

export function findingsView(state: PaneState, env: PaneEnv): FindingsView | null {
  const s = state.summary;
  if (!s) return null;
  const lang = state.lang;
  const acc: WalkBuild = { walk: [] };
  const groups: SeverityGroup[] = [];
  for (const g of groupByRule(s.findings)) {
    const count = g.rules.reduce((n, r) => n + r.items.length, 0);
    if (count === 0) continue;
    const key = severityKey(g.severity);
    const rules = g.rules.map((r) => buildRule(state, env, r.code, g.severity, r.items, acc));
    const holdsCursor = rules.some((r) => r.items.some((x) => x.current));
    groups.push({
      severity: g.severity,
      key,
      title: t(lang, ("severity." + g.severity) as StringKey),
      count,
      open: holdsCursor || isOpen(state, key, g.severity !== "info"),
      rules,
    });
  }
  const ignored = (s.ignored || []).map((g): IgnoredItem => ({
    key: itemKey(g.finding),
    finding: g.finding,
    where: findingWhere(g.finding, lang),
    message: describeWith(env)(g.finding, lang).message,
    reason: g.reason,
  }));
  const c = s.verdict.counts;
  const parts = SEVERITIES.map((sev) => countText(lang, sev, c[sev]));
  if (ignored.length) parts.push(t(lang, "count.ignored", { n: ignored.length }));
  return { total: s.findings.length, groups, walk: acc.walk, ignored, ignoredOpen: isOpen(state, "ignored", false), countsText: parts.join(" · ") };
}

/** The walk's next position: forward or back from the cursor, wrapping; the first when there is none. */
export function walkStep(walk: { key: string }[], cursor: string | null, delta: number): string | null {
  if (walk.length === 0) return null;
  let i = -1;
  for (let k = 0; k < walk.length; k++) if (walk[k].key === cursor) i = k;
  if (i < 0) return walk[delta < 0 ? walk.length - 1 : 0].key;
  return walk[(i + delta + walk.length) % walk.length].key;
}

/** The first error, else the first warning, else the first finding. */
export function firstToFix(walk: FindingItem[]): FindingItem | null {
  for (const sev of SEVERITIES) for (const x of walk) if (x.severity === sev) return x;
  return null;
}

// ---------------------------------------------------------------- verdict and steps

export interface VerdictView {
  ready: boolean;
  title: string;
  countsText: string;
  message: string;
  time: string;
  checkedAt: string;
  first: { key: string; label: string } | null;
  position: string | null;
  canWalk: boolean;
  live: boolean;
}

export function verdictView(state: PaneState, findings: FindingsView | null): VerdictView | null {
  const s = state.summary;
  if (!s || !findings) return null;
  const lang = state.lang;
  const v = s.verdict;
  const first = firstToFix(findings.walk);
  let position: string | null = null;
  for (const x of findings.walk) if (x.current) position = t(lang, "verdict.position", { n: x.index + 1, total: findings.walk.length });
  const time = t(lang, "verdict.checkedAt", { time: formatTime(v.checkedAt, lang) }) + (v.catalogueVersion ? " · " + t(lang, "verdict.catalogue", { version: v.catalogueVersion }) : "");
  return {
    ready: v.ready,
    title: t(lang, v.ready ? "verdict.ready" : "verdict.notReady"),
    countsText: findings.countsText,
    message: pick(v.message, lang),
    time,
    checkedAt: v.checkedAt,
    first: first ? { key: first.key, label: t(lang, first.severity === "error" ? "verdict.firstError" : "verdict.firstWarning") } : null,
    position,
    canWalk: findings.walk.length > 0,
    live: state.live,
  };
}

export type StepId = "insert" | "enter" | "check";
export type StepState = "done" | "current" | "upcoming";

export interface StepView {
  id: StepId;
  state: StepState;
}

const MISSING_VALUE_CODES = ["NQ24-E001", "NQ24-W001", "NQ24-E013", "NQ24-E014"];

/** Done, current (the first not done) or to do, from what the pane has seen. */
export function stepsView(state: PaneState): StepView[] {
  const s = state.summary;
  const found = s && s.tables ? s.tables.length >= 2 : false;
  const inserted = state.sheetsReady || found || (!!s && !s.findings.some((f) => f.code === "NQ24-E013"));
  const entered = !!s && !s.findings.some((f) => MISSING_VALUE_CODES.indexOf(f.code) >= 0);
  const checked = !!s && s.verdict.ready;
  const done = [inserted, entered, checked];
  let current = -1;
  for (let i = 0; i < done.length; i++) if (!done[i] && current < 0) current = i;
  const ids: StepId[] = ["insert", "enter", "check"];
  return ids.map((id, i) => ({ id, state: done[i] ? "done" : i === current ? "current" : "upcoming" }));
}

/** Where "Đi tới ô cần nhập" goes: the first value the last check found missing. */
export function firstMissingCell(summary: CheckSummary | null): { sheet: string; cell: string } | null {
  if (!summary) return null;
  for (const f of summary.findings) if ((f.code === "NQ24-E001" || f.code === "NQ24-W001") && f.sheet && f.cell) return { sheet: f.sheet, cell: f.cell };
  return null;
}

// ---------------------------------------------------------------- mapping

export interface MappingColumn {
  col: number;
  letter: string;
  role: ColumnRole;
  label: string;
}

export interface MappingView {
  appendix: "PL1" | "PL2";
  /** "Phụ lục 1: 'PL01'!A5:F40 — D: 2013, E: 2022, F: ghi chú" */
  text: string;
  sheet: string | null;
  columns: MappingColumn[];
  missing: string[];
}

const VALUE_ROLES: ColumnRole[] = ["target", "baseline", "result", "note"];

export function columnLetter(col: number): string {
  return a1(0, col).replace(/\d+$/, "");
}

function roleLabel(role: ColumnRole, year: number | undefined, lang: Lang): string {
  if (role === "note") return t(lang, "mapping.note");
  if (role === "target") return t(lang, "mapping.target", { year: year === undefined ? "" : year });
  return year === undefined ? role : String(year);
}

export function mappingView(state: PaneState): MappingView[] | null {
  const s = state.summary;
  if (!s || !s.tables) return null;
  const lang = state.lang;
  const years = periodYears(periodsOf(state.catalogue));
  return (["PL1", "PL2"] as ("PL1" | "PL2")[]).map((appendix): MappingView => {
    const name = t(lang, appendix === "PL1" ? "mapping.pl1" : "mapping.pl2");
    const table = (s.tables || []).filter((x) => x.appendix === appendix)[0];
    if (!table) return { appendix, text: name + ": " + t(lang, "mapping.none"), sheet: null, columns: [], missing: [] };
    const roles = appendix === "PL1" ? VALUE_ROLES : VALUE_ROLES.slice(1);
    const columns: MappingColumn[] = [];
    const missing: string[] = [];
    for (const role of roles) {
      const col = table.columns[role];
      const year = role === "note" ? undefined : (table.years as Record<string, number | undefined>)[role] ?? (years as unknown as Record<string, number | undefined>)[role];
      const label = roleLabel(role, year, lang);
      if (col === undefined) missing.push(label);
      else columns.push({ col, letter: columnLetter(col), role, label });
    }
    columns.sort((a, b) => a.col - b.col);
    const all = Object.keys(table.columns).map((k) => (table.columns as Record<string, number>)[k]);
    const left = Math.min.apply(null, all);
    const right = Math.max.apply(null, all);
    let last = table.headerRow;
    for (const m of s.matches || []) if (m.sheet === table.sheet && m.row > last) last = m.row;
    const range = quoteSheet(table.sheet) + "!" + a1(table.headerRow, left) + ":" + a1(last, right);
    let text = name + ": " + range + " — " + columns.map((c) => c.letter + ": " + c.label).join(", ");
    if (missing.length) text += " — " + t(lang, "mapping.missing", { columns: missing.join(", ") });
    return { appendix, text, sheet: table.sheet, columns, missing };
  });
}

// ---------------------------------------------------------------- status chart

export interface ChartBar {
  key: string;
  label: string;
  count: number;
}

export interface UnmetTarget {
  indicatorId: string;
  label: string;
  /** How far from the target, in the status column's words. */
  detail: string;
  sheet: string | null;
  cell: string | null;
}

export interface ChartView {
  pl1Title: string;
  pl1: ChartBar[];
  noTargetNote: string | null;
  unmet: UnmetTarget[];
  pl2Title: string;
  pl2: ChartBar[];
  unknownNote: string | null;
  /** One sentence for assistive technology. */
  summary: string;
  max: number;
}

export const PL1_BARS: TargetStatus[] = ["achieved", "exceeded", "notAchieved", "noData", "notApplicable"];
export const PL2_BARS = ["better", "worse", "unchanged"];
/** Trends of indicators with no better direction: drawn only when there are some. */
export const PL2_NEUTRAL_BARS = ["increased", "decreased"];

/** The cell holding an indicator's result, from where the check found its row and column. */
function resultCell(s: CheckSummary, indicatorId: string): { sheet: string; cell: string } | null {
  for (const m of s.matches || []) {
    if (m.indicatorId !== indicatorId) continue;
    for (const table of s.tables || []) {
      if (table.sheet === m.sheet && table.columns.result !== undefined) return { sheet: m.sheet, cell: a1(m.row, table.columns.result) };
    }
  }
  return null;
}

export function chartView(state: PaneState): ChartView | null {
  const s = state.summary;
  if (!s) return null;
  const lang = state.lang;
  const years = periodYears(periodsOf(state.catalogue));
  const pl1: Record<string, number> = { achieved: 0, exceeded: 0, notAchieved: 0, noData: 0, notApplicable: 0, noTarget: 0 };
  const pl2: Record<string, number> = { better: 0, worse: 0, unchanged: 0, increased: 0, decreased: 0 };
  let unknown = 0;
  const unmet: UnmetTarget[] = [];
  const byId: Record<string, { labelVi: string; labelEn: string; target?: { text: string } }> = {};
  for (const row of state.catalogue.rows) if (isIndicator(row)) byId[row.id] = row;
  for (const st of s.statuses) {
    if (st.appendix === "PL1" && st.status) {
      pl1[st.status] = (pl1[st.status] || 0) + 1;
      if (st.status === "notAchieved") {
        const ind = byId[st.indicatorId];
        const where = resultCell(s, st.indicatorId);
        const label = ind ? (lang === "vi" ? ind.labelVi : ind.labelEn || ind.labelVi) : st.indicatorId;
        const detail = st.explanation ? pick(st.explanation, lang) : ind && ind.target ? t(lang, "status.target", { target: ind.target.text }) : "";
        unmet.push({ indicatorId: st.indicatorId, label, detail, sheet: where ? where.sheet : null, cell: where ? where.cell : null });
      }
    } else if (st.appendix === "PL2") {
      if (st.trend === "unknown" || pl2[st.trend] === undefined) unknown++;
      else pl2[st.trend]++;
    }
  }
  const bars1: ChartBar[] = PL1_BARS.map((k) => ({ key: k, label: t(lang, ("status." + k) as StringKey), count: pl1[k] }));
  const keys2 = PL2_BARS.concat(PL2_NEUTRAL_BARS.filter((k) => pl2[k] > 0));
  const bars2 = keys2.map((k) => ({ key: k, label: t(lang, ("trend." + k) as StringKey), count: pl2[k] }));
  const pl1Title = t(lang, "status.pl1");
  const pl2Title = t(lang, "status.pl2", { baseline: years.baseline, result: years.result });
  const unknownNote = unknown ? t(lang, "trend.unknownNote", { n: unknown }) : null;
  const noTargetNote = pl1.noTarget ? t(lang, "status.noTargetNote", { n: pl1.noTarget }) : null;
  const sentence = (title: string, bars: ChartBar[], extra: (string | null)[]) =>
    t(lang, "status.chartLabel", { title, parts: bars.map((b) => b.label + " " + b.count).concat(extra.filter((x): x is string => !!x)).join(", ") });
  let max = 1;
  for (const b of bars1.concat(bars2)) if (b.count > max) max = b.count;
  return {
    pl1Title,
    pl1: bars1,
    noTargetNote,
    unmet,
    pl2Title,
    pl2: bars2,
    unknownNote,
    summary: sentence(pl1Title, bars1, [noTargetNote]) + ". " + sentence(pl2Title, bars2, [unknownNote]),
    max,
  };
}

// ---------------------------------------------------------------- the whole pane

export interface PaneView {
  lang: Lang;
  view: View;
  steps: StepView[];
  verdict: VerdictView | null;
  findings: FindingsView | null;
  mapping: MappingView[] | null;
  chart: ChartView | null;
  message: Message | null;
  busy: StringKey | null;
  live: boolean;
  liveAvailable: boolean;
  /** "Gửi tỉnh", offered once the verdict is ready (and the service is there). */
  send: SendView | null;
}

export interface SendView {
  keepMarks: boolean;
  sent: SentFile | null;
  /** "NQ24_Thanh_pho_Lai_Chau_2023-05-15.xlsx · SHA-256 9f…" */
  sentText: string | null;
}

export function sendView(state: PaneState, env: PaneEnv): SendView | null {
  if (!env.canSend || !env.inExcel || !state.summary || !state.summary.verdict.ready) return null;
  const sent = state.sent;
  return { keepMarks: state.keepMarks, sent, sentText: sent ? t(state.lang, "send.done", { file: sent.fileName, sha: sent.sha256 }) : null };
}

export function paneView(state: PaneState, env: PaneEnv): PaneView {
  const findings = findingsView(state, env);
  return {
    lang: state.lang,
    view: state.view,
    steps: stepsView(state),
    verdict: verdictView(state, findings),
    findings,
    mapping: mappingView(state),
    chart: chartView(state),
    message: state.message,
    busy: state.busy,
    live: state.live,
    liveAvailable: env.inExcel && env.missing.indexOf("events") < 0,
    send: sendView(state, env),
  };
}

export { SHEET_NAMES };
