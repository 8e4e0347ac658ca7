/**
 * Figures in a paragraph of the report, and the year each one speaks of.
 *
 * A figure is a number a reader would compare with a table: a measure with its unit
 * ("2.694,42 ha", "27,5 %", "430,4 tỷ đồng", "6,36 m2/người"), a bound ("trên 98%"), a count
 * ("18.582 con", "30 buổi") or a part of a total ("2/2 xã", "7.648,74ha/9.687,99ha").
 * Not figures: document numbers ("83/KH-UBND", "số 24-NQ/TW"), dates ("31/12/2022"), years,
 * map scales ("tỷ lệ 1/500"), ordinals ("thứ 6", "khóa XI"), outline numbers ("II.2.1.").
 * The value is read by the project's value parser, so "1.522,16" here is what it is in a cell.
 */
import { measureOf, type ParsedValue } from "../types";
import { normaliseUnit, parseText } from "../values";
import { clauses, foldAligned, isDigit, sentences, type Paragraph, type Span } from "./text";

/** What a year said in the text makes of a figure, given the catalogue's periods. */
export type YearRole =
  | "baseline" // the baseline year (2013)
  | "result" // the result year (2022), or "đến nay", "hiện nay"
  | "target" // the target year, said with "mục tiêu" or "phấn đấu" (2020)
  | "period" // a span from the baseline to the result ("từ năm 2013 đến nay", "giai đoạn 2013-2022")
  | "other" // any other year or span (2012, "từ năm 2014 đến năm 2018")
  | "unstated";

export interface YearMention extends Span {
  kind: "point" | "period" | "current";
  year?: number;
  from?: number;
  to?: number;
}

export interface FigureYear {
  role: YearRole;
  /** The year the text names (the end year of a span), when it names one. */
  year?: number;
  from?: number;
  /** The words that said it ("đến năm 2022", "hiện nay"), when something did. */
  said?: string;
}

export interface TextFigure {
  paragraph: number;
  /** Offsets in the paragraph's text of the figure as written, bound words and unit included. */
  start: number;
  end: number;
  /** The figure as written. */
  text: string;
  /** The parser's reading: number, bound, or count of a total. */
  value: ParsedValue;
  /** Normalised unit ("%", "ha", "m2/người", "đồng", "km", "m3"…), a count noun ("xã", "buổi"), or "". */
  unit: string;
  /** Words after a bare number that say what it counts ("buổi tuyên truyền" → "buổi"). */
  noun?: string;
  /** "2/2 xã", "7.648,74ha/9.687,99ha": part and total. */
  ratio?: { part: number; total: number; unit: string };
  /** "tăng 1.172,26 ha": a change between two years, not a level. */
  change?: "up" | "down";
  /** "khoảng", "gần", "trên", "hơn": a rounded or bounded figure. */
  approx?: boolean;
  year: FigureYear;
  sentence: Span;
  clause: Span;
}

export interface Periods {
  baseline: number;
  result: number;
  target: number;
}

// ------------------------------------------------------------------ units

/** Units written after a number (folded), longest first; the parser normalises what they mean. */
const UNIT_WORDS = [
  "phan tram", "%", "hecta", "hec ta", "ha", "m2/nguoi", "m²/nguoi", "m2/ng", "km2", "km²", "m2", "m²", "m3", "m³", "km",
  "nghin ty dong", "nghin ty", "trieu dong", "ty dong", "ti dong", "nghin dong", "trieu", "ty", "ti", "dong", "vnd",
  "mw", "kw", "kwh", "tan", "kg", "m",
];
UNIT_WORDS.sort((a, b) => b.length - a.length);

/** Words that name what a bare number counts when they follow it, two syllables where one is not a noun alone. */
const TWO_SYLLABLE_NOUNS = [
  "du an", "co so", "mo hinh", "doanh nghiep", "chuong trinh", "thanh vien", "nha may", "cong trinh", "lang nghe",
  "trang trai", "ho gia", "cum cong", "khu cong", "tram quan", "bai chon", "benh vien", "to chuc", "ca nhan", "co quan",
  "chien dich", "nguon nuoc",
];

function isLetter(c: string): boolean {
  return c !== "" && c.toLowerCase() !== c.toUpperCase();
}

function wordBefore(f: string, pos: number): { word: string; start: number } {
  let e = pos;
  while (e > 0 && f.charAt(e - 1) === " ") e--;
  let s = e;
  while (s > 0 && (isLetter(f.charAt(s - 1)) || isDigit(f.charAt(s - 1)))) s--;
  return { word: f.substring(s, e), start: s };
}

