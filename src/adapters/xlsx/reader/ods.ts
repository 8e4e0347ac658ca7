/**
 * OpenDocument spreadsheets (.ods, as LibreOffice and others write them) → sheet
 * snapshots: values with their types, the text each cell shows, number formats rebuilt
 * from the data styles (percent and dates matter to the check), merged areas from spans,
 * hidden rows and columns, hidden and protected sheets, and the null date (1904 files).
 * Repeated rows and cells are expanded only where they hold something: a sheet that ends
 * in a million repeated empty rows costs nothing.
 */
import type { CellValue, CellValueType, SheetSnapshot } from "../../../engine/types";
import { XlsxError } from "../errors";
import type { DisplayLocale } from "../format";
import { FORMAT_NAMES, fileMessages } from "./messages";
import type { ReadBudget } from "./limits";
import { SheetBuilder, TextMaker } from "./sheet";
import { XmlScanner, attr, decodeXml, detach, type XmlHandler } from "./xml";
import type { ZipPackage } from "./zip";

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

/** Data styles (number:*-style) → an Excel-like format code; cell styles → their data style. */
class OdsStyles {
  readonly dataCodes = new Map<string, string>();
  readonly cellData = new Map<string, string>();
  readonly hiddenTables = new Set<string>();
  // The data style being read.
  private current: { name: string; kind: string; code: string } | null = null;
  private textTarget = false;
  private literal = "";

  wantText = false;

  open(name: string, attrs: string, self: boolean): void {
    if (name.startsWith("number:") && name.endsWith("-style")) {
      this.current = { name: attr(attrs, "style:name") ?? "", kind: name.slice(7, -6), code: "" };
      if (self) this.endStyle();
      return;
    }
    const cur = this.current;
    if (cur) {
      const long = attr(attrs, "number:style") === "long";
      switch (name) {
        case "number:number": {
          const dec = Number(attr(attrs, "number:decimal-places") ?? 0) || 0;
          const grouping = attr(attrs, "number:grouping") === "true";
          cur.code += (grouping ? "#,##0" : "0") + (dec > 0 ? "." + "0".repeat(Math.min(dec, 15)) : "");
          return;
        }
        case "number:scientific-number":
        case "number:fraction":
          cur.code += "General";
          return;
        case "number:day":
          cur.code += long ? "dd" : "d";
          return;
        case "number:month":
          cur.code += attr(attrs, "number:textual") === "true" ? (long ? "mmmm" : "mmm") : long ? "mm" : "m";
          return;
        case "number:year":
          cur.code += long ? "yyyy" : "yy";
          return;
        case "number:day-of-week":
          cur.code += long ? "dddd" : "ddd";
          return;
        case "number:hours":
          cur.code += long ? "hh" : "h";
          return;
        case "number:minutes":
          cur.code += long ? "mm" : "m";
          return;
        case "number:seconds":
          cur.code += long ? "ss" : "s";
          return;
        case "number:am-pm":
          cur.code += "AM/PM";
          return;
        case "number:text-content":
          cur.code += "@";
          return;
        case "number:text":
        case "number:currency-symbol":
          this.literal = "";
          this.textTarget = !self;
          this.wantText = !self;
          return;
      }
      return;
    }
    if (name === "style:style") {
      const styleName = attr(attrs, "style:name");
      const family = attr(attrs, "style:family");
      const data = attr(attrs, "style:data-style-name");
      if (styleName && family === "table-cell" && data) this.cellData.set(styleName, data);
      if (styleName && family === "table") this.tableStyle = styleName;
      if (self) this.tableStyle = "";
    } else if (name === "style:table-properties" && this.tableStyle && attr(attrs, "table:display") === "false") {
      this.hiddenTables.add(this.tableStyle);
    }
  }

  private tableStyle = "";

  close(name: string): void {
    if (this.textTarget && (name === "number:text" || name === "number:currency-symbol")) {
      const lit = decodeXml(this.literal);
      if (this.current && lit) this.current.code += lit === "%" ? "%" : `"${lit.replace(/"/g, "")}"`;
      this.textTarget = false;
      this.wantText = false;
      return;
    }
    if (this.current && name.startsWith("number:") && name.endsWith("-style")) this.endStyle();
    else if (name === "style:style") this.tableStyle = "";
  }

  text(raw: string): void {
    if (this.textTarget) this.literal += raw;
  }

