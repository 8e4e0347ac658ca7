/**
 * What to do next when a file is not what a command needs: a Word or PDF file where a
 * workbook is expected, an .xls or .ods where only an .xlsx will do, an output name
 * without .xlsx, a folder given to `check`, a name that is one slip away from a file that
 * exists.
 */
import { readdirSync, statSync } from "fs";
import { basename, dirname, extname, join } from "path";
import type { Text2 } from "../catalogue/types";
import { L2 } from "./command";
import { closest } from "./suggest";

const DOCUMENTS = [".docx", ".doc", ".odt", ".rtf", ".txt"];

/** Why a file named where a workbook is expected cannot be one, and what to do instead. */
export function notWorkbookHint(path: string): Text2 | undefined {
  const ext = extname(path).toLowerCase();
  const name = basename(path);
  if (DOCUMENTS.indexOf(ext) >= 0) {
    return L2(
      `“${name}” là văn bản, không phải sổ tính. Để đối chiếu văn bản báo cáo với phụ lục: nq24 check <bao-cao.xlsx> --report ${name}`,
      `“${name}” is a document, not a workbook. To cross-check the written report against the appendices: nq24 check <report.xlsx> --report ${name}`,
    );
  }
  if (ext === ".pdf") {
    return L2(
      `không kiểm tra được file PDF: cần file Excel (.xlsx) của phụ lục — hãy xin đơn vị gửi file .xlsx`,
      `a PDF cannot be checked: the appendices' Excel file (.xlsx) is needed — ask the district for the .xlsx`,
    );
  }
  if (ext === ".csv") return saveAsXlsx(name);
  return undefined;
}

/** "Open it in Excel and save it as .xlsx", for a format a command cannot write from. */
export function saveAsXlsx(name: string): Text2 {
  return L2(
    `hãy mở “${name}” bằng Excel, chọn Tệp → Lưu thành → Sổ làm việc Excel (.xlsx), rồi chạy lại lệnh với file .xlsx`,
    `open “${name}” in Excel, choose File → Save As → Excel Workbook (.xlsx), then run the command again on the .xlsx`,
  );
}

/** Formats the reader opens for checking, but from which no copy can be written. */
export function isReadOnlyFormat(path: string): boolean {
  return [".xls", ".ods"].indexOf(extname(path).toLowerCase()) >= 0;
}

/** An output name that is not .xlsx: the same name with .xlsx. */
export function outputNameHint(name: string): Text2 {
  const ext = extname(name);
  const fixed = (ext ? name.slice(0, -ext.length) : name) + ".xlsx";
  return L2(`nq24 chỉ ghi file .xlsx: dùng “${fixed}”`, `nq24 writes .xlsx files only: use “${fixed}”`);
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A file next to a missing one whose name is one or two slips away ("bao-cao.xslx" → "bao-cao.xlsx"). */
export function similarFile(path: string): string | undefined {
  const dir = dirname(path);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => !n.startsWith("~$"));
  } catch {
    return undefined;
  }
  const near = closest(basename(path), names);
  return near ? (dir === "." && !/^\.[\\/]/.test(path) ? near : join(dir, near)) : undefined;
}

export function similarFileHint(path: string): Text2 | undefined {
  const near = similarFile(path);
  return near ? L2(`có phải ý bạn là “${near}”?`, `did you mean “${near}”?`) : undefined;
}
