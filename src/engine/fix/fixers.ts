/**
 * One fixer per fix kind: from a finding (its code, cell and parameters) and the cells as
 * they are, the write that repairs it, or null when the repair is not certain enough or
 * the cell no longer says what the finding saw. A fixer never writes a cell other than its
 * finding's, except the note move, which names both cells; it never overwrites user text.
 */
import type { CellValue, Finding, IndicatorReading, NumberValue, ReadCell } from "../types";
import { formatViNumber } from "../values";
import { conversionFactor, unitName } from "../values/convert";
import { a1 } from "../layout";
import { shownAs, type ColumnForm, type SnapshotCells } from "./cells";
import { trimmedText, vietnameseForm } from "./rules";
import type { CellWrite, Fix, FixKind, FixReason, FixTarget, SnapshotCell } from "./types";

export interface FixContext {
  cells: SnapshotCells;
  readings: Record<string, IndicatorReading>;
  formOf(sheet: string, col: number): ColumnForm;
  /** The other figures of the same column (its neighbours' evidence). */
  figuresOf(sheet: string, col: number): ReadCell[];
}

export type Fixer = (f: Finding, ctx: FixContext) => Fix | null;

function readCellOf(f: Finding, ctx: FixContext): ReadCell | undefined {
  const r = f.indicatorId ? ctx.readings[f.indicatorId] : undefined;
  if (!r) return undefined;
  for (const role of ["baseline", "result"] as const) {
    const c = r[role];
    if (c && c.address.sheet === f.sheet && c.address.row === f.row && c.address.col === f.col) return c;
  }
  return undefined;
}

function target(f: Finding, before: SnapshotCell, after: CellWrite): FixTarget {
  return {
    sheet: f.sheet,
    cell: f.cell,
    row: f.row as number,
    col: f.col as number,
    before: { value: before.value, numberFormat: before.numberFormat, text: before.text },
    after,
  };
}

function fix(f: Finding, kind: FixKind, before: SnapshotCell, after: CellWrite, reason: FixReason, certainty: Fix["certainty"] = "certain"): Fix {
  const out: Fix = { id: fixId(f), code: f.code, kind, certainty, reason, ...target(f, before, after) };
  if (f.indicatorId) out.indicatorId = f.indicatorId;
  return out;
}

export function fixId(f: { code: string; sheet: string; cell: string }): string {
  return `${f.code}@${f.sheet}!${f.cell}`;
}

/** A write of text: Excel must keep it as text, so a text that Excel would read as something else goes with the text format. */
function textWrite(text: string, before: SnapshotCell, forceText = false): CellWrite {
  const w: CellWrite = { value: text, text };
  if (forceText && before.numberFormat !== "@") w.numberFormat = "@";
  return w;
}

/** A number in the form of its column: the column's number format; a share as a fraction under a percent format. */
function numberWrite(value: number, isShare: boolean, form: ColumnForm, before: SnapshotCell): CellWrite {
  // A percent format only for a share; anything else takes the column's format.
  const fmt = !isShare && form.percent ? "General" : form.numberFormat;
  const v = isShare && form.percent ? Number((value / 100).toPrecision(15)) : value;
  const w: CellWrite = { value: v, text: shownAs(v, fmt) };
  if (fmt !== before.numberFormat) w.numberFormat = fmt;
  return w;
}

/** The unit words written after the number in a cell ("585 triệu đồng" → "triệu đồng"), or "". */
function writtenUnit(raw: string): string {
  return raw.replace(/^[^\d]*[\d.,\s\u00a0]*\d/, "").trim();
}

/** The column's unit, by name: the one its table declares for the cell when the check applied one, else the catalogue's. */
function columnUnit(r: IndicatorReading, cell: ReadCell): string {
  return cell.unit && cell.unit.applied ? cell.unit.applied : unitName(r.indicator.unit);
}

/** A figure (in the unit the check keeps it in) expressed in the column's unit, or undefined when that is another measure. */
function inUnit(value: number, keptIn: string, unit: string): number | undefined {
  if (!unit || !keptIn || keptIn === unit) return value;
  const f = conversionFactor(keptIn, unit);
  return f === undefined ? undefined : f === 1 ? value : Number((value * f).toPrecision(15));
}

/** The figure as its column holds figures: a number in the column's format, or Vietnamese-written text. */
function figureWrite(value: number, isShare: boolean, form: ColumnForm, before: SnapshotCell): CellWrite {
  if (form.numbers) return numberWrite(value, isShare, form, before);
  const t = formatViNumber(value) + (isShare && form.textPercent ? "%" : "");
  return textWrite(t, before);
}

// ---------------------------------------------------------------- the fixers

