/**
 * Clear: undo exactly what the records say the add-in wrote — the fill each marked cell
 * had comes back, the notes the add-in added go, its status texts are emptied — and
 * nothing else. User values are never written.
 *
 * Sync budget: the sheet list with the records (1), the recorded cells and the records'
 * format copies (1), the writes (1, more only when they exceed one request). The records
 * are rewritten last: a batch that stops half way leaves records that still describe what
 * is left, and the next Clear finishes the job. A protected sheet is left as it is (the
 * add-in never unprotects: that would empty Excel's undo history); its records stay.
 */
import type { Text2 } from "../../catalogue/types";
import type { CellAddress, CellValue, SheetSnapshot, WorkbookSnapshot } from "../../engine/types";
import { SHEET_NAMES } from "../../engine/layout";
import { STATUS_TEXT, TREND_TEXT } from "../../engine/status";
import { AddinMetadata, decodeMetadata, emptyMetadata, StatusRecord } from "../../engine/metadata";
import { CHECK_ID_CELL } from "../../engine/resultsSheet";
import { a1, rangeA1 } from "./a1";
import { columnRuns, ownsStatusCell, restoredFill, snapshotValue } from "./apply";
import { actionBytes, pathBytes, sheetNamed, syncInBatches, Write, writeRange } from "./batch";
import { Capabilities, hostCapabilities } from "./capabilities";
import { ACTIONS, AddinError } from "./errors";
import { queueMarkFills, queueNoteLocations, stillMarked } from "./marks";
import { queueVaultFills, readSheetListWithMarks, resolveVaults, vaultGrid } from "./read";
import { metaWrites } from "./records";
import { timed } from "./sync";

export interface ClearResult {
  fillsRestored: number;
  notesRemoved: number;
  statusCleared: number;
  /** Protected sheets whose marks were left (and stay recorded, for a Clear after unprotecting). */
  protectedSheets: string[];
  syncs: number;
  message: Text2;
}

/**
 * The records, with the fills of their format copies read in the same sync (≥1.9), and
 * the values of the sheets named in `valuesOf` (what the recorded cells hold now; only
 * A1:B3 with `headOnly`, enough to recognise a results sheet and its check id).
 */
export async function readMetadata(
  context: Excel.RequestContext,
  exists: boolean,
  caps: Capabilities,
  valuesOf: string[] = [],
  headOnly = false,
): Promise<{ meta: AddinMetadata; rowCount: number; values: WorkbookSnapshot }> {
  const values: WorkbookSnapshot = { sheets: [], previousMarks: [] };
  if (!exists) return { meta: emptyMetadata(), rowCount: 0, values };
  const used = sheetNamed(context, SHEET_NAMES.meta).getUsedRange();
  used.load("values,rowIndex,columnIndex,rowCount");
  const vault = caps.cellProperties ? queueVaultFills(used) : null;
  const others = valuesOf.map((name) => {
    const ws = sheetNamed(context, name);
    const r = headOnly ? ws.getRange(`A1:${a1(CHECK_ID_CELL.row, CHECK_ID_CELL.col)}`) : caps.protection ? ws.getUsedRange(true) : ws.getUsedRange();
    r.load("values,rowIndex,columnIndex");
    return { name, r };
  });
  await timed(context.sync(), { action: ACTIONS.clear, sheet: SHEET_NAMES.meta });
  for (const { name, r } of others) values.sheets.push({ name, origin: { row: r.rowIndex, col: r.columnIndex }, values: (r.values ?? []) as CellValue[][] } as SheetSnapshot);
  const meta = decodeMetadata(used.values as CellValue[][]);
  if (vault) resolveVaults(meta, vaultGrid(vault));
  return { meta, rowCount: used.rowIndex + used.rowCount, values };
}

/** The engine's own status wordings: what a record written before texts were kept begins with. */
const STATUS_WORDINGS: string[] = [STATUS_TEXT, TREND_TEXT].flatMap((group) => Object.keys(group).flatMap((k) => [(group as Record<string, Text2>)[k].vi, (group as Record<string, Text2>)[k].en]));

const RESULTS_NAME = new RegExp(`^${SHEET_NAMES.results}( \\(\\d+\\))?$`);

