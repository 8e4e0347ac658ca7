/**
 * The results sheet in Excel: the engine's layout (engine/resultsSheet.ts) carried out as
 * writes for the batch runner, and the rule that says which sheet is the add-in's results
 * sheet: the one NQ24_Meta names whose check-id cell holds the id recorded with it.
 */
import type { AddinMetadata } from "../../engine/metadata";
import { RESULTS_SIGNATURES } from "../../engine/metadata";
import { SHEET_NAMES } from "../../engine/layout";
import { CHECK_ID_CELL, RESULTS_STYLES, ResultsSheetLayout, ResultsStyleKey } from "../../engine/resultsSheet";
import type { CellValue, LocatedTable, RangeRect, WorkbookSnapshot } from "../../engine/types";
import { a1, quoteSheet, rangeA1 } from "./a1";
import { actionBytes, NAV_BYTES, pathBytes, sheetNamed, textBlockBytes, Write, writeRange } from "./batch";
import type { Capabilities } from "./capabilities";
import type { SheetInfo } from "./read";
import { heightRuns, queuePageSetup } from "./print";
import { applyCellStyle, charsToPoints, styleBytes } from "./style";

export interface ResultsTarget {
  name: string;
  exists: boolean;
}

/** What is known of the workbook when choosing where results go. */
export interface ResultsContext {
  sheets: SheetInfo[];
  meta: AddinMetadata;
  /** Values read by the same action: at least A1:B3 of the candidate sheets. */
  snapshot?: WorkbookSnapshot;
  tables?: LocatedTable[];
}

/** The value a cell holds in a snapshot (null when empty or outside its used range). */
export function snapshotValue(snapshot: WorkbookSnapshot, sheet: string, row: number, col: number): CellValue {
  const s = snapshot.sheets.find((x) => x.name === sheet);
  if (!s) return null;
  const r = s.values[row - s.origin.row];
  const v = r ? r[col - s.origin.col] : undefined;
  return v === undefined || v === "" ? null : v;
}

/** Names of the report's own sheets (and their renamed copies): never a results sheet. */
function isReportSheetName(name: string): boolean {
  const fixed = [SHEET_NAMES.cover, SHEET_NAMES.PL1, SHEET_NAMES.PL2, SHEET_NAMES.lists, SHEET_NAMES.meta].map((n) => n.toLowerCase());
  return fixed.indexOf(name.toLowerCase()) >= 0 || /^(Phụ lục [12]|Bìa)( \(\d+\))?$/i.test(name);
}

/** Records made before results sheets carried a check id held Excel's worksheet id ("{…}"). */
function isLegacyRecord(id: string | undefined): boolean {
  return !!id && id.charAt(0) === "{";
}

/**
 * A sheet the add-in may clear and rewrite as its results: named by the records, carrying
 * our title in A1 and, in its check-id cell, the id recorded with it; never a report sheet
 * or a sheet holding a located table. A user's sheet that took the name, or copied the
 * title, lacks the id and is left alone; the worksheet's own Excel id plays no part.
 */
export function isOurResultsSheet(prev: ResultsContext, name: string): boolean {
  const info = prev.sheets.find((s) => s.name === name);
  if (!info || isReportSheetName(name) || !prev.snapshot) return false;
  if ((prev.tables ?? []).some((t) => t.sheet === name)) return false;
  const recorded = name === prev.meta.run.resultsSheet || prev.meta.sheets.some((s) => s.name === name && s.role === "results");
  if (!recorded) return false;
  const title = snapshotValue(prev.snapshot, name, 0, 0);
  if (title === null || RESULTS_SIGNATURES.indexOf(String(title)) < 0) return false;
  const id = prev.meta.run.resultsSheetId;
  if (!id || isLegacyRecord(id)) return name === prev.meta.run.resultsSheet;
  return String(snapshotValue(prev.snapshot, name, CHECK_ID_CELL.row, CHECK_ID_CELL.col) ?? "") === id;
}

/** Where the results go: our proven results sheet, else the standard name or the first free "(n)" after it. */
export function resultsTarget(prev: ResultsContext): ResultsTarget {
  const taken = new Set(prev.sheets.map((s) => s.name.toLowerCase()));
  const recorded = prev.meta.run.resultsSheet;
  if (recorded && isOurResultsSheet(prev, recorded)) return { name: recorded, exists: true };
  if (!taken.has(SHEET_NAMES.results.toLowerCase())) return { name: SHEET_NAMES.results, exists: false };
  if (isOurResultsSheet(prev, SHEET_NAMES.results)) return { name: SHEET_NAMES.results, exists: true };
  let i = 2;
  while (taken.has(`${SHEET_NAMES.results} (${i})`.toLowerCase())) i++;
  return { name: `${SHEET_NAMES.results} (${i})`, exists: false };
}

/** Rows per values write: under the 1,500 cells above which the library splits a write itself. */
const ROWS_PER_WRITE = 150;

function colLetters(col: number): string {
  return a1(0, col).replace(/\d+$/, "");
}

