/** `nq24 template` and `nq24 sample`: our workbook, empty or filled with the Lai Châu report. */
import { makeSample, makeTemplate } from "../../usecases/files";
import { L2, UsageError, type Command, type Context } from "../command";
import { EXIT } from "../io";
import { requireXlsxOutput } from "./shared";

function writer(name: "template" | "sample", make: typeof makeTemplate) {
  return async (ctx: Context): Promise<number> => {
    // The file may also be given as --out, as earlier versions accepted.
    const target = ctx.positionals[0] ?? (ctx.options.out as string | undefined);
    if (!target || (ctx.positionals[0] && ctx.options.out)) {
      throw new UsageError(L2(`cần đúng một file ra: nq24 ${name} <ra.xlsx>`, `expected one output file: nq24 ${name} <out.xlsx>`), undefined, name);
    }
    requireXlsxOutput(target, ctx.lang === "en" ? "the output file" : "file ra", name);
    const catalogue = await ctx.catalogue();
    if (!catalogue) return EXIT.usage;
    await make(target, { catalogue, lang: ctx.lang });
    if (ctx.options.json) ctx.io.out(JSON.stringify({ out: target }) + "\n");
    else ctx.io.out(`${ctx.lang === "en" ? "Written" : "Đã tạo"}: ${target}\n`);
    return EXIT.ready;
  };
}

export const template: Command = {
  name: "template",
  summary: L2("tạo mẫu báo cáo trống (Bìa, Phụ lục 1, Phụ lục 2)", "write the empty report template (cover, Appendix 1, Appendix 2)"),
  usage: [L2("<ra.xlsx>", "<out.xlsx>")],
  description: L2(
    "Các ô cần nhập được tô vàng; cột Tình trạng do lệnh check điền. Với --catalogue, mẫu theo danh mục của tỉnh (các năm của tỉnh).",
    "Cells to fill are yellow; the status column is filled by check. With --catalogue, the template follows the province's catalogue (and its years).",
  ),
  options: ["out", "catalogue", "json"],
  optionHelp: { out: L2("file ra (thay cho <ra.xlsx>)", "the output file (instead of <out.xlsx>)") },
  positionals: { min: 0, max: 1 },
  examples: [
    { line: "nq24 template mau-trong.xlsx", what: L2("mẫu trống theo danh mục quốc gia", "the empty template of the national catalogue") },
    { line: "nq24 template mau-tinh.xlsx --catalogue danh-muc-tinh.json", what: L2("mẫu theo danh mục riêng của tỉnh", "the template of a province's own catalogue") },
  ],
  exitCodes: L2("0 đã tạo; 2 sai cú pháp lệnh hoặc không ghi được file.", "0 written; 2 usage error, or the file could not be written."),
  run: writer("template", makeTemplate),
};

export const sample: Command = {
  name: "sample",
  summary: L2("tạo file mẫu điền sẵn số liệu của TP Lai Châu (5/2023)", "write the template filled with Lai Châu city's May 2023 figures"),
  usage: [L2("<ra.xlsx>", "<out.xlsx>")],
  description: L2("Để tập huấn và thử: số liệu và ghi chú thật của báo cáo Lai Châu, chưa điền đủ trang Bìa.", "For training and trying things out: the real figures and notes of the Lai Châu report, with the cover not fully filled."),
  options: ["out", "catalogue", "json"],
  optionHelp: { out: L2("file ra (thay cho <ra.xlsx>)", "the output file (instead of <out.xlsx>)") },
  positionals: { min: 0, max: 1 },
  examples: [{ line: "nq24 sample laichau.xlsx && nq24 check laichau.xlsx", what: L2("tạo file mẫu rồi kiểm tra nó", "write the sample, then check it") }],
  exitCodes: L2("0 đã tạo; 2 sai cú pháp lệnh hoặc không ghi được file.", "0 written; 2 usage error, or the file could not be written."),
  run: writer("sample", makeSample),
};
