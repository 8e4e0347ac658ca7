/**
 * Live workbook → WorkbookSnapshot, with a fixed number of syncs whatever the size:
 *   sync 1: the sheet list (names, visibility, protection), the add-in's records and its
 *           notes (marks.ts);
 *   sync 2: every sheet's used range (values, value types, number formats, text), its
 *           merged areas (≥1.13), hidden rows/columns (≥1.9), how many notes/comments each
 *           sheet holds, where the add-in's notes are now; the metadata sheet comes with it
 *           (with the fills of its format copies, ≥1.9, which complete the mark records).
 * User sheets are read by the cells holding values (≥1.2): formatting a whole column does
 * not make a sheet huge. A workbook too large for sync 2 — Excel on the web refuses a
 * request or an answer over 5 MB, and answers no values for a read over five million
 * cells — is read again in row blocks sized from the used-range dimensions: one sync for
 * the dimensions, then as few syncs as fit the limit. Only such a workbook costs more.
 */
import type { CellValue, CellValueType, RangeRect, SheetSnapshot, WorkbookSnapshot } from "../../engine/types";
import { SHEET_NAMES } from "../../engine/layout";
import { AddinMetadata, decodeMetadata, emptyMetadata } from "../../engine/metadata";
import { a1, parseAddress, splitAreas } from "./a1";
import { Capabilities, hostCapabilities } from "./capabilities";
import { ACTIONS, AddinError } from "./errors";
import { markPrefetch, MarkPrefetch, NoteItem, queueMarkFills, queueMarkPrefetch, queueNoteLocations } from "./marks";
import { VAULT_COL } from "./records";
import { timed } from "./sync";

export interface SheetInfo {
  name: string;
  /** Excel's worksheet id (not stable across sessions: never used to recognise the add-in's sheets). */
  id?: string;
  visibility: string;
  protected: boolean;
}

/** Per-cell fill colours of the used ranges ("#RRGGBB"; Excel reports no fill as "#FFFFFF"). */
export interface FillGrid {
  origin: { row: number; col: number };
  colors: string[][];
}

export interface ReadOptions {
  caps: Capabilities;
  /** Also read formulas (doubles the request size of formula-free sheets). */
  formulas?: boolean;
  /** Only these sheets' ranges (the list is always read). */
  onlySheets?: string[];
}

export interface ReadResult {
  snapshot: WorkbookSnapshot;
  sheets: SheetInfo[];
  meta: AddinMetadata;
  /** Rows the metadata sheet held, so a rewrite clears them all. */
  metaRowCount: number;
  /** Fills of the metadata sheet's format copies (≥1.9), already used to complete `meta`. */
  vaultFills: FillGrid | null;
  /** Notes (≥1.18) or comments (≥1.10) per sheet, to know whether a user has their own. */
  noteCounts: Map<string, number>;
  /** Current fills of the recorded cells (≥1.4), keyed by markKey: which records still describe their cell. */
  markFills?: Map<string, string>;
  /** The add-in's notes/comments wherever they are now (≥1.10), to delete through the item. */
  ourNotes?: NoteItem[] | null;
  syncs: number;
}

/** Bytes a cell costs in one read, for the block split (values, types, formats, text as JSON). */
const BYTES_PER_CELL = 120;
const BYTES_PER_FILL = 40;
/** A hidden-row answer per row of a block. */
const BYTES_PER_ROW = 40;
/** Stay well under Excel's 5 MB so headers and encoding never tip a request over. */
let REQUEST_BUDGET = 3.5 * 1024 * 1024;

/** For tests that stand a small limit for a huge workbook. */
export function setRequestBudget(bytes: number): void {
  REQUEST_BUDGET = bytes;
}

/** Excel's answer when a read is too large for one request (either way). */
function tooLarge(e: unknown): boolean {
  return e instanceof AddinError && e.code === "RequestPayloadSizeLimitExceeded";
}

interface Pending {
  name: string;
  info: SheetInfo;
  range: Excel.Range;
  merged: Excel.RangeAreas | null;
  rowProps: OfficeExtension.ClientResult<Excel.RowProperties[]> | null;
  colProps: OfficeExtension.ClientResult<Excel.ColumnProperties[]> | null;
  /** The records sheet's format copies (≥1.9). */
  vault: VaultRead | null;
  noteCount: OfficeExtension.ClientResult<number> | null;
}

