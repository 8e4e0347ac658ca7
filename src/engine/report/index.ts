/**
 * The written report against its appendices: every figure of the text, the indicator it
 * speaks of (or none), and what the appendix holds for it. Pure: text and the appendices'
 * facts in, a plain result out.
 *
 *   text ─ splitParagraphs ─ findFigures ─ attachFigure ─ compare ─ findings + lists
 *
 * A firmly attached figure (confidence ≥ HIGH) that differs from its cell is a finding
 * (NQ24-W101, or W102 for a change); one the appendix leaves empty is NQ24-I103. A figure
 * attached with less confidence is listed for review with what the cell holds, never a
 * finding. Paragraphs from an appendix title on ("Phụ lục 1") are tables, not prose: they
 * are counted but not read.
 */
import type { Catalogue, IndicatorRow, Text2 } from "../../catalogue/types";
import type { Finding } from "../types";
import { normaliseUnit } from "../values";
import { a1 } from "../layout";
import { appendixFacts, NATIONAL_PERIODS, type AppendixCell, type AppendixFacts, type PeriodRole } from "./appendix";
import { attachFigure, HIGH, profilesOf, REVIEW, type Attachment, type ParagraphContext } from "./attach";
import { compareChange, compareLevel, type Agreement } from "./compare";
import { findFigures, type FigureYear, type TextFigure } from "./figures";
import { REPORT_RULES, type FigurePlace, type ReportFindingParams } from "./rules";
import { excerpt, splitParagraphs, type Paragraph } from "./text";

export { appendixFacts, NATIONAL_PERIODS, HIGH, REVIEW };
export type { AppendixFacts, AppendixCell };
export { REPORT_RULES, REPORT_RULE_LIST, describeReportFinding } from "./rules";
export { splitParagraphs } from "./text";

export type FigureOutcome =
  | "agrees" // firmly attached, the appendix says the same
  | "mismatch" // firmly attached, the appendix says otherwise: a finding
  | "missingInAppendix" // firmly attached, the appendix cell is empty or "-": a finding (info)
  | "notComparable" // attached, but to another year or with nothing to compare in that unit
  | "review" // attached with low confidence: for the user to look at, never a finding
  | "unattached"; // no indicator fits

export interface AppendixPlace {
  indicatorId: string;
  sheet: string;
  /** 1-based row, as Excel shows it. */
  row: number;
  cell: string;
  role: PeriodRole | "change";
  /** What the cell says ("2.694,42 ha"; for a change, "1.522,16 ha → 2.694,42 ha"). */
  value: string;
  agreement?: Agreement;
}

export interface ReportFigure {
  paragraph: number;
  start: number;
  end: number;
  /** The figure as written. */
  figure: string;
  /** The sentence around it, shortened. */
  excerpt: string;
  unit: string;
  /** What a bare number counts, as written after it ("buổi", "dự án"). */
  noun?: string;
  year: FigureYear;
  change?: "up" | "down";
  outcome: FigureOutcome;
  attachment?: Attachment & { label: string };
  /** The cell compared with (for review items too), when there was one. */
  appendix?: AppendixPlace;
  /** Why a figure is listed for review rather than compared firmly. */
  doubts?: Text2[];
}

export interface ReportFinding extends Finding {
  /** Paragraph of the report the finding quotes. */
  paragraph: number;
  /** Its text is made where it is shown: describeFinding (rules/index.ts). */
  params: ReportFindingParams;
}

export interface ReportCheck {
  /** Paragraphs of prose read (those before the appended tables). */
  paragraphs: number;
  /** Where the appended tables begin, when the text carries them. */
  appendixFrom?: number;
  figures: ReportFigure[];
  findings: ReportFinding[];
  counts: Record<FigureOutcome, number> & { figures: number };
}

export interface CrossCheckOptions {
  /** Only the first paragraphs before this number are read; default: up to the first appendix title. */
  stopAt?: number;
}

