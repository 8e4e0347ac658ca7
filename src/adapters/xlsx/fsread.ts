/**
 * Reading a workbook file from disk, refusing files that are too large before reading them.
 * Synchronous calls: for files of at most a few MB read one after another they are an
 * order of magnitude faster than the promise API's thread-pool round trips.
 */
import { readFileSync, statSync } from "fs";
import { basename } from "path";
import { XlsxError } from "./errors";
import { DEFAULT_LIMITS, checkFileSize, type XlsxLimits } from "./guard";

export async function readFileBytes(path: string, limits: XlsxLimits = DEFAULT_LIMITS, name = basename(path)): Promise<Buffer> {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error("not a file");
    size = st.size;
  } catch {
    throw new XlsxError("notFound", name, "không tìm thấy file", "file not found");
  }
  checkFileSize(size, name, limits);
  return readFileSync(path);
}
