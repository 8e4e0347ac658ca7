/**
 * What the test host knows of Excel's object model: for each class the add-in uses, its
 * properties (read and written), navigation properties, methods and indexers, carried out
 * on the workbook model. Microsoft's library sends them by their protocol names; the host
 * (host.ts) turns those into the camelCase names used here and gates each at its set.
 *
 * Where Excel is strict, this is strict: locked cells of a protected sheet refuse writes
 * (unless the protection options allow that kind of change), a missing sheet is
 * ItemNotFound, a range read over five million cells returns no values.
 */
import type { RangeRect } from "../../../src/engine/types";
import { a1, parseAddress, quoteSheet, rangeA1 } from "../../../src/adapters/office/a1";
import { contains, DEFAULT_CELL, FCell, FSheet, getCell, intersects, key, newSheet, parseWrittenValue, rectCells, textOf, usedRect, valueTypeOf } from "../model";
import type { FakeWorkbook } from "../workbook";

export class HostError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly location?: string,
  ) {
    super(message);
  }
}

/** A resolved object: its class and where it is in the model. */
export interface Handle {
  cls: string;
  [k: string]: unknown;
}

export interface Exec {
  wb: FakeWorkbook;
  /** Notes a change of values, for the change events fired after the request. */
  changed(s: FSheet, rect: RangeRect): void;
}

export interface PropDef {
  get?: (h: Handle, x: Exec) => unknown;
  set?: (h: Handle, v: unknown, x: Exec) => void;
}

export interface ClassDef {
  props?: Record<string, PropDef>;
  /** Navigation properties: another object. */
  nav?: Record<string, (h: Handle, x: Exec) => Handle | null>;
  /** Methods returning a value (or nothing). */
  methods?: Record<string, (h: Handle, args: unknown[], x: Exec) => unknown>;
  /** Methods returning an object (they appear as object paths). */
  objects?: Record<string, (h: Handle, args: unknown[], x: Exec) => Handle | null>;
  indexer?: (h: Handle, args: unknown[], x: Exec) => Handle | null;
  /** Collections: their items, for "items/…" loads. */
  items?: (h: Handle, x: Exec) => Handle[];
  /** The key Excel returns with an object ("Id" or "_Id"), so later requests find it again. */
  key?: (h: Handle, x: Exec) => { name: "Id" | "_Id"; value: string } | undefined;
}

const MAX_READ_CELLS = 5000000;
const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

// ---------------------------------------------------------------- model helpers

function sheetOf(h: Handle, x: Exec): FSheet {
  const s = x.wb.sheets.find((w) => w.id === h.sheetId);
  if (!s) throw new HostError("ItemNotFound", "The requested resource doesn't exist.");
  return s;
}

function rectOf(h: Handle): RangeRect {
  if (!h.rect) throw new HostError("InvalidArgument", `${h.cls} spans several areas here; the test host expects one.`);
  return h.rect as RangeRect;
}

/** The cells an object covers: one rectangle, or the areas of a RangeAreas. */
function rectsOf(h: Handle): RangeRect[] {
  return h.areas ? (h.areas as RangeRect[]) : [rectOf(h)];
}

function rangeHandle(sheetId: unknown, rect: RangeRect): Handle {
  return { cls: "Range", sheetId, rect: { ...rect } };
}

type Change = "value" | "format" | "columns" | "rows" | "objects" | "structure" | "hyperlink";

const OPTION_FOR: Partial<Record<Change, string>> = {
  format: "allowFormatCells",
  columns: "allowFormatColumns",
  rows: "allowFormatRows",
  objects: "allowEditObjects",
  hyperlink: "allowInsertHyperlinks",
};

/** Refuses, as Excel does, a change a protected sheet does not allow on these cells. */
function guard(s: FSheet, cells: RangeRect | null, change: Change, what: string): void {
  if (!s.protected) return;
  const option = OPTION_FOR[change];
  if (option && s.protectionOptions[option] && change !== "hyperlink") return;
  const lockedAt = cells ? firstLocked(s, cells) : null;
  if (change === "value" || change === "hyperlink") {
    if (lockedAt === null && (change === "value" || s.protectionOptions.allowInsertHyperlinks)) return;
  }
  const at = lockedAt ?? (cells ? a1(cells.row, cells.col) : undefined);
  throw new HostError("AccessDenied", "The cell or chart you're trying to change is on a protected sheet.", `${s.name}${at ? `!${at}` : ""} (${what})`);
}

function firstLocked(s: FSheet, r: RangeRect): string | null {
  if (r.rowCount * r.colCount > s.cells.size + 1) {
    // A big rectangle: cells not in the model are default cells, which are locked.
    return a1(r.row, r.col);
  }
  for (const c of rectCells(r)) if (getCell(s, c.row, c.col).locked) return a1(c.row, c.col);
  return null;
}

function patch(s: FSheet, r: RangeRect, f: (c: FCell) => Partial<FCell>): void {
  if (r.rowCount * r.colCount > MAX_READ_CELLS) throw new HostError("InvalidArgument", "The range is too large for the test host to format cell by cell.");
  for (const c of rectCells(r)) s.cells.set(key(c.row, c.col), { ...getCell(s, c.row, c.col), ...f(getCell(s, c.row, c.col)) });
}

/** One value for a whole range: the common value, or null when the cells differ. */
function common(s: FSheet, r: RangeRect, f: (c: FCell) => unknown): unknown {
  let first: unknown = undefined;
  const cells = r.rowCount * r.colCount > MAX_READ_CELLS ? [{ row: r.row, col: r.col }] : rectCells(r);
  for (const c of cells) {
    const v = f(getCell(s, c.row, c.col));
    if (first === undefined) first = v;
    else if (v !== first) return null;
  }
  return first ?? null;
}

function grid<T>(x: Exec, s: FSheet, r: RangeRect, f: (c: FCell) => T): T[][] | null {
  // Excel returns no values for a read of more than five million cells.
  if (r.rowCount * r.colCount > x.wb.readCellLimit) return null;
  const out: T[][] = [];
  for (let i = 0; i < r.rowCount; i++) {
    const row: T[] = [];
    for (let j = 0; j < r.colCount; j++) row.push(f(getCell(s, r.row + i, r.col + j)));
    out.push(row);
  }
  return out;
}