/** Cross-checks a report's text against what the appendices hold. */
export function crossCheckText(text: string, facts: AppendixFacts, catalogue: Catalogue, options: CrossCheckOptions = {}): ReportCheck {
  const split = splitParagraphs(text);
  const stop = options.stopAt ?? split.appendixFrom ?? split.paragraphs.length + 1;
  const profiles = profilesOf(catalogue);
  const figures: ReportFigure[] = [];
  const findings: ReportFinding[] = [];
  let heading: Paragraph | undefined;
  for (const p of split.paragraphs) {
    if (p.number >= stop) break;
    const found = findFigures(p, facts.periods);
    const pc: ParagraphContext = { paragraph: p, figures: found, heading };
    for (const fig of found) {
      const a = attachFigure(fig, pc, profiles);
      const ind = a ? profiles.byId[a.indicatorId].indicator : undefined;
      const r = judge(fig, a, ind, facts, profiles.byId);
      r.excerpt = excerpt(p.text, fig.sentence, fig);
      figures.push(r);
      const finding = findingFor(r, ind, facts);
      if (finding) findings.push(finding);
    }
    if (isHeading(p)) heading = p;
  }
  const counts = { figures: figures.length, agrees: 0, mismatch: 0, missingInAppendix: 0, notComparable: 0, review: 0, unattached: 0 };
  for (const f of figures) counts[f.outcome]++;
  return { paragraphs: Math.min(stop - 1, split.paragraphs.length), appendixFrom: split.appendixFrom, figures, findings, counts };
}

/** Short, no closing full stop: "b) Quản lý tài nguyên", "- Tài nguyên rừng". */
function isHeading(p: Paragraph): boolean {
  return p.text.length <= 140 && !/[.;]$/.test(p.text);
}

function plainLabel(ind: IndicatorRow): string {
  return ind.labelVi.replace(/^[\s\-+–•]+/, "");
}

interface Compared {
  place: AppendixPlace;
  /** The cell was there but empty or "no data". */
  empty?: boolean;
}

function place(id: string, cell: AppendixCell, role: PeriodRole | "change", value: string, agreement?: Agreement): AppendixPlace {
  return { indicatorId: id, sheet: cell.sheet, row: cell.row + 1, cell: a1(cell.row, cell.col), role, value, agreement };
}

/** Compares a figure with the cells of its indicator and the linked ones, for the roles its year allows. */
function compareWithAppendix(fig: TextFigure, ind: IndicatorRow, facts: AppendixFacts, byId: { [id: string]: { indicator: IndicatorRow } }): Compared | undefined {
  const ids = [ind.id].concat(ind.links.filter((l) => !!byId[l]));
  let differs: Compared | undefined;
  let empty: Compared | undefined;
  for (const id of ids) {
    const cells = facts.cells[id];
    if (!cells) continue;
    const unit = normaliseUnit(byId[id].indicator.unit);
    if (fig.change) {
      if (!cells.baseline || !cells.result) continue;
      const c = compareChange(fig, cells.baseline, cells.result, unit);
      if (!c) continue;
      const pl = place(id, cells.result, "change", `${c.fromSaid} → ${c.toSaid} (${c.said})`, c.agreement);
      if (c.agreement === "agrees") return { place: pl };
      differs = differs ?? { place: pl };
      continue;
    }
    for (const role of rolesFor(fig.year)) {
      const cell = cells[role];
      if (!cell) continue;
      const c = compareLevel(fig, cell, unit);
      if (!c) {
        const st = cell.value.state;
        if (!empty && (st === "blank" || st === "noData")) empty = { place: place(id, cell, role, cell.value.raw), empty: true };
        continue;
      }
      const pl = place(id, cell, role, c.said, c.agreement);
      if (c.agreement === "agrees") return { place: pl };
      differs = differs ?? { place: pl };
    }
  }
  return differs ?? empty;
}

/** The appendix years a figure may be compared with: a year not said is the result year, or the baseline. */
function rolesFor(y: FigureYear): PeriodRole[] {
  switch (y.role) {
    case "baseline":
      return ["baseline"];
    case "result":
    case "period":
      return ["result"];
    case "target":
      return ["target"];
    case "unstated":
      return ["result", "baseline"];
    default:
      return [];
  }
}

function judge(fig: TextFigure, a: Attachment | undefined, ind: IndicatorRow | undefined, facts: AppendixFacts, byId: { [id: string]: { indicator: IndicatorRow } }): ReportFigure {
  const base: ReportFigure = {
    paragraph: fig.paragraph,
    start: fig.start,
    end: fig.end,
    figure: fig.text,
    excerpt: "",
    unit: fig.unit,
    year: fig.year,
    outcome: "unattached",
  };
  if (fig.change) base.change = fig.change;
  if (fig.noun) base.noun = fig.noun;
  if (!a || !ind || a.confidence < REVIEW) return base;
  base.attachment = { ...a, label: plainLabel(ind) };
  const compared = fig.year.role === "other" ? undefined : compareWithAppendix(fig, ind, facts, byId);
  if (compared) base.appendix = compared.place;
  if (a.confidence < HIGH) {
    base.outcome = "review";
    base.doubts = doubtsOf(a, fig, byId);
    return base;
  }
  if (!compared) base.outcome = "notComparable";
  else if (compared.empty) base.outcome = fig.year.role === "target" ? "notComparable" : "missingInAppendix";
  else base.outcome = compared.place.agreement === "agrees" ? "agrees" : "mismatch";
  return base;
}

