/**
 * One-click fixes written into an ExcelJS workbook (the copy `nq24 fix` makes): each fix's
 * cells get their new value and, where it changes, number format; every written cell is
 * recorded in NQ24_Meta as Excel would record it, so the add-in and the command line keep
 * one history. Text is written as text (ExcelJS never makes a formula of a string).
 */
import type * as ExcelJS from "exceljs";
import { SHEET_NAMES } from "../../engine/layout";
import { emptyMetadata, type AddinMetadata, type FixRecord } from "../../engine/metadata";
import { readRecords } from "./applyPlan";
import { fixRecord, fixTargets, type Fix, type FixTarget } from "../../engine/fix";
import { setLiteral, writeMetaSheet } from "./write";

function recordsOf(wb: ExcelJS.Workbook): AddinMetadata {
  const meta = wb.getWorksheet(SHEET_NAMES.meta);
  return meta ? readRecords(meta) : emptyMetadata();
}

function writeTarget(cell: ExcelJS.Cell, t: FixTarget): void {
  // A loaded cell shares its style with others of the same look: its own copy before the format changes.
  if (t.after.numberFormat !== undefined) {
    cell.style = { ...cell.style };
    cell.numFmt = t.after.numberFormat;
  }
  setLiteral(cell, t.after.value);
}

/** Writes the fixes whose sheets exist; returns those written. */
export function applyFixesToWorkbook(wb: ExcelJS.Workbook, fixes: Fix[], now: Date = new Date()): Fix[] {
  const written: Fix[] = [];
  const records: FixRecord[] = [];
  const at = now.toISOString();
  for (const fx of fixes) {
    const targets = fixTargets(fx);
    if (!targets.every((t) => wb.getWorksheet(t.sheet))) continue;
    for (const t of targets) {
      writeTarget((wb.getWorksheet(t.sheet) as ExcelJS.Worksheet).getCell(t.row + 1, t.col + 1), t);
      records.push(fixRecord(fx, t, at));
    }
    written.push(fx);
  }
  if (records.length) {
    const meta = recordsOf(wb);
    writeMetaSheet(wb, { ...meta, fixes: (meta.fixes ?? []).concat(records) });
  }
  return written;
}
