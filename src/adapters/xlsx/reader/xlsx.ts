/**
 * SpreadsheetML (.xlsx, .xlsm, Strict OOXML) → sheet snapshots. Reads only the parts a
 * check needs — package and workbook relationships, the workbook, styles' number formats,
 * shared strings, and in each worksheet its rows, cells, columns, merged areas and
 * protection — and skips every other element unread, so data validations, conditional
 * formats, tables, drawings, comments or a broken docProps never stand in the way.
 * Tolerant of what real writers produce: any namespace prefix (x:, ns0:), absolute or
 * relative part paths, part names in any case, rows and cells without references,
 * inline and rich strings, 1904 dates written "1" or "true".
 */
import type { CellValue, CellValueType, SheetSnapshot } from "../../../engine/types";
import { XlsxError } from "../errors";
import { BUILTIN_FORMATS, type DisplayLocale } from "../format";
import { FORMAT_NAMES, fileMessages } from "./messages";
import type { ReadBudget } from "./limits";
import { SheetBuilder, TextMaker } from "./sheet";
import { XmlScanner, attr, decodeOoxmlEscapes, decodeXml, detach, type XmlHandler } from "./xml";
import { ZipPackage, resolvePart } from "./zip";

interface Relationship {
  type: string;
  target: string;
}

function folderOf(part: string): string {
  const k = part.lastIndexOf("/");
  return k >= 0 ? part.slice(0, k + 1) : "";
}

function relsPartOf(part: string): string {
  const k = part.lastIndexOf("/");
  return `${part.slice(0, k + 1)}_rels/${part.slice(k + 1)}.rels`;
}

/** Scans a whole (small) part with a handler. */
function scanPart(zip: ZipPackage, part: string, budget: ReadBudget, h: XmlHandler): boolean {
  const scanner = new XmlScanner(h);
  const found = zip.text(part, budget, (s) => scanner.feed(s));
  scanner.end();
  return found;
}

function readRelationships(zip: ZipPackage, part: string, budget: ReadBudget): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  const base = folderOf(part.replace(/_rels\/[^/]*$/, ""));
  scanPart(zip, part, budget, {
    wantText: false,
    open(name, attrs) {
      if (name !== "Relationship") return;
      const id = attr(attrs, "Id");
      const target = attr(attrs, "Target");
      if (!id || !target || /^external$/i.test(attr(attrs, "TargetMode") ?? "")) return;
      if (!rels.has(id)) rels.set(id, { type: attr(attrs, "Type") ?? "", target: resolvePart(base, target) });
    },
    close() {},
    text() {},
  });
  return rels;
}

const typeIs = (r: Relationship, kind: string) => r.type.endsWith("/" + kind);

interface SheetEntry {
  name: string;
  state: string;
  rid: string;
}

function readWorkbookPart(zip: ZipPackage, part: string, budget: ReadBudget): { sheets: SheetEntry[]; date1904: boolean } {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  scanPart(zip, part, budget, {
    wantText: false,
    open(name, attrs) {
      if (name === "sheet") sheets.push({ name: detach(attr(attrs, "name") ?? `Sheet${sheets.length + 1}`), state: attr(attrs, "state") ?? "visible", rid: attr(attrs, "id") ?? "" });
      else if (name === "workbookPr") date1904 = /^(1|true|on)$/i.test((attr(attrs, "date1904") ?? "").trim());
    },
    close() {},
    text() {},
  });
  return { sheets, date1904 };
}