function doubtsOf(a: Attachment, fig: TextFigure, byId: { [id: string]: { indicator: IndicatorRow } }): Text2[] {
  const out: Text2[] = [];
  if (a.qualifiers.length) {
    const w = a.qualifiers.map((x) => `“${x}”`).join(", ");
    out.push({ vi: `câu văn có ${w}: có thể là số liệu khác`, en: `the sentence says ${w}: it may be another measure` });
  }
  if (a.extraWords.length) {
    const w = a.extraWords.slice(0, 6).map((x) => `“${x}”`).join(", ");
    out.push({ vi: `có từ không thuộc tên chỉ tiêu: ${w}`, en: `words that are not in the indicator's name: ${w}` });
  }
  if (a.rival && byId[a.rival]) {
    const r = plainLabel(byId[a.rival].indicator);
    out.push({ vi: `cũng có thể là chỉ tiêu “${r}”`, en: `it may also be “${r}”` });
  }
  if (fig.year.role === "unstated") out.push({ vi: "câu văn không nêu năm", en: "the sentence names no year" });
  if (out.length === 0) out.push({ vi: "câu văn chỉ nhắc một phần tên chỉ tiêu", en: "the sentence names only part of the indicator" });
  return out;
}

function yearWords(y: FigureYear, role: AppendixPlace["role"], facts: AppendixFacts): Text2 {
  const P = facts.periods;
  if (role === "change") return { vi: `${P.baseline} → ${P.result}`, en: `${P.baseline} → ${P.result}` };
  const year = role === "baseline" ? P.baseline : role === "result" ? P.result : P.target;
  if (role === "target") return { vi: `mục tiêu ${year}`, en: `${year} target` };
  if (y.role === "unstated") return { vi: `không nêu năm, so với năm ${year}`, en: `no year stated, compared with ${year}` };
  if (y.role === "period") return { vi: `${y.said ?? ""}, so với năm ${year}`.replace(/^, /, ""), en: `${y.said ? "“" + y.said + "”, " : ""}compared with ${year}` };
  if (y.year === undefined) return { vi: `${y.said ?? "hiện nay"}, so với năm ${year}`, en: `“${y.said ?? "now"}”, compared with ${year}` };
  return { vi: `năm ${year}`, en: `${year}` };
}

function findingFor(r: ReportFigure, ind: IndicatorRow | undefined, facts: AppendixFacts): ReportFinding | undefined {
  if (!ind || !r.appendix || (r.outcome !== "mismatch" && r.outcome !== "missingInAppendix")) return undefined;
  const pl = r.appendix;
  const base: FigurePlace = {
    paragraph: r.paragraph,
    figure: r.figure,
    excerpt: r.excerpt,
    label: plainLabel(ind),
    sheet: pl.sheet,
    row: pl.row,
    year: yearWords(r.year, pl.role, facts),
  };
  let code: string;
  let params: ReportFindingParams;
  let severity: Finding["severity"];
  if (r.outcome === "missingInAppendix") {
    code = REPORT_RULES.missingInAppendix.code;
    severity = REPORT_RULES.missingInAppendix.severity;
    params = { ...base, value: pl.value };
  } else if (pl.role === "change") {
    const m = /^(.*) → (.*) \((.*)\)$/.exec(pl.value);
    code = REPORT_RULES.changeMismatch.code;
    severity = REPORT_RULES.changeMismatch.severity;
    params = { ...base, from: m ? m[1] : pl.value, to: m ? m[2] : "", change: m ? m[3] : "" };
  } else {
    code = REPORT_RULES.textMismatch.code;
    severity = REPORT_RULES.textMismatch.severity;
    params = { ...base, value: pl.value };
  }
  return {
    code,
    severity,
    sheet: pl.sheet,
    cell: pl.cell,
    row: pl.row - 1,
    indicatorId: pl.indicatorId,
    paragraph: r.paragraph,
    params,
  };
}
