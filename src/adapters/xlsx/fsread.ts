/** Reading a workbook file from disk, refusing files that are too large before reading them. */
import { promises as fs } from "fs";
import { basename } from "path";
import { XlsxError } from "./errors";
import { DEFAULT_LIMITS, checkFileSize, type XlsxLimits } from "./guard";

export async function readFileBytes(path: string, limits: XlsxLimits = DEFAULT_LIMITS, name = basename(path)): Promise<Buffer> {
  let size: number;
  try {
    const st = await fs.stat(path);
    if (!st.isFile()) throw new Error("not a file");
    size = st.size;
  } catch {
    throw new XlsxError("notFound", name, "không tìm thấy file", "file not found");
  }
  checkFileSize(size, name, limits);
  return fs.readFile(path);
}
