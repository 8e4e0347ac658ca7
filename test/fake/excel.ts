/**
 * The older, hand-written proxy fake of the part of Excel's JavaScript API the add-in
 * uses. Node tests reach Excel through Microsoft's own library instead (ms/); this stays
 * for the browser tests, where the page gets it as its `Excel` global.
 *
 * Strict where the real thing is strict, so code that works here works in Excel:
 * - reading a property that was not loaded and synced throws PropertyNotLoaded;
 * - writes are queued and land only at sync(), all of a batch or nothing of it;
 * - sync() is counted; it can be told to hang;
 * - a request over the payload limit (5 MB) is rejected;
 * - an API above the configured ExcelApi level throws ApiNotFound when called;
 * - writing a locked cell of a protected sheet rejects the batch with AccessDenied.
 */
import type { CellValue, RangeRect } from "../../src/engine/types";
import { ChangeEvent, Connector, FakeWorkbook, levelNumber } from "./workbook";
import { a1, parseAddress, rangeA1, quoteSheet } from "../../src/adapters/office/a1";
import {
  DEFAULT_CELL,
  FCell,
  FSheet,
  cloneSheet,
  contains,
  getCell,
  intersects,
  key,
  newSheet,
  parseWrittenValue,
  rectCells,
  textOf,
  usedRect,
  valueTypeOf,
} from "./model";


export class FakeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, location?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation: location };
  }
}

type Commit = () => void;
type Action = (tx: Tx, commits: Commit[]) => void;

/** One batch applied to copies of the sheets it touches. */
class Tx {
  sheets: FSheet[];
  payload = 0;
  private cloned = new Set<string>();
  changed = new Map<string, RangeRect[]>();
  selection: { sheetId: string; rect: RangeRect } | null;
  active: string | null;
  constructor(readonly wb: FakeWorkbook) {
    this.sheets = wb.sheets.slice();
    this.selection = wb.selection;
    this.active = wb.activeSheetId;
  }
  byName(name: string): FSheet | undefined {
    const n = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === n);
  }
  byId(id: string): FSheet | undefined {
    return this.sheets.find((s) => s.id === id);
  }
  writable(id: string): FSheet {
    const i = this.sheets.findIndex((s) => s.id === id);
    if (i < 0) throw new FakeError("ItemNotFound", "The requested resource doesn't exist.");
    if (!this.cloned.has(id)) {
      this.sheets[i] = cloneSheet(this.sheets[i]);
      this.cloned.add(id);
    }
    return this.sheets[i];
  }
  /** Writes one cell, refusing locked cells of protected sheets as Excel does. */
  patchCell(s: FSheet, row: number, col: number, patch: Partial<FCell>, what: string): void {
    const cur = getCell(s, row, col);
    if (s.protected && cur.locked) {
      throw new FakeError("AccessDenied", "The cell or chart you're trying to change is on a protected sheet.", `${s.name}!${a1(row, col)} (${what})`);
    }
    s.cells.set(key(row, col), { ...cur, ...patch });
  }
  noteChange(s: FSheet, rect: RangeRect): void {
    const list = this.changed.get(s.id) ?? [];
    list.push(rect);
    this.changed.set(s.id, list);
  }
  requireUnprotected(s: FSheet, what: string): void {
    if (s.protected) throw new FakeError("AccessDenied", `Cannot ${what} on a protected sheet.`, s.name);
  }
}

function bytes(x: unknown): number {
  return Buffer.byteLength(JSON.stringify(x ?? null), "utf8");
}