export async function readSheetList(context: Excel.RequestContext, caps: Capabilities): Promise<SheetInfo[]> {
  return (await listSheets(context, caps, false)).sheets;
}

/** The sheet list, with the mark records and the add-in's notes read in the same sync. */
export async function readSheetListWithMarks(context: Excel.RequestContext, caps: Capabilities): Promise<{ sheets: SheetInfo[]; pre: MarkPrefetch }> {
  return listSheets(context, caps, true) as Promise<{ sheets: SheetInfo[]; pre: MarkPrefetch }>;
}

async function listSheets(context: Excel.RequestContext, caps: Capabilities, withMarks: boolean): Promise<{ sheets: SheetInfo[]; pre: MarkPrefetch | null }> {
  const sheets = context.workbook.worksheets;
  sheets.load(caps.protection ? "items/name,items/visibility,items/protection/protected" : "items/name,items/visibility");
  const prefetch = withMarks ? queueMarkPrefetch(context, caps) : null;
  await timed(context.sync(), { action: ACTIONS.read });
  const pre = prefetch ? markPrefetch(prefetch) : null;
  const list = sheets.items.map((ws) => ({
    name: ws.name,
    visibility: String(ws.visibility),
    protected: caps.protection ? ws.protection.protected : false,
  }));
  return { sheets: list, pre };
}

/** The cells to read: by values on user sheets (≥1.2); all formatted cells on the metadata sheet, whose format copies hold no value. */
function usedRange(ws: Excel.Worksheet, name: string, caps: Capabilities): Excel.Range {
  return caps.protection && name !== SHEET_NAMES.meta ? ws.getUsedRange(true) : ws.getUsedRange();
}

export async function readWorkbook(context: Excel.RequestContext, opts: ReadOptions): Promise<ReadResult> {
  const { caps } = opts;
  const { sheets, pre } = await readSheetListWithMarks(context, caps);
  const names = new Set(sheets.map((s) => s.name));
  const wanted = sheets.filter((s) => !opts.onlySheets || opts.onlySheets.indexOf(s.name) >= 0 || s.name === SHEET_NAMES.meta);
  let syncs = 1;
  // The fills of the recorded cells and where our notes are now ride with the next sync.
  let markFills = queueMarkFills(context, pre.marks, names, caps);
  let locate = queueNoteLocations(pre.ourNotes);
  let pending: Pending[];
  try {
    pending = queueWholeRanges(context, wanted, opts);
    await timed(context.sync(), { action: ACTIONS.read });
    syncs++;
  } catch (e) {
    if (!tooLarge(e)) throw e;
    syncs++;
    markFills = queueMarkFills(context, pre.marks, names, caps);
    locate = queueNoteLocations(pre.ourNotes);
    const big = await readInBlocks(context, wanted, opts);
    locate();
    return withMarks(finish(sheets, big.snapshots, big.vaultFills, big.noteCounts, syncs + big.syncs, opts), markFills(), pre);
  }
  locate();
  const snapshots: SheetSnapshot[] = [];
  let vaultFills: FillGrid | null = null;
  const noteCounts = new Map<string, number>();
  // Excel answers no values for a read over five million cells: those sheets are read in blocks.
  const huge = pending.filter((p) => p.range.values === null || p.range.values === undefined);
  for (const p of pending) {
    if (huge.indexOf(p) >= 0) continue;
    snapshots.push(toSheetSnapshot(p));
    if (p.vault) vaultFills = vaultGrid(p.vault);
    if (p.noteCount) noteCounts.set(p.name, p.noteCount.value);
  }
  if (huge.length) {
    const big = await readInBlocks(context, huge.map((p) => p.info), opts);
    syncs += big.syncs;
    for (const s of big.snapshots) snapshots.push(s);
    if (big.vaultFills) vaultFills = big.vaultFills;
    big.noteCounts.forEach((n, k) => noteCounts.set(k, n));
    snapshots.sort((a, b) => wanted.findIndex((w) => w.name === a.name) - wanted.findIndex((w) => w.name === b.name));
  }
  return withMarks(finish(sheets, snapshots, vaultFills, noteCounts, syncs, opts), markFills(), pre);
}