  private endStyle(): void {
    const cur = this.current;
    this.current = null;
    if (!cur || !cur.name) return;
    let code = cur.code;
    if (cur.kind === "text") code = "@";
    else if (cur.kind === "boolean" || code === "") code = "General";
    else if (cur.kind === "percentage" && code.indexOf("%") < 0) code += "%";
    this.dataCodes.set(cur.name, code);
  }

  formatOf(cellStyle: string | undefined): string {
    if (!cellStyle) return "General";
    const data = this.cellData.get(cellStyle);
    return (data && this.dataCodes.get(data)) || "General";
  }
}

/** "PT12H30M15S" → fraction of a day. */
function durationToDays(s: string): number | null {
  const m = /^-?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(s.trim());
  if (!m) return null;
  const days = +(m[1] ?? 0) + (+(m[2] ?? 0) + (+(m[3] ?? 0) + +(m[4] ?? 0) / 60) / 60) / 24;
  return s.trim().startsWith("-") ? -days : days;
}

function isoDays(iso: string): number | null {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(iso.trim());
  if (!m) return null;
  return (Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0)) + Math.round(+(m[6] ?? 0) * 1000)) / 86400000;
}

interface PendingCell {
  value: CellValue;
  type: CellValueType;
  format: string;
  formula: string | null;
  repeat: number;
  colSpan: number;
  rowSpan: number;
  hasText: boolean;
}

class ContentHandler implements XmlHandler {
  wantText = false;
  readonly sheets: SheetSnapshot[] = [];
  /** Days from 1899-12-30 to the null date (1904 files: 1462). */
  private nullDate = 0;
  private depth = 0; // table:table nesting
  private builder: SheetBuilder | null = null;
  private sheetName = "";
  private sheetVisible = true;
  private sheetProtected = false;
  private row = 0;
  private col = 0;
  private colNo = 0;
  private rowRepeat = 1;
  private rowDefaultStyle: string | undefined;
  private colStyles: { from: number; to: number; style: string }[] = [];
  private rowCells: { col: number; cell: PendingCell; text: string }[] = [];
  private cell: PendingCell | null = null;
  private cellCol = 0;
  private paragraphs: string[] = [];
  private para = "";
  private inP = 0;
  private annotation = 0;
  private texts!: TextMaker;

  constructor(private readonly styles: OdsStyles, private readonly budget: ReadBudget, private readonly locale: DisplayLocale) {}

  open(name: string, attrs: string, self: boolean): void {
    if (this.depth === 0) {
      if (name === "table:null-date") {
        const d = isoDays(attr(attrs, "table:date-value") ?? "1899-12-30");
        if (d !== null) this.nullDate = d + 25569;
      } else if (name === "table:table") this.startTable(attrs, self);
      else this.styles.open(name, attrs, self);
      this.wantText = this.styles.wantText;
      return;
    }
    if (name === "table:table") {
      this.depth++; // a table inside a cell: not read
      return;
    }
    if (this.depth > 1) return;
    if (this.cell) {
      if (name === "office:annotation") this.annotation++;
      else if (this.annotation === 0) {
        if (name === "text:p" || name === "text:h") {
          this.inP++;
          this.para = "";
          this.wantText = !self;
          if (self) this.endParagraph();
        } else if (this.inP > 0) {
          if (name === "text:s") this.para += " ".repeat(Math.min(1000, Number(attr(attrs, "text:c") ?? 1) || 1));
          else if (name === "text:tab") this.para += "\t";
          else if (name === "text:line-break") this.para += "\n";
        }
      }
      return;
    }
    switch (name) {
      case "table:table-column": {
        const n = Math.min(MAX_COLS, Number(attr(attrs, "table:number-columns-repeated") ?? 1) || 1);
        const style = attr(attrs, "table:default-cell-style-name");
        if (style && style !== "Default") this.colStyles.push({ from: this.colNo, to: this.colNo + n - 1, style });
        const vis = attr(attrs, "table:visibility");
        if (vis === "collapse" || vis === "filter") {
          for (let k = 0; k < n && this.colNo + k < MAX_COLS; k++) this.budget.cell();
          this.builder?.hideCols(this.colNo, Math.min(MAX_COLS, this.colNo + n) - 1);
        }
        this.colNo += n;
        return;
      }
      case "table:table-row": {
        this.rowRepeat = Math.max(1, Math.min(MAX_ROWS, Number(attr(attrs, "table:number-rows-repeated") ?? 1) || 1));
        this.rowDefaultStyle = attr(attrs, "table:default-cell-style-name");
        this.col = 0;
        this.rowCells = [];
        const vis = attr(attrs, "table:visibility");
        if (vis === "collapse" || vis === "filter") {
          for (let k = 0; k < this.rowRepeat && this.row + k < MAX_ROWS; k++) {
            this.budget.cell();
            this.builder?.hideRow(this.row + k);
          }
        }
        if (self) this.endRow();
        return;
      }
      case "table:table-cell":
      case "table:covered-table-cell": {
        const repeat = Math.max(1, Math.min(MAX_COLS, Number(attr(attrs, "table:number-columns-repeated") ?? 1) || 1));
        if (name === "table:covered-table-cell") {
          this.col += repeat;
          return;
        }
        this.startCell(attrs, repeat);
        if (self) this.endCell();
        return;
      }
    }
  }

