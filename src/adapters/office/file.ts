/**
 * The open workbook as the bytes of an .xlsx file: Office's `Document.getFileAsync` with
 * `Office.FileType.Compressed` hands the file over in slices (at most 4 MB each), which are
 * read one after the other and joined. The file is always closed again: Office allows only
 * two open at once, and an unclosed one blocks the next "Gửi tỉnh".
 *
 * Requirement set CompressedFile (Office common API, not ExcelApi): present in Excel on
 * Windows, Mac and the web; the function is looked for before it is called.
 */
import type { Text2 } from "../../catalogue/types";
import { AddinError } from "./errors";

/** The parts of Office.Document and Office.File used here (tests hand in their own). */
export interface DocumentLike {
  getFileAsync?: (fileType: string, options: { sliceSize: number }, callback: (r: AsyncResultLike<FileLike>) => void) => void;
}

export interface FileLike {
  size: number;
  sliceCount: number;
  getSliceAsync(index: number, callback: (r: AsyncResultLike<{ data: ArrayLike<number> | ArrayBuffer; index: number }>) => void): void;
  closeAsync(callback?: (r: AsyncResultLike<void>) => void): void;
}

export interface AsyncResultLike<T> {
  status: "succeeded" | "failed" | string;
  value: T;
  error?: { code?: number; name?: string; message?: string };
}

/** 4 MB: the largest slice Office hands out outside the iPad. */
export const SLICE_SIZE = 4 * 1024 * 1024;
/** A report workbook is a few hundred kilobytes; past this something is wrong. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

const TEXT = {
  unsupported: {
    vi: "Excel này không cho phép add-in lấy nội dung tệp (cần bộ chức năng CompressedFile). Hãy dùng Tệp › Lưu thành, rồi chạy `nq24 export` trên tệp đã lưu.",
    en: "This Excel does not let add-ins read the file (needs the CompressedFile set). Use File › Save As, then run `nq24 export` on the saved file.",
  },
  failed: (why: string): Text2 => ({
    vi: `Không lấy được nội dung sổ làm việc để gửi tỉnh (${why}). Hãy lưu sổ làm việc rồi thử lại.`,
    en: `Could not read the workbook to send it (${why}). Save the workbook and try again.`,
  }),
  tooBig: (mb: number): Text2 => ({
    vi: `Sổ làm việc quá lớn để gửi (${mb} MB, tối đa ${MAX_FILE_BYTES / 1048576} MB).`,
    en: `The workbook is too big to send (${mb} MB, at most ${MAX_FILE_BYTES / 1048576} MB).`,
  }),
};

function why(r: AsyncResultLike<unknown>): string {
  const e = r.error;
  return e ? [e.name, e.message].filter((x) => x).join(": ") || `code ${e.code}` : "unknown";
}

function toBytes(data: ArrayLike<number> | ArrayBuffer): Uint8Array {
  // Office gives a plain array of byte values on most hosts, an ArrayBuffer on some.
  return data instanceof ArrayBuffer ? new Uint8Array(data) : Uint8Array.from(data as ArrayLike<number>);
}

/** True when this Office can hand over the open file. */
export function canReadFile(doc: DocumentLike | undefined): boolean {
  return !!doc && typeof doc.getFileAsync === "function";
}

/** The open workbook as .xlsx bytes ("Compressed" is Office.FileType.Compressed). */
export function readOpenWorkbook(doc: DocumentLike | undefined, sliceSize = SLICE_SIZE): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    if (!doc || typeof doc.getFileAsync !== "function") {
      reject(new AddinError("ApiNotFound", TEXT.unsupported));
      return;
    }
    doc.getFileAsync("compressed", { sliceSize }, (opened) => {
      if (opened.status !== "succeeded") {
        reject(new AddinError("Unknown", TEXT.failed(why(opened))));
        return;
      }
      const file = opened.value;
      const finish = (error: AddinError | null, bytes?: Uint8Array) => {
        // Closed whatever happened; a failed close changes nothing for the user.
        file.closeAsync(() => (error ? reject(error) : resolve(bytes as Uint8Array)));
      };
      if (file.size > MAX_FILE_BYTES) {
        finish(new AddinError("Unknown", TEXT.tooBig(Math.round(file.size / 1048576))));
        return;
      }
      const parts: Uint8Array[] = [];
      let total = 0;
      const next = (i: number) => {
        if (i >= file.sliceCount) {
          const out = new Uint8Array(total);
          let at = 0;
          for (const p of parts) {
            out.set(p, at);
            at += p.length;
          }
          finish(null, out);
          return;
        }
        file.getSliceAsync(i, (r) => {
          if (r.status !== "succeeded") {
            finish(new AddinError("Unknown", TEXT.failed(why(r))));
            return;
          }
          const bytes = toBytes(r.value.data);
          total += bytes.length;
          if (total > MAX_FILE_BYTES) {
            finish(new AddinError("Unknown", TEXT.tooBig(Math.round(total / 1048576))));
            return;
          }
          parts.push(bytes);
          next(i + 1);
        });
      };
      next(0);
    });
  });
}

/** Office's document in the running pane; undefined outside Office (tests, a plain browser). */
export function hostDocument(): DocumentLike | undefined {
  // IE11 has no globalThis: test the global with typeof.
  const office = typeof Office !== "undefined" ? Office : undefined;
  return office && office.context ? (office.context.document as unknown as DocumentLike) : undefined;
}