function notLoaded(name: string): FakeError {
  return new FakeError(
    "PropertyNotLoaded",
    `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

type LoadArg = string | string[] | { select?: string } | undefined;

function loadPaths(arg: LoadArg): string[] {
  if (arg === undefined) return [];
  if (Array.isArray(arg)) return arg.flatMap((a) => loadPaths(a));
  if (typeof arg === "object") return loadPaths(arg.select ?? "");
  return arg
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

// ---------------------------------------------------------------- base object

abstract class FObj {
  protected _loaded = new Map<string, unknown>();
  constructor(readonly context: FakeContext) {}
  /** Own scalar properties that can be loaded. */
  protected abstract _props(): string[];
  protected abstract _read(tx: Tx, names: string[]): Record<string, unknown>;
  protected _nav(name: string): { load(arg?: LoadArg): unknown } | null {
    void name;
    return null;
  }
  protected _nullCheck(tx: Tx): boolean {
    void tx;
    return false;
  }
  load(arg?: LoadArg): this {
    const paths = loadPaths(arg);
    const own = paths.length === 0 ? this._props() : [];
    for (const p of paths) {
      const i = p.indexOf("/");
      if (i >= 0) {
        const child = this._nav(p.slice(0, i));
        if (!child) throw new FakeError("InvalidArgument", `Cannot load '${p}'.`);
        child.load(p.slice(i + 1));
      } else if (this._props().indexOf(p) >= 0) {
        own.push(p);
      } else {
        throw new FakeError("InvalidArgument", `Unknown property '${p}' (a navigation property cannot be loaded as a whole).`);
      }
    }
    if (own.length) {
      this.context._queue((tx, commits) => {
        const values = this._nullCheck(tx) ? Object.fromEntries(own.map((n) => [n, null])) : this._read(tx, own);
        for (const n of own) tx.payload += bytes(values[n]);
        commits.push(() => own.forEach((n) => this._loaded.set(n, values[n])));
      });
    }
    return this;
  }
  protected _get<T>(name: string): T {
    if (!this._loaded.has(name)) throw notLoaded(name);
    return this._loaded.get(name) as T;
  }
  protected _gate(level: string, api: string): void {
    this.context._gate(level, api);
  }
}

export class ClientResult<T> {
  private _set = false;
  private _value: T | undefined;
  constructor(ctx: FakeContext, compute: (tx: Tx) => T) {
    ctx._queue((tx, commits) => {
      const v = compute(tx);
      tx.payload += bytes(v);
      commits.push(() => {
        this._value = v;
        this._set = true;
      });
    });
  }
  get value(): T {
    if (!this._set) throw notLoaded("value");
    return this._value as T;
  }
}

// ---------------------------------------------------------------- workbook

/** Commits a batch to the workbook and fires change events for what it wrote. */
function commit(wb: FakeWorkbook, tx: Tx): void {
  wb.sheets = tx.sheets;
  wb.selection = tx.selection;
  wb.activeSheetId = tx.active;
  tx.changed.forEach((rects, id) => {
    const s = wb.sheets.find((x) => x.id === id);
    if (s) wb.fire(s, rects);
  });
}

/** Change handlers registered through the proxies, per workbook and sheet id. */
const proxyHandlers = new WeakMap<FakeWorkbook, Map<string, ((e: ChangeEvent) => Promise<unknown> | void)[]>>();

function handlersOf(wb: FakeWorkbook): Map<string, ((e: ChangeEvent) => Promise<unknown> | void)[]> {
  let m = proxyHandlers.get(wb);
  if (!m) {
    const map = new Map<string, ((e: ChangeEvent) => Promise<unknown> | void)[]>();
    proxyHandlers.set(wb, map);
    wb.listeners.push((e) => {
      for (const h of (map.get(e.worksheetId) ?? []).slice()) setTimeout(() => void h(e), 0);
    });
    m = map;
  }
  return m;
}

/** Excel.run over the proxies: one context for the callback, a final sync if anything is still queued. */
export function proxyConnector(wb: FakeWorkbook): Connector {
  const run = async <T>(fn: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const ctx = new FakeContext(wb);
    const out = await fn(ctx as unknown as Excel.RequestContext);
    if (ctx._pending() > 0) await ctx.sync();
    return out;
  };
  return {
    run,
    newContext: () => new FakeContext(wb) as unknown as Excel.RequestContext,
    excelNamespace: () => ({ run: (a: unknown, b?: unknown) => run((typeof a === "function" ? a : b) as (context: Excel.RequestContext) => Promise<unknown>) }),
  };
}

export class FakeContext {
  readonly workbook: WorkbookProxy;
  syncCount = 0;
  private queue: Action[] = [];
  constructor(readonly wb: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
  }
  _queue(a: Action): void {
    this.queue.push(a);
  }
  _pending(): number {
    return this.queue.length;
  }
  _gate(level: string, api: string): void {
    if (levelNumber(level) > levelNumber(this.wb.level)) {
      throw new FakeError("ApiNotFound", `${api} needs ExcelApi ${level}; this host supports ${this.wb.level}.`);
    }
  }
  async sync(): Promise<void> {
    this.wb.syncCount++;
    this.syncCount++;
    const queue = this.queue;
    this.queue = [];
    if (this.wb.hangNextSync) {
      this.wb.hangNextSync = false;
      return new Promise<void>(() => undefined);
    }
    await Promise.resolve();
    const tx = new Tx(this.wb);
    const commits: Commit[] = [];
    try {
      for (const a of queue) a(tx, commits);
    } finally {
      this.wb.payloads.push(tx.payload);
    }
    if (tx.payload > this.wb.payloadLimit) {
      throw new FakeError("RequestPayloadSizeLimitExceeded", `The request payload (${tx.payload} bytes) is larger than the limit (${this.wb.payloadLimit}).`);
    }
    commit(this.wb, tx);
    for (const c of commits) c();
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  constructor(readonly context: FakeContext) {
    this.worksheets = new WorksheetCollectionProxy(context);
  }
  /** Every note (1.18) or comment (1.10) of the workbook; items load their content. */
  get notes(): WorkbookNoteCollectionProxy {
    this.context._gate("1.18", "Workbook.notes");
    return new WorkbookNoteCollectionProxy(this.context, "notes");
  }
  get comments(): WorkbookNoteCollectionProxy {
    this.context._gate("1.10", "Workbook.comments");
    return new WorkbookNoteCollectionProxy(this.context, "comments");
  }
  getSelectedRange(): RangeProxy {
    const ws = new WorksheetProxy(this.context, (tx) => (tx.selection ? tx.byId(tx.selection.sheetId) ?? null : null), false);
    return new RangeProxy(this.context, ws, (tx) => (tx.selection ? tx.selection.rect : { row: 0, col: 0, rowCount: 1, colCount: 1 }));
  }
}

// ---------------------------------------------------------------- worksheets

class WorksheetCollectionProxy extends FObj {
  private _items: WorksheetProxy[] | null = null;
  protected _props(): string[] {
    return [];
  }
  protected _read(): Record<string, unknown> {
    return {};
  }
  override load(arg?: LoadArg): this {
    const paths = loadPaths(arg);
    const itemProps: string[] = [];
    for (const p of paths) {
      if (p === "items") continue;
      if (!p.startsWith("items/")) throw new FakeError("InvalidArgument", `Cannot load '${p}' on a collection.`);
      itemProps.push(p.slice(6));
    }
    this.context._queue((tx, commits) => {
      const ids = tx.sheets.map((s) => s.id);
      // The item loads are evaluated in this same batch, as Excel does for "items/…".
      const proxies = ids.map((id) => new WorksheetProxy(this.context, (t) => t.byId(id) ?? null, false));
      for (const pr of proxies) pr._loadNow(tx, commits, itemProps);
      commits.push(() => {
        this._items = proxies;
      });
    });
    return this;
  }
  get items(): WorksheetProxy[] {
    if (!this._items) throw notLoaded("items");
    return this._items;
  }
  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, (tx) => {
      const s = tx.byName(name);
      if (!s) throw new FakeError("ItemNotFound", `The worksheet '${name}' doesn't exist.`);
      return s;
    }, false);
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    this._gate("1.4", "WorksheetCollection.getItemOrNullObject");
    return new WorksheetProxy(this.context, (tx) => tx.byName(name) ?? null, true);
  }
  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, (tx) => (tx.active ? tx.byId(tx.active) ?? null : tx.sheets[0] ?? null), false);
  }
  add(name?: string): WorksheetProxy {
    const id = this.context.wb.newId();
    this.context._queue((tx) => {
      let n = name;
      if (n === undefined) {
        let i = tx.sheets.length + 1;
        while (tx.byName(`Sheet${i}`)) i++;
        n = `Sheet${i}`;
      }
      if (n.length === 0 || n.length > 31 || /[\\/?*[\]:]/.test(n) || n.startsWith("'") || n.endsWith("'")) {
        throw new FakeError("InvalidArgument", `Invalid sheet name '${n}'.`);
      }
      if (tx.byName(n)) throw new FakeError("ItemAlreadyExists", `A sheet named '${n}' already exists.`);
      tx.sheets.push(newSheet(id, n));
      tx.writable(id);
    });
    return new WorksheetProxy(this.context, (tx) => tx.byId(id) ?? null, false);
  }
}

