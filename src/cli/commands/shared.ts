/** Checks and messages several subcommands share. */
import { extname } from "path";
import type { Text2 } from "../../catalogue/types";
import { XlsxError } from "../../adapters/xlsx/errors";
import { ReportFileError } from "../../adapters/docx";
import type { Lang } from "../../usecases/language";
import { L2, UsageError } from "../command";
import { EXIT, type Io } from "../io";
import { isDirectory, notWorkbookHint, outputNameHint, similarFileHint } from "../hints";

/** An output workbook's name must end in .xlsx (what ExcelJS writes). */
export function requireXlsxOutput(name: string, what: string, command: string): void {
  if (extname(name).toLowerCase() === ".xlsx") return;
  throw new UsageError(L2(`${what} phải là file .xlsx (nhận được “${name}”)`, `${what} must be an .xlsx file (got “${name}”)`), outputNameHint(name), command);
}

/** A folder where one workbook is expected. */
export function refuseFolder(path: string, command: string): void {
  if (!isDirectory(path)) return;
  throw new UsageError(
    L2(`“${path}” là thư mục, cần một file sổ tính`, `“${path}” is a folder; a workbook file is expected`),
    L2(`để tổng hợp mọi báo cáo trong thư mục: nq24 consolidate ${path} --out tinh.xlsx`, `to consolidate every report in the folder: nq24 consolidate ${path} --out province.xlsx`),
    command,
  );
}

export function printHint(io: Io, lang: Lang, hint: Text2 | undefined): void {
  if (hint) io.err(`  ${lang === "en" ? "hint" : "gợi ý"}: ${hint[lang]}\n`);
}

/**
 * A file that could not be read or written, named with the reason, and a hint where one
 * helps (a Word file where a workbook was expected, a near name for a missing one).
 * Returns the exit code; other errors go up.
 */
export function fileFailure(io: Io, lang: Lang, e: unknown, path: string): number {
  if (e instanceof XlsxError) {
    io.err(`nq24: ${e.text(lang)}\n`);
    printHint(io, lang, e.code === "notFound" ? similarFileHint(path) : notWorkbookHint(path));
    return EXIT.usage;
  }
  if (e instanceof ReportFileError) {
    io.err(`nq24: ${e.text(lang)}\n`);
    return EXIT.usage;
  }
  throw e;
}
