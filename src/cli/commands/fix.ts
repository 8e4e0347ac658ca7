/**
 * `nq24 fix`: the one-click fixes a check offers, written into a new file; every change
 * printed; the input never written. The work is the use case's (usecases/fixFile.ts).
 */
import { existsSync } from "fs";
import { resolve } from "path";
import { ruleByCode } from "../../engine/rules";
import { fixFile } from "../../usecases/fixFile";
import { L2, UsageError, type Command, type Context } from "../command";
import { EXIT } from "../io";
import { fixReportJson, fixReportText } from "../print/fix";
import { fileFailure, printHint, refuseFolder, requireXlsxOutput } from "./shared";

/** "E019, i050" → ["NQ24-E019", "NQ24-I050"]; the codes no rule has, to refuse. */
export function parseRuleList(s: string): { codes: string[]; unknown: string[] } {
  const codes = s
    .split(",")
    .map((x) => x.trim().toUpperCase())
    .filter((x) => x !== "")
    .map((x) => (/^[EWI]\d{3}$/.test(x) ? `NQ24-${x}` : x));
  return { codes, unknown: codes.filter((c) => !ruleByCode(c)) };
}

async function run(ctx: Context): Promise<number> {
  const { io, lang } = ctx;
  const input = ctx.positionals[0];
  const out = ctx.options.out as string | undefined;
  const dryRun = !!ctx.options["dry-run"];
  refuseFolder(input, "fix");
  if (!out && !dryRun) throw new UsageError(L2("cần --out <da-sua.xlsx> (hoặc --dry-run để chỉ xem)", "expected --out <fixed.xlsx> (or --dry-run to only look)"), undefined, "fix");
  if (out) requireXlsxOutput(out, "--out", "fix");
  if (out && resolve(out) === resolve(input)) {
    throw new UsageError(L2("bản đã sửa phải là một file khác, không ghi đè file gốc", "the fixed copy must be another file; the input is never overwritten"), L2("dùng --out <tên khác>.xlsx", "use --out <another name>.xlsx"), "fix");
  }
  let rules: string[] | undefined;
  if (ctx.options.rules !== undefined) {
    const parsed = parseRuleList(String(ctx.options.rules));
    if (parsed.unknown.length || !parsed.codes.length) {
      throw new UsageError(L2(`--rules: không có quy tắc ${parsed.unknown.join(", ") || "nào"}`, `--rules: no rule ${parsed.unknown.join(", ") || "given"}`), L2("mã quy tắc như E019 hoặc NQ24-I050 (xem bảng quy tắc trong README)", "rule codes such as E019 or NQ24-I050 (see the rule table in README)"), "fix");
    }
    rules = parsed.codes;
  }
  if (out && !dryRun && !ctx.options.force && existsSync(out)) {
    io.err(lang === "en" ? `nq24: ${out} already exists; nothing was written.\n` : `nq24: ${out} đã có; chưa ghi gì.\n`);
    printHint(io, lang, L2("thêm --force để ghi đè, hoặc --out <tên khác>.xlsx", "add --force to replace it, or --out <another name>.xlsx"));
    return EXIT.usage;
  }
  const catalogue = await ctx.catalogue();
  if (!catalogue) return EXIT.usage;
  let r;
  try {
    r = await fixFile(input, { out: dryRun ? undefined : out, rules, dryRun, likely: !!ctx.options.likely, catalogue, lang });
  } catch (e) {
    return fileFailure(io, lang, e, input);
  }
  io.out(ctx.options.json ? JSON.stringify(fixReportJson(r, lang, dryRun), null, 2) + "\n" : fixReportText(r, lang, dryRun));
  return r.after.plan.verdict.ready ? EXIT.ready : EXIT.errors;
}

export const fix: Command = {
  name: "fix",
  summary: L2("sửa tự động các ô sửa chắc chắn được, ghi ra file mới", "write the certain one-click fixes into a new file"),
  usage: [L2("<bao-cao.xlsx> --out <da-sua.xlsx> [--rules <mã,…>] [--dry-run] [--likely]", "<report.xlsx> --out <fixed.xlsx> [--rules <codes,…>] [--dry-run] [--likely]")],
  description: L2(
    "Sửa những phát hiện chỉ có một cách sửa đúng: số lưu dạng văn bản giữa các số, số viết kiểu Anh (27.5), khoảng trắng thừa, “2/2” bị Excel đổi thành ngày. In từng thay đổi (trang!ô: trước → sau, quy tắc). Cách sửa “nên xem lại” (có hai cách đọc, chuyển chữ sang cột ghi chú) chỉ được in ra, trừ khi có --likely. Không sửa trang được bảo vệ. File gốc không bao giờ bị ghi; bản đã sửa được đọc lại và kiểm tra lại.",
    "Fixes the findings that have one right answer: a number stored as text among numbers, a number written the English way (27.5), stray spaces, a “2/2” Excel turned into a date. Prints every change (sheet!cell: before → after, rule). “Likely” fixes (two readings, words moved to the note column) are only listed, unless --likely. Protected sheets are left alone. The input is never written; the fixed copy is read back and checked again.",
  ),
  options: ["out", "rules", "dry-run", "likely", "force", "json", "catalogue"],
  optionHelp: { out: L2("file mới để ghi bản đã sửa (.xlsx)", "the new file for the fixed copy (.xlsx)") },
  positionals: { min: 1, max: 1 },
  examples: [
    { line: "nq24 fix test/fixtures/fix/laichau-can-sua.xlsx --out da-sua.xlsx", what: L2("sửa file ví dụ, ghi bản đã sửa", "fix the example file into a new one") },
    { line: "nq24 fix bao-cao.xlsx --dry-run", what: L2("chỉ xem sẽ sửa gì", "only look at what would be fixed") },
    { line: "nq24 fix bao-cao.xlsx --out da-sua.xlsx --rules E019,I050", what: L2("chỉ sửa ngày do Excel tự đổi và số lưu dạng văn bản", "only dates Excel made and numbers stored as text") },
  ],
  exitCodes: L2(
    "0 bản đã sửa sẵn sàng gửi; 1 bản đã sửa còn lỗi (như check); 2 sai cú pháp lệnh, không đọc/ghi được file, hoặc file ra đã có (thêm --force).",
    "0 the fixed copy is ready to send; 1 errors remain in it (as check); 2 usage error, a file that cannot be read or written, or an output that exists (add --force).",
  ),
  run,
};