function writeGrid(h: Handle, x: Exec, what: string, change: Change, input: unknown, apply: (s: FSheet, row: number, col: number, v: unknown) => void): void {
  const s = sheetOf(h, x);
  const r = rectOf(h);
  const isGrid = Array.isArray(input);
  if (isGrid) {
    const g = input as unknown[][];
    if (g.length !== r.rowCount || g.some((row) => !Array.isArray(row) || row.length !== r.colCount)) {
      throw new HostError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}, ${rangeA1(r)}).`);
    }
  }
  guard(s, r, change, what);
  for (let i = 0; i < r.rowCount; i++) for (let j = 0; j < r.colCount; j++) apply(s, r.row + i, r.col + j, isGrid ? (input as unknown[][])[i][j] : input);
  if (change === "value") x.changed(s, r);
}

function addressOf(s: FSheet, r: RangeRect): string {
  return `${quoteSheet(s.name)}!${rangeA1(r)}`;
}

/** A cell given as "A1", "Sheet!A1" or a range object, on sheet `s`. */
function oneCell(x: Exec, s: FSheet, where: unknown): RangeRect {
  const r = typeof where === "string" ? parseAddress(where).rect : rectOf(where as Handle);
  if (r.rowCount !== 1 || r.colCount !== 1) throw new HostError("InvalidCellAddress", "A note or comment belongs to one cell.");
  void x;
  return r;
}

function validSheetName(n: string): boolean {
  return !(n.length === 0 || n.length > 31 || /[\\/?*[\]:]/.test(n) || n.startsWith("'") || n.endsWith("'"));
}

// ---------------------------------------------------------------- classes

const Workbook: ClassDef = {
  nav: {
    worksheets: () => ({ cls: "WorksheetCollection" }),
    notes: () => ({ cls: "NoteCollection", scope: null }),
    comments: () => ({ cls: "CommentCollection", scope: null }),
  },
  objects: {
    getSelectedRange: (_h, _a, x) => {
      const sel = x.wb.selection;
      return sel ? rangeHandle(sel.sheetId, sel.rect) : rangeHandle(x.wb.activeSheetId, { row: 0, col: 0, rowCount: 1, colCount: 1 });
    },
  },
  methods: {
    _RemoveReference: () => null,
  },
};

function worksheetHandle(s: FSheet): Handle {
  return { cls: "Worksheet", sheetId: s.id };
}

const WorksheetCollection: ClassDef = {
  items: (_h, x) => x.wb.sheets.map(worksheetHandle),
  indexer: (_h, args, x) => {
    const k = String(args[0]);
    const s = x.wb.sheets.find((w) => w.id === k) ?? x.wb.sheets.find((w) => w.name.toLowerCase() === k.toLowerCase());
    if (!s) throw new HostError("ItemNotFound", `The requested resource doesn't exist.`, `worksheets['${k}']`);
    return worksheetHandle(s);
  },
  objects: {
    getItem: (h, args, x) => WorksheetCollection.indexer!(h, args, x),
    getItemOrNullObject: (_h, args, x) => {
      const k = String(args[0]).toLowerCase();
      const s = x.wb.sheets.find((w) => w.id === args[0]) ?? x.wb.sheets.find((w) => w.name.toLowerCase() === k);
      return s ? worksheetHandle(s) : null;
    },
    getActiveWorksheet: (_h, _a, x) => {
      const s = x.wb.sheets.find((w) => w.id === x.wb.activeSheetId) ?? x.wb.sheets[0];
      if (!s) throw new HostError("ItemNotFound", "No worksheet.");
      return worksheetHandle(s);
    },
    add: (_h, args, x) => {
      let n = args[0] === undefined || args[0] === null ? undefined : String(args[0]);
      if (n === undefined) {
        let i = x.wb.sheets.length + 1;
        while (x.wb.sheets.some((w) => w.name.toLowerCase() === `sheet${i}`)) i++;
        n = `Sheet${i}`;
      }
      if (!validSheetName(n)) throw new HostError("InvalidArgument", `The argument is invalid or missing or has an incorrect format (sheet name '${n}').`);
      const taken = n.toLowerCase();
      if (x.wb.sheets.some((w) => w.name.toLowerCase() === taken)) throw new HostError("ItemAlreadyExists", `A resource with the same name or identifier already exists ('${n}').`);
      const s = newSheet(x.wb.newId(), n);
      x.wb.sheets.push(s);
      return worksheetHandle(s);
    },
  },
  methods: {
    getCount: (_h, _a, x) => x.wb.sheets.length,
  },
};