/** Cells of one style, as rectangles: runs along each row, stacked when they line up. */
function styleRects(layout: ResultsSheetLayout): Map<ResultsStyleKey, RangeRect[]> {
  const out = new Map<ResultsStyleKey, RangeRect[]>();
  layout.rows.forEach((row, i) => {
    let j = 0;
    while (j < row.length) {
      const style = row[j].style;
      let k = j;
      while (k + 1 < row.length && row[k + 1].style === style) k++;
      if (style) {
        const list = out.get(style) ?? [];
        const last = list[list.length - 1];
        if (last && last.col === j && last.colCount === k - j + 1 && last.row + last.rowCount === i) last.rowCount++;
        else list.push({ row: i, col: j, rowCount: 1, colCount: k - j + 1 });
        out.set(style, list);
      }
      j = k + 1;
    }
  });
  return out;
}

/**
 * The writes that make the results sheet: the sheet (added, or cleared when it is ours
 * already), its text (text format first, so nothing is run as a formula), styles, links
 * to the cells (≥1.7), column widths and merges (≥1.2), frozen header (≥1.7), filter and
 * A4 printing (≥1.9).
 */
export function resultsWrites(context: Excel.RequestContext, layout: ResultsSheetLayout, target: ResultsTarget, caps: Capabilities): Write[] {
  const name = target.name;
  const width = layout.width;
  const ws = () => sheetNamed(context, name);
  const writes: Write[] = [];
  writes.push({
    bytes: pathBytes(name) + pathBytes() + actionBytes(["All"]),
    queue: () => {
      if (target.exists) {
        const all = ws().getRange();
        context.trackedObjects.remove(all);
        all.clear("All");
      } else context.workbook.worksheets.add(name);
    },
  });
  const grid = layout.rows.map((r) => Array.from({ length: width }, (_, j) => (r[j] ? r[j].text : "")));
  for (let i = 0; i < grid.length; i += ROWS_PER_WRITE) {
    const rows = grid.slice(i, i + ROWS_PER_WRITE);
    const formats = rows.map((r) => r.map(() => "@"));
    writes.push({
      bytes: textBlockBytes("A1:G150", rows, formats),
      queue: () => {
        const block = writeRange(context, ws(), rangeA1({ row: i, col: 0, rowCount: rows.length, colCount: width }));
        // Text format before the values: finding text that starts with "=", "+", "-" or "@" stays text.
        block.numberFormat = formats;
        block.values = rows;
      },
    });
  }
  const all = rangeA1({ row: 0, col: 0, rowCount: Math.max(1, grid.length), colCount: width });
  writes.push({
    bytes: pathBytes(all) + 2 * NAV_BYTES + actionBytes(layout.font.name) + actionBytes(layout.font.size),
    queue: () => {
      const font = writeRange(context, ws(), all).format.font;
      font.name = layout.font.name;
      font.size = layout.font.size;
    },
  });
  styleRects(layout).forEach((rects, style) => {
    const st = RESULTS_STYLES[style];
    for (const rect of rects) {
      if (st.fill) writes.push({ fill: { sheet: name, address: rangeA1(rect), color: st.fill } });
      const rest = { ...st, fill: undefined };
      if (Object.keys(rest).some((k) => rest[k as keyof typeof rest] !== undefined)) {
        writes.push({ bytes: styleBytes(rangeA1(rect), rest), queue: () => applyCellStyle(writeRange(context, ws(), rangeA1(rect)), rest) });
      }
    }
  });
  if (caps.hyperlinks) {
    for (const l of layout.links) {
      const link = { documentReference: `${quoteSheet(l.target.sheet)}!${a1(l.target.row, l.target.col)}`, textToDisplay: l.text || a1(l.target.row, l.target.col), screenTip: `${l.target.sheet}!${a1(l.target.row, l.target.col)}` };
      writes.push({ bytes: pathBytes(a1(l.row, l.col)) + actionBytes(link), queue: () => void (writeRange(context, ws(), a1(l.row, l.col)).hyperlink = link) });
    }
  }
  writes.push({
    bytes: (width + layout.merges.length) * (pathBytes("A:A") + NAV_BYTES + actionBytes()) + 16 * (pathBytes() + NAV_BYTES + actionBytes({ horizontalFitToPages: 1, verticalFitToPages: 0 })),
    queue: () => {
      const sheet = ws();
      if (caps.protection) {
        layout.widths.forEach((w, j) => {
          writeRange(context, sheet, `${colLetters(j)}:${colLetters(j)}`).format.columnWidth = charsToPoints(w);
        });
        for (const m of layout.merges) writeRange(context, sheet, rangeA1(m)).merge(false);
      }
      if (caps.freezePanes && layout.freezeRows > 0) sheet.freezePanes.freezeRows(layout.freezeRows);
      if (caps.autoFilter && layout.filter) sheet.autoFilter.apply(writeRange(context, sheet, rangeA1(layout.filter)));
      queuePageSetup(sheet, layout.print, caps);
    },
  });
  // Rows of wrapped findings tall enough to print them (ExcelApi 1.2), one write per run of equal heights.
  if (caps.protection) {
    for (const run of heightRuns(layout.rowHeights)) {
      const rows = `${run.first + 1}:${run.last + 1}`;
      writes.push({ bytes: pathBytes(rows) + NAV_BYTES + actionBytes(run.height), queue: () => void (writeRange(context, ws(), rows).format.rowHeight = run.height) });
    }
  }
  return writes;
}
