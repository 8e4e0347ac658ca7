/**
 * A streaming XML scanner for spreadsheet parts: text is fed in chunks as it is inflated,
 * tags and text come out as events. It is lenient where writers are sloppy (duplicate
 * attributes: the first wins; any namespace prefix; single or double quotes) and never
 * expands a DTD (no entity but the five predefined ones and character references), so a
 * hostile part cannot blow up. Written for speed: indexOf over a string, no per-character
 * state machine; a part of 50 MB scans in well under a second.
 */

export interface XmlHandler {
  /** `name` without its namespace prefix unless the scanner keeps prefixes; `attrs` is the raw attribute text. */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw text (entities not yet decoded: see decodeXml). Only called while `wantText` is true. */
  text(raw: string): void;
  /** Asked before each run of text: a handler that is not inside an element whose text it needs says no. */
  wantText: boolean;
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const BANG = 33;
const QMARK = 63;
const DQ = 34;
const SQ = 39;

/** Characters a single text run or tag may take before the part is refused. */
const MAX_PENDING = 64 * 1024 * 1024;

export class XmlTooLong extends Error {
  constructor() {
    super("xml run too long");
    this.name = "XmlTooLong";
  }
}

export class XmlScanner {
  private buf = "";

  constructor(private readonly h: XmlHandler, private readonly keepPrefix = false) {}

  feed(chunk: string): void {
    this.buf = this.buf.length ? this.buf + chunk : chunk;
    this.run(false);
    // Text or a tag that never ends: a damaged or hostile part, not something to hold whole.
    if (this.buf.length > MAX_PENDING) throw new XmlTooLong();
  }

  end(): void {
    this.run(true);
    this.buf = "";
  }

  private name(raw: string): string {
    if (this.keepPrefix) return raw;
    const colon = raw.indexOf(":");
    return colon >= 0 ? raw.slice(colon + 1) : raw;
  }

  private run(final: boolean): void {
    const b = this.buf;
    const n = b.length;
    const h = this.h;
    let i = 0;
    while (i < n) {
      const lt = b.indexOf("<", i);
      if (lt < 0) {
        // Text up to the end: it may continue in the next chunk (an entity may be cut).
        if (final) {
          if (h.wantText) h.text(b.slice(i));
          i = n;
        }
        break;
      }
      if (lt > i && h.wantText) h.text(b.slice(i, lt));
      i = lt;
      const c = b.charCodeAt(lt + 1);
      if (c !== c) break; // "<" is the last character: wait for more
      if (c === BANG) {
        const end = this.special(b, lt);
        if (end < 0) break;
        i = end;
        continue;
      }
      if (c === QMARK) {
        const end = b.indexOf("?>", lt + 2);
        if (end < 0) break;
        i = end + 2;
        continue;
      }
      const gt = tagEnd(b, lt + 1);
      if (gt < 0) break;
      if (c === SLASH) {
        h.close(this.name(b.slice(lt + 2, gt).trim()));
      } else {
        let e = lt + 1;
        while (e < gt) {
          const k = b.charCodeAt(e);
          if (k === 32 || k === 9 || k === 10 || k === 13 || k === SLASH) break;
          e++;
        }
        const self = b.charCodeAt(gt - 1) === SLASH;
        const name = this.name(b.slice(lt + 1, e));
        h.open(name, e < gt ? b.slice(e, self ? gt - 1 : gt) : "", self);
        if (self) h.close(name);
      }
      i = gt + 1;
    }
    this.buf = i < n ? b.slice(i) : "";
    if (final && this.buf) this.buf = "";
  }

  /** Comments, CDATA and DOCTYPE (its internal subset skipped, never expanded). Returns the index after it, or -1 to wait. */
  private special(b: string, lt: number): number {
    if (b.startsWith("<!--", lt)) {
      const end = b.indexOf("-->", lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (b.startsWith("<![CDATA[", lt)) {
      const end = b.indexOf("]]>", lt + 9);
      if (end < 0) return -1;
      // CDATA text is literal: escape what decodeXml would otherwise read as markup.
      if (this.h.wantText) this.h.text(b.slice(lt + 9, end).replace(/&/g, "&amp;"));
      return end + 3;
    }
    // <!DOCTYPE … [ … ]> or any other declaration.
    let depth = 0;
    for (let k = lt + 2; k < b.length; k++) {
      const ch = b.charCodeAt(k);
      if (ch === 91) depth++;
      else if (ch === 93) depth--;
      else if (ch === GT && depth <= 0) return k + 1;
    }
    return -1;
  }
}

/**
 * Index of the ">" closing a tag that starts at `from`, skipping quoted attribute values;
 * -1 if it is not in the buffer yet. Only the tag itself is walked (tags are short).
 */
function tagEnd(b: string, from: number): number {
  let k = from;
  let gt = b.indexOf(">", k);
  while (gt >= 0) {
    let quote = -1;
    for (; k < gt; k++) {
      const ch = b.charCodeAt(k);
      if (ch === DQ || ch === SQ) {
        quote = ch;
        break;
      }
      // A "<" inside a tag: broken markup. End the tag before it rather than swallow the part.
      if (ch === LT && k > from) return k - 1;
    }
    if (quote < 0) return gt;
    const close = b.indexOf(quote === DQ ? '"' : "'", k + 1);
    if (close < 0) return -1;
    k = close + 1;
    if (gt < k) gt = b.indexOf(">", k);
  }
  return -1;
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

/**
 * The value of an attribute by name in a tag's raw attribute text, decoded; undefined when
 * absent. `name` may be local ("r") — then any prefix matches ("x:r", "ns1:id") — or
 * qualified ("table:name"). The first occurrence wins.
 */
export function attr(attrs: string, name: string): string | undefined {
  let from = 0;
  const len = name.length;
  for (;;) {
    const k = attrs.indexOf(name, from);
    if (k < 0) return undefined;
    from = k + 1;
    const before = k === 0 ? 32 : attrs.charCodeAt(k - 1);
    if (!isSpace(before) && before !== 58 /* : */) continue;
    let e = k + len;
    while (e < attrs.length && isSpace(attrs.charCodeAt(e))) e++;
    if (attrs.charCodeAt(e) !== 61 /* = */) continue;
    e++;
    while (e < attrs.length && isSpace(attrs.charCodeAt(e))) e++;
    const q = attrs.charCodeAt(e);
    if (q !== DQ && q !== SQ) continue;
    const close = attrs.indexOf(q === DQ ? '"' : "'", e + 1);
    if (close < 0) return undefined;
    const v = attrs.slice(e + 1, close);
    return v.indexOf("&") >= 0 ? decodeXml(v) : v;
  }
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The five predefined entities and character references; anything else is kept as written. */
export function decodeXml(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e.charCodeAt(0) === 35) {
      const code = e.charCodeAt(1) === 120 || e.charCodeAt(1) === 88 ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      if (!(code >= 0 && code <= 0x10ffff)) return m;
      if (code < 0x10000) return String.fromCharCode(code);
      const c = code - 0x10000;
      return String.fromCharCode(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
    }
    const v = NAMED[e];
    return v === undefined ? m : v;
  });
}

/**
 * A copy of `s` that does not keep the chunk it was cut from alive. V8 cuts long substrings
 * as views into their parent: a cell's text kept by a check result would otherwise hold
 * the whole 64 KB of XML it came from, for as long as a province run keeps the result.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}

/** Excel's escape of characters XML cannot carry: "_x000D_" is a carriage return, "_x005F_" an underscore. */
export function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
