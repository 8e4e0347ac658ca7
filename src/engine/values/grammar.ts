/**
 * The grammar of a value cell's text: whole-cell words (yes/no, no data, not applicable),
 * bounds, ranges, counts of a total, two measures in one cell, and a number with its unit
 * and the words around it. Works on normalised text t and its index-aligned fold f, so what
 * it cuts out (labels, descriptions) is in the user's own wording.
 */
import { ambiguityOf, type Ambiguity, type BoundValue, type CountOfTotalValue, type Measure, type MultiValue, type NoDataValue, type NotApplicableValue, type NumberValue, type ParsedValue, type RangeValue, type TextValue, type YesNoValue } from "../types";
import { ambiguity, findDigit, isDecimalMark, isDigit, NUMBERS, numValue, scanNumber, type Num } from "./numbers";
import { foldAligned, isWordCode, normaliseText, RE_CLEAN_ASCII, RE_WS, skipSpaces, startsWord, toNFC } from "./text";
import { hintUnit, matchUnit, NO_UNIT, type UnitInfo, type ValueHint } from "./units";

type Op = "<" | "<=" | ">" | ">=";

type WordResult = { state: "noData" | "notApplicable" } | { state: "yesno"; yes: boolean };

/**
 * Whole-cell words, read by the kind of value the cell should hold. The same mark means
 * different things in different columns: "x" ticks a yes/no question but, in a column of
 * figures, is the statisticians' "not applicable here"; "Không" answers a question "no" but,
 * where a share or an amount is asked, says there is none of the thing. docs/ARCHITECTURE.md
 * publishes this table ("Markers") and test/values.markers.test.ts holds the two equal.
 *
 *   yesno:  the indicator is a yes/no question
 *   figure: percent, area, count, money, count of total, count with a description
 *   other:  notes, free text, and cells read without a hint
 */
export interface Marker {
  yesno: WordResult;
  figure: WordResult;
  other: WordResult;
}

const ND: WordResult = { state: "noData" };
const NA: WordResult = { state: "notApplicable" };
const YES: WordResult = { state: "yesno", yes: true };
const NO: WordResult = { state: "yesno", yes: false };

/** [folded spellings, in a yes/no indicator, in a figure, in a note or without a hint]. */
export const MARKERS: [string[], WordResult, WordResult, WordResult][] = [
  // No data: the figure exists but is not known ("-" as the national tables' footnote says).
  [["-", "--", "---", "..", "...", "…", "(-)", "(...)", "?"], ND, ND, ND],
  [["khong co so lieu", "chua co so lieu", "khong co du lieu", "chua co du lieu", "khong so lieu", "ko co so lieu", "k co so lieu", "kcsl",
    "chua thong ke", "khong thong ke", "chua cap nhat", "dang cap nhat", "khong xac dinh", "chua xac dinh"], ND, ND, ND],
  // Not applicable: nothing of that kind exists or happens here.
  [["khong ap dung", "kad", "k/ad", "k/a", "n/a", "na", "n.a", "n.a."], NA, NA, NA],
  [["khong phat sinh", "kps", "k/ps", "k.ps", "ko phat sinh", "k phat sinh", "chua phat sinh"], NA, NA, NA],
  // "Không có" and its short forms: answers a question "no", says "none" of a figure.
  [["khong co", "ko co", "k co", "kg co", "khg co", "k/c", "k/co", "kc", "k.co", "k. co", "k.c"], NO, NA, NA],
  // "Không" alone: "no" to a question; for a share or an amount, short for "Không có".
  [["khong", "ko", "k", "khg"], NO, NA, NO],
  // "x": the tick of a yes/no column; in a column of figures, "not applicable".
  [["x", "×"], YES, NA, YES],
  // Answers: yes/no in any column (in a column of figures they are not a figure: NQ24-W003).
  [["co", "da", "dat", "roi", "da co", "co roi", "da dat", "yes", "true", "✓", "✔", "√"], YES, YES, YES],
  [["chua", "chua dat", "khong dat", "chua co", "no", "false"], NO, NO, NO],
];

const WORDS: { [k: string]: Marker } = Object.create(null);
(function buildWords() {
  for (const [words, yesno, figure, other] of MARKERS) for (const w of words) WORDS[w] = { yesno, figure, other };
})();

function markerFor(m: Marker, hint: ValueHint | undefined): WordResult {
  const kind = hint ? hint.kind : undefined;
  if (kind === "yesno") return m.yesno;
  if (kind === undefined || kind === "text") return m.other;
  return m.figure;
}

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
  ["chua phat sinh", "notApplicable"],
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
    if (d > i && isDecimalMark(f, d - 1) && (d - 1 === i || !isDigit(f.charCodeAt(d - 2)))) numStart = d - 1;
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

