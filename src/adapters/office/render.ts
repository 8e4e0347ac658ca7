/**
 * SheetTemplate (layout.ts) → a live sheet. The layout is defined once in the engine;
 * this only carries it out with Office.js, skipping what the host cannot do.
 */
import type { RangeRect } from "../../engine/types";
import { SheetTemplate, STYLES, StyleKey, TemplateCell } from "../../engine/layout";
import { STATUS_TEXT, TREND_TEXT } from "../../engine/status";
import { a1, rangeA1 } from "./a1";
import { writeRange } from "./batch";
import { Capabilities, hostCapabilities } from "./capabilities";
import { ACTIONS } from "./errors";
import { heightRuns, queuePageSetup } from "./print";
import { applyCellStyle, charsToPoints } from "./style";
import { timed } from "./sync";

export interface RenderOptions {
  caps: Capabilities;
  /** Name to give the sheet (a renamed copy "Phụ lục 1 (2)"); the template's name otherwise. */
  sheetName?: string;
  /** Render over an existing sheet (repair) instead of adding one. */
  existing?: boolean;
  /** The existing sheet was protected by an earlier version of the add-in: unprotected (once, on Insert) before the repair. */
  unprotectFirst?: boolean;
  /** Cells ("row,col") whose value and number format are kept as the user left them. */
  keep?: Set<string>;
}

export interface RenderSummary {
  sheet: string;
  skipped: ("protection" | "merges" | "columnWidths" | "dataValidation" | "pageLayout" | "freezePanes" | "conditionalFormats" | "hideSheet")[];
}

export { charsToPoints };

function colLetters(col: number): string {
  return a1(0, col).replace(/\d+$/, "");
}

/** Cells of one row grouped into runs of adjacent columns. */
function rowRuns<T extends { row: number; col: number }>(cells: T[]): T[][] {
  const sorted = cells.slice().sort((a, b) => a.row - b.row || a.col - b.col);
  const runs: T[][] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    const prev = last ? last[last.length - 1] : null;
    if (prev && prev.row === c.row && prev.col + 1 === c.col) last.push(c);
    else runs.push([c]);
  }
  return runs;
}

/** Style runs: the same style on adjacent cells of a row, then identical runs stacked vertically. */
function styleBlocks(cells: TemplateCell[]): { style: StyleKey; rect: RangeRect }[] {
  const byStyle = new Map<StyleKey, TemplateCell[]>();
  for (const c of cells) {
    if (!c.style) continue;
    const list = byStyle.get(c.style) ?? [];
    list.push(c);
    byStyle.set(c.style, list);
  }
  const out: { style: StyleKey; rect: RangeRect }[] = [];
  byStyle.forEach((list, style) => {
    const rects = rowRuns(list).map((run) => ({ row: run[0].row, col: run[0].col, rowCount: 1, colCount: run.length }));
    rects.sort((a, b) => a.col - b.col || a.colCount - b.colCount || a.row - b.row);
    const merged: RangeRect[] = [];
    for (const r of rects) {
      const last = merged[merged.length - 1];
      if (last && last.col === r.col && last.colCount === r.colCount && last.row + last.rowCount === r.row) last.rowCount++;
      else merged.push({ ...r });
    }
    for (const r of merged) out.push({ style, rect: r });
  });
  return out;
}

/** Validations for consecutive rows with the same list, as one range each. */
function validationBlocks(tpl: SheetTemplate): { rect: RangeRect; source: string; warning: boolean }[] {
  const sorted = tpl.validations.slice().sort((a, b) => a.range.col - b.range.col || a.range.row - b.range.row);
  const out: { rect: RangeRect; source: string; warning: boolean }[] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && last.source === v.listSource && last.rect.col === v.range.col && last.rect.colCount === v.range.colCount && last.rect.row + last.rect.rowCount === v.range.row) {
      last.rect.rowCount += v.range.rowCount;
    } else {
      // Yes/no lists are the fixed answers; the "no data" list only offers "-" and lets any other text through.
      out.push({ rect: { ...v.range }, source: v.listSource, warning: v.choices.indexOf("Có") < 0 });
    }
  }
  return out;
}

