/** `nq24 check`: one report checked; an annotated copy on request; the input never written. */
import { basename } from "path";
import { checkFile } from "../../usecases/files";
import { L2, UsageError, type Command, type Context } from "../command";
import { parsePeriodsOption } from "../periods";
import { periodsOf } from "../../catalogue/periods";
import { EXIT } from "../io";
import { checkJson, checkReport } from "../print/check";
import { crossCheckReportFile, reportJson, reportText } from "../report";
import { fileFailure, printHint, refuseFolder, requireXlsxOutput } from "./shared";
import { isReadOnlyFormat, saveAsXlsx } from "../hints";

async function run(ctx: Context): Promise<number> {
  const { io, lang } = ctx;
  const input = ctx.positionals[0];
  const out = ctx.options.out as string | undefined;
  const reportPath = ctx.options.report as string | undefined;
  refuseFolder(input, "check");
  if (out) requireXlsxOutput(out, "--out", "check");
  const catalogue = await ctx.catalogue();
  if (!catalogue) return EXIT.usage;
  const periodsText = ctx.options.periods as string | undefined;
  const periods = periodsText !== undefined ? parsePeriodsOption(periodsText, periodsOf(catalogue)) : undefined;
  if (periods && !periods.ok) throw new UsageError(periods.message, undefined, "check");
  let res;
  let report;
  try {
    res = await checkFile(input, { out, lang, catalogue, periods: periods?.periods });
    // The written report, when given, is cross-checked against what the check read.
    report = reportPath !== undefined ? await crossCheckReportFile(reportPath, res.result, catalogue) : undefined;
  } catch (e) {
    return fileFailure(io, lang, e, reportPath !== undefined && res ? reportPath : input);
  }
  if (ctx.options.json) {
    const json = { ...(checkJson(basename(input), res.hash, res.result, lang, res.annotated) as object), ...(report ? { report: reportJson(report, lang) } : {}) };
    io.out(JSON.stringify(json, null, 2) + "\n");
  } else {
    io.out(checkReport(basename(input), res.result, catalogue, lang, io.columns, res.annotated) + (report ? "\n" + reportText(report, lang, io.columns) : ""));
  }
  if (res.annotationRefused) {
    io.err(`nq24: ${basename(input)}: ${res.annotationRefused[lang]}\n`);
    if (isReadOnlyFormat(input)) printHint(io, lang, saveAsXlsx(basename(input)));
    return EXIT.usage;
  }
  return res.result.plan.verdict.ready ? EXIT.ready : EXIT.errors;
}

export const check: Command = {
  name: "check",
  summary: L2("kiểm tra một báo cáo; file gốc không bị sửa", "check one report; the input file is never modified"),
  usage: [L2("<bao-cao.xlsx> [tùy chọn]", "<report.xlsx> [options]")],
  description: L2(
    "Đọc .xlsx, .xlsm, .xls và .ods. In kết luận (sẵn sàng gửi hay chưa), mọi lỗi và cảnh báo kèm ô, tình trạng các mục tiêu Phụ lục 1 và xu hướng Phụ lục 2. Bản có đánh dấu (--out) chỉ làm được từ .xlsx hoặc .xlsm.",
    "Reads .xlsx, .xlsm, .xls and .ods. Prints the verdict (ready to send or not), every error and warning with its cell, the status of the Appendix 1 targets and the Appendix 2 trends. The annotated copy (--out) is made from an .xlsx or .xlsm only.",
  ),
  options: ["out", "json", "report", "catalogue", "periods"],
  optionHelp: {
    out: L2("ghi bản có đánh dấu: ô có vấn đề tô màu kèm ghi chú, cột Tình trạng, trang “Kết quả kiểm tra”", "write an annotated copy: problem cells coloured with notes, the status column, a “Kết quả kiểm tra” sheet"),
  },
  positionals: { min: 1, max: 1 },
  examples: [
    { line: "nq24 sample laichau.xlsx && nq24 check laichau.xlsx", what: L2("tạo file mẫu Lai Châu rồi kiểm tra", "write the Lai Châu sample, then check it") },
    { line: "nq24 check bao-cao.xlsx --out da-kiem-tra.xlsx", what: L2("kiểm tra và ghi bản có đánh dấu", "check and write an annotated copy") },
    { line: "nq24 check bao-cao.xlsx --json", what: L2("kết quả cho script: kết luận, phát hiện, tình trạng", "the result for scripts: verdict, findings, statuses") },
    { line: "nq24 check bao-cao.xlsx --periods 2012,2023", what: L2("báo cáo có năm khác danh mục", "a report of other years than the catalogue's") },
    { line: "nq24 check bao-cao.xlsx --report bao-cao.docx", what: L2("đối chiếu số liệu của văn bản báo cáo với phụ lục", "cross-check the written report's figures against the appendices") },
  ],
  exitCodes: L2(
    "0 sẵn sàng gửi; 1 còn lỗi cần sửa; 2 sai cú pháp lệnh, không đọc được file, hoặc không tạo được bản có đánh dấu.",
    "0 ready to send; 1 errors to fix; 2 usage error, the file could not be read, or the annotated copy could not be made.",
  ),
  run,
};
