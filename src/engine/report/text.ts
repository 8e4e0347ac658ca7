/**
 * The written report as a reader sees it: paragraphs numbered the way a person counts them,
 * sentences and clauses inside a paragraph, and Vietnamese words reduced to keys that
 * compare "hoà" with "hòa" and "thuỷ" with "thủy" but keep "đất" apart from "đạt".
 *
 * Pure and ES5-safe like the value parser: no Node, no DOM, no lookbehind or `u` regexes.
 */
import { normaliseText } from "../values";
import { TONE_ROWS } from "../values/text";

export interface Paragraph {
  /** 1-based: the n-th paragraph that has any visible text, headings included (Word's count). */
  number: number;
  /** The paragraph's text, normalised (NFC, one space between words, plain quotes and dashes). */
  text: string;
  /** The paragraph began with a tab: a table cell in a plain-text export of Word. */
  tabbed: boolean;
}

export interface SplitText {
  paragraphs: Paragraph[];
  /** Number of the paragraph that titles an appendix ("Phụ lục 1"): it and all after it are tables, not prose. */
  appendixFrom?: number;
}

/** "Phụ lục 1", "PHỤ LỤC II", "Phụ lục số 02:", "Biểu 1": a title line that starts the appended tables. */
const RE_APPENDIX_TITLE = /^(phu luc|bieu)( so)? ?(\d{1,2}|[ivx]{1,4})?[.:]?$/;

/**
 * Splits a report into paragraphs: one line is one paragraph (Word's plain-text export and
 * text pasted from Word both end every paragraph with a line break). Lines without visible
 * text are not counted, as a reader does not count them.
 */
export function splitParagraphs(text: string): SplitText {
  const lines = String(text).split(/\r\n|\r|\n|\u2028|\u2029/);
  const paragraphs: Paragraph[] = [];
  let appendixFrom: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const t = normaliseText(line);
    if (t === "") continue;
    const p: Paragraph = { number: paragraphs.length + 1, text: t, tabbed: line.charAt(0) === "\t" };
    paragraphs.push(p);
    if (appendixFrom === undefined && RE_APPENDIX_TITLE.test(foldAligned(t).replace(/\s+/g, " "))) appendixFrom = p.number;
  }
  return { paragraphs, appendixFrom };
}

// ------------------------------------------------------------------ letters

/** [letter with its vowel shape, folded ascii, the letter with tones 0..5]: the value parser's table. */
const TONES = TONE_ROWS;

/** Lower-case letter → [shaped letter without tone, tone 0..5, ascii]. */
const LETTER: { [ch: string]: [string, number, string] } = Object.create(null);
(function build() {
  for (let r = 0; r < TONES.length; r++) {
    for (let t = 0; t < 6; t++) LETTER[TONES[r][2].charAt(t)] = [TONES[r][0], t, TONES[r][1]];
  }
  LETTER["đ"] = ["đ", 0, "d"];
})();

/** Same length as `t`: lower case, no diacritics, đ → d. For finding words by pattern at known offsets. */
export function foldAligned(t: string): string {
  let out = "";
  for (let i = 0; i < t.length; i++) {
    const lower = t.charAt(i).toLowerCase();
    const l = lower.length === 1 ? lower : t.charAt(i);
    const m = LETTER[l];
    out += m ? m[2] : l;
  }
  return out;
}

/**
 * A syllable's key: its letters with their vowel shapes (ă â ê ô ơ ư đ) and its tone as a
 * trailing digit, wherever the writer put the tone mark ("hoà" and "hòa" are both "hoa1").
 */
export function syllableKey(word: string): string {
  const w = word.toLowerCase();
  let base = "";
  let tone = 0;
  for (let i = 0; i < w.length; i++) {
    const m = LETTER[w.charAt(i)];
    if (m) {
      base += m[0];
      if (m[1] > 0) tone = m[1];
    } else base += w.charAt(i);
  }
  return tone > 0 ? base + tone : base;
}

export interface Word {
  /** The syllable's key (see syllableKey). */
  key: string;
  start: number;
  end: number;
}

