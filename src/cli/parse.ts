/**
 * The command line read by Node's util.parseArgs (tokens, not strict), then judged here so
 * every mistake gets words of its own: an unknown subcommand or option with the closest
 * known one ("did you mean"), an option of another subcommand, a missing value, a value
 * given to a switch, an option given twice.
 */
import { parseArgs } from "util";
import type { Text2 } from "../catalogue/types";
import { L2, UsageError, type Command } from "./command";
import { GLOBAL_OPTIONS, OPTIONS, optionNames, optionOfShort, type OptionDef, type OptionName, type OptionValues } from "./options";
import { closest } from "./suggest";

export interface ParsedLine {
  /** The first word that is not an option, if any. */
  command?: string;
  positionals: string[];
  options: OptionValues;
  /** Mistakes found, in the order met; judged once the command is known. */
  tokens: OptionToken[];
}

export interface OptionToken {
  name: string;
  rawName: string;
  value?: string;
  inline: boolean;
}

/** Splits the words: options by the shared table, the rest positional ("--" ends options). */
export function readLine(argv: string[]): ParsedLine {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const n of optionNames()) {
    const d = OPTIONS[n] as OptionDef;
    options[n] = d.short ? { type: d.type, short: d.short } : { type: d.type };
  }
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const positionals: string[] = [];
  const optionTokens: OptionToken[] = [];
  for (const tk of tokens ?? []) {
    if (tk.kind === "positional") positionals.push(tk.value);
    else if (tk.kind === "option") optionTokens.push({ name: tk.name, rawName: tk.rawName, value: tk.value, inline: !!tk.inlineValue });
  }
  const [command, ...rest] = positionals;
  return { command, positionals: rest, options: {}, tokens: optionTokens };
}

/** The value --lang was given, if it was, even before the line is judged (for error words). */
export function langOption(line: ParsedLine): string | undefined {
  const tk = line.tokens.filter((x) => x.name === "lang" && x.value !== undefined).pop();
  return tk?.value;
}

export function hasSwitch(line: ParsedLine, name: OptionName): boolean {
  return line.tokens.some((x) => x.name === name);
}

const dashed = (n: string) => `--${n}`;

function unknownOption(tk: OptionToken, allowed: OptionName[], command: Command | undefined, commands: Command[]): UsageError {
  const isShort = !tk.rawName.startsWith("--");
  const shown = tk.rawName;
  const owner = !isShort && command ? commands.find((c) => c.options.indexOf(tk.name as OptionName) >= 0) : undefined;
  if (owner && command) {
    return new UsageError(
      L2(`lệnh ${command.name} không có tùy chọn ${shown} (đó là tùy chọn của nq24 ${owner.name})`, `${shown} is not an option of ${command.name} (it belongs to nq24 ${owner.name})`),
      undefined,
      command.name,
    );
  }
  const near = isShort ? undefined : closest(tk.name, allowed);
  const where = command ? ` (nq24 ${command.name})` : "";
  return new UsageError(
    L2(`không có tùy chọn ${shown}${where}`, `unknown option ${shown}${where}`),
    near ? L2(`có phải ý bạn là ${dashed(near)}?`, `did you mean ${dashed(near)}?`) : undefined,
    command?.name,
  );
}

/** A value that is really the next option: `--out --json` forgot the file name. */
function looksLikeOption(v: string): boolean {
  return /^--?[A-Za-z]/.test(v);
}

/**
 * Judges the options against what `command` accepts (or, without a command, the global
 * options) and returns their values. Throws UsageError on the first mistake.
 */
export function judgeOptions(line: ParsedLine, command: Command | undefined, commands: Command[], extra: OptionName[] = []): OptionValues {
  const allowed = (command ? command.options : []).concat(GLOBAL_OPTIONS, extra);
  const values: OptionValues = {};
  const seen = new Set<string>();
  for (const tk of line.tokens) {
    const name = (tk.rawName.startsWith("--") ? tk.name : optionOfShort(tk.name) ?? tk.name) as OptionName;
    if (!(name in OPTIONS) || allowed.indexOf(name) < 0) throw unknownOption(tk, allowed, command, commands);
    const def = OPTIONS[name] as OptionDef;
    const shown = tk.rawName;
    if (def.type === "boolean") {
      if (tk.value !== undefined) throw new UsageError(L2(`${shown} không nhận giá trị (nhận được “${tk.value}”)`, `${shown} takes no value (got “${tk.value}”)`), undefined, command?.name);
      values[name] = true;
      continue;
    }
    if (tk.value === undefined || tk.value === "" || (!tk.inline && looksLikeOption(tk.value))) {
      const sig = `--${name} <${def.value?.vi ?? "…"}>`;
      const sigEn = `--${name} <${def.value?.en ?? "…"}>`;
      throw new UsageError(L2(`${shown} cần một giá trị: ${sig}`, `${shown} needs a value: ${sigEn}`), undefined, command?.name);
    }
    if (seen.has(name) && values[name] !== tk.value) {
      throw new UsageError(L2(`${dashed(name)} được cho hai lần (“${values[name]}” và “${tk.value}”)`, `${dashed(name)} was given twice (“${values[name]}” and “${tk.value}”)`), undefined, command?.name);
    }
    seen.add(name);
    values[name] = tk.value;
  }
  return values;
}

/** An unknown subcommand, with the closest known one. */
export function unknownCommand(word: string, commands: Command[]): UsageError {
  const near = closest(word, commands.map((c) => c.name).concat("help"));
  const looksLikeFile = /\.[A-Za-z0-9]{2,5}$/.test(word) || /[\\/]/.test(word);
  const hint: Text2 | undefined = near
    ? L2(`có phải ý bạn là “nq24 ${near}”?`, `did you mean “nq24 ${near}”?`)
    : looksLikeFile
      ? L2(`để kiểm tra một file: nq24 check ${word}`, `to check a file: nq24 check ${word}`)
      : undefined;
  return new UsageError(L2(`lệnh không rõ “${word}”`, `unknown command “${word}”`), hint);
}

/** Positional arguments within the command's bounds. */
export function judgePositionals(command: Command, positionals: string[]): void {
  const { min, max } = command.positionals;
  if (positionals.length >= min && (max === undefined || positionals.length <= max)) return;
  const usage = command.usage[0];
  const tooMany = max !== undefined && positionals.length > max;
  const what = tooMany
    ? L2(`thừa đối số: ${positionals.slice(max).map((p) => `“${p}”`).join(", ")}`, `unexpected argument${positionals.length - max > 1 ? "s" : ""}: ${positionals.slice(max).map((p) => `“${p}”`).join(", ")}`)
    : L2("thiếu đối số", "missing argument");
  throw new UsageError(L2(`${what.vi} — nq24 ${command.name} ${usage.vi}`, `${what.en} — nq24 ${command.name} ${usage.en}`), undefined, command.name);
}