function withMarks(r: ReadResult, markFills: Map<string, string>, pre: MarkPrefetch): ReadResult {
  // Fills were read for the records of sync 1; a record written in between is left as it was.
  return { ...r, markFills: pre.marks ? markFills : undefined, ourNotes: pre.ourNotes };
}

export interface VaultRead {
  cells: Excel.Range;
  props: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
}

/** Queues the vault column of the records' used range (its format copies) with each cell's fill. */
export function queueVaultFills(used: Excel.Range): VaultRead {
  const letters = a1(0, VAULT_COL).replace(/\d+$/, "");
  const cells = used.getIntersectionOrNullObject(`${letters}:${letters}`);
  cells.load("rowIndex,columnIndex");
  return { cells, props: cells.getCellProperties({ format: { fill: { color: true } } }) };
}

/** After the sync: the fills of the format copies (null when there are none). */
export function vaultGrid(v: VaultRead): FillGrid | null {
  const { cells, props } = v;
  if (cells.isNullObject || !props.value) return null;
  return { origin: { row: cells.rowIndex, col: cells.columnIndex }, colors: props.value.map((r) => r.map(fillOf)) };
}

function fillOf(c: Excel.CellProperties): string {
  const color = c.format && c.format.fill ? c.format.fill.color : undefined;
  return typeof color === "string" ? color.toUpperCase() : "#FFFFFF";
}

function queueWholeRanges(context: Excel.RequestContext, sheets: SheetInfo[], opts: ReadOptions): Pending[] {
  const { caps } = opts;
  return sheets.map((info) => {
    const ws = context.workbook.worksheets.getItem(info.name);
    const range = usedRange(ws, info.name, caps);
    if (opts.formulas) range.load("address,rowIndex,columnIndex,rowCount,columnCount,values,valueTypes,numberFormat,text,formulas");
    else range.load("address,rowIndex,columnIndex,rowCount,columnCount,values,valueTypes,numberFormat,text");
    return queueExtras(ws, range, info, caps, true);
  });
}

function queueExtras(ws: Excel.Worksheet, range: Excel.Range, info: SheetInfo, caps: Capabilities, withFills: boolean, withNoteCount = true): Pending {
  let merged: Excel.RangeAreas | null = null;
  if (caps.mergedAreas) {
    merged = range.getMergedAreasOrNullObject();
    merged.load("address");
  }
  const rowProps = caps.cellProperties ? range.getRowProperties({ rowHidden: true }) : null;
  const colProps = caps.cellProperties ? range.getColumnProperties({ columnHidden: true }) : null;
  const vault = withFills && caps.cellProperties && info.name === SHEET_NAMES.meta ? queueVaultFills(range) : null;
  const noteCount = !withNoteCount ? null : caps.notes ? ws.notes.getCount() : caps.comments ? ws.comments.getCount() : null;
  return { name: info.name, info, range, merged, rowProps, colProps, vault, noteCount };
}

function toSheetSnapshot(p: Pending): SheetSnapshot {
  const r = p.range;
  const origin = { row: r.rowIndex, col: r.columnIndex };
  return buildSheet(p.info, origin, r.values as CellValue[][], r.valueTypes as CellValueType[][], r.numberFormat as string[][], r.text, mergesOf(p), hiddenRowsOf(p), hiddenColsOf(p), readFormulas(r));
}

function readFormulas(r: Excel.Range): (string | null)[][] | undefined {
  try {
    return (r.formulas as unknown[][]).map((row) => row.map((f) => (typeof f === "string" && f.startsWith("=") ? f : null)));
  } catch {
    // Not loaded: formulas were not asked for.
    return undefined;
  }
}

function mergesOf(p: { merged: Excel.RangeAreas | null }): RangeRect[] {
  if (!p.merged || p.merged.isNullObject || !p.merged.address) return [];
  return splitAreas(p.merged.address).map((a) => parseAddress(a).rect);
}

function hiddenRowsOf(p: { rowProps: Pending["rowProps"] }): number[] {
  if (!p.rowProps) return [];
  return p.rowProps.value.filter((x) => x.rowHidden === true).map((x) => x.rowIndex as number);
}