const Worksheet: ClassDef = {
  key: (h) => ({ name: "Id", value: String(h.sheetId) }),
  props: {
    name: {
      get: (h, x) => sheetOf(h, x).name,
      set: (h, v, x) => {
        const s = sheetOf(h, x);
        const n = String(v);
        if (!validSheetName(n)) throw new HostError("InvalidArgument", `Invalid sheet name '${n}'.`);
        if (x.wb.sheets.some((w) => w.id !== s.id && w.name.toLowerCase() === n.toLowerCase())) throw new HostError("ItemAlreadyExists", `A sheet named '${n}' already exists.`);
        s.name = n;
      },
    },
    id: { get: (h, x) => sheetOf(h, x).id },
    position: { get: (h, x) => x.wb.sheets.indexOf(sheetOf(h, x)) },
    visibility: {
      get: (h, x) => sheetOf(h, x).visibility,
      set: (h, v, x) => {
        const s = sheetOf(h, x);
        if (v !== "Visible" && !x.wb.sheets.some((w) => w.id !== s.id && w.visibility === "Visible")) {
          throw new HostError("InvalidOperation", "A workbook must keep at least one visible sheet.");
        }
        s.visibility = v as FSheet["visibility"];
      },
    },
  },
  nav: {
    protection: (h) => ({ cls: "WorksheetProtection", sheetId: h.sheetId }),
    freezePanes: (h) => ({ cls: "WorksheetFreezePanes", sheetId: h.sheetId }),
    pageLayout: (h) => ({ cls: "PageLayout", sheetId: h.sheetId }),
    notes: (h) => ({ cls: "NoteCollection", scope: h.sheetId }),
    comments: (h) => ({ cls: "CommentCollection", scope: h.sheetId }),
    charts: (h) => ({ cls: "ChartCollection", sheetId: h.sheetId }),
    autoFilter: (h) => ({ cls: "AutoFilter", sheetId: h.sheetId }),
  },
  objects: {
    getRange: (h, args, x) => {
      sheetOf(h, x);
      const address = args[0];
      if (address === undefined || address === null || address === "") return rangeHandle(h.sheetId, { row: 0, col: 0, rowCount: MAX_ROWS, colCount: MAX_COLS });
      let p: ReturnType<typeof parseAddress>;
      try {
        p = parseAddress(String(address));
      } catch {
        throw new HostError("InvalidArgument", `The argument is invalid or missing or has an incorrect format ('${String(address)}').`);
      }
      if (p.sheet !== undefined) throw new HostError("InvalidArgument", `Worksheet.getRange takes an address without a sheet: '${String(address)}'.`);
      return rangeHandle(h.sheetId, p.rect);
    },
    getRanges: (h, args, x) => {
      sheetOf(h, x);
      const list = String(args[0] ?? "")
        .split(/[,;]/)
        .map((a) => a.trim())
        .filter((a) => a !== "");
      if (list.length === 0) throw new HostError("InvalidArgument", "getRanges needs at least one address.");
      return { cls: "RangeAreas", sheetId: h.sheetId, areas: list.map((a) => parseAddress(a).rect) };
    },
    getRangeByIndexes: (h, args, x) => {
      sheetOf(h, x);
      const [row, col, rowCount, colCount] = args.map(Number);
      return rangeHandle(h.sheetId, { row, col, rowCount, colCount });
    },
    getUsedRange: (h, args, x) => rangeHandle(h.sheetId, usedRect(sheetOf(h, x), args[0] === true) ?? { row: 0, col: 0, rowCount: 1, colCount: 1 }),
    getUsedRangeOrNullObject: (h, args, x) => {
      const r = usedRect(sheetOf(h, x), args[0] === true);
      return r ? rangeHandle(h.sheetId, r) : null;
    },
  },
  methods: {
    activate: (h, _a, x) => {
      x.wb.activeSheetId = sheetOf(h, x).id;
    },
    delete: (h, _a, x) => {
      const s = sheetOf(h, x);
      x.wb.sheets = x.wb.sheets.filter((w) => w.id !== s.id);
    },
    _RegisterDataChangedEvent: () => null,
    _UnregisterDataChangedEvent: () => null,
  },
};

const WorksheetProtection: ClassDef = {
  props: {
    protected: { get: (h, x) => sheetOf(h, x).protected },
    options: { get: (h, x) => ({ ...sheetOf(h, x).protectionOptions }) },
  },
  methods: {
    protect: (h, args, x) => {
      const s = sheetOf(h, x);
      if (s.protected) throw new HostError("InvalidOperation", "The sheet is already protected.", s.name);
      s.protected = true;
      s.protectionOptions = { ...((args[0] as Record<string, boolean> | undefined) ?? {}) };
      s.password = args[1] === undefined || args[1] === null ? null : String(args[1]);
    },
    unprotect: (h, args, x) => {
      const s = sheetOf(h, x);
      const pw = args[0] === undefined || args[0] === null ? null : String(args[0]);
      if (s.protected && s.password !== null && s.password !== pw) throw new HostError("AccessDenied", "The password you supplied is not correct.", s.name);
      s.protected = false;
      s.password = null;
      s.protectionOptions = {};
    },
  },
};

const WorksheetFreezePanes: ClassDef = {
  methods: {
    freezeRows: (h, args, x) => {
      const s = sheetOf(h, x);
      s.freeze = { rows: args[0] === undefined || args[0] === null ? 1 : Number(args[0]), cols: s.freeze ? s.freeze.cols : 0 };
    },
    freezeColumns: (h, args, x) => {
      const s = sheetOf(h, x);
      s.freeze = { rows: s.freeze ? s.freeze.rows : 0, cols: args[0] === undefined || args[0] === null ? 1 : Number(args[0]) };
    },
    unfreeze: (h, _a, x) => {
      sheetOf(h, x).freeze = null;
    },
  },
};

function pageProp(k: keyof FSheet["pageLayout"]): PropDef {
  return {
    get: (h, x) => sheetOf(h, x).pageLayout[k] ?? null,
    set: (h, v, x) => {
      const s = sheetOf(h, x);
      s.pageLayout = { ...s.pageLayout, [k]: v };
    },
  };
}

const AutoFilter: ClassDef = {
  props: { enabled: { get: (h, x) => sheetOf(h, x).autoFilter !== null } },
  methods: {
    apply: (h, args, x) => {
      const s = sheetOf(h, x);
      guard(s, null, "structure", "filter");
      s.autoFilter = typeof args[0] === "string" ? parseAddress(args[0]).rect : { ...rectOf(args[0] as Handle) };
    },
    remove: (h, _a, x) => {
      sheetOf(h, x).autoFilter = null;
    },
  },
};

