/**
 * Whether a figure of the text says the same as a cell of the appendix.
 *
 * Tolerances follow the cross-appendix rule (NQ24-W007): a percentage agrees within half a
 * point, any other measure within 0.5 % (at least 0.01). Prose adds its own looseness: a
 * figure written with fewer decimals agrees when it is the cell rounded ("2.694 ha" for
 * 2.694,42 ha); "khoảng", "gần" allow 5 %; "trên 30" agrees with 30 and more (writers say
 * "trên" of the figure itself), and a bound in the text agrees with a bound in the cell.
 */
import { measureOf, type ParsedValue } from "../types";
import { formatViNumber } from "../values";
import type { AppendixCell } from "./appendix";
import type { TextFigure } from "./figures";

/** A number a cell holds in one unit, and what it says when it is a bound. */
interface CellNumber {
  value: number;
  unit: string;
  op?: "<" | "<=" | ">" | ">=";
  /** The part of the cell's text that says it ("2.694,42 ha" of "2.694,42 ha; độ che phủ 27,5%"). */
  said: string;
  count?: { part: number; total: number };
}

/** The number a cell holds for a figure of this unit, or undefined when it holds none. */
export function cellNumber(v: ParsedValue, fig: TextFigure, indicatorUnit: string): CellNumber | undefined {
  const want = fig.ratio || fig.unit === "%" ? "%" : fig.noun !== undefined ? "" : fig.unit;
  switch (v.state) {
    case "multi": {
      const ms = v.measures ?? [];
      const i = ms.findIndex((m) => m.unit === want || (want === "" && m.unit === ""));
      if (i < 0) return undefined;
      const parts = v.raw.split(";");
      return { value: ms[i].value, unit: ms[i].unit, said: (parts[i] ?? v.raw).trim() };
    }
    case "countOfTotal": {
      if (!v.count) return undefined;
      const pct = v.count.percent ?? (v.count.total > 0 ? (v.count.part / v.count.total) * 100 : undefined);
      if (want === "%") return pct === undefined ? undefined : { value: pct, unit: "%", said: v.raw, count: v.count };
      return { value: v.count.part, unit: "", said: v.raw, count: v.count };
    }
    case "bound":
      if (!v.bound) return undefined;
      return fits(v.bound.unit, want, indicatorUnit) ? { value: v.bound.value, unit: v.bound.unit, op: v.bound.op, said: v.raw } : undefined;
    case "number":
      if (!v.measure) return undefined;
      return fits(v.measure.unit, want, indicatorUnit) ? { value: v.measure.value, unit: v.measure.unit, said: v.raw } : undefined;
    default:
      return undefined;
  }
}

function fits(cellUnit: string, want: string, indicatorUnit: string): boolean {
  if (want === "") return true; // a count: the cell's noun is the indicator's
  if (cellUnit === want) return true;
  return cellUnit === "" && indicatorUnit === want;
}

/** The number the figure states, in the unit cellNumber reads cells in. */
function figureNumber(fig: TextFigure): { value: number; op?: "<" | "<=" | ">" | ">=" } | undefined {
  const measure = measureOf(fig.value);
  if (fig.ratio) return measure ? { value: measure.value } : undefined;
  const v = fig.value;
  if (v.state === "bound") return { value: v.bound.value, op: v.bound.op };
  return measure ? { value: measure.value } : undefined;
}

function decimalsWritten(fig: TextFigure): number {
  const m = /\d+(?:[.,]\d+)*/.exec(fig.text);
  if (!m) return 0;
  const comma = m[0].lastIndexOf(",");
  return comma >= 0 ? m[0].length - comma - 1 : 0;
}

function tolerance(fig: TextFigure, cellValue: number, percent: boolean): number {
  const base = percent ? 0.5 : Math.max(0.01, Math.abs(cellValue) * 0.005);
  const rounding = fig.ratio ? 0 : 0.5 * Math.pow(10, -decimalsWritten(fig)) * (fig.unit === "đồng" ? moneyScale(fig) : 1);
  const approx = fig.approx && !(fig.value.state === "bound") ? Math.abs(cellValue) * 0.05 : 0;
  return Math.max(base, rounding, approx);
}

/** "430,4 tỷ đồng" is written in billions: its last digit is worth 10^8 đồng. */
function moneyScale(fig: TextFigure): number {
  const m = /\d+(?:[.,]\d+)*/.exec(fig.text);
  const written = m ? Number(m[0].replace(/\./g, "").replace(",", ".")) : 0;
  const value = measureOf(fig.value)?.value ?? 0;
  return written > 0 ? value / written : 1;
}

export type Agreement = "agrees" | "differs";

/** Compares a level figure with one cell; undefined when the cell holds nothing comparable. */
export function compareLevel(fig: TextFigure, cell: AppendixCell, indicatorUnit: string): { agreement: Agreement; said: string } | undefined {
  const c = cellNumber(cell.value, fig, indicatorUnit);
  const n = figureNumber(fig);
  if (!c || !n) return undefined;
  if (fig.ratio && c.count && fig.ratio.total === c.count.total) {
    return { agreement: fig.ratio.part === c.count.part ? "agrees" : "differs", said: c.said };
  }
  const percent = c.unit === "%";
  const tol = tolerance(fig, c.value, percent);
  return { agreement: levelsAgree(n, c, tol) ? "agrees" : "differs", said: c.said };
}

function levelsAgree(n: { value: number; op?: string }, c: CellNumber, tol: number): boolean {
  if (n.op && c.op) return sameSide(n.op, c.op) || Math.abs(n.value - c.value) <= tol;
  if (n.op) return satisfiesLoosely(c.value, n.op, n.value, tol);
  if (c.op) return satisfiesLoosely(n.value, c.op, c.value, tol);
  return Math.abs(n.value - c.value) <= tol;
}

function sameSide(a: string, b: string): boolean {
  return a.charAt(0) === b.charAt(0);
}

/** x meets "op t", counting t itself as met: prose "trên 30" is said of 30. */
function satisfiesLoosely(x: number, op: string, t: number, tol: number): boolean {
  return op.charAt(0) === ">" ? x >= t - tol : x <= t + tol;
}

/** Compares a change ("tăng 1.172,26 ha") with result − baseline; undefined when either is missing. */
export function compareChange(fig: TextFigure, from: AppendixCell, to: AppendixCell, indicatorUnit: string): { agreement: Agreement; said: string; fromSaid: string; toSaid: string } | undefined {
  const a = cellNumber(from.value, fig, indicatorUnit);
  const b = cellNumber(to.value, fig, indicatorUnit);
  const n = figureNumber(fig);
  if (!a || !b || !n || a.op || b.op) return undefined;
  const delta = fig.change === "down" ? a.value - b.value : b.value - a.value;
  const tol = tolerance(fig, delta, a.unit === "%");
  const said = formatViNumber(Number(delta.toPrecision(12))) + (a.unit ? (a.unit === "%" ? "%" : " " + a.unit) : "");
  return { agreement: Math.abs(n.value - delta) <= tol ? "agrees" : "differs", said, fromSaid: a.said, toSaid: b.said };
}
