/**
 * nq24: the Resolution 24 report tools on .xlsx files.
 *   nq24 template out.xlsx | sample out.xlsx | check in.xlsx [--json] [--out copy.xlsx]
 *   nq24 consolidate <files or folders> --out province.xlsx [--json]
 * Exit codes: 0 ready to send, 1 findings with errors, 2 usage or I/O error.
 */
import { basename } from "path";
import type { Catalogue } from "../catalogue/types";
import { nationalCatalogue, isIndicator } from "../catalogue";
import { readCatalogueSource } from "../adapters/node/catalogueSource";
import { XlsxError } from "../adapters/xlsx/errors";
import { yearsOf, type CheckResult } from "../engine/check";
import type { Consolidation } from "../engine/consolidate";
import { describeFinding } from "../engine/rules/index";
import { STATUS_TEXT, TREND_TEXT } from "../engine/status";
import { checkFile, consolidateFiles, makeSample, makeTemplate, NONE_READ, type Lang } from "../usecases/files";
import { parseArgs } from "./args";
import { parsePeriodsOption } from "./periods";
import { periodsOf } from "../catalogue/periods";
import { describeMapping } from "../engine/recognize";
import { crossCheckReportFile, reportJson, reportText } from "./report";
import { ReportFileError } from "../adapters/docx";

export const EXIT = { ready: 0, errors: 1, usage: 2 } as const;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** stderr is a terminal: draw a progress bar instead of printing lines. */
  errIsTTY: boolean;
  columns: number;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  errIsTTY: !!process.stderr.isTTY,
  columns: process.stdout.columns || 120,
};

const HELP: Record<Lang, string> = {
  vi: `nq24 — công cụ báo cáo Nghị quyết 24-NQ/TW trên file Excel (.xlsx, .xlsm, .xls) và .ods

Cách dùng:
  nq24 template <ra.xlsx>                 Tạo mẫu báo cáo trống (Bìa, Phụ lục 1, Phụ lục 2)
  nq24 sample <ra.xlsx>                   Tạo file mẫu điền sẵn số liệu của TP Lai Châu (5/2023)
  nq24 check <vao.xlsx> [--out <ban-danh-dau.xlsx>] [--json]
                                          Kiểm tra một báo cáo; file gốc không bị sửa
  nq24 check <vao.xlsx> --report <bao-cao.docx|.txt>
                                          Đối chiếu số liệu trong văn bản báo cáo với phụ lục
  nq24 consolidate <file hoặc thư mục…> --out <tinh.xlsx> [--json]
                                          Tổng hợp báo cáo của các huyện, thành phố

Tùy chọn:
  --out <file>          File kết quả (bản có đánh dấu, hoặc bảng tổng hợp)
  --json                In kết quả dạng JSON (cho script)
  --lang vi|en          Ngôn ngữ (mặc định: vi)
  --catalogue <file|url> Dùng danh mục chỉ tiêu riêng của tỉnh
  --periods <đầu,cuối>  Năm kỳ đầu và kỳ cuối cần đọc, nếu khác danh mục (ví dụ 2012,2023)
  --workers <n>         Đọc file song song trên n luồng (consolidate; mặc định: tự chọn theo số lõi, số file và cỡ file)
  -h, --help            Trợ giúp (tiếng Anh: nq24 --help --lang en)
  --version             Phiên bản

Mã thoát: 0 sẵn sàng gửi; 1 còn lỗi cần sửa; 2 sai cú pháp lệnh hoặc lỗi đọc/ghi file.
  (consolidate: 2 khi có file không đọc được — các file còn lại vẫn được tổng hợp —
   hoặc không đọc được file nào — khi đó không ghi bảng tổng hợp; 1 khi có huyện chưa sẵn sàng gửi)
`,
  en: `nq24 — Resolution 24-NQ/TW report tools on Excel (.xlsx, .xlsm, .xls) and .ods files

Usage:
  nq24 template <out.xlsx>                Write the empty report template (cover, Appendix 1, Appendix 2)
  nq24 sample <out.xlsx>                  Write the template filled with Lai Châu city's May 2023 figures
  nq24 check <in.xlsx> [--out <annotated.xlsx>] [--json]
                                          Check one report; the input file is never modified
  nq24 check <in.xlsx> --report <report.docx|.txt>
                                          Cross-check the figures of the written report against the appendices
  nq24 consolidate <files or folders…> --out <province.xlsx> [--json]
                                          Consolidate the districts' reports for the province

Options:
  --out <file>          Output file (annotated copy, or the consolidated workbook)
  --json                Print the result as JSON (for scripts)
  --lang vi|en          Language (default: vi)
  --catalogue <file|url> Use a province's own indicator catalogue
  --periods <from,to>   Baseline and result years to read, when not the catalogue's (e.g. 2012,2023)
  --workers <n>         Read files on n worker threads (consolidate; default: chosen from cores, file count and size)
  -h, --help            This help (Vietnamese: nq24 --help)
  --version             Version

Exit codes: 0 ready to send; 1 findings with errors; 2 usage or file read/write error.
  (consolidate: 2 when a file could not be read — the others are still consolidated —
   or when none could, and then no roll-up is written; 1 when a district is not ready to send)
`,
};