export class WorksheetProxy extends FObj {
  private _id: string | null = null;
  private _isNull: boolean | null = null;
  readonly protection: ProtectionProxy;
  readonly freezePanes: FreezePanesProxy;
  constructor(
    ctx: FakeContext,
    private readonly resolver: (tx: Tx) => FSheet | null,
    private readonly nullable: boolean,
  ) {
    super(ctx);
    this.protection = new ProtectionProxy(ctx, this);
    this.freezePanes = new FreezePanesProxy(ctx, this);
    if (nullable) {
      ctx._queue((tx, commits) => {
        const s = this.resolver(tx);
        commits.push(() => {
          this._isNull = s === null;
          if (s) this._id = s.id;
        });
      });
    }
  }
  /** The sheet this proxy names, in this batch; throws ItemNotFound as Excel does. */
  _sheet(tx: Tx): FSheet {
    const s = this._id ? tx.byId(this._id) ?? null : this.resolver(tx);
    if (!s) throw new FakeError("ItemNotFound", "The requested worksheet doesn't exist.");
    this._id = s.id;
    return s;
  }
  _isNullIn(tx: Tx): boolean {
    return this.nullable && (this._id ? !tx.byId(this._id) : this.resolver(tx) === null);
  }
  protected override _nullCheck(tx: Tx): boolean {
    return this._isNullIn(tx);
  }
  get isNullObject(): boolean {
    if (this._isNull === null) throw notLoaded("isNullObject");
    return this._isNull;
  }
  protected _props(): string[] {
    return ["name", "id", "visibility", "position"];
  }
  protected _read(tx: Tx, names: string[]): Record<string, unknown> {
    const s = this._sheet(tx);
    const all: Record<string, unknown> = { name: s.name, id: s.id, visibility: s.visibility, position: tx.sheets.indexOf(s) };
    return Object.fromEntries(names.map((n) => [n, all[n]]));
  }
  protected override _nav(name: string): { load(arg?: LoadArg): unknown } | null {
    if (name === "protection") return this.protection;
    return null;
  }
  _loadNow(tx: Tx, commits: Commit[], props: string[]): void {
    const own = props.filter((p) => p.indexOf("/") < 0);
    const nested = props.filter((p) => p.indexOf("/") >= 0);
    if (own.length) {
      for (const p of own) if (this._props().indexOf(p) < 0) throw new FakeError("InvalidArgument", `Unknown property '${p}'.`);
      const v = this._read(tx, own);
      commits.push(() => own.forEach((n) => this._loaded.set(n, v[n])));
    }
    for (const p of nested) {
      if (p === "protection/protected") {
        this._gate("1.2", "WorksheetProtection");
        const s = this._sheet(tx);
        commits.push(() => this.protection._setLoaded(s.protected));
      } else throw new FakeError("InvalidArgument", `Cannot load '${p}'.`);
    }
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this.context._queue((tx) => {
      const s = this._sheet(tx);
      const other = tx.byName(v);
      if (other && other.id !== s.id) throw new FakeError("ItemAlreadyExists", `A sheet named '${v}' already exists.`);
      tx.writable(s.id).name = v;
    });
  }
  get id(): string {
    return this._get("id");
  }
  get visibility(): string {
    return this._get("visibility");
  }
  set visibility(v: string) {
    this.context._queue((tx) => {
      const s = this._sheet(tx);
      const visible = tx.sheets.filter((x) => x.visibility === "Visible" && x.id !== s.id);
      if (v !== "Visible" && visible.length === 0) throw new FakeError("InvalidOperation", "A workbook must keep one visible sheet.");
      tx.writable(s.id).visibility = v as FSheet["visibility"];
    });
  }
  get position(): number {
    return this._get("position");
  }
  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.context, this, () => {
      if (!address) return { row: 0, col: 0, rowCount: 1048576, colCount: 16384 };
      const p = parseAddress(address);
      if (p.sheet !== undefined) throw new FakeError("InvalidArgument", `getRange takes an address without a sheet: ${address}`);
      return p.rect;
    });
  }
  getRangeByIndexes(row: number, col: number, rowCount: number, colCount: number): RangeProxy {
    this._gate("1.7", "Worksheet.getRangeByIndexes");
    return new RangeProxy(this.context, this, () => ({ row, col, rowCount, colCount }));
  }
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    if (valuesOnly !== undefined) this._gate("1.2", "Worksheet.getUsedRange(valuesOnly)");
    return new RangeProxy(this.context, this, (tx) => usedRect(this._sheet(tx), !!valuesOnly) ?? { row: 0, col: 0, rowCount: 1, colCount: 1 });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    this._gate("1.4", "Worksheet.getUsedRangeOrNullObject");
    return new RangeProxy(this.context, this, (tx) => usedRect(this._sheet(tx), !!valuesOnly), true);
  }
  activate(): void {
    this.context._queue((tx) => {
      tx.active = this._sheet(tx).id;
    });
  }
  delete(): void {
    this.context._queue((tx) => {
      const s = this._sheet(tx);
      tx.sheets = tx.sheets.filter((x) => x.id !== s.id);
    });
  }
  get onChanged(): { add: (h: (e: ChangeEvent) => Promise<unknown> | void) => { remove: () => void } } {
    this._gate("1.7", "Worksheet.onChanged");
    return {
      add: (h) => {
        let sheetId: string | null = null;
        this.context._queue((tx, commits) => {
          const s = this._sheet(tx);
          sheetId = s.id;
          commits.push(() => {
            const handlers = handlersOf(this.context.wb);
            const list = handlers.get(s.id) ?? [];
            list.push(h);
            handlers.set(s.id, list);
          });
        });
        return {
          remove: () => {
            this.context._queue((_tx, commits) =>
              commits.push(() => {
                if (!sheetId) return;
                const handlers = handlersOf(this.context.wb);
                const list = handlers.get(sheetId) ?? [];
                handlers.set(sheetId, list.filter((x) => x !== h));
              }),
            );
          },
        };
      },
    };
  }
  get pageLayout(): PageLayoutProxy {
    this._gate("1.9", "Worksheet.pageLayout");
    return new PageLayoutProxy(this.context, this);
  }
  get notes(): NoteCollectionProxy {
    this._gate("1.18", "Worksheet.notes");
    return new NoteCollectionProxy(this.context, this, "notes");
  }
  get comments(): NoteCollectionProxy {
    this._gate("1.10", "Worksheet.comments");
    return new NoteCollectionProxy(this.context, this, "comments");
  }
}

class ProtectionProxy {
  private _protected: boolean | null = null;
  constructor(
    readonly context: FakeContext,
    private readonly ws: WorksheetProxy,
  ) {}
  _setLoaded(v: boolean): void {
    this._protected = v;
  }
  load(arg?: LoadArg): this {
    this.context._gate("1.2", "WorksheetProtection");
    const p = loadPaths(arg);
    if (p.length && p.some((x) => x !== "protected")) throw new FakeError("InvalidArgument", "Only 'protected' is modelled.");
    this.context._queue((tx, commits) => {
      const s = this.ws._sheet(tx);
      commits.push(() => (this._protected = s.protected));
    });
    return this;
  }
  get protected(): boolean {
    this.context._gate("1.2", "WorksheetProtection");
    if (this._protected === null) throw notLoaded("protected");
    return this._protected;
  }
  protect(options?: unknown, password?: string): void {
    this.context._gate("1.2", "WorksheetProtection.protect");
    if (password !== undefined) this.context._gate("1.7", "WorksheetProtection.protect(password)");
    void options;
    this.context._queue((tx) => {
      const s = tx.writable(this.ws._sheet(tx).id);
      if (s.protected) throw new FakeError("InvalidOperation", "The sheet is already protected.", s.name);
      s.protected = true;
      s.password = password ?? null;
    });
  }
  unprotect(password?: string): void {
    this.context._gate("1.2", "WorksheetProtection.unprotect");
    if (password !== undefined) this.context._gate("1.7", "WorksheetProtection.unprotect(password)");
    this.context._queue((tx) => {
      const s = tx.writable(this.ws._sheet(tx).id);
      if (s.protected && s.password !== null && s.password !== (password ?? null)) {
        throw new FakeError("AccessDenied", "The password you supplied is not correct.", s.name);
      }
      s.protected = false;
      s.password = null;
    });
  }
}

