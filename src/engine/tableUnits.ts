/**
 * The units a table declares for its figures, and reading a figure in them.
 *
 * Provinces say what unit a figure is in three ways: on the row (the "ĐVT" / "Đơn vị tính"
 * column), in the column's header ("Số liệu (ha)", "Năm 2022 (tỷ đồng)", a group header over
 * the year cells), or in a line above the table ("Đơn vị tính: triệu đồng"). The row's unit
 * wins over the header's, the header's over the line's; a unit written in the cell itself
 * wins over all of them.
 *
 * A declared unit that can be the indicator's measure is applied: a bare "0,585" under
 * "Tỷ đồng" is 585.000.000 đồng. One that cannot is, for a row's unit, reported (never
 * applied); a header's or a line's applies only to the rows whose measure it can be (a table
 * headed "(ha)" may still hold shares). Figures are then converted to the indicator's unit
 * (values/convert.ts), so statuses, comparisons and province totals add like with like.
 */
import type { IndicatorRow } from "../catalogue/types";
import type { CellUnit, LocatedTable, RangeRect, ReadCell, SheetSnapshot } from "./types";
import { conversionFactor, convertValue, indicatorUnit, unitSize } from "./values/convert";
import { foldAligned, normaliseText } from "./values/text";
import { unitInfo, type ValueHint } from "./values/units";

type FigureRole = "baseline" | "result";

interface Declared {
  text: string;
  source: CellUnit["source"];
  row: number;
  col: number;
}

export interface TableUnits {
  /** The unit declared for a figure of the table: the row's, else its column header's, else the table's. */
  at(row: number, role: FigureRole): { row?: Declared; table?: Declared };
  /** Our own template: its unit column holds the catalogue's units. */
  ownTemplate: boolean;
}

/** Rows above the header row (and the header row) where group headers stating a unit sit. */
const HEADER_BAND = 3;
/** Rows above the header where a "Đơn vị tính: …" line is looked for. */
const TITLE_ROWS = 12;

/** The text Excel shows at an absolute cell, or "". */
function textAt(sheet: SheetSnapshot, row: number, col: number): string {
  const i = row - sheet.origin.row;
  const j = col - sheet.origin.col;
  if (i < 0 || j < 0) return "";
  const t = sheet.text[i]?.[j];
  if (t !== undefined && t !== null && t !== "") return String(t);
  const v = sheet.values[i]?.[j];
  return v === null || v === undefined ? "" : String(v);
}

/** Merged areas that cover column `col`, as a row → top-left lookup. */
function mergesInColumn(merges: RangeRect[], col: number): Map<number, RangeRect> {
  const out = new Map<number, RangeRect>();
  for (const m of merges) {
    if (col < m.col || col >= m.col + m.colCount || m.rowCount * m.colCount <= 1) continue;
    for (let r = m.row; r < m.row + m.rowCount; r++) out.set(r, m);
  }
  return out;
}

/** The cell (row, col) as shown: a merged area shows its top-left cell's text everywhere. */
function shownAt(sheet: SheetSnapshot, merges: Map<number, RangeRect>, row: number, col: number): { text: string; row: number; col: number } {
  const m = merges.get(row);
  const r = m ? m.row : row;
  const c = m ? m.col : col;
  return { text: textAt(sheet, r, c), row: r, col: c };
}

const RE_DECLARE = /^(?:don vi tinh|don vi|dvt)\s*[:.]?\s*/;

/** "(ĐVT: ha)", "Đơn vị tính: triệu đồng" → "ha", "triệu đồng" (as written), when what follows is a unit. */
function declaredIn(text: string, headerStyle: boolean): string | undefined {
  const t = normaliseText(text);
  if (t === "" || t.length > 200) return undefined;
  const f = foldAligned(t);
  // A line of its own: "Đơn vị tính: triệu đồng", "(Đơn vị: ha)".
  const whole = /^\(?\s*(?:don vi tinh|don vi|dvt)\s*:\s*([^()]+?)\s*\)?\s*$/.exec(f);
  if (whole) {
    const at = f.indexOf(whole[1]);
    const u = t.substr(at, whole[1].length);
    return isUnitText(u) ? u : undefined;
  }
  if (!headerStyle) return undefined;
  // A header's brackets: "Số liệu (ha)", "Năm 2022 (ĐVT: tỷ đồng)".
  let from = 0;
  for (let open = f.indexOf("(", from); open >= 0; open = f.indexOf("(", from)) {
    const close = f.indexOf(")", open + 1);
    if (close < 0) break;
    const inner = f.substring(open + 1, close);
    const lead = RE_DECLARE.exec(inner);
    const skip = lead ? lead[0].length : 0;
    const u = t.substring(open + 1 + skip, close).trim();
    if (isUnitText(u)) return u;
    from = close + 1;
  }
  return undefined;
}

