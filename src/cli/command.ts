/**
 * A subcommand of nq24: what the help says of it (summary, usage, examples, its options)
 * and what it does. Each lives in its own module under commands/; main() parses the line,
 * picks the command and hands it a Context.
 */
import type { Catalogue, Text2 } from "../catalogue/types";
import type { Lang } from "../usecases/language";
import type { Io } from "./io";
import type { OptionName, OptionValues } from "./options";

export interface Example {
  /** The command line, from "nq24". */
  line: string;
  what: Text2;
}

export interface Command {
  name: string;
  summary: Text2;
  /** Usage lines after "nq24 <name> ", e.g. "<in.xlsx> [options]". */
  usage: Text2[];
  /** A paragraph under the usage, or none. */
  description?: Text2;
  /** Options it accepts besides --lang and --help. */
  options: OptionName[];
  /** This command's own words for an option, where they differ from the shared ones. */
  optionHelp?: Partial<Record<OptionName, Text2>>;
  /** How many positional arguments it takes (max absent: any number). */
  positionals: { min: number; max?: number };
  examples: Example[];
  /** Its exit codes, when they say more than the global ones. */
  exitCodes?: Text2;
  run(ctx: Context): Promise<number>;
}

export interface Context {
  io: Io;
  lang: Lang;
  positionals: string[];
  options: OptionValues;
  /** The catalogue --catalogue names, or the national one; null when refused (already reported). */
  catalogue(): Promise<Catalogue | null>;
}

/** A mistake in the command line: exit 2 with the message, a hint, and where help is. */
export class UsageError extends Error {
  constructor(
    readonly text: Text2,
    readonly hint?: Text2,
    /** The command whose help to point to. */
    readonly command?: string,
  ) {
    super(text.en);
    this.name = "UsageError";
  }
}

export const L2 = (vi: string, en: string): Text2 => ({ vi, en });