class FreezePanesProxy {
  constructor(
    readonly context: FakeContext,
    private readonly ws: WorksheetProxy,
  ) {}
  freezeRows(count?: number): void {
    this.context._gate("1.7", "WorksheetFreezePanes.freezeRows");
    this.context._queue((tx) => {
      const s = tx.writable(this.ws._sheet(tx).id);
      s.freeze = { rows: count ?? 1, cols: s.freeze ? s.freeze.cols : 0 };
    });
  }
  freezeColumns(count?: number): void {
    this.context._gate("1.7", "WorksheetFreezePanes.freezeColumns");
    this.context._queue((tx) => {
      const s = tx.writable(this.ws._sheet(tx).id);
      s.freeze = { rows: s.freeze ? s.freeze.rows : 0, cols: count ?? 1 };
    });
  }
  unfreeze(): void {
    this.context._gate("1.7", "WorksheetFreezePanes.unfreeze");
    this.context._queue((tx) => {
      tx.writable(this.ws._sheet(tx).id).freeze = null;
    });
  }
}

class PageLayoutProxy {
  constructor(
    readonly context: FakeContext,
    private readonly ws: WorksheetProxy,
  ) {}
  private set(patch: Partial<FSheet["pageLayout"]>): void {
    this.context._queue((tx) => {
      const s = tx.writable(this.ws._sheet(tx).id);
      s.pageLayout = { ...s.pageLayout, ...patch };
    });
  }
  set orientation(v: string) {
    this.set({ orientation: v });
  }
  set paperSize(v: string) {
    this.set({ paperSize: v });
  }
  set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    this.set({ fitToWidth: v.horizontalFitToPages });
  }
  setPrintTitleRows(address: string): void {
    this.set({ printTitleRows: address });
  }
}

/** Notes (1.18) and comments (1.10) share the shape the add-in needs: add, find by cell, delete, count. */
class NoteCollectionProxy {
  constructor(
    readonly context: FakeContext,
    private readonly ws: WorksheetProxy,
    private readonly kind: "notes" | "comments",
  ) {}
  private cellOf(tx: Tx, address: string | RangeProxy): { s: FSheet; k: string; addr: string } {
    const s = this.ws._sheet(tx);
    const rect = typeof address === "string" ? parseAddress(address).rect : address._rect(tx);
    if (rect.rowCount !== 1 || rect.colCount !== 1) throw new FakeError("InvalidCellAddress", "A note belongs to one cell.");
    return { s, k: key(rect.row, rect.col), addr: a1(rect.row, rect.col) };
  }
  add(cellAddress: string | RangeProxy, content: string): NoteProxy {
    this.context._queue((tx) => {
      const { s, k, addr } = this.cellOf(tx, cellAddress);
      if (s.protected) throw new FakeError("AccessDenied", `Cannot add a ${this.kind === "notes" ? "note" : "comment"} on a protected sheet.`, `${s.name}!${addr}`);
      const w = tx.writable(s.id);
      const map = this.kind === "notes" ? w.notes : w.comments;
      if (map.has(k)) throw new FakeError("InvalidArgument", `The cell ${addr} already has a ${this.kind === "notes" ? "note" : "comment"}.`);
      map.set(k, String(content));
      tx.payload += bytes(content);
    });
    return new NoteProxy(this.context, (tx) => this.cellOf(tx, cellAddress), this.kind, false);
  }
  getItem(address: string): NoteProxy {
    return new NoteProxy(this.context, (tx) => this.cellOf(tx, address), this.kind, false);
  }
  getItemByCell(address: string): NoteProxy {
    return this.getItem(address);
  }
  getItemOrNullObject(address: string): NoteProxy {
    return new NoteProxy(this.context, (tx) => this.cellOf(tx, address), this.kind, true);
  }
  getCount(): ClientResult<number> {
    return new ClientResult(this.context, (tx) => {
      const s = this.ws._sheet(tx);
      return (this.kind === "notes" ? s.notes : s.comments).size;
    });
  }
}

class WorkbookNoteCollectionProxy {
  private _items: NoteProxy[] | null = null;
  constructor(
    readonly context: FakeContext,
    private readonly kind: "notes" | "comments",
  ) {}
  load(arg?: LoadArg): this {
    const props = loadPaths(arg).filter((p) => p !== "items");
    for (const p of props) if (p !== "items/content") throw new FakeError("InvalidArgument", `Cannot load '${p}' on a note collection.`);
    this.context._queue((tx, commits) => {
      const proxies: NoteProxy[] = [];
      for (const s of tx.sheets) {
        (this.kind === "notes" ? s.notes : s.comments).forEach((_v, k) => {
          const id = s.id;
          const [row, col] = k.split(",").map(Number);
          // An item stays with the note it was loaded as (the fake shifts no cells between syncs).
          proxies.push(new NoteProxy(this.context, (t) => ({ s: t.byId(id) as FSheet, k, addr: a1(row, col) }), this.kind, false));
        });
      }
      if (props.length) for (const pr of proxies) pr._loadNow(tx, commits);
      commits.push(() => {
        this._items = proxies;
      });
    });
    return this;
  }
  get items(): NoteProxy[] {
    if (!this._items) throw notLoaded("items");
    return this._items;
  }
}

class NoteProxy extends FObj {
  private _isNull: boolean | null = null;
  constructor(
    ctx: FakeContext,
    private readonly where: (tx: Tx) => { s: FSheet; k: string; addr: string },
    private readonly kind: "notes" | "comments",
    nullable: boolean,
  ) {
    super(ctx);
    if (nullable) {
      ctx._queue((tx, commits) => {
        const { s, k } = this.where(tx);
        const missing = !(kind === "notes" ? s.notes : s.comments).has(k);
        commits.push(() => (this._isNull = missing));
      });
    }
  }
  get isNullObject(): boolean {
    if (this._isNull === null) throw notLoaded("isNullObject");
    return this._isNull;
  }
  protected _props(): string[] {
    return ["content"];
  }
  protected _read(tx: Tx): Record<string, unknown> {
    const { s, k } = this.where(tx);
    const map = this.kind === "notes" ? s.notes : s.comments;
    return { content: map.get(k) ?? null };
  }
  get content(): string {
    return this._get("content");
  }
  /** Loads the content within a batch already running (collection "items/content"). */
  _loadNow(tx: Tx, commits: Commit[]): void {
    const v = this._read(tx).content;
    tx.payload += bytes(v);
    commits.push(() => this._loaded.set("content", v));
  }
  delete(): void {
    this.context._queue((tx) => {
      const { s, k, addr } = this.where(tx);
      const map = this.kind === "notes" ? s.notes : s.comments;
      if (!map.has(k)) throw new FakeError("ItemNotFound", `No ${this.kind === "notes" ? "note" : "comment"} at ${s.name}!${addr}.`);
      if (s.protected) throw new FakeError("AccessDenied", "Cannot delete a note on a protected sheet.", `${s.name}!${addr}`);
      const w = tx.writable(s.id);
      (this.kind === "notes" ? w.notes : w.comments).delete(k);
    });
  }
}

