/**
 * Units: the words and symbols written after a number, as data (UNIT_LIST), and the hint a
 * catalogue row (or the table's declared unit) gives about the unit its values are in.
 *
 * Units (Measure.unit): "", "%", "‰", "ha", "m2", "km2", "m3", "lít", "m", "km", "kW", "MW",
 * "GW", "m2/người", "người", "con", "loài", "hộ", "điểm", "cơ sở", "mô hình", "dự án", "xã",
 * "tấn", "kg", "đồng" (money, already multiplied out of nghìn/triệu/tr/tỷ/tỉ). A unit written
 * "X/Y" where both are units ("triệu đồng/ha", "kg/ha") is one unit "đồng/ha". A cell without
 * a unit takes the hint's unit (states number/bound/range only); hint kind percent without a
 * unit means "%". Converting between units of one measure (ha ↔ m², tỷ ↔ triệu đồng) is
 * convert.ts's work.
 */
import type { ValueKind } from "../../catalogue/types";
import { foldAligned, isWordCode, normaliseText, RE_WS, sameAt } from "./text";

/** What the catalogue row says about the values expected in a cell. */
export interface ValueHint {
  kind?: ValueKind;
  unit?: string;
}

export interface UnitInfo {
  unit: string;
  /** Power of ten the written number is multiplied by (triệu → 6). */
  exp: number;
  /** The unit as written in words, multiplier included ("triệu đồng", "ha"): what a conversion starts from. */
  name: string;
}

/** [folded spellings, unit, power of ten, name]. */
const UNIT_LIST: [string[], string, number, string][] = [
  [["%", "phan tram"], "%", 0, "%"],
  [["‰", "phan nghin", "phan ngan"], "‰", 0, "‰"],
  [["ha", "hecta", "hec ta", "hectare"], "ha", 0, "ha"],
  [["m2", "m²", "met vuong"], "m2", 0, "m2"],
  [["km2", "km²", "kilomet vuong"], "km2", 0, "km2"],
  [["m3", "m³", "met khoi"], "m3", 0, "m3"],
  [["nghin m3", "ngan m3", "nghin m³", "ngan m³"], "m3", 3, "nghìn m3"],
  [["trieu m3", "trieu m³"], "m3", 6, "triệu m3"],
  [["lit"], "lít", 0, "lít"],
  [["km"], "km", 0, "km"],
  [["m", "met"], "m", 0, "m"],
  [["kw"], "kW", 0, "kW"],
  [["mw"], "MW", 0, "MW"],
  [["gw"], "GW", 0, "GW"],
  [["m2/nguoi", "m²/nguoi", "m2/ng"], "m2/người", 0, "m2/người"],
  [["nguoi"], "người", 0, "người"],
  [["con"], "con", 0, "con"],
  [["loai"], "loài", 0, "loài"],
  [["ho"], "hộ", 0, "hộ"],
  [["diem"], "điểm", 0, "điểm"],
  [["co so"], "cơ sở", 0, "cơ sở"],
  [["mo hinh"], "mô hình", 0, "mô hình"],
  [["du an"], "dự án", 0, "dự án"],
  [["xa"], "xã", 0, "xã"],
  [["tan"], "tấn", 0, "tấn"],
  [["nghin tan", "ngan tan"], "tấn", 3, "nghìn tấn"],
  [["kg"], "kg", 0, "kg"],
  [["dong", "d", "vnd", "dong vn"], "đồng", 0, "đồng"],
  [["nghin", "ngan", "nghin dong", "ngan dong", "nghin d", "ngan d", "nghin vnd", "ngan vnd"], "đồng", 3, "nghìn đồng"],
  [["trieu", "tr", "trieu dong", "tr dong", "trieu d", "tr d", "tr.d", "trd", "trieu vnd", "tr vnd"], "đồng", 6, "triệu đồng"],
  [["ty", "ti", "ty dong", "ti dong", "ty d", "ti d", "ty vnd", "ti vnd"], "đồng", 9, "tỷ đồng"],
  [["nghin ty", "ngan ty", "nghin ty dong", "ngan ty dong", "nghin ti dong", "nghin ti"], "đồng", 12, "nghìn tỷ đồng"],
];

const UNIT_BY_KEY: { [k: string]: UnitInfo } = Object.create(null);
/** Keys by first character, longest first. */
const UNIT_KEYS_BY_FIRST: { [c: string]: string[] } = Object.create(null);

