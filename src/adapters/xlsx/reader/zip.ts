/**
 * Zip parts, inflated as a stream and counted as they come out: the sizes an archive
 * declares are never trusted (a 4 MB file may claim 4 KB and inflate to 4 GiB). Each part
 * is decoded from UTF-8 chunk by chunk into the XML scanner, so even a sheet of a few
 * hundred MB of XML is never held whole.
 */
import { DecodeUTF8, Inflate } from "fflate";
import { XlsxError } from "../errors";
import { readZipDirectory, type ZipEntryInfo } from "../guard";
import { fileMessages } from "./messages";
import type { ReadBudget } from "./limits";
import { XmlTooLong } from "./xml";

const CHUNK = 64 * 1024;
const MB = 1024 * 1024;

/**
 * Inflates raw deflate data whole, stopping with an error once the output would pass
 * `maxOut` bytes (Node's zlib, given by Node callers: faster than fflate's stream).
 */
export type InflateRaw = (data: Uint8Array, maxOut: number) => Uint8Array;

/** The most one part may inflate to when it is inflated whole. */
const PART_CAP = 512 * MB;

export class ZipPackage {
  private readonly byName = new Map<string, ZipEntryInfo>();

  constructor(readonly bytes: Uint8Array, readonly file: string, readonly entries: ZipEntryInfo[] = readZipDirectory(bytes, file), private readonly inflateRaw?: InflateRaw) {
    for (const e of entries) {
      // Part names are case-insensitive; some writers use backslashes or a leading slash.
      const key = normalisePart(e.name);
      if (!this.byName.has(key)) this.byName.set(key, e);
    }
  }

  has(part: string): boolean {
    return this.byName.has(normalisePart(part));
  }

  entry(part: string): ZipEntryInfo | undefined {
    return this.byName.get(normalisePart(part));
  }

  /** Streams a part's text into `sink`; false when the part does not exist. */
  text(part: string, budget: ReadBudget, sink: (chunk: string) => void): boolean {
    const e = this.entry(part);
    if (!e) return false;
    try {
      streamEntry(this.bytes, e, this.file, budget, sink, this.inflateRaw);
    } catch (x) {
      if (x instanceof XmlTooLong) budget.tooBig();
      throw x;
    }
    return true;
  }

  /** A small part read whole (relationships, manifests); "" when absent. */
  small(part: string, budget: ReadBudget): string | null {
    let out = "";
    return this.text(part, budget, (s) => (out += s)) ? out : null;
  }
}

export function normalisePart(name: string): string {
  return name.replace(/\\/g, "/").replace(/^\/+/, "").toLowerCase();
}

/** Resolves a relationship target against the folder of the part that names it. */
export function resolvePart(baseFolder: string, target: string): string {
  const t = target.replace(/\\/g, "/");
  const parts = (t.startsWith("/") ? t.slice(1) : baseFolder + t).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") out.pop();
    else out.push(p);
  }
  return out.join("/");
}

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
}

function damaged(file: string, part: string): XlsxError {
  const m = fileMessages.damagedPart(part);
  return new XlsxError("corrupt", file, m.vi, m.en);
}