/** Number format of each cell style (index into cellXfs). */
function readStyles(zip: ZipPackage, part: string | undefined, budget: ReadBudget): string[] {
  const formats = new Map<number, string>();
  const xfIds: number[] = [];
  if (!part) return [];
  let inCellXfs = false;
  scanPart(zip, part, budget, {
    wantText: false,
    open(name, attrs, self) {
      if (name === "numFmt") {
        const id = Number(attr(attrs, "numFmtId"));
        const code = attr(attrs, "formatCode");
        if (isFinite(id) && code !== undefined && !formats.has(id)) formats.set(id, detach(code));
      } else if (name === "cellXfs") inCellXfs = !self;
      else if (name === "xf" && inCellXfs) xfIds.push(Number(attr(attrs, "numFmtId") ?? 0) || 0);
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
    text() {},
  });
  return xfIds.map((id) => formats.get(id) ?? BUILTIN_FORMATS[id] ?? "General");
}

/** Shared strings: plain, rich (runs joined) — phonetic guides (rPh) left out, as Excel shows them. */
function readSharedStrings(zip: ZipPackage, part: string | undefined, budget: ReadBudget): string[] {
  const out: string[] = [];
  if (!part) return out;
  let inSi = false;
  let phonetic = 0;
  let parts: string[] = [];
  const h: XmlHandler = {
    wantText: false,
    open(name, _attrs, self) {
      if (name === "si") {
        inSi = !self;
        parts = [];
        if (self) out.push("");
      } else if (name === "rPh") phonetic++;
      else if (name === "t" && inSi && phonetic === 0) h.wantText = !self;
    },
    close(name) {
      if (name === "t") h.wantText = false;
      else if (name === "rPh") phonetic = Math.max(0, phonetic - 1);
      else if (name === "si" && inSi) {
        const s = decodeOoxmlEscapes(decodeXml(parts.length === 1 ? parts[0] : parts.join("")));
        budget.text(s.length);
        out.push(detach(s));
        inSi = false;
      }
    },
    text(raw) {
      parts.push(raw);
    },
  };
  scanPart(zip, part, budget, h);
  budget.memory();
  return out;
}

// Cell references, parsed without allocating: results in these two variables.
let refRow = 0;
let refCol = 0;
/** Parses "AB12" (absolute markers allowed); false when it is not a cell reference. */
function parseRef(s: string, from = 0, to = s.length): boolean {
  let i = from;
  let col = 0;
  let row = 0;
  let c = s.charCodeAt(i);
  if (c === 36) c = s.charCodeAt(++i);
  while (i < to && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) {
    col = col * 26 + ((c & 0xdf) - 64);
    c = s.charCodeAt(++i);
  }
  if (c === 36) c = s.charCodeAt(++i);
  const digits = i;
  while (i < to && c >= 48 && c <= 57) {
    row = row * 10 + (c - 48);
    c = s.charCodeAt(++i);
  }
  if (col === 0 || i === digits || row === 0) return false;
  refCol = col - 1;
  refRow = row - 1;
  return true;
}

const T_NONE = 0;
const T_V = 1;
const T_F = 2;
const T_IS = 3;

/** Days from 1899-12-30 of an ISO date ("2023-02-02" or with a time), for t="d" cells. */
function isoToSerial(iso: string, date1904: boolean): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(iso.trim());
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0)) + Math.round(+(m[6] ?? 0) * 1000);
  return ms / 86400000 + 25569 - (date1904 ? 1462 : 0);
}

class WorksheetHandler implements XmlHandler {
  wantText = false;
  private inData = false;
  private inCols = false;
  private row = -1;
  private col = -1;
  // The cell being read.
  private cr = 0;
  private cc = 0;
  private style = 0;
  private type = "";
  private target = T_NONE;
  private v = "";
  private f = "";
  private hasF = false;
  private inIs = false;
  private phonetic = 0;
  protected = false;

  constructor(
    private readonly out: SheetBuilder,
    private readonly formats: string[],
    private readonly strings: string[],
    private readonly texts: TextMaker,
    private readonly date1904: boolean,
  ) {}

