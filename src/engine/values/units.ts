/**
 * Units: the words and symbols written after a number, as data (UNIT_LIST), and the hint a
 * catalogue row gives about the unit its values are in.
 *
 * Units (Measure.unit): "", "%", "ha", "m2", "km2", "m3", "km", "m2/người", "người", "con",
 * "loài", "hộ", "điểm", "cơ sở", "mô hình", "dự án", "xã", "tấn", "kg", "đồng" (money, already
 * multiplied out of nghìn/triệu/tr/tỷ/tỉ). A cell without a unit takes the hint's unit
 * (states number/bound/range only); hint kind percent without a unit means "%".
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
}

const UNIT_LIST: [string[], string, number][] = [
  [["%", "phan tram"], "%", 0],
  [["ha", "hecta", "hec ta", "hectare"], "ha", 0],
  [["m2", "m²", "met vuong"], "m2", 0],
  [["km2", "km²"], "km2", 0],
  [["m3", "m³"], "m3", 0],
  [["km"], "km", 0],
  [["m2/nguoi", "m²/nguoi", "m2/ng"], "m2/người", 0],
  [["nguoi"], "người", 0],
  [["con"], "con", 0],
  [["loai"], "loài", 0],
  [["ho"], "hộ", 0],
  [["diem"], "điểm", 0],
  [["co so"], "cơ sở", 0],
  [["mo hinh"], "mô hình", 0],
  [["du an"], "dự án", 0],
  [["xa"], "xã", 0],
  [["tan"], "tấn", 0],
  [["kg"], "kg", 0],
  [["dong", "d", "vnd", "dong vn"], "đồng", 0],
  [["nghin", "ngan", "nghin dong", "ngan dong", "nghin d", "ngan d", "nghin vnd", "ngan vnd"], "đồng", 3],
  [["trieu", "tr", "trieu dong", "tr dong", "trieu d", "tr d", "tr.d", "trd", "trieu vnd", "tr vnd"], "đồng", 6],
  [["ty", "ti", "ty dong", "ti dong", "ty d", "ti d", "ty vnd", "ti vnd"], "đồng", 9],
  [["nghin ty", "ngan ty", "nghin ty dong", "ngan ty dong", "nghin ti dong", "nghin ti"], "đồng", 12],
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
    const info: UnitInfo = { unit: UNIT_LIST[i][1], exp: UNIT_LIST[i][2] };
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

/** A unit written at f[p] (folded text), ending on a word boundary. */
export function matchUnit(f: string, p: number, end: number): { info: UnitInfo; end: number } | null {
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

const UNIT_CACHE: { [u: string]: UnitInfo | null } = Object.create(null);
let unitCacheSize = 0;

/** The unit a display unit stands for, or null when it is not one we know. */
export function unitInfo(u: string): UnitInfo | null {
  const hit = UNIT_CACHE[u];
  if (hit !== undefined) return hit;
  const f = foldAligned(normaliseText(u)).replace(RE_WS, " ");
  const info = UNIT_BY_KEY[f] || null;
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

export const PERCENT: UnitInfo = { unit: "%", exp: 0 };
export const DONG: UnitInfo = { unit: "đồng", exp: 0 };
export const NO_UNIT: UnitInfo = { unit: "", exp: 0 };

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
