/**
 * What the reader takes from Node: SheetJS for .xls files, required on first use only (a
 * province run without .xls files, and every worker thread reading .xlsx, never loads its
 * megabyte of code), and zlib to inflate parts (faster than fflate, and it stops at a cap).
 */
import { inflateRawSync } from "zlib";
import type { SheetJsModule } from "./reader/xls";

export function nodeInflateRaw(data: Uint8Array, maxOut: number): Uint8Array {
  return inflateRawSync(data, { maxOutputLength: Math.max(1, maxOut) });
}

let lib: SheetJsModule | undefined;

export function loadSheetJs(): SheetJsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!lib) lib = require("@e965/xlsx") as SheetJsModule;
  return lib;
}