/** NQ24-I050: the figure as a real number, in the column's unit and number format. */
const numberFixer: Fixer = (f, ctx) => {
  const cell = readCellOf(f, ctx);
  const before = ctx.cells.at(f.sheet, f.row as number, f.col as number);
  if (!cell || cell.value.state !== "number" || typeof before.value !== "string") return null;
  const v = cell.value as NumberValue;
  const r = ctx.readings[f.indicatorId as string];
  const isShare = v.measure.unit === "%";
  const unit = isShare ? "%" : columnUnit(r, cell);
  const value = isShare ? v.measure.value : inUnit(v.measure.value, v.measure.unit, unit);
  if (value === undefined) return null;
  const reason: FixReason = { seen: before.text || before.value };
  const from = v.writtenUnit || writtenUnit(v.raw);
  if (from && from !== "%" && from !== unit) {
    reason.fromUnit = from;
    reason.toUnit = unit;
    const factor = conversionFactor(unitName(from), unit);
    if (factor !== undefined && factor !== 1) reason.factor = factor;
  }
  return fix(f, "number", before, numberWrite(value, isShare, ctx.formOf(f.sheet, f.col as number), before), reason);
};

/**
 * NQ24-I042: a figure written in another unit than the one its table declares ("2 km²" under
 * "ha"): the figure converted to the declared unit, in the column's form; the preview says
 * the conversion. Conversions are exact (values/convert.ts), so the fix is certain.
 */
const unitConvertFixer: Fixer = (f, ctx) => {
  const cell = readCellOf(f, ctx);
  const before = ctx.cells.at(f.sheet, f.row as number, f.col as number);
  if (!cell || !cell.unit || !cell.unit.applied || typeof before.value !== "string") return null;
  const v = cell.value;
  if (v.state !== "number" || v.ambiguous || v.description) return null;
  const declared = cell.unit.applied;
  const value = inUnit(v.measure.value, v.measure.unit, declared);
  if (value === undefined) return null;
  const p = f.params as { cellUnit?: string; declared?: string };
  const reason: FixReason = { seen: before.value, fromUnit: p.cellUnit ?? v.writtenUnit ?? "", toUnit: p.declared ?? declared };
  const factor = v.writtenUnit ? conversionFactor(v.writtenUnit, declared) : undefined;
  if (factor !== undefined && factor !== 1) reason.factor = factor;
  return fix(f, "unitConvert", before, figureWrite(value, false, ctx.formOf(f.sheet, f.col as number), before), reason);
};

/** How many of a column's other shares are written 1–100 and how many as fractions below 1. */
function shareScale(figures: ReadCell[], self: ReadCell, readings: Record<string, IndicatorReading>): { whole: number; fractions: number } {
  let whole = 0;
  let fractions = 0;
  for (const c of figures) {
    if (c === self || !c.indicatorId || readings[c.indicatorId]?.indicator.kind !== "percent") continue;
    const v = c.value;
    if (v.state !== "number" || v.measure.unit !== "%") continue;
    const x = v.measure.value;
    if (x >= 1 && x <= 100) whole++;
    else if (x > 0 && x < 1) fractions++;
  }
  return { whole, fractions };
}

/** The finding names the fraction reading as the likely one, or the column's other shares do. */
function shareLikely(f: Finding, cell: ReadCell, asShare: number, likely: number | undefined, ctx: FixContext): boolean {
  if (likely !== undefined) return likely === asShare;
  const s = shareScale(ctx.figuresOf(f.sheet, f.col as number), cell, ctx.readings);
  return s.whole >= 2 && s.fractions === 0;
}

/**
 * NQ24-W040: "0,275" in a percentage column, 27,5 % written as a fraction or really 0,275 %.
 * The finding gives both readings; the fix offers the fraction reading (27,5 % in the
 * column's form) only when the column says it is the likely one — its other shares written
 * 1–100 (at least two) and none as a fraction — or the finding names it (`likely`). Always
 * "likely": the preview shows both, and where the column can write it, the other reading
 * made explicit ("0,275%") is the alternative.
 */
const percentScaleFixer: Fixer = (f, ctx) => {
  const cell = readCellOf(f, ctx);
  const before = ctx.cells.at(f.sheet, f.row as number, f.col as number);
  const p = f.params as { readings?: number[]; likely?: number };
  if (!cell || !p.readings || p.readings.length !== 2 || before.value === null || typeof before.value === "boolean") return null;
  const [asShare, asWritten] = p.readings;
  if (!shareLikely(f, cell, asShare, p.likely, ctx)) return null;
  const form = ctx.formOf(f.sheet, f.col as number);
  const out = fix(f, "percentScale", before, figureWrite(asShare, true, form, before), { seen: before.text || String(before.value), readings: [`${formatViNumber(asShare)}%`, `${formatViNumber(asWritten)}%`] }, "likely");
  if (!form.numbers) out.alternatives = [textWrite(`${formatViNumber(asWritten)}%`, before)];
  else if (form.percent) out.alternatives = [numberWrite(asWritten, true, form, before)];
  return out;
};

