/**
 * How the sheets we write are printed, defined once: the Office.js adapter and the .xlsx
 * writer both render this page setup, neither designs its own.
 *
 * Official documents (Nghị định 30/2020/NĐ-CP) are set in Times New Roman 13–14 pt; an
 * appendix table is printed no smaller than 12 pt. So the appendix columns are sized to
 * fit an A4 landscape page at full size, the page fits the table to its width only (as
 * many pages down as needed, never a whole sheet shrunk onto one page), the header row
 * repeats on every page, and what is not part of the official table (the status column,
 * the hidden id column) is outside the print area.
 */
import type { RangeRect } from "./types";

/** The font of every sheet we write: Vietnamese administrative documents use Times New Roman. */
export const DOCUMENT_FONT = { name: "Times New Roman", size: 13 } as const;
/** The results sheet is a working list, not an official document: one size smaller. */
export const RESULTS_FONT = { name: "Times New Roman", size: 12 } as const;
/** No text of an official table prints smaller than this (points, at the page's scale). */
export const MIN_PRINTED_POINTS = 12;

/** Margins in inches, as both Excel's PageLayout and the .xlsx file store them. */
export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
  header: number;
  footer: number;
}

const MM = 1 / 25.4;

/**
 * A4 landscape for a table: 20 mm left (the binding side), 15 mm right, 20 mm top, 15 mm
 * bottom, the page number 8 mm from the top edge. Nghị định 30's portrait margins
 * (30/15/20/20 mm) would leave too narrow a table for the columns at 13 pt.
 */
export const TABLE_MARGINS: Margins = { left: 20 * MM, right: 15 * MM, top: 20 * MM, bottom: 15 * MM, header: 8 * MM, footer: 8 * MM };

export interface PageSetup {
  paper: "A4";
  landscape: boolean;
  /** Fit the columns to one page wide, as many pages tall as needed (never fit to one page). */
  fitToWidth: boolean;
  /** 0-based rows printed at the top of every page. */
  repeatRows?: { first: number; last: number };
  /** What is printed; the whole used range when absent. */
  printArea?: RangeRect;
  margins: Margins;
  centerHorizontally: boolean;
  /**
   * Print without cell colours: the fills the add-in puts on problem cells (and the input
   * and header tints) are screen aids, not part of the official table. Excel honours it;
   * LibreOffice ignores it (print the copy made by "Gửi tỉnh" / `nq24 export` there).
   */
  blackAndWhite: boolean;
  /** The page header in Excel's header/footer codes ("&P" the page number). */
  header?: string;
}

/**
 * The page number, as Nghị định 30 places it: centred in the top margin, Arabic numerals,
 * Times New Roman 13 (Excel's codes: &"font,style", &size, &P). Excel numbers the pages of a
 * workbook printed whole in one run; LibreOffice starts each sheet at 1.
 */
export const PAGE_HEADER = '&"Times New Roman,Regular"&13&P';

/** The page setup of an appendix sheet: its printed columns are `printedCols` from column A. */
export function appendixPageSetup(headerRow: number, lastRow: number, printedCols: number): PageSetup {
  return {
    paper: "A4",
    landscape: true,
    fitToWidth: true,
    repeatRows: { first: headerRow, last: headerRow },
    printArea: { row: 0, col: 0, rowCount: lastRow + 1, colCount: printedCols },
    margins: TABLE_MARGINS,
    centerHorizontally: true,
    blackAndWhite: true,
    header: PAGE_HEADER,
  };
}

/** Page setup of a sheet that is not an official table (cover, results): A4, fitted to width. */
export function plainPageSetup(landscape: boolean, repeatRows?: { first: number; last: number }): PageSetup {
  return { paper: "A4", landscape, fitToWidth: true, ...(repeatRows ? { repeatRows } : {}), margins: TABLE_MARGINS, centerHorizontally: true, blackAndWhite: false, header: PAGE_HEADER };
}

/** A4 in points. */
const A4 = { short: 595.28, long: 841.89 };

