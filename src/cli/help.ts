/**
 * Help texts, made from the commands' definitions and the options table: the global help
 * (`nq24 --help`) lists the subcommands; each subcommand has its own (`nq24 check --help`,
 * `nq24 help check`) with its options and examples. Vietnamese or English, fitted to the
 * terminal's width.
 */
import type { Text2 } from "../catalogue/types";
import type { Lang } from "../usecases/language";
import type { Command } from "./command";
import { GLOBAL_OPTIONS, OPTIONS, optionSignature, type OptionDef, type OptionName } from "./options";
import { displayWidth, pad, paragraph, wrap } from "./width";

const W = (vi: string, en: string): Text2 => ({ vi, en });

const WORDS = {
  usage: W("Cách dùng", "Usage"),
  commands: W("Lệnh", "Commands"),
  options: W("Tùy chọn", "Options"),
  examples: W("Ví dụ", "Examples"),
  environment: W("Biến môi trường", "Environment"),
  exit: W("Mã thoát", "Exit codes"),
  more: W("Trợ giúp cho từng lệnh: nq24 help <lệnh>, hoặc nq24 <lệnh> --help.", "Help on one command: nq24 help <command>, or nq24 <command> --help."),
};

export const EXIT_CODES: Text2 = W(
  "0 sẵn sàng gửi; 1 còn lỗi cần sửa; 2 sai cú pháp lệnh, hoặc lỗi đọc/ghi file.",
  "0 ready to send; 1 findings with errors; 2 usage error, or a file could not be read or written.",
);

const ENVIRONMENT: [string, Text2][] = [
  ["NQ24_LANG", W("ngôn ngữ khi không có --lang: vi hoặc en", "language when --lang is not given: vi or en")],
  ["LC_ALL, LC_MESSAGES, LANG", W("dùng khi không có NQ24_LANG: vi_VN… → tiếng Việt, ngôn ngữ khác → tiếng Anh", "used when NQ24_LANG is not set: vi_VN… → Vietnamese, any other language → English")],
  ["COLUMNS", W("độ rộng bảng in ra (mặc định: độ rộng cửa sổ lệnh; khi ghi ra file hay ống dẫn thì không cắt)", "width tables are fitted to (default: the terminal's; nothing is cut when output goes to a file or a pipe)")],
];

/** Width help is fitted to: the terminal's, but lines no longer than a reader takes in. */
function helpWidth(columns: number): number {
  return Math.max(50, Math.min(isFinite(columns) ? columns : 100, 100));
}

/** Two columns: a left term and its text wrapped beside it (or under it, when the term is long). */
function definitionList(items: [string, string][], width: number): string {
  const termWidth = Math.min(30, Math.max(...items.map(([k]) => displayWidth(k))));
  let s = "";
  for (const [term, text] of items) {
    const indent = 2 + termWidth + 2;
    const lines = wrap(text, width - indent);
    if (displayWidth(term) > termWidth) {
      s += `  ${term}\n`;
      for (const l of lines) s += `${" ".repeat(indent)}${l}\n`;
      continue;
    }
    s += `  ${pad(term, termWidth)}  ${lines[0] ?? ""}\n`;
    for (const l of lines.slice(1)) s += `${" ".repeat(indent)}${l}\n`;
  }
  return s;
}

function optionItems(names: OptionName[], lang: Lang, own: Partial<Record<OptionName, Text2>> = {}): [string, string][] {
  return names.map((n) => [optionSignature(n, lang), (own[n] ?? (OPTIONS[n] as OptionDef).help)[lang]]);
}

export function globalHelp(commands: Command[], lang: Lang, columns: number, version: string): string {
  const width = helpWidth(columns);
  const w = (x: Text2) => x[lang];
  let s = lang === "en"
    ? `nq24 ${version} — Resolution 24-NQ/TW report tools on Excel (.xlsx, .xlsm, .xls) and .ods files\n\n`
    : `nq24 ${version} — công cụ báo cáo Nghị quyết 24-NQ/TW trên file Excel (.xlsx, .xlsm, .xls) và .ods\n\n`;
  s += `${w(WORDS.usage)}:\n  nq24 <${lang === "en" ? "command" : "lệnh"}> [${lang === "en" ? "arguments" : "đối số"}] [${w(WORDS.options).toLowerCase()}]\n\n`;
  s += `${w(WORDS.commands)}:\n`;
  s += definitionList(commands.map((c) => [c.name, w(c.summary)]), width);
  s += `\n${w(WORDS.options)}:\n`;
  s += definitionList(optionItems([...GLOBAL_OPTIONS, "version"], lang), width);
  s += `\n${w(WORDS.examples)}:\n`;
  const lines = commands.map((c) => c.examples[0]?.line).filter((l): l is string => !!l);
  for (const l of lines.filter((x, i) => lines.indexOf(x) === i)) s += `  ${l}\n`;
  s += `\n${w(WORDS.environment)}:\n`;
  s += definitionList(ENVIRONMENT.map(([k, v]) => [k, w(v)]), width);
  s += "\n" + paragraph(`${w(WORDS.exit)}: ${w(EXIT_CODES)}`, width);
  s += "\n" + paragraph(w(WORDS.more), width);
  return s;
}

export function commandHelp(c: Command, lang: Lang, columns: number): string {
  const width = helpWidth(columns);
  const w = (x: Text2) => x[lang];
  let s = `nq24 ${c.name} — ${w(c.summary)}\n\n`;
  s += `${w(WORDS.usage)}:\n`;
  for (const u of c.usage) s += `  nq24 ${c.name} ${w(u)}\n`;
  if (c.description) s += "\n" + paragraph(w(c.description), width);
  s += `\n${w(WORDS.options)}:\n`;
  s += definitionList(optionItems([...c.options, ...GLOBAL_OPTIONS], lang, c.optionHelp), width);
  if (c.examples.length) {
    s += `\n${w(WORDS.examples)}:\n`;
    for (const e of c.examples) s += `  ${e.line}\n` + paragraph(w(e.what), width, "      ");
  }
  s += "\n" + paragraph(`${w(WORDS.exit)}: ${w(c.exitCodes ?? EXIT_CODES)}`, width);
  return s;
}