const PageLayout: ClassDef = {
  props: {
    orientation: pageProp("orientation"),
    paperSize: pageProp("paperSize"),
    zoom: {
      get: (h, x) => {
        const p = sheetOf(h, x).pageLayout;
        return { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight, scale: p.scale };
      },
      set: (h, v, x) => {
        const s = sheetOf(h, x);
        const z = v as { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
        s.pageLayout = { ...s.pageLayout, fitToWidth: z.horizontalFitToPages, fitToHeight: z.verticalFitToPages, scale: z.scale };
      },
    },
    leftMargin: pageProp("leftMargin"),
    rightMargin: pageProp("rightMargin"),
    topMargin: pageProp("topMargin"),
    bottomMargin: pageProp("bottomMargin"),
    headerMargin: pageProp("headerMargin"),
    footerMargin: pageProp("footerMargin"),
    blackAndWhite: pageProp("blackAndWhite"),
    centerHorizontally: pageProp("centerHorizontally"),
  },
  nav: { headersFooters: (h) => ({ cls: "HeaderFooterGroup", sheetId: h.sheetId }) },
  methods: {
    setPrintTitleRows: (h, args, x) => {
      const s = sheetOf(h, x);
      s.pageLayout = { ...s.pageLayout, printTitleRows: String(args[0]) };
    },
    setPrintArea: (h, args, x) => {
      const s = sheetOf(h, x);
      if (typeof args[0] !== "string") throw new HostError("HostNotModelled", "The test host takes a print area as an address.");
      parseAddress(args[0]);
      s.pageLayout = { ...s.pageLayout, printArea: args[0] };
    },
  },
};

const HeaderFooterGroup: ClassDef = {
  nav: { defaultForAllPages: (h) => ({ cls: "HeaderFooter", sheetId: h.sheetId }) },
};

const HeaderFooter: ClassDef = {
  props: { centerHeader: pageProp("centerHeader") },
};

// ---------------------------------------------------------------- ranges

const GRID: Record<string, (c: FCell) => unknown> = {
  values: (c) => (c.value === null ? "" : c.value),
  valueTypes: (c) => valueTypeOf(c),
  numberFormat: (c) => c.numberFormat,
  text: (c) => textOf(c),
  formulas: (c) => c.formula ?? (c.value === null ? "" : c.value),
};

function gridProp(name: string): PropDef {
  return { get: (h, x) => grid(x, sheetOf(h, x), rectOf(h), GRID[name]) };
}

function hiddenOf(set: Set<number>, from: number, count: number, cap: number): boolean | null {
  const hs = Array.from({ length: Math.min(count, cap) }, (_, i) => set.has(from + i));
  return hs.every((v) => v) ? true : hs.every((v) => !v) ? false : null;
}

function writeValue(s: FSheet, row: number, col: number, v: unknown): void {
  const cur = getCell(s, row, col);
  const p = parseWrittenValue(v, cur.numberFormat);
  s.cells.set(key(row, col), { ...cur, value: p.value, formula: p.formula, error: p.error, numberFormat: p.numberFormat ?? cur.numberFormat });
}

const Range: ClassDef = {
  props: {
    values: { ...gridProp("values"), set: (h, v, x) => writeGrid(h, x, "values", "value", v, writeValue) },
    formulas: { ...gridProp("formulas"), set: (h, v, x) => writeGrid(h, x, "formulas", "value", v, writeValue) },
    valueTypes: gridProp("valueTypes"),
    text: gridProp("text"),
    numberFormat: {
      ...gridProp("numberFormat"),
      set: (h, v, x) => writeGrid(h, x, "numberFormat", "format", v, (s, row, col, f) => s.cells.set(key(row, col), { ...getCell(s, row, col), numberFormat: String(f) })),
    },
    address: { get: (h, x) => addressOf(sheetOf(h, x), rectOf(h)) },
    rowIndex: { get: (h) => rectOf(h).row },
    columnIndex: { get: (h) => rectOf(h).col },
    rowCount: { get: (h) => rectOf(h).rowCount },
    columnCount: { get: (h) => rectOf(h).colCount },
    cellCount: { get: (h) => rectOf(h).rowCount * rectOf(h).colCount },
    rowHidden: {
      get: (h, x) => hiddenOf(sheetOf(h, x).hiddenRows, rectOf(h).row, rectOf(h).rowCount, 100000),
      set: (h, v, x) => {
        const s = sheetOf(h, x);
        guard(s, null, "rows", "hide rows");
        const r = rectOf(h);
        for (let i = 0; i < r.rowCount; i++) {
          if (v) s.hiddenRows.add(r.row + i);
          else s.hiddenRows.delete(r.row + i);
        }
      },
    },
    columnHidden: {
      get: (h, x) => hiddenOf(sheetOf(h, x).hiddenCols, rectOf(h).col, rectOf(h).colCount, MAX_COLS),
      set: (h, v, x) => {
        const s = sheetOf(h, x);
        guard(s, null, "columns", "hide columns");
        const r = rectOf(h);
        for (let j = 0; j < r.colCount; j++) {
          if (v) s.hiddenCols.add(r.col + j);
          else s.hiddenCols.delete(r.col + j);
        }
      },
    },
    hyperlink: {
      get: (h, x) => {
        const c = getCell(sheetOf(h, x), rectOf(h).row, rectOf(h).col);
        return c.hyperlink ? { ...c.hyperlink } : null;
      },
      set: (h, v, x) => {
        const link = v as FCell["hyperlink"] & object;
        writeGrid(h, x, "hyperlink", "hyperlink", null, (s, row, col) => {
          const cur = getCell(s, row, col);
          s.cells.set(key(row, col), { ...cur, hyperlink: { ...link }, value: link.textToDisplay ?? cur.value, formula: null });
        });
      },
    },
  },
  nav: {
    format: (h) => ({ cls: "RangeFormat", sheetId: h.sheetId, rect: h.rect }),
    dataValidation: (h) => ({ cls: "DataValidation", sheetId: h.sheetId, rect: h.rect }),
    conditionalFormats: (h) => ({ cls: "ConditionalFormatCollection", sheetId: h.sheetId, rect: h.rect }),
    worksheet: (h) => ({ cls: "Worksheet", sheetId: h.sheetId }),
  },
  objects: {
    getCell: (h, args) => {
      const r = rectOf(h);
      return rangeHandle(h.sheetId, { row: r.row + Number(args[0]), col: r.col + Number(args[1]), rowCount: 1, colCount: 1 });
    },
    getOffsetRange: (h, args) => {
      const r = rectOf(h);
      return rangeHandle(h.sheetId, { ...r, row: r.row + Number(args[0]), col: r.col + Number(args[1]) });
    },
    getResizedRange: (h, args) => {
      const r = rectOf(h);
      return rangeHandle(h.sheetId, { ...r, rowCount: r.rowCount + Number(args[0]), colCount: r.colCount + Number(args[1]) });
    },
    getRow: (h, args) => {
      const r = rectOf(h);
      return rangeHandle(h.sheetId, { row: r.row + Number(args[0]), col: r.col, rowCount: 1, colCount: r.colCount });
    },
    getColumn: (h, args) => {
      const r = rectOf(h);
      return rangeHandle(h.sheetId, { row: r.row, col: r.col + Number(args[0]), rowCount: r.rowCount, colCount: 1 });
    },
    getBoundingRect: (h, args) => {
      const a = rectOf(h);
      const b = rectOf(args[0] as Handle);
      const row = Math.min(a.row, b.row);
      const col = Math.min(a.col, b.col);
      return rangeHandle(h.sheetId, { row, col, rowCount: Math.max(a.row + a.rowCount, b.row + b.rowCount) - row, colCount: Math.max(a.col + a.colCount, b.col + b.colCount) - col });
    },
    getIntersectionOrNullObject: (h, args) => {
      const a = rectOf(h);
      const b = typeof args[0] === "string" ? parseAddress(args[0]).rect : rectOf(args[0] as Handle);
      const row = Math.max(a.row, b.row);
      const col = Math.max(a.col, b.col);
      const rowEnd = Math.min(a.row + a.rowCount, b.row + b.rowCount);
      const colEnd = Math.min(a.col + a.colCount, b.col + b.colCount);
      return rowEnd > row && colEnd > col ? rangeHandle(h.sheetId, { row, col, rowCount: rowEnd - row, colCount: colEnd - col }) : null;
    },
    getMergedAreasOrNullObject: (h, _a, x) => {
      const s = sheetOf(h, x);
      const areas = s.merges.filter((m) => intersects(m, rectOf(h)));
      return areas.length ? { cls: "RangeAreas", sheetId: h.sheetId, areas } : null;
    },
  },
  methods: {
    _KeepReference: () => null,
    /** The library asks before it splits a large array into row blocks. */
    _ValidateArraySize: (h, args) => {
      const r = rectOf(h);
      if (Number(args[0]) !== r.rowCount || Number(args[1]) !== r.colCount) {
        throw new HostError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rangeA1(r)}).`);
      }
      return null;
    },
    select: (h, _a, x) => {
      const s = sheetOf(h, x);
      x.wb.selection = { sheetId: s.id, rect: { ...rectOf(h) } };
      x.wb.activeSheetId = s.id;
    },
    clear: (h, args, x) => {
      const s = sheetOf(h, x);
      const r = rectOf(h);
      const what = args[0] === undefined || args[0] === null ? "All" : String(args[0]);
      const inside = Array.from(s.cells.keys())
        .map((k) => k.split(",").map(Number))
        .filter(([row, col]) => row >= r.row && row < r.row + r.rowCount && col >= r.col && col < r.col + r.colCount);
      if (what !== "Formats") for (const [row, col] of inside) guard(s, { row, col, rowCount: 1, colCount: 1 }, "value", "clear");
      if (what !== "Contents") guard(s, inside.length ? { row: inside[0][0], col: inside[0][1], rowCount: 1, colCount: 1 } : null, "format", "clear formats");
      for (const [row, col] of inside) {
        const k = key(row, col);
        const cur = s.cells.get(k) as FCell;
        if (what === "Contents") s.cells.set(k, { ...cur, value: null, formula: null, error: undefined, hyperlink: null });
        else if (what === "Formats") s.cells.set(k, { ...DEFAULT_CELL, value: cur.value, formula: cur.formula, error: cur.error, hyperlink: cur.hyperlink });
        else s.cells.delete(k);
      }
      if (what === "All" || what === "Formats") s.merges = s.merges.filter((m) => !contains(r, m));
      if (what === "All") s.validations = s.validations.filter((v) => !contains(r, v.rect));
      if (what !== "Formats") x.changed(s, r);
    },
    merge: (h, args, x) => {
      const s = sheetOf(h, x);
      guard(s, null, "structure", "merge cells");
      const r = rectOf(h);
      const rows = args[0] === true ? Array.from({ length: r.rowCount }, (_, i) => ({ ...r, row: r.row + i, rowCount: 1 })) : [r];
      for (const m of rows) {
        if (m.rowCount * m.colCount === 1) continue;
        for (const old of s.merges) if (intersects(old, m) && !contains(m, old)) throw new HostError("InvalidArgument", `Cannot merge ${rangeA1(m)}: it overlaps merged cells ${rangeA1(old)}.`);
        s.merges = s.merges.filter((old) => !contains(m, old));
        s.merges.push({ ...m });
        for (const c of rectCells(m)) {
          if (c.row === m.row && c.col === m.col) continue;
          const cur = getCell(s, c.row, c.col);
          if (cur.value !== null) s.cells.set(key(c.row, c.col), { ...cur, value: null, formula: null });
        }
      }
    },
    unmerge: (h, _a, x) => {
      const s = sheetOf(h, x);
      guard(s, null, "structure", "unmerge cells");
      s.merges = s.merges.filter((m) => !intersects(m, rectOf(h)));
    },
    copyFrom: (h, args, x) => {
      if (args[1] !== "Formats") throw new HostError("HostNotModelled", "The test host copies formats only.");
      // The source: a range object, or an address ("'Sheet'!A1"; without a sheet, this one).
      let from: FSheet;
      let fr: RangeRect;
      if (typeof args[0] === "string") {
        const p = parseAddress(args[0]);
        const named = p.sheet === undefined ? sheetOf(h, x) : x.wb.sheets.find((w) => w.name.toLowerCase() === (p.sheet as string).toLowerCase());
        if (!named) throw new HostError("ItemNotFound", `The source sheet of ${args[0]} doesn't exist.`);
        from = named;
        fr = p.rect;
      } else {
        from = sheetOf(args[0] as Handle, x);
        fr = rectOf(args[0] as Handle);
      }
      const s = sheetOf(h, x);
      const r = rectOf(h);
      if (fr.rowCount !== r.rowCount || fr.colCount !== r.colCount) throw new HostError("InvalidArgument", "copyFrom: the source and destination differ in size.");
      guard(s, r, "format", "copyFrom");
      for (let i = 0; i < r.rowCount; i++) {
        for (let j = 0; j < r.colCount; j++) {
          const c = getCell(from, fr.row + i, fr.col + j);
          const cur = getCell(s, r.row + i, r.col + j);
          s.cells.set(key(r.row + i, r.col + j), { ...cur, numberFormat: c.numberFormat, fill: c.fill, bold: c.bold, italic: c.italic, fontColor: c.fontColor, fontSize: c.fontSize, fontName: c.fontName, wrap: c.wrap, hAlign: c.hAlign, border: c.border });
        }
      }
    },
    getCellProperties: (h, args, x) => {
      const s = sheetOf(h, x);
      const r = rectOf(h);
      const opts = (args[0] ?? {}) as { address?: boolean; format?: { fill?: { color?: boolean } } };
      if (r.rowCount * r.colCount > MAX_READ_CELLS) throw new HostError("InvalidArgument", "The range has too many cells to read their properties.");
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
    },
    getRowProperties: (h, args, x) => {
      const s = sheetOf(h, x);
      const r = rectOf(h);
      void args;
      return Array.from({ length: r.rowCount }, (_, i) => ({ rowIndex: r.row + i, rowHidden: s.hiddenRows.has(r.row + i) }));
    },
    getColumnProperties: (h, args, x) => {
      const s = sheetOf(h, x);
      const r = rectOf(h);
      void args;
      return Array.from({ length: r.colCount }, (_, j) => ({ columnIndex: r.col + j, columnHidden: s.hiddenCols.has(r.col + j) }));
    },
  },
};

