/**
 * Reading a located table: for each matched row, the cell of each value column parsed with
 * the indicator's hint, merged cells followed as Excel shows them, and notes written on a
 * heading row passed down to the rows under it.
 */
import type { IndicatorRow, PeriodYears } from "../catalogue/types";
import type { CatalogueIndex, MatchOutcome, TableRows } from "./recognize";
import type { IndicatorReading, ParsedValue, RangeRect, ReadCell, SheetSnapshot } from "./types";
import { readFigure, tableUnits } from "./tableUnits";
import { parseCell, parseText, type ValueHint } from "./values";

const mergeIndex = new WeakMap<SheetSnapshot, Map<number, RangeRect[]>>();
const NO_MERGES: RangeRect[] = [];

/** Merged areas covering a row, indexed once per sheet (a template has one per heading row). */
function mergesOnRow(sheet: SheetSnapshot, row: number): RangeRect[] {
  let byRow = mergeIndex.get(sheet);
  if (!byRow) {
    byRow = new Map();
    for (const m of sheet.merges) {
      for (let r = m.row; r < m.row + m.rowCount; r++) {
        const list = byRow.get(r);
        if (list) list.push(m);
        else byRow.set(r, [m]);
      }
    }
    mergeIndex.set(sheet, byRow);
  }
  return byRow.get(row) ?? NO_MERGES;
}

/**
 * The value Excel shows at an absolute cell, following a merged area to its top-left: a note
 * or a figure merged down over several rows ("Không phát sinh" beside three rows) speaks for
 * every row it covers. A merge that starts left of the value columns (a heading's label
 * spanning the row) holds no value of this column.
 */
export function readCell(sheet: SheetSnapshot, row: number, col: number, hint: ValueHint, firstValueCol = 0, indicatorId?: string): ReadCell {
  let r = row;
  let c = col;
  for (const m of mergesOnRow(sheet, row)) {
    if (col >= m.col && col < m.col + m.colCount) {
      if (m.col >= firstValueCol) {
        r = m.row;
        c = m.col;
      } else r = -1;
      break;
    }
  }
  const i = r - sheet.origin.row;
  const j = c - sheet.origin.col;
  const inside = r >= 0 && i >= 0 && j >= 0 && i < sheet.values.length && j < (sheet.values[i]?.length ?? 0);
  let value: ParsedValue;
  if (!inside) value = parseText("", hint);
  else {
    const v = sheet.values[i][j];
    const text = sheet.text[i]?.[j];
    // Most cells of a large table are empty: skip the parser for them.
    value =
      (v === "" || v === null) && (text === "" || text === undefined)
        ? { state: "blank", raw: "" }
        : parseCell({ value: v, valueType: sheet.valueTypes[i]?.[j], numberFormat: sheet.numberFormats[i]?.[j], text }, hint);
  }
  return { address: { sheet: sheet.name, row, col }, value, indicatorId };
}

/** The note that explains a row: its own, else the nearest heading's. */
export function effectiveNote(r: IndicatorReading): ReadCell | undefined {
  if (r.note && r.note.value.state !== "blank") return r.note;
  return r.inheritedNote;
}

const NO_HINT: ValueHint = {};
const TARGET_HINT: ValueHint = { kind: "percent", unit: "%" };
const VALUE_ROLES = ["baseline", "result", "note", "target"] as const;

/** The readings of one table's matched rows, added to `readings` by indicator id, in row order. */
export function readTable(
  sheet: SheetSnapshot,
  picked: { t: TableRows; outcome: MatchOutcome },
  idx: CatalogueIndex,
  catalogueYears: PeriodYears,
  readings: Record<string, IndicatorReading>,
): void {
  const { t, outcome } = picked;
  const columns = t.table.columns;
  const valueCols = (["target", "baseline", "result", "note"] as const).map((k) => columns[k]).filter((c): c is number => c !== undefined);
  const firstValueCol = valueCols.length ? Math.min(...valueCols) : 0;
  // One object per table: every reading of the table shares it.
  const years: PeriodYears = { ...catalogueYears, ...t.table.years };
  const units = tableUnits(sheet, t.table);
  for (const m of outcome.matches) {
    const indicator = idx.byId.get(m.indicatorId) as IndicatorRow;
    const reading: IndicatorReading = { indicator, match: m, years };
    for (const role of VALUE_ROLES) {
      const col = columns[role];
      if (col === undefined) continue;
      if (role === "baseline" || role === "result") {
        // Figures: in the unit the table declares (tableUnits.ts), kept in the indicator's unit.
        reading[role] = readFigure(units, indicator, m.row, role, sheet.name, (hint) => readCell(sheet, m.row, col, hint, firstValueCol, indicator.id));
        continue;
      }
      reading[role] = readCell(sheet, m.row, col, role === "note" ? NO_HINT : TARGET_HINT, firstValueCol, indicator.id);
    }
    readings[indicator.id] = reading;
  }
  const noteCol = columns.note;
  if (noteCol !== undefined) inheritHeadingNotes(sheet, outcome, readings, noteCol, firstValueCol);
}

/** "- Thủy điện … Không có": a note on a heading row speaks for the rows under it that have none. */
function inheritHeadingNotes(sheet: SheetSnapshot, outcome: MatchOutcome, readings: Record<string, IndicatorReading>, noteCol: number, firstValueCol: number): void {
  const headingNotes = new Map<string, ReadCell>();
  for (const h of outcome.headings) {
    const cell = readCell(sheet, h.row, noteCol, NO_HINT, firstValueCol);
    if (cell.value.state !== "blank") headingNotes.set(h.headingId, cell);
  }
  if (headingNotes.size === 0) return;
  for (const m of outcome.matches) {
    const reading = readings[m.indicatorId];
    const path = reading.indicator.path;
    for (let k = path.length - 1; k >= 0; k--) {
      const hn = headingNotes.get(path[k]);
      if (hn) {
        reading.inheritedNote = hn;
        break;
      }
    }
  }
}
