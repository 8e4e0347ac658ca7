/** A1 addresses as Office.js writes and reads them ("'Phụ lục 1'!E12:F13"). */
import type { RangeRect } from "../../engine/types";
import { a1, rangeA1 } from "../../engine/layout";

export { a1, rangeA1 };

/** Quotes a sheet name for a formula or hyperlink reference when Excel would. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function sheetRef(sheet: string, rect: RangeRect): string {
  return `${quoteSheet(sheet)}!${rangeA1(rect)}`;
}

export function colFromLetters(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.toUpperCase().charCodeAt(i) - 64);
  return n - 1;
}

/** Parses "A1", "A1:C3", "Sheet!A1:C3", "'It''s'!$A$1", "5:5" (whole rows) or "B:B" (whole columns). */
export function parseAddress(address: string): { sheet?: string; rect: RangeRect } {
  let sheet: string | undefined;
  let ref = address.trim();
  const bang = ref.lastIndexOf("!");
  if (bang >= 0) {
    let s = ref.slice(0, bang);
    if (s.startsWith("'") && s.endsWith("'")) s = s.slice(1, -1).replace(/''/g, "'");
    sheet = s;
    ref = ref.slice(bang + 1);
  }
  ref = ref.replace(/\$/g, "");
  const parts = ref.split(":");
  const one = (p: string) => {
    const m = /^([A-Za-z]*)(\d*)$/.exec(p);
    if (!m || (m[1] === "" && m[2] === "")) throw new Error(`Invalid address: ${address}`);
    return { col: m[1] ? colFromLetters(m[1]) : null, row: m[2] ? Number(m[2]) - 1 : null };
  };
  const a = one(parts[0]);
  const b = parts.length > 1 ? one(parts[1]) : a;
  const MAXR = 1048576;
  const MAXC = 16384;
  const r0 = a.row === null ? 0 : a.row;
  const r1 = b.row === null ? MAXR - 1 : b.row;
  const c0 = a.col === null ? 0 : a.col;
  const c1 = b.col === null ? MAXC - 1 : b.col;
  return {
    sheet,
    rect: { row: Math.min(r0, r1), col: Math.min(c0, c1), rowCount: Math.abs(r1 - r0) + 1, colCount: Math.abs(c1 - c0) + 1 },
  };
}

/** Splits a RangeAreas address ("S!A1:B1, S!A3:B3") into its areas, respecting quotes. */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      if (cur.trim()) out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
