/**
 * Converting between units of one measure, as data: the one table the engine converts by
 * (a declared "Tỷ đồng" into the catalogue's đồng, "m²" into ha, "‰" into %), and the
 * unit each indicator's figures are kept in once read.
 *
 * A unit is named as units.ts names it ("triệu đồng", "ha", "m2", "‰"); a unit "X/Y" is
 * converted part by part ("tấn/ha" → "kg/ha" × 1000). Units outside the table (người, hộ,
 * mô hình…) convert only to themselves.
 */
import type { IndicatorRow } from "../../catalogue/types";
import type { Measure, ParsedValue } from "../types";
import { normaliseText } from "./text";
import { unitInfo } from "./units";

/** Each measure's units with their size in its first unit. */
export const UNIT_CONVERSIONS: { measure: string; units: [string, number][] }[] = [
  { measure: "money", units: [["đồng", 1], ["nghìn đồng", 1e3], ["triệu đồng", 1e6], ["tỷ đồng", 1e9], ["nghìn tỷ đồng", 1e12]] },
  { measure: "area", units: [["m2", 1], ["ha", 1e4], ["km2", 1e6]] },
  { measure: "share", units: [["%", 1], ["‰", 0.1]] },
  { measure: "mass", units: [["kg", 1], ["tấn", 1e3], ["nghìn tấn", 1e6]] },
  { measure: "volume", units: [["lít", 1e-3], ["m3", 1], ["nghìn m3", 1e3], ["triệu m3", 1e6]] },
  { measure: "length", units: [["m", 1], ["km", 1e3]] },
  { measure: "power", units: [["kW", 1], ["MW", 1e3], ["GW", 1e6]] },
];

interface Size {
  /** What it measures ("area", "money/area"); a unit outside the table measures itself. */
  measure: string;
  factor: number;
  /** True when the unit (or each part of it) is in the table. */
  known: boolean;
}

const SIZE: { [unit: string]: Size } = Object.create(null);
for (const g of UNIT_CONVERSIONS) for (const [u, f] of g.units) SIZE[u] = { measure: g.measure, factor: f, known: true };

const sizeCache: { [unit: string]: Size } = Object.create(null);
let sizeCacheSize = 0;

/** The measure and size of a unit name ("tỷ đồng" → money × 1e9; "tấn/ha" → mass/area × 0,1). */
export function unitSize(name: string): Size {
  const hit = SIZE[name] || sizeCache[name];
  if (hit) return hit;
  let size: Size;
  const slash = name.indexOf("/");
  if (slash > 0) {
    const a = unitSize(name.slice(0, slash));
    const b = unitSize(name.slice(slash + 1));
    size = { measure: a.measure + "/" + b.measure, factor: a.factor / b.factor, known: a.known || b.known };
  } else {
    size = { measure: name, factor: 1, known: false };
  }
  if (sizeCacheSize > 500) {
    for (const k in sizeCache) delete sizeCache[k];
    sizeCacheSize = 0;
  }
  sizeCache[name] = size;
  sizeCacheSize++;
  return size;
}

/** The factor turning figures in unit `from` into unit `to`, or undefined when they measure different things. */
export function conversionFactor(from: string, to: string): number | undefined {
  if (from === to) return 1;
  const a = unitSize(from);
  const b = unitSize(to);
  if (a.measure !== b.measure) return undefined;
  return a.factor / b.factor;
}

/** The name a written unit stands for ("Tỷ đồng" → "tỷ đồng", "m²" → "m2"), or the text itself when unknown. */
export function unitName(written: string): string {
  const info = unitInfo(written);
  return info ? info.name : normaliseText(written);
}

const UNIT_OF_INDICATOR = new WeakMap<IndicatorRow, string>();

/**
 * The unit an indicator's figures are kept in once read: "%" for shares, đồng for money
 * ("triệu đồng/ha" → "đồng/ha"), the catalogue's unit otherwise, in units.ts's spelling.
 */
export function indicatorUnit(ind: Pick<IndicatorRow, "kind" | "unit">): string {
  const cached = UNIT_OF_INDICATOR.get(ind as IndicatorRow);
  if (cached !== undefined) return cached;
  let u: string;
  if (ind.kind === "percent") u = "%";
  else {
    const info = ind.unit ? unitInfo(ind.unit) : null;
    u = info ? info.unit : ind.kind === "money" ? "đồng" : normaliseText(ind.unit || "");
  }
  UNIT_OF_INDICATOR.set(ind as IndicatorRow, u);
  return u;
}

/** Rounds away binary noise from a scaled figure (0,585 × 1e9). */
function scale(x: number, factor: number): number {
  if (factor === 1) return x;
  const v = Number((x * factor).toPrecision(15));
  return v === 0 ? 0 : v;
}

function convertMeasure(m: Measure, to: string): Measure {
  if (m.unit === "" || m.unit === to) return m;
  const f = conversionFactor(m.unit, to);
  if (f === undefined) return m;
  const out: Measure = { value: scale(m.value, f), unit: to };
  if (m.label !== undefined) out.label = m.label;
  return out;
}

/**
 * The value with every measure that can be expressed in unit `to` converted to it (a share
 * stated beside an area keeps its %). The value itself when nothing changes.
 */
export function convertValue(v: ParsedValue, to: string): ParsedValue {
  if (to === "") return v;
  switch (v.state) {
    case "number":
    case "text": {
      if (!v.measure) return v;
      const m = convertMeasure(v.measure, to);
      return m === v.measure ? v : { ...v, measure: m };
    }
    case "bound": {
      const m = convertMeasure(v.measure, to);
      return m === v.measure ? v : { ...v, measure: m, bound: { op: v.bound.op, value: m.value, unit: m.unit } };
    }
    case "range": {
      const f = v.range.unit === "" ? undefined : conversionFactor(v.range.unit, to);
      if (f === undefined || f === 1) return v;
      return { ...v, range: { low: scale(v.range.low, f), high: scale(v.range.high, f), unit: to } };
    }
    case "multi": {
      let changed = false;
      const measures = v.measures.map((m) => {
        const c = convertMeasure(m, to);
        if (c !== m) changed = true;
        return c;
      });
      return changed ? { ...v, measures, measure: measures[0] } : v;
    }
    default:
      return v;
  }
}
