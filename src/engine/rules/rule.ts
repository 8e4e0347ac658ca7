/**
 * What a rule is: a stable code, a severity, and bilingual templates that turn the
 * parameters a finding carries into text. Each family file (values.ts, recognition.ts,
 * cover.ts, crossAppendix.ts) defines its rules with `rule()` next to the checks that fire
 * them; index.ts enrols the families and turns findings into text where text is shown.
 */
import type { Text2 } from "../../catalogue/types";
import type { FixKind } from "../fix/types";
import type { Severity } from "../types";

export interface RuleDef<P> {
  /** Stable code, e.g. "NQ24-E001": never reused, never renumbered. */
  code: string;
  /** Always the severity the code's letter names (E error, W warning, I info). */
  severity: Severity;
  /** What the rule finds, in one line (README's rule table). */
  summary: string;
  /** A few words naming the problem (the same for every finding: years and values go in the message). */
  title: Text2;
  message: (p: P) => Text2;
  fix?: (p: P) => Text2;
  /** The one-click fix that repairs what the rule finds, when it is certain or nearly so (engine/fix/fixers.ts). */
  autofix?: FixKind;
}

/** Any rule, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = RuleDef<any>;

export function rule<P>(def: RuleDef<P>): RuleDef<P> {
  return def;
}

// ---------------------------------------------------------------- shared wording

const MAX_LISTED = 12;

export function listCells(cells: string[]): string {
  return cells.length > MAX_LISTED ? `${cells.slice(0, MAX_LISTED).join(", ")}, …` : cells.join(", ");
}

export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A quoted excerpt of user or catalogue text. */
export const q = (s: string) => `“${s.length > 80 ? s.slice(0, 77) + "…" : s}”`;

/** The value columns a finding can point at. */
export type ValueRole = "baseline" | "result" | "target" | "note";

/** "số liệu 2013" / "2013 value": a value column named by the year it holds. */
export function columnName(role: ValueRole, year: number | undefined): Text2 {
  switch (role) {
    case "target":
      return { vi: `mục tiêu ${year}`, en: `${year} target` };
    case "note":
      return { vi: "ghi chú", en: "note" };
    default:
      return { vi: `số liệu ${year}`, en: `${year} value` };
  }
}

/** Parameters of a finding about one value cell of an indicator. */
export type CellParams = { label: string; role: "baseline" | "result"; year: number };

/** Parameters of a finding that speaks for several cells of one column. */
export type CellGroupParams = { role: "baseline" | "result"; year: number; count: number; cells: string[] };
