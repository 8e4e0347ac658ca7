/**
 * Status: PL1 targets judged by the target's bound and the indicator's direction; every
 * indicator's trend from the baseline to the result.
 */
import type { IndicatorRow, PeriodYears, Target, Text2 } from "../catalogue/types";
import type { IndicatorStatus, ParsedValue, TargetStatus, Trend } from "./types";
import { foldForMatch, formatViNumber } from "./values";

export interface IndicatorValues {
  baseline?: ParsedValue;
  result?: ParsedValue;
  note?: ParsedValue;
  /** The years the values are for, quoted in the explanation. */
  years: PeriodYears;
}

/**
 * The single number a value stands for, when it has one: a number, a bound's value,
 * a count of total as a percent (for percent indicators) or its part, the first measure.
 */
export function numericValue(v: ParsedValue | undefined, percent = false): number | undefined {
  if (!v) return undefined;
  switch (v.state) {
    case "number":
    case "multi":
      return v.measure.value;
    case "bound":
      return v.bound.value;
    case "range":
      return (v.range.low + v.range.high) / 2;
    case "countOfTotal":
      if (percent) return v.count.percent ?? (v.count.total > 0 ? (v.count.part / v.count.total) * 100 : undefined);
      return v.count.part;
    case "text":
      return v.measure?.value;
    default:
      return undefined;
  }
}

export const STATUS_TEXT: Record<TargetStatus, Text2> = {
  achieved: { vi: "Đạt", en: "Achieved" },
  exceeded: { vi: "Vượt mục tiêu", en: "Exceeded" },
  notAchieved: { vi: "Chưa đạt", en: "Not achieved" },
  noData: { vi: "Không có số liệu", en: "No data" },
  notApplicable: { vi: "Không áp dụng", en: "Not applicable" },
  noTarget: { vi: "Không có mục tiêu", en: "No target" },
};

export const TREND_TEXT: Record<Trend, Text2> = {
  better: { vi: "Tốt hơn", en: "Better" },
  worse: { vi: "Kém hơn", en: "Worse" },
  unchanged: { vi: "Không đổi", en: "Unchanged" },
  increased: { vi: "Tăng", en: "Increased" },
  decreased: { vi: "Giảm", en: "Decreased" },
  unknown: { vi: "Chưa đủ số liệu", en: "Not enough data" },
};

/** "Chưa có hệ thống…" says the thing does not exist yet — the measure is zero, not absent. */
function noteSaysNotYet(note: ParsedValue | undefined): boolean {
  // The first-letter test spares folding every note of a large workbook.
  return !!note && /^\s*[cC]/.test(note.raw) && /^chua (co|xay dung|thuc hien|trien khai)( |$)/.test(foldForMatch(note.raw));
}

/**
 * The note says nothing of that kind exists here: "Không có", "Không phát sinh", "KPS", "K/c"
 * (the parser's not-applicable markers), or "Trên địa bàn không có KCN".
 */
export function noteSaysNone(note: ParsedValue | undefined): boolean {
  if (!note) return false;
  if (note.state === "notApplicable") return true;
  // The first-letter test spares folding every note of a large workbook.
  const c = note.raw.charAt(0);
  if (c !== "k" && c !== "K" && c !== "T" && c !== "t" && c !== "Đ" && c !== "đ") return false;
  return RE_NONE_HERE.test(foldForMatch(note.raw));
}
const RE_NONE_HERE = /^(?:(?:tren dia ban|dia phuong|don vi)(?: [a-z]+){0,3} )?(?:khong co|khong phat sinh|chua phat sinh)(?: |$)(?!so lieu|du lieu)/;

function isZero(v: ParsedValue | undefined): boolean {
  return !!v && v.state === "number" && v.measure.value === 0;
}

function hasTargetOperator(t: Target): boolean {
  return /^\s*(<|>|≤|≥|trên|dưới|tối thiểu|tối đa)/i.test(t.text);
}

function compare(x: number, t: Target): "meets" | "beats" | "misses" {
  const eps = 1e-9;
  switch (t.op) {
    case ">":
      return x > t.value + eps ? "meets" : "misses";
    case "<":
      return x < t.value - eps ? "meets" : "misses";
    case "<=":
      return x <= t.value + eps ? (x < t.value - eps && !hasTargetOperator(t) ? "beats" : "meets") : "misses";
    case ">=":
    case "=":
    default:
      if (x > t.value + eps) return hasTargetOperator(t) ? "meets" : "beats";
      return Math.abs(x - t.value) <= eps || x > t.value ? "meets" : "misses";
  }
}

