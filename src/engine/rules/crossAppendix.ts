/**
 * Rules across the two appendices: an indicator of Phụ lục 1 and its linked indicator of
 * Phụ lục 2 measure the same thing, so their figures for a year must agree.
 */
import type { IndicatorRow } from "../../catalogue/types";
import type { Findings } from "../findings";
import { a1 } from "../layout";
import { numericValue } from "../status";
import type { BoundValue, IndicatorReading, ParsedValue } from "../types";
import { q, rule } from "./rule";

export const appendicesDisagree = rule<{ label: string; year: number; here: string; other: string; otherWhere: string }>({
  code: "NQ24-W007",
  severity: "warning",
  summary: "the two appendices disagree on a linked indicator",
  title: { vi: "Hai phụ lục không khớp", en: "The two appendices disagree" },
  message: (p) => ({
    vi: `Năm ${p.year}, ${q(p.label)} ghi ${q(p.here)}, còn ${p.otherWhere} ghi ${q(p.other)} cho cùng nội dung.`,
    en: `For ${p.year}, ${q(p.label)} says ${q(p.here)} while ${p.otherWhere} says ${q(p.other)} for the same measure.`,
  }),
  fix: () => ({ vi: "Thống nhất số liệu giữa Phụ lục 1 và Phụ lục 2.", en: "Make Appendix 1 and Appendix 2 agree." }),
});

export const CROSS_APPENDIX_RULES = [appendicesDisagree];

// ---------------------------------------------------------------- checks

/** Whether two readings of the same measure agree (a bound agrees with a number that satisfies it). */
export function valuesAgree(a: ParsedValue, b: ParsedValue, kind: IndicatorRow["kind"]): boolean | undefined {
  const na = comparable(a, kind);
  const nb = comparable(b, kind);
  if (!na || !nb) return undefined;
  if (na.bound && nb.bound) return true;
  if (na.bound) return satisfies(nb.value, na.bound.op, na.value);
  if (nb.bound) return satisfies(na.value, nb.bound.op, nb.value);
  const tol = kind === "percent" ? 0.5 : Math.max(0.01, Math.abs(na.value) * 0.005);
  return Math.abs(na.value - nb.value) <= tol;
}

function comparable(v: ParsedValue, kind: IndicatorRow["kind"]): { value: number; bound?: BoundValue["bound"] } | undefined {
  if (v.state === "bound") return { value: v.bound.value, bound: v.bound };
  if (v.state === "multi") {
    const want = kind === "percent" ? "%" : undefined;
    const m = want ? v.measures.find((x) => x.unit === want) : v.measures[0];
    return m ? { value: m.value } : undefined;
  }
  const n = numericValue(v, kind === "percent");
  return n === undefined ? undefined : { value: n };
}

function satisfies(x: number, op: string, t: number): boolean {
  switch (op) {
    case ">":
      return x > t;
    case ">=":
      return x >= t;
    case "<":
      return x < t;
    case "<=":
      return x <= t;
    default:
      return x === t;
  }
}

export function checkLinks(readings: Record<string, IndicatorReading>, findings: Findings): void {
  // Links are symmetric: walking them from the PL1 side sees each pair once, and reports
  // where the target and its status live.
  for (const id of Object.keys(readings)) {
    const p1 = readings[id];
    if (p1.indicator.appendix !== "PL1") continue;
    for (const otherId of p1.indicator.links) {
      const p2 = readings[otherId];
      if (!p2) continue;
      const kind = p1.indicator.kind === "percent" || p2.indicator.kind === "percent" ? "percent" : p1.indicator.kind;
      for (const role of ["baseline", "result"] as const) {
        const a = p1[role];
        const b = p2[role];
        if (!a || !b) continue;
        if (valuesAgree(a.value, b.value, kind) === false) {
          findings.add(
            appendicesDisagree,
            {
              label: p1.indicator.labelVi,
              year: p1.years[role],
              here: a.value.raw,
              other: b.value.raw,
              otherWhere: `${b.address.sheet}!${a1(b.address.row, b.address.col)}`,
            },
            { sheet: a.address.sheet, row: a.address.row, col: a.address.col, indicatorId: p1.indicator.id },
          );
        }
      }
    }
  }
}
