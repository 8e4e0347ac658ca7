/**
 * `nq24 check FILE --report REPORT.docx|.txt`: the written report against the workbook,
 * printed for people (mismatches as findings, then figures that agree, figures to look at,
 * figures not attached) or as JSON.
 */
import { promises as fs } from "fs";
import { basename } from "path";
import type { CheckResult } from "../engine/check";
import type { Catalogue, Text2 } from "../catalogue/types";
import type { FigureYear } from "../engine/report/figures";
import type { ReportFigure } from "../engine/report";
import { describeFinding } from "../engine/rules/index";
import { REPORT_LIMITS, ReportFileError } from "../adapters/docx";
import { crossCheckReport, type ReportCrossCheck } from "../usecases/report";
import type { Lang } from "../usecases/language";
import { displayWidth, wrap as wrapText } from "./width";

/** Reads and cross-checks a report file; a missing or refused file throws ReportFileError. */
export async function crossCheckReportFile(path: string, check: CheckResult, catalogue: Catalogue): Promise<ReportCrossCheck> {
  const name = basename(path);
  let size: number;
  try {
    size = (await fs.stat(path)).size;
  } catch {
    throw new ReportFileError("notReport", name, "không tìm thấy file báo cáo", "report file not found");
  }
  if (size > REPORT_LIMITS.maxFileBytes) {
    const mb = (size / 1024 / 1024).toFixed(1);
    throw new ReportFileError("tooLarge", name, `file quá lớn (${mb} MB)`, `file too large (${mb} MB)`);
  }
  const bytes = new Uint8Array(await fs.readFile(path));
  return crossCheckReport(bytes, check, catalogue, { fileName: name });
}

function yearText(y: FigureYear, lang: Lang): string {
  const L = (vi: string, en: string) => (lang === "en" ? en : vi);
  switch (y.role) {
    case "unstated":
      return L("không nêu năm", "no year");
    case "period":
      return y.said ?? `${y.from}–${y.year}`;
    case "target":
      return L(`mục tiêu ${y.year}`, `${y.year} target`);
    default:
      return y.said ?? (y.year !== undefined ? String(y.year) : "");
  }
}

function pct(x: number): string {
  return x.toFixed(2).replace(".", ",");
}

/** No-break spaces, so that wrapping never cuts a sheet name ("Phụ lục 2!E73"). */
const nb = (s: string) => s.replace(/ /g, "\u00a0");

/** Wraps at spaces to the width in columns (no-break spaces hold; they are printed as spaces). */
function wrap(s: string, width: number, indent: string): string {
  return wrapText(s, width - displayWidth(indent))
    .map((l) => indent + l)
    .join("\n")
    .replace(/\u00a0/g, " ");
}

function figureLine(f: ReportFigure, lang: Lang): string {
  const where = f.appendix ? `${nb(f.appendix.sheet)}!${f.appendix.cell}: ${f.appendix.value}` : "";
  const label = f.attachment ? `“${f.attachment.label}”` : "";
  return `${lang === "en" ? "par." : "đoạn"} ${f.paragraph}  ${f.figure} (${yearText(f.year, lang)})  ${label}${where ? "  — " + where : ""}`;
}