  close(name: string): void {
    if (name === "table:table") {
      if (this.depth > 1) this.depth--;
      else if (this.depth === 1) this.endTable();
      return;
    }
    if (this.depth === 0) {
      this.styles.close(name);
      this.wantText = this.styles.wantText;
      return;
    }
    if (this.depth > 1) return;
    if (this.cell) {
      if (name === "office:annotation") this.annotation = Math.max(0, this.annotation - 1);
      else if ((name === "text:p" || name === "text:h") && this.annotation === 0 && this.inP > 0) this.endParagraph();
      else if (name === "table:table-cell") this.endCell();
      return;
    }
    if (name === "table:table-row") this.endRow();
  }

  text(raw: string): void {
    if (this.depth === 0) this.styles.text(raw);
    else if (this.inP > 0 && this.annotation === 0) this.para += raw;
  }

  private startTable(attrs: string, self: boolean): void {
    this.depth = 1;
    this.builder = new SheetBuilder(this.budget);
    // A null date of 1 January 1904 is Excel's 1904 date system.
    this.texts = new TextMaker(this.nullDate === 1462, this.locale);
    this.sheetName = detach(attr(attrs, "table:name") ?? `Sheet${this.sheets.length + 1}`);
    const style = attr(attrs, "table:style-name");
    this.sheetVisible = !(style && this.styles.hiddenTables.has(style));
    this.sheetProtected = attr(attrs, "table:protected") === "true";
    this.row = 0;
    this.colNo = 0;
    this.colStyles = [];
    if (self) this.endTable();
  }

  private endTable(): void {
    this.depth = 0;
    if (!this.builder) return;
    this.budget.time();
    this.budget.memory();
    this.sheets.push(this.builder.finish({ name: this.sheetName, visible: this.sheetVisible, protected: this.sheetProtected }));
    this.builder = null;
  }

  private styleFor(col: number, own: string | undefined): string {
    if (own) return own;
    if (this.rowDefaultStyle) return this.rowDefaultStyle;
    for (const s of this.colStyles) if (col >= s.from && col <= s.to) return s.style;
    return "";
  }

  private startCell(attrs: string, repeat: number): void {
    const vt = attr(attrs, "office:value-type");
    const ext = attr(attrs, "calcext:value-type");
    const f = attr(attrs, "table:formula");
    const formula = f ? "=" + f.replace(/^(of|msoxl|ooow):/, "").replace(/^=/, "") : null;
    const format = this.styles.formatOf(this.styleFor(this.col, attr(attrs, "table:style-name")));
    let value: CellValue = "";
    let type: CellValueType = "Empty";
    if (ext === "error") type = "Error";
    else if (vt === "float" || vt === "percentage" || vt === "currency") {
      const n = Number(attr(attrs, "office:value"));
      if (n === n) {
        value = n === 0 ? 0 : n;
        type = "Double";
      }
    } else if (vt === "date") {
      const d = isoDays(attr(attrs, "office:date-value") ?? "");
      if (d !== null) {
        value = d + 25569 - this.nullDate;
        type = "Double";
      }
    } else if (vt === "time") {
      const d = durationToDays(attr(attrs, "office:time-value") ?? "");
      if (d !== null) {
        value = d;
        type = "Double";
      }
    } else if (vt === "boolean") {
      const b = attr(attrs, "office:boolean-value");
      value = b === "true" || b === "1";
      type = "Boolean";
    } else if (vt === "string") {
      const s = attr(attrs, "office:string-value");
      type = "String";
      value = s === undefined ? "" : detach(s);
    }
    this.cell = {
      value,
      type,
      format: vt === "percentage" && format === "General" ? "0%" : vt === "date" && format === "General" ? "dd/mm/yyyy" : format,
      formula,
      repeat,
      colSpan: Number(attr(attrs, "table:number-columns-spanned") ?? 1) || 1,
      rowSpan: Number(attr(attrs, "table:number-rows-spanned") ?? 1) || 1,
      hasText: attr(attrs, "office:string-value") !== undefined,
    };
    this.cellCol = this.col;
    this.paragraphs = [];
    this.inP = 0;
    this.annotation = 0;
  }