(function buildUnits() {
  const add = (key: string, info: UnitInfo) => {
    if (UNIT_BY_KEY[key]) return;
    UNIT_BY_KEY[key] = info;
    const c = key.charAt(0);
    (UNIT_KEYS_BY_FIRST[c] = UNIT_KEYS_BY_FIRST[c] || []).push(key);
  };
  for (let i = 0; i < UNIT_LIST.length; i++) {
    const info: UnitInfo = { unit: UNIT_LIST[i][1], exp: UNIT_LIST[i][2], name: UNIT_LIST[i][3] };
    const keys = UNIT_LIST[i][0];
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      add(key, info);
      const slash = key.indexOf("/");
      if (slash > 0) {
        // "m2 / người", "m2/ người", "m2 /người"
        const a = key.slice(0, slash);
        const b = key.slice(slash + 1);
        add(a + " / " + b, info);
        add(a + "/ " + b, info);
        add(a + " /" + b, info);
      }
    }
  }
  for (const c in UNIT_KEYS_BY_FIRST) UNIT_KEYS_BY_FIRST[c].sort((x, y) => y.length - x.length);
})();

/** A unit written at f[p] (folded text), ending on a word boundary; "X/Y" of two units is one unit. */
export function matchUnit(f: string, p: number, end: number): { info: UnitInfo; end: number } | null {
  const a = matchSimpleUnit(f, p, end);
  if (!a) return null;
  let q = a.end;
  while (q < end && f.charCodeAt(q) === 32) q++;
  if (q >= end || f.charCodeAt(q) !== 47) return a;
  q++;
  while (q < end && f.charCodeAt(q) === 32) q++;
  const b = matchSimpleUnit(f, q, end);
  // "km/%" lists two units; a share is never part of a rate.
  if (!b || a.info.unit === "%" || b.info.unit === "%" || a.info.unit === "‰" || b.info.unit === "‰") return a;
  return { info: compoundUnit(a.info, b.info), end: b.end };
}

function matchSimpleUnit(f: string, p: number, end: number): { info: UnitInfo; end: number } | null {
  if (p >= end) return null;
  const keys = UNIT_KEYS_BY_FIRST[f.charAt(p)];
  if (!keys) return null;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const e = p + key.length;
    if (e > end || !sameAt(f, p, key)) continue;
    if (e < end && isWordCode(key.charCodeAt(key.length - 1)) && isWordCode(f.charCodeAt(e))) continue;
    return { info: UNIT_BY_KEY[key], end: e };
  }
  return null;
}

/** "triệu đồng" per "ha": the number is multiplied as the first unit says; the unit is "đồng/ha". */
export function compoundUnit(a: UnitInfo, b: UnitInfo): UnitInfo {
  return { unit: a.unit + "/" + b.unit, exp: a.exp - b.exp, name: a.name + "/" + b.name };
}

const UNIT_CACHE: { [u: string]: UnitInfo | null } = Object.create(null);
let unitCacheSize = 0;

/** The unit a display unit stands for ("Tỷ đồng", "m²/người", "kg/ha"), or null when it is not one we know. */
export function unitInfo(u: string): UnitInfo | null {
  const hit = UNIT_CACHE[u];
  if (hit !== undefined) return hit;
  const f = foldAligned(normaliseText(u)).replace(RE_WS, " ");
  let info: UnitInfo | null = UNIT_BY_KEY[f] || null;
  if (!info) {
    const m = matchUnit(f, 0, f.length);
    if (m && m.end === f.length) info = m.info;
  }
  if (unitCacheSize > 500) {
    for (const k in UNIT_CACHE) delete UNIT_CACHE[k];
    unitCacheSize = 0;
  }
  UNIT_CACHE[u] = info;
  unitCacheSize++;
  return info;
}

/**
 * "m2"/"m²" → "m2"; "m²/người" → "m2/người"; "triệu đồng", "tỷ", "VNĐ", "đ" → "đồng";
 * "ha", "%", "km", "người", "con", "loài", "hộ", "điểm", "cơ sở", "mô hình", "dự án", "xã".
 * Anything else comes back as normaliseText(u).
 */
export function normaliseUnit(u: string): string {
  if (typeof u !== "string") return "";
  const info = unitInfo(u);
  return info ? info.unit : normaliseText(u);
}

export const PERCENT: UnitInfo = { unit: "%", exp: 0, name: "%" };
export const DONG: UnitInfo = { unit: "đồng", exp: 0, name: "đồng" };
export const NO_UNIT: UnitInfo = { unit: "", exp: 0, name: "" };

/** The unit a hint stands for: its display unit when known, else "%" for percentages and đồng for money. */
export function hintUnit(hint: ValueHint | undefined): UnitInfo | undefined {
  if (!hint) return undefined;
  if (typeof hint.unit === "string" && hint.unit !== "") {
    const info = unitInfo(hint.unit);
    if (info) return info;
  }
  if (hint.kind === "percent") return PERCENT;
  if (hint.kind === "money") return DONG;
  return undefined;
}
