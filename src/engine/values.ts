/**
 * The value parser: what the engine understands of every cell value.
 *
 * Pure and ES5-safe: no Node/DOM/Office, no lookbehind/named groups/u/s/y regex flags,
 * every regex compiled once at load. `String.prototype.normalize` is used when present;
 * otherwise Vietnamese NFD text is composed by an explicit table, so NFC and NFD input
 * parse the same either way.
 *
 * Matching works on a "folded" copy of the text that is index-aligned with it (same
 * length: one folded char per char: lower case, Vietnamese diacritics removed, đ → d),
 * so labels and descriptions are cut from the user's own wording.
 *
 * States (ParsedValue.state):
 *  - blank          "", spaces, null.
 *  - noData         "-", "--", "—", "…", "...", "Không có số liệu", "chưa có số liệu" (+ words).
 *  - notApplicable  "Không có" (+ words), "Không áp dụng", "KAD", "N/A", "không phát sinh" (+ words).
 *  - yesno          Có/Đã/Đạt/Rồi/x/TRUE → yes; Không/Chưa/Chưa đạt/Chưa có/FALSE → no; Excel booleans.
 *                   With hint kind "yesno" also "Không có" (no) and answers with a reason
 *                   ("Chưa có hệ thống …" → no, description = the reason).
 *  - number         a number with an optional unit and nothing else (filler words like
 *                   "đạt", "khoảng", "Có", "Hiện có" in front allowed); with hint kind count or
 *                   countDescription also a number with words around it (description/label).
 *  - bound          ">85%", "trên 98%", "tối thiểu 90%", "từ 90% trở lên": bound + measure.
 *  - range          "8–10%", "từ 8 đến 10%": range {low, high, unit}; no measure.
 *  - countOfTotal   "2/2 đạt 100%": count {part, total, percent?, what?}; measure = part/total in %
 *                   (absent when total is 0). part > total is kept for the rules to flag.
 *  - multi          ";"-separated measures: measures[], measure = the first.
 *  - error          "#N/A", "#REF!"… (Error cells or the text): errorCode upper-case.
 *  - text           anything else. A number inside words ("Hiện có 02 làng nghề") is kept
 *                   in measure (unit only if written next to it), the words after it in
 *                   description, the words before it (not filler) in measure.label.
 *                   Dates (Excel date-formatted numbers, "15/05/2023") set looksLikeDate.
 *
 * Units (Measure.unit): "", "%", "ha", "m2", "km2", "m3", "km", "m2/người", "người", "con",
 * "loài", "hộ", "điểm", "cơ sở", "mô hình", "dự án", "xã", "tấn", "kg", "đồng" (money, already
 * multiplied out of nghìn/triệu/tr/tỷ/tỉ). A cell without a unit takes the hint's unit
 * (states number/bound/range only); hint kind percent without a unit means "%".
 */
import type { CellValue, CellValueType, Measure, ParsedValue } from "./types";
import type { Text2, ValueKind } from "../catalogue/types";

export interface CellInput {
  value: CellValue;
  valueType?: CellValueType;
  numberFormat?: string;
  text?: string;
}

export interface ValueHint {
  kind?: ValueKind;
  unit?: string;
}

type Op = "<" | "<=" | ">" | ">=";

// ------------------------------------------------------------------ characters

const HAS_NORMALIZE = typeof "".normalize === "function";

/** Vowels with their five tones (grave, acute, hook, tilde, dot below), lower case. */
const TONE_ROWS: [string, string, string][] = [
  // [base letter, folded ascii, base + 5 tones]
  ["a", "a", "aàáảãạ"],
  ["ă", "a", "ăằắẳẵặ"],
  ["â", "a", "âầấẩẫậ"],
  ["e", "e", "eèéẻẽẹ"],
  ["ê", "e", "êềếểễệ"],
  ["i", "i", "iìíỉĩị"],
  ["o", "o", "oòóỏõọ"],
  ["ô", "o", "ôồốổỗộ"],
  ["ơ", "o", "ơờớởỡợ"],
  ["u", "u", "uùúủũụ"],
  ["ư", "u", "ưừứửữự"],
  ["y", "y", "yỳýỷỹỵ"],
];
/** Combining marks, in the tone order of TONE_ROWS (index 1..5). */
const TONE_MARKS = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
/** Vowel-shape marks: breve (ă), circumflex (â ê ô), horn (ơ ư). */
const SHAPE: { [k: string]: [string, string] } = {
  "ă": ["a", "\u0306"],
  "â": ["a", "\u0302"],
  "ê": ["e", "\u0302"],
  "ô": ["o", "\u0302"],
  "ơ": ["o", "\u031b"],
  "ư": ["u", "\u031b"],
};

/** Composite letter → folded ascii (both cases), plus đ/Đ. */
const FOLD: { [ch: string]: string } = Object.create(null);
/** Composite letter → [plain letter, shape mark, tone mark]; and the reverse. */
const DECOMP: { [ch: string]: [string, string, string] } = Object.create(null);
const COMP: { [key: string]: string } = Object.create(null);

