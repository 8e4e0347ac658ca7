/**
 * Checks the bytes of a supposed .xlsx before any zip library inflates them: a wrong
 * file type, an encrypted workbook or a zip bomb must be refused with a clear message,
 * not crash the process or exhaust its memory. Works on a plain Uint8Array so the task
 * pane can use it on picked files as well.
 */
import { XlsxError } from "./errors";
import { fileMessages } from "./reader/messages";

export interface XlsxLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest total uncompressed size declared by the zip directory. */
  maxUncompressedBytes: number;
  maxEntries: number;
  /** Largest compression ratio accepted for a single large entry. */
  maxRatio: number;
  /** Bytes inflated from the whole file, counted as they come out (reader/limits.ts). */
  maxInflatedBytes?: number;
  /** Cells holding something, over all sheets. */
  maxCells?: number;
  maxMerges?: number;
  /** Rows covered by merged areas, summed: a few whole-column merges cost as much as many small ones. */
  maxMergedRows?: number;
  /** Estimated memory the snapshot may take. */
  maxMemoryBytes?: number;
  /** Time one file may take to read. */
  maxMillis?: number;
}

export const DEFAULT_LIMITS: XlsxLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  // Declared sizes only serve to refuse early; the reader counts what it really inflates.
  maxUncompressedBytes: 1024 * 1024 * 1024,
  maxEntries: 10000,
  maxRatio: 200,
};

const MB = 1024 * 1024;

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
}
function u64(b: Uint8Array, o: number): number {
  return u32(b, o) + u32(b, o + 4) * 0x100000000;
}

function containsUtf16(bytes: Uint8Array, word: string): boolean {
  const pat: number[] = [];
  for (const ch of word) pat.push(ch.charCodeAt(0), 0);
  const limit = Math.min(bytes.length, 1024 * 1024);
  outer: for (let i = 0; i + pat.length <= limit; i++) {
    for (let j = 0; j < pat.length; j++) if (bytes[i + j] !== pat[j]) continue outer;
    return true;
  }
  return false;
}

export function checkFileSize(size: number, file: string, limits: XlsxLimits = DEFAULT_LIMITS): void {
  if (size > limits.maxFileBytes) {
    const mb = (size / MB).toFixed(1);
    const max = Math.round(limits.maxFileBytes / MB);
    throw new XlsxError(
      "tooLarge",
      file,
      `file quá lớn (${mb} MB, tối đa ${max} MB)`,
      `file too large (${mb} MB, limit ${max} MB)`,
    );
  }
}

export interface ZipEntryInfo {
  name: string;
  compressed: number;
  /** As declared: a hint, never trusted (the reader counts what it inflates). */
  uncompressed: number;
  /** 0 stored, 8 deflate. */
  method: number;
  /** General-purpose flags; bit 0 means the entry is encrypted. */
  flags: number;
  /** Offset of the entry's local header. */
  offset: number;
}

/** Reads the zip central directory; throws XlsxError("corrupt") when it is not readable. */
export function readZipDirectory(bytes: Uint8Array, file: string): ZipEntryInfo[] {
  const corrupt = (vi: string, en: string) => {
    const m = fileMessages.damagedZip({ vi, en });
    return new XlsxError("corrupt", file, m.vi, m.en);
  };
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt("không tìm thấy mục lục của file nén", "the archive's directory is missing");
  let count = u16(bytes, eocd + 10);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    // Zip64: the locator sits just before the classic record.
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== 0x07064b50) throw corrupt("mục lục zip64 hỏng", "broken zip64 directory");
    const rec = u64(bytes, loc + 8);
    if (rec + 56 > bytes.length || u32(bytes, rec) !== 0x06064b50) throw corrupt("mục lục zip64 hỏng", "broken zip64 directory");
    count = u64(bytes, rec + 32);
    cdOffset = u64(bytes, rec + 48);
  }
  if (cdOffset >= bytes.length) throw corrupt("mục lục của file nén sai vị trí", "the archive's directory is misplaced");
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw corrupt("một mục của file nén bị hỏng", "an entry of the archive is broken");
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    let compressed = u32(bytes, p + 20);
    let uncompressed = u32(bytes, p + 24);
    let offset = u32(bytes, p + 42);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    let name = "";
    for (let k = 0; k < nameBytes.length; k++) name += String.fromCharCode(nameBytes[k]);
    if (uncompressed === 0xffffffff || compressed === 0xffffffff || offset === 0xffffffff) {
      // Zip64 extended information extra field (id 0x0001) carries the real sizes.
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = u16(bytes, e);
        const size = u16(bytes, e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (uncompressed === 0xffffffff) { uncompressed = u64(bytes, q); q += 8; }
          if (compressed === 0xffffffff) { compressed = u64(bytes, q); q += 8; }
          if (offset === 0xffffffff) { offset = u64(bytes, q); }
          break;
        }
        e += 4 + size;
      }
    }
    entries.push({ name, compressed, uncompressed, method, flags, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export type Container = "zip" | "ole" | "other";

/** What kind of container the bytes are: a zip (.xlsx, .xlsm, .ods), an OLE compound file (.xls, encrypted .xlsx) or neither. */
export function containerOf(b: Uint8Array): Container {
  if (b.length >= 8 && OLE.every((x, i) => b[i] === x)) return "ole";
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06)) return "zip";
  return "other";
}