  open(name: string, attrs: string, self: boolean): void {
    if (this.inData) {
      switch (name) {
        case "c": {
          const r = attr(attrs, "r");
          if (r !== undefined && parseRef(r)) {
            this.cr = refRow;
            this.cc = refCol;
          } else {
            this.cr = this.row < 0 ? 0 : this.row;
            this.cc = this.col + 1;
          }
          this.col = this.cc;
          const s = attr(attrs, "s");
          this.style = s === undefined ? 0 : +s | 0;
          this.type = attr(attrs, "t") ?? "";
          this.v = "";
          this.f = "";
          this.hasF = false;
          this.inIs = false;
          if (self) this.endCell();
          return;
        }
        case "v":
          if (!self) {
            this.target = T_V;
            this.wantText = true;
          }
          return;
        case "f":
          this.hasF = true;
          if (!self) {
            this.target = T_F;
            this.wantText = true;
          }
          return;
        case "is":
          this.inIs = true;
          return;
        case "rPh":
          this.phonetic++;
          return;
        case "t":
          if (this.inIs && this.phonetic === 0 && !self) {
            this.target = T_IS;
            this.wantText = true;
          }
          return;
        case "row": {
          const r = attr(attrs, "r");
          const n = r === undefined ? NaN : +r;
          this.row = n >= 1 ? n - 1 : this.row + 1;
          this.col = -1;
          const hidden = attr(attrs, "hidden");
          if (hidden !== undefined && (hidden === "1" || /^true$/i.test(hidden))) this.out.hideRow(this.row);
          return;
        }
      }
      return;
    }
    switch (name) {
      case "sheetData":
        this.inData = !self;
        return;
      case "cols":
        this.inCols = !self;
        return;
      case "col":
        if (this.inCols) {
          const hidden = attr(attrs, "hidden");
          if (hidden !== undefined && (hidden === "1" || /^true$/i.test(hidden))) {
            const min = +(attr(attrs, "min") ?? NaN);
            const max = +(attr(attrs, "max") ?? min);
            if (min >= 1) this.out.hideCols(min - 1, Math.max(min, max) - 1);
          }
        }
        return;
      case "mergeCell": {
        const ref = attr(attrs, "ref");
        if (!ref) return;
        const colon = ref.indexOf(":");
        if (!parseRef(ref, 0, colon < 0 ? ref.length : colon)) return;
        const r1 = refRow;
        const c1 = refCol;
        if (colon >= 0 && !parseRef(ref, colon + 1)) return;
        const r2 = colon < 0 ? r1 : refRow;
        const c2 = colon < 0 ? c1 : refCol;
        this.out.merge({ row: Math.min(r1, r2), col: Math.min(c1, c2), rowCount: Math.abs(r2 - r1) + 1, colCount: Math.abs(c2 - c1) + 1 });
        return;
      }
      case "sheetProtection": {
        const sheet = (attr(attrs, "sheet") ?? "").trim();
        this.protected = sheet === "1" || /^true$/i.test(sheet);
        return;
      }
    }
  }

  close(name: string): void {
    if (!this.inData) {
      if (name === "cols") this.inCols = false;
      return;
    }
    switch (name) {
      case "v":
      case "f":
      case "t":
        this.target = T_NONE;
        this.wantText = false;
        return;
      case "rPh":
        this.phonetic = Math.max(0, this.phonetic - 1);
        return;
      case "c":
        this.endCell();
        return;
      case "sheetData":
        this.inData = false;
        return;
    }
  }

  text(raw: string): void {
    if (this.target === T_V) this.v = this.v ? this.v + raw : raw;
    else if (this.target === T_F) this.f = this.f ? this.f + raw : raw;
    else if (this.target === T_IS) this.v = this.v ? this.v + raw : raw;
  }

  private endCell(): void {
    this.target = T_NONE;
    this.wantText = false;
    const fmt = this.formats[this.style] ?? "General";
    const formula = this.hasF && this.f ? "=" + decodeXml(this.f).replace(/^=/, "") : null;
    const t = this.type;
    const v = this.v;
    let value: CellValue;
    let type: CellValueType;
    let text: string;
    if (t === "s") {
      if (v === "") return this.empty(fmt, formula);
      const s = this.strings[+v];
      value = text = s === undefined ? "" : s;
      type = "String";
    } else if (t === "str" || t === "inlineStr" || t === "e") {
      if (v === "" && t !== "inlineStr") return this.empty(fmt, formula);
      value = text = detach(decodeOoxmlEscapes(decodeXml(v)));
      type = t === "e" ? "Error" : "String";
    } else if (t === "b") {
      if (v === "") return this.empty(fmt, formula);
      const yes = v.trim() === "1" || /^true$/i.test(v.trim());
      value = yes;
      type = "Boolean";
      text = yes ? "TRUE" : "FALSE";
    } else {
      if (v === "") return this.empty(fmt, formula);
      let n = t === "d" ? isoToSerial(v, this.date1904) : +v;
      if (n === null || n !== n) {
        // Not a number after all: keep what is written, as text.
        value = text = detach(decodeXml(v));
        type = "String";
      } else {
        if (n === 0) n = 0; // no "-0"
        value = n;
        type = "Double";
        text = this.texts.number(n, fmt);
      }
    }
    this.out.cell(this.cr, this.cc, value, type, fmt, text, formula);
  }