  private endParagraph(): void {
    this.paragraphs.push(this.para);
    this.para = "";
    this.inP = Math.max(0, this.inP - 1);
    this.wantText = this.inP > 0;
  }

  private endCell(): void {
    const cell = this.cell;
    this.cell = null;
    this.wantText = false;
    if (!cell) return;
    this.col = this.cellCol + cell.repeat;
    const shown = this.paragraphs.length ? detach(decodeXml(this.paragraphs.join("\n"))) : "";
    if (cell.type === "String" && !cell.hasText) cell.value = shown;
    if (cell.type === "Error") cell.value = shown || "#VALUE!";
    if (cell.type === "Empty" && shown !== "" && cell.formula === null) {
      // No value type but text in the cell (some writers): text as written.
      cell.type = "String";
      cell.value = shown;
    }
    const empty = cell.type === "Empty" && cell.formula === null;
    const spans = cell.colSpan > 1 || cell.rowSpan > 1;
    if (empty && !spans) return;
    this.rowCells.push({ col: this.cellCol, cell, text: shown });
  }

  private endRow(): void {
    const b = this.builder;
    const cells = this.rowCells;
    this.rowCells = [];
    if (b && cells.length) {
      for (let k = 0; k < this.rowRepeat && this.row + k < MAX_ROWS; k++) {
        const r = this.row + k;
        for (const { col, cell, text } of cells) {
          for (let j = 0; j < cell.repeat && col + j < MAX_COLS; j++) this.put(b, r, col + j, cell, text);
        }
      }
    }
    this.row += this.rowRepeat;
    this.rowRepeat = 1;
    this.rowDefaultStyle = undefined;
  }

  private put(b: SheetBuilder, r: number, c: number, cell: PendingCell, shown: string): void {
    if (cell.colSpan > 1 || cell.rowSpan > 1) {
      b.merge({ row: r, col: c, rowCount: Math.min(cell.rowSpan, MAX_ROWS - r), colCount: Math.min(cell.colSpan, MAX_COLS - c) });
    }
    if (cell.type === "Empty" && cell.formula === null) return;
    let text = shown;
    if (cell.type === "Double") text = shown || this.texts.number(cell.value as number, cell.format);
    else if (cell.type === "Boolean") text = cell.value ? "TRUE" : "FALSE";
    else if (cell.type === "String") text = cell.value as string;
    if (cell.type === "String") this.budget.text((cell.value as string).length);
    b.cell(r, c, cell.value, cell.type, cell.format, text, cell.formula);
  }
}

export function readOdsPackage(zip: ZipPackage, budget: ReadBudget, locale: DisplayLocale): { sheets: SheetSnapshot[] } {
  const file = zip.file;
  const manifest = zip.small("META-INF/manifest.xml", budget) ?? "";
  if (/encryption-data/.test(manifest)) {
    const m = fileMessages.encrypted;
    throw new XlsxError("encrypted", file, m.vi, m.en);
  }
  if (!zip.has("content.xml")) {
    const m = fileMessages.unsupportedFormat(FORMAT_NAMES.strictOds);
    throw new XlsxError("unsupported", file, m.vi, m.en);
  }
  const styles = new OdsStyles();
  // Common styles (styles.xml) first: content.xml's cells may name them.
  const stylesScanner = new XmlScanner(styles, true);
  zip.text("styles.xml", budget, (s) => stylesScanner.feed(s));
  stylesScanner.end();
  const content = new ContentHandler(styles, budget, locale);
  const scanner = new XmlScanner(content, true);
  zip.text("content.xml", budget, (s) => scanner.feed(s));
  scanner.end();
  if (content.sheets.length === 0) {
    const m = fileMessages.damagedWorkbook({ vi: "không có trang tính nào", en: "it holds no sheet" });
    throw new XlsxError("corrupt", file, m.vi, m.en);
  }
  return { sheets: content.sheets };
}