function hiddenColsOf(p: { colProps: Pending["colProps"] }): number[] {
  if (!p.colProps) return [];
  return p.colProps.value.filter((x) => x.columnHidden === true).map((x) => x.columnIndex as number);
}

function buildSheet(
  info: SheetInfo,
  origin: { row: number; col: number },
  values: CellValue[][],
  valueTypes: CellValueType[][],
  numberFormats: string[][],
  text: string[][],
  merges: RangeRect[],
  hiddenRows: number[],
  hiddenCols: number[],
  formulas?: (string | null)[][],
): SheetSnapshot {
  const s: SheetSnapshot = {
    name: info.name,
    origin,
    values: values.map((row) => row.map((v) => (v === "" ? null : v))),
    valueTypes,
    numberFormats,
    text,
    merges,
    hiddenRows,
    hiddenCols,
    protected: info.protected,
    visible: info.visibility === "Visible",
  };
  if (formulas) s.formulas = formulas;
  return s;
}

/** Fills the previous fill of records whose format copy was taken in the batch that marked them. */
export function resolveVaults(meta: AddinMetadata, grid: FillGrid | null): void {
  if (!grid) return;
  for (const m of meta.marks) {
    if (!m.vault || m.previousFill) continue;
    const { rect } = parseAddress(m.vault);
    const i = rect.row - grid.origin.row;
    const j = rect.col - grid.origin.col;
    const color = i >= 0 && j >= 0 && i < grid.colors.length && j < grid.colors[i].length ? grid.colors[i][j] : "#FFFFFF";
    m.previousFill = color.toUpperCase() === "#FFFFFF" ? "" : color.toUpperCase();
  }
}

function finish(sheets: SheetInfo[], all: SheetSnapshot[], vaultFills: FillGrid | null, noteCounts: Map<string, number>, syncs: number, opts: ReadOptions): ReadResult {
  const metaSheet = all.find((s) => s.name === SHEET_NAMES.meta);
  const meta = metaSheet ? decodeMetadata(metaSheet.values) : emptyMetadata();
  resolveVaults(meta, vaultFills);
  const metaRowCount = metaSheet ? metaSheet.origin.row + metaSheet.values.length : 0;
  const snapshot: WorkbookSnapshot = {
    sheets: all.filter((s) => s.name !== SHEET_NAMES.meta && (!opts.onlySheets || opts.onlySheets.indexOf(s.name) >= 0)),
    previousMarks: meta.marks.map((m) => ({ sheet: m.sheet, row: m.row, col: m.col, previousFill: m.previousFill, hadNote: m.hadNote })),
  };
  return { snapshot, sheets, meta, metaRowCount, vaultFills, noteCounts, syncs };
}

interface Block {
  sheet: number;
  row: number;
  rowCount: number;
}

