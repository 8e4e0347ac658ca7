/**
 * Numbers as staff write them: digits with separators, read by the conventions in
 * NUMBER_CONVENTIONS (data), vi-VN first (dot thousands, decimal comma), then en-US.
 *
 * The scanner accepts, between digits, any separator some convention uses. A token is then
 * read under each convention in order; the first valid reading is the value and a second,
 * different one is kept as the alternative ("1.234": 1234, or 1,234 the English way), which
 * the rules report as ambiguous. A new grouping character (a space, a non-breaking space,
 * an apostrophe) is one more entry in a convention's `groups`; a separator that is never a
 * decimal mark is taken only where a full group of three digits follows, so "2 3" stays two
 * numbers.
 */
import type { Text2 } from "../../catalogue/types";

/** One way of writing numbers: the characters that group thousands and the decimal mark. */
export interface NumberConvention {
  name: string;
  groups: string[];
  decimal: string;
}

export const NUMBER_CONVENTIONS: NumberConvention[] = [
  // How district staff write: 1.234,5 — and, copied from Word or typeset text, 1 234,5
  // (the parser reads normalised text, where a non-breaking or thin space is a space).
  { name: "vi", groups: [".", " "], decimal: "," },
  // English, and numbers typed into an English Excel: 1,234.5 or 1 234.5
  { name: "en", groups: [",", " "], decimal: "." },
];

/** The scanner's view of a set of conventions, built once. */
export interface NumberSyntax {
  conventions: { groups: number[]; decimal: number }[];
  /**
   * By char code (below 256: the parser reads normalised text, where every space is " " and
   * every apostrophe "'"): 1 a separator that may be a decimal mark, 2 one that only groups.
   */
  kind: Uint8Array;
  /** Characters a number is written with: digits and every separator (for scanning backwards). */
  chars: string;
}

export function numberSyntax(conventions: NumberConvention[]): NumberSyntax {
  const kind = new Uint8Array(256);
  const code = (s: string) => s.charCodeAt(0);
  for (const c of conventions) for (const g of c.groups) if (kind[code(g)] === 0) kind[code(g)] = 2;
  for (const c of conventions) kind[code(c.decimal)] = 1;
  let chars = "0123456789";
  for (let i = 0; i < kind.length; i++) if (kind[i] !== 0) chars += String.fromCharCode(i);
  return { conventions: conventions.map((c) => ({ groups: c.groups.map(code), decimal: code(c.decimal) })), kind, chars };
}

export const NUMBERS: NumberSyntax = numberSyntax(NUMBER_CONVENTIONS);

