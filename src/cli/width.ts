/**
 * Text as a terminal shows it: measured in columns, not in UTF-16 units. A grapheme
 * cluster (what a reader sees as one character) takes 2 columns when it is East Asian
 * wide or an emoji, 0 when it is only combining marks or invisible format characters,
 * else 1. Vietnamese often arrives decomposed (NFD): "ế" typed as e + U+0302 + U+0301 is
 * one cluster and one column.
 */

interface Segment {
  segment: string;
}
interface GraphemeSegmenter {
  segment(s: string): Iterable<Segment>;
}
type SegmenterCtor = new (locale?: string, options?: { granularity: "grapheme" }) => GraphemeSegmenter;

const Segmenter = (Intl as unknown as { Segmenter?: SegmenterCtor }).Segmenter;
const segmenter: GraphemeSegmenter | null = Segmenter ? new Segmenter(undefined, { granularity: "grapheme" }) : null;

// Built with RegExp so the `u` flag's property escapes pass a compiler targeting ES5.
const MARK = new RegExp("^[\\p{M}\\u200C\\u200D\\uFE00-\\uFE0F\\u{E0020}-\\u{E007F}\\u{1F3FB}-\\u{1F3FF}]$", "u");
const INVISIBLE = new RegExp("^[\\p{Cc}\\p{Cf}\\p{M}\\uFE00-\\uFE0F\\u115F\\u1160-\\u11FF]+$", "u");
const EMOJI_PRESENTATION = new RegExp("\\p{Emoji_Presentation}|\\p{Extended_Pictographic}\\uFE0F|\\u20E3|[\\u{1F1E6}-\\u{1F1FF}]{2}", "u");

/** Clusters without Intl.Segmenter: a character and the marks, joiners and selectors after it. */
export function fallbackClusters(s: string): string[] {
  const out: string[] = [];
  let joinNext = false;
  for (const ch of Array.from(s)) {
    if (out.length && (joinNext || MARK.test(ch))) {
      out[out.length - 1] += ch;
      joinNext = ch === "\u200D";
      continue;
    }
    out.push(ch);
    joinNext = false;
  }
  return out;
}

/** The grapheme clusters of a text, in order. */
export function graphemes(s: string): string[] {
  if (!segmenter) return fallbackClusters(s);
  const out: string[] = [];
  for (const g of segmenter.segment(s)) out.push(g.segment);
  return out;
}

/** East Asian Wide and Fullwidth code points (Unicode's EastAsianWidth W and F), emoji aside. */
const WIDE: [number, number][] = [
  [0x1100, 0x115f], [0x2329, 0x232a], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf],
  [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff],
  [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4],
  [0x17000, 0x18aff], [0x1b000, 0x1b2ff], [0x1f200, 0x1f251], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < WIDE[mid][0]) hi = mid - 1;
    else if (cp > WIDE[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Columns one grapheme cluster takes. */
export function clusterWidth(g: string): number {
  if (!g || INVISIBLE.test(g)) return 0;
  if (EMOJI_PRESENTATION.test(g)) return 2;
  return isWide(g.codePointAt(0) as number) ? 2 : 1;
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/** Columns a text takes in a terminal (tabs and line breaks are the caller's to remove). */
export function displayWidth(s: string): number {
  if (ASCII_PRINTABLE.test(s)) return s.length;
  let w = 0;
  for (const g of graphemes(s)) w += clusterWidth(g);
  return w;
}

/** The text cut to at most `width` columns, ending in "…" when something was cut. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  if (width <= 0) return "";
  let out = "";
  let w = 0;
  for (const g of graphemes(s)) {
    const gw = clusterWidth(g);
    if (w + gw > width - 1) break;
    out += g;
    w += gw;
  }
  return out.replace(/\s+$/, "") + "…";
}

/** Pads with spaces to `width` columns (left-aligned, or right-aligned for numbers). */
export function pad(s: string, width: number, align: "left" | "right" = "left"): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(s)));
  return align === "right" ? fill + s : s + fill;
}

/** Splits a word wider than `width` at cluster boundaries. */
function breakWord(word: string, width: number): string[] {
  const parts: string[] = [];
  let cur = "";
  let w = 0;
  for (const g of graphemes(word)) {
    const gw = clusterWidth(g);
    if (w + gw > width && cur) {
      parts.push(cur);
      cur = "";
      w = 0;
    }
    cur += g;
    w += gw;
  }
  if (cur) parts.push(cur);
  return parts;
}

/**
 * Lines of at most `width` columns, broken at spaces; a word longer than a line is broken
 * inside. No-break spaces hold words together (a sheet name such as "Phụ lục 2!E73"); a
 * run of spaces between words on one line is kept (it separates fields).
 */
export function wrap(s: string, width: number): string[] {
  if (!isFinite(width) || displayWidth(s) <= width) return [s];
  const lines: string[] = [];
  let line = "";
  let lineWidth = 0;
  // Words and the spaces before each: ["a", "  ", "b"] → a, then b after two spaces.
  const parts = s.trim().split(/( +)/);
  for (let i = 0; i < parts.length; i += 2) {
    const word = parts[i];
    const gap = i > 0 ? parts[i - 1] : "";
    const ww = displayWidth(word);
    if (line && lineWidth + gap.length + ww <= width) {
      line += gap + word;
      lineWidth += gap.length + ww;
      continue;
    }
    if (line) lines.push(line);
    if (ww <= width) {
      line = word;
      lineWidth = ww;
      continue;
    }
    const pieces = breakWord(word, Math.max(1, width));
    lines.push(...pieces.slice(0, -1));
    line = pieces[pieces.length - 1];
    lineWidth = displayWidth(line);
  }
  if (line) lines.push(line);
  return lines;
}

/** A paragraph wrapped to the width, each line ending with a line break (as is when there is no width). */
export function paragraph(text: string, width: number, indent = ""): string {
  return wrap(text, width - displayWidth(indent)).map((l) => indent + l).join("\n") + "\n";
}
