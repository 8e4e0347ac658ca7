/**
 * Checks the bytes of a supposed .xlsx before any zip library inflates them: a wrong
 * file type, an encrypted workbook or a zip bomb must be refused with a clear message,
 * not crash the process or exhaust its memory. Works on a plain Uint8Array so the task
 * pane can use it on picked files as well.
 */
import { XlsxError } from "./errors";

export interface XlsxLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest total uncompressed size declared by the zip directory. */
  maxUncompressedBytes: number;
  maxEntries: number;
  /** Largest compression ratio accepted for a single large entry. */
  maxRatio: number;
}

export const DEFAULT_LIMITS: XlsxLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 200 * 1024 * 1024,
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
  uncompressed: number;
}

/** Reads the zip central directory; throws XlsxError("corrupt") when it is not readable. */
export function readZipDirectory(bytes: Uint8Array, file: string): ZipEntryInfo[] {
  const corrupt = (why: string) =>
    new XlsxError("corrupt", file, `file .xlsx bị hỏng (${why})`, `corrupted .xlsx file (${why})`);
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt("không tìm thấy thư mục zip / no zip directory");
  let count = u16(bytes, eocd + 10);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    // Zip64: the locator sits just before the classic record.
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== 0x07064b50) throw corrupt("zip64");
    const rec = u64(bytes, loc + 8);
    if (rec + 56 > bytes.length || u32(bytes, rec) !== 0x06064b50) throw corrupt("zip64");
    count = u64(bytes, rec + 32);
    cdOffset = u64(bytes, rec + 48);
  }
  if (cdOffset >= bytes.length) throw corrupt("thư mục zip sai vị trí / bad directory offset");
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw corrupt("mục zip hỏng / bad zip entry");
    let compressed = u32(bytes, p + 20);
    let uncompressed = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    let name = "";
    for (let k = 0; k < nameBytes.length; k++) name += String.fromCharCode(nameBytes[k]);
    if (uncompressed === 0xffffffff || compressed === 0xffffffff) {
      // Zip64 extended information extra field (id 0x0001) carries the real sizes.
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = u16(bytes, e);
        const size = u16(bytes, e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (uncompressed === 0xffffffff) { uncompressed = u64(bytes, q); q += 8; }
          if (compressed === 0xffffffff) { compressed = u64(bytes, q); }
          break;
        }
        e += 4 + size;
      }
    }
    entries.push({ name, compressed, uncompressed });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Refuses anything that is not a plain, reasonably sized .xlsx. Returns the zip entries
 * so callers can look for parts.
 */
export function inspectXlsxBytes(bytes: Uint8Array, file: string, limits: XlsxLimits = DEFAULT_LIMITS): ZipEntryInfo[] {
  checkFileSize(bytes.length, file, limits);
  const b = bytes;
  if (b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1 && b[6] === 0x1a && b[7] === 0xe1) {
    // An OLE compound file: an encrypted .xlsx (it carries an EncryptionInfo stream) or a legacy .xls.
    if (containsUtf16(b, "EncryptionInfo") || containsUtf16(b, "EncryptedPackage")) {
      throw new XlsxError(
        "encrypted",
        file,
        "file có mật khẩu (đã mã hóa); hãy bỏ mật khẩu rồi gửi lại",
        "password-protected (encrypted) file; remove the password and send it again",
      );
    }
    throw new XlsxError(
      "legacyXls",
      file,
      "file có mật khẩu hoặc là định dạng .xls cũ; hãy mở bằng Excel, bỏ mật khẩu và lưu thành .xlsx",
      "password-protected file or old .xls format; open it in Excel, remove any password and save as .xlsx",
    );
  }
  if (!(b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06))) {
    throw new XlsxError(
      "notXlsx",
      file,
      "không phải file Excel .xlsx",
      "not an Excel .xlsx file",
    );
  }
  const entries = readZipDirectory(b, file);
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
  const names = new Set(entries.map((e) => e.name));
  if (!names.has("[Content_Types].xml") || !names.has("xl/workbook.xml")) {
    throw new XlsxError(
      "notXlsx",
      file,
      "file nén này không phải sổ tính Excel .xlsx",
      "this archive is not an Excel .xlsx workbook",
    );
  }
  return entries;
}