(function buildTables() {
  for (let r = 0; r < TONE_ROWS.length; r++) {
    const row = TONE_ROWS[r];
    const shape = SHAPE[row[0]];
    const plain = shape ? shape[0] : row[0];
    const shapeMark = shape ? shape[1] : "";
    for (let t = 0; t < 6; t++) {
      const lower = row[2].charAt(t);
      const upper = lower.toUpperCase();
      const variants: [string, string][] = [[lower, plain], [upper, plain.toUpperCase()]];
      for (let v = 0; v < 2; v++) {
        const ch = variants[v][0];
        if (ch !== row[1] && ch !== row[1].toUpperCase()) FOLD[ch] = row[1];
        DECOMP[ch] = [variants[v][1], shapeMark, TONE_MARKS[t]];
        COMP[variants[v][1] + "|" + shapeMark + "|" + TONE_MARKS[t]] = ch;
      }
    }
  }
  FOLD["đ"] = "d";
  FOLD["Đ"] = "d";
})();

const RE_COMBINING = /[\u0300-\u036f]/;
const RE_COMBINING_G = /[\u0300-\u036f]/g;
const RE_ASCII = /^[\x00-\x7f]*$/;

/**
 * Composes Vietnamese letters written as base + combining marks (NFD, in any mark
 * order) into single code points, without `String.prototype.normalize`.
 * Exported for tests; the parser uses `normalize("NFC")` when the runtime has it.
 */
export function composeVietnamese(s: string): string {
  if (!RE_COMBINING.test(s)) return s;
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    const code = s.charCodeAt(i);
    if (code >= 0x300 && code <= 0x36f && out.length > 0) {
      const prev = out[out.length - 1];
      const d = DECOMP[prev];
      if (d) {
        let shape = d[1];
        let tone = d[2];
        let ok = true;
        if (c === "\u0306" || c === "\u0302" || c === "\u031b") {
          if (shape === "") shape = c;
          else ok = false;
        } else if (TONE_MARKS.indexOf(c) > 0) {
          if (tone === "") tone = c;
          else ok = false;
        } else ok = false;
        const comp = ok ? COMP[d[0] + "|" + shape + "|" + tone] : undefined;
        if (comp !== undefined) {
          out[out.length - 1] = comp;
          continue;
        }
      }
    }
    out.push(c);
  }
  return out.join("");
}

/** Anything beyond Latin letters and precomposed Vietnamese may change under NFC. */
const RE_MAY_CHANGE_UNDER_NFC = /[^\x00-\u02ff\u1e00-\u1eff]/;

function toNFC(s: string): string {
  if (HAS_NORMALIZE) return RE_MAY_CHANGE_UNDER_NFC.test(s) ? s.normalize("NFC") : s;
  return composeVietnamese(s);
}