// ---------------------------------------------------------------- ranges

const RANGE_PROPS = ["values", "valueTypes", "numberFormat", "text", "formulas", "address", "rowIndex", "columnIndex", "rowCount", "columnCount", "rowHidden", "columnHidden", "hyperlink"];

export class RangeProxy extends FObj {
  private _cached: RangeRect | null = null;
  private _isNull: boolean | null = null;
  readonly format: RangeFormatProxy;
  constructor(
    ctx: FakeContext,
    readonly ws: WorksheetProxy,
    private readonly rectOf: (tx: Tx) => RangeRect | null,
    private readonly nullable = false,
  ) {
    super(ctx);
    this.format = new RangeFormatProxy(ctx, this);
    if (nullable) {
      ctx._queue((tx, commits) => {
        const r = this.ws._isNullIn(tx) ? null : this.rectOf(tx);
        commits.push(() => (this._isNull = r === null));
      });
    }
  }
  get isNullObject(): boolean {
    if (this._isNull === null) throw notLoaded("isNullObject");
    return this._isNull;
  }
  _rect(tx: Tx): RangeRect {
    if (this._cached) return this._cached;
    const r = this.rectOf(tx);
    if (!r) throw new FakeError("ItemNotFound", "The range is a null object.");
    this._cached = { row: r.row, col: r.col, rowCount: r.rowCount, colCount: r.colCount };
    return this._cached;
  }
  protected override _nullCheck(tx: Tx): boolean {
    // A range of a null worksheet is a null object too, as in Excel.
    return this.nullable && (this.ws._isNullIn(tx) || this.rectOf(tx) === null);
  }
  protected _props(): string[] {
    return RANGE_PROPS;
  }
  protected override _nav(name: string): { load(arg?: LoadArg): unknown } | null {
    if (name === "format") return this.format;
    return null;
  }
  protected _read(tx: Tx, names: string[]): Record<string, unknown> {
    const s = this.ws._sheet(tx);
    const r = this._rect(tx);
    const grid = <T>(f: (c: FCell) => T): T[][] => {
      const out: T[][] = [];
      for (let i = 0; i < r.rowCount; i++) {
        const row: T[] = [];
        for (let j = 0; j < r.colCount; j++) row.push(f(getCell(s, r.row + i, r.col + j)));
        out.push(row);
      }
      return out;
    };
    const out: Record<string, unknown> = {};
    for (const n of names) {
      if (n === "hyperlink") this._gate("1.7", "Range.hyperlink");
      if (n === "rowHidden" || n === "columnHidden") this._gate("1.2", `Range.${n}`);
      switch (n) {
        case "values":
          out[n] = grid((c) => (c.value === null ? "" : c.value));
          break;
        case "valueTypes":
          out[n] = grid((c) => valueTypeOf(c));
          break;
        case "numberFormat":
          out[n] = grid((c) => c.numberFormat);
          break;
        case "text":
          out[n] = grid((c) => textOf(c));
          break;
        case "formulas":
          out[n] = grid((c) => c.formula ?? (c.value === null ? "" : c.value));
          break;
        case "address":
          out[n] = `${quoteSheet(s.name)}!${rangeA1(r)}`;
          break;
        case "rowIndex":
          out[n] = r.row;
          break;
        case "columnIndex":
          out[n] = r.col;
          break;
        case "rowCount":
          out[n] = r.rowCount;
          break;
        case "columnCount":
          out[n] = r.colCount;
          break;
        case "rowHidden": {
          const hs = Array.from({ length: Math.min(r.rowCount, 100000) }, (_, i) => s.hiddenRows.has(r.row + i));
          out[n] = hs.every((x) => x) ? true : hs.every((x) => !x) ? false : null;
          break;
        }
        case "columnHidden": {
          const hs = Array.from({ length: Math.min(r.colCount, 16384) }, (_, i) => s.hiddenCols.has(r.col + i));
          out[n] = hs.every((x) => x) ? true : hs.every((x) => !x) ? false : null;
          break;
        }
        case "hyperlink": {
          const c = getCell(s, r.row, r.col);
          out[n] = c.hyperlink ? { ...c.hyperlink } : null;
          break;
        }
      }
    }
    return out;
  }
  get values(): CellValue[][] {
    return this._get("values");
  }
  get valueTypes(): string[][] {
    return this._get("valueTypes");
  }
  get numberFormat(): string[][] {
    return this._get("numberFormat");
  }
  get text(): string[][] {
    return this._get("text");
  }
  get formulas(): unknown[][] {
    return this._get("formulas");
  }
  get address(): string {
    return this._get("address");
  }
  get rowIndex(): number {
    return this._get("rowIndex");
  }
  get columnIndex(): number {
    return this._get("columnIndex");
  }
  get rowCount(): number {
    return this._get("rowCount");
  }
  get columnCount(): number {
    return this._get("columnCount");
  }
  get rowHidden(): boolean {
    return this._get("rowHidden");
  }
  get columnHidden(): boolean {
    return this._get("columnHidden");
  }
  get hyperlink(): unknown {
    return this._get("hyperlink");
  }

