/**
 * The workbook behind every Office test: sheets of cells (model.ts), what a user does by
 * hand (typing, pasting, colouring, inserting rows, editing a cell, a co-author's edit),
 * the host's settings (requirement level, request limit) and what the add-in's requests
 * cost (syncs, bytes, the API members they touched).
 *
 * The add-in reaches it through a connector: in Node, Microsoft's own Excel client library
 * answered by a host over this model (ms/); in the browser tests, the older proxy fake.
 */
import type { RangeRect } from "../../src/engine/types";
import { parseAddress, rangeA1 } from "../../src/adapters/office/a1";
import { FCell, FSheet, getCell, key, newSheet, parseWrittenValue, rectCells, textOf } from "./model";

export type ApiLevel = "1.1" | "1.2" | "1.3" | "1.4" | "1.5" | "1.6" | "1.7" | "1.8" | "1.9" | "1.10" | "1.11" | "1.12" | "1.13" | "1.14" | "1.15" | "1.16" | "1.17" | "1.18" | "1.19" | "1.20" | "latest";

/** "1.13" → 13; "latest" above every level. */
export function levelNumber(v: string): number {
  if (v === "latest") return 999;
  const m = /^1\.(\d+)$/.exec(v);
  return m ? Number(m[1]) : 0;
}

export interface ChangeEvent {
  type: "WorksheetChanged";
  worksheetId: string;
  address: string;
  changeType: "RangeEdited";
  /** "Remote": a co-author's edit, arriving through the shared workbook. */
  source: "Local" | "Remote";
  details?: { valueBefore: unknown; valueAfter: unknown };
}

/** Options of Excel.run that change how a batch runs. */
export interface RunOptions {
  delayForCellEdit?: boolean;
  mergeUndoGroup?: boolean;
}

/** One request that reached the host (a context.sync() with something queued). */
export interface RequestRecord {
  /** JSON of the request body as Microsoft's library built it, in UTF-8 bytes. */
  bytes: number;
  /** JSON of the answer, in UTF-8 bytes. */
  responseBytes: number;
  actions: number;
  /** API members touched, in order: "Range.values=" (set), "Range.values" (read), "Range.clear()" (call), "Range.format" (navigation). */
  calls: string[];
  /** Error code the host answered with, if any. */
  error?: string;
  flags: number;
  /** The clean-up Excel.run sends after the batch (releasing tracked ranges): not one of the add-in's syncs. */
  cleanup: boolean;
}

export interface Connector {
  run<T>(fn: (context: Excel.RequestContext) => Promise<T>, options?: RunOptions): Promise<T>;
  newContext(): Excel.RequestContext;
  /** The `Excel` namespace code under test calls (Excel.run, enums). */
  excelNamespace(): unknown;
}

export class FakeWorkbook {
  /** How the add-in reaches this workbook; set by the module that provides a connector. */
  static connect: ((wb: FakeWorkbook) => Connector) | null = null;

  sheets: FSheet[] = [];
  level: ApiLevel = "latest";
  displayLanguage = "vi-VN";
  /** Requests the add-in sent (clean-ups left out), and their sizes in bytes. */
  syncCount = 0;
  payloads: number[] = [];
  requests: RequestRecord[] = [];
  /** Excel on the web's limit for a request and for a response. */
  payloadLimit = 5 * 1024 * 1024;
  /** Excel answers no values for a read of more cells than this (five million). */
  readCellLimit = 5000000;
  /** The next request never gets an answer (to test time-outs). */
  hangNextSync = false;
  selection: { sheetId: string; rect: RangeRect } | null = null;
  activeSheetId: string | null = null;
  /** Every change event, in order (the add-in's own writes included, as in Excel). */
  events: ChangeEvent[] = [];
  /** Who hears change events (a connector delivering them to registered handlers). */
  listeners: ((e: ChangeEvent) => void)[] = [];
  /** The user is typing in a cell: Excel refuses batches, or holds those that asked to wait. */
  cellEditing = false;
  /** This Excel can hold a batch until the edit ends (requirement "DelayForCellEdit"). */
  delayForCellEdit = true;
  /** The options of every Excel.run the add-in made through the fake. */
  runOptions: (RunOptions | undefined)[] = [];
  private editWaiters: (() => void)[] = [];
  private nextId = 1;
  private _connector: Connector | null = null;

  connector(): Connector {
    if (!this._connector) {
      if (!FakeWorkbook.connect) throw new Error("No connector: import the fake from test/fake (Node) or set FakeWorkbook.connect.");
      this._connector = FakeWorkbook.connect(this);
    }
    return this._connector;
  }

  /** Excel.run: one context for the callback, through the connector. */
  run<T>(fn: (context: Excel.RequestContext) => Promise<T>, options?: RunOptions): Promise<T> {
    this.runOptions.push(options);
    return this.connector().run(fn, options);
  }

  /**
   * The same, callable as the add-in's ExcelRun (batch, options) and as Office's own
   * Excel.run (options, batch), so it can stand in for either.
   */
  get excelRun(): <T>(fn: (context: Excel.RequestContext) => Promise<T>, options?: RunOptions) => Promise<T> {
    return <T>(a: unknown, b?: unknown) => {
      if (typeof a === "function") return this.run(a as (context: Excel.RequestContext) => Promise<T>, b as RunOptions | undefined);
      return this.run(b as (context: Excel.RequestContext) => Promise<T>, a as RunOptions);
    };
  }

