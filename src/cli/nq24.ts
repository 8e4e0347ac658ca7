/**
 * nq24: the Resolution 24 report tools on workbook files.
 *   nq24 template | sample | check | consolidate | export   (nq24 help <command>)
 * Exit codes: 0 ready to send, 1 findings with errors, 2 usage or file error.
 *
 * This module reads the line, picks the language and the subcommand, and reports usage
 * mistakes; each subcommand lives in commands/, the options in options.ts, the printers
 * in print/.
 */
import type { Catalogue } from "../catalogue/types";
import { nationalCatalogue } from "../catalogue";
import { readCatalogueSource } from "../adapters/node/catalogueSource";
import { chooseLanguage, languageFromEnvironment, type Lang } from "../usecases/language";
import { UsageError, type Command, type Context } from "./command";
import { check } from "./commands/check";
import { consolidate } from "./commands/consolidate";
import { exportCommand } from "./commands/export";
import { fileFailure, printHint } from "./commands/shared";
import { sample, template } from "./commands/template";
import { commandHelp, globalHelp } from "./help";
import { EXIT, processIo, type Io } from "./io";
import { hasSwitch, judgeOptions, judgePositionals, langOption, readLine, unknownCommand } from "./parse";

export { EXIT, type Io } from "./io";
export { checkJson, checkReport } from "./print/check";
export { consolidationJson } from "./print/consolidate";

/** The subcommands, in the order the help lists them. */
export const COMMANDS: Command[] = [template, sample, check, consolidate, exportCommand];

function version(): string {
  try {
    // build/cli/nq24.js and src/cli/nq24.ts both sit two levels under the package.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("../../package.json") as { version: string }).version;
  } catch {
    return "";
  }
}

function usageFailure(io: Io, lang: Lang, e: UsageError): number {
  io.err(`nq24: ${lang === "en" ? "error" : "lỗi"}: ${e.text[lang]}\n`);
  printHint(io, lang, e.hint);
  const help = e.command ? `nq24 ${e.command} --help` : "nq24 --help";
  io.err(`${lang === "en" ? "More" : "Xem thêm"}: ${help}${lang === "en" ? " --lang en" : ""}\n`);
  return EXIT.usage;
}

function catalogueLoader(io: Io, lang: Lang, source: string | undefined): () => Promise<Catalogue | null> {
  let loaded: Promise<Catalogue | null> | undefined;
  return () => {
    if (!loaded) loaded = loadCatalogue(io, lang, source);
    return loaded;
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

/** --lang when given and valid, else the environment's (NQ24_LANG, LC_ALL, LC_MESSAGES, LANG). */
function languageOf(langArg: string | undefined, io: Io): { lang: Lang; bad?: UsageError } {
  const fromEnv = languageFromEnvironment(io.env ?? {});
  if (langArg === undefined) return { lang: fromEnv };
  if (langArg === "vi" || langArg === "en") return { lang: langArg };
  const near = chooseLanguage(langArg);
  return { lang: fromEnv, bad: new UsageError({ vi: `--lang phải là vi hoặc en (nhận được “${langArg}”)`, en: `--lang must be vi or en (got “${langArg}”)` }, { vi: `--lang ${near}`, en: `--lang ${near}` }) };
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const line = readLine(argv);
  const { lang, bad } = languageOf(langOption(line), io);
  const named = line.command === "help" ? line.positionals[0] : line.command;
  const command = COMMANDS.find((c) => c.name === named);
  try {
    if (bad) throw bad;
    if (hasSwitch(line, "version") && !line.command) {
      io.out(`nq24 ${version()}\n`);
      return EXIT.ready;
    }
    // `nq24 --hlep`: the slip is named before the help is shown.
    if (line.command === undefined && !hasSwitch(line, "help")) judgeOptions(line, undefined, COMMANDS, ["version"]);
    if (line.command === undefined || line.command === "help" || hasSwitch(line, "help")) {
      if (named !== undefined && !command) throw unknownCommand(named, COMMANDS);
      const text = command ? commandHelp(command, lang, io.columns) : globalHelp(COMMANDS, lang, io.columns, version());
      // Bare `nq24` is a mistake of usage: the help goes to stderr, with exit 2.
      if (line.command === undefined && !hasSwitch(line, "help")) {
        io.err(text);
        return EXIT.usage;
      }
      io.out(text);
      return EXIT.ready;
    }
    if (!command) throw unknownCommand(line.command, COMMANDS);
    const options = judgeOptions(line, command, COMMANDS);
    judgePositionals(command, line.positionals);
    const ctx: Context = { io, lang, positionals: line.positionals, options, catalogue: catalogueLoader(io, lang, options.catalogue as string | undefined) };
    return await command.run(ctx);
  } catch (e) {
    if (e instanceof UsageError) return usageFailure(io, lang, e);
    try {
      return fileFailure(io, lang, e, line.positionals[0] ?? "");
    } catch {
      const why = e instanceof Error ? e.message : String(e);
      io.err(`nq24: ${lang === "en" ? "error" : "lỗi"}: ${why}\n`);
      return EXIT.usage;
    }
  }
}