/** Queues the whole sheet; the caller syncs (several sheets can share one batch). */
export function queueTemplate(context: Excel.RequestContext, tpl: SheetTemplate, opts: RenderOptions): RenderSummary {
  const { caps } = opts;
  const name = opts.sheetName ?? tpl.name;
  const ws = opts.existing ? context.workbook.worksheets.getItem(name) : context.workbook.worksheets.add(name);
  const skipped: RenderSummary["skipped"] = [];
  if (opts.unprotectFirst && caps.protection) ws.protection.unprotect();

  const keep = opts.keep ?? new Set<string>();
  const cells = tpl.cells.filter((c) => !keep.has(`${c.row},${c.col}`));
  const lastRow = tpl.cells.reduce((m, c) => Math.max(m, c.row), 0);
  const width = tpl.columns.length;

  if (caps.protection) {
    // Repair: the template's own merges are re-made; stray merges in its area would block them.
    if (opts.existing) writeRange(context, ws, rangeA1({ row: 0, col: 0, rowCount: lastRow + 1, colCount: width })).unmerge();
  } else skipped.push("merges", "columnWidths", "protection");

  // Number formats before values, so "2/2" or "27,5" typed into a text cell stays text, and
  // every text of the template (labels, titles, ids, STT, units) is text: through `values`,
  // Excel would run "- Số người chết…" as a formula.
  // The document font over the whole sheet first (ExcelApi 1.1); styles then set sizes that differ.
  const font = writeRange(context, ws, rangeA1({ row: 0, col: 0, rowCount: lastRow + 1, colCount: width })).format.font;
  font.name = tpl.font.name;
  font.size = tpl.font.size;

  for (const run of rowRuns(cells.filter((c) => !c.formula))) {
    const r = writeRange(context, ws, rangeA1({ row: run[0].row, col: run[0].col, rowCount: 1, colCount: run.length }));
    r.numberFormat = [run.map((c) => c.numberFormat ?? (typeof c.value === "string" && c.value !== "" ? "@" : "General"))];
    r.values = [run.map((c) => (c.value === null ? "" : c.value))];
  }
  // Formulas (the attachment line over the cover) in General format, so Excel calculates them.
  for (const c of cells) {
    if (!c.formula) continue;
    const r = writeRange(context, ws, a1(c.row, c.col));
    r.numberFormat = [["General"]];
    r.formulas = [[c.formula]];
  }
  for (const b of styleBlocks(tpl.cells)) applyCellStyle(writeRange(context, ws, rangeA1(b.rect)), STYLES[b.style]);
  // Rows of wrapped text tall enough to print it all (ExcelApi 1.2), runs of equal heights at once.
  if (caps.protection) for (const run of heightRuns(tpl.rowHeights ?? {})) writeRange(context, ws, `${run.first + 1}:${run.last + 1}`).format.rowHeight = run.height;

  if (caps.protection) {
    for (const m of tpl.merges) writeRange(context, ws, rangeA1(m)).merge(false);
    tpl.columns.forEach((c, i) => {
      const col = writeRange(context, ws, `${colLetters(i)}:${colLetters(i)}`);
      col.format.columnWidth = charsToPoints(c.width);
      if (c.hidden) col.columnHidden = true;
    });
    // Input cells unlocked: a user who protects the sheet keeps them editable.
    for (const r of tpl.inputRanges) writeRange(context, ws, rangeA1(r)).format.protection.locked = false;
  }

  if (caps.dataValidation) {
    for (const v of validationBlocks(tpl)) {
      const range = writeRange(context, ws, rangeA1(v.rect));
      range.dataValidation.clear();
      // A range reference, never an inline list: Excel splits inline lists on commas.
      range.dataValidation.rule = { list: { inCellDropDown: true, source: `=${v.source}` } };
      range.dataValidation.errorAlert = { showAlert: true, style: v.warning ? "Warning" : "Stop", title: "NQ24", message: "Chọn trong danh sách hoặc nhập giá trị. / Pick from the list or type a value." };
    }
  } else if (tpl.validations.length) skipped.push("dataValidation");

  // Status texts coloured by conditional formatting (≥1.6), from the engine's own wording;
  // "begins with" so that "Chưa đạt" is never taken for "Đạt".
  const statusCol = tpl.columns.findIndex((c) => c.key === "status");
  const rows = tpl.indicatorRows ? Object.keys(tpl.indicatorRows).map((k) => (tpl.indicatorRows as Record<string, number>)[k]) : [];
  if (statusCol >= 0 && rows.length) {
    if (caps.conditionalFormats) {
      const first = Math.min(...rows);
      const range = writeRange(context, ws, rangeA1({ row: first, col: statusCol, rowCount: Math.max(...rows) - first + 1, colCount: 1 }));
      range.conditionalFormats.clearAll();
      const good = [STATUS_TEXT.achieved, STATUS_TEXT.exceeded, TREND_TEXT.better];
      const bad = [STATUS_TEXT.notAchieved, TREND_TEXT.worse];
      for (const [texts, font, fill] of [
        [good, "#006100", "#C6EFCE"],
        [bad, "#9C0006", "#FFC7CE"],
      ] as const) {
        for (const t of texts) {
          for (const text of [t.vi, t.en]) {
            const cf = range.conditionalFormats.add("ContainsText");
            cf.textComparison.format.font.color = font;
            cf.textComparison.format.fill.color = fill;
            cf.textComparison.rule = { operator: "BeginsWith", text };
          }
        }
      }
    } else skipped.push("conditionalFormats");
  }

  if (tpl.print && !queuePageSetup(ws, tpl.print, caps)) skipped.push("pageLayout");
  if (tpl.freeze) {
    if (caps.freezePanes) ws.freezePanes.freezeRows(tpl.freeze.rows);
    else skipped.push("freezePanes");
  }
  // Hiding a sheet is ExcelApi 1.2 (reading visibility is 1.1): below it the helper sheet stays visible.
  if (tpl.hidden) {
    if (caps.sheetVisibility) ws.visibility = "Hidden";
    else skipped.push("hideSheet");
  }
  // No protection: a protected sheet could only take the add-in's marks after an unprotect,
  // and protect and unprotect empty Excel's undo history. The check reports edited labels.
  return { sheet: name, skipped };
}

/** One sheet in one sync. */
export async function renderTemplate(context: Excel.RequestContext, tpl: SheetTemplate, opts: RenderOptions = { caps: hostCapabilities() }): Promise<RenderSummary> {
  const summary = queueTemplate(context, tpl, opts);
  await timed(context.sync(), { action: ACTIONS.insert, sheet: summary.sheet });
  return summary;
}