function isLetterOrDigit(c: string): boolean {
  const code = c.charCodeAt(0);
  if ((code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return true;
  return code >= 0xc0 && code !== 0xd7 && code !== 0xf7 && !(code >= 0x2000 && code <= 0x2bff) && !(code >= 0x3000 && code <= 0x303f);
}

/** The words of a text (runs of letters and digits), keyed, with their offsets. */
export function words(text: string, from = 0, to = text.length): Word[] {
  const out: Word[] = [];
  let i = from;
  while (i < to) {
    if (!isLetterOrDigit(text.charAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < to && isLetterOrDigit(text.charAt(j))) j++;
    out.push({ key: syllableKey(text.substring(i, j)), start: i, end: j });
    i = j;
  }
  return out;
}

/** Keys of a phrase written in plain Vietnamese ("nước sạch" → ["nuơc2", "sach5"]). */
export function phraseKeys(phrase: string): string[] {
  return words(normaliseText(phrase)).map((w) => w.key);
}

// ------------------------------------------------------------------ sentences and clauses

export interface Span {
  start: number;
  end: number;
}

function isUpperStart(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && (text.charAt(j) === " " || text.charAt(j) === '"' || text.charAt(j) === "(")) j++;
  if (j >= text.length) return false;
  const c = text.charAt(j);
  return c !== c.toLowerCase() || (c >= "0" && c <= "9");
}

/**
 * Sentences: a full stop, "!", "?" or "…" followed by a space and a capital (or a digit).
 * A dot between digits ("1.522,16"), in "II.2.1" or after a short capital abbreviation
 * ("TP. Lai Châu") ends nothing. Semicolons only separate clauses: in these reports a year
 * said at the head of a sentence ("Đến 31/12/2022, …; …") still holds after them.
 */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c !== "." && c !== "!" && c !== "?" && c !== "…") continue;
    if (i + 1 < text.length && !(text.charAt(i + 1) === " " && isUpperStart(text, i + 1))) continue;
    if (c === "." && isAbbreviation(text, i)) continue;
    if (i + 1 > start) out.push({ start, end: i + 1 });
    start = i + 1;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out.filter((s) => /\S/.test(text.substring(s.start, s.end)));
}

/** The word before the dot at `i` is one or two capitals ("TP", "TT", "KT"). */
function isAbbreviation(text: string, i: number): boolean {
  let j = i;
  while (j > 0 && isLetterOrDigit(text.charAt(j - 1))) j--;
  const w = text.substring(j, i);
  return w.length > 0 && w.length <= 2 && w === w.toUpperCase() && w !== w.toLowerCase();
}

/**
 * Clauses inside a sentence: split at commas, semicolons, colons and brackets — but not at
 * a comma between two digits (a decimal comma). "các xã, phường" splits too; such clauses
 * carry no measure, so it costs nothing.
 */
export function clauses(text: string, sentence: Span): Span[] {
  const out: Span[] = [];
  let start = sentence.start;
  for (let i = sentence.start; i < sentence.end; i++) {
    const c = text.charAt(i);
    let cut = false;
    if (c === "," && !(isDigit(text.charAt(i - 1)) && isDigit(text.charAt(i + 1)))) cut = true;
    else if (c === ":" || c === "(" || c === ")" || c === ";") cut = true;
    if (cut) {
      if (i > start) out.push({ start, end: i });
      start = i + 1;
    }
  }
  if (start < sentence.end) out.push({ start, end: sentence.end });
  return out.filter((s) => /\S/.test(text.substring(s.start, s.end)));
}

export function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

/** A short quote of a span for messages: whole when short, otherwise cut around `focus`. */
export function excerpt(text: string, span: Span, focus: Span, max = 160): string {
  let a = span.start;
  let b = span.end;
  if (b - a > max) {
    a = Math.max(span.start, focus.start - Math.floor(max / 2));
    b = Math.min(span.end, a + max);
    a = Math.max(span.start, b - max);
  }
  let s = text.substring(a, b).trim();
  if (a > span.start) s = "…" + s;
  if (b < span.end) s = s + "…";
  return s;
}
