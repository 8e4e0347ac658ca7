/**
 * One-click fixes, as data. `planFixes(snapshot, result)` gives, for every finding whose rule
 * names a fix kind (RuleDef.autofix) and whose repair is certain or nearly so, a Fix: the
 * cell, what it holds, what to write, how sure, and why. Pure: the adapters apply a list of
 * fixes (refusing any whose cell changed since the check) and check again.
 *
 *   finding ─ rule.autofix ─ FIXERS[kind](finding, cells) ─ Fix | null
 */
import type { CheckResult } from "../check";
import type { FixRecord } from "../metadata";
import { ruleByCode } from "../rules";
import type { CellValue, CellValueType, Finding, SheetSnapshot, WorkbookSnapshot } from "../types";
import { columnsOf, SnapshotCells } from "./cells";
import { FIXERS, type FixContext } from "./fixers";
import type { CellContent, Fix, FixKind, FixTarget } from "./types";

export * from "./types";
export { fixId } from "./fixers";
export { fixText, type FixText } from "./text";
export { CELL_FORM_RULES, checkCellForms, trimmedText, vietnameseForm } from "./rules";
export { SnapshotCells, shownAs } from "./cells";

/** The fixer kind a finding's rule names, if any. */
export function fixKindOf(code: string): FixKind | undefined {
  const r = ruleByCode(code);
  return r ? r.autofix : undefined;
}

function contextFor(snapshot: WorkbookSnapshot, result: Pick<CheckResult, "readings">): FixContext {
  const cells = new SnapshotCells(snapshot);
  const columns = columnsOf(cells, result.readings);
  return { cells, readings: result.readings, formOf: columns.formOf, figuresOf: columns.figuresOf };
}

function fixOne(f: Finding, ctx: FixContext): Fix | null {
  const kind = fixKindOf(f.code);
  const fixer = kind ? FIXERS[kind] : undefined;
  if (!fixer || f.row === undefined || f.col === undefined || !ctx.cells.has(f.sheet)) return null;
  try {
    return fixer(f, ctx);
  } catch {
    // A fixer that cannot make sense of a finding offers nothing; the finding stays as it is.
    return null;
  }
}

/**
 * The fixes for a check's findings, in the findings' order, at most one per cell: a cell two
 * findings would repair differently keeps the first (the most severe) and the other is left.
 */
export function planFixes(snapshot: WorkbookSnapshot, result: Pick<CheckResult, "findings" | "readings">, only?: string[]): Fix[] {
  const ctx = contextFor(snapshot, result);
  const taken = new Set<string>();
  const out: Fix[] = [];
  for (const f of result.findings) {
    if (only && only.indexOf(f.code) < 0) continue;
    const fx = fixOne(f, ctx);
    if (!fx) continue;
    const cells = [fx, ...(fx.also ? [fx.also] : [])].map((t) => `${t.sheet}\u0000${t.row}\u0000${t.col}`);
    if (cells.some((k) => taken.has(k))) continue;
    for (const k of cells) taken.add(k);
    out.push(fx);
  }
  return out;
}

/** The fix for one finding, or null: what "Sửa" previews. */
export function fixForFinding(snapshot: WorkbookSnapshot, result: Pick<CheckResult, "findings" | "readings">, finding: Finding): Fix | null {
  return fixOne(finding, contextFor(snapshot, result));
}

/** Every cell a fix writes (the note move writes two). */
export function fixTargets(fx: Fix): FixTarget[] {
  return fx.also ? [fx, fx.also] : [fx];
}

/** The NQ24_Meta record of one written cell of a fix: what, before, after, when. */
export function fixRecord(fx: Fix, t: FixTarget, at: string): FixRecord {
  const shown = (v: CellValue) => (v === null ? "" : String(v));
  const format = t.after.numberFormat !== undefined && t.after.numberFormat !== t.before.numberFormat ? `${t.before.numberFormat} → ${t.after.numberFormat}` : "";
  return { sheet: t.sheet, cell: t.cell, code: fx.code, before: shown(t.before.value), after: shown(t.after.value), at, format };
}

/** Whether a cell still holds what the fix was computed from. */
export function sameContent(before: CellContent, now: { value: CellValue; numberFormat: string }): boolean {
  const a = before.value === "" ? null : before.value;
  const b = now.value === "" || now.value === undefined ? null : now.value;
  return a === b && (before.numberFormat || "General") === (now.numberFormat || "General");
}

function valueTypeOf(v: CellValue): CellValueType {
  return v === null ? "Empty" : typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
}

function ensureCell(s: SheetSnapshot, row: number, col: number): { i: number; j: number } {
  const i = row - s.origin.row;
  const j = col - s.origin.col;
  // Fixes write inside the used range the check read, but a moved note may land just past it.
  while (i >= s.values.length) {
    s.values.push([]);
    s.valueTypes.push([]);
    s.numberFormats.push([]);
    s.text.push([]);
  }
  if (i < 0 || j < 0) throw new Error(`cell outside the sheet's range: ${row},${col}`);
  for (const m of [s.values, s.valueTypes, s.numberFormats, s.text] as unknown[][][]) {
    const rowArr = m[i];
    while (rowArr.length <= j) rowArr.push(m === s.values ? "" : m === s.valueTypes ? "Empty" : m === s.numberFormats ? "General" : "");
  }

  return { i, j };
}

/**
 * The snapshot as it will be once the fixes are written (what a re-check sees): a copy, the
 * input untouched. Used for dry runs and by the tests that re-check a fixed workbook.
 */
export function applyFixesToSnapshot(snapshot: WorkbookSnapshot, fixes: Fix[]): WorkbookSnapshot {
  const copies = new Map<string, SheetSnapshot>();
  const copyOf = (name: string): SheetSnapshot | undefined => {
    let c = copies.get(name);
    if (c) return c;
    const s = snapshot.sheets.find((x) => x.name === name);
    if (!s) return undefined;
    c = { ...s, values: s.values.map((r) => r.slice()), valueTypes: s.valueTypes.map((r) => r.slice()), numberFormats: s.numberFormats.map((r) => r.slice()), text: s.text.map((r) => r.slice()) };
    copies.set(name, c);
    return c;
  };
  for (const fx of fixes) {
    for (const t of fixTargets(fx)) {
      const s = copyOf(t.sheet);
      if (!s) continue;
      const { i, j } = ensureCell(s, t.row, t.col);
      s.values[i][j] = t.after.value;
      s.valueTypes[i][j] = valueTypeOf(t.after.value);
      if (t.after.numberFormat !== undefined) s.numberFormats[i][j] = t.after.numberFormat;
      s.text[i][j] = t.after.text;
    }
  }
  return { ...snapshot, sheets: snapshot.sheets.map((s) => copies.get(s.name) ?? s) };
}


