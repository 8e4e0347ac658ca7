/**
 * Pure rendering: data from the engine and catalogue in, DOM out. Every text from a
 * workbook or a catalogue goes through el()/svg(), that is, as text nodes.
 */
import type { Catalogue, PeriodYears, Text2 } from "../catalogue/types";
import { isIndicator } from "../catalogue/types";
import { NATIONAL_PERIODS, periodYears } from "../catalogue/periods";
import { SHEET_NAMES } from "../engine/layout";
import { describeFinding } from "../engine/rules/index";
import type { Finding, IndicatorStatus, Severity, TargetStatus, Trend, Verdict } from "../engine/types";
import { el, svg } from "./dom";
import type { Lang, StringKey } from "./i18n";
import { pick, t } from "./i18n";

// ---------------------------------------------------------------- findings

export const SEVERITIES: Severity[] = ["error", "warning", "info"];

export interface FindingGroup {
  severity: Severity;
  count: number;
  items: Finding[];
}

/** Findings by severity, most serious first; the engine's order is kept inside a group. */
export function groupFindings(findings: Finding[]): FindingGroup[] {
  return SEVERITIES.map((severity) => {
    const items = findings.filter((f) => f.severity === severity);
    return { severity, count: items.length, items };
  });
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) if (counts[f.severity] !== undefined) counts[f.severity]++;
  return counts;
}

/** "Phụ lục 1!E12", the sheet alone, or "whole workbook". */
export function findingLocation(f: Finding, lang: Lang): string {
  if (f.sheet && f.cell) return f.sheet + "!" + f.cell;
  if (f.sheet) return f.sheet;
  return t(lang, "findings.workbook");
}

/** Enough to keep the pane responsive; the results sheet lists them all. */
export const MAX_PER_GROUP = 250;

export type SelectHandler = (finding: Finding) => void;

function renderFinding(f: Finding, lang: Lang, onSelect: SelectHandler): HTMLElement {
  const text = describeFinding(f, lang);
  const body = [
    el("span", { class: "finding-where" }, [findingLocation(f, lang)]),
    el("span", { class: "finding-code" }, [f.code]),
    el("span", { class: "finding-message" }, [text.message]),
    text.fix ? el("span", { class: "finding-fix" }, [text.fix]) : null,
  ];
  const cls = "finding finding--" + f.severity;
  if (!f.sheet || !f.cell) return el("div", { class: cls }, body);
  // A native button: Tab reaches it, Enter and Space activate it, focus is visible.
  return el(
    "button",
    { type: "button", class: cls, "data-sheet": f.sheet, "data-cell": f.cell, onclick: () => onSelect(f) },
    body,
  );
}

export function renderFindings(findings: Finding[], lang: Lang, onSelect: SelectHandler): HTMLElement {
  const root = el("div", { class: "findings" });
  if (findings.length === 0) {
    root.appendChild(el("p", { class: "findings-none" }, [t(lang, "findings.none")]));
    return root;
  }
  root.appendChild(
    el("p", { class: "findings-total" }, [t(lang, "findings.total", { n: findings.length }), " · ", t(lang, "findings.hint")]),
  );
  for (const group of groupFindings(findings)) {
    if (group.count === 0) continue;
    const shown = group.items.slice(0, MAX_PER_GROUP);
    const more = group.count - shown.length;
    root.appendChild(
      el("section", { class: "finding-group finding-group--" + group.severity, "data-severity": group.severity }, [
        el("h3", { class: "finding-group-title" }, [
          t(lang, ("severity." + group.severity) as StringKey),
          " ",
          el("span", { class: "finding-count", "data-count": group.count }, ["(" + group.count + ")"]),
        ]),
        el(
          "ul",
          { class: "finding-list" },
          shown.map((f) => el("li", undefined, [renderFinding(f, lang, onSelect)])),
        ),
        more > 0 ? el("p", { class: "finding-more" }, [t(lang, "findings.more", { n: more, sheet: SHEET_NAMES.results })]) : null,
      ]),
    );
  }
  return root;
}

// ---------------------------------------------------------------- status chart

export const PL1_BARS: TargetStatus[] = ["achieved", "exceeded", "notAchieved", "noData", "notApplicable", "noTarget"];
export const PL2_BARS: Trend[] = ["better", "worse", "unchanged"];
/** Trends of indicators with no better direction: drawn only when there are some. */
export const PL2_NEUTRAL_BARS: Trend[] = ["increased", "decreased"];

