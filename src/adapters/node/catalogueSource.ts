/**
 * Node side of catalogue loading, for the command line and tests: reads a catalogue from
 * a file or an http(s) URL with size and time limits, then hands the text to the pure
 * loader. (The task pane reads files and URLs itself and calls parseCatalogue directly.)
 */
import { promises as fsp } from "fs";
import { fileURLToPath } from "url";
import { MAX_CATALOGUE_BYTES, parseCatalogue } from "../../catalogue/loader";
import type { CatalogueResult } from "../../catalogue/loader";

export interface CatalogueSourceOptions {
  /** Largest accepted size in bytes; defaults to the loader's limit. */
  maxBytes?: number;
  /** Time allowed for a URL download, in milliseconds. */
  timeoutMs?: number;
}

export const DEFAULT_FETCH_TIMEOUT_MS = 15000;

/** Reads and checks a catalogue from a file path, a file: URL or an http(s) URL. */
export async function readCatalogueSource(pathOrUrl: string, options: CatalogueSourceOptions = {}): Promise<CatalogueResult> {
  const maxBytes = options.maxBytes ?? MAX_CATALOGUE_BYTES;
  if (/^https?:\/\//i.test(pathOrUrl)) return readUrl(pathOrUrl, maxBytes, options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS);
  if (/^file:\/\//i.test(pathOrUrl)) {
    let file: string;
    try {
      file = fileURLToPath(pathOrUrl);
    } catch {
      return fail(`Địa chỉ tệp "${pathOrUrl}" không hợp lệ.`, `The file URL "${pathOrUrl}" is not valid.`);
    }
    return readFile(file, maxBytes);
  }
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(pathOrUrl)) {
    return fail(
      `Không đọc được danh mục từ "${pathOrUrl}": chỉ hỗ trợ tệp trên máy hoặc địa chỉ http/https.`,
      `Cannot read a catalogue from "${pathOrUrl}": only local files and http/https addresses are supported.`,
    );
  }
  return readFile(pathOrUrl, maxBytes);
}

async function readFile(file: string, maxBytes: number): Promise<CatalogueResult> {
  let size: number;
  try {
    const st = await fsp.stat(file);
    if (!st.isFile()) return fail(`"${file}" không phải là một tệp.`, `"${file}" is not a file.`);
    size = st.size;
  } catch (e) {
    return ioFailure(file, e);
  }
  // Checked before reading so a huge file is never loaded into memory.
  if (size > maxBytes) {
    return fail(
      `Tệp danh mục "${file}" quá lớn (${size} byte); tối đa ${maxBytes} byte.`,
      `The catalogue file "${file}" is too large (${size} bytes); the limit is ${maxBytes} bytes.`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await fsp.readFile(file);
  } catch (e) {
    return ioFailure(file, e);
  }
  if (bytes.length > maxBytes) {
    // The file grew between stat and read.
    return fail(`Tệp danh mục "${file}" quá lớn; tối đa ${maxBytes} byte.`, `The catalogue file "${file}" is too large; the limit is ${maxBytes} bytes.`);
  }
  return decodeAndParse(bytes, file);
}

async function readUrl(url: string, maxBytes: number, timeoutMs: number): Promise<CatalogueResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let res: Response;
    try {
      res = await fetch(url, { signal: controller.signal, redirect: "follow" });
    } catch (e) {
      return netFailure(url, e, controller.signal.aborted, timeoutMs);
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return fail(
        `Không tải được danh mục từ "${url}": máy chủ trả về mã ${res.status} ${res.statusText}.`,
        `Could not download the catalogue from "${url}": the server answered ${res.status} ${res.statusText}.`,
      );
    }
    const declared = Number(res.headers.get("content-length"));
    if (isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      return fail(
        `Danh mục tại "${url}" quá lớn (${declared} byte); tối đa ${maxBytes} byte.`,
        `The catalogue at "${url}" is too large (${declared} bytes); the limit is ${maxBytes} bytes.`,
      );
    }
    // The declared length may be absent or false: count the bytes as they arrive.
    const chunks: Uint8Array[] = [];
    let total = 0;
    if (res.body) {
      const reader = res.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          total += value.length;
          if (total > maxBytes) {
            await reader.cancel().catch(() => undefined);
            return fail(
              `Danh mục tại "${url}" quá lớn: hơn ${maxBytes} byte.`,
              `The catalogue at "${url}" is too large: over ${maxBytes} bytes.`,
            );
          }
          chunks.push(value);
        }
      } catch (e) {
        return netFailure(url, e, controller.signal.aborted, timeoutMs);
      }
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return decodeAndParse(bytes, url);
  } finally {
    clearTimeout(timer);
  }
}

function decodeAndParse(bytes: Uint8Array, source: string): CatalogueResult {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail(
      `Danh mục "${source}" không phải văn bản UTF-8; hãy lưu tệp JSON với mã hóa UTF-8.`,
      `The catalogue "${source}" is not UTF-8 text; save the JSON file as UTF-8.`,
    );
  }
  return parseCatalogue(text, source);
}

function ioFailure(file: string, e: unknown): CatalogueResult {
  const code = (e as { code?: string } | null)?.code;
  if (code === "ENOENT") return fail(`Không tìm thấy tệp danh mục "${file}".`, `Catalogue file "${file}" not found.`);
  if (code === "EACCES" || code === "EPERM") {
    return fail(`Không có quyền đọc tệp danh mục "${file}".`, `No permission to read the catalogue file "${file}".`);
  }
  const msg = e instanceof Error ? e.message : String(e);
  return fail(`Không đọc được tệp danh mục "${file}": ${msg}`, `Could not read the catalogue file "${file}": ${msg}`);
}

function netFailure(url: string, e: unknown, timedOut: boolean, timeoutMs: number): CatalogueResult {
  if (timedOut) {
    return fail(
      `Hết thời gian chờ (${timeoutMs / 1000} giây) khi tải danh mục từ "${url}".`,
      `Timed out after ${timeoutMs / 1000} s downloading the catalogue from "${url}".`,
    );
  }
  const cause = (e as { cause?: { message?: string } } | null)?.cause?.message;
  const msg = (e instanceof Error ? e.message : String(e)) + (cause ? ` (${cause})` : "");
  return fail(`Không kết nối được tới "${url}": ${msg}`, `Could not connect to "${url}": ${msg}`);
}

function fail(vi: string, en: string): CatalogueResult {
  return { ok: false, errors: [{ path: "", message: { vi, en } }] };
}