/** Outline numbering at the head of a paragraph: "1.", "II.2.1.", "a)", "-", "+". */
const RE_OUTLINE = /^\s*(?:(?:[ivxlc]+|\d{1,2})(?:\.\d{1,2})*\.?\)?|[a-zđ]\)|[-+•])\s+/;

/** Words before a number that make it a name or an ordinal, not a figure. */
const IDENTIFIER_WORDS: { [w: string]: true } = { so: true, thu: true, khoa: true, dieu: true, khoan: true, chuong: true, lo: true, ql: true, duong: true, phong: true, lop: true, to: true };

/** Bound and approximation words written before a figure (folded), longest first. */
const PREFIXES: [string, "bound" | "approx"][] = [
  ["toi thieu", "bound"], ["it nhat", "bound"], ["toi da", "bound"], ["tren", "bound"], ["hon", "bound"], ["duoi", "bound"],
  ["khong qua", "bound"], ["vuot", "bound"], [">=", "bound"], ["<=", "bound"], ["≥", "bound"], ["≤", "bound"], [">", "bound"], ["<", "bound"],
  ["khoang", "approx"], ["gan", "approx"], ["xap xi", "approx"], ["uoc", "approx"], ["uoc tinh", "approx"], ["~", "approx"],
];

const RE_NUMBER = /\d+(?:[.,]\d+)*/g;

interface NumTok {
  start: number;
  end: number;
}