const BAR_COLOURS: Record<string, string> = {
  achieved: "#107C10",
  exceeded: "#0B5A0B",
  notAchieved: "#A4262C",
  noData: "#8A8886",
  notApplicable: "#B3B0AD",
  noTarget: "#605E5C",
  increased: "#0F6CBD",
  decreased: "#5C2E91",
  better: "#107C10",
  worse: "#A4262C",
  unchanged: "#8A8886",
};

export interface StatusCounts {
  pl1: Record<TargetStatus, number>;
  pl2: Record<"better" | "worse" | "unchanged" | "increased" | "decreased", number>;
  /** PL2 indicators with no trend (the baseline or result value missing, or not a number). */
  pl2Unknown: number;
}

export function countStatuses(statuses: IndicatorStatus[]): StatusCounts {
  const pl1: Record<TargetStatus, number> = { achieved: 0, exceeded: 0, notAchieved: 0, noData: 0, notApplicable: 0, noTarget: 0 };
  const pl2 = { better: 0, worse: 0, unchanged: 0, increased: 0, decreased: 0 };
  let pl2Unknown = 0;
  for (const s of statuses) {
    if (s.appendix === "PL1" && s.status && pl1[s.status] !== undefined) pl1[s.status]++;
    else if (s.appendix === "PL2" && s.trend !== "unknown" && pl2[s.trend] !== undefined) pl2[s.trend]++;
    else if (s.appendix === "PL2") pl2Unknown++;
  }
  return { pl1, pl2, pl2Unknown };
}

function labelKey(key: string): StringKey {
  return ((PL2_BARS as string[]).concat(PL2_NEUTRAL_BARS).indexOf(key) >= 0 ? "trend." + key : "status." + key) as StringKey;
}

const CHART = { width: 300, labelWidth: 132, barMax: 130, row: 20, barHeight: 14, titleHeight: 22, gap: 8 };

/**
 * Horizontal bars, one per status, zero counts included so the chart's shape never moves.
 * The trend's title quotes the catalogue's years.
 */
export function renderStatusChart(statuses: IndicatorStatus[], lang: Lang, years: PeriodYears = periodYears(NATIONAL_PERIODS)): SVGSVGElement {
  const counts = countStatuses(statuses);
  const groups: { title: string; keys: string[]; values: Record<string, number>; id: string }[] = [
    { id: "PL1", title: t(lang, "status.pl1"), keys: PL1_BARS, values: counts.pl1 },
    { id: "PL2", title: t(lang, "status.pl2", { baseline: years.baseline, result: years.result }), keys: PL2_BARS.concat(PL2_NEUTRAL_BARS.filter((k) => counts.pl2[k as "increased"] > 0)), values: counts.pl2 },
  ];
  let max = 1;
  for (const g of groups) for (const k of g.keys) max = Math.max(max, g.values[k]);

  const parts: SVGElement[] = [];
  const summary: string[] = [];
  let y = 0;
  for (const g of groups) {
    y += CHART.titleHeight;
    parts.push(svg("text", { class: "chart-title", x: 0, y: y - 6, "font-weight": 600, fill: "#323130", "font-size": 12 }, [g.title]));
    const pieces: string[] = [];
    for (const key of g.keys) {
      const n = g.values[key];
      const label = t(lang, labelKey(key));
      pieces.push(label + " " + n);
      const w = n === 0 ? 0 : Math.max(2, Math.round((n / max) * CHART.barMax));
      parts.push(
        svg("g", { class: "bar bar--" + key, "data-key": key, "data-group": g.id, "data-count": n }, [
          svg("text", { class: "bar-label", x: 0, y: y + CHART.barHeight - 3, fill: "#323130", "font-size": 11 }, [label]),
          svg("rect", { x: CHART.labelWidth, y: y, width: w, height: CHART.barHeight, fill: BAR_COLOURS[key], rx: 2 }),
          svg("text", { class: "bar-count", x: CHART.labelWidth + w + 4, y: y + CHART.barHeight - 3, fill: "#323130", "font-size": 11 }, [String(n)]),
        ]),
      );
      y += CHART.row;
    }
    if (g.id === "PL2" && counts.pl2Unknown > 0) {
      // Said in words rather than drawn: a long grey bar would dwarf the trends that exist.
      const note = t(lang, "trend.unknownNote", { n: counts.pl2Unknown });
      pieces.push(note);
      parts.push(svg("text", { class: "chart-note", x: 0, y: y + CHART.barHeight - 3, fill: "#605E5C", "font-size": 11, "data-count": counts.pl2Unknown }, [note]));
      y += CHART.row;
    }
    summary.push(t(lang, "status.chartLabel", { title: g.title, parts: pieces.join(", ") }));
    y += CHART.gap;
  }
  const label = summary.join(". ");
  return svg(
    "svg",
    {
      class: "status-chart",
      role: "img",
      "aria-label": label,
      viewBox: "0 0 " + CHART.width + " " + y,
      width: "100%",
      preserveAspectRatio: "xMinYMin meet",
      "font-family": "Segoe UI, sans-serif",
    },
    [svg("title", undefined, [label])].concat(parts),
  );
}