  /** A context outside Excel.run, for tests that drive syncs by hand. */
  newContext(): Excel.RequestContext {
    return this.connector().newContext();
  }

  addSheet(name: string): FSheet {
    const s = newSheet(this.newId(), name);
    this.sheets.push(s);
    if (!this.activeSheetId) this.activeSheetId = s.id;
    return s;
  }
  newId(): string {
    return `{S${this.nextId++}}`;
  }
  sheet(name: string): FSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`No sheet ${name}`);
    return s;
  }
  cell(sheet: string, address: string): FCell {
    const { rect } = parseAddress(address);
    return getCell(this.sheet(sheet), rect.row, rect.col);
  }
  /** What the user would see in a cell. */
  text(sheet: string, address: string): string {
    return textOf(this.cell(sheet, address));
  }

  // -- what a user does by hand (bypasses the API, fires events like a real edit)
  userType(sheet: string, address: string, input: string | number | null, source: ChangeEvent["source"] = "Local"): void {
    const s = this.sheet(sheet);
    const { rect } = parseAddress(address);
    const cur = getCell(s, rect.row, rect.col);
    if (s.protected && cur.locked) throw new Error(`locked cell ${sheet}!${address}`);
    const before = cur.value;
    const p = parseWrittenValue(input, cur.numberFormat);
    s.cells.set(key(rect.row, rect.col), { ...cur, value: p.value, formula: p.formula, error: p.error, numberFormat: p.numberFormat ?? cur.numberFormat });
    this.fire(s, [rect], { valueBefore: before, valueAfter: p.value }, source);
  }
  /** A co-author types in the shared workbook: the change arrives as a remote event. */
  coauthorType(sheet: string, address: string, input: string | number | null): void {
    this.userType(sheet, address, input, "Remote");
  }
  userPaste(sheet: string, address: string, rows: (string | number | null)[][]): void {
    const s = this.sheet(sheet);
    const { rect } = parseAddress(address);
    rows.forEach((r, i) =>
      r.forEach((v, j) => {
        const cur = getCell(s, rect.row + i, rect.col + j);
        const p = parseWrittenValue(v, cur.numberFormat);
        s.cells.set(key(rect.row + i, rect.col + j), { ...cur, value: p.value, formula: p.formula, error: p.error });
      }),
    );
    this.fire(s, [{ row: rect.row, col: rect.col, rowCount: rows.length, colCount: rows[0].length }]);
  }
  userFill(sheet: string, address: string, color: string | null): void {
    const s = this.sheet(sheet);
    const { rect } = parseAddress(address);
    for (const c of rectCells(rect)) s.cells.set(key(c.row, c.col), { ...getCell(s, c.row, c.col), fill: color });
  }
  /** The user inserts whole rows: cells, notes, comments and merges at or below `at` move down. */
  insertRows(sheet: string, at: number, count: number): void {
    const s = this.sheet(sheet);
    const shift = <T>(m: Map<string, T>): Map<string, T> => {
      const out = new Map<string, T>();
      m.forEach((v, k) => {
        const [row, col] = k.split(",").map(Number);
        out.set(key(row >= at ? row + count : row, col), v);
      });
      return out;
    };
    s.cells = shift(s.cells);
    s.notes = shift(s.notes);
    s.comments = shift(s.comments);
    s.merges = s.merges.map((r) => (r.row >= at ? { ...r, row: r.row + count } : r));
    s.hiddenRows = new Set([...s.hiddenRows].map((r) => (r >= at ? r + count : r)));
    this.fire(s, [{ row: at, col: 0, rowCount: count, colCount: 16384 }]);
  }
  userProtect(sheet: string, password: string | null = null, options: Record<string, boolean> = {}): void {
    const s = this.sheet(sheet);
    s.protected = true;
    s.password = password;
    s.protectionOptions = { ...options };
  }

  /** The user starts typing in a cell (and has not pressed Enter yet). */
  startCellEdit(): void {
    this.cellEditing = true;
  }
  /** Enter: batches held for the edit run now. */
  endCellEdit(): void {
    this.cellEditing = false;
    const waiting = this.editWaiters;
    this.editWaiters = [];
    for (const w of waiting) w();
  }
  /** Resolves when no cell is being edited. */
  notEditing(): Promise<void> {
    if (!this.cellEditing) return Promise.resolve();
    return new Promise((resolve) => this.editWaiters.push(resolve));
  }

  fire(s: FSheet, rects: RangeRect[], details?: ChangeEvent["details"], source: ChangeEvent["source"] = "Local"): void {
    for (const r of rects) {
      const e: ChangeEvent = { type: "WorksheetChanged", worksheetId: s.id, address: rangeA1(r), changeType: "RangeEdited", source };
      if (details && r.rowCount === 1 && r.colCount === 1) e.details = details;
      this.events.push(e);
      for (const l of this.listeners.slice()) l(e);
    }
  }
}