const VERSION = "1.0.0";

function usageError(io: Io, lang: Lang, vi: string, en: string): number {
  io.err(`nq24: ${lang === "en" ? en : vi}\n${lang === "en" ? "Try: nq24 --help --lang en" : "Xem: nq24 --help"}\n`);
  return EXIT.usage;
}

/** Pads to a width, cutting long text with an ellipsis. */
function cell(s: string, width: number): string {
  const one = s.replace(/\s+/g, " ").trim();
  const cut = one.length > width ? one.slice(0, Math.max(0, width - 1)) + "…" : one;
  return cut + " ".repeat(Math.max(0, width - cut.length));
}

function table(header: string[], rows: string[][], widths: number[]): string {
  const line = (cells: string[]) => cells.map((c, i) => cell(c, widths[i])).join("  ").replace(/\s+$/, "");
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}

function statusText(key: string | undefined, lang: Lang): string {
  if (!key) return "";
  const t = (STATUS_TEXT as Record<string, { vi: string; en: string }>)[key] ?? (TREND_TEXT as Record<string, { vi: string; en: string }>)[key];
  return t ? t[lang] : key;
}

export function checkReport(file: string, r: CheckResult, catalogue: Catalogue, lang: Lang, columns: number, annotated?: string): string {
  const v = r.plan.verdict;
  const L = (vi: string, en: string) => (lang === "en" ? en : vi);
  let s = `${L("File", "File")}: ${file}\n${v.ready ? "✔" : "✖"} ${v.message[lang]}\n`;
  s += `${L("Lỗi", "Errors")}: ${v.counts.error}   ${L("Cảnh báo", "Warnings")}: ${v.counts.warning}   ${L("Lưu ý", "Info")}: ${v.counts.info}   ${L("Danh mục", "Catalogue")}: ${v.catalogueVersion}\n\n`;
  s += mappingText(r, lang);
  const shown = r.findings.filter((f) => f.severity !== "info");
  const msgWidth = Math.max(30, Math.min(110, columns - 44));
  if (shown.length) {
    s += L("Lỗi và cảnh báo:", "Errors and warnings:") + "\n";
    s += table(
      [L("Mức độ", "Severity"), L("Mã", "Code"), L("Ô", "Cell"), L("Nội dung", "Finding")],
      shown.map((f) => [f.severity === "error" ? L("Lỗi", "Error") : L("Cảnh báo", "Warning"), f.code, `${f.sheet}${f.cell ? "!" + f.cell : ""}`, describeFinding(f, lang).message]),
      [9, 10, 18, msgWidth],
    );
    s += "\n";
  }
  const infos = r.findings.length - shown.length;
  if (infos) s += L(`(${infos} lưu ý khác: xem --json hoặc trang “Kết quả kiểm tra” của bản đánh dấu)`, `(${infos} more notes: see --json or the results sheet of the annotated copy)`) + "\n\n";
  const byId = new Map(r.statuses.map((st) => [st.indicatorId, st]));
  const pl1 = catalogue.rows.filter(isIndicator).filter((i) => i.appendix === "PL1" && byId.has(i.id));
  if (pl1.length) {
    s += L("Phụ lục 1 — tình trạng thực hiện mục tiêu:", "Appendix 1 — targets:") + "\n";
    s += table(
      ["STT", L("Chỉ tiêu", "Indicator"), L("Mục tiêu", "Target"), String(yearsOf(r, "PL1").result), L("Tình trạng", "Status")],
      pl1.map((i) => {
        const st = byId.get(i.id);
        return [i.stt || "", lang === "en" ? i.labelEn : i.labelVi, i.target?.text ?? "", r.readings[i.id]?.result?.value.raw ?? "", statusText(st?.status, lang)];
      }),
      [4, Math.max(30, Math.min(60, columns - 60)), 9, 14, 18],
    );
    s += "\n";
  }
  const trends: Record<string, number> = {};
  for (const st of r.statuses) if (st.appendix === "PL2") trends[st.trend] = (trends[st.trend] ?? 0) + 1;
  const tt = Object.entries(trends).map(([k, n]) => `${statusText(k, lang)}: ${n}`).join(", ");
  const y2 = yearsOf(r, "PL2");
  if (tt) s += `${L(`Phụ lục 2 — xu hướng ${y2.baseline} → ${y2.result}`, `Appendix 2 — ${y2.baseline} → ${y2.result} trend`)}: ${tt}\n`;
  if (annotated) s += `\n${L("Bản có đánh dấu", "Annotated copy")}: ${annotated}\n`;
  return s;
}