/**
 * Where the result is itself a bound ("> 98%"), it is judged by its guaranteed side:
 * "> 98%" certainly meets "≥ 90%", and says nothing certain against "≥ 99%".
 */
function judgeTarget(v: ParsedValue, t: Target): TargetStatus | undefined {
  const x = numericValue(v, true);
  if (x === undefined) return undefined;
  if (v.state === "bound" && v.bound) {
    const lower = v.bound.op === ">" || v.bound.op === ">=";
    const meetsSide = t.op === ">" || t.op === ">=" || t.op === "=";
    if (lower !== meetsSide) return "noData";
  }
  const c = compare(x, t);
  return c === "beats" ? "exceeded" : c === "meets" ? "achieved" : "notAchieved";
}

export function trendOf(ind: IndicatorRow, a: ParsedValue | undefined, b: ParsedValue | undefined): { trend: Trend; change?: number } {
  const pct = ind.kind === "percent";
  const x = numericValue(a, pct);
  const y = numericValue(b, pct);
  if (x === undefined || y === undefined) return { trend: "unknown" };
  const change = x !== 0 ? (y - x) / Math.abs(x) : undefined;
  const same = Math.abs(y - x) <= Math.max(1e-9, Math.abs(x) * 1e-6);
  if (same) return { trend: "unchanged", change: 0 };
  const up = y > x;
  if (ind.direction === "neutral") return { trend: up ? "increased" : "decreased", change };
  const better = ind.direction === "higher" ? up : !up;
  return { trend: better ? "better" : "worse", change };
}

function changeText(change: number | undefined): string {
  if (change === undefined || !isFinite(change)) return "";
  const pct = change * 100;
  const sign = pct > 0 ? "+" : pct < 0 ? "−" : "";
  return ` (${sign}${formatViNumber(Math.abs(pct), Math.abs(pct) >= 10 ? 0 : 1)}%)`;
}

export function judgeStatus(ind: IndicatorRow, values: IndicatorValues): IndicatorStatus {
  const { trend, change } = trendOf(ind, values.baseline, values.result);
  const shown = trend === "unchanged" ? "" : changeText(change);
  const trendLabel: Text2 = { vi: TREND_TEXT[trend].vi + shown, en: TREND_TEXT[trend].en + shown };
  const out: IndicatorStatus = { indicatorId: ind.id, appendix: ind.appendix, trend, label: trendLabel };
  if (change !== undefined) out.change = change;
  if (ind.appendix !== "PL1") return out;

  const v = values.result;
  const note = values.note;
  let status: TargetStatus;
  let explanation: Text2 | undefined;
  const empty = !v || v.state === "blank" || v.state === "noData";
  // Not applicable comes first: "Không có" answers the row whether or not it has a target.
  if (v && v.state === "notApplicable") {
    status = "notApplicable";
  } else if ((empty || isZero(v)) && noteSaysNone(note)) {
    status = "notApplicable";
    explanation = { vi: `Theo ghi chú: ${note?.raw.trim()}`, en: `Per the note: ${note?.raw.trim()}` };
  } else if (!ind.target) {
    status = "noTarget";
  } else if (empty && noteSaysNotYet(note) && (ind.target.op === ">" || ind.target.op === ">=" || ind.target.op === "=")) {
    // Nothing in place yet means the share is 0, which misses a lower bound.
    status = ind.target.value > 0 ? "notAchieved" : "achieved";
    explanation = { vi: `Theo ghi chú: ${note?.raw.trim()}`, en: `Per the note: ${note?.raw.trim()}` };
  } else if (!v || v.state === "blank" || v.state === "noData" || v.state === "error") {
    status = "noData";
  } else {
    status = judgeTarget(v, ind.target) ?? "noData";
    const x = numericValue(v, true);
    if (x !== undefined) {
      explanation = {
        vi: `${values.years.result}: ${v.raw} so với mục tiêu ${ind.target.text}`,
        en: `${values.years.result}: ${v.raw} against the target ${ind.target.text}`,
      };
    }
  }
  out.status = status;
  if (explanation) out.explanation = explanation;
  out.label =
    status === "noTarget"
      ? { vi: `${STATUS_TEXT.noTarget.vi} · ${trendLabel.vi}`, en: `${STATUS_TEXT.noTarget.en} · ${trendLabel.en}` }
      : STATUS_TEXT[status];
  return out;
}
