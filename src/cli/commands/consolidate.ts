/** `nq24 consolidate`: the province's roll-up of the districts' reports. */
import { consolidateFiles, NONE_READ } from "../../usecases/files";
import { L2, UsageError, type Command, type Context } from "../command";
import { EXIT } from "../io";
import { consolidationJson, consolidationReport } from "../print/consolidate";
import { progressReporter } from "../progress";
import { requireXlsxOutput } from "./shared";

function workersOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,2}$/.test(value)) throw new UsageError(L2(`--workers phải là số từ 0 đến 99 (nhận được “${value}”)`, `--workers must be a number from 0 to 99 (got “${value}”)`), undefined, "consolidate");
  return Number(value);
}

async function run(ctx: Context): Promise<number> {
  const { io, lang } = ctx;
  const out = ctx.options.out as string | undefined;
  const json = !!ctx.options.json;
  if (!out && !json) {
    throw new UsageError(L2("cần --out <tinh.xlsx> (hoặc --json)", "expected --out <province.xlsx> (or --json)"), L2(`ví dụ: nq24 consolidate ${ctx.positionals.join(" ")} --out tinh.xlsx`, `for example: nq24 consolidate ${ctx.positionals.join(" ")} --out province.xlsx`), "consolidate");
  }
  if (out) requireXlsxOutput(out, "--out", "consolidate");
  const workers = workersOption(ctx.options.workers as string | undefined);
  const catalogue = await ctx.catalogue();
  if (!catalogue) return EXIT.usage;
  // Progress is for people: none under --json, where stderr may be parsed too.
  const onProgress = json ? undefined : progressReporter(io, lang);
  const res = await consolidateFiles(ctx.positionals, { out, lang, catalogue, workers, onProgress });
  const c = res.consolidation;
  if (json) io.out(JSON.stringify(consolidationJson(c, lang, res.out), null, 2) + "\n");
  else io.out(consolidationReport(c, lang, res.out, io.columns));
  for (const r of res.refused) io.err(`nq24: ${r.fileName}: ${r.message[lang]}\n`);
  // No district read: no roll-up is written (an empty one would look like a result).
  if (c.districts.length === 0) io.err(`nq24: ${NONE_READ[lang]}\n`);
  if (c.districts.length === 0 || res.refused.length > 0) return EXIT.usage;
  return c.notReady.length > 0 ? EXIT.errors : EXIT.ready;
}

export const consolidate: Command = {
  name: "consolidate",
  summary: L2("tổng hợp báo cáo của các huyện, thị xã, thành phố cho tỉnh", "consolidate the districts' reports for the province"),
  usage: [L2("<file hoặc thư mục…> --out <tinh.xlsx> [tùy chọn]", "<files or folders…> --out <province.xlsx> [options]")],
  description: L2(
    "Đọc mọi file .xlsx, .xlsm, .xls, .ods trong các thư mục; file khác được liệt kê là không đọc, kèm lý do. File hỏng bị từ chối từng file, các file còn lại vẫn được tổng hợp. Không đọc được file nào thì không ghi bảng tổng hợp. Từ 5 file trở lên, tiến độ (số file, tốc độ, thời gian còn lại) in ra stderr.",
    "Reads every .xlsx, .xlsm, .xls and .ods file in the folders; other files are listed as not read, with why. A bad file is refused on its own and the rest are still consolidated. When no file can be read, no roll-up is written. From five files up, progress (files, rate, time left) goes to stderr.",
  ),
  options: ["out", "json", "workers", "catalogue"],
  optionHelp: { out: L2("ghi bảng tổng hợp", "write the consolidated workbook") },
  positionals: { min: 1 },
  examples: [
    { line: "nq24 consolidate bao-cao-huyen/ --out tinh.xlsx", what: L2("tổng hợp mọi báo cáo trong thư mục", "consolidate every report in the folder") },
    { line: "nq24 consolidate tam-duong.xlsx sin-ho.xlsx --json", what: L2("kết quả cho script, không ghi file", "the result for scripts, no file written") },
  ],
  exitCodes: L2(
    "0 mọi đơn vị sẵn sàng gửi; 1 có đơn vị chưa sẵn sàng; 2 có file không đọc được (các file còn lại vẫn được tổng hợp), không đọc được file nào (không ghi bảng tổng hợp), hoặc sai cú pháp lệnh.",
    "0 every district ready to send; 1 a district is not ready; 2 a file could not be read (the rest are still consolidated), no file could be read (no roll-up written), or a usage error.",
  ),
  run,
};