  /** Applies a matrix (or one value for every cell) to the range, checking its shape. */
  private _writeGrid(what: string, input: unknown, apply: (tx: Tx, s: FSheet, row: number, col: number, v: unknown) => void): void {
    this.context._queue((tx) => {
      const s0 = this.ws._sheet(tx);
      const r = this._rect(tx);
      const isGrid = Array.isArray(input);
      if (isGrid) {
        const g = input as unknown[][];
        if (g.length !== r.rowCount || g.some((row) => !Array.isArray(row) || row.length !== r.colCount)) {
          throw new FakeError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size of the range (${what}, ${rangeA1(r)}).`);
        }
      }
      tx.payload += bytes(input);
      const s = tx.writable(s0.id);
      for (let i = 0; i < r.rowCount; i++) {
        for (let j = 0; j < r.colCount; j++) {
          const v = isGrid ? (input as unknown[][])[i][j] : input;
          apply(tx, s, r.row + i, r.col + j, v);
        }
      }
      if (what === "values" || what === "formulas") tx.noteChange(s, r);
    });
  }
  set values(v: unknown[][]) {
    this._writeGrid("values", v, (tx, s, row, col, x) => {
      const cur = getCell(s, row, col);
      const p = parseWrittenValue(x, cur.numberFormat);
      tx.patchCell(s, row, col, { value: p.value, formula: p.formula, error: p.error, numberFormat: p.numberFormat ?? cur.numberFormat }, "values");
    });
  }
  set formulas(v: unknown[][]) {
    this.values = v;
  }
  set numberFormat(v: unknown[][]) {
    this._writeGrid("numberFormat", v, (tx, s, row, col, x) => tx.patchCell(s, row, col, { numberFormat: String(x) }, "numberFormat"));
  }
  set rowHidden(v: boolean) {
    this._gate("1.2", "Range.rowHidden");
    this.context._queue((tx) => {
      const s = tx.writable(this.ws._sheet(tx).id);
      tx.requireUnprotected(s, "hide rows");
      const r = this._rect(tx);
      for (let i = 0; i < r.rowCount; i++) {
        if (v) s.hiddenRows.add(r.row + i);
        else s.hiddenRows.delete(r.row + i);
      }
    });
  }
  set columnHidden(v: boolean) {
    this._gate("1.2", "Range.columnHidden");
    this.context._queue((tx) => {
      const s = tx.writable(this.ws._sheet(tx).id);
      tx.requireUnprotected(s, "hide columns");
      const r = this._rect(tx);
      for (let j = 0; j < r.colCount; j++) {
        if (v) s.hiddenCols.add(r.col + j);
        else s.hiddenCols.delete(r.col + j);
      }
    });
  }
  set hyperlink(h: { address?: string; documentReference?: string; textToDisplay?: string; screenTip?: string }) {
    this._gate("1.7", "Range.hyperlink");
    this._writeGrid("hyperlink", null, (tx, s, row, col) => {
      const cur = getCell(s, row, col);
      tx.patchCell(s, row, col, { hyperlink: { ...h }, value: h.textToDisplay ?? cur.value, formula: null }, "hyperlink");
    });
  }
  merge(across?: boolean): void {
    this._gate("1.2", "Range.merge");
    this.context._queue((tx) => {
      const s = tx.writable(this.ws._sheet(tx).id);
      tx.requireUnprotected(s, "merge cells");
      const r = this._rect(tx);
      const rows = across ? Array.from({ length: r.rowCount }, (_, i) => ({ ...r, row: r.row + i, rowCount: 1 })) : [r];
      for (const m of rows) {
        if (m.rowCount * m.colCount === 1) continue;
        for (const old of s.merges) {
          if (intersects(old, m) && !contains(m, old)) throw new FakeError("InvalidArgument", `Cannot merge ${rangeA1(m)}: it overlaps merged cells ${rangeA1(old)}.`);
        }
        s.merges = s.merges.filter((old) => !contains(m, old));
        s.merges.push({ ...m });
        for (const c of rectCells(m)) {
          if (c.row === m.row && c.col === m.col) continue;
          const cur = getCell(s, c.row, c.col);
          if (cur.value !== null) s.cells.set(key(c.row, c.col), { ...cur, value: null, formula: null });
        }
      }
    });
  }
  unmerge(): void {
    this._gate("1.2", "Range.unmerge");
    this.context._queue((tx) => {
      const s = tx.writable(this.ws._sheet(tx).id);
      tx.requireUnprotected(s, "unmerge cells");
      const r = this._rect(tx);
      s.merges = s.merges.filter((m) => !intersects(m, r));
    });
  }
  /** Copies formats (the only copy type the add-in uses) cell by cell, in batch order. */
  copyFrom(source: RangeProxy, copyType?: string): void {
    this._gate("1.9", "Range.copyFrom");
    if (copyType !== "Formats") throw new FakeError("InvalidArgument", "Only format copies are modelled.");
    this.context._queue((tx) => {
      const from = source.ws._sheet(tx);
      const fr = source._rect(tx);
      const s = tx.writable(this.ws._sheet(tx).id);
      const r = this._rect(tx);
      if (fr.rowCount !== r.rowCount || fr.colCount !== r.colCount) throw new FakeError("InvalidArgument", "copyFrom: sizes differ.");
      for (let i = 0; i < r.rowCount; i++) {
        for (let j = 0; j < r.colCount; j++) {
          const c = getCell(from, fr.row + i, fr.col + j);
          tx.patchCell(s, r.row + i, r.col + j, { numberFormat: c.numberFormat, fill: c.fill, bold: c.bold, italic: c.italic, fontColor: c.fontColor, fontSize: c.fontSize, wrap: c.wrap, hAlign: c.hAlign, border: c.border }, "copyFrom");
        }
      }
    });
  }
  getMergedAreasOrNullObject(): RangeAreasProxy {
    this._gate("1.13", "Range.getMergedAreasOrNullObject");
    return new RangeAreasProxy(this.context, this);
  }
  clear(applyTo?: string): void {
    this.context._queue((tx) => {
      const s = tx.writable(this.ws._sheet(tx).id);
      const r = this._rect(tx);
      const what = applyTo ?? "All";
      // Only cells that exist can change: walk those, not the (possibly whole-sheet) rectangle.
      const inside =
        r.rowCount * r.colCount <= s.cells.size
          ? rectCells(r)
          : Array.from(s.cells.keys())
              .map((k) => k.split(",").map(Number))
              .filter(([row, col]) => row >= r.row && row < r.row + r.rowCount && col >= r.col && col < r.col + r.colCount)
              .map(([row, col]) => ({ row, col }));
      for (const c of inside) {
        const k = key(c.row, c.col);
        const cur = s.cells.get(k);
        if (!cur) continue;
        if (s.protected && cur.locked) throw new FakeError("AccessDenied", "Cannot clear a locked cell on a protected sheet.", `${s.name}!${a1(c.row, c.col)}`);
        if (what === "Contents") s.cells.set(k, { ...cur, value: null, formula: null, error: undefined, hyperlink: null });
        else if (what === "Formats") s.cells.set(k, { ...DEFAULT_CELL, value: cur.value, formula: cur.formula, error: cur.error, hyperlink: cur.hyperlink });
        else s.cells.delete(k);
      }
      if (what === "All" || what === "Formats") s.merges = s.merges.filter((m) => !contains(r, m));
      if (what === "All") s.validations = s.validations.filter((v) => !contains(r, v.rect));
      if (what !== "Formats") tx.noteChange(s, r);
    });
  }
  select(): void {
    this.context._queue((tx) => {
      const s = this.ws._sheet(tx);
      tx.selection = { sheetId: s.id, rect: this._rect(tx) };
      tx.active = s.id;
    });
  }
  getCell(row: number, col: number): RangeProxy {
    return new RangeProxy(this.context, this.ws, (tx) => {
      const r = this._rect(tx);
      return { row: r.row + row, col: r.col + col, rowCount: 1, colCount: 1 };
    });
  }
  getOffsetRange(dr: number, dc: number): RangeProxy {
    return new RangeProxy(this.context, this.ws, (tx) => {
      const r = this._rect(tx);
      return { ...r, row: r.row + dr, col: r.col + dc };
    });
  }
  getResizedRange(dr: number, dc: number): RangeProxy {
    this._gate("1.7", "Range.getResizedRange");
    return new RangeProxy(this.context, this.ws, (tx) => {
      const r = this._rect(tx);
      return { ...r, rowCount: r.rowCount + dr, colCount: r.colCount + dc };
    });
  }
  getCellProperties(opts: { format?: { fill?: { color?: boolean } }; address?: boolean }): ClientResult<unknown[][]> {
    this._gate("1.9", "Range.getCellProperties");
    return new ClientResult(this.context, (tx) => {
      const s = this.ws._sheet(tx);
      const r = this._rect(tx);
      const out: unknown[][] = [];
      for (let i = 0; i < r.rowCount; i++) {
        const row: unknown[] = [];
        for (let j = 0; j < r.colCount; j++) {
          const c = getCell(s, r.row + i, r.col + j);
          const o: Record<string, unknown> = {};
          if (opts.address) o.address = `${quoteSheet(s.name)}!${a1(r.row + i, r.col + j)}`;
          // Excel reports "no fill" as white.
          if (opts.format && opts.format.fill && opts.format.fill.color) o.format = { fill: { color: c.fill ?? "#FFFFFF" } };
          row.push(o);
        }
        out.push(row);
      }
      return out;
    });
  }
  getRowProperties(opts: { rowHidden?: boolean; rowIndex?: boolean }): ClientResult<{ rowIndex: number; rowHidden?: boolean }[]> {
    this._gate("1.9", "Range.getRowProperties");
    void opts;
    return new ClientResult(this.context, (tx) => {
      const s = this.ws._sheet(tx);
      const r = this._rect(tx);
      return Array.from({ length: r.rowCount }, (_, i) => ({ rowIndex: r.row + i, rowHidden: s.hiddenRows.has(r.row + i) }));
    });
  }
  getColumnProperties(opts: { columnHidden?: boolean; columnIndex?: boolean }): ClientResult<{ columnIndex: number; columnHidden?: boolean }[]> {
    this._gate("1.9", "Range.getColumnProperties");
    void opts;
    return new ClientResult(this.context, (tx) => {
      const s = this.ws._sheet(tx);
      const r = this._rect(tx);
      return Array.from({ length: r.colCount }, (_, j) => ({ columnIndex: r.col + j, columnHidden: s.hiddenCols.has(r.col + j) }));
    });
  }
  get dataValidation(): DataValidationProxy {
    this._gate("1.8", "Range.dataValidation");
    return new DataValidationProxy(this.context, this);
  }
  get conditionalFormats(): ConditionalFormatCollectionProxy {
    this._gate("1.6", "Range.conditionalFormats");
    return new ConditionalFormatCollectionProxy(this.context, this);
  }
  _applyFormat(what: string, f: (c: FCell) => Partial<FCell>): void {
    this.context._queue((tx) => {
      const s = tx.writable(this.ws._sheet(tx).id);
      const r = this._rect(tx);
      if (r.rowCount * r.colCount > 5000000) throw new FakeError("InvalidArgument", "Range too large for the fake.");
      for (const c of rectCells(r)) tx.patchCell(s, c.row, c.col, f(getCell(s, c.row, c.col)), what);
    });
  }
  _readFormat(tx: Tx, f: (c: FCell) => unknown): unknown {
    const s = this.ws._sheet(tx);
    const r = this._rect(tx);
    let first: unknown = undefined;
    for (const c of rectCells(r)) {
      const v = f(getCell(s, c.row, c.col));
      if (first === undefined) first = v;
      else if (v !== first) return null;
    }
    return first ?? null;
  }
}

class RangeAreasProxy extends FObj {
  private _isNull: boolean | null = null;
  constructor(
    ctx: FakeContext,
    private readonly range: RangeProxy,
  ) {
    super(ctx);
    ctx._queue((tx, commits) => {
      const s = this.range.ws._sheet(tx);
      const r = this.range._rect(tx);
      const none = !s.merges.some((m) => intersects(m, r));
      commits.push(() => (this._isNull = none));
    });
  }
  get isNullObject(): boolean {
    if (this._isNull === null) throw notLoaded("isNullObject");
    return this._isNull;
  }
  protected _props(): string[] {
    return ["address", "areaCount"];
  }
  protected _read(tx: Tx, names: string[]): Record<string, unknown> {
    const s = this.range.ws._sheet(tx);
    const r = this.range._rect(tx);
    const areas = s.merges.filter((m) => intersects(m, r));
    const all: Record<string, unknown> = {
      address: areas.length ? areas.map((m) => `${quoteSheet(s.name)}!${rangeA1(m)}`).join(",") : null,
      areaCount: areas.length,
    };
    return Object.fromEntries(names.map((n) => [n, all[n]]));
  }
  get address(): string {
    return this._get("address");
  }
  get areaCount(): number {
    return this._get("areaCount");
  }
}

class RangeFormatProxy extends FObj {
  readonly fill: FillProxy;
  readonly font: FontProxy;
  readonly protection: FormatProtectionProxy;
  constructor(
    ctx: FakeContext,
    readonly range: RangeProxy,
  ) {
    super(ctx);
    this.fill = new FillProxy(ctx, range);
    this.font = new FontProxy(ctx, range);
    this.protection = new FormatProtectionProxy(ctx, range);
  }
  protected _props(): string[] {
    return ["wrapText", "horizontalAlignment", "columnWidth"];
  }
  protected override _nav(name: string): { load(arg?: LoadArg): unknown } | null {
    return name === "fill" ? this.fill : name === "font" ? this.font : name === "protection" ? this.protection : null;
  }
  protected _read(tx: Tx, names: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const n of names) {
      if (n === "wrapText") out[n] = this.range._readFormat(tx, (c) => c.wrap);
      else if (n === "horizontalAlignment") out[n] = this.range._readFormat(tx, (c) => c.hAlign);
      else if (n === "columnWidth") {
        this._gate("1.2", "RangeFormat.columnWidth");
        const s = this.range.ws._sheet(tx);
        out[n] = s.colWidths.get(this.range._rect(tx).col) ?? 48;
      }
    }
    return out;
  }
  get wrapText(): boolean {
    return this._get("wrapText");
  }
  set wrapText(v: boolean) {
    this.range._applyFormat("wrapText", () => ({ wrap: v }));
  }
  get horizontalAlignment(): string {
    return this._get("horizontalAlignment");
  }
  set horizontalAlignment(v: string) {
    this.range._applyFormat("horizontalAlignment", () => ({ hAlign: v }));
  }
  get columnWidth(): number {
    return this._get("columnWidth");
  }
  set columnWidth(v: number) {
    this._gate("1.2", "RangeFormat.columnWidth");
    this.context._queue((tx) => {
      const s = tx.writable(this.range.ws._sheet(tx).id);
      tx.requireUnprotected(s, "set column widths");
      const r = this.range._rect(tx);
      for (let j = 0; j < r.colCount; j++) s.colWidths.set(r.col + j, v);
    });
  }
  get borders(): { getItem: (k: string) => { style: string } } {
    return {
      getItem: () => {
        const range = this.range;
        return {
          set style(v: string) {
            range._applyFormat("borders", () => ({ border: v !== "None" }));
          },
          get style(): string {
            throw notLoaded("style");
          },
        };
      },
    };
  }
}

class FillProxy extends FObj {
  constructor(
    ctx: FakeContext,
    private readonly range: RangeProxy,
  ) {
    super(ctx);
  }
  protected _props(): string[] {
    return ["color"];
  }
  protected _read(tx: Tx): Record<string, unknown> {
    // Excel reports "no fill" as white; mixed fills as null.
    return { color: this.range._readFormat(tx, (c) => c.fill ?? "#FFFFFF") };
  }
  get color(): string {
    return this._get("color");
  }
  set color(v: string) {
    if (!/^#[0-9A-Fa-f]{6}$/.test(v)) {
      this.context._queue(() => {
        throw new FakeError("InvalidArgument", `Invalid colour '${v}'.`);
      });
      return;
    }
    this.range._applyFormat("fill", () => ({ fill: v.toUpperCase() }));
  }
  clear(): void {
    this.range._applyFormat("fill", () => ({ fill: null }));
  }
}

class FontProxy extends FObj {
  constructor(
    ctx: FakeContext,
    private readonly range: RangeProxy,
  ) {
    super(ctx);
  }
  protected _props(): string[] {
    return ["bold", "italic", "color", "size"];
  }
  protected _read(tx: Tx, names: string[]): Record<string, unknown> {
    const map: Record<string, (c: FCell) => unknown> = { bold: (c) => c.bold, italic: (c) => c.italic, color: (c) => c.fontColor, size: (c) => c.fontSize };
    return Object.fromEntries(names.map((n) => [n, this.range._readFormat(tx, map[n])]));
  }
  get bold(): boolean {
    return this._get("bold");
  }
  set bold(v: boolean) {
    this.range._applyFormat("font", () => ({ bold: v }));
  }
  get italic(): boolean {
    return this._get("italic");
  }
  set italic(v: boolean) {
    this.range._applyFormat("font", () => ({ italic: v }));
  }
  get color(): string {
    return this._get("color");
  }
  set color(v: string) {
    this.range._applyFormat("font", () => ({ fontColor: v.toUpperCase() }));
  }
  get size(): number {
    return this._get("size");
  }
  set size(v: number) {
    this.range._applyFormat("font", () => ({ fontSize: v }));
  }
}

class FormatProtectionProxy extends FObj {
  constructor(
    ctx: FakeContext,
    private readonly range: RangeProxy,
  ) {
    super(ctx);
  }
  protected _props(): string[] {
    return ["locked"];
  }
  protected _read(tx: Tx): Record<string, unknown> {
    this._gate("1.2", "FormatProtection");
    return { locked: this.range._readFormat(tx, (c) => c.locked) };
  }
  get locked(): boolean {
    return this._get("locked");
  }
  set locked(v: boolean) {
    this._gate("1.2", "FormatProtection.locked");
    this.range._applyFormat("locked", () => ({ locked: v }));
  }
}

class DataValidationProxy {
  constructor(
    readonly context: FakeContext,
    private readonly range: RangeProxy,
  ) {}
  set rule(rule: { list?: { inCellDropDown?: boolean; source?: string } }) {
    this.context._queue((tx) => {
      const s = tx.writable(this.range.ws._sheet(tx).id);
      tx.requireUnprotected(s, "set data validation");
      const r = this.range._rect(tx);
      const list = rule.list;
      if (!list || typeof list.source !== "string") throw new FakeError("InvalidArgument", "Only list validation is modelled.");
      // The project's rule (and Excel's comma splitting) make inline lists a bug: insist on a range.
      if (!list.source.startsWith("=")) throw new FakeError("InvalidArgument", `A list source must be a range reference, got '${list.source}'.`);
      const ref = parseAddress(list.source.slice(1));
      if (ref.sheet !== undefined && !tx.byName(ref.sheet)) throw new FakeError("InvalidArgument", `The list source sheet '${ref.sheet}' does not exist.`);
      s.validations = s.validations.filter((v) => !contains(r, v.rect));
      s.validations.push({ rect: { ...r }, source: list.source, inCellDropDown: list.inCellDropDown !== false, alertStyle: "Stop" });
    });
  }
  set errorAlert(a: { style?: string; showAlert?: boolean }) {
    this.context._queue((tx) => {
      const s = tx.writable(this.range.ws._sheet(tx).id);
      const r = this.range._rect(tx);
      s.validations = s.validations.map((v) => (contains(r, v.rect) || contains(v.rect, r) ? { ...v, alertStyle: a.style ?? v.alertStyle } : v));
    });
  }
  clear(): void {
    this.context._queue((tx) => {
      const s = tx.writable(this.range.ws._sheet(tx).id);
      const r = this.range._rect(tx);
      s.validations = s.validations.filter((v) => !intersects(r, v.rect));
    });
  }
}

class ConditionalFormatCollectionProxy {
  constructor(
    readonly context: FakeContext,
    private readonly range: RangeProxy,
  ) {}
  add(type: string): { textComparison: { format: { font: { color: string }; fill: { color: string } }; rule: unknown } } {
    const entry: { rect?: RangeRect; type: string; rule: unknown; fontColor?: string; fill?: string } = { type, rule: null };
    this.context._queue((tx) => {
      const s = tx.writable(this.range.ws._sheet(tx).id);
      tx.requireUnprotected(s, "add conditional formats");
      entry.rect = { ...this.range._rect(tx) };
      s.conditionalFormats.push(entry as { rect: RangeRect; type: string; rule: unknown });
    });
    return {
      textComparison: {
        format: {
          font: {
            set color(v: string) {
              entry.fontColor = v;
            },
            get color(): string {
              throw notLoaded("color");
            },
          },
          fill: {
            set color(v: string) {
              entry.fill = v;
            },
            get color(): string {
              throw notLoaded("color");
            },
          },
        },
        set rule(v: unknown) {
          entry.rule = v;
        },
        get rule(): unknown {
          throw notLoaded("rule");
        },
      },
    };
  }
  clearAll(): void {
    this.context._queue((tx) => {
      const s = tx.writable(this.range.ws._sheet(tx).id);
      tx.requireUnprotected(s, "clear conditional formats");
      const r = this.range._rect(tx);
      s.conditionalFormats = s.conditionalFormats.filter((c) => !intersects(c.rect, r));
    });
  }
}
