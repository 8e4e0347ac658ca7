/**
 * SheetJS for .xls files in Node, required on first use only: a province run without
 * .xls files (and every worker thread reading .xlsx) never loads its megabyte of code.
 */
import type { SheetJsModule } from "./reader/xls";

let lib: SheetJsModule | undefined;

export function loadSheetJs(): SheetJsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!lib) lib = require("@e965/xlsx") as SheetJsModule;
  return lib;
}
