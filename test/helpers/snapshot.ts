/**
 * Builds engine Snapshots for tests without any adapter: from our layout's template (the
 * engine's own templateToSnapshot), or from a plain grid of texts (a table pasted the way
 * another province lays it out).
 */
import type { CellValue, CellValueType, SheetSnapshot } from "../../src/engine/types";
export { templateToSnapshot } from "../../src/engine/layout";

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
