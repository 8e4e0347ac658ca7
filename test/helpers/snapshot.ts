/**
 * Builds engine Snapshots for tests without any adapter: from our layout's template, or
 * from a plain grid of texts (a table pasted the way another province lays it out).
 */
import type { SheetTemplate, WorkbookTemplate } from "../../src/engine/layout";
import type { CellValue, CellValueType, SheetSnapshot, WorkbookSnapshot } from "../../src/engine/types";

export function gridToSheet(name: string, grid: (string | number | null)[][], extra: Partial<SheetSnapshot> = {}): SheetSnapshot {
  const width = Math.max(1, ...grid.map((r) => r.length));
  const values: CellValue[][] = [];
  const valueTypes: CellValueType[][] = [];
  const numberFormats: string[][] = [];
  const text: string[][] = [];
  for (const row of grid) {
    const v: CellValue[] = [];
    const t: CellValueType[] = [];
    const f: string[] = [];
    const x: string[] = [];
    for (let j = 0; j < width; j++) {
      const c = row[j] ?? null;
      v.push(c === null ? "" : c);
      t.push(c === null || c === "" ? "Empty" : typeof c === "number" ? "Double" : "String");
      f.push("General");
      x.push(c === null ? "" : String(c));
    }
    values.push(v);
    valueTypes.push(t);
    numberFormats.push(f);
    text.push(x);
  }
  return { name, origin: { row: 0, col: 0 }, values, valueTypes, numberFormats, text, merges: [], hiddenRows: [], hiddenCols: [], protected: false, ...extra };
}

export function templateSheetToSnapshot(t: SheetTemplate): SheetSnapshot {
  const rows = Math.max(0, ...t.cells.map((c) => c.row)) + 1;
  const grid: (string | number | null)[][] = Array.from({ length: rows }, () => Array<string | number | null>(t.columns.length).fill(null));
  for (const c of t.cells) {
    while (grid[c.row].length <= c.col) grid[c.row].push(null);
    grid[c.row][c.col] = c.value;
  }
  const s = gridToSheet(t.name, grid, { merges: t.merges, protected: t.protect });
  for (const c of t.cells) if (c.numberFormat) s.numberFormats[c.row][c.col] = c.numberFormat;
  return s;
}

export function templateToSnapshot(t: WorkbookTemplate): WorkbookSnapshot {
  return { sheets: t.sheets.map(templateSheetToSnapshot) };
}
