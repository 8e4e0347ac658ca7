/**
 * The user's correction of what a column holds, kept in NQ24_Meta with the add-in's other
 * records, so every later check (in Excel, by nq24 check, in the province's consolidation)
 * reads the column that way. Sync budget: 3 (the sheet list; the records; the writes), in
 * the caller's one Excel.run.
 */
import { SHEET_NAMES } from "../../engine/layout";
import { withOverride } from "../../engine/metadata";
import type { ColumnOverride } from "../../engine/types";
import { syncInBatches } from "./batch";
import { hostCapabilities, type Capabilities } from "./capabilities";
import { readMetadata } from "./clear";
import { ACTIONS } from "./errors";
import { metaSheetWrites, metaWrites } from "./records";
import { timed } from "./sync";

/** Which column of which table: a sheet may hold both tables. */
export type ColumnRef = Pick<ColumnOverride, "sheet" | "appendix" | "col">;

/** Sets (`role` given) or clears (`role` null) the override of one column; returns all the workbook's overrides and the syncs spent. */
export async function storeColumnOverride(
  context: Excel.RequestContext,
  column: ColumnRef,
  role: ColumnOverride["role"] | null,
  year?: number,
  caps: Capabilities = hostCapabilities(),
): Promise<{ overrides: ColumnOverride[]; syncs: number }> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await timed(context.sync(), { action: ACTIONS.override });
  const exists = sheets.items.some((s) => s.name === SHEET_NAMES.meta);
  const read = await readMetadata(context, exists, caps);
  const meta = { ...read.meta, columns: withOverride(read.meta.columns ?? [], column, role, year) };
  const state = { exists, rowCount: read.rowCount };
  const writes = [...metaSheetWrites(context, state, caps, false), ...metaWrites(context, meta, state)];
  const syncs = 2 + (await syncInBatches(context, writes, caps, { action: ACTIONS.override, sheet: SHEET_NAMES.meta }));
  return { overrides: meta.columns, syncs };
}
