/**
 * Reading a located table: for each matched row, the cell of each value column parsed with
 * the indicator's hint, merged cells followed as Excel shows them, and notes written on a
 * heading row passed down to the rows under it.
 */
import type { IndicatorRow, PeriodYears } from "../catalogue/types";
import type { CatalogueIndex, MatchOutcome, TableRows } from "./recognize";
import { mergeAt } from "./recognizeCells";
import type { IndicatorReading, ParsedValue, ReadCell, SheetSnapshot } from "./types";
import { readFigure, tableUnits } from "./tableUnits";
import { parseCell, parseText, type ValueHint } from "./values";

/**
 * The value Excel shows at an absolute cell. A merged area covers every cell of it: a note
 * or a value merged down over several rows (or across both years) is read for each row and
 * column it covers, at its top-left cell — unless the area starts left of the value columns
 * (a heading's label spanning the row), which holds no value of this column.
 */
export function readCell(sheet: SheetSnapshot, row: number, col: number, hint: ValueHint, firstValueCol = 0, indicatorId?: string): ReadCell {
  let r = row;
  let c = col;
  const m = mergeAt(sheet, row, col);
  if (m) {
    if (m.col < firstValueCol) r = -1;
    else {
      r = m.row;
      c = m.col;
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
  // The row's own cell: a finding about a merged figure points at the row it is read for.
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
