/**
 * Every option of nq24, defined once: its name, short form, whether it takes a value, and
 * its help in both languages. A subcommand lists the options it accepts by name; a new
 * option is one entry here and its name in that list.
 */
import type { Text2 } from "../catalogue/types";

export interface OptionDef {
  type: "string" | "boolean";
  short?: string;
  /** What the value is, in the help: "file", "n"… */
  value?: Text2;
  help: Text2;
}

const t = (vi: string, en: string): Text2 => ({ vi, en });

export const OPTIONS = {
  out: { type: "string", short: "o", value: t("file.xlsx", "file.xlsx"), help: t("file ra", "output file") },
  json: { type: "boolean", help: t("in kết quả dạng JSON (cho script); không in tiến độ", "print the result as JSON (for scripts); no progress") },
  catalogue: { type: "string", value: t("file|url", "file|url"), help: t("dùng danh mục chỉ tiêu riêng của tỉnh", "use a province's own indicator catalogue") },
  report: { type: "string", value: t("bao-cao.docx|.txt", "report.docx|.txt"), help: t("đối chiếu số liệu trong văn bản báo cáo với phụ lục", "cross-check the figures of the written report against the appendices") },
  periods: { type: "string", value: t("đầu,cuối", "from,to"), help: t("năm kỳ đầu và kỳ cuối cần đọc, nếu khác danh mục (ví dụ 2012,2023)", "the baseline and result years to read, when not the catalogue's (e.g. 2012,2023)") },
  workers: {
    type: "string",
    value: t("n", "n"),
    help: t("đọc file song song trên n luồng (0: chỉ luồng chính; mặc định: tự chọn theo số lõi, số file và cỡ file)", "read files on n worker threads (0: the main thread only; default: chosen from cores, file count and size)"),
  },
  "keep-marks": { type: "boolean", help: t("giữ đánh dấu của lần kiểm tra (ô tô màu, ghi chú, cột Tình trạng)", "keep this check's marks (coloured cells, notes, the status column)") },
  rules: { type: "string", value: t("mã,…", "codes,…"), help: t("chỉ các quy tắc này (ví dụ E019,I050)", "only these rules (e.g. E019,I050)") },
  "dry-run": { type: "boolean", help: t("chỉ in những gì sẽ làm, không ghi file", "print what would be done; write nothing") },
  likely: { type: "boolean", help: t("sửa cả những cách sửa “nên xem lại” (theo cách đề xuất)", "apply the “likely” fixes too (as proposed)") },
  force: { type: "boolean", short: "f", help: t("ghi đè file ra nếu đã có", "replace the output file if it exists") },
  lang: { type: "string", value: t("vi|en", "vi|en"), help: t("ngôn ngữ (mặc định: theo NQ24_LANG, LANG…; không có thì vi)", "language (default: from NQ24_LANG, LANG…; otherwise vi)") },
  help: { type: "boolean", short: "h", help: t("trợ giúp", "this help") },
  version: { type: "boolean", short: "V", help: t("phiên bản", "version") },
} satisfies Record<string, OptionDef>;

export type OptionName = keyof typeof OPTIONS;

/** Accepted by every subcommand. */
export const GLOBAL_OPTIONS: OptionName[] = ["lang", "help"];

/** Values as parsed: a string for options with a value, true for switches. */
export type OptionValues = Partial<Record<OptionName, string | true>>;

export function optionNames(): OptionName[] {
  return Object.keys(OPTIONS) as OptionName[];
}

/** The option a short form ("o") stands for. */
export function optionOfShort(short: string): OptionName | undefined {
  return optionNames().find((n) => (OPTIONS[n] as OptionDef).short === short);
}

/** "-o, --out <file.xlsx>" as the help shows it. */
export function optionSignature(name: OptionName, lang: "vi" | "en"): string {
  const def = OPTIONS[name] as OptionDef;
  const short = def.short ? `-${def.short}, ` : "    ";
  return `${short}--${name}${def.value ? ` <${def.value[lang]}>` : ""}`;
}
