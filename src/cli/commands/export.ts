/**
 * `nq24 export`: the copy to email to the province ("Gửi tỉnh"), made only from a report
 * the check calls ready, named NQ24_<đơn vị>_<ngày>.xlsx, never over an existing file
 * without --force, its SHA-256 printed. The input is never written.
 */
import { existsSync, promises as fs, realpathSync } from "fs";
import { basename, dirname, join, resolve } from "path";
import { readFileBytes } from "../../adapters/xlsx/fsread";
import { nodeInflateRaw } from "../../adapters/xlsx/sheetjs";
import { XlsxError } from "../../adapters/xlsx/errors";
import { prepareExport, type ExportOutcome } from "../../usecases/export";
import type { Lang } from "../../usecases/language";
import { L2, UsageError, type Command, type Context } from "../command";
import { EXIT } from "../io";
import { findingJson, findingsTable, verdictBlock, verdictJson } from "../print/check";
import { isDirectory, isReadOnlyFormat, saveAsXlsx } from "../hints";
import { fileFailure, printHint, refuseFolder, requireXlsxOutput } from "./shared";

/** Errors shown when the report is not ready: enough to start fixing, `check` lists them all. */
const FIRST_ERRORS = 5;

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

/** Writes without replacing: an existing file is refused, even one that appears meanwhile. */
async function writeNew(path: string, bytes: Uint8Array, force: boolean): Promise<void> {
  if (!force) {
    await fs.writeFile(path, bytes, { flag: "wx" });
    return;
  }
  // Replacing: written beside it first, then renamed over it, so a failed write leaves the old file whole.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(temp, bytes, { flag: "wx" });
    await fs.rename(temp, path);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
}

function kb(n: number, lang: Lang): string {
  const v = (n / 1024).toFixed(n < 10240 ? 1 : 0);
  return `${lang === "vi" ? v.replace(".", ",") : v} KB`;
}

function notReady(ctx: Context, input: string, outcome: Extract<ExportOutcome, { ready: false }>): number {
  const { io, lang } = ctx;
  const r = outcome.result;
  const errors = r.findings.filter((f) => f.severity === "error");
  if (ctx.options.json) {
    io.out(JSON.stringify({ file: basename(input), ready: false, out: null, verdict: verdictJson(r, lang), firstErrors: errors.slice(0, FIRST_ERRORS).map((f) => findingJson(f, lang)) }, null, 2) + "\n");
    return EXIT.errors;
  }
  let s = verdictBlock(basename(input), r, lang) + "\n";
  s += (lang === "en" ? "Not exported: only a report ready to send is. First errors:" : "Chưa xuất bản gửi tỉnh: chỉ báo cáo sẵn sàng gửi mới được xuất. Các lỗi đầu tiên:") + "\n";
  s += findingsTable(errors.slice(0, FIRST_ERRORS), lang, io.columns);
  if (errors.length > FIRST_ERRORS) s += lang === "en" ? `… and ${errors.length - FIRST_ERRORS} more.\n` : `… và ${errors.length - FIRST_ERRORS} lỗi khác.\n`;
  s += "\n" + (lang === "en" ? `Every finding: nq24 check ${input}` : `Xem mọi phát hiện: nq24 check ${input}`) + "\n";
  io.out(s);
  return EXIT.errors;
}

async function run(ctx: Context): Promise<number> {
  const { io, lang } = ctx;
  const input = ctx.positionals[0];
  const outOption = ctx.options.out as string | undefined;
  const force = !!ctx.options.force;
  refuseFolder(input, "export");
  if (outOption && !isDirectory(outOption)) requireXlsxOutput(outOption, "--out", "export");
  const catalogue = await ctx.catalogue();
  if (!catalogue) return EXIT.usage;

  let outcome: ExportOutcome;
  try {
    const bytes = await readFileBytes(input);
    outcome = await prepareExport(bytes, { fileName: basename(input), catalogue, lang, keepMarks: !!ctx.options["keep-marks"], inflateRaw: nodeInflateRaw });
  } catch (e) {
    const code = fileFailure(io, lang, e, input);
    if (e instanceof XlsxError && e.code === "unsupported" && isReadOnlyFormat(input)) printHint(io, lang, saveAsXlsx(basename(input)));
    return code;
  }
  if (!outcome.ready) return notReady(ctx, input, outcome);

  const target = outOption ? (isDirectory(outOption) ? join(outOption, outcome.fileName) : outOption) : outcome.fileName;
  if (samePath(target, input)) {
    throw new UsageError(L2("bản gửi tỉnh phải là một file khác, không ghi đè file gốc", "the copy must be another file; the input is never overwritten"), L2("dùng --out <tên khác>.xlsx", "use --out <another name>.xlsx"), "export");
  }
  if (!force && existsSync(target)) {
    io.err(lang === "en" ? `nq24: ${target} already exists; nothing was written.\n` : `nq24: ${target} đã có; chưa ghi gì.\n`);
    printHint(io, lang, L2("thêm --force để ghi đè, hoặc --out <tên khác>.xlsx", "add --force to replace it, or --out <another name>.xlsx"));
    return EXIT.usage;
  }
  try {
    await writeNew(target, outcome.bytes, force);
  } catch (e) {
    const exists = (e as { code?: string }).code === "EEXIST";
    const why = exists ? (lang === "en" ? "already exists" : "đã có") : e instanceof Error ? e.message : String(e);
    io.err(`nq24: ${target}: ${lang === "en" ? "cannot write the file" : "không ghi được file"} (${why})\n`);
    return EXIT.usage;
  }
  printDone(ctx, input, target, outcome);
  return EXIT.ready;
}