/** The next number token at or after `from`, or null. */
function numberAt(t: string, from: number): NumTok | null {
  RE_NUMBER.lastIndex = from;
  const m = RE_NUMBER.exec(t);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

/** A unit right after position p (spaces allowed before it), as written; baseEnd ends it before a "/rate". */
function unitAfter(t: string, f: string, p: number): { end: number; baseEnd: number; unit: string } | null {
  let q = p;
  while (q < f.length && f.charAt(q) === " ") q++;
  for (let k = 0; k < UNIT_WORDS.length; k++) {
    const u = UNIT_WORDS[k];
    if (f.substr(q, u.length) !== u) continue;
    const after = f.charAt(q + u.length);
    if (isLetter(after) || isDigit(after)) continue;
    // "m" alone only straight after the digits ("58m"); "m ha" is not a unit.
    if (u === "m" && q !== p) continue;
    const baseEnd = q + u.length;
    let end = baseEnd;
    // A rate: "m3/ngày đêm", "triệu đồng/ha", "kg/ha".
    if (t.charAt(end) === "/" && isLetter(f.charAt(end + 1)) && u !== "m2/nguoi" && u !== "m²/nguoi" && u !== "m2/ng") {
      let r = end + 1;
      while (r < f.length && isLetter(f.charAt(r))) r++;
      if (f.substr(end + 1, r - end - 1) === "ngay" && f.substr(r, 4) === " dem") r += 4;
      end = r;
    }
    return { end, baseEnd, unit: t.substring(q, end) };
  }
  return null;
}

/** A date or a document number starting at s ("31/12/2022", "5/2023", "83/KH-UBND", "09/2007/CT-TTg"). */
function identifierAt(t: string, s: number): number {
  const rest = t.substr(s, 40);
  let m = /^\d{1,2}\/\d{1,2}\/\d{2,4}/.exec(rest) || /^\d{1,2}\/(?:19|20)\d\d(?!\d)/.exec(rest);
  if (m) return s + m[0].length;
  m = /^\d+(?:\/\d+)*(?:\/|-)[A-ZĐa-zđ][A-Za-zĐđ&-]*(?:\/[A-Za-zĐđ&-]+)*/.exec(rest);
  if (m && /[A-ZĐ]/.test(m[0])) return s + m[0].length;
  return -1;
}

function prefixBefore(f: string, s: number): { start: number; kind: "bound" | "approx" } | null {
  let e = s;
  while (e > 0 && f.charAt(e - 1) === " ") e--;
  for (let k = 0; k < PREFIXES.length; k++) {
    const w = PREFIXES[k][0];
    const a = e - w.length;
    if (a < 0 || f.substring(a, e) !== w) continue;
    if (isLetter(w.charAt(0)) && a > 0 && isLetter(f.charAt(a - 1))) continue;
    return { start: a, kind: PREFIXES[k][1] };
  }
  return null;
}

/** "tăng 1.172,26 ha" is a change; "tăng lên 27,5 %" and "giảm còn 3" are levels. */
function changeBefore(f: string, s: number): "up" | "down" | undefined {
  const head = f.substring(Math.max(0, s - 24), s).replace(/\s+$/, "");
  if (/(tang len|giam xuong|giam con|len den|len toi|len muc|xuong con|xuong muc)$/.test(head)) return undefined;
  if (/(^|[^a-z])tang( them| duoc)?$/.test(head)) return "up";
  if (/(^|[^a-z])giam( di| duoc| bot)?$/.test(head)) return "down";
  return undefined;
}

/** The words after a bare number, as its noun: "30 buổi tuyên truyền" → "buổi", "149 lượt cơ sở" → "lượt". */
function nounAfter(t: string, f: string, p: number): string | undefined {
  let q = p;
  while (q < f.length && f.charAt(q) === " ") q++;
  let e = q;
  while (e < f.length && isLetter(f.charAt(e))) e++;
  if (e === q) return undefined;
  let r = e;
  if (f.charAt(r) === " ") {
    let e2 = r + 1;
    while (e2 < f.length && isLetter(f.charAt(e2))) e2++;
    if (TWO_SYLLABLE_NOUNS.indexOf(f.substring(q, e2)) >= 0) r = e2;
  }
  return t.substring(q, r).toLowerCase();
}

// ------------------------------------------------------------------ figures

/** Every figure of one paragraph, in reading order, each with the year it speaks of. */
export function findFigures(p: Paragraph, periods: Periods): TextFigure[] {
  const t = p.text;
  const f = foldAligned(t);
  const out: TextFigure[] = [];
  const outline = RE_OUTLINE.exec(f);
  let pos = outline ? outline[0].length : 0;
  const sents = sentences(t);
  const mentions = yearMentions(t, f);
  for (;;) {
    const n = numberAt(t, pos);
    if (!n) break;
    pos = n.end;
    const fig = figureAt(t, f, n, p.number);
    if (!fig) continue;
    pos = Math.max(pos, fig.end);
    if (fig.notAFigure) continue;
    const sentence = sents.find((s) => s.start <= fig.start && fig.start < s.end) ?? { start: 0, end: t.length };
    const clause = clauses(t, sentence).find((c) => c.start <= fig.start && fig.start < c.end) ?? sentence;
    const { notAFigure: _skip, ...core } = fig;
    const figure: TextFigure = { ...core, sentence, clause, year: { role: "unstated" } };
    figure.year = yearOf(figure, t, f, mentions, periods);
    out.push(figure);
  }
  return out;
}

type FigureCore = Omit<TextFigure, "sentence" | "clause" | "year"> & {
  /** Shaped like a figure but not one (a map scale): the scan moves past it. */
  notAFigure?: boolean;
};

function figureAt(t: string, f: string, n: NumTok, paragraph: number): FigureCore | null {
  const before = t.charAt(n.start - 1);
  // Part of a word or a code: "QĐ64", "B/c", "24-NQ/TW", "4D".
  if (isLetter(before) || before === "/" || before === "-" || before === "." || before === "_") return null;
  const id = identifierAt(t, n.start);
  if (id >= 0) return null;
  const tok = t.substring(n.start, n.end);
  // Years and year spans are not figures; they are read as year mentions.
  if (/^(19|20)\d\d$/.test(tok) && !unitAfter(t, f, n.end)) return null;
  const prev = wordBefore(f, n.start);
  if (IDENTIFIER_WORDS[prev.word] && !(prev.word === "so" && /tong $/.test(f.substring(prev.start - 5, prev.start)))) return null;
  if (isLetter(t.charAt(n.end)) && !unitAfter(t, f, n.end)) return null;

  let end = n.end;
  const unit1 = unitAfter(t, f, n.end);
  if (unit1) end = unit1.end;

  // A part of a total: "2/2 xã", "7.648,74ha/9.687,99ha".
  if (t.charAt(end) === "/" && isDigit(t.charAt(end + 1))) {
    const n2 = numberAt(t, end + 1);
    if (!n2 || n2.start !== end + 1) return null;
    const unit2 = unitAfter(t, f, n2.end);
    const part = measureOf(parseText(t.substring(n.start, end)))?.value;
    const total = measureOf(parseText(t.substring(n2.start, unit2 ? unit2.end : n2.end)))?.value;
    if (part === undefined || total === undefined) return null;
    const e2 = unit2 ? unit2.end : n2.end;
    const written = t.substring(n.start, e2);
    const value: ParsedValue = { state: "countOfTotal", raw: written, count: { part, total } };
    // "tỷ lệ 1/500", "1/10.000": a map scale.
    if (part === 1 && total >= 100) return { paragraph, start: n.start, end: e2, text: written, value, unit: "", notAFigure: true };
    if (total > 0) value.measure = { value: Number(((part / total) * 100).toPrecision(12)), unit: "%" };
    const unitSeen = unit2 || unit1;
    const unit = unitSeen ? normaliseUnit(unitSeen.unit) : "";
    const noun = unit ? undefined : nounAfter(t, f, e2);
    return { paragraph, start: n.start, end: e2, text: written, value, unit: "%", noun, ratio: { part, total, unit: unit || noun || "" } };
  }

  const pre = prefixBefore(f, n.start);
  const start = pre ? pre.start : n.start;
  const written = t.substring(start, end);
  // "10.000 m3/ngày đêm": the parser reads the number with its base unit; the rate is kept as the unit.
  const value = parseText(unit1 && unit1.baseEnd < unit1.end ? t.substring(start, unit1.baseEnd) : written);
  if (value.state !== "number" && value.state !== "bound") return null;
  const measure = value.measure;
  if (!measure) return null;
  let unit = measure.unit;
  let noun: string | undefined;
  if (unit1 && unit1.unit.indexOf("/") > 0 && unit !== "m2/người") unit = unit1.unit.toLowerCase().replace(/\s+/g, " ");
  if (!unit1) {
    noun = nounAfter(t, f, n.end);
    if (noun) unit = noun;
  }
  // "355,57 lượt ha": a count of visits to areas, not an area.
  if (noun && noun.indexOf("lượt") === 0) {
    const u = unitAfter(t, f, n.end + noun.length + 1);
    if (u) unit = "lượt " + normaliseUnit(u.unit);
  }
  const fig: FigureCore = { paragraph, start, end, text: written, value, unit, noun };
  const change = changeBefore(f, start);
  if (change) fig.change = change;
  if (pre) fig.approx = true;
  return fig;
}

// ------------------------------------------------------------------ years

const Y = "((?:19|20)\\d\\d)";
const RE_PERIOD = new RegExp("(?:tu|trong|giai doan|thoi ky|thoi gian)\\s+(?:nam\\s+)?" + Y + "\\s*(?:-|den|toi)\\s*(?:nam\\s+)?" + Y, "g");
const RE_RANGE = new RegExp("(?:^|[^0-9/])" + Y + "\\s?-\\s?" + Y + "(?![0-9])", "g");
const RE_SINCE = new RegExp("tu (?:nam )?" + Y + " (?:den|toi) (?:nay|hien nay|hien tai|nam nay|thoi diem (?:nay|bao cao|hien tai))", "g");
const RE_UPTO_DATE = new RegExp("(?:den|toi|tinh den|tinh toi|luy ke den)(?: het)?(?: ngay)? \\d{1,2}/\\d{1,2}/" + Y, "g");
const RE_UPTO_YEAR = new RegExp("(?:den|toi|tinh den|tinh toi)(?: het)? nam " + Y, "g");
const RE_YEAR = new RegExp("(?:^|[^a-z])nam " + Y + "(?![0-9])", "g");
const RE_CURRENT = /(?:^|[^a-z])(den nay|hien nay|hien tai|hien co|hien da|nam nay|den thoi diem (?:nay|hien tai|bao cao))(?![a-z])/g;
/** "Hiện" opening a clause ("(Hiện 2/2 xã …"), not inside "thực hiện", "phát hiện". */
const RE_CURRENT_HEAD = /(?:^|[(,;:.] ?)(hien) /g;

/** Every year, span of years and "now" said in a paragraph. */
export function yearMentions(t: string, f: string): YearMention[] {
  const out: YearMention[] = [];
  const taken = (s: number, e: number) => out.some((m) => s < m.end && m.start < e);
  const add = (m: YearMention) => {
    if (!taken(m.start, m.end)) out.push(m);
  };
  let m: RegExpExecArray | null;
  RE_SINCE.lastIndex = 0;
  while ((m = RE_SINCE.exec(f))) add({ start: m.index, end: m.index + m[0].length, kind: "period", from: +m[1] });
  RE_PERIOD.lastIndex = 0;
  while ((m = RE_PERIOD.exec(f))) add({ start: m.index, end: m.index + m[0].length, kind: "period", from: +m[1], to: +m[2], year: +m[2] });
  RE_RANGE.lastIndex = 0;
  while ((m = RE_RANGE.exec(f))) {
    const s = m.index + m[0].indexOf(m[1]);
    if (+m[2] > +m[1]) add({ start: s, end: m.index + m[0].length, kind: "period", from: +m[1], to: +m[2], year: +m[2] });
  }
  RE_UPTO_DATE.lastIndex = 0;
  while ((m = RE_UPTO_DATE.exec(f))) add({ start: m.index, end: m.index + m[0].length, kind: "point", year: +m[1] });
  RE_UPTO_YEAR.lastIndex = 0;
  while ((m = RE_UPTO_YEAR.exec(f))) add({ start: m.index, end: m.index + m[0].length, kind: "point", year: +m[1] });
  RE_YEAR.lastIndex = 0;
  while ((m = RE_YEAR.exec(f))) {
    const s = m.index + m[0].indexOf("nam ");
    add({ start: s, end: m.index + m[0].length, kind: "point", year: +m[1] });
  }
  RE_CURRENT.lastIndex = 0;
  while ((m = RE_CURRENT.exec(f))) {
    const s = m.index + m[0].indexOf(m[1]);
    add({ start: s, end: s + m[1].length, kind: "current" });
  }
  RE_CURRENT_HEAD.lastIndex = 0;
  while ((m = RE_CURRENT_HEAD.exec(f))) {
    const s = m.index + m[0].indexOf("hien");
    add({ start: s, end: s + 4, kind: "current" });
  }
  void t;
  return out.sort((a, b) => a.start - b.start);
}

const RE_TARGET_WORDS = /(muc tieu|phan dau|chi tieu ke hoach|ke hoach den|dinh huong)/;

/**
 * The year a figure speaks of, from the mentions of its sentence:
 *  1. one written right after it ("21,3% năm 2013", "51 tỉ đồng (năm 2013)");
 *  2. else the nearest one before it in the sentence ("Đến 31/12/2022, … 100% …");
 *  3. else one after it in the same clause ("đạt 96,61% trong năm 2022");
 *  else none. A change ("tăng 1.172,26 ha") spans the baseline to the result unless a span is said.
 */
function yearOf(fig: TextFigure, t: string, f: string, mentions: YearMention[], periods: Periods): FigureYear {
  const inSentence = mentions.filter((m) => m.start >= fig.sentence.start && m.end <= fig.sentence.end);
  let chosen: YearMention | undefined;
  for (const m of inSentence) {
    if (m.start < fig.end) continue;
    const gap = t.substring(fig.end, m.start);
    if (gap === " " || (gap === " (" && t.charAt(m.end) === ")")) chosen = m;
    break;
  }
  if (!chosen) {
    for (const m of inSentence) if (m.end <= fig.start) chosen = m;
  }
  if (!chosen) chosen = inSentence.find((m) => m.start >= fig.end && m.end <= fig.clause.end);
  if (fig.change) {
    if (chosen && chosen.kind === "period") return roleOfSpan(chosen, t, periods);
    return { role: "period", from: periods.baseline, year: periods.result };
  }
  if (!chosen) return { role: "unstated" };
  const said = t.substring(chosen.start, chosen.end);
  if (chosen.kind === "current") return { role: "result", said };
  if (chosen.kind === "period") return roleOfSpan(chosen, t, periods);
  const year = chosen.year as number;
  if (year === periods.baseline) return { role: "baseline", year, said };
  if (year === periods.result) return { role: "result", year, said };
  // A target says so next to its year ("mục tiêu đến năm 2020") or in the figure's clause.
  const near = f.substring(Math.max(fig.sentence.start, chosen.start - 40), chosen.end) + " " + f.substring(fig.clause.start, fig.clause.end);
  if (year === periods.target && RE_TARGET_WORDS.test(near)) return { role: "target", year, said };
  return { role: "other", year, said };
}

function roleOfSpan(m: YearMention, t: string, periods: Periods): FigureYear {
  const said = t.substring(m.start, m.end);
  const to = m.to ?? periods.result;
  if (m.from === periods.baseline && to === periods.result) return { role: "period", from: m.from, year: to, said };
  return { role: "other", from: m.from, year: m.to, said };
}