  private empty(fmt: string, formula: string | null): void {
    if (formula !== null) this.out.cell(this.cr, this.cc, "", "Empty", fmt, "", formula);
    else if (fmt !== "General") this.out.styledEmpty(this.cr, this.cc, fmt);
  }
}

export interface XlsxReadResult {
  sheets: SheetSnapshot[];
}

function damaged(file: string, vi: string, en: string): XlsxError {
  const m = fileMessages.damagedWorkbook({ vi, en });
  return new XlsxError("corrupt", file, m.vi, m.en);
}

export function readXlsxPackage(zip: ZipPackage, budget: ReadBudget, locale: DisplayLocale): XlsxReadResult {
  const file = zip.file;
  const pkgRels = readRelationships(zip, "_rels/.rels", budget);
  let workbookPart = "";
  for (const r of pkgRels.values()) if (typeIs(r, "officeDocument") && zip.has(r.target)) workbookPart = r.target;
  if (!workbookPart) workbookPart = zip.has("xl/workbook.xml") ? "xl/workbook.xml" : "";
  if (!workbookPart) {
    if (zip.has("xl/workbook.bin")) {
      const m = fileMessages.unsupportedFormat(FORMAT_NAMES.xlsb);
      throw new XlsxError("unsupported", file, m.vi, m.en);
    }
    const m = fileMessages.notWorkbookZip;
    throw new XlsxError("notXlsx", file, m.vi, m.en);
  }
  if (/\.bin$/i.test(workbookPart)) {
    const m = fileMessages.unsupportedFormat(FORMAT_NAMES.xlsb);
    throw new XlsxError("unsupported", file, m.vi, m.en);
  }
  const rels = readRelationships(zip, relsPartOf(workbookPart), budget);
  const { sheets, date1904 } = readWorkbookPart(zip, workbookPart, budget);
  if (sheets.length === 0) {
    // A workbook that lists no sheet but relates worksheets: read them, as Excel's repair does.
    for (const [rid, r] of rels) if (typeIs(r, "worksheet")) sheets.push({ name: `Sheet${sheets.length + 1}`, state: "visible", rid });
  }
  if (sheets.length === 0) throw damaged(file, "không có trang tính nào", "it lists no worksheet");
  let stylesPart: string | undefined;
  let stringsPart: string | undefined;
  for (const r of rels.values()) {
    if (typeIs(r, "styles") && zip.has(r.target)) stylesPart = r.target;
    else if (typeIs(r, "sharedStrings") && zip.has(r.target)) stringsPart = r.target;
  }
  // Writers that leave the relationships out still put the parts in their usual places.
  const folder = folderOf(workbookPart);
  if (!stylesPart && zip.has(folder + "styles.xml")) stylesPart = folder + "styles.xml";
  if (!stringsPart && zip.has(folder + "sharedStrings.xml")) stringsPart = folder + "sharedStrings.xml";
  const formats = readStyles(zip, stylesPart, budget);
  const strings = readSharedStrings(zip, stringsPart, budget);
  const texts = new TextMaker(date1904, locale);
  const out: SheetSnapshot[] = [];
  sheets.forEach((s, k) => {
    const rel = rels.get(s.rid);
    // Chart sheets, dialog and macro sheets hold no cells: Excel's worksheets do not list them.
    if (rel && !typeIs(rel, "worksheet")) return;
    let part = rel?.target;
    if (!part || !zip.has(part)) part = zip.has(`${folder}worksheets/sheet${k + 1}.xml`) && !rel ? `${folder}worksheets/sheet${k + 1}.xml` : undefined;
    const builder = new SheetBuilder(budget);
    const h = new WorksheetHandler(builder, formats, strings, texts, date1904);
    if (part) scanPart(zip, part, budget, h);
    budget.time();
    budget.memory();
    out.push(builder.finish({ name: s.name, visible: !/hidden/i.test(s.state), protected: h.protected }));
  });
  return { sheets: out };
}