const RangeAreas: ClassDef = {
  nav: { format: (h) => ({ cls: "RangeFormat", sheetId: h.sheetId, areas: h.areas }) },
  props: {
    address: { get: (h, x) => (h.areas as RangeRect[]).map((m) => addressOf(sheetOf(h, x), m)).join(",") },
    areaCount: { get: (h) => (h.areas as RangeRect[]).length },
  },
  methods: { _KeepReference: () => null },
};

function formatProp(field: keyof FCell, what: string, norm: (v: unknown) => unknown = (v) => v): PropDef {
  return {
    get: (h, x) => common(sheetOf(h, x), rectOf(h), (c) => c[field]),
    set: (h, v, x) => {
      const s = sheetOf(h, x);
      const value = norm(v);
      for (const r of rectsOf(h)) guard(s, r, "format", what);
      for (const r of rectsOf(h)) patch(s, r, () => ({ [field]: value }) as Partial<FCell>);
    },
  };
}

const RangeFormat: ClassDef = {
  props: {
    wrapText: formatProp("wrap", "wrapText"),
    horizontalAlignment: formatProp("hAlign", "horizontalAlignment"),
    columnWidth: {
      get: (h, x) => sheetOf(h, x).colWidths.get(rectOf(h).col) ?? 48,
      set: (h, v, x) => {
        const s = sheetOf(h, x);
        guard(s, null, "columns", "column width");
        const r = rectOf(h);
        for (let j = 0; j < r.colCount; j++) s.colWidths.set(r.col + j, Number(v));
      },
    },
    rowHeight: {
      get: (h, x) => sheetOf(h, x).rowHeights.get(rectOf(h).row) ?? 15,
      set: (h, v, x) => {
        const s = sheetOf(h, x);
        guard(s, null, "rows", "row height");
        const r = rectOf(h);
        for (let i = 0; i < r.rowCount; i++) s.rowHeights.set(r.row + i, Number(v));
      },
    },
  },
  nav: {
    fill: (h) => ({ ...h, cls: "RangeFill" }),
    font: (h) => ({ ...h, cls: "RangeFont" }),
    borders: (h) => ({ ...h, cls: "RangeBorderCollection" }),
    protection: (h) => ({ ...h, cls: "FormatProtection" }),
  },
};