/** NQ24-I051: the same text with the number written the Vietnamese way. */
const viTextFixer: Fixer = (f, ctx) => {
  const before = ctx.cells.at(f.sheet, f.row as number, f.col as number);
  if (typeof before.value !== "string") return null;
  const vi = vietnameseForm(trimmedText(before.value));
  if (vi === undefined) return null;
  return fix(f, "viText", before, textWrite(vi, before, true), { seen: before.value });
};

/** NQ24-I052: the text without stray spaces. */
const trimFixer: Fixer = (f, ctx) => {
  const before = ctx.cells.at(f.sheet, f.row as number, f.col as number);
  if (typeof before.value !== "string") return null;
  const t = trimmedText(before.value);
  if (t === before.value || t === "") return null;
  // "-5" or "1/2" written back into a General cell would become a formula or a date.
  return fix(f, "trim", before, textWrite(t, before, /^[=+\-@]|^\d+\s*\/\s*\d+$/.test(t)), { seen: before.value });
};

const MS_PER_DAY = 86400000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Day and month of an Excel date serial (1900 system; the typed "x/y" dates are recent). */
function dayMonth(serial: number): { day: number; month: number } | null {
  if (!isFinite(serial) || serial < 61 || Math.floor(serial) !== serial) return null;
  const d = new Date(EXCEL_EPOCH + serial * MS_PER_DAY);
  return { day: d.getUTCDate(), month: d.getUTCMonth() + 1 };
}

/** A date format that shows a year: the user typed a whole date, not "x/y". */
function showsYear(fmt: string): boolean {
  return /y/i.test(fmt.split(";")[0].replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, ""));
}

/**
 * NQ24-E019: the "x/y" Excel turned into a date, written back as text (with the text format,
 * so Excel cannot turn it again). "2/2" is certain; "2/3" could have been typed day first
 * (a Vietnamese Excel) or month first (an English one): likely, both readings shown, the one
 * a count of a total allows first (2 of 3, never 3 of 2), else day first.
 */
const dateTextFixer: Fixer = (f, ctx) => {
  const before = ctx.cells.at(f.sheet, f.row as number, f.col as number);
  if (typeof before.value !== "number" || showsYear(before.numberFormat)) return null;
  const dm = dayMonth(before.value);
  if (!dm) return null;
  const dayFirst = `${dm.day}/${dm.month}`;
  const monthFirst = `${dm.month}/${dm.day}`;
  const reason: FixReason = { seen: before.text || String(before.value) };
  if (dm.day === dm.month) return fix(f, "dateText", before, textWrite(dayFirst, before, true), reason);
  const r = f.indicatorId ? ctx.readings[f.indicatorId] : undefined;
  const partFirst = r && (r.indicator.kind === "countOfTotal" || r.indicator.kind === "percent");
  const [primary, other] = partFirst && dm.day > dm.month ? [monthFirst, dayFirst] : [dayFirst, monthFirst];
  reason.readings = [primary, other];
  const out = fix(f, "dateText", before, textWrite(primary, before, true), reason, "likely");
  out.alternatives = [textWrite(other, before, true)];
  return out;
};

/**
 * NQ24-W003 with words in a figure cell ("Đang triển khai thực hiện"): the words belong in the note.
 * Moved only when the row's own note cell is empty — never over the user's text; the
 * figure cell is left empty, which the check then reads as explained by the note.
 */
const noteMoveFixer: Fixer = (f, ctx) => {
  const r = f.indicatorId ? ctx.readings[f.indicatorId] : undefined;
  const cell = readCellOf(f, ctx);
  if (!r || !cell || !r.note || cell.value.state !== "text" || cell.value.measure || cell.value.looksLikeDate) return null;
  const before = ctx.cells.at(f.sheet, f.row as number, f.col as number);
  if (typeof before.value !== "string" || /\d/.test(before.value)) return null;
  const n = r.note.address;
  if (n.sheet !== f.sheet) return null;
  const noteBefore = ctx.cells.at(n.sheet, n.row, n.col);
  if (noteBefore.value !== null && String(noteBefore.value).trim() !== "") return null;
  const text = trimmedText(before.value);
  const out = fix(f, "noteMove", before, { value: null, text: "" }, { seen: before.value }, "likely");
  out.also = {
    sheet: n.sheet,
    cell: a1(n.row, n.col),
    row: n.row,
    col: n.col,
    before: { value: noteBefore.value, numberFormat: noteBefore.numberFormat, text: noteBefore.text },
    after: textWrite(text, noteBefore, /^[=+\-@]/.test(text)),
  };
  return out;
};

export const FIXERS: Record<FixKind, Fixer | undefined> = {
  number: numberFixer,
  viText: viTextFixer,
  trim: trimFixer,
  dateText: dateTextFixer,
  noteMove: noteMoveFixer,
  percentScale: percentScaleFixer,
  unitConvert: unitConvertFixer,
};

/** For the preview: a number as Vietnamese text. */
export function viNumber(v: CellValue): string {
  return typeof v === "number" ? formatViNumber(v) : v === null ? "" : String(v);
}