/**
 * Width in points of a column of `chars` characters as Excel counts them (the digit width of
 * the default font, Calibri 11: 7 px, plus 5 px of padding, at 96 px to the inch).
 */
export function columnPoints(chars: number): number {
  return Math.round(chars * 7 + 5) * 0.75;
}

/** The printable width of the page, in points. */
export function printableWidth(setup: PageSetup): number {
  const paper = setup.landscape ? A4.long : A4.short;
  return paper - (setup.margins.left + setup.margins.right) * 72;
}

/** The scale fit-to-width prints at (1 when the columns fit), from the printed columns' widths in characters. */
export function fitToWidthScale(setup: PageSetup, printedWidths: number[]): number {
  const content = printedWidths.reduce((s, w) => s + columnPoints(w), 0);
  return Math.min(1, printableWidth(setup) / content);
}

/** Excel and the .xlsx file write print titles as "$5:$5". */
export function repeatRowsA1(r: { first: number; last: number }): string {
  return `$${r.first + 1}:$${r.last + 1}`;
}

// ---------------------------------------------------------------- Row heights

/**
 * Advance widths of Times New Roman in ems, rounded up a little so an estimate errs towards
 * a taller row (some white space) rather than a shorter one (text cut off when printed).
 */
function charEms(ch: string): number {
  if (ch === " ") return 0.25;
  if (/[A-ZĐÂĂÊÔƠƯ]/.test(ch.normalize("NFD").charAt(0))) return 0.7;
  if (/[iljtf.,;:'!|()[\]-]/.test(ch)) return 0.3;
  if (/[mwMW]/.test(ch)) return 0.78;
  return 0.5;
}

function textPoints(text: string, size: number, bold: boolean): number {
  let ems = 0;
  for (const ch of text) ems += charEms(ch);
  return ems * size * (bold ? 1.06 : 1);
}

/** Lines a text takes when wrapped at word boundaries in a column `width` points wide. */
export function wrappedLines(text: string, width: number, size: number, bold = false): number {
  let lines = 0;
  for (const para of text.split("\n")) {
    let line = 0;
    lines++;
    for (const word of para.split(" ")) {
      const w = textPoints(word, size, bold);
      const gap = line > 0 ? textPoints(" ", size, bold) : 0;
      if (line > 0 && line + gap + w > width) {
        lines++;
        line = 0;
      }
      // A word longer than the column breaks across lines.
      if (w > width) {
        lines += Math.ceil(w / width) - 1;
        line = w % width;
      } else line += (line > 0 ? gap : 0) + w;
    }
  }
  return lines;
}

export interface MeasuredCell {
  row: number;
  col: number;
  text: string;
  size: number;
  bold: boolean;
  wrap: boolean;
}

/** Points of one line of text at a size (the line spacing spreadsheets give Times New Roman). */
export function lineHeight(size: number): number {
  return size * 1.2;
}

/**
 * Row heights (points) for wrapped text, so the printed rows show all their text: neither
 * Excel nor LibreOffice fits the height of a row written by a program when it opens the file.
 * A merged cell is measured across its columns. Rows of one line keep the default height.
 */
export function wrappedRowHeights(cells: MeasuredCell[], widths: number[], merges: RangeRect[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const c of cells) {
    if (!c.wrap || !c.text) continue;
    const m = merges.find((x) => x.row === c.row && x.col === c.col && x.rowCount === 1);
    const span = m ? widths.slice(c.col, c.col + m.colCount) : [widths[c.col] ?? 10];
    // Cell padding: about 2 pt each side.
    const width = span.reduce((s, w) => s + columnPoints(w), 0) - 4;
    const lines = wrappedLines(c.text, width, c.size, c.bold);
    if (lines < 2 && c.size <= 13) continue;
    const h = Math.ceil(lines * lineHeight(c.size) + 3);
    out[c.row] = Math.max(out[c.row] ?? 0, h);
  }
  return out;
}
