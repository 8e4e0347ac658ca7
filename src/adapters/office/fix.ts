/**
 * One-click fixes written into the live workbook (the fixes themselves are planned by the
 * engine, engine/fix). Each fix is written only if its cell still holds what the check saw:
 * a cell changed since (typed over, a row inserted above it) is refused as stale, by name;
 * a protected sheet is never touched and named. Every applied fix is recorded in NQ24_Meta
 * — the records go first in the batch, so a batch Excel stops half way never leaves a
 * written cell without its record.
 *
 * Sync budget: the read of the sheet list, records and the fixes' sheets (2, as a check's
 * read: read.ts), then the writes (1, more only for thousands of fixes past one request).
 * Nothing here protects, unprotects, hides or renames: undo history stays the user's, and
 * the use case asks for one undo group (ExcelApi 1.20).
 */
import { SHEET_NAMES } from "../../engine/layout";
import type { AddinMetadata, FixRecord } from "../../engine/metadata";
import { fixRecord, fixTargets, sameContent, type Fix, type FixTarget } from "../../engine/fix";
import type { CellValue, WorkbookSnapshot } from "../../engine/types";
import { pathBytes, sheetNamed, syncInBatches, textBlockBytes, type Write, writeRange } from "./batch";
import type { Capabilities } from "./capabilities";
import { ACTIONS } from "./errors";
import { readWorkbook } from "./read";
import { metaSheetWrites, metaWrites } from "./records";

/** Why a fix was not written. */
export type FixRefusal = "stale" | "protected" | "missingSheet";

export interface RefusedFix {
  fix: Fix;
  why: FixRefusal;
  /** The cell that changed (stale), or the sheet (protected, missing). */
  where: string;
  /** What the changed cell holds now (stale). */
  now?: CellValue;
}

export interface ApplyFixesResult {
  applied: Fix[];
  refused: RefusedFix[];
  syncs: number;
  /** The records as written (with this run's fixes). */
  meta: AddinMetadata;
}

export interface ApplyFixesOptions {
  caps: Capabilities;
  /** When the fixes were applied (recorded); now by default. */
  now?: Date;
}

function cellAt(snapshot: WorkbookSnapshot, t: FixTarget): { value: CellValue; numberFormat: string } | null {
  const s = snapshot.sheets.find((x) => x.name === t.sheet);
  if (!s) return null;
  const i = t.row - s.origin.row;
  const j = t.col - s.origin.col;
  const v = i >= 0 && j >= 0 ? s.values[i]?.[j] : undefined;
  if (v === undefined) return { value: null, numberFormat: i >= 0 && j >= 0 ? (s.numberFormats[i]?.[j] ?? "General") : "General" };
  return { value: v === "" ? null : v, numberFormat: s.numberFormats[i]?.[j] ?? "General" };
}