// ---------------------------------------------------------------- verdict

function pad(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

/** dd/mm/yyyy hh:mm in Vietnamese (as staff write dates), ISO-like yyyy-mm-dd hh:mm in English. */
export function formatTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  const time = pad(d.getHours()) + ":" + pad(d.getMinutes());
  if (lang === "vi") return time + " " + pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear();
  return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + time;
}

export function renderVerdict(verdict: Verdict, lang: Lang): HTMLElement {
  return el("div", { class: "verdict " + (verdict.ready ? "verdict--ready" : "verdict--not-ready"), "data-ready": verdict.ready ? "true" : "false" }, [
    el("p", { class: "verdict-title" }, [
      el("span", { class: "verdict-icon", "aria-hidden": "true" }, [verdict.ready ? "✔" : "✖"]),
      " ",
      t(lang, verdict.ready ? "verdict.ready" : "verdict.notReady"),
    ]),
    el("p", { class: "verdict-message" }, [pick(verdict.message, lang)]),
    el("p", { class: "verdict-counts" }, [t(lang, "verdict.counts", verdict.counts)]),
    el("p", { class: "verdict-time" }, [
      el("time", { datetime: verdict.checkedAt }, [t(lang, "verdict.checkedAt", { time: formatTime(verdict.checkedAt, lang) })]),
      verdict.catalogueVersion ? " · " + t(lang, "verdict.catalogue", { version: verdict.catalogueVersion }) : null,
    ]),
  ]);
}

// ---------------------------------------------------------------- catalogue

export function indicatorCounts(catalogue: Catalogue): { pl1: number; pl2: number } {
  let pl1 = 0;
  let pl2 = 0;
  for (const row of catalogue.rows) {
    if (!isIndicator(row)) continue;
    if (row.appendix === "PL1") pl1++;
    else if (row.appendix === "PL2") pl2++;
  }
  return { pl1, pl2 };
}

/** Title, version and counts, with the ids taskpane.html gives them. */
export function renderCatalogueInfo(catalogue: Catalogue, lang: Lang): HTMLElement[] {
  const counts = indicatorCounts(catalogue);
  return [
    el("p", { class: "catalogue-title", id: "catalogue-title", "data-catalogue-id": catalogue.id }, [pick(catalogue.title, lang)]),
    el("p", { class: "meta catalogue-version", id: "catalogue-version" }, [t(lang, "catalogue.version", { version: catalogue.version })]),
    el("p", { class: "meta catalogue-counts", id: "catalogue-counts", "data-pl1": counts.pl1, "data-pl2": counts.pl2 }, [
      t(lang, "catalogue.counts", counts),
    ]),
  ];
}

export interface CatalogueErrorItem {
  path: string;
  message: Text2;
}

export function renderCatalogueErrors(errors: CatalogueErrorItem[], lang: Lang): HTMLElement {
  return el("div", { class: "catalogue-errors" }, [
    el("h3", undefined, [t(lang, "catalogue.errorsHeading"), " (" + errors.length + ")"]),
    el(
      "ul",
      undefined,
      errors.map((e) =>
        el("li", { class: "catalogue-error" }, [el("code", { class: "catalogue-error-path" }, [e.path || "/"]), " ", pick(e.message, lang)]),
      ),
    ),
  ]);
}

// ---------------------------------------------------------------- capabilities, messages

/** What this Excel lacks, in words; `available` false with no list means "not in Excel". */
export function renderCapabilities(missing: Text2[] | null, lang: Lang): HTMLElement {
  if (missing === null) return el("p", { class: "caps caps--no-excel" }, [t(lang, "caps.noExcel")]);
  if (missing.length === 0) return el("p", { class: "caps caps--all" }, [t(lang, "caps.all")]);
  return el("div", { class: "caps caps--missing" }, [
    el("p", undefined, [t(lang, "caps.missing")]),
    el("ul", undefined, missing.map((m) => el("li", undefined, [pick(m, lang)]))),
  ]);
}

export type MessageKind = "info" | "success" | "error";

export function renderMessage(kind: MessageKind, text: Text2, lang: Lang, details?: Text2[]): HTMLElement {
  return el("div", { class: "message message--" + kind, "data-kind": kind }, [
    el("p", undefined, [pick(text, lang)]),
    details && details.length ? el("ul", undefined, details.map((d) => el("li", undefined, [pick(d, lang)]))) : null,
  ]);
}
