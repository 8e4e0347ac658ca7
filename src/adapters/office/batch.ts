/**
 * Writes too large for one request, split into as few as fit. Excel on the web refuses a
 * request over 5 MB; Microsoft's library sends every queued object and action as JSON, so
 * each write carries an estimate of what it adds to that JSON (measured against the
 * library in the tests, and kept above it). Writes are packed in order into batches under
 * WRITE_BUDGET, one sync each: most checks need one; thousands of findings need more.
 *
 * Fills are grouped: at ExcelApi 1.9 the cells of one sheet and colour are painted through
 * one Worksheet.getRanges object, a fraction of the cost of one object per cell.
 */
import type { Capabilities } from "./capabilities";
import type { ErrorContext } from "./errors";
import { timed } from "./sync";

/** Under Excel on the web's 5 MB (5,242,880 bytes), with room for the estimates' error. */
export const WRITE_BUDGET = 4000000;

export interface QueuedWrite {
  /** Bytes this adds to the request (an estimate, never below what the library sends). */
  bytes: number;
  queue: () => void;
}

/** A fill (or "no fill", color null) for one cell; grouped with its sheet's others when painted. */
export interface FillWrite {
  fill: { sheet: string; address: string; color: string | null };
}

export type Write = QueuedWrite | FillWrite;

/**
 * What the library sends, measured (test/office.batch.test.ts keeps these above it): an
 * object reached by a method or an indexer ("GetRange", "Add", notes["A1"]) with its
 * instantiate action; a navigation property ("Format", "Fill") with its own; an action (a
 * property set or a method call). Arguments add their JSON.
 */
export const PATH_BYTES = 230;
export const NAV_BYTES = 175;
export const ACTION_BYTES = 130;
/** Objects a batch shares (workbook, sheets, note collections) and the clean-up Excel.run sends after it. */
export const BATCH_BYTES = 20000;

export function pathBytes(args?: unknown): number {
  return PATH_BYTES + (args === undefined ? 0 : jsonBytes(args));
}

export function actionBytes(arg?: unknown): number {
  return ACTION_BYTES + (arg === undefined ? 0 : jsonBytes(arg));
}

/** A range given its values with the text format: the range, two sets, their JSON. */
export function textBlockBytes(address: string, values: unknown, formats: unknown): number {
  return pathBytes(address) + actionBytes(values) + actionBytes(formats);
}

/** Cells per getRanges object: an address list Excel always takes. */
const AREAS_PER_GROUP = 200;

/** Bytes a value adds to the request body: its JSON, as UTF-8. */
export function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v);
  if (s === undefined) return 4;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 2 : 3;
  }
  return n;
}

/** A fill painted alone (or a group's first cell): range, format and fill objects, and the set. */
const SINGLE_FILL_BYTES = PATH_BYTES + 2 * NAV_BYTES + ACTION_BYTES + 12;

function isFill(w: Write): w is FillWrite {
  return (w as FillWrite).fill !== undefined;
}

function groupKey(f: FillWrite["fill"]): string {
  return `${f.sheet}\u0000${f.color ?? ""}`;
}

export interface Batch {
  writes: Write[];
  /** The estimate of its request's size. */
  bytes: number;
}

/** Packs writes, in order, into batches whose estimated request stays under the budget. */
export function packWrites(writes: Write[], caps: Capabilities, budget = WRITE_BUDGET): Batch[] {
  const batches: Batch[] = [];
  let cur: Batch = { writes: [], bytes: BATCH_BYTES };
  let groups = new Map<string, number>();
  const costOf = (w: Write): number => {
    if (!isFill(w)) return w.bytes;
    const addr = jsonBytes(w.fill.address) + 1;
    if (!caps.rangeAreas) return SINGLE_FILL_BYTES + addr;
    const inGroup = groups.get(groupKey(w.fill)) ?? 0;
    return addr + (inGroup % AREAS_PER_GROUP === 0 ? SINGLE_FILL_BYTES : 0);
  };
  for (const w of writes) {
    let cost = costOf(w);
    if (cur.writes.length && cur.bytes + cost > budget) {
      batches.push(cur);
      cur = { writes: [], bytes: BATCH_BYTES };
      groups = new Map();
      cost = costOf(w);
    }
    cur.writes.push(w);
    cur.bytes += cost;
    if (isFill(w)) groups.set(groupKey(w.fill), (groups.get(groupKey(w.fill)) ?? 0) + 1);
  }
  if (cur.writes.length) batches.push(cur);
  return batches;
}

const sheetCaches = new WeakMap<Excel.RequestContext, Map<string, Excel.Worksheet>>();

/**
 * One worksheet object per sheet and context: each new object is one more path and action
 * in every request that uses it. A worksheet found by name is kept by its id afterwards.
 */
export function sheetNamed(context: Excel.RequestContext, name: string): Excel.Worksheet {
  let cache = sheetCaches.get(context);
  if (!cache) {
    cache = new Map();
    sheetCaches.set(context, cache);
  }
  let ws = cache.get(name);
  if (!ws) {
    ws = context.workbook.worksheets.getItem(name);
    cache.set(name, ws);
  }
  return ws;
}

/** Forgets the worksheet objects of a context (after a sheet was added, renamed or deleted under them). */
export function forgetSheets(context: Excel.RequestContext): void {
  sheetCaches.delete(context);
}

/** A range used only to write to: not kept by Excel.run, so nothing needs releasing afterwards. */
export function writeRange(context: Excel.RequestContext, ws: Excel.Worksheet, address: string): Excel.Range {
  const r = ws.getRange(address);
  context.trackedObjects.remove(r);
  return r;
}

function queueFills(context: Excel.RequestContext, fills: FillWrite["fill"][], caps: Capabilities, sheet: (name: string) => Excel.Worksheet): void {
  const groups = new Map<string, FillWrite["fill"][]>();
  for (const f of fills) {
    const k = groupKey(f);
    const list = groups.get(k) ?? [];
    list.push(f);
    groups.set(k, list);
  }
  groups.forEach((list) => {
    const ws = sheet(list[0].sheet);
    const color = list[0].color;
    if (!caps.rangeAreas) {
      for (const f of list) {
        const fill = writeRange(context, ws, f.address).format.fill;
        if (color === null) fill.clear();
        else fill.color = color;
      }
      return;
    }
    for (let i = 0; i < list.length; i += AREAS_PER_GROUP) {
      const areas = ws.getRanges(
        list
          .slice(i, i + AREAS_PER_GROUP)
          .map((f) => f.address)
          .join(","),
      );
      context.trackedObjects.remove(areas);
      if (color === null) areas.format.fill.clear();
      else areas.format.fill.color = color;
    }
  });
}

/**
 * Queues and syncs the writes, batch by batch. Fills of a batch are painted after its other
 * writes (a mark's format copy is taken before its fill changes). Returns the syncs spent.
 */
export async function syncInBatches(context: Excel.RequestContext, writes: Write[], caps: Capabilities, errCtx: ErrorContext, budget = WRITE_BUDGET): Promise<number> {
  const sheet = (name: string) => sheetNamed(context, name);
  const batches = packWrites(writes, caps, budget);
  for (const batch of batches) {
    const fills: FillWrite["fill"][] = [];
    for (const w of batch.writes) {
      if (isFill(w)) fills.push(w.fill);
      else w.queue();
    }
    queueFills(context, fills, caps, sheet);
    // One request per batch, each under the budget: several syncs only when one would be refused.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- batches exist because one request cannot hold them all
    await timed(context.sync(), errCtx);
  }
  return batches.length;
}