/** The first "N%" or "N %" in f[a, b); a linear scan (a regex here backtracks quadratically). */
function findPercent(f: string, a: number, b: number): { num: Num } | null {
  let p = f.indexOf("%", a);
  while (p >= 0 && p < b) {
    const q = p > a && f.charCodeAt(p - 1) === 32 ? p - 1 : p;
    let st = q;
    while (st > a && NUMBERS.chars.indexOf(f.charAt(st - 1)) >= 0) st--;
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

/** "- " or "+ " (a list marker) before a word: its length, else 0. A sign before a digit is not one. */
function bulletLength(f: string): number {
  const c = f.charCodeAt(0);
  if (c !== 45 && c !== 43 && c !== 0x2022) return 0;
  let p = 1;
  while (p < f.length && f.charCodeAt(p) === 32) p++;
  return p < f.length && !isDigit(f.charCodeAt(p)) && isWordCode(f.charCodeAt(p)) ? p : 0;
}

/** The marker a whole cell is: the word itself, without a full stop, a list marker or brackets around it. */
function wordAt(f: string): Marker | undefined {
  const hit = WORDS[f];
  if (hit) return hit;
  let a = bulletLength(f);
  let b = f.length;
  while (b > a + 1 && (f.charCodeAt(b - 1) === 46 || f.charCodeAt(b - 1) === 33)) b--;
  if (b - a > 2 && f.charCodeAt(a) === 40 && f.charCodeAt(b - 1) === 41) {
    a++;
    b--;
  }
  if (a === 0 && b === f.length) return undefined;
  return WORDS[f.substring(a, b).trim()];
}

/** Parses normalised text t (non-empty); a number too large for a double ("9" × 400) makes it text. */
function parseNormalised(t: string, raw: string, hint: ValueHint | undefined): ParsedValue {
  const r = parseNormalisedRaw(t, raw, hint);
  return allFinite(r) ? r : { state: "text", raw };
}

function allFinite(r: ParsedValue): boolean {
  let ok = true;
  switch (r.state) {
    case "number":
    case "bound":
    case "text":
      ok = !r.measure || isFinite(r.measure.value);
      break;
    case "range":
      ok = isFinite(r.range.low) && isFinite(r.range.high);
      break;
    case "countOfTotal":
      ok = (!r.measure || isFinite(r.measure.value)) && isFinite(r.count.part) && isFinite(r.count.total) && (r.count.percent === undefined || isFinite(r.count.percent));
      break;
    case "multi":
      for (let k = 0; k < r.measures.length; k++) ok = ok && isFinite(r.measures[k].value);
      break;
    default:
      return true;
  }
  const amb = ambiguityOf(r);
  if (amb) for (let k = 0; k < amb.readings.length; k++) ok = ok && isFinite(amb.readings[k]);
  return ok;
}

function parseNormalisedRaw(t: string, raw: string, hint: ValueHint | undefined): ParsedValue {
  if (t.charAt(0) === "#") {
    const up = t.toUpperCase();
    if (ERRORS[up]) return { state: "error", raw, errorCode: up };
  }
  const f = foldAligned(t);
  const end = f.length;

  // Whole-cell words: yes/no, no data, not applicable — read by the kind of the column.
  const w = wordAt(f);
  if (w) {
    const r = markerFor(w, hint);
    return r.state === "yesno" ? { state: "yesno", raw, yes: r.yes } : { state: r.state, raw };
  }
  if (RE_ONLY_DASHES_DOTS.test(f)) return { state: "noData", raw };
  const yesnoHint = !!hint && hint.kind === "yesno";
  // "- Không có điểm ô nhiễm": a list marker typed before the words, as in the label column.
  const lead = bulletLength(f);
  const first = f.charAt(lead);
  for (let k = 0; (first === "k" || first === "c") && k < PREFIXES.length; k++) {
    // Under a yes/no hint "Không có …" is an answer (below), not "nothing of that kind".
    if (yesnoHint && PREFIXES[k][0].slice(-3) === " co") continue;
    if (startsWord(f, lead, end, PREFIXES[k][0])) {
      const d = restText(t, f, lead + PREFIXES[k][0].length, end);
      const r: NoDataValue | NotApplicableValue = { state: PREFIXES[k][1], raw };
      if (d !== undefined) r.description = d;
      return r;
    }
  }

  if (yesnoHint) {
    // For a yes/no indicator an answer with a reason is still an answer:
    // "Chưa có hệ thống XLNT tập trung" → no; "Có 01 bãi chôn lấp hợp vệ sinh" → yes.
    for (let k = 0; k < YESNO_PREFIXES.length; k++) {
      if (startsWord(f, 0, end, YESNO_PREFIXES[k][0])) {
        const r: YesNoValue = { state: "yesno", raw, yes: YESNO_PREFIXES[k][1] };
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
    const count: CountOfTotalValue["count"] = { part, total };
    const r: CountOfTotalValue = { state: "countOfTotal", raw, count };
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
    const r: RangeValue = {
      state: "range",
      raw,
      range: { low: numValue(num.mant, lowExp), high: numValue(core.high.mant, unit.exp), unit: unit.unit },
    };
    const amb = ambiguity(num, lowExp) || ambiguity(core.high, unit.exp);
    if (amb) r.ambiguous = amb;
    if (desc !== undefined) r.description = desc;
    const written = core.highUnit || core.unit;
    if (written) r.writtenUnit = written.name;
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
  const r: BoundValue | NumberValue | TextValue =
    state === "bound" && core.op ? { state, raw, measure, bound: { op: core.op, value: measure.value, unit: measure.unit } } : { state: state === "bound" ? "number" : state, raw, measure };
  if (amb) r.ambiguous = amb;
  if (desc !== undefined) r.description = desc;
  if (core.unit) r.writtenUnit = core.unit.name;
  return r;
}

function parseMulti(t: string, f: string, raw: string): ParsedValue | null {
  const measures: Measure[] = [];
  let amb: Ambiguity | undefined;
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
  const r: MultiValue = { state: "multi", raw, measure: measures[0], measures };
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