export interface Num {
  /** Canonical decimal string, e.g. "-1234.5". */
  mant: string;
  /** The other reading when the separators are ambiguous (the first convention's reading is `mant`). */
  alt?: string;
  /** Written without separators or sign. */
  isInt: boolean;
  start: number;
  end: number;
  tok: string;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function findDigit(f: string, p: number, end: number): number {
  for (; p < end; p++) if (isDigit(f.charCodeAt(p))) return p;
  return -1;
}

/** A separator at p that may be a decimal mark ("," or "." today). */
export function isDecimalMark(f: string, p: number, syntax: NumberSyntax = NUMBERS): boolean {
  const c = f.charCodeAt(p);
  return c < syntax.kind.length && syntax.kind[c] === 1;
}

// Separator positions of the token being read (the scanner is not re-entrant, so one buffer serves).
const SEP_AT: number[] = [];
const SEP_CHAR: number[] = [];

function groupOfThree(f: string, p: number, end: number): boolean {
  return p + 3 <= end && isDigit(f.charCodeAt(p)) && isDigit(f.charCodeAt(p + 1)) && isDigit(f.charCodeAt(p + 2)) && (p + 3 === end || !isDigit(f.charCodeAt(p + 3)));
}

/**
 * Reads a number token: digits with separators between digits; a sign only right before a
 * digit. Null when no convention reads the separators ("1,2.3", "1.23,4").
 */
export function scanNumber(f: string, i: number, end: number, allowSign: boolean, syntax: NumberSyntax = NUMBERS): Num | null {
  const kind = syntax.kind;
  let p = i;
  let sign = "";
  let c = f.charCodeAt(p);
  if (allowSign && (c === 45 || c === 43) && p + 1 < end) {
    // "- 5": a sign typed apart from its digits still signs them.
    let d = p + 1;
    while (d < end && f.charCodeAt(d) === 32) d++;
    const n = f.charCodeAt(d);
    if (isDigit(n) || (n < kind.length && kind[n] === 1 && d + 1 < end && isDigit(f.charCodeAt(d + 1)))) {
      if (c === 45) sign = "-";
      p = d;
    }
  }
  const start = p;
  c = f.charCodeAt(p);
  if (!isDigit(c)) {
    // ",5": a decimal mark may open a number; a grouping character may not.
    if (!(c < kind.length && kind[c] === 1 && p + 1 < end && isDigit(f.charCodeAt(p + 1)))) return null;
  }
  let seps = 0;
  while (p < end) {
    c = f.charCodeAt(p);
    if (isDigit(c)) {
      p++;
      continue;
    }
    const k = c < kind.length ? kind[c] : 0;
    if (k !== 0 && p + 1 < end && isDigit(f.charCodeAt(p + 1)) && (k === 1 || (p > start && groupOfThree(f, p + 1, end)))) {
      SEP_AT[seps] = p;
      SEP_CHAR[seps] = c;
      seps++;
      p++;
      continue;
    }
    break;
  }
  let mant: string | null = null;
  let alt: string | undefined;
  for (;;) {
    if (seps === 0) {
      mant = f.substring(start, p);
      break;
    }
    for (const conv of syntax.conventions) {
      const r = readAs(f, start, p, seps, conv);
      if (r === null) continue;
      if (mant === null) mant = r;
      else if (r !== mant) {
        alt = r;
        break;
      }
    }
    if (mant !== null) break;
    // A grouping-only character (a space) that no convention reads ends the number there:
    // "0 234" is 0 then 234, "1,5 234" is 1,5 then 234.
    let k = seps - 1;
    while (k >= 0 && kind[SEP_CHAR[k]] !== 2) k--;
    if (k < 0) return null;
    p = SEP_AT[k];
    seps = k;
  }
  const tok = f.substring(start, p);
  return {
    mant: sign + mant,
    alt: alt === undefined ? undefined : sign + alt,
    isInt: seps === 0 && sign === "",
    start: i,
    end: p,
    tok: sign + tok,
  };
}

/**
 * The token f[start, end) read under one convention, or null when the convention does not
 * fit: at most one decimal mark, last; groups of exactly three digits after a first group of
 * one to three; and a lone separator before three digits groups thousands only after 1–999
 * ("0.234" is a decimal, never 234).
 */
function readAs(f: string, start: number, end: number, seps: number, conv: { groups: number[]; decimal: number }): string | null {
  let dec = -1;
  for (let k = 0; k < seps; k++) {
    const ch = SEP_CHAR[k];
    if (ch === conv.decimal) {
      if (dec >= 0) return null;
      dec = k;
    } else if (conv.groups.indexOf(ch) < 0) return null;
  }
  if (dec >= 0 && dec !== seps - 1) return null;
  const groupSeps = dec >= 0 ? dec : seps;
  if (groupSeps > 0) {
    for (let k = 1; k < groupSeps; k++) if (SEP_CHAR[k] !== SEP_CHAR[0]) return null;
    const first = SEP_AT[0] - start;
    if (first < 1 || first > 3) return null;
    for (let k = 1; k < groupSeps; k++) if (SEP_AT[k] - SEP_AT[k - 1] !== 4) return null;
    const groupsEnd = dec >= 0 ? SEP_AT[dec] : end;
    if (groupsEnd - SEP_AT[groupSeps - 1] !== 4) return null;
    if (seps === 1 && f.charCodeAt(start) === 48) return null;
  }
  const intEnd = dec >= 0 ? SEP_AT[dec] : end;
  let int = "";
  let from = start;
  for (let k = 0; k < groupSeps; k++) {
    int += f.substring(from, SEP_AT[k]);
    from = SEP_AT[k] + 1;
  }
  int += f.substring(from, intEnd);
  if (dec < 0) return int;
  return (int === "" ? "0" : int) + "." + f.substring(SEP_AT[dec] + 1, end);
}

/** Exact decimal scaling: "1.6" × 10^9 without binary rounding noise. */
export function numValue(mant: string, exp: number): number {
  const v = exp === 0 ? Number(mant) : Number(mant + "e" + exp);
  return v === 0 ? 0 : v; // no -0
}

export function ambiguity(n: Num, exp: number): { readings: number[]; reason: Text2 } | undefined {
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
