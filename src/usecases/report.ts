/**
 * The written report against the checked workbook, for the command line and the task pane:
 * text (pasted) or a file's bytes (.docx, .txt) in, the cross-check out. The file reader is
 * loaded on first use, so the pane's bundle carries it as a separate chunk.
 */
import type { Catalogue } from "../catalogue/types";
import type { CheckResult } from "../engine/check";
import { appendixFacts, crossCheckText, type ReportCheck } from "../engine/report";
import type { Periods } from "../engine/report/figures";

export interface ReportSource {
  /** The file's name, or "" for pasted text. */
  name: string;
  format: "docx" | "txt" | "pasted";
}

export interface ReportCrossCheck extends ReportCheck {
  source: ReportSource;
}

export interface CrossCheckReportOptions {
  /** Name of the file the bytes came from, for messages. */
  fileName?: string;
  periods?: Periods;
}

/**
 * Cross-checks a report (its text, or the bytes of its .docx/.txt file) against what a
 * check of the workbook read. A file that is not a report is refused with a
 * ReportFileError (from adapters/docx) whose message names it in both languages.
 */
export async function crossCheckReport(input: string | Uint8Array, check: CheckResult, catalogue: Catalogue, options: CrossCheckReportOptions = {}): Promise<ReportCrossCheck> {
  let text: string;
  let source: ReportSource;
  if (typeof input === "string") {
    text = input;
    source = { name: options.fileName ?? "", format: "pasted" };
  } else {
    const { readReportBytes } = await import(/* webpackChunkName: "docx" */ "../adapters/docx");
    const name = options.fileName ?? "report";
    const read = await readReportBytes(input, name);
    text = read.text;
    source = { name, format: read.format };
  }
  const facts = appendixFacts(check, options.periods);
  return { ...crossCheckText(text, facts, catalogue), source };
}
