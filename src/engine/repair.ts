/**
 * Repair of a sheet made by our template, planned without Excel: which cells the template
 * rewrites and which typed values it keeps. A value follows its indicator by id even if
 * rows were moved; a value still in its template cell is not rewritten at all (keeping its
 * exact type and format); a moved one is written back as the text shown.
 */
import type { AppendixId, Catalogue } from "../catalogue/types";
import { APPENDIX_COLUMNS, COVER_FIELDS, COVER_VALUE_COL, FillValues, INPUT_NUMBER_FORMAT, SheetTemplate } from "./layout";
import type { CellValue } from "./types";

/** What a sheet holds now: its used range's values and displayed text. */
export interface ExistingSheet {
  origin: { row: number; col: number };
  values: CellValue[][];
  text: string[][];
}

export function str(v: CellValue | undefined): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

export function cellOf(r: ExistingSheet, row: number, col: number): { value: CellValue; text: string } {
  const i = row - r.origin.row;
  const j = col - r.origin.col;
  if (i < 0 || j < 0 || i >= r.values.length || j >= r.values[i].length) return { value: null, text: "" };
  return { value: r.values[i][j], text: r.text[i] ? r.text[i][j] : "" };
}

/** Ids of our template in the hidden id column: the mark of a sheet we made. */
export function idRows(r: ExistingSheet, appendix: AppendixId, catalogue: Catalogue): Map<string, number> {
  const idCol = APPENDIX_COLUMNS[appendix].findIndex((c) => c.key === "id");
  const ids = new Set(catalogue.rows.filter((x) => x.appendix === appendix).map((x) => x.id));
  const out = new Map<string, number>();
  for (let i = 0; i < r.values.length; i++) {
    const v = str(cellOf(r, r.origin.row + i, idCol).value);
    if (ids.has(v) && !out.has(v)) out.set(v, r.origin.row + i);
  }
  return out;
}

/** Half the cover's labels where the template puts them: the cover is ours. */
export function isOurCover(r: ExistingSheet): boolean {
  return COVER_FIELDS.filter((f) => str(cellOf(r, f.row, 0).value) === f.label.vi).length >= Math.ceil(COVER_FIELDS.length / 2);
}

const VALUE_KEYS = ["baseline", "result", "note"] as const;

/**
 * The template to render over an existing sheet, and the cells ("row,col") to leave as the
 * user left them; null when the sheet is not one of ours (then a new sheet is made beside it).
 */
export function repairPlan(t: SheetTemplate, r: ExistingSheet, catalogue: Catalogue, extra?: FillValues): { template: SheetTemplate; keep: Set<string> } | null {
  const keep = new Set<string>();
  if (t.role === "cover") {
    if (!isOurCover(r)) return null;
    for (const f of COVER_FIELDS) {
      if (str(cellOf(r, f.row, COVER_VALUE_COL).value) !== "") keep.add(`${f.row},${COVER_VALUE_COL}`);
    }
    return { template: t, keep };
  }
  if (t.role !== "PL1" && t.role !== "PL2") return null;
  const appendix = t.role;
  const rows = idRows(r, appendix, catalogue);
  const indicatorCount = Object.keys(t.indicatorRows ?? {}).length;
  if (rows.size < Math.max(1, Math.floor(indicatorCount / 2))) return null;
  const cols = APPENDIX_COLUMNS[appendix];
  const idx = (k: string) => cols.findIndex((c) => c.key === k);
  const moved: FillValues = {};
  const tplRows = valueRows(t, idx("id"), idx("note"));
  rows.forEach((row, id) => {
    const target = tplRows[id];
    if (target === undefined) return;
    // A heading row ("- Thủy điện") has only its note cell to keep.
    const keys = t.indicatorRows && t.indicatorRows[id] !== undefined ? VALUE_KEYS : (["note"] as const);
    for (const k of keys) {
      const c = cellOf(r, row, idx(k));
      if (str(c.value) === "" && c.text === "") continue;
      if (row === target) keep.add(`${row},${idx(k)}`);
      else (moved[id] = moved[id] ?? {})[k] = c.text !== "" ? c.text : str(c.value);
    }
  });
  const fill = { ...(extra ?? {}), ...moved };
  const idAtRow = new Map<number, string>();
  Object.keys(tplRows).forEach((id) => idAtRow.set(tplRows[id], id));
  const cells = t.cells.map((c) => {
    const id = idAtRow.get(c.row);
    if (!id || !fill[id]) return c;
    const key = VALUE_KEYS.find((k) => idx(k) === c.col);
    const v = key ? fill[id][key] : undefined;
    return v !== undefined ? { ...c, value: v, numberFormat: INPUT_NUMBER_FORMAT } : c;
  });
  return { template: { ...t, cells }, keep };
}

/** Rows that take typed values, by id: the indicators, and the headings that carry a note cell. */
function valueRows(t: SheetTemplate, idCol: number, noteCol: number): Record<string, number> {
  const out: Record<string, number> = { ...(t.indicatorRows ?? {}) };
  // A note cell is an input cell, whichever of the input styles lays it out.
  const noteRows = new Set(t.cells.filter((c) => c.col === noteCol && (c.style === "input" || c.style === "noteInput")).map((c) => c.row));
  for (const c of t.cells) {
    if (c.col === idCol && noteRows.has(c.row) && typeof c.value === "string" && out[c.value] === undefined) out[c.value] = c.row;
  }
  return out;
}

/**
 * Where the sample's values go on an existing sheet of ours: one row write per indicator
 * found by id (the three input cells), or null when the sheet is not ours.
 */
export function sampleWrites(appendix: AppendixId, r: ExistingSheet, catalogue: Catalogue, fill: FillValues): { row: number; col: number; values: string[] }[] {
  const rows = idRows(r, appendix, catalogue);
  const first = APPENDIX_COLUMNS[appendix].findIndex((c) => c.key === "baseline");
  const out: { row: number; col: number; values: string[] }[] = [];
  rows.forEach((row, id) => {
    const v = fill[id];
    if (!v) return;
    // A heading's note alone: its baseline and result cells lie under the merged label.
    if (v.baseline === undefined && v.result === undefined) {
      if (v.note !== undefined) out.push({ row, col: first + 2, values: [v.note] });
      return;
    }
    out.push({ row, col: first, values: [v.baseline ?? "", v.result ?? "", v.note ?? ""] });
  });
  return out;
}