const RE_INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const RE_WS = /[\s\u0085\u180e]+/g;
const RE_DASH = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;
const RE_SQUOTE = /[\u2018\u2019\u201a\u201b\u2032]/g;
const RE_DQUOTE = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g;
/** Any character the replacements above touch (one test instead of four replaces). */
const RE_SPECIAL = /[\u00ad\u200b-\u200d\u2060\ufeff\u2010-\u2015\u2212\ufe58\ufe63\uff0d\u2018-\u201b\u201c-\u201f\u2032\u2033\u00ab\u00bb]/;
/** Whitespace that is not a single inner space. */
const RE_ODD_SPACE = /[\t\n\v\f\r\u0085\u00a0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|  |^ | $/;
/** Already clean: printable ascii words separated by single spaces. */
const RE_CLEAN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** NFC, invisible characters removed, whitespace collapsed and trimmed, dashes and quotes unified. */
export function normaliseText(s: string): string {
  if (typeof s !== "string") s = s === null || s === undefined ? "" : String(s);
  if (s === "" || RE_CLEAN_ASCII.test(s)) return s;
  let x = s;
  if (RE_SPECIAL.test(x)) {
    x = x.replace(RE_INVISIBLE, "").replace(RE_DASH, "-").replace(RE_SQUOTE, "'").replace(RE_DQUOTE, '"');
  }
  if (RE_ODD_SPACE.test(x)) x = x.replace(RE_WS, " ");
  x = toNFC(x);
  // Composition never yields spaces at the ends, but trimming last keeps it idempotent.
  return RE_ODD_SPACE.test(x) ? x.replace(RE_WS, " ").trim() : x;
}

const RE_PUNCT_RUN = /[\s\u0085\u180e\u00ad\u200b-\u200d\u2060!-\/:-@[-`{-~\u00a1-\u00bf\u00d7\u00f7\u2010-\u2027\u2030-\u205e\u2212\u3000-\u3003]+/g;
const RE_SUPERSCRIPT = /[\u00b2\u00b3\u00b9]/g;
function superDigit(c: string): string {
  return c === "\u00b2" ? "2" : c === "\u00b3" ? "3" : "1";
}

/** For label matching: lower case, no diacritics (đ → d), punctuation and spaces collapsed to one space. */
export function foldForMatch(s: string): string {
  if (typeof s !== "string") s = s === null || s === undefined ? "" : String(s);
  let x = s.toLowerCase();
  if (!RE_ASCII.test(x)) {
    x = x.replace(RE_SUPERSCRIPT, superDigit);
    if (HAS_NORMALIZE) x = x.normalize("NFD");
    let out = "";
    for (let i = 0; i < x.length; i++) {
      const c = x.charAt(i);
      const m = FOLD[c];
      out += m !== undefined ? m : c;
    }
    x = out.replace(RE_COMBINING_G, "");
  }
  return x.replace(RE_PUNCT_RUN, " ").trim();
}

/**
 * Folded copy with the same length as `t`: ascii lower case, Vietnamese letters to
 * their base letter, đ → d. Other characters are lower-cased when that keeps the length.
 */
function foldAligned(t: string): string {
  if (RE_ASCII.test(t)) return t.toLowerCase();
  let out = "";
  for (let i = 0; i < t.length; i++) {
    const c = t.charAt(i);
    const code = t.charCodeAt(i);
    if (code < 128) {
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c;
      continue;
    }
    const m = FOLD[c];
    if (m !== undefined) {
      out += m;
      continue;
    }
    const l = c.toLowerCase();
    out += l.length === 1 ? l : c;
  }
  return out;
}

// ------------------------------------------------------------------ units

interface UnitInfo {
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

/** f has w at p (no substring allocation). */
function sameAt(f: string, p: number, w: string): boolean {
  for (let k = 0; k < w.length; k++) if (f.charCodeAt(p + k) !== w.charCodeAt(k)) return false;
  return true;
}

function isWordCode(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    c === 95 ||
    (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x206f) && !(c >= 0x3000 && c <= 0x303f))
  );
}

/** A unit written at f[p] (folded text), ending on a word boundary. */
function matchUnit(f: string, p: number, end: number): { info: UnitInfo; end: number } | null {
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
function unitInfo(u: string): UnitInfo | null {
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

// ------------------------------------------------------------------ numbers

interface Num {
  /** Canonical decimal string, e.g. "-1234.5". */
  mant: string;
  /** The other reading when the separators are ambiguous (vi reading is `mant`). */
  alt?: string;
  /** Written without separators or sign. */
  isInt: boolean;
  start: number;
  end: number;
  tok: string;
}

const RE_VI_GROUPS = /^\d{1,3}(\.\d{3})+$/;
const RE_EN_GROUPS = /^\d{1,3}(,\d{3})+$/;
const RE_SHORT_INT = /^[1-9]\d{0,2}$/;
const RE_DOTS = /\./g;
const RE_COMMAS = /,/g;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Reads a number token: digits with "." and "," between digits; a sign only right
 * before a digit. vi-VN first (dot thousands, comma decimal); en-US when only it fits.
 */
function scanNumber(f: string, i: number, end: number, allowSign: boolean): Num | null {
  let p = i;
  let sign = "";
  let c = f.charCodeAt(p);
  if (allowSign && (c === 45 || c === 43) && p + 1 < end) {
    const n = f.charCodeAt(p + 1);
    if (isDigit(n) || ((n === 44 || n === 46) && p + 2 < end && isDigit(f.charCodeAt(p + 2)))) {
      if (c === 45) sign = "-";
      p++;
    }
  }
  const start = p;
  c = f.charCodeAt(p);
  if (!isDigit(c)) {
    if (!((c === 44 || c === 46) && p + 1 < end && isDigit(f.charCodeAt(p + 1)))) return null;
  }
  let dots = 0;
  let commas = 0;
  let lastDot = -1;
  let lastComma = -1;
  while (p < end) {
    c = f.charCodeAt(p);
    if (isDigit(c)) {
      p++;
      continue;
    }
    if ((c === 46 || c === 44) && p + 1 < end && isDigit(f.charCodeAt(p + 1))) {
      if (c === 46) {
        dots++;
        lastDot = p - start;
      } else {
        commas++;
        lastComma = p - start;
      }
      p++;
      continue;
    }
    break;
  }
  const tok = f.substring(start, p);
  let mant: string;
  let alt: string | undefined;
  if (dots === 0 && commas === 0) {
    mant = tok;
  } else if (dots > 0 && commas > 0) {
    if (lastComma > lastDot) {
      const ip = tok.slice(0, lastComma);
      if (commas !== 1 || !RE_VI_GROUPS.test(ip)) return null;
      mant = ip.replace(RE_DOTS, "") + "." + tok.slice(lastComma + 1);
    } else {
      const ip = tok.slice(0, lastDot);
      if (dots !== 1 || !RE_EN_GROUPS.test(ip)) return null;
      mant = ip.replace(RE_COMMAS, "") + "." + tok.slice(lastDot + 1);
    }
  } else if (commas > 0) {
    if (commas === 1) {
      const ip = tok.slice(0, lastComma);
      const fp = tok.slice(lastComma + 1);
      mant = (ip === "" ? "0" : ip) + "." + fp;
      // "1,234": vi 1.234, en 1234.
      if (fp.length === 3 && RE_SHORT_INT.test(ip)) alt = ip + fp;
    } else {
      if (!RE_EN_GROUPS.test(tok)) return null;
      mant = tok.replace(RE_COMMAS, "");
    }
  } else {
    if (dots === 1) {
      const ip = tok.slice(0, lastDot);
      const fp = tok.slice(lastDot + 1);
      if (fp.length === 3 && RE_SHORT_INT.test(ip)) {
        // "1.234": vi 1234, en 1.234.
        mant = ip + fp;
        alt = ip + "." + fp;
      } else {
        // "27.5", "0.275", "1.2345": a dot that cannot be a vi thousands group.
        mant = (ip === "" ? "0" : ip) + "." + fp;
      }
    } else {
      if (!RE_VI_GROUPS.test(tok)) return null;
      mant = tok.replace(RE_DOTS, "");
    }
  }
  return {
    mant: sign + mant,
    alt: alt === undefined ? undefined : sign + alt,
    isInt: dots === 0 && commas === 0 && sign === "",
    start: i,
    end: p,
    tok: sign + tok,
  };
}

/** Exact decimal scaling: "1.6" × 10^9 without binary rounding noise. */
function numValue(mant: string, exp: number): number {
  const v = exp === 0 ? Number(mant) : Number(mant + "e" + exp);
  return v === 0 ? 0 : v; // no -0
}

function ambiguity(n: Num, exp: number): { readings: number[]; reason: Text2 } | undefined {
  if (n.alt === undefined) return undefined;
  const vi = numValue(n.mant, 0);
  const en = numValue(n.alt, 0);
  const isDot = n.tok.indexOf(".") >= 0;
  const reason: Text2 = isDot
    ? {
        vi: "“" + n.tok + "”: dấu chấm có thể là dấu phân cách hàng nghìn (" + formatViNumber(vi) + ") hoặc dấu thập phân kiểu Anh (" + formatViNumber(en) + ")",
        en: "“" + n.tok + "”: the dot may separate thousands (" + vi + ") or be an English decimal point (" + en + ")",
      }
    : {
        vi: "“" + n.tok + "”: dấu phẩy có thể là dấu thập phân (" + formatViNumber(vi) + ") hoặc dấu phân cách hàng nghìn kiểu Anh (" + formatViNumber(en) + ")",
        en: "“" + n.tok + "”: the comma may be a decimal comma (" + vi + ") or an English thousands separator (" + en + ")",
      };
  return { readings: [numValue(n.mant, exp), numValue(n.alt, exp)], reason };
}

/** 1234.5 → "1.234,5"; `decimals` fixes the number of decimals, else as many as needed (≤ 15 significant digits). */
export function formatViNumber(n: number, decimals?: number): string {
  if (typeof n !== "number" || !isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 1e21) return String(n);
  let s: string;
  if (decimals !== undefined && decimals >= 0) {
    s = a.toFixed(Math.min(20, Math.floor(decimals)));
  } else {
    const r = Number(a.toPrecision(15));
    s = String(r);
    if (s.indexOf("e") >= 0) {
      s = r >= 1 ? r.toFixed(0) : r.toFixed(20).replace(/0+$/, "");
      if (s.charAt(s.length - 1) === ".") s = s.slice(0, -1);
    }
  }
  const dot = s.indexOf(".");
  const ip = dot >= 0 ? s.slice(0, dot) : s;
  const fp = dot >= 0 ? s.slice(dot + 1) : "";
  let grouped = "";
  for (let i = ip.length; i > 0; i -= 3) {
    const part = ip.slice(Math.max(0, i - 3), i);
    grouped = grouped === "" ? part : part + "." + grouped;
  }
  const neg = n < 0 && /[1-9]/.test(s);
  return (neg ? "-" : "") + grouped + (fp !== "" ? "," + fp : "");
}

// ------------------------------------------------------------------ words

type WordResult = { state: "noData" | "notApplicable" | "yesno"; yes?: boolean };

const WORDS: { [k: string]: WordResult } = Object.create(null);
(function buildWords() {
  const noData = ["-", "--", "---", "...", "…", "khong co so lieu", "chua co so lieu", "khong co du lieu", "chua co du lieu", "khong so lieu", "ko co so lieu", "k co so lieu"];
  const na = ["khong co", "khong ap dung", "kad", "k/a", "n/a", "na", "khong phat sinh", "ko co", "k co"];
  const yes = ["co", "da", "dat", "roi", "da co", "co roi", "da dat", "x", "yes", "true"];
  const no = ["khong", "chua", "chua dat", "khong dat", "chua co", "ko", "no", "false"];
  for (const w of noData) WORDS[w] = { state: "noData" };
  for (const w of na) WORDS[w] = { state: "notApplicable" };
  for (const w of yes) WORDS[w] = { state: "yesno", yes: true };
  for (const w of no) WORDS[w] = { state: "yesno", yes: false };
})();

/** Phrases that open a longer cell; checked with a word boundary after them. */
const PREFIXES: [string, "noData" | "notApplicable"][] = [
  ["khong co so lieu", "noData"],
  ["chua co so lieu", "noData"],
  ["khong co du lieu", "noData"],
  ["chua co du lieu", "noData"],
  ["khong co", "notApplicable"],
  ["ko co", "notApplicable"],
  ["khong ap dung", "notApplicable"],
  ["khong phat sinh", "notApplicable"],
];

/** Longest first: how a yes/no answer with a reason opens. */
const YESNO_PREFIXES: [string, boolean][] = [
  ["chua co", false],
  ["khong co", false],
  ["chua dat", false],
  ["khong dat", false],
  ["chua", false],
  ["khong", false],
  ["da co", true],
  ["da dat", true],
  ["dat", true],
  ["da", true],
  ["co", true],
];

const RE_ONLY_DASHES_DOTS = /^[-.…\s]+$/;
const RE_TRAILING_STOP = /[.!]+$/;

const WORD_OPS: [string, Op][] = [
  ["khong vuot qua", "<="],
  ["khong qua", "<="],
  ["khong duoi", ">="],
  ["khong it hon", ">="],
  ["khong thap hon", ">="],
  ["toi thieu", ">="],
  ["it nhat", ">="],
  ["toi da", "<="],
  ["lon hon", ">"],
  ["nho hon", "<"],
  ["cao hon", ">"],
  ["thap hon", "<"],
  ["nhieu hon", ">"],
  ["it hon", "<"],
  ["tren", ">"],
  ["duoi", "<"],
  ["hon", ">"],
  ["vuot", ">"],
];

/** Words before a number that add nothing to what it measures ("Có 01 …", "khoảng 30 ha"). */
const FILLER: { [k: string]: true } = Object.create(null);
for (const w of ["co", "hien co", "da co", "gom", "tong", "tong so", "tong cong", "khoang", "uoc", "uoc dat", "uoc tinh", "dat", "dat duoc", "la", "bang", "gan", "chiem", "=", "~", "≈"]) FILLER[w] = true;

const ERRORS: { [k: string]: true } = Object.create(null);
for (const e of ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#PYTHON!", "#EXTERNAL!"]) ERRORS[e] = true;

function startsWord(f: string, p: number, end: number, w: string): boolean {
  if (p + w.length > end || !sameAt(f, p, w)) return false;
  const e = p + w.length;
  return e === end || !isWordCode(f.charCodeAt(e));
}

function skipSpaces(f: string, p: number, end: number): number {
  while (p < end && f.charCodeAt(p) === 32) p++;
  return p;
}

function findDigit(f: string, p: number, end: number): number {
  for (; p < end; p++) if (isDigit(f.charCodeAt(p))) return p;
  return -1;
}

// ------------------------------------------------------------------ core grammar

interface Core {
  kind: "none" | "num" | "count" | "date";
  op?: Op;
  /** "từ …" without "đến": a lower bound unless a range follows. */
  from?: boolean;
  num?: Num;
  unit?: UnitInfo;
  high?: Num;
  highUnit?: UnitInfo;
  total?: Num;
  /** Label in front of the number (t indices), when not only filler words. */
  label?: string;
  /** Index in t where trailing words start; === end when none. */
  rest: number;
}

const NONE: Core = { kind: "none", rest: 0 };

function matchSymbolOp(f: string, p: number, end: number): { op: Op; len: number } | null {
  if (p >= end) return null;
  const c = f.charAt(p);
  const n = p + 1 < end ? f.charAt(p + 1) : "";
  if (c === ">") return n === "=" ? { op: ">=", len: 2 } : { op: ">", len: 1 };
  if (c === "<") return n === "=" ? { op: "<=", len: 2 } : { op: "<", len: 1 };
  if (c === "≥") return { op: ">=", len: 1 };
  if (c === "≤") return { op: "<=", len: 1 };
  if (c === "=") {
    if (n === ">") return { op: ">=", len: 2 };
    if (n === "<") return { op: "<=", len: 2 };
  }
  return null;
}

/** Trims spaces and linking punctuation at both ends of [a, b) in f. */
function trimSpan(f: string, a: number, b: number): [number, number] {
  while (a < b && " :;,=(-".indexOf(f.charAt(a)) >= 0) a++;
  while (b > a && " :;,=(-".indexOf(f.charAt(b - 1)) >= 0) b--;
  return [a, b];
}

/** Parses one expression in t/f between s and e (t is the normalised text, f its fold). */
function parseCore(t: string, f: string, s: number, e: number): Core {
  let i = skipSpaces(f, s, e);
  let op: Op | undefined;
  let from = false;
  const exprStart = i;
  let label: string | undefined;

  const sym = matchSymbolOp(f, i, e);
  if (sym) {
    op = sym.op;
    i = skipSpaces(f, i + sym.len, e);
  } else {
    for (let k = 0; k < WORD_OPS.length; k++) {
      if (startsWord(f, i, e, WORD_OPS[k][0])) {
        op = WORD_OPS[k][1];
        i = skipSpaces(f, i + WORD_OPS[k][0].length, e);
        break;
      }
    }
    if (!op && startsWord(f, i, e, "tu")) {
      from = true;
      i = skipSpaces(f, i + 2, e);
    }
  }
  let num = scanNumber(f, i, e, true);
  if (!num) {
    // No number right away ("Trên địa bàn …" is not a bound): look for a label then a number.
    op = undefined;
    from = false;
    i = exprStart;
    const d = findDigit(f, i, e);
    if (d < 0) return NONE;
    let numStart = d;
    // A decimal separator right before the digit belongs to the number (",5").
    if (d > i && ",.".indexOf(f.charAt(d - 1)) >= 0 && (d - 1 === i || !isDigit(f.charCodeAt(d - 2)))) numStart = d - 1;
    num = scanNumber(f, numStart, e, false);
    if (!num) return NONE;
    let q = numStart;
    while (q > i && f.charCodeAt(q - 1) === 32) q--;
    // A symbol right before the number: "độ che phủ >85%".
    if (q > i) {
      const two = q - 2 >= i ? matchSymbolOp(f, q - 2, q) : null;
      if (two && two.len === 2) {
        op = two.op;
        q -= 2;
      } else {
        const one = matchSymbolOp(f, q - 1, q);
        if (one && one.len === 1) {
          op = one.op;
          q -= 1;
        }
      }
    }
    let span = trimSpan(f, i, q);
    let fl = f.substring(span[0], span[1]);
    if (!op) {
      for (let k = 0; k < WORD_OPS.length; k++) {
        const w = WORD_OPS[k][0];
        if (fl === w || (fl.length > w.length && fl.substr(fl.length - w.length - 1) === " " + w)) {
          op = WORD_OPS[k][1];
          span = trimSpan(f, span[0], span[1] - w.length);
          fl = f.substring(span[0], span[1]);
          break;
        }
      }
      if (!op && (fl === "tu" || (fl.length > 2 && fl.substr(fl.length - 3) === " tu"))) {
        from = true;
        span = trimSpan(f, span[0], span[1] - 2);
        fl = f.substring(span[0], span[1]);
      }
    }
    if (fl !== "" && !FILLER[fl]) label = t.substring(span[0], span[1]);
  }
  i = num.end;
  let unit: UnitInfo | undefined;
  const u = matchUnit(f, skipSpaces(f, i, e), e);
  if (u) {
    unit = u.info;
    i = u.end;
  }
  let j = skipSpaces(f, i, e);

  // "2/2", "4/4 bệnh viện …"; "15/05/2023" is a date written as text.
  if (!unit && !op && !from && num.isInt && f.charAt(j) === "/") {
    const tot = scanNumber(f, skipSpaces(f, j + 1, e), e, false);
    if (tot && tot.isInt) {
      if (f.charAt(tot.end) === "/" && isDigit(f.charCodeAt(tot.end + 1))) return { kind: "date", rest: e };
      return { kind: "count", num, total: tot, label, rest: skipSpaces(f, tot.end, e) };
    }
  }

  // Ranges: "8-10%", "8 - 10 %", "từ 8 đến 10%", "8% - 10%".
  let high: Num | undefined;
  let highUnit: UnitInfo | undefined;
  if (!op && j < e) {
    let k = -1;
    const c = f.charAt(j);
    if (c === "-" || c === "~" || c === "÷") k = j + 1;
    else if (startsWord(f, j, e, "den")) k = j + 3;
    else if (startsWord(f, j, e, "toi")) k = j + 3;
    if (k > 0) {
      const hn = scanNumber(f, skipSpaces(f, k, e), e, false);
      if (hn) {
        high = hn;
        i = hn.end;
        const hu = matchUnit(f, skipSpaces(f, i, e), e);
        if (hu) {
          highUnit = hu.info;
          i = hu.end;
        }
        j = skipSpaces(f, i, e);
      }
    }
  }
  if (!high) {
    if (startsWord(f, j, e, "tro len")) {
      if (!op) op = ">=";
      i = j + 7;
    } else if (startsWord(f, j, e, "tro xuong")) {
      if (!op) op = "<=";
      i = j + 9;
    } else if (from) {
      op = ">=";
    }
  }
  return { kind: "num", op, from, num, unit, high, highUnit, label, rest: skipSpaces(f, i, e) };
}

/** Trailing words as the user wrote them, without linking punctuation; undefined when none. */
function restText(t: string, f: string, a: number, b: number): string | undefined {
  const span = trimSpan(f, a, b);
  let x = t.substring(span[0], span[1]);
  // "30% (ước)": the opening bracket went with the trim, so its partner goes too.
  if (x.charAt(x.length - 1) === ")" && x.indexOf("(") < 0) x = x.slice(0, -1).replace(RE_WS, " ").trim();
  // A lone full stop adds nothing.
  return x === "" || x === "." ? undefined : x;
}

// ------------------------------------------------------------------ assembly

function hintUnit(hint: ValueHint | undefined): UnitInfo | undefined {
  if (!hint) return undefined;
  if (typeof hint.unit === "string" && hint.unit !== "") {
    const info = unitInfo(hint.unit);
    if (info) return info;
  }
  if (hint.kind === "percent") return PERCENT;
  if (hint.kind === "money") return DONG;
  return undefined;
}

const PERCENT: UnitInfo = { unit: "%", exp: 0 };
const DONG: UnitInfo = { unit: "đồng", exp: 0 };
const NO_UNIT: UnitInfo = { unit: "", exp: 0 };

/** The first "N%" or "N %" in f[a, b); a linear scan (a regex here backtracks quadratically). */
function findPercent(f: string, a: number, b: number): { num: Num } | null {
  let p = f.indexOf("%", a);
  while (p >= 0 && p < b) {
    const q = p > a && f.charCodeAt(p - 1) === 32 ? p - 1 : p;
    let st = q;
    while (st > a && "0123456789.,".indexOf(f.charAt(st - 1)) >= 0) st--;
    while (st < q && !isDigit(f.charCodeAt(st))) st++;
    if (st < q) {
      const n = scanNumber(f, st, q, false);
      if (n && n.end === q) return { num: n };
    }
    p = f.indexOf("%", p + 1);
  }
  return null;
}
const RE_COUNT_LINK = /^(dat|chiem|ty le|bang|=|la)$/;

function isCountLike(hint: ValueHint | undefined): boolean {
  return !!hint && (hint.kind === "count" || hint.kind === "countDescription");
}

/** Parses normalised text t (non-empty); a number too large for a double ("9" × 400) makes it text. */
function parseNormalised(t: string, raw: string, hint: ValueHint | undefined): ParsedValue {
  const r = parseNormalisedRaw(t, raw, hint);
  if (r.measure || r.range || r.count || r.measures) {
    let ok = !r.measure || isFinite(r.measure.value);
    if (r.range) ok = ok && isFinite(r.range.low) && isFinite(r.range.high);
    if (r.count) ok = ok && isFinite(r.count.part) && isFinite(r.count.total) && (r.count.percent === undefined || isFinite(r.count.percent));
    if (r.measures) for (let k = 0; k < r.measures.length; k++) ok = ok && isFinite(r.measures[k].value);
    if (r.ambiguous) for (let k = 0; k < r.ambiguous.readings.length; k++) ok = ok && isFinite(r.ambiguous.readings[k]);
    if (!ok) return { state: "text", raw };
  }
  return r;
}

function parseNormalisedRaw(t: string, raw: string, hint: ValueHint | undefined): ParsedValue {
  if (t.charAt(0) === "#") {
    const up = t.toUpperCase();
    if (ERRORS[up]) return { state: "error", raw, errorCode: up };
  }
  const f = foldAligned(t);
  const end = f.length;

  // Whole-cell words: yes/no, no data, not applicable.
  const last = f.charAt(end - 1);
  const key = end > 1 && (last === "." || last === "!") ? f.replace(RE_TRAILING_STOP, "") : f;
  const w = WORDS[key] || WORDS[f];
  if (w) {
    if (w.state === "notApplicable" && hint && hint.kind === "yesno" && (key === "khong co" || key === "ko co" || key === "k co")) {
      // For a yes/no indicator "Không có" answers the question: no.
      return { state: "yesno", raw, yes: false };
    }
    return w.yes === undefined ? { state: w.state, raw } : { state: "yesno", raw, yes: w.yes };
  }
  if (RE_ONLY_DASHES_DOTS.test(f)) return { state: "noData", raw };
  const yesnoHint = !!hint && hint.kind === "yesno";
  const first = f.charAt(0);
  for (let k = 0; (first === "k" || first === "c") && k < PREFIXES.length; k++) {
    // Under a yes/no hint "Không có …" is an answer (below), not "nothing of that kind".
    if (yesnoHint && PREFIXES[k][0].slice(-3) === " co") continue;
    if (startsWord(f, 0, end, PREFIXES[k][0])) {
      const d = restText(t, f, PREFIXES[k][0].length, end);
      const r: ParsedValue = { state: PREFIXES[k][1], raw };
      if (d !== undefined) r.description = d;
      return r;
    }
  }

  if (yesnoHint) {
    // For a yes/no indicator an answer with a reason is still an answer:
    // "Chưa có hệ thống XLNT tập trung" → no; "Có 01 bãi chôn lấp hợp vệ sinh" → yes.
    for (let k = 0; k < YESNO_PREFIXES.length; k++) {
      if (startsWord(f, 0, end, YESNO_PREFIXES[k][0])) {
        const r: ParsedValue = { state: "yesno", raw, yes: YESNO_PREFIXES[k][1] };
        const d = restText(t, f, YESNO_PREFIXES[k][0].length, end);
        if (d !== undefined) r.description = d;
        return r;
      }
    }
  }
  // Two measures in one cell: "1.522,16 ha; độ che phủ 21,3%".
  if (t.indexOf(";") >= 0) {
    const multi = parseMulti(t, f, raw);
    if (multi) return multi;
  }

  const core = parseCore(t, f, 0, end);
  if (core.kind === "date") return { state: "text", raw, looksLikeDate: true };
  if (core.kind === "none" || !core.num) return { state: "text", raw };
  const num = core.num;

  if (core.kind === "count" && core.total) {
    const part = numValue(num.mant, 0);
    const total = numValue(core.total.mant, 0);
    const count: NonNullable<ParsedValue["count"]> = { part, total };
    const r: ParsedValue = { state: "countOfTotal", raw, count };
    if (total > 0) r.measure = { value: Number(((part / total) * 100).toPrecision(12)), unit: "%" };
    if (core.rest < end) {
      const desc = restText(t, f, core.rest, end);
      if (desc !== undefined) r.description = desc;
      const pm = findPercent(f, core.rest, end);
      let whatEnd = end;
      if (pm) {
        count.percent = numValue(pm.num.mant, 0);
        whatEnd = pm.num.start;
      }
      let span = trimSpan(f, core.rest, whatEnd);
      // "2/2 đạt 100%": "đạt" only links the percent.
      const lastSpace = f.lastIndexOf(" ", span[1] - 1);
      const lastWordStart = lastSpace >= span[0] ? lastSpace + 1 : span[0];
      if (pm && RE_COUNT_LINK.test(f.substring(lastWordStart, span[1]))) span = trimSpan(f, span[0], lastWordStart);
      if (pm && f.substring(span[0], span[1]) === "ty le") span = [span[0], span[0]];
      if (span[1] > span[0]) count.what = t.substring(span[0], span[1]);
    }
    if (core.label !== undefined) r.description = core.label + (r.description ? " " + r.description : "");
    return r;
  }

  const hu = hintUnit(hint);
  const desc = core.rest < end ? restText(t, f, core.rest, end) : undefined;

  if (core.high) {
    // "8 ha - 10%" is not a range of anything.
    if (core.unit && core.highUnit && core.unit.unit !== core.highUnit.unit) return { state: "text", raw };
    const unit = core.highUnit || core.unit || hu || NO_UNIT;
    // "1,5 - 2 tỷ": the low end takes the high end's multiplier unless it has its own.
    const lowExp = core.unit ? core.unit.exp : unit.exp;
    const r: ParsedValue = {
      state: "range",
      raw,
      range: { low: numValue(num.mant, lowExp), high: numValue(core.high.mant, unit.exp), unit: unit.unit },
    };
    const amb = ambiguity(num, lowExp) || ambiguity(core.high, unit.exp);
    if (amb) r.ambiguous = amb;
    if (desc !== undefined) r.description = desc;
    return r;
  }

  // A number with words around it is text that carries a number, unless the
  // indicator counts things ("02 mô hình: …" for a count or countDescription).
  const plain = desc === undefined && core.label === undefined;
  const state: "bound" | "number" | "text" = core.op ? "bound" : plain || isCountLike(hint) ? "number" : "text";
  const unit = core.unit || (state !== "text" ? hu : undefined) || NO_UNIT;
  const measure: Measure = { value: numValue(num.mant, unit.exp), unit: unit.unit };
  if (core.label !== undefined) measure.label = core.label;
  const amb = ambiguity(num, unit.exp);
  const r: ParsedValue = { state, raw, measure };
  if (core.op) r.bound = { op: core.op, value: measure.value, unit: measure.unit };
  if (amb) r.ambiguous = amb;
  if (desc !== undefined) r.description = desc;
  return r;
}

function parseMulti(t: string, f: string, raw: string): ParsedValue | null {
  const measures: Measure[] = [];
  let amb: ParsedValue["ambiguous"];
  let s = 0;
  const end = f.length;
  while (s <= end) {
    let e = f.indexOf(";", s);
    if (e < 0) e = end;
    const a = skipSpaces(f, s, e);
    if (a < e) {
      const core = parseCore(t, f, a, e);
      if (core.kind !== "num" || !core.num || core.op || core.high || core.from) return null;
      const unit = core.unit || NO_UNIT;
      const m: Measure = { value: numValue(core.num.mant, unit.exp), unit: unit.unit };
      let label = core.label;
      if (label === undefined && core.rest < e) label = restText(t, f, core.rest, e);
      else if (core.rest < e) return null; // words on both sides: not a simple measure
      if (label !== undefined) m.label = label;
      measures.push(m);
      if (!amb) amb = ambiguity(core.num, unit.exp);
    }
    s = e + 1;
  }
  if (measures.length < 2) return null;
  const r: ParsedValue = { state: "multi", raw, measure: measures[0], measures };
  if (amb) r.ambiguous = amb;
  return r;
}

/** Parses what a user typed (or a cell's text). Never throws. */
export function parseText(text: string, hint?: ValueHint): ParsedValue {
  const s = typeof text === "string" ? text : text === null || text === undefined ? "" : String(text);
  if (RE_CLEAN_ASCII.test(s)) return parseNormalised(s, s, hint);
  const t = normaliseText(s);
  if (t === "") return { state: "blank", raw: "" };
  return parseNormalised(t, toNFC(s).trim(), hint);
}

// ------------------------------------------------------------------ Excel cells

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
const RE_BARE_NUMBER = /^[-+]?[\d.,]+ ?%?$/;

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
    if (fmt.percent) {
      // 0.275 × 100 is 27.500000000000004 in binary: round away the noise.
      const p = v * 100;
      measure = { value: Math.abs(p) < 1e6 ? Math.round(p * 1e9) / 1e9 : Number(p.toPrecision(15)), unit: "%" };
    } else {
      const u = fmt.literalUnit || hintUnit(hint) || NO_UNIT;
      const value = u.exp === 0 ? v : Number((v * Math.pow(10, u.exp)).toPrecision(15));
      measure = { value: value === 0 ? 0 : value, unit: u.unit };
    }
    if (!isFinite(measure.value)) return { state: "text", raw, fromNumber: true };
    return { state: "number", raw, measure, fromNumber: true };
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
