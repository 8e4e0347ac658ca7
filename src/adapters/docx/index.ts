/**
 * Reads the text of a written report from a file's bytes: a Word document (.docx, through
 * mammoth) or plain text (UTF-8, or UTF-16 with its byte-order mark). The text comes out
 * the way Word's own plain-text export writes it: one paragraph per line, a table cell's
 * paragraph on a line of its own that begins with a tab.
 * Works in Node and in the browser (no Node API): the task pane loads it on demand, as its
 * own chunk, when the user picks a report.
 *
 * Before mammoth sees a .docx, every XML part is inflated once here under a counted limit:
 * a zip that lies about its sizes is refused after at most one chunk past the limit, not
 * after filling the memory. Anything that is not a report gets a refusal in the user's
 * words, in both languages, naming the file.
 */
import JSZip from "jszip";
import mammoth from "mammoth";

export type ReportFileErrorCode = "empty" | "tooLarge" | "encrypted" | "legacyDoc" | "notReport" | "corrupt" | "zipBomb" | "encoding";

export class ReportFileError extends Error {
  readonly code: ReportFileErrorCode;
  readonly file: string;
  readonly vi: string;
  readonly en: string;

  constructor(code: ReportFileErrorCode, file: string, vi: string, en: string) {
    super(`${file}: ${vi} / ${en}`);
    this.name = "ReportFileError";
    this.code = code;
    this.file = file;
    this.vi = vi;
    this.en = en;
  }

  /** The message in one language, naming the file. */
  text(lang: "vi" | "en"): string {
    return `${this.file}: ${lang === "en" ? this.en : this.vi}`;
  }
}

export interface ReportLimits {
  /** Largest file accepted, in bytes (a report with photos is a few MB). */
  maxFileBytes: number;
  /** Most bytes one XML part of a .docx may inflate to. */
  maxPartBytes: number;
  /** Most bytes all XML parts together may inflate to. */
  maxInflatedBytes: number;
  maxEntries: number;
  /** Longest text accepted, in characters. */
  maxTextChars: number;
}

const MB = 1024 * 1024;

export const REPORT_LIMITS: ReportLimits = {
  maxFileBytes: 40 * MB,
  maxPartBytes: 50 * MB,
  maxInflatedBytes: 120 * MB,
  maxEntries: 5000,
  maxTextChars: 5 * 1000 * 1000,
};

export interface ReportText {
  /** One paragraph per line, as the report check reads it. */
  text: string;
  format: "docx" | "txt";
}

/** Reads a report file's bytes (.docx or .txt, told apart by content, not by name). */
export async function readReportBytes(bytes: Uint8Array, file: string, limits: ReportLimits = REPORT_LIMITS): Promise<ReportText> {
  if (bytes.length === 0) throw refuse("empty", file);
  if (bytes.length > limits.maxFileBytes) {
    const mb = (bytes.length / MB).toFixed(1);
    const max = Math.round(limits.maxFileBytes / MB);
    throw new ReportFileError("tooLarge", file, `file quá lớn (${mb} MB, tối đa ${max} MB)`, `file too large (${mb} MB, limit ${max} MB)`);
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { text: await readDocx(bytes, file, limits), format: "docx" };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // An OLE compound file: an encrypted .docx carries EncryptionInfo; Word 97–2003 a WordDocument stream.
    if (containsUtf16(bytes, "EncryptionInfo") || containsUtf16(bytes, "EncryptedPackage")) throw refuse("encrypted", file);
    if (containsUtf16(bytes, "WordDocument")) throw refuse("legacyDoc", file);
    throw refuse("notReport", file);
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) throw refuse("notReport", file, { vi: "file PDF", en: "a PDF file" });
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) throw refuse("notReport", file, { vi: "file RTF", en: "an RTF file" });
  const text = decodeText(bytes, file);
  if (text.length > limits.maxTextChars) throw refuse("tooLarge", file);
  if (!/\S/.test(text)) throw refuse("empty", file);
  return { text, format: "txt" };
}

// ------------------------------------------------------------------ plain text

