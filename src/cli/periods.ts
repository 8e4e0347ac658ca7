/**
 * `--periods 2012,2023`: the baseline and result years to look for when they are not the
 * catalogue's (a district reporting 2012 → 2023). Each year becomes its role's year, and its
 * accepted range widens to hold it; the target stays the catalogue's. A parser calls
 * parsePeriodsOption and gets either the periods or a message in both languages.
 */
import type { Periods, Text2 } from "../catalogue/types";
import { YEAR_LIMITS } from "../catalogue/periods";

export type PeriodsOption = { ok: true; periods: Periods } | { ok: false; message: Text2 };

export function parsePeriodsOption(text: string, base: Periods): PeriodsOption {
  const m = /^\s*(\d{4})\s*[,;/-]\s*(\d{4})\s*$/.exec(text);
  const bad = (vi: string, en: string): PeriodsOption => ({ ok: false, message: { vi: `--periods ${vi} (nhận được “${text}”)`, en: `--periods ${en} (got “${text}”)` } });
  if (!m) return bad("phải là hai năm, kỳ đầu và kỳ cuối, ví dụ 2012,2023", "must be two years, the baseline and the result, e.g. 2012,2023");
  const baseline = Number(m[1]);
  const result = Number(m[2]);
  if ([baseline, result].some((y) => y < YEAR_LIMITS.min || y > YEAR_LIMITS.max)) return bad(`năm phải từ ${YEAR_LIMITS.min} đến ${YEAR_LIMITS.max}`, `years must lie between ${YEAR_LIMITS.min} and ${YEAR_LIMITS.max}`);
  if (baseline >= result) return bad("năm kỳ đầu phải trước năm kỳ cuối", "the baseline year must come before the result year");
  const widen = (p: Periods["baseline"], year: number) => ({ year, from: Math.min(p.from, year), to: Math.max(p.to, year) });
  // Ranges must not let one year stand for both roles: the result's range starts after the baseline.
  const b = widen(base.baseline, baseline);
  const r = widen(base.result, result);
  return { ok: true, periods: { baseline: { ...b, to: Math.min(b.to, result - 1) }, result: { ...r, from: Math.max(r.from, baseline + 1) }, target: base.target } };
}