function streamEntry(bytes: Uint8Array, e: ZipEntryInfo, file: string, budget: ReadBudget, sink: (chunk: string) => void, inflateRaw?: InflateRaw): void {
  if (e.flags & 1) {
    const m = fileMessages.encrypted;
    throw new XlsxError("encrypted", file, m.vi, m.en);
  }
  const lh = e.offset;
  if (lh + 30 > bytes.length || u32(bytes, lh) !== 0x04034b50) throw damaged(file, e.name);
  const start = lh + 30 + u16(bytes, lh + 26) + u16(bytes, lh + 28);
  // The compressed size bounds the input only where it is plausible; a lie just ends at the file's end.
  const end = e.compressed > 0 && start + e.compressed <= bytes.length ? start + e.compressed : bytes.length;
  if (start > bytes.length) throw damaged(file, e.name);
  let produced = 0;
  let consumed = 0;
  let bom = -1;
  const utf16: Uint8Array[] = [];
  const decoder = new DecodeUTF8((s) => {
    if (s) sink(s);
  });
  const onData = (chunk: Uint8Array, final: boolean) => {
    produced += chunk.length;
    budget.inflated += chunk.length;
    budget.charge(e.name, produced, consumed);
    if (bom < 0 && chunk.length >= 2) bom = chunk[0] === 0xff && chunk[1] === 0xfe ? 2 : chunk[0] === 0xfe && chunk[1] === 0xff ? 3 : 0;
    if (bom > 0) {
      utf16.push(chunk);
      return;
    }
    if (bom < 0 && !final) bom = 0;
    decoder.push(chunk, final);
  };
  if (e.method === 0) {
    const data = bytes.subarray(start, Math.min(end, start + (e.uncompressed || e.compressed)));
    for (let p = 0; p < data.length || p === 0; p += CHUNK) {
      consumed = Math.min(data.length, p + CHUNK);
      onData(data.subarray(p, consumed), consumed >= data.length);
      if (data.length === 0) break;
    }
  } else if (e.method === 8 && inflateRaw) {
    // The same rules as the stream's, set as the most zlib may produce: the file's
    // inflated total, and 500 to 1 past 64 MB (see ReadBudget.charge).
    const left = budget.limits.maxInflatedBytes - budget.inflated + 1;
    const byRatio = Math.max(64 * MB, (end - start) * 500);
    const cap = Math.max(1, Math.min(PART_CAP, left, byRatio));
    let out: Uint8Array;
    try {
      out = inflateRaw(bytes.subarray(start, end), cap);
    } catch (x) {
      if (x && (x as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") {
        const m = cap === byRatio ? fileMessages.bombRatio(e.name, cap) : fileMessages.bombInflated(cap === left ? budget.limits.maxInflatedBytes : cap);
        throw new XlsxError("zipBomb", file, m.vi, m.en);
      }
      throw damaged(file, e.name);
    }
    consumed = end - start;
    // Handed on in slices, as the stream would: the text is never one string.
    for (let p = 0; p < out.length || p === 0; p += CHUNK) {
      onData(out.subarray(p, Math.min(out.length, p + CHUNK)), p + CHUNK >= out.length);
      if (out.length === 0) break;
    }
  } else if (e.method === 8) {
    let finished = false;
    const inflate = new Inflate((chunk, final) => {
      onData(chunk, final);
      if (final) finished = true;
    });
    try {
      for (let p = start; p < end && !finished; p += CHUNK) {
        const q = Math.min(end, p + CHUNK);
        consumed = q - start;
        inflate.push(bytes.subarray(p, q), q >= end);
      }
    } catch (x) {
      // fflate's errors carry a numeric code: the data does not inflate. Anything else
      // (our limits, the scanner) goes on as it is.
      if (x && typeof (x as { code?: unknown }).code === "number") throw damaged(file, e.name);
      throw x;
    }
    if (!finished) throw damaged(file, e.name);
  } else {
    const m = fileMessages.unsupportedCompression(e.name);
    throw new XlsxError("unsupported", file, m.vi, m.en);
  }
  if (bom > 0) {
    const all = concat(utf16);
    const text = decodeUtf16(all, bom === 2);
    sink(text);
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** UTF-16 parts are rare (some exporters write them); they are decoded whole, after the byte-order mark. */
function decodeUtf16(b: Uint8Array, littleEndian: boolean): string {
  let s = "";
  const parts: string[] = [];
  for (let i = 2; i + 1 < b.length; i += 2) {
    s += String.fromCharCode(littleEndian ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1]);
    if (s.length >= 8192) {
      parts.push(s);
      s = "";
    }
  }
  parts.push(s);
  return parts.join("");
}

export const ZIP_MB = MB;
