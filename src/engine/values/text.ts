/**
 * Text folding: what every other part of the value parser and the label matcher works on.
 *
 * Pure and ES5-safe: no lookbehind, named groups or u/s/y regex flags; every regex compiled
 * once at load. `String.prototype.normalize` is used when present; otherwise Vietnamese NFD
 * text is composed by an explicit table, so NFC and NFD input read the same either way.
 *
 * Two folds: `foldForMatch` (labels: lower case, no diacritics, punctuation collapsed) and
 * `foldAligned` (values: the same length as its input, one folded char per char, so words
 * and descriptions are cut from the user's own wording at the folded indices).
 */
const HAS_NORMALIZE = typeof "".normalize === "function";

/** Vowels with their five tones (grave, acute, hook, tilde, dot below), lower case. */
export const TONE_ROWS: readonly [string, string, string][] = [
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
export const RE_ASCII = /^[\x00-\x7f]*$/;

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

export function toNFC(s: string): string {
  if (HAS_NORMALIZE) return RE_MAY_CHANGE_UNDER_NFC.test(s) ? s.normalize("NFC") : s;
  return composeVietnamese(s);
}

const RE_INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
export const RE_WS = /[\s\u0085\u180e]+/g;
const RE_DASH = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;
const RE_SQUOTE = /[\u2018\u2019\u201a\u201b\u2032]/g;
const RE_DQUOTE = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g;
/** Any character the replacements above touch (one test instead of four replaces). */
const RE_SPECIAL = /[\u00ad\u200b-\u200d\u2060\ufeff\u2010-\u2015\u2212\ufe58\ufe63\uff0d\u2018-\u201b\u201c-\u201f\u2032\u2033\u00ab\u00bb]/;
/** Whitespace that is not a single inner space. */
const RE_ODD_SPACE = /[\t\n\v\f\r\u0085\u00a0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|  |^ | $/;
/** Already clean: printable ascii words separated by single spaces. */
export const RE_CLEAN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

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
export function foldAligned(t: string): string {
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

// ------------------------------------------------------------------ scanning folded text

/** f has w at p (no substring allocation). */
export function sameAt(f: string, p: number, w: string): boolean {
  for (let k = 0; k < w.length; k++) if (f.charCodeAt(p + k) !== w.charCodeAt(k)) return false;
  return true;
}

export function isWordCode(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    c === 95 ||
    (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x206f) && !(c >= 0x3000 && c <= 0x303f))
  );
}

/** f has the word w at p, ending on a word boundary. */
export function startsWord(f: string, p: number, end: number, w: string): boolean {
  if (p + w.length > end || !sameAt(f, p, w)) return false;
  const e = p + w.length;
  return e === end || !isWordCode(f.charCodeAt(e));
}

export function skipSpaces(f: string, p: number, end: number): number {
  while (p < end && f.charCodeAt(p) === 32) p++;
  return p;
}