function isUnitText(u: string): boolean {
  return u !== "" && unitInfo(u) !== null;
}

/** The units a located table declares: its unit column, its headers, a line above it. */
export function tableUnits(sheet: SheetSnapshot, table: LocatedTable): TableUnits {
  const header = table.headerRow;
  const unitCol = table.columns.unit;
  const unitMerges = unitCol === undefined ? undefined : mergesInColumn(sheet.merges, unitCol);

  let title: Declared | undefined;
  for (let r = header - 1; r >= Math.max(sheet.origin.row, header - TITLE_ROWS) && !title; r--) {
    const i = r - sheet.origin.row;
    const row = sheet.text[i] ?? sheet.values[i];
    for (let j = 0; row && j < row.length && !title; j++) {
      const raw = textAt(sheet, r, sheet.origin.col + j);
      if (raw.length < 5 || raw.length > 80) continue;
      const u = declaredIn(raw, false);
      if (u) title = { text: u, source: "title", row: r, col: sheet.origin.col + j };
    }
  }

  const byRole: Partial<Record<FigureRole, Declared>> = {};
  for (const role of ["baseline", "result"] as const) {
    const col = table.columns[role];
    if (col === undefined) continue;
    const merges = mergesInColumn(sheet.merges, col);
    // The header row up through the group headers above it: the nearest statement wins.
    for (let r = header; r >= Math.max(sheet.origin.row, header - HEADER_BAND) && !byRole[role]; r--) {
      const cell = shownAt(sheet, merges, r, col);
      const u = cell.text ? declaredIn(cell.text, true) : undefined;
      if (u) byRole[role] = { text: u, source: "header", row: cell.row, col: cell.col };
    }
  }

  // Both figures of a row ask in turn: the row's unit is read once.
  let lastRow = -1;
  let lastOwn: Declared | undefined;
  return {
    ownTemplate: table.ownTemplate,
    at(row: number, role: FigureRole) {
      if (row !== lastRow) {
        lastRow = row;
        lastOwn = undefined;
        if (unitCol !== undefined && unitMerges) {
          const cell = shownAt(sheet, unitMerges, row, unitCol);
          const text = normaliseText(cell.text);
          if (text !== "" && !/^[-–—.…\s]+$/.test(text)) lastOwn = { text, source: "row", row: cell.row, col: cell.col };
        }
      }
      return { row: lastOwn, table: byRole[role] ?? title };
    },
  };
}

// ---------------------------------------------------------------- applying a declared unit

/** Words a unit column uses for "a share": the figure is a percentage. */
const RE_SHARE_WORDS = /^(ty le|ti le|phan tram)?\s*%?$/;
/** Words a unit column uses for "how many": the figure counts things. */
const RE_COUNT_WORDS = /^(so luong|so|cai|chiec|luot|vu|lan|doanh nghiep|dn|cong trinh|benh vien|lang nghe|to chuc)$/;
/** "km; %", "Số lượng, tỷ lệ %", "Dự án/MW", "ha hoặc %": several units offered. */
const RE_SPLIT = /\s*[;,/]\s*|\s+(?:và|hoặc|va|hoac)\s+/;

interface Piece {
  name: string;
  kind: "share" | "measure" | "count" | "unknown";
}

function classify(p: string): Piece {
  const f = foldAligned(normaliseText(p)).replace(/[()]/g, " ").replace(/\s+/g, " ").trim();
  if (f !== "" && RE_SHARE_WORDS.test(f)) return { name: "%", kind: "share" };
  const info = unitInfo(p);
  if (info) return { name: info.name, kind: info.unit === "‰" ? "share" : unitSize(info.name).known ? "measure" : "count" };
  return { name: normaliseText(p), kind: RE_COUNT_WORDS.test(f) ? "count" : "unknown" };
}