function colour(v: unknown): string {
  const s = String(v);
  if (!/^#[0-9A-Fa-f]{6}$/.test(s)) throw new HostError("InvalidArgument", `The argument is invalid or missing or has an incorrect format (colour '${s}').`);
  return s.toUpperCase();
}

const RangeFill: ClassDef = {
  props: {
    // Excel reports "no fill" as white, mixed fills as null.
    color: { ...formatProp("fill", "fill", colour), get: (h, x) => common(sheetOf(h, x), rectOf(h), (c) => c.fill ?? "#FFFFFF") },
  },
  methods: {
    clear: (h, _a, x) => {
      const s = sheetOf(h, x);
      for (const r of rectsOf(h)) guard(s, r, "format", "fill");
      for (const r of rectsOf(h)) patch(s, r, () => ({ fill: null }));
    },
  },
};

const RangeFont: ClassDef = {
  props: {
    bold: formatProp("bold", "font"),
    italic: formatProp("italic", "font"),
    color: formatProp("fontColor", "font", colour),
    size: formatProp("fontSize", "font", Number),
    name: formatProp("fontName", "font", String),
  },
};

const RangeBorderCollection: ClassDef = {
  indexer: (h, args) => ({ ...h, cls: "RangeBorder", edge: args[0] }),
  objects: { getItem: (h, args) => ({ ...h, cls: "RangeBorder", edge: args[0] }) },
};

const RangeBorder: ClassDef = {
  props: {
    style: {
      get: (h, x) => (common(sheetOf(h, x), rectOf(h), (c) => c.border) ? "Continuous" : "None"),
      set: (h, v, x) => {
        const s = sheetOf(h, x);
        guard(s, rectOf(h), "format", "borders");
        patch(s, rectOf(h), () => ({ border: v !== "None" }));
      },
    },
  },
};

const FormatProtection: ClassDef = {
  props: {
    locked: {
      get: (h, x) => common(sheetOf(h, x), rectOf(h), (c) => c.locked),
      set: (h, v, x) => {
        const s = sheetOf(h, x);
        // Only an unprotected sheet lets cells be locked or unlocked.
        guard(s, null, "structure", "lock cells");
        patch(s, rectOf(h), () => ({ locked: v === true }));
      },
    },
  },
};

const DataValidation: ClassDef = {
  props: {
    rule: {
      set: (h, v, x) => {
        const s = sheetOf(h, x);
        guard(s, null, "structure", "data validation");
        const r = rectOf(h);
        const list = (v as { list?: { inCellDropDown?: boolean; source?: string } }).list;
        if (!list || typeof list.source !== "string") throw new HostError("HostNotModelled", "The test host models list validations only.");
        // The project's rule (Excel splits inline lists on commas whatever the locale): a range.
        if (!list.source.startsWith("=")) throw new HostError("InvalidArgument", `A list source must be a range reference, got '${list.source}'.`);
        const ref = parseAddress(list.source.slice(1));
        if (ref.sheet !== undefined && !x.wb.sheets.some((w) => w.name.toLowerCase() === (ref.sheet as string).toLowerCase())) {
          throw new HostError("InvalidArgument", `The list source sheet '${ref.sheet}' does not exist.`);
        }
        s.validations = s.validations.filter((o) => !contains(r, o.rect));
        s.validations.push({ rect: { ...r }, source: list.source, inCellDropDown: list.inCellDropDown !== false, alertStyle: "Stop" });
      },
    },
    errorAlert: {
      set: (h, v, x) => {
        const s = sheetOf(h, x);
        const r = rectOf(h);
        const a = v as { style?: string };
        s.validations = s.validations.map((o) => (contains(r, o.rect) || contains(o.rect, r) ? { ...o, alertStyle: a.style ?? o.alertStyle } : o));
      },
    },
  },
  methods: {
    clear: (h, _a, x) => {
      const s = sheetOf(h, x);
      guard(s, null, "structure", "data validation");
      s.validations = s.validations.filter((o) => !intersects(rectOf(h), o.rect));
    },
  },
};

let cfSerial = 0;

const ConditionalFormatCollection: ClassDef = {
  items: (h, x) => sheetOf(h, x).conditionalFormats.filter((c) => intersects(c.rect, rectOf(h))).map((c) => ({ cls: "ConditionalFormat", sheetId: h.sheetId, cfId: c.id })),
  indexer: (h, args, x) => {
    const c = sheetOf(h, x).conditionalFormats.find((f) => f.id === args[0]);
    if (!c) throw new HostError("ItemNotFound", "The requested resource doesn't exist.");
    return { cls: "ConditionalFormat", sheetId: h.sheetId, cfId: args[0] };
  },
  objects: {
    add: (h, args, x) => {
      const s = sheetOf(h, x);
      guard(s, null, "structure", "conditional formats");
      const id = `{CF${++cfSerial}}`;
      s.conditionalFormats.push({ id, rect: { ...rectOf(h) }, type: String(args[0]), rule: null });
      return { cls: "ConditionalFormat", sheetId: h.sheetId, cfId: id };
    },
  },
  methods: {
    clearAll: (h, _a, x) => {
      const s = sheetOf(h, x);
      guard(s, null, "structure", "conditional formats");
      s.conditionalFormats = s.conditionalFormats.filter((c) => !intersects(c.rect, rectOf(h)));
    },
    getCount: (h, _a, x) => sheetOf(h, x).conditionalFormats.filter((c) => intersects(c.rect, rectOf(h))).length,
  },
};

function cfEntry(h: Handle, x: Exec): FSheet["conditionalFormats"][number] {
  const c = sheetOf(h, x).conditionalFormats.find((f) => f.id === h.cfId);
  if (!c) throw new HostError("ItemNotFound", "The conditional format doesn't exist.");
  return c;
}

const ConditionalFormat: ClassDef = {
  key: (h) => ({ name: "Id", value: String(h.cfId) }),
  props: { type: { get: (h, x) => cfEntry(h, x).type }, id: { get: (h) => h.cfId } },
  nav: { textComparison: (h) => ({ ...h, cls: "TextConditionalFormat" }) },
  methods: {
    delete: (h, _a, x) => {
      const s = sheetOf(h, x);
      s.conditionalFormats = s.conditionalFormats.filter((f) => f.id !== h.cfId);
    },
  },
};

const TextConditionalFormat: ClassDef = {
  props: {
    rule: {
      get: (h, x) => cfEntry(h, x).rule,
      set: (h, v, x) => {
        cfEntry(h, x).rule = v;
      },
    },
  },
  nav: { format: (h) => ({ ...h, cls: "ConditionalRangeFormat" }) },
};

const ConditionalRangeFormat: ClassDef = {
  nav: {
    font: (h) => ({ ...h, cls: "ConditionalRangeFont" }),
    fill: (h) => ({ ...h, cls: "ConditionalRangeFill" }),
  },
};

const ConditionalRangeFont: ClassDef = {
  props: {
    color: {
      get: (h, x) => cfEntry(h, x).fontColor ?? null,
      set: (h, v, x) => {
        cfEntry(h, x).fontColor = colour(v);
      },
    },
  },
};

const ConditionalRangeFill: ClassDef = {
  props: {
    color: {
      get: (h, x) => cfEntry(h, x).fill ?? null,
      set: (h, v, x) => {
        cfEntry(h, x).fill = colour(v);
      },
    },
  },
};

// ---------------------------------------------------------------- notes and comments

interface NoteAt {
  s: FSheet;
  k: string;
  addr: string;
}

function noteKind(cls: string): "notes" | "comments" {
  return cls.startsWith("Note") ? "notes" : "comments";
}

function noteMap(s: FSheet, kind: "notes" | "comments"): Map<string, string> {
  return kind === "notes" ? s.notes : s.comments;
}

/** An item of a note/comment collection: keyed by "'Sheet'!A1", as its cell says. */
function noteHandle(cls: string, s: FSheet, row: number, col: number): Handle {
  return { cls, sheetId: s.id, row, col };
}

function noteAt(h: Handle, x: Exec): NoteAt {
  const s = sheetOf(h, x);
  return { s, k: key(h.row as number, h.col as number), addr: a1(h.row as number, h.col as number) };
}

/** "A1" on a sheet's collection, "'Sheet'!A1" (or a comment id) on the workbook's. */
function findNote(h: Handle, x: Exec, keyArg: unknown, cls: string): Handle | null {
  const text = String(keyArg);
  const kind = noteKind(cls);
  let sheets = h.scope ? [sheetOf({ cls: "Worksheet", sheetId: h.scope }, x)] : x.wb.sheets;
  let rect: RangeRect;
  try {
    const p = parseAddress(text);
    if (p.sheet !== undefined) sheets = sheets.filter((s) => s.name.toLowerCase() === (p.sheet as string).toLowerCase());
    rect = p.rect;
  } catch {
    return null;
  }
  for (const s of sheets) if (noteMap(s, kind).has(key(rect.row, rect.col))) return noteHandle(cls, s, rect.row, rect.col);
  return null;
}

function noteCollection(itemCls: string): ClassDef {
  const kind = noteKind(itemCls);
  const items = (h: Handle, x: Exec): Handle[] => {
    const sheets = h.scope ? [sheetOf({ cls: "Worksheet", sheetId: h.scope }, x)] : x.wb.sheets;
    const out: Handle[] = [];
    for (const s of sheets) {
      noteMap(s, kind).forEach((_v, k) => {
        const [row, col] = k.split(",").map(Number);
        out.push(noteHandle(itemCls, s, row, col));
      });
    }
    return out;
  };
  const byKey = (h: Handle, args: unknown[], x: Exec): Handle => {
    const n = findNote(h, x, args[0], itemCls);
    if (!n) throw new HostError("ItemNotFound", `The requested resource doesn't exist (${itemCls.toLowerCase()} at ${String(args[0])}).`);
    return n;
  };
  return {
    items,
    indexer: byKey,
    objects: {
      getItem: byKey,
      getItemByCell: (h, args, x) => {
        const where = args[0];
        if (typeof where === "string") return byKey(h, args, x);
        const r = rectOf(where as Handle);
        const s = sheetOf(where as Handle, x);
        if (!noteMap(s, kind).has(key(r.row, r.col))) throw new HostError("ItemNotFound", `No ${kind === "notes" ? "note" : "comment"} at ${s.name}!${a1(r.row, r.col)}.`);
        return noteHandle(itemCls, s, r.row, r.col);
      },
      getItemOrNullObject: (h, args, x) => findNote(h, x, args[0], itemCls),
      getItemAt: (h, args, x) => {
        const it = items(h, x)[Number(args[0])];
        if (!it) throw new HostError("ItemNotFound", "No item at that index.");
        return it;
      },
      add: (h, args, x) => {
        const where = args[0];
        let s: FSheet;
        let r: RangeRect;
        if (typeof where === "string") {
          const p = parseAddress(where);
          s = p.sheet !== undefined ? (x.wb.sheets.find((w) => w.name.toLowerCase() === (p.sheet as string).toLowerCase()) as FSheet) : sheetOf({ cls: "Worksheet", sheetId: h.scope }, x);
          if (!s) throw new HostError("ItemNotFound", `No sheet for ${where}.`);
          r = oneCell(x, s, where);
        } else {
          s = sheetOf(where as Handle, x);
          r = oneCell(x, s, where);
        }
        guard(s, null, "objects", kind === "notes" ? "add a note" : "add a comment");
        const map = noteMap(s, kind);
        const k = key(r.row, r.col);
        if (map.has(k)) throw new HostError("InvalidArgument", `The cell ${a1(r.row, r.col)} already has a ${kind === "notes" ? "note" : "comment"}.`);
        map.set(k, String(args[1]));
        return noteHandle(itemCls, s, r.row, r.col);
      },
    },
    methods: {
      getCount: (h, _a, x) => items(h, x).length,
    },
  };
}

function noteItem(cls: string): ClassDef {
  const kind = noteKind(cls);
  return {
    key: (h, x) => ({ name: cls === "Comment" ? "Id" : "_Id", value: `${quoteSheet(sheetOf(h, x).name)}!${a1(h.row as number, h.col as number)}` }),
    props: {
      content: {
        get: (h, x) => {
          const n = noteAt(h, x);
          return noteMap(n.s, kind).get(n.k) ?? null;
        },
        set: (h, v, x) => {
          const n = noteAt(h, x);
          guard(n.s, null, "objects", "edit a note");
          noteMap(n.s, kind).set(n.k, String(v));
        },
      },
      authorName: { get: () => "Test user" },
      id: { get: (h, x) => `${quoteSheet(sheetOf(h, x).name)}!${a1(h.row as number, h.col as number)}` },
    },
    objects: {
      getLocation: (h, _a, x) => {
        const n = noteAt(h, x);
        return rangeHandle(n.s.id, { row: h.row as number, col: h.col as number, rowCount: 1, colCount: 1 });
      },
    },
    methods: {
      delete: (h, _a, x) => {
        const n = noteAt(h, x);
        const map = noteMap(n.s, kind);
        if (!map.has(n.k)) throw new HostError("ItemNotFound", `No ${kind === "notes" ? "note" : "comment"} at ${n.s.name}!${n.addr}.`);
        guard(n.s, null, "objects", kind === "notes" ? "delete a note" : "delete a comment");
        map.delete(n.k);
      },
    },
  };
}

// ---------------------------------------------------------------- charts

export interface ChartRecord {
  sheetId: string;
  type: string;
  source: string;
  title?: string;
  legendVisible?: boolean;
  top?: number;
  left?: number;
  height?: number;
  width?: number;
}

function chartsOf(x: Exec): ChartRecord[] {
  const wb = x.wb as FakeWorkbook & { charts?: ChartRecord[] };
  if (!wb.charts) wb.charts = [];
  return wb.charts;
}

function chartProp(k: keyof ChartRecord): PropDef {
  return {
    get: (h, x) => chartsOf(x)[h.chart as number][k],
    set: (h, v, x) => {
      (chartsOf(x)[h.chart as number] as unknown as Record<string, unknown>)[k] = v;
    },
  };
}

const ChartCollection: ClassDef = {
  objects: {
    add: (h, args, x) => {
      const s = sheetOf(h, x);
      guard(s, null, "objects", "add a chart");
      const src = args[1] as Handle;
      const list = chartsOf(x);
      list.push({ sheetId: s.id, type: String(args[0]), source: addressOf(sheetOf(src, x), rectOf(src)) });
      return { cls: "Chart", chart: list.length - 1 };
    },
  },
  methods: { getCount: (h, _a, x) => chartsOf(x).filter((c) => c.sheetId === h.sheetId).length },
};

const Chart: ClassDef = {
  key: (h) => ({ name: "Id", value: `{C${String(h.chart)}}` }),
  props: { top: chartProp("top"), left: chartProp("left"), height: chartProp("height"), width: chartProp("width") },
  nav: {
    title: (h) => ({ ...h, cls: "ChartTitle" }),
    legend: (h) => ({ ...h, cls: "ChartLegend" }),
  },
};

const ChartTitle: ClassDef = { props: { text: chartProp("title") } };
const ChartLegend: ClassDef = { props: { visible: chartProp("legendVisible") } };

export const CLASSES: Record<string, ClassDef> = {
  Workbook,
  WorksheetCollection,
  Worksheet,
  WorksheetProtection,
  WorksheetFreezePanes,
  PageLayout,
  HeaderFooterGroup,
  HeaderFooter,
  AutoFilter,
  Range,
  RangeAreas,
  RangeFormat,
  RangeFill,
  RangeFont,
  RangeBorderCollection,
  RangeBorder,
  FormatProtection,
  DataValidation,
  ConditionalFormatCollection,
  ConditionalFormat,
  TextConditionalFormat,
  ConditionalRangeFormat,
  ConditionalRangeFont,
  ConditionalRangeFill,
  NoteCollection: noteCollection("Note"),
  Note: noteItem("Note"),
  CommentCollection: noteCollection("Comment"),
  Comment: noteItem("Comment"),
  ChartCollection,
  Chart,
  ChartTitle,
  ChartLegend,
};