/** The values of recorded status cells, one range per run of a column, in one sync. */
async function readStatusCells(context: Excel.RequestContext, cells: CellAddress[], names: Set<string>): Promise<WorkbookSnapshot> {
  const reads = columnRuns(cells.filter((c) => names.has(c.sheet))).map((run) => {
    const r = sheetNamed(context, run.sheet).getRange(rangeA1({ row: run.row, col: run.col, rowCount: run.items.length, colCount: 1 }));
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
  const protectedNames = new Set(sheets.filter((s) => s.protected).map((s) => s.name));
  const writable = (sheet: string) => names.has(sheet) && !protectedNames.has(sheet);
  const metaExists = names.has(SHEET_NAMES.meta);
  // The report sheets' values come in the same sync, to see which status cells still hold our
  // text (results sheets, never holding status cells, are left out of the request).
  const others = metaExists ? sheets.filter((s) => s.name !== SHEET_NAMES.meta && !RESULTS_NAME.test(s.name)).map((s) => s.name) : [];
  let read: Awaited<ReturnType<typeof readMetadata>>;
  const queueFills = () => (metaExists ? queueMarkFills(context, pre.marks, names, caps) : () => new Map<string, string>());
  let markFills = queueFills();
  let locate = queueNoteLocations(pre.ourNotes);
  try {
    read = await readMetadata(context, metaExists, caps, others);
    syncs++;
  } catch (e) {
    if (!(e instanceof AddinError) || e.code !== "RequestPayloadSizeLimitExceeded") throw e;
    // Too big for one request: the records first, then only the recorded cells.
    markFills = queueFills();
    locate = queueNoteLocations(pre.ourNotes);
    read = await readMetadata(context, metaExists, caps);
    read.values = await readStatusCells(context, read.meta.statusCells ?? [], names);
    syncs += 3;
  }
  locate();
  const { meta, rowCount, values } = read;
  // Fills known only for the records read with the sheet list (≥1.4); others are undone as recorded.
  const fills = pre.marks ? markFills() : undefined;
  // A recorded cell that holds something else now (a column was inserted, the user typed there) is the user's.
  const statusOurs = (c: StatusRecord) => {
    const current = snapshotValue(values, c.sheet, c.row, c.col);
    return c.text !== undefined ? ownsStatusCell(c, current) : current !== null && STATUS_WORDINGS.some((w) => String(current).startsWith(w));
  };
  if (meta.marks.length === 0 && (meta.statusCells ?? []).length === 0) {
    return { fillsRestored: 0, notesRemoved: 0, statusCleared: 0, protectedSheets: [], syncs, message: { vi: "Không có đánh dấu nào cần xóa.", en: "There are no marks to clear." } };
  }

  const writes: Write[] = [];
  let fillsRestored = 0;
  let notesRemoved = 0;
  let statusCleared = 0;
  // Our notes, found by their text wherever they are now: never deleted by a recorded address.
  for (const n of pre.ourNotes ?? []) {
    if (n.sheet !== undefined && !writable(n.sheet)) continue;
    writes.push({ bytes: pathBytes(n.key ?? "") + actionBytes(), queue: () => n.delete() });
    notesRemoved++;
  }
  const keptMarks = meta.marks.filter((m) => names.has(m.sheet) && !writable(m.sheet));
  for (const m of meta.marks) {
    // A sheet deleted since the check has nothing left to undo; a protected one is left for later.
    if (!writable(m.sheet)) continue;
    if (m.vault) writes.push({ fill: { sheet: SHEET_NAMES.meta, address: m.vault, color: null } });
    // A cell no longer in a mark colour is not the one marked (rows or columns were inserted): left alone.
    if (!stillMarked(m, fills)) continue;
    const addr = a1(m.row, m.col);
    writes.push({ fill: { sheet: m.sheet, address: addr, color: restoredFill(m.previousFill) } });
    fillsRestored++;
    if (pre.ourNotes) continue;
    const kind = m.hadNote ? m.noteKind : "none";
    if ((kind === "note" && caps.notes) || (kind === "comment" && caps.comments)) {
      writes.push({
        bytes: pathBytes(addr) + actionBytes(),
        queue: () => {
          const ws = sheetNamed(context, m.sheet);
          if (kind === "note") ws.notes.getItem(addr).delete();
          else ws.comments.getItemByCell(addr).delete();
        },
      });
      notesRemoved++;
    }
  }
  const keptStatus = (meta.statusCells ?? []).filter((c) => names.has(c.sheet) && !writable(c.sheet));
  for (const c of meta.statusCells ?? []) {
    if (!writable(c.sheet) || !statusOurs(c)) continue;
    const addr = a1(c.row, c.col);
    writes.push({ bytes: pathBytes(addr) + actionBytes(["Contents"]), queue: () => writeRange(context, sheetNamed(context, c.sheet), addr).clear("Contents") });
    statusCleared++;
  }
  const next: AddinMetadata = { ...meta, marks: keptMarks, statusCells: keptStatus };
  writes.push(...metaWrites(context, next, { exists: metaExists, rowCount }));
  syncs += await syncInBatches(context, writes, caps, { action: ACTIONS.clear });

  const protectedSheets = Array.from(new Set(keptMarks.map((m) => m.sheet).concat(keptStatus.map((c) => c.sheet))));
  const left: Text2 = protectedSheets.length
    ? {
        vi: ` Trang đang được bảo vệ nên chưa xóa: ${protectedSheets.join(", ")} (bỏ bảo vệ rồi bấm Xóa đánh dấu lần nữa).`,
        en: ` Protected sheets left as they are: ${protectedSheets.join(", ")} (unprotect them and clear again).`,
      }
    : { vi: "", en: "" };
  return {
    fillsRestored,
    notesRemoved,
    statusCleared,
    protectedSheets,
    syncs,
    message: {
      vi: `Đã xóa ${fillsRestored} ô đánh dấu, ${notesRemoved} ghi chú và ${statusCleared} ô tình trạng do phần bổ trợ ghi.${left.vi}`,
      en: `Cleared ${fillsRestored} marked cells, ${notesRemoved} notes and ${statusCleared} status cells the add-in wrote.${left.en}`,
    },
  };
}
