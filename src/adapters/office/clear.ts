/**
 * Clear: undo exactly what the records say the add-in wrote — the fill each marked cell
 * had comes back, the notes the add-in added go, its status texts are emptied — and
 * nothing else. User values are never written.
 */
import type { Text2 } from "../../catalogue/types";
import type { CellAddress, CellValue, SheetSnapshot, WorkbookSnapshot } from "../../engine/types";
import { SHEET_NAMES } from "../../engine/layout";
import { STATUS_TEXT, TREND_TEXT } from "../../engine/status";
import { AddinMetadata, decodeMetadata, emptyMetadata } from "../../engine/metadata";
import { a1, rangeA1 } from "./a1";
import { columnRuns, metaSheet, ownsStatusCell, protectionOptions, queueMetadata, queueRestoreFill, snapshotValue } from "./apply";
import { Capabilities, hostCapabilities } from "./capabilities";
import { ACTIONS, AddinError, ErrorContext } from "./errors";
import { queueMarkFills, stillMarked } from "./marks";
import { readSheetListWithMarks, resolveVaults } from "./read";
import { timed } from "./sync";

export interface ClearResult {
  fillsRestored: number;
  notesRemoved: number;
  statusCleared: number;
  syncs: number;
  message: Text2;
}

/**
 * The records, with the fills of their format copies read in the same sync (≥1.9), and
 * the values of the sheets named in `valuesOf` (what the recorded cells hold now; only A1
 * with `firstCellOnly`, enough to recognise a results sheet).
 */
export async function readMetadata(
  context: Excel.RequestContext,
  exists: boolean,
  caps: Capabilities,
  valuesOf: string[] = [],
  firstCellOnly = false,
): Promise<{ meta: AddinMetadata; rowCount: number; values: WorkbookSnapshot }> {
  const values: WorkbookSnapshot = { sheets: [], previousMarks: [] };
  if (!exists) return { meta: emptyMetadata(), rowCount: 0, values };
  const used = context.workbook.worksheets.getItem(SHEET_NAMES.meta).getUsedRange();
  used.load("values,rowIndex,columnIndex,rowCount");
  const fills = caps.cellProperties ? used.getCellProperties({ format: { fill: { color: true } } }) : null;
  const others = valuesOf.map((name) => {
    const ws = context.workbook.worksheets.getItem(name);
    const r = firstCellOnly ? ws.getRange("A1") : ws.getUsedRange();
    r.load("values,rowIndex,columnIndex");
    return { name, r };
  });
  await timed(context.sync(), { action: ACTIONS.clear, sheet: SHEET_NAMES.meta });
  for (const { name, r } of others) values.sheets.push({ name, origin: { row: r.rowIndex, col: r.columnIndex }, values: r.values as CellValue[][] } as SheetSnapshot);
  const meta = decodeMetadata(used.values as CellValue[][]);
  if (fills) {
    const colors = fills.value.map((r) => r.map((c) => (c.format && c.format.fill && c.format.fill.color ? String(c.format.fill.color) : "#FFFFFF")));
    resolveVaults(meta, { origin: { row: used.rowIndex, col: used.columnIndex }, colors });
  }
  return { meta, rowCount: used.rowIndex + used.rowCount, values };
}

/** The engine's own status wordings: what a record written before texts were kept begins with. */
const STATUS_WORDINGS: string[] = [STATUS_TEXT, TREND_TEXT].flatMap((group) => Object.keys(group).flatMap((k) => [(group as Record<string, Text2>)[k].vi, (group as Record<string, Text2>)[k].en]));

const RESULTS_NAME = new RegExp(`^${SHEET_NAMES.results}( \\(\\d+\\))?$`);

/** The values of recorded status cells, one range per run of a column, in one sync. */
async function readStatusCells(context: Excel.RequestContext, cells: CellAddress[], names: Set<string>): Promise<WorkbookSnapshot> {
  const reads = columnRuns(cells.filter((c) => names.has(c.sheet))).map((run) => {
    const r = context.workbook.worksheets.getItem(run.sheet).getRange(rangeA1({ row: run.row, col: run.col, rowCount: run.items.length, colCount: 1 }));
    r.load("values");
    return { run, r };
  });
  await timed(context.sync(), { action: ACTIONS.clear });
  return {
    sheets: reads.map(({ run, r }) => ({ name: run.sheet, origin: { row: run.row, col: run.col }, values: r.values as CellValue[][] }) as SheetSnapshot),
    previousMarks: [],
  };
}

