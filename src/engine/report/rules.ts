/**
 * The report-text rule family: what the cross-check of the written report against its
 * appendices says. Each rule has a stable code, a severity and bilingual templates; a
 * finding keeps its parameters and its text is made from them where it is shown
 * (describeFinding; the family is enrolled in the rule registry).
 * Codes NQ24-W101… stay clear of the workbook rules (NQ24-E001…I023).
 */
import type { Text2 } from "../../catalogue/types";
import type { RuleDef } from "../rules/rule";

/** Where a figure stands in the report and in the appendix, as the messages quote them. */
export interface FigurePlace {
  /** Paragraph number, counted as a reader counts (see splitParagraphs). */
  paragraph: number;
  /** The figure as written ("2.644,1 ha", "trên 98%"). */
  figure: string;
  /** The sentence around it, shortened. */
  excerpt: string;
  /** The indicator's label. */
  label: string;
  /** The appendix sheet and its 1-based row. */
  sheet: string;
  row: number;
  /** What the year of the comparison is, in words ("năm 2013"; "không nêu năm, so với năm 2022"). */
  year: Text2;
}

export interface MismatchParams extends FigurePlace {
  /** The appendix value the figure was compared with, as the cell writes it. */
  value: string;
}

export interface ChangeMismatchParams extends FigurePlace {
  from: string;
  to: string;
  /** The change the two cells make ("1.172,26 ha"). */
  change: string;
}

export interface MissingInAppendixParams extends FigurePlace {
  /** What the cell holds: "" (blank), "-" (no data). */
  value: string;
}

const q = (s: string) => `“${s.length > 90 ? s.slice(0, 87) + "…" : s}”`;

function rule<P>(def: RuleDef<P>): RuleDef<P> {
  return def;
}

export const REPORT_RULES = {
  textMismatch: rule<MismatchParams>({
    code: "NQ24-W101",
    severity: "warning",
    summary: "the written report gives another figure than the appendix (`--report`)",
    title: { vi: "Báo cáo và phụ lục không khớp", en: "Report text and appendix disagree" },
    message: (p) => ({
      vi: `Báo cáo, đoạn ${p.paragraph}: ${p.figure} — ${p.sheet}, dòng ${p.row}: ${p.value} (${q(p.label)}, ${p.year.vi}). Câu văn: ${q(p.excerpt)}`,
      en: `Report, paragraph ${p.paragraph}: ${p.figure} — ${p.sheet}, row ${p.row}: ${p.value} (${q(p.label)}, ${p.year.en}). The sentence: ${q(p.excerpt)}`,
    }),
    fix: () => ({
      vi: "Sửa số liệu ở báo cáo hoặc ở phụ lục cho thống nhất. Nếu câu văn nói về một số liệu khác, không cần sửa.",
      en: "Correct the figure in the report or in the appendix so that they agree. If the sentence speaks of another measure, nothing needs changing.",
    }),
  }),
  changeMismatch: rule<ChangeMismatchParams>({
    code: "NQ24-W102",
    severity: "warning",
    summary: "the written report gives another change between the two years than the appendix (`--report`)",
    title: { vi: "Mức tăng/giảm trong báo cáo không khớp phụ lục", en: "Change stated in the report disagrees with the appendix" },
    message: (p) => ({
      vi: `Báo cáo, đoạn ${p.paragraph}: ${p.figure} — ${p.sheet}, dòng ${p.row}: ${p.from} → ${p.to}, chênh lệch ${p.change} (${q(p.label)}, ${p.year.vi}). Câu văn: ${q(p.excerpt)}`,
      en: `Report, paragraph ${p.paragraph}: ${p.figure} — ${p.sheet}, row ${p.row}: ${p.from} → ${p.to}, a change of ${p.change} (${q(p.label)}, ${p.year.en}). The sentence: ${q(p.excerpt)}`,
    }),
    fix: () => ({
      vi: "Tính lại mức tăng/giảm từ số liệu hai năm trong phụ lục, hoặc sửa số liệu phụ lục.",
      en: "Recompute the change from the appendix's two years, or correct the appendix.",
    }),
  }),
  missingInAppendix: rule<MissingInAppendixParams>({
    code: "NQ24-I103",
    severity: "info",
    summary: "the written report gives a figure the appendix leaves empty (`--report`)",
    title: { vi: "Báo cáo có số liệu, phụ lục để trống", en: "The report gives a figure the appendix lacks" },
    message: (p) => ({
      vi: `Báo cáo, đoạn ${p.paragraph}: ${p.figure} — ${p.sheet}, dòng ${p.row}: ${p.value === "" ? "để trống" : q(p.value)} (${q(p.label)}, ${p.year.vi}).`,
      en: `Report, paragraph ${p.paragraph}: ${p.figure} — ${p.sheet}, row ${p.row}: ${p.value === "" ? "blank" : q(p.value)} (${q(p.label)}, ${p.year.en}).`,
    }),
    fix: () => ({
      vi: "Nếu báo cáo đúng, điền số liệu này vào phụ lục.",
      en: "If the report is right, enter this figure in the appendix.",
    }),
  }),
};

export type ReportRuleKey = keyof typeof REPORT_RULES;

/** The family's rules, for the registry and the README's rule table. */
export const REPORT_RULE_LIST: RuleDef<never>[] = Object.keys(REPORT_RULES).map((k) => REPORT_RULES[k as ReportRuleKey] as RuleDef<never>);

export type ReportFindingParams = MismatchParams | ChangeMismatchParams | MissingInAppendixParams;

/** A finding's text, made from its code and parameters where it is shown. */
export function describeReportFinding(code: string, params: ReportFindingParams): { message: Text2; fix?: Text2 } | undefined {
  const def = REPORT_RULE_LIST.find((r) => r.code === code) as RuleDef<ReportFindingParams> | undefined;
  if (!def) return undefined;
  return { message: def.message(params), fix: def.fix ? def.fix(params) : undefined };
}