/** Text Excel would read as a number, date, boolean or formula when typed into a cell that is not formatted as text. */
const RE_REINTERPRETED = /^[=+\-@']|^[\d\s.,:/%$€₫-]+$|^(true|false)$/i;

/** The value as written through range.values: text that Excel would turn into something else gets the apostrophe a user would type. */
export function valueToWrite(value: CellValue, numberFormat: string): CellValue | string {
  if (value === null) return "";
  if (typeof value === "string" && numberFormat !== "@" && RE_REINTERPRETED.test(value)) return `'${value}`;
  return value;
}

function shownValue(v: CellValue): string {
  return v === null ? "" : String(v);
}

function cellWrite(context: Excel.RequestContext, t: FixTarget): Write {
  const fmt = t.after.numberFormat ?? t.before.numberFormat;
  const values = [[valueToWrite(t.after.value, fmt)]];
  const formats = t.after.numberFormat !== undefined ? [[t.after.numberFormat]] : null;
  return {
    bytes: pathBytes(t.sheet) + textBlockBytes(t.cell, values, formats ?? ""),
    queue: () => {
      const range = writeRange(context, sheetNamed(context, t.sheet), t.cell);
      // The format first: "2/2" written into a text cell stays text.
      if (formats) range.numberFormat = formats;
      range.values = values;
    },
  };
}

/**
 * Reads the fixes' cells, refuses the stale and the protected, writes the rest with their
 * records. The caller checks again afterwards (usecases/office.ts applyFixesInExcel).
 */
export async function applyFixes(context: Excel.RequestContext, fixes: Fix[], opts: ApplyFixesOptions): Promise<ApplyFixesResult> {
  const { caps } = opts;
  const sheetsWanted = Array.from(new Set(fixes.reduce<string[]>((acc, fx) => acc.concat(fixTargets(fx).map((t) => t.sheet)), [])));
  const read = await readWorkbook(context, { caps, onlySheets: sheetsWanted });
  const info = new Map(read.sheets.map((s) => [s.name, s]));
  const applied: Fix[] = [];
  const refused: RefusedFix[] = [];
  const taken = new Set<string>();
  for (const fx of fixes) {
    const targets = fixTargets(fx);
    const missing = targets.find((t) => !info.has(t.sheet));
    if (missing) {
      refused.push({ fix: fx, why: "missingSheet", where: missing.sheet });
      continue;
    }
    const locked = targets.find((t) => info.get(t.sheet)?.protected);
    if (locked) {
      refused.push({ fix: fx, why: "protected", where: locked.sheet });
      continue;
    }
    const stale = targets.find((t) => {
      const now = cellAt(read.snapshot, t);
      return !now || !sameContent(t.before, now) || taken.has(`${t.sheet}!${t.cell}`);
    });
    if (stale) {
      refused.push({ fix: fx, why: "stale", where: `${stale.sheet}!${stale.cell}`, now: cellAt(read.snapshot, stale)?.value ?? null });
      continue;
    }
    for (const t of targets) taken.add(`${t.sheet}!${t.cell}`);
    applied.push(fx);
  }
  if (!applied.length) return { applied, refused, syncs: read.syncs, meta: read.meta };

  const at = (opts.now ?? new Date()).toISOString();
  const records: FixRecord[] = [];
  for (const fx of applied) for (const t of fixTargets(fx)) records.push(fixRecord(fx, t, at));
  const meta: AddinMetadata = { ...read.meta, fixes: (read.meta.fixes ?? []).concat(records) };
  const exists = read.sheets.some((s) => s.name === SHEET_NAMES.meta);
  const writes: Write[] = [
    // Records first: Excel does not roll a batch back.
    ...metaSheetWrites(context, { exists, rowCount: read.metaRowCount }, caps, false),
    ...metaWrites(context, meta, { exists, rowCount: read.metaRowCount }),
  ];
  for (const fx of applied) for (const t of fixTargets(fx)) writes.push(cellWrite(context, t));
  const syncs = await syncInBatches(context, writes, caps, { action: ACTIONS.fix });
  return { applied, refused, syncs: read.syncs + syncs, meta };
}

/** Why a fix was not written, in both languages, naming the cell or sheet. */
export function refusalText(r: RefusedFix): { vi: string; en: string } {
  const cell = `${r.fix.sheet}!${r.fix.cell}`;
  switch (r.why) {
    case "stale":
      return {
        vi: `Không sửa ${cell}: ô ${r.where} đã thay đổi từ lần kiểm tra trước (nay là “${shownValue(r.now ?? null)}”). Hãy kiểm tra lại rồi sửa.`,
        en: `${cell} not fixed: cell ${r.where} changed since the check (it now holds “${shownValue(r.now ?? null)}”). Check again, then fix.`,
      };
    case "protected":
      return { vi: `Không sửa ${cell}: trang “${r.where}” đang được bảo vệ; phần bổ trợ không bỏ bảo vệ.`, en: `${cell} not fixed: sheet “${r.where}” is protected; the add-in never unprotects it.` };
    default:
      return { vi: `Không sửa ${cell}: không còn trang “${r.where}”.`, en: `${cell} not fixed: sheet “${r.where}” is gone.` };
  }
}