type Resolution = { use: string } | { noun: true } | { conflict: true } | undefined;

/**
 * What a declared unit means for one indicator: the unit to read its figures in, a word that
 * names what a count counts (nothing to apply), a unit that cannot be its measure, or nothing
 * we understand (undefined).
 */
function resolve(text: string, ind: IndicatorRow): Resolution {
  if (ind.kind === "yesno" || ind.kind === "text") return undefined;
  const target = indicatorUnit(ind);
  // A table repeats a handful of unit words down thousands of rows: each is judged once.
  const key = text + "\u0001" + ind.kind + "\u0001" + target;
  if (key in RESOLVED) return RESOLVED[key];
  if (resolvedSize > 2000) {
    for (const k in RESOLVED) delete RESOLVED[k];
    resolvedSize = 0;
  }
  resolvedSize++;
  return (RESOLVED[key] = resolveUncached(text, ind, target));
}

const RESOLVED: { [key: string]: Resolution } = Object.create(null);
let resolvedSize = 0;

function resolveUncached(text: string, ind: IndicatorRow, target: string): Resolution {
  const parts = text.split(RE_SPLIT).filter((x) => x !== "");
  const candidates = parts.length > 1 ? [text].concat(parts) : [text];
  let share = false;
  let measured = false;
  let counted = false;
  for (let k = 0; k < candidates.length; k++) {
    const c = classify(candidates[k]);
    if (conversionFactor(c.name, target) !== undefined) {
      // A count of a total reads "x/y": its noun or a share is what it holds, nothing to apply.
      return ind.kind === "countOfTotal" ? { noun: true } : { use: c.name };
    }
    if (k === 0 && candidates.length > 1) continue; // several units: judged by each of them
    if (c.kind === "share") share = true;
    else if (c.kind === "measure") measured = true;
    else if (c.kind === "count") counted = true;
  }
  switch (ind.kind) {
    case "countOfTotal":
      return measured ? { conflict: true } : share || counted ? { noun: true } : undefined;
    case "count":
    case "countDescription":
      return measured || share ? { conflict: true } : counted ? { noun: true } : undefined;
    default:
      return measured || share || counted ? { conflict: true } : undefined;
  }
}

/**
 * Reads one figure of an indicator with the unit its table declares: `read` parses the cell
 * with the hint given; the value comes back in the indicator's unit, with what the
 * declaration was and what became of it on `cell.unit`.
 */
export function readFigure(units: TableUnits, ind: IndicatorRow, row: number, role: FigureRole, sheetName: string, read: (hint: ValueHint) => ReadCell): ReadCell {
  const declared = units.at(row, role);
  let unit: CellUnit | undefined;
  let use: string | undefined;
  if (declared.row) {
    const d = declared.row;
    unit = { text: d.text, source: "row", address: { sheet: sheetName, row: d.row, col: d.col } };
    if (units.ownTemplate && d.text === normaliseText(ind.unit)) unit.template = true;
    const r = resolve(d.text, ind);
    if (r && "use" in r) use = r.use;
    else if (r && "conflict" in r) unit.notMeasure = true;
    else if (!r) unit = undefined; // a word we do not read as a unit: the table's may speak instead
  }
  if (!unit && declared.table) {
    const d = declared.table;
    const r = resolve(d.text, ind);
    if (r && "use" in r) {
      use = r.use;
      unit = { text: d.text, source: d.source, address: { sheet: sheetName, row: d.row, col: d.col } };
    }
  }
  const cell = read(use ? { kind: ind.kind, unit: use } : ind);
  if (unit) {
    if (use) unit.applied = use;
    const v = cell.value;
    const written = v.state === "number" || v.state === "bound" || v.state === "range" || v.state === "text" ? v.writtenUnit : undefined;
    if (use && written && written !== use && conversionFactor(written, use) !== undefined) unit.cellUnit = written;
    cell.unit = unit;
  }
  cell.value = convertValue(cell.value, indicatorUnit(ind));
  return cell;
}