function printDone(ctx: Context, input: string, target: string, o: Extract<ExportOutcome, { ready: true }>): void {
  const { io, lang } = ctx;
  const L = (vi: string, en: string) => (lang === "en" ? en : vi);
  if (ctx.options.json) {
    const json = { file: basename(input), ready: true, out: target, fileName: basename(target), dateFrom: o.dateFrom, sha256: o.sha256, bytes: o.bytes.length, marks: o.keptMarks ? "kept" : "removed", marksRemoved: o.marksRemoved, verdict: verdictJson(o.result, lang) };
    io.out(JSON.stringify(json, null, 2) + "\n");
    return;
  }
  const v = o.result.plan.verdict;
  let s = `✔ ${v.message[lang]}\n`;
  s += `${L("Bản gửi tỉnh", "Copy for the province")}: ${target} (${kb(o.bytes.length, lang)})\n`;
  s += o.dateFrom === "report"
    ? L("Ngày trong tên file: ngày báo cáo ở trang Bìa.\n", "The date in the name: the report date on the cover.\n")
    : L("Ngày trong tên file: hôm nay (trang Bìa chưa có ngày báo cáo đọc được).\n", "The date in the name: today (the cover has no report date that can be read).\n");
  s += o.keptMarks
    ? L("Giữ đánh dấu của lần kiểm tra này (ô tô màu, ghi chú, cột Tình trạng) và trang “Kết quả kiểm tra”.\n", "This check's marks kept (coloured cells, notes, the status column), and the “Kết quả kiểm tra” sheet.\n")
    : L(
        `Đã bỏ đánh dấu (ô tô màu, ghi chú, cột Tình trạng${o.marksRemoved ? `; ${o.marksRemoved} ô của lần kiểm tra trước` : ""}); giữ trang “Kết quả kiểm tra” với kết luận.\n`,
        `Marks removed (coloured cells, notes, the status column${o.marksRemoved ? `; ${o.marksRemoved} cells of an earlier check` : ""}); the “Kết quả kiểm tra” sheet with the verdict kept.\n`,
      );
  s += `SHA-256: ${o.sha256}\n`;
  s += L(
    `Tỉnh đối chiếu mã này với file nhận được: certutil -hashfile ${basename(target)} SHA256 (Windows) hoặc sha256sum ${basename(target)}.\n`,
    `The province matches this against the file it receives: certutil -hashfile ${basename(target)} SHA256 (Windows) or sha256sum ${basename(target)}.\n`,
  );
  io.out(s);
}

export const exportCommand: Command = {
  name: "export",
  summary: L2("xuất bản gửi tỉnh (khi báo cáo sẵn sàng gửi): bỏ đánh dấu, đặt tên theo quy ước, kèm mã SHA-256", "write the copy to send to the province (when the report is ready): marks removed, named by convention, with its SHA-256"),
  usage: [L2("<bao-cao.xlsx> [--out <ten.xlsx>] [--keep-marks] [--force]", "<report.xlsx> [--out <name.xlsx>] [--keep-marks] [--force]")],
  description: L2(
    "Kiểm tra báo cáo; chỉ khi sẵn sàng gửi mới ghi một bản mới tên NQ24_<đơn vị>_<ngày>.xlsx (đơn vị ở trang Bìa; ngày báo cáo, không có thì ngày hôm nay) vào thư mục hiện tại. Bản này bỏ các đánh dấu của việc kiểm tra (ô tô màu, ghi chú, cột Tình trạng), giữ trang “Kết quả kiểm tra” với kết luận. File gốc không bị sửa. Cần file .xlsx hoặc .xlsm.",
    "Checks the report; only when it is ready to send, writes a new file named NQ24_<unit>_<date>.xlsx (the unit on the cover; the report date, else today) in the current folder. The copy drops the check's marks (coloured cells, notes, the status column) and keeps the “Kết quả kiểm tra” sheet with the verdict. The input is never modified. Needs an .xlsx or .xlsm file.",
  ),
  options: ["out", "keep-marks", "force", "json", "catalogue"],
  optionHelp: { out: L2("tên file ra, hoặc thư mục để ghi vào (mặc định: tên theo quy ước, ở thư mục hiện tại)", "the output name, or a folder to write it in (default: the conventional name, in the current folder)") },
  positionals: { min: 1, max: 1 },
  examples: [
    { line: "nq24 export bao-cao.xlsx", what: L2("ghi NQ24_UBND_huyện_…_<ngày>.xlsx và in mã SHA-256", "write NQ24_UBND_huyện_…_<date>.xlsx and print its SHA-256") },
    { line: "nq24 export bao-cao.xlsx --out gui-tinh/ --keep-marks", what: L2("ghi vào thư mục gui-tinh, giữ đánh dấu", "write into the gui-tinh folder, marks kept") },
  ],
  exitCodes: L2(
    "0 đã ghi bản gửi tỉnh; 1 báo cáo chưa sẵn sàng gửi (không ghi gì); 2 sai cú pháp lệnh, không đọc được file, file ra đã có (không có --force) hoặc không ghi được.",
    "0 the copy was written; 1 the report is not ready to send (nothing written); 2 usage error, the file could not be read, the output exists (without --force) or could not be written.",
  ),
  run,
};
