/**
 * A check's result for people (verdict, findings, Phụ lục 1 status, Phụ lục 2 trends) and
 * for scripts (JSON). Each block is its own function, so a new block is one function and
 * one line in checkReport.
 */
import type { Catalogue } from "../../catalogue/types";
import { isIndicator } from "../../catalogue";
import { yearsOf, type CheckResult } from "../../engine/check";
import type { Finding } from "../../engine/types";
import { describeFinding } from "../../engine/rules/index";
import { describeMapping } from "../../engine/recognize";
import { STATUS_TEXT, TREND_TEXT } from "../../engine/status";
import type { Lang } from "../../usecases/language";
import { renderTable } from "../table";
import { paragraph } from "../width";

const say = (lang: Lang) => (vi: string, en: string) => (lang === "en" ? en : vi);

export function statusText(key: string | undefined, lang: Lang): string {
  if (!key) return "";
  const t = (STATUS_TEXT as Record<string, { vi: string; en: string }>)[key] ?? (TREND_TEXT as Record<string, { vi: string; en: string }>)[key];
  return t ? t[lang] : key;
}

export function place(f: Pick<Finding, "sheet" | "cell">): string {
  return `${f.sheet}${f.cell ? "!" + f.cell : ""}`;
}

/** "File: …", the verdict with ✔ or ✖, the counts. */
export function verdictBlock(file: string, r: CheckResult, lang: Lang, columns = Infinity): string {
  const v = r.plan.verdict;
  const L = say(lang);
  return (
    paragraph(`${L("File", "File")}: ${file}`, columns) +
    paragraph(`${v.ready ? "✔" : "✖"} ${v.message[lang]}`, columns, "") +
    paragraph(`${L("Lỗi", "Errors")}: ${v.counts.error}   ${L("Cảnh báo", "Warnings")}: ${v.counts.warning}   ${L("Lưu ý", "Info")}: ${v.counts.info}   ${L("Danh mục", "Catalogue")}: ${v.catalogueVersion}`, columns)
  );
}

/** "Phụ lục 2!D178" held on one line when a message wraps (no-break spaces). */
function holdSheetNames(text: string): string {
  return text.replace(/(Phụ lục|Appendix) (\d)/g, "$1\u00a0$2");
}

/** Errors and warnings, one row each, the message wrapped to the width. */
export function findingsTable(findings: Finding[], lang: Lang, columns: number): string {
  const L = say(lang);
  return renderTable(
    [{ header: L("Mức độ", "Severity") }, { header: L("Mã", "Code") }, { header: L("Ô", "Cell"), shrink: "truncate", min: 10 }, { header: L("Nội dung", "Finding"), shrink: "wrap", min: 24 }],
    findings.map((f) => [f.severity === "error" ? L("Lỗi", "Error") : L("Cảnh báo", "Warning"), f.code, place(f), holdSheetNames(describeFinding(f, lang).message)]),
    columns,
  );
}

/** Warnings the district set aside ("Bỏ qua"), with its reasons. */
export function ignoredTable(r: CheckResult, lang: Lang, columns: number): string {
  const L = say(lang);
  if (!r.ignored.length) return "";
  return (
    L(`Cảnh báo đã bỏ qua (${r.ignored.length}), với lý do của đơn vị:`, `Warnings set aside (${r.ignored.length}), with the district's reasons:`) +
    "\n" +
    renderTable(
      [{ header: L("Mã", "Code") }, { header: L("Ô", "Cell"), shrink: "truncate", min: 10 }, { header: L("Nội dung", "Finding"), shrink: "wrap", min: 20 }, { header: L("Lý do bỏ qua", "Reason"), shrink: "wrap", min: 16 }],
      r.ignored.map((g) => [g.finding.code, place(g.finding), holdSheetNames(describeFinding(g.finding, lang).message), g.reason]),
      columns,
    )
  );
}

/**
 * The Phụ lục 1 targets: STT (the catalogue's, else the indicator's number in the
 * appendix), the indicator's name (cut, never dropped), the target, the result, the status.
 */
export function targetsTable(r: CheckResult, catalogue: Catalogue, lang: Lang, columns: number): string {
  const L = say(lang);
  const byId = new Map(r.statuses.map((st) => [st.indicatorId, st]));
  const pl1 = catalogue.rows.filter(isIndicator).filter((i) => i.appendix === "PL1");
  const rows = pl1
    .map((i, n) => ({ i, n }))
    .filter(({ i }) => byId.has(i.id))
    .map(({ i, n }) => [i.stt || String(n + 1), lang === "en" ? i.labelEn : i.labelVi, i.target?.text ?? "", r.readings[i.id]?.result?.value.raw ?? "", statusText(byId.get(i.id)?.status, lang)]);
  if (!rows.length) return "";
  return (
    L("Phụ lục 1 — tình trạng thực hiện mục tiêu:", "Appendix 1 — targets:") +
    "\n" +
    renderTable(
      [
        { header: "STT", align: "right" },
        { header: L("Chỉ tiêu", "Indicator"), shrink: "truncate", min: 16 },
        { header: L("Mục tiêu", "Target"), shrink: "truncate", min: 6 },
        { header: String(yearsOf(r, "PL1").result), shrink: "truncate", min: 6 },
        { header: L("Tình trạng", "Status"), shrink: "truncate", min: 10 },
      ],
      rows,
      columns,
    )
  );
}