/** Row blocks of every sheet, packed into batches that each fit the request budget. */
function blockBatches(dims: { range: Excel.Range }[], perCell: number): Block[][] {
  const blocks: Block[] = [];
  dims.forEach((d, i) => {
    const cols = d.range.columnCount;
    const rowCost = cols * perCell + BYTES_PER_ROW;
    const rowsPerBlock = Math.max(1, Math.floor(REQUEST_BUDGET / rowCost));
    for (let r = 0; r < d.range.rowCount; r += rowsPerBlock) blocks.push({ sheet: i, row: r, rowCount: Math.min(rowsPerBlock, d.range.rowCount - r) });
  });
  const batches: Block[][] = [];
  let cur: Block[] = [];
  let size = 0;
  for (const b of blocks) {
    const cost = b.rowCount * (dims[b.sheet].range.columnCount * perCell + BYTES_PER_ROW);
    if (cur.length && size + cost > REQUEST_BUDGET) {
      batches.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(b);
    size += cost;
  }
  if (cur.length) batches.push(cur);
  return batches;
}

interface SheetParts {
  values: CellValue[][];
  types: CellValueType[][];
  formats: string[][];
  text: string[][];
  formulas: (string | null)[][];
  fills: string[][];
  vaultOrigin?: { row: number; col: number };
  merges: Map<string, RangeRect>;
  hiddenRows: number[];
  hiddenCols: number[];
}

/** The "genuinely huge" path: dimensions first, then row blocks packed into as few syncs as the limit allows. */
async function readInBlocks(
  context: Excel.RequestContext,
  sheets: SheetInfo[],
  opts: ReadOptions,
): Promise<{ snapshots: SheetSnapshot[]; vaultFills: FillGrid | null; noteCounts: Map<string, number>; syncs: number }> {
  const { caps } = opts;
  // Dimensions, hidden columns and note counts first: small whatever the size.
  const dims = sheets.map((info) => {
    const ws = context.workbook.worksheets.getItem(info.name);
    const range = usedRange(ws, info.name, caps);
    range.load("rowIndex,columnIndex,rowCount,columnCount");
    const colProps = caps.cellProperties ? range.getColumnProperties({ columnHidden: true }) : null;
    const noteCount = caps.notes ? ws.notes.getCount() : caps.comments ? ws.comments.getCount() : null;
    return { info, ws, range, colProps, noteCount };
  });
  await timed(context.sync(), { action: ACTIONS.read });
  let syncs = 1;

  const perCell = BYTES_PER_CELL + BYTES_PER_FILL / 4 + (opts.formulas ? BYTES_PER_CELL / 4 : 0);
  const parts: SheetParts[] = dims.map(() => ({ values: [], types: [], formats: [], text: [], formulas: [], fills: [], merges: new Map(), hiddenRows: [], hiddenCols: [] }));
  const queueBatch = (batch: Block[]) =>
    batch.map((b) => {
      const d = dims[b.sheet];
      const range = d.ws.getRange(rangeAddress(d.range.rowIndex + b.row, d.range.columnIndex, b.rowCount, d.range.columnCount));
      if (opts.formulas) range.load("values,valueTypes,numberFormat,text,formulas");
      else range.load("values,valueTypes,numberFormat,text");
      // Merges and hidden rows of this block only (a sheet's whole answer could exceed the limit).
      const extras = queueExtras(d.ws, range, d.info, caps, true, false);
      return { block: b, range, extras };
    });
  // Each batch is one request under the limit, queued only when its turn comes: more than
  // one sync is the point of this path.
  for (const batch of blockBatches(dims, perCell)) {
    const loaded = queueBatch(batch);
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- only for workbooks over the 5 MB request limit
    await timed(context.sync(), { action: ACTIONS.read });
    syncs++;
    for (const l of loaded) {
      const p = parts[l.block.sheet];
      p.values.push(...(l.range.values as CellValue[][]));
      p.types.push(...(l.range.valueTypes as CellValueType[][]));
      p.formats.push(...(l.range.numberFormat as string[][]));
      p.text.push(...l.range.text);
      const f = readFormulas(l.range);
      if (f) p.formulas.push(...f);
      const v = l.extras.vault ? vaultGrid(l.extras.vault) : null;
      if (v) {
        if (!p.vaultOrigin) p.vaultOrigin = v.origin;
        p.fills.push(...v.colors);
      }
      for (const m of mergesOf(l.extras)) p.merges.set(`${m.row},${m.col},${m.rowCount},${m.colCount}`, m);
      p.hiddenRows.push(...hiddenRowsOf(l.extras));
    }
  }
  let vaultFills: FillGrid | null = null;
  const noteCounts = new Map<string, number>();
  const snapshots = dims.map((d, i) => {
    const p = parts[i];
    const origin = { row: d.range.rowIndex, col: d.range.columnIndex };
    if (p.fills.length && p.vaultOrigin) vaultFills = { origin: p.vaultOrigin, colors: p.fills };
    if (d.noteCount) noteCounts.set(d.info.name, d.noteCount.value);
    return buildSheet(d.info, origin, p.values, p.types, p.formats, p.text, Array.from(p.merges.values()), p.hiddenRows, hiddenColsOf(d), opts.formulas ? p.formulas : undefined);
  });
  return { snapshots, vaultFills, noteCounts, syncs };
}

function rangeAddress(row: number, col: number, rowCount: number, colCount: number): string {
  return `${a1(row, col)}:${a1(row + rowCount - 1, col + colCount - 1)}`;
}

/** The snapshot alone, in two syncs: what the .xlsx adapter gives the engine, from a live workbook. */
export async function readSnapshot(context: Excel.RequestContext, caps: Capabilities = hostCapabilities()): Promise<WorkbookSnapshot> {
  const r = await readWorkbook(context, { caps });
  return r.snapshot;
}
