/**
 * Helpers for the report cross-check tests: the Lai Châu sample's check as the appendices,
 * a hand-made list's figure found among the code's, and a figure planted in one paragraph.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { laiChauSample, nationalCatalogue, sampleFillValues } from "../../src/catalogue";
import { checkWorkbook } from "../../src/engine/check";
import { buildWorkbookTemplate } from "../../src/engine/layout";
import { appendixFacts, crossCheckText, type ReportCheck, type ReportFigure } from "../../src/engine/report";
import { templateToSnapshot } from "./snapshot";

export interface HandList {
  cites: { paragraph: number; figure: string; occurrence?: number; year: number | string | null; indicator: string }[];
  nearMisses: { paragraph: number; figure: string; occurrence?: number; looksLike: string; why: string }[];
  planted?: { paragraph: number; from: string; to: string; indicator: string }[];
}

export const reportFixtures = join(__dirname, "..", "fixtures", "report");

export function readFixture(name: string): string {
  return readFileSync(join(reportFixtures, name), "utf8");
}

export function readHandList(name: string): HandList {
  return JSON.parse(readFixture(name)) as HandList;
}

export const sampleCheck = checkWorkbook(templateToSnapshot(buildWorkbookTemplate(nationalCatalogue, laiChauSample.cover, sampleFillValues())), nationalCatalogue);
const facts = appendixFacts(sampleCheck);

/** The text cross-checked against the Lai Châu sample. */
export function againstSample(text: string): ReportCheck {
  return crossCheckText(text, facts, nationalCatalogue);
}

/** An indicator and those the catalogue links to it (they measure the same thing). */
export function sameMeasure(id: string): string[] {
  const ind = nationalCatalogue.rows.find((r) => r.id === id);
  return ind && ind.type === "indicator" ? [id, ...ind.links] : [id];
}

/** The code's figure for a hand-listed one: same paragraph, same text, n-th of that text. */
export function figureOf(r: ReportCheck, paragraph: number, figure: string, occurrence = 1): ReportFigure | undefined {
  return r.figures.filter((f) => f.paragraph === paragraph && f.figure === figure)[occurrence - 1];
}

/** Replaces `from` by `to` in the given paragraph (the n-th line with text) only. */
export function plant(text: string, paragraph: number, from: string, to: string): string {
  const lines = text.split("\n");
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!/\S/.test(lines[i])) continue;
    n++;
    if (n !== paragraph) continue;
    if (lines[i].indexOf(from) < 0) throw new Error(`paragraph ${paragraph} has no “${from}”`);
    lines[i] = lines[i].replace(from, to);
    return lines.join("\n");
  }
  throw new Error(`no paragraph ${paragraph}`);
}

/** How a figure's year reads in the hand lists: 2013, 2022, null, "2013-2022", "2020-target". */
export function yearAsListed(f: ReportFigure): number | string | null | undefined {
  if (f.change) return "2013-2022";
  switch (f.year.role) {
    case "target":
      return `${f.year.year}-target`;
    case "unstated":
      return null;
    case "baseline":
      return 2013;
    case "result":
      return 2022;
    default:
      return f.year.year;
  }
}