/**
 * The first sectors of an OLE file's directory, where its stream names are: a large file
 * may keep them past the first megabyte that the name search looks at.
 */
function oleDirectory(b: Uint8Array): Uint8Array {
  if (b.length < 512) return b.subarray(0, 0);
  const shift = u16(b, 0x1e);
  const size = shift === 9 || shift === 12 ? 1 << shift : 512;
  const start = (u32(b, 0x30) + 1) * size;
  return start < b.length ? b.subarray(start, Math.min(b.length, start + 4 * size)) : b.subarray(0, 0);
}

function hasStream(b: Uint8Array, names: string[]): boolean {
  const dir = oleDirectory(b);
  return names.some((w) => containsUtf16(b, w) || containsUtf16(dir, w));
}

/** An OLE compound file holding an encrypted OOXML package (a workbook with a password to open). */
export function isEncryptedPackage(b: Uint8Array): boolean {
  return hasStream(b, ["EncryptionInfo", "EncryptedPackage"]);
}

/** An OLE compound file holding an Excel workbook stream (BIFF8 "Workbook", BIFF5 "Book"). */
export function hasWorkbookStream(b: Uint8Array): boolean {
  // Stream names compare without case: some writers spell them "WORKBOOK" or "BOOK".
  return hasStream(b, ["Workbook", "WORKBOOK", "workbook", "Book", "BOOK", "book"]);
}

function refuse(code: "encrypted" | "notXlsx", file: string): never {
  const m = code === "encrypted" ? fileMessages.encrypted : fileMessages.notSpreadsheet;
  throw new XlsxError(code, file, m.vi, m.en);
}

/**
 * A zip's directory, checked before anything is inflated: entry count and the sizes it
 * declares (a first, cheap refusal; the reader still counts what it really inflates).
 */
export function inspectZip(bytes: Uint8Array, file: string, limits: XlsxLimits = DEFAULT_LIMITS): ZipEntryInfo[] {
  const entries = readZipDirectory(bytes, file);
  if (entries.length > limits.maxEntries) {
    throw new XlsxError(
      "zipBomb",
      file,
      `file nén bất thường (${entries.length} mục, tối đa ${limits.maxEntries}); từ chối mở`,
      `suspicious archive (${entries.length} entries, limit ${limits.maxEntries}); refused`,
    );
  }
  let total = 0;
  for (const e of entries) {
    total += e.uncompressed;
    const ratio = e.compressed > 0 ? e.uncompressed / e.compressed : e.uncompressed > 0 ? Infinity : 0;
    if (e.uncompressed > 10 * MB && ratio > limits.maxRatio) {
      throw new XlsxError(
        "zipBomb",
        file,
        `file nén bất thường (mục ${e.name} bung ra ${(e.uncompressed / MB).toFixed(0)} MB); từ chối mở`,
        `suspicious archive (entry ${e.name} expands to ${(e.uncompressed / MB).toFixed(0)} MB); refused`,
      );
    }
  }
  if (total > limits.maxUncompressedBytes) {
    throw new XlsxError(
      "zipBomb",
      file,
      `file nén bất thường (bung ra ${(total / MB).toFixed(0)} MB, tối đa ${Math.round(limits.maxUncompressedBytes / MB)} MB); từ chối mở`,
      `suspicious archive (expands to ${(total / MB).toFixed(0)} MB, limit ${Math.round(limits.maxUncompressedBytes / MB)} MB); refused`,
    );
  }
  return entries;
}

/**
 * Refuses anything that is not a plain, reasonably sized .xlsx (what ExcelJS may open to
 * write an annotated copy). Returns the zip entries.
 */
export function inspectXlsxBytes(bytes: Uint8Array, file: string, limits: XlsxLimits = DEFAULT_LIMITS): ZipEntryInfo[] {
  checkFileSize(bytes.length, file, limits);
  const kind = containerOf(bytes);
  if (kind === "ole") refuse(isEncryptedPackage(bytes) ? "encrypted" : "notXlsx", file);
  if (kind !== "zip") refuse("notXlsx", file);
  const entries = inspectZip(bytes, file, limits);
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  if (!names.has("[content_types].xml") || !names.has("xl/workbook.xml")) {
    const m = fileMessages.notWorkbookZip;
    throw new XlsxError("notXlsx", file, m.vi, m.en);
  }
  return entries;
}