/** UTF-8 (with or without its mark) or UTF-16 with its byte-order mark; anything else is refused. */
export function decodeText(bytes: Uint8Array, file: string): string {
  if (startsWith(bytes, [0xff, 0xfe])) return utf16(bytes, 2, true);
  if (startsWith(bytes, [0xfe, 0xff])) return utf16(bytes, 2, false);
  const start = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  for (let i = start; i < Math.min(bytes.length, 4096); i++) if (bytes[i] === 0) throw refuse("encoding", file);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start));
  } catch {
    throw refuse("encoding", file);
  }
}

function utf16(bytes: Uint8Array, from: number, little: boolean): string {
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = from; i + 1 < bytes.length; i += 2) {
    chunk.push(little ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
    if (chunk.length === 8192) {
      parts.push(String.fromCharCode.apply(null, chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCharCode.apply(null, chunk));
  return parts.join("");
}

// ------------------------------------------------------------------ .docx

async function readDocx(bytes: Uint8Array, file: string, limits: ReportLimits): Promise<string> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    if (/encrypt/i.test(String(e))) throw refuse("encrypted", file);
    throw refuse("corrupt", file);
  }
  const names = Object.keys(zip.files);
  if (names.length > limits.maxEntries) throw refuse("zipBomb", file);
  if (!zip.file("word/document.xml")) {
    if (zip.file("xl/workbook.xml")) throw refuse("notReport", file, { vi: "sổ tính Excel", en: "an Excel workbook" });
    if (zip.file("content.xml") && zip.file("mimetype")) throw refuse("notReport", file, { vi: "văn bản OpenDocument (.odt)", en: "an OpenDocument text (.odt)" });
    throw refuse("notReport", file);
  }
  await inflateGuarded(zip, names, file, limits);
  let html: string;
  try {
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    // mammoth reads `buffer` in Node and `arrayBuffer` in the browser build.
    const input = { buffer: bytes, arrayBuffer: ab } as unknown as Parameters<typeof mammoth.convertToHtml>[0];
    // Pictures are left unread (no src): only the words matter here.
    const noImages = mammoth.images.imgElement(() => Promise.resolve({ src: "" }));
    html = (await mammoth.convertToHtml(input, { convertImage: noImages })).value;
  } catch {
    throw refuse("corrupt", file);
  }
  if (html.length > 4 * limits.maxTextChars) throw refuse("tooLarge", file);
  const text = linesOf(html);
  if (text.length > limits.maxTextChars) throw refuse("tooLarge", file);
  if (!/\S/.test(text)) throw refuse("empty", file, { vi: "tài liệu không có chữ (có thể chỉ có ảnh chụp)", en: "the document holds no text (perhaps only scanned images)" });
  return text;
}

/**
 * mammoth's HTML back to lines: each paragraph, heading and list item a line; a line break
 * inside a paragraph a space (raw-text extraction would drop it and glue the words); a
 * paragraph inside a table cell a line that starts with a tab.
 */
function linesOf(html: string): string {
  const out: string[] = [];
  let line = "";
  let cellDepth = 0;
  const re = /<(\/?)([a-zA-Z0-9]+)[^>]*>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    if (m[3] !== undefined) {
      line += decodeEntities(m[3]);
      continue;
    }
    const closing = m[1] === "/";
    const tag = m[2].toLowerCase();
    if (tag === "td" || tag === "th") cellDepth += closing ? -1 : 1;
    else if (tag === "br") line += " ";
    else if (closing && /^(p|h[1-6]|li)$/.test(tag)) {
      out.push((cellDepth > 0 ? "\t" : "") + line);
      line = "";
    }
  }
  if (line !== "") out.push(line);
  return out.join("\n");
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos|nbsp);/g, (_, e: string) => {
    if (e.charAt(0) === "#") return String.fromCharCode(e.charAt(1) === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" } as Record<string, string>)[e];
  });
}

/** Inflates every XML part once, counting bytes as they come, and refuses past the limits. */
async function inflateGuarded(zip: JSZip, names: string[], file: string, limits: ReportLimits): Promise<void> {
  let total = 0;
  for (const name of names) {
    const entry = zip.files[name];
    if (entry.dir || !/\.(xml|rels)$/i.test(name)) continue;
    const declared = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    if (declared > limits.maxPartBytes) throw refuse("zipBomb", file);
    const size = await countInflated(entry, Math.min(limits.maxPartBytes, limits.maxInflatedBytes - total));
    if (size === INFLATE_FAILED) throw refuse("corrupt", file);
    if (size === PAST_LIMIT) throw refuse("zipBomb", file);
    total += size;
  }
}