export async function clearMarks(context: Excel.RequestContext, caps: Capabilities = hostCapabilities()): Promise<ClearResult> {
  // The records and our notes come with the sheet list, so the next read has the recorded cells' fills.
  const { sheets, pre } = await readSheetListWithMarks(context, caps);
  let syncs = 1;
  const names = new Set(sheets.map((s) => s.name));
  const metaExists = names.has(SHEET_NAMES.meta);
  // The report sheets' values come in the same sync, to see which status cells still hold our
  // text (results sheets, never holding status cells, are left out of the request).
  const others = metaExists ? sheets.filter((s) => s.name !== SHEET_NAMES.meta && !RESULTS_NAME.test(s.name)).map((s) => s.name) : [];
  let read: Awaited<ReturnType<typeof readMetadata>>;
  const queueFills = () => (metaExists ? queueMarkFills(context, pre.marks, names) : () => new Map<string, string>());
  let markFills = queueFills();
  try {
    read = await readMetadata(context, metaExists, caps, others);
    if (metaExists) syncs++;
  } catch (e) {
    if (!(e instanceof AddinError) || e.code !== "RequestPayloadSizeLimitExceeded") throw e;
    // Too big for one request: the records first, then only the recorded cells.
    markFills = queueFills();
    read = await readMetadata(context, metaExists, caps);
    read.values = await readStatusCells(context, read.meta.statusCells ?? [], names);
    syncs += 3;
  }
  const { meta, rowCount, values } = read;
  // Fills known only for the records read with the sheet list (≥1.4); others are undone as recorded.
  const fills = pre.marks ? markFills() : undefined;
  // A recorded cell that holds something else now (a column was inserted, the user typed there) is the user's.
  const statusCells = (meta.statusCells ?? []).filter((c) => {
    const current = snapshotValue(values, c.sheet, c.row, c.col);
    return c.text !== undefined ? ownsStatusCell(c, current) : current !== null && STATUS_WORDINGS.some((w) => String(current).startsWith(w));
  });
  if (meta.marks.length === 0 && (meta.statusCells ?? []).length === 0) {
    return { fillsRestored: 0, notesRemoved: 0, statusCleared: 0, syncs, message: { vi: "Không có đánh dấu nào cần xóa.", en: "There are no marks to clear." } };
  }

  const cache = new Map<string, Excel.Worksheet>();
  const ws = (name: string) => {
    let w = cache.get(name);
    if (!w) {
      w = context.workbook.worksheets.getItem(name);
      cache.set(name, w);
    }
    return w;
  };
  const touched = new Set<string>();
  meta.marks.forEach((m) => touched.add(m.sheet));
  statusCells.forEach((c) => touched.add(c.sheet));
  const ours = caps.protection
    ? sheets.filter((s) => s.protected && touched.has(s.name) && meta.sheets.some((m) => m.name === s.name && m.protectedByAddin)).map((s) => s.name)
    : [];
  for (const n of ours) ws(n).protection.unprotect();

  let fillsRestored = 0;
  let notesRemoved = 0;
  let statusCleared = 0;
  // Our notes, found by their text wherever they are now: never deleted by a recorded address.
  if (pre.ourNotes) {
    for (const n of pre.ourNotes) n.delete();
    notesRemoved += pre.ourNotes.length;
  }
  for (const m of meta.marks) {
    // A sheet deleted since the check has nothing left to undo.
    if (!names.has(m.sheet)) continue;
    // A cell no longer in a mark colour is not the one marked (rows or columns were inserted): left alone.
    if (!stillMarked(m, fills)) continue;
    const addr = a1(m.row, m.col);
    queueRestoreFill(ws(m.sheet).getRange(addr), m.previousFill);
    fillsRestored++;
    if (pre.ourNotes) continue;
    if (m.hadNote && m.noteKind === "note" && caps.notes) {
      ws(m.sheet).notes.getItem(addr).delete();
      notesRemoved++;
    } else if (m.hadNote && m.noteKind === "comment" && caps.comments) {
      ws(m.sheet).comments.getItemByCell(addr).delete();
      notesRemoved++;
    }
  }
  for (const c of statusCells) {
    if (!names.has(c.sheet)) continue;
    ws(c.sheet).getRange(a1(c.row, c.col)).clear("Contents");
    statusCleared++;
  }
  for (const n of ours) ws(n).protection.protect(protectionOptions());

  const next: AddinMetadata = { ...meta, marks: [], statusCells: [] };
  const metaWs = metaSheet(context, metaExists);
  for (const m of meta.marks) if (m.vault) metaWs.getRange(m.vault).clear("Formats");
  queueMetadata(context, next, { exists: metaExists, rowCount }, metaWs);

  const errCtx: ErrorContext = { action: ACTIONS.clear };
  const userProtected = sheets.find((s) => s.protected && touched.has(s.name) && ours.indexOf(s.name) < 0);
  if (userProtected) errCtx.sheet = userProtected.name;
  else if (ours.length) errCtx.sheet = ours.join(", ");
  await timed(context.sync(), errCtx);
  syncs++;
  return {
    fillsRestored,
    notesRemoved,
    statusCleared,
    syncs,
    message: {
      vi: `Đã xóa ${fillsRestored} ô đánh dấu, ${notesRemoved} ghi chú và ${statusCleared} ô tình trạng do phần bổ trợ ghi.`,
      en: `Cleared ${fillsRestored} marked cells, ${notesRemoved} notes and ${statusCleared} status cells the add-in wrote.`,
    },
  };
}