/** What was read: each table's place and columns, and how many of its indicators were found. */
export function mappingText(r: CheckResult, lang: Lang): string {
  if (!r.mapping.length) return "";
  const L = (vi: string, en: string) => (lang === "en" ? en : vi);
  const lines = r.mapping.map((m) => `  ${describeMapping(m, lang)} (${L(`${m.rows.matched}/${m.rows.expected} chỉ tiêu`, `${m.rows.matched}/${m.rows.expected} indicators`)})`);
  return `${L("Đã đọc:", "Read:")}\n${lines.join("\n")}\n\n`;
}

export function checkJson(file: string, hash: string, r: CheckResult, lang: Lang, annotated?: string): unknown {
  const v = r.plan.verdict;
  return {
    file,
    sha256: hash,
    ready: v.ready,
    verdict: { message: v.message[lang], checkedAt: v.checkedAt, catalogueVersion: v.catalogueVersion, counts: v.counts, statusCounts: v.statusCounts },
    cover: r.cover,
    years: { PL1: yearsOf(r, "PL1"), PL2: yearsOf(r, "PL2") },
    mapping: r.mapping.map((m) => ({ ...m, text: describeMapping(m, lang) })),
    coverage: r.coverage,
    findings: r.findings.map((f) => {
      const text = describeFinding(f, lang);
      return { severity: f.severity, code: f.code, sheet: f.sheet, cell: f.cell, indicatorId: f.indicatorId ?? null, message: text.message, fix: text.fix ?? null };
    }),
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

export function consolidationJson(c: Consolidation, lang: Lang, out?: string): unknown {
  return {
    out: out ?? null,
    generatedAt: c.generatedAt,
    catalogueVersion: c.catalogueVersion,
    refused: c.refused.map((r) => ({ file: r.fileName, message: r.message[lang] })),
    districts: c.districts.map((d) => ({
      file: d.source.fileName,
      unit: d.source.unit,
      reportDate: d.source.reportDate,
      sha256: d.source.hash,
      ready: d.ready,
      errors: d.counts.error,
      warnings: d.counts.warning,
      filled: d.filled,
      duplicateOf: d.duplicateOf ? { file: c.districts[d.duplicateOf.index].source.fileName, reason: d.duplicateOf.reason } : null,
      firstErrors: d.firstErrors.map((f) => ({ code: f.code, sheet: f.sheet, cell: f.cell, message: describeFinding(f, lang).message })),
    })),
    aggregates: c.aggregates
      .filter((a) => a.n > 0)
      .map((a) => ({ indicatorId: a.indicatorId, year: c.years[a.period], unit: a.unit, additive: a.additive, n: a.n, total: a.total ?? null, min: a.min ?? null, median: a.median ?? null, max: a.max ?? null })),
    outliers: c.outliers.map((o) => ({ indicatorId: o.indicatorId, year: c.years[o.period], file: c.districts[o.district].source.fileName, value: o.value, median: o.median, ratio: o.ratio })),
  };
}

function consolidationReport(c: Consolidation, lang: Lang, out: string | undefined): string {
  const L = (vi: string, en: string) => (lang === "en" ? en : vi);
  const counted = c.districts.filter((d) => !d.duplicateOf);
  let s = L(`Đã tổng hợp ${counted.length} báo cáo`, `${counted.length} reports consolidated`);
  s += L(`; ${c.districts.length - counted.length} trùng; ${c.refused.length} file bị từ chối.\n`, `; ${c.districts.length - counted.length} duplicates; ${c.refused.length} files refused.\n`);
  for (const r of c.refused) s += `  ✖ ${r.fileName}: ${r.message[lang]}\n`;
  const rows = c.districts.map((d) => [
    d.source.fileName,
    d.source.unit,
    d.duplicateOf ? L(`trùng #${d.duplicateOf.index + 1}`, `duplicate of #${d.duplicateOf.index + 1}`) : d.ready ? L("sẵn sàng", "ready") : L("chưa sẵn sàng", "not ready"),
    String(d.counts.error),
    String(d.counts.warning),
    d.firstErrors[0] ? `${d.firstErrors[0].sheet}!${d.firstErrors[0].cell}: ${describeFinding(d.firstErrors[0], lang).message}` : "",
  ]);
  if (rows.length) {
    s += "\n" + table(["File", L("Đơn vị", "Unit"), L("Tình trạng", "State"), L("Lỗi", "Err"), L("C.báo", "Warn"), L("Lỗi đầu tiên", "First error")], rows, [24, 24, 14, 4, 5, 60]);
  }
  if (c.outliers.length) s += "\n" + L(`${c.outliers.length} số liệu bất thường (xem trang “Bất thường”).`, `${c.outliers.length} outliers (see the “Bất thường” sheet).`) + "\n";
  if (out) s += "\n" + L("Bảng tổng hợp", "Consolidated workbook") + `: ${out}\n`;
  return s;
}

function progress(io: Io, lang: Lang) {
  let lastPct = -1;
  return (done: number, total: number, file: string) => {
    if (total < 5) return;
    if (io.errIsTTY) {
      const w = 30;
      const filled = Math.round((done / total) * w);
      io.err(`\r[${"█".repeat(filled)}${"░".repeat(w - filled)}] ${done}/${total} ${cell(file, 30)}`);
      if (done === total) io.err("\n");
    } else {
      const pct = Math.floor((done / total) * 10) * 10;
      if (pct !== lastPct || done === total) {
        lastPct = pct;
        io.err(`${lang === "en" ? "read" : "đã đọc"} ${done}/${total} (${Math.round((done / total) * 100)}%)\n`);
      }
    }
  };
}

async function loadCatalogue(io: Io, lang: Lang, source: string | undefined): Promise<Catalogue | null> {
  if (!source) return nationalCatalogue;
  const res = await readCatalogueSource(source);
  if (res.ok) {
    for (const w of res.warnings) io.err(`nq24: ${w.path ? w.path + ": " : ""}${w.message[lang]}\n`);
    return res.catalogue;
  }
  io.err(`nq24: ${lang === "en" ? "catalogue refused" : "danh mục không hợp lệ"}: ${source}\n`);
  for (const e of res.errors) io.err(`  ${e.path ? e.path + ": " : ""}${e.message[lang]}\n`);
  return null;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const args = parseArgs(argv, { withValue: ["out", "lang", "catalogue", "workers", "report", "periods"], switches: ["json", "help", "version"], aliases: { "-h": "help", "-o": "out", "-V": "version" } });
  const langArg = args.values.lang;
  const lang: Lang = langArg === "en" ? "en" : "vi";
  if (langArg !== undefined && langArg !== "vi" && langArg !== "en") return usageError(io, lang, `--lang phải là vi hoặc en (nhận được “${langArg}”)`, `--lang must be vi or en (got “${langArg}”)`);
  if (args.flags.has("version")) {
    io.out(`nq24 ${VERSION}\n`);
    return EXIT.ready;
  }
  if (args.flags.has("help") || args.command === "help" || args.command === undefined) {
    if (args.command === undefined && !args.flags.has("help")) {
      io.err(HELP[lang]);
      return EXIT.usage;
    }
    io.out(HELP[lang]);
    return EXIT.ready;
  }
  if (args.errors.length) return usageError(io, lang, `tùy chọn không hợp lệ: ${args.errors.join(" ")}`, `invalid option: ${args.errors.join(" ")}`);
  const json = args.flags.has("json");
  const out = args.values.out;
  const catalogue = await loadCatalogue(io, lang, args.values.catalogue);
  if (!catalogue) return EXIT.usage;

  try {
    switch (args.command) {
      case "template":
      case "sample": {
        const target = args.positional[0] ?? out;
        if (!target || args.positional.length > 1) return usageError(io, lang, `cần đúng một file ra: nq24 ${args.command} <ra.xlsx>`, `expected one output file: nq24 ${args.command} <out.xlsx>`);
        if (!/\.xlsx$/i.test(target)) return usageError(io, lang, "file ra phải có đuôi .xlsx", "the output file must end in .xlsx");
        await (args.command === "template" ? makeTemplate : makeSample)(target, { catalogue, lang });
        if (json) io.out(JSON.stringify({ out: target }) + "\n");
        else io.out(`${lang === "en" ? "Written" : "Đã tạo"}: ${target}\n`);
        return EXIT.ready;
      }
      case "check": {
        if (args.positional.length !== 1) return usageError(io, lang, "cần đúng một file vào: nq24 check <vao.xlsx>", "expected one input file: nq24 check <in.xlsx>");
        if (out && !/\.xlsx$/i.test(out)) return usageError(io, lang, "--out phải là file .xlsx", "--out must be an .xlsx file");
        const input = args.positional[0];
        const periods = args.values.periods !== undefined ? parsePeriodsOption(args.values.periods, periodsOf(catalogue)) : undefined;
        if (periods && !periods.ok) return usageError(io, lang, periods.message.vi, periods.message.en);
        const res = await checkFile(input, { out, lang, catalogue, periods: periods?.periods });
        // The written report, when given, is cross-checked against what the check read.
        const report = args.values.report !== undefined ? await crossCheckReportFile(args.values.report, res.result, catalogue) : undefined;
        if (json) io.out(JSON.stringify({ ...(checkJson(basename(input), res.hash, res.result, lang, res.annotated) as object), ...(report ? { report: reportJson(report, lang) } : {}) }, null, 2) + "\n");
        else io.out(checkReport(basename(input), res.result, catalogue, lang, io.columns, res.annotated) + (report ? "\n" + reportText(report, lang, io.columns) : ""));
        if (res.annotationRefused) {
          io.err(`nq24: ${basename(input)}: ${res.annotationRefused[lang]}\n`);
          return EXIT.usage;
        }
        return res.result.plan.verdict.ready ? EXIT.ready : EXIT.errors;
      }
      case "consolidate": {
        if (args.positional.length === 0) return usageError(io, lang, "cần ít nhất một file hoặc thư mục", "expected at least one file or folder");
        if (!out && !json) return usageError(io, lang, "cần --out <tinh.xlsx> (hoặc --json)", "expected --out <province.xlsx> (or --json)");
        if (out && !/\.xlsx$/i.test(out)) return usageError(io, lang, "--out phải là file .xlsx", "--out must be an .xlsx file");
        const workersArg = args.values.workers;
        if (workersArg !== undefined && !/^\d{1,2}$/.test(workersArg)) return usageError(io, lang, "--workers phải là số từ 0 đến 99", "--workers must be a number from 0 to 99");
        const res = await consolidateFiles(args.positional, { out, lang, catalogue, workers: workersArg !== undefined ? Number(workersArg) : undefined, onProgress: progress(io, lang) });
        const c = res.consolidation;
        if (json) io.out(JSON.stringify(consolidationJson(c, lang, res.out), null, 2) + "\n");
        else io.out(consolidationReport(c, lang, res.out));
        for (const r of res.refused) io.err(`nq24: ${r.fileName}: ${r.message[lang]}\n`);
        if (c.districts.length === 0) io.err(`nq24: ${NONE_READ[lang]}\n`);
        if (c.districts.length === 0 || res.refused.length > 0) return EXIT.usage;
        return c.notReady.length > 0 ? EXIT.errors : EXIT.ready;
      }
      default:
        return usageError(io, lang, `lệnh không rõ “${args.command}”`, `unknown command “${args.command}”`);
    }
  } catch (e) {
    if (e instanceof XlsxError || e instanceof ReportFileError) {
      io.err(`nq24: ${e.text(lang)}\n`);
      return EXIT.usage;
    }
    const why = e instanceof Error ? e.message : String(e);
    io.err(`nq24: ${lang === "en" ? "error" : "lỗi"}: ${why}\n`);
    return EXIT.usage;
  }
}