/** JSZip's documented streaming API (StreamHelper), which its type declarations leave out. */
interface ZipStream {
  on(event: "data", f: (chunk: Uint8Array) => void): ZipStream;
  on(event: "error", f: (e: Error) => void): ZipStream;
  on(event: "end", f: () => void): ZipStream;
  pause(): ZipStream;
  resume(): ZipStream;
}
interface StreamingEntry {
  internalStream(type: "uint8array"): ZipStream;
}

const PAST_LIMIT = -1;
const INFLATE_FAILED = -2;

/** Bytes an entry inflates to; PAST_LIMIT as soon as it passes `cap` (the stream is stopped there). */
function countInflated(entry: JSZip.JSZipObject, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    let done = false;
    const stream = (entry as unknown as StreamingEntry).internalStream("uint8array");
    stream
      .on("data", (chunk: Uint8Array) => {
        if (done) return;
        n += chunk.length;
        if (n > cap) {
          done = true;
          stream.pause();
          resolve(PAST_LIMIT);
        }
      })
      .on("error", (e: Error) => {
        if (!done) {
          done = true;
          reject(e);
        }
      })
      .on("end", () => {
        if (!done) {
          done = true;
          resolve(n);
        }
      })
      .resume();
  }).catch(() => INFLATE_FAILED) as Promise<number>;
}

// ------------------------------------------------------------------ helpers

function startsWith(b: Uint8Array, sig: number[]): boolean {
  if (b.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[i] !== sig[i]) return false;
  return true;
}

function containsUtf16(bytes: Uint8Array, word: string): boolean {
  const limit = Math.min(bytes.length, 4 * MB);
  const first = word.charCodeAt(0);
  outer: for (let i = 0; i + word.length * 2 <= limit; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) continue;
    for (let j = 1; j < word.length; j++) if (bytes[i + 2 * j] !== word.charCodeAt(j) || bytes[i + 2 * j + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

function refuse(code: ReportFileErrorCode, file: string, what?: { vi: string; en: string }): ReportFileError {
  switch (code) {
    case "empty":
      return new ReportFileError(code, file, what?.vi ?? "file rỗng, không có nội dung báo cáo", what?.en ?? "the file is empty: no report text");
    case "tooLarge":
      return new ReportFileError(code, file, "báo cáo quá dài để đối chiếu", "the report is too long to cross-check");
    case "encrypted":
      return new ReportFileError(code, file, "file có mật khẩu (đã mã hóa); hãy mở bằng Word, bỏ mật khẩu rồi chọn lại", "the file is password-protected (encrypted); open it in Word, remove the password and pick it again");
    case "legacyDoc":
      return new ReportFileError(code, file, "định dạng Word 97–2003 (.doc); hãy mở bằng Word và lưu thành .docx", "Word 97–2003 format (.doc); open it in Word and save it as .docx");
    case "notReport":
      return new ReportFileError(
        code,
        file,
        `không phải văn bản Word (.docx) hoặc văn bản thuần (.txt)${what ? " — đây là " + what.vi : ""}; hãy chọn file báo cáo, hoặc lưu nó thành .docx`,
        `not a Word document (.docx) or plain text (.txt)${what ? " — this is " + what.en : ""}; pick the report, or save it as .docx`,
      );
    case "corrupt":
      return new ReportFileError(code, file, "file .docx bị hỏng, không đọc được; hãy mở bằng Word và lưu lại", "the .docx file is damaged and cannot be read; open it in Word and save it again");
    case "zipBomb":
      return new ReportFileError(code, file, "file nén bất thường (bung ra quá lớn); từ chối mở", "suspicious archive (expands far too much); refused");
    case "encoding":
      return new ReportFileError(code, file, "văn bản không ở mã Unicode (UTF-8 hoặc UTF-16); hãy lưu lại với mã UTF-8", "the text is not Unicode (UTF-8 or UTF-16); save it again as UTF-8");
  }
}