/** The cross-check for people, in one language. */
export function reportText(rc: ReportCrossCheck, lang: Lang, columns: number): string {
  const L = (vi: string, en: string) => (lang === "en" ? en : vi);
  const t = (x: Text2) => x[lang];
  // On a terminal, its width (60 at least); into a file or a pipe, one line per item.
  const width = isFinite(columns) ? Math.max(60, columns) : Infinity;
  const c = rc.counts;
  let s = `${L("Đối chiếu báo cáo", "Report cross-check")}: ${rc.source.name} (${rc.paragraphs} ${L("đoạn", "paragraphs")}`;
  if (rc.appendixFrom) s += L(`; phần phụ lục từ đoạn ${rc.appendixFrom} không đối chiếu`, `; the appended tables from paragraph ${rc.appendixFrom} on are not read`);
  s += ")\n";
  s += L(
    `Số liệu trong báo cáo: ${c.figures} — khớp phụ lục ${c.agrees}, không khớp ${c.mismatch}, phụ lục để trống ${c.missingInAppendix}, không so được ${c.notComparable}, cần xem lại ${c.review}, không gắn với chỉ tiêu ${c.unattached}\n`,
    `Figures in the report: ${c.figures} — agree with the appendix ${c.agrees}, disagree ${c.mismatch}, appendix empty ${c.missingInAppendix}, not comparable ${c.notComparable}, to look at ${c.review}, not attached ${c.unattached}\n`,
  );
  if (rc.findings.length) {
    s += "\n" + L("Phát hiện:", "Findings:") + "\n";
    for (const f of rc.findings) {
      const sev = f.severity === "warning" ? L("Cảnh báo", "Warning") : L("Lưu ý", "Info");
      const message = describeFinding(f, lang).message.split(f.sheet).join(nb(f.sheet));
      s += wrap(`${sev} ${f.code}  ${nb(f.sheet)}!${f.cell}  ${message}`, width, "  ") + "\n";
    }
  }
  const agree = rc.figures.filter((f) => f.outcome === "agrees");
  if (agree.length) {
    s += "\n" + L("Khớp với phụ lục:", "Agree with the appendix:") + "\n";
    for (const f of agree) s += wrap(figureLine(f, lang), width, "  ") + "\n";
  }
  const other = rc.figures.filter((f) => f.outcome === "notComparable");
  if (other.length) {
    s += "\n" + L("Gắn với chỉ tiêu nhưng không so được (năm khác, hoặc đơn vị khác):", "Attached but not comparable (another year, or another unit):") + "\n";
    for (const f of other) s += wrap(figureLine(f, lang), width, "  ") + "\n";
  }
  const review = rc.figures.filter((f) => f.outcome === "review");
  if (review.length) {
    s += "\n" + L("Cần xem lại — có thể nói về chỉ tiêu này, nhưng chưa chắc (không tính là lỗi):", "To look at — may speak of this indicator, but not surely (not counted as findings):") + "\n";
    for (const f of review) {
      const conf = f.attachment ? ` [${L("độ tin cậy", "confidence")} ${pct(f.attachment.confidence)}]` : "";
      const agreement = f.appendix?.agreement ? (f.appendix.agreement === "agrees" ? L(" (khớp)", " (agrees)") : L(" (khác)", " (differs)")) : "";
      s += wrap(figureLine(f, lang) + agreement + conf, width, "  ") + "\n";
      if (f.doubts?.length) s += wrap(`${L("lý do", "why")}: ${f.doubts.map(t).join("; ")}`, width, "      ") + "\n";
    }
  }
  const loose = rc.figures.filter((f) => f.outcome === "unattached");
  if (loose.length) {
    s += "\n" + L("Không gắn với chỉ tiêu nào:", "Not attached to any indicator:") + "\n";
    const byPar = new Map<number, string[]>();
    for (const f of loose) byPar.set(f.paragraph, (byPar.get(f.paragraph) ?? []).concat(f.noun ? `${f.figure} ${f.noun}` : f.figure));
    const parts = Array.from(byPar.entries()).map(([p, figs]) => `${L("đoạn", "par.")} ${p}: ${figs.join(", ")}`);
    s += wrap(parts.join("; "), width, "  ") + "\n";
  }
  return s;
}

/** The cross-check for scripts. */
export function reportJson(rc: ReportCrossCheck, lang: Lang): unknown {
  return {
    file: rc.source.name,
    format: rc.source.format,
    paragraphs: rc.paragraphs,
    appendixFrom: rc.appendixFrom ?? null,
    counts: rc.counts,
    findings: rc.findings.map((f) => ({
      severity: f.severity,
      code: f.code,
      paragraph: f.paragraph,
      sheet: f.sheet,
      cell: f.cell,
      indicatorId: f.indicatorId ?? null,
      message: describeFinding(f, lang).message,
      fix: describeFinding(f, lang).fix ?? null,
      params: f.params,
    })),
    figures: rc.figures.map((f) => ({
      paragraph: f.paragraph,
      figure: f.figure,
      unit: f.unit,
      year: f.year,
      change: f.change ?? null,
      outcome: f.outcome,
      indicatorId: f.attachment?.indicatorId ?? null,
      confidence: f.attachment?.confidence ?? null,
      appendix: f.appendix ?? null,
      doubts: f.doubts ? f.doubts.map((d) => d[lang]) : [],
      excerpt: f.excerpt,
    })),
  };
}
