/**
 * Excel cells: a value as Excel holds it (number, boolean, error, text; its number format
 * and displayed text) turned into a ParsedValue. Real numbers keep their value (percent
 * formats scaled, literal units in the format applied); text goes through the grammar.
 */
import type { CellValue, CellValueType, Measure, NumberValue, ParsedValue } from "../types";
import { parseText } from "./grammar";
import { NUMBERS } from "./numbers";
import { normaliseText, toNFC } from "./text";
import { hintUnit, NO_UNIT, unitInfo, type UnitInfo, type ValueHint } from "./units";

export interface CellInput {
  value: CellValue;
  valueType?: CellValueType;
  numberFormat?: string;
  text?: string;
}

interface FormatInfo {
  percent: boolean;
  date: boolean;
  /** Unit written as a literal in the format (`0.00" ha"`, `0"%"`, `[$₫-42A]`). */
  literalUnit: UnitInfo | null;
}

const FORMAT_CACHE: { [fmt: string]: FormatInfo } = Object.create(null);
let formatCacheSize = 0;
const PLAIN_FORMAT: FormatInfo = { percent: false, date: false, literalUnit: null };

/** Reads an Excel number format: percent outside quotes, date/time codes, literal unit. */
function formatInfo(fmt: string): FormatInfo {
  if (fmt === "" || fmt === "General" || fmt === "@") return PLAIN_FORMAT;
  const hit = FORMAT_CACHE[fmt];
  if (hit) return hit;
  let percent = false;
  let date = false;
  let literal = "";
  let otherLetter = false;
  // Only the first section (positive numbers) decides; others repeat it.
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt.charAt(i);
    if (c === ";") break;
    if (c === '"') {
      const close = fmt.indexOf('"', i + 1);
      const stop = close < 0 ? fmt.length : close;
      literal += fmt.substring(i + 1, stop);
      i = stop;
    } else if (c === "\\") {
      literal += fmt.charAt(i + 1);
      i++;
    } else if (c === "_" || c === "*") {
      i++;
    } else if (c === "[") {
      const close = fmt.indexOf("]", i + 1);
      const stop = close < 0 ? fmt.length : close;
      const inner = fmt.substring(i + 1, stop);
      if (/^(h+|m+|s+)$/i.test(inner)) date = true;
      else if (inner.charAt(0) === "$") {
        const dash = inner.indexOf("-");
        literal += dash < 0 ? inner.slice(1) : inner.slice(1, dash);
      }
      i = stop;
    } else if (c === "%") {
      percent = true;
    } else {
      const lc = c.toLowerCase();
      if (lc === "d" || lc === "m" || lc === "y" || lc === "h" || lc === "s") date = true;
      else if (lc >= "a" && lc <= "z" && "aepgb".indexOf(lc) < 0) otherLetter = true;
    }
  }
  // Date codes only count when every bare letter is a date/time code ("d/m", "h:mm AM/PM"):
  // a word such as a localised "General" is not a date.
  if (otherLetter) date = false;
  const lit = literal.trim();
  const info: FormatInfo = { percent, date, literalUnit: lit === "" ? null : unitInfo(lit === "₫" ? "đ" : lit) };
  if (formatCacheSize > 1000) {
    for (const k in FORMAT_CACHE) delete FORMAT_CACHE[k];
    formatCacheSize = 0;
  }
  FORMAT_CACHE[fmt] = info;
  formatCacheSize++;
  return info;
}

const RE_HASHES = /^#+$/;
/** Only a number (and maybe "%"), written with the characters numbers are written with. */
const RE_BARE_NUMBER = new RegExp("^[-+]?[" + NUMBERS.chars.replace(/[\\\]^-]/g, "\\$&") + "]+ ?%?$");

function shownText(cell: CellInput, fallback: string): string {
  const txt = typeof cell.text === "string" ? toNFC(cell.text).trim() : "";
  // "####" is a number too wide for its column: not what the user wrote.
  return txt === "" || RE_HASHES.test(txt) ? fallback : txt;
}

/** Parses one Excel cell (values, valueTypes, numberFormat and text as Office.js gives them). Never throws. */
export function parseCell(cell: CellInput, hint?: ValueHint): ParsedValue {
  if (!cell || typeof cell !== "object") return { state: "blank", raw: "" };
  const v = cell.value;
  const vt = cell.valueType;

  if (vt === "Error") {
    const code = typeof v === "string" && v !== "" ? v.trim().toUpperCase() : shownText(cell, "#ERROR").toUpperCase();
    return { state: "error", raw: shownText(cell, code), errorCode: code };
  }
  if (v === null || v === undefined || v === "") {
    return { state: "blank", raw: "" };
  }
  if (typeof v === "boolean") {
    return { state: "yesno", raw: shownText(cell, v ? "TRUE" : "FALSE"), yes: v };
  }
  if (typeof v === "number") {
    if (!isFinite(v)) return { state: "text", raw: shownText(cell, String(v)) };
    const fmt = typeof cell.numberFormat === "string" ? formatInfo(cell.numberFormat) : PLAIN_FORMAT;
    const raw = shownText(cell, String(v));
    if (fmt.date && !fmt.percent) {
      // Excel turned something like "2/2" into a date; keep what the user sees.
      return { state: "text", raw, fromNumber: true, looksLikeDate: true };
    }
    let measure: Measure;
    let written: string | undefined;
    if (fmt.percent) {
      // 0.275 × 100 is 27.500000000000004 in binary: round away the noise.
      const p = v * 100;
      measure = { value: Math.abs(p) < 1e6 ? Math.round(p * 1e9) / 1e9 : Number(p.toPrecision(15)), unit: "%" };
      written = "%";
    } else {
      const u = fmt.literalUnit || hintUnit(hint) || NO_UNIT;
      const value = u.exp === 0 ? v : Number((v * Math.pow(10, u.exp)).toPrecision(15));
      measure = { value: value === 0 ? 0 : value, unit: u.unit };
      if (fmt.literalUnit) written = fmt.literalUnit.name;
    }
    if (!isFinite(measure.value)) return { state: "text", raw, fromNumber: true };
    const r: NumberValue = { state: "number", raw, measure, fromNumber: true };
    if (written !== undefined) r.writtenUnit = written;
    return r;
  }
  const str = typeof v === "string" ? v : String(v);
  const r = parseText(str, hint);
  if (r.state !== "blank") {
    const shown = shownText(cell, r.raw);
    if (shown !== "") r.raw = shown;
  }
  if (r.state === "number" && RE_BARE_NUMBER.test(normaliseText(str))) r.numberAsText = true;
  return r;
}