/** "Phụ lục 2 — xu hướng 2013 → 2022: Không đổi: 16, …" */
export function trendsLine(r: CheckResult, lang: Lang, columns = Infinity): string {
  const L = say(lang);
  const trends: Record<string, number> = {};
  for (const st of r.statuses) if (st.appendix === "PL2") trends[st.trend] = (trends[st.trend] ?? 0) + 1;
  const tt = Object.entries(trends).map(([k, n]) => `${statusText(k, lang)}: ${n}`).join(", ");
  const y2 = yearsOf(r, "PL2");
  return tt ? paragraph(`${L(`Phụ lục 2 — xu hướng ${y2.baseline} → ${y2.result}`, `Appendix 2 — ${y2.baseline} → ${y2.result} trend`)}: ${tt}`, columns) : "";
}

export function checkReport(file: string, r: CheckResult, catalogue: Catalogue, lang: Lang, columns: number, annotated?: string): string {
  const L = say(lang);
  let s = verdictBlock(file, r, lang, columns) + "\n";
  s += mappingText(r, lang, columns);
  const shown = r.findings.filter((f) => f.severity !== "info");
  if (shown.length) s += L("Lỗi và cảnh báo:", "Errors and warnings:") + "\n" + findingsTable(shown, lang, columns) + "\n";
  const ignored = ignoredTable(r, lang, columns);
  if (ignored) s += ignored + "\n";
  const infos = r.findings.length - shown.length;
  if (infos) s += paragraph(L(`(${infos} lưu ý khác: xem --json hoặc trang “Kết quả kiểm tra” của bản đánh dấu)`, `(${infos} more notes: see --json or the results sheet of the annotated copy)`), columns) + "\n";
  const targets = targetsTable(r, catalogue, lang, columns);
  if (targets) s += targets + "\n";
  s += trendsLine(r, lang, columns);
  if (annotated) s += "\n" + paragraph(`${L("Bản có đánh dấu", "Annotated copy")}: ${annotated}`, columns);
  return s;
}

/** What was read: each table's place and columns, and how many of its indicators were found. */
export function mappingText(r: CheckResult, lang: Lang, columns: number): string {
  if (!r.mapping.length) return "";
  const L = say(lang);
  const lines = r.mapping.map((m) => paragraph(`${describeMapping(m, lang)} (${L(`${m.rows.matched}/${m.rows.expected} chỉ tiêu`, `${m.rows.matched}/${m.rows.expected} indicators`)})`, columns, "  "));
  return `${L("Đã đọc:", "Read:")}\n${lines.join("")}\n`;
}

export function findingJson(f: Finding, lang: Lang): unknown {
  const text = describeFinding(f, lang);
  return { severity: f.severity, code: f.code, sheet: f.sheet, cell: f.cell, indicatorId: f.indicatorId ?? null, message: text.message, fix: text.fix ?? null };
}

export function verdictJson(r: CheckResult, lang: Lang): unknown {
  const v = r.plan.verdict;
  return { message: v.message[lang], checkedAt: v.checkedAt, catalogueVersion: v.catalogueVersion, counts: v.counts, statusCounts: v.statusCounts };
}

export function checkJson(file: string, hash: string, r: CheckResult, lang: Lang, annotated?: string): unknown {
  return {
    file,
    sha256: hash,
    ready: r.plan.verdict.ready,
    verdict: verdictJson(r, lang),
    cover: r.cover,
    years: { PL1: yearsOf(r, "PL1"), PL2: yearsOf(r, "PL2") },
    mapping: r.mapping.map((m) => ({ ...m, text: describeMapping(m, lang) })),
    coverage: r.coverage,
    findings: r.findings.map((f) => findingJson(f, lang)),
    ignored: r.ignored.map((g) => ({ code: g.finding.code, sheet: g.finding.sheet, cell: g.finding.cell, indicatorId: g.finding.indicatorId ?? null, message: describeFinding(g.finding, lang).message, reason: g.reason, at: g.at })),
    statuses: r.statuses.map((s) => ({
      indicatorId: s.indicatorId,
      appendix: s.appendix,
      status: s.status ?? null,
      trend: s.trend,
      label: s.label[lang],
      baselineValue: r.readings[s.indicatorId]?.baseline?.value.raw ?? null,
      resultValue: r.readings[s.indicatorId]?.result?.value.raw ?? null,
    })),
    annotated: annotated ?? null,
  };
}
