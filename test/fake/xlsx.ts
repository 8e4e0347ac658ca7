/**
 * Loads the fake workbook from a real .xlsx and saves it back, through ExcelJS, so the
 * same fixture files drive both adapters and what the add-in wrote can be opened anywhere.
 */
/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read -- ExcelJS objects, not Office.js proxies */
import "./ms";
import ExcelJS from "exceljs";
import { rangeA1 } from "../../src/engine/layout";
import { parseAddress } from "../../src/adapters/office/a1";
import { FakeWorkbook } from "./workbook";
import { DEFAULT_CELL, FCell, FSheet, isDefault, key } from "./model";

function argbToHex(argb: string | undefined): string | null {
  if (!argb) return null;
  const s = argb.length === 8 ? argb.slice(2) : argb;
  return /^[0-9A-Fa-f]{6}$/.test(s) ? `#${s.toUpperCase()}` : null;
}

function hexToArgb(hex: string): string {
  return `FF${hex.replace("#", "").toUpperCase()}`;
}

/** Column width: points in the Excel API, characters in the file. */
export function pointsToChars(points: number): number {
  return Math.max(0, (points / 0.75 - 5) / 7);
}
export function charsToPoints(chars: number): number {
  return Math.round(chars * 7 + 5) * 0.75;
}

function noteText(note: unknown): string | null {
  if (!note) return null;
  if (typeof note === "string") return note;
  const n = note as { texts?: { text: string }[] };
  return n.texts ? n.texts.map((t) => t.text).join("") : null;
}

function fromExcelJS(ws: ExcelJS.Worksheet, s: FSheet): void {
  s.visibility = ws.state === "hidden" ? "Hidden" : ws.state === "veryHidden" ? "VeryHidden" : "Visible";
  const prot = (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
  s.protected = !!(prot && prot.sheet);
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    if (row.hidden) s.hiddenRows.add(rowNumber - 1);
    // Empty cells too: an empty input cell still has its fill, lock and perhaps a note.
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const c: FCell = { ...DEFAULT_CELL };
      const v = cell.value as unknown;
      if (v === null || v === undefined) c.value = null;
      else if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") c.value = v;
      else if (v instanceof Date) c.value = (v.getTime() - Date.UTC(1899, 11, 30)) / 86400000;
      else if (typeof v === "object") {
        const o = v as { formula?: string; result?: unknown; richText?: { text: string }[]; text?: string; hyperlink?: string; error?: string };
        if (o.error) {
          c.value = o.error;
          c.error = true;
        } else if (o.formula !== undefined) {
          c.formula = `=${o.formula}`;
          // A formula whose result is an error ({ error: "#DIV/0!" }) is an error cell, as in Excel.
          const res = o.result as string | number | boolean | { error?: string } | undefined;
          if (res !== null && typeof res === "object" && typeof res.error === "string") {
            c.value = res.error;
            c.error = true;
          } else c.value = (res as string | number | boolean | undefined) ?? null;
        } else if (o.richText) c.value = o.richText.map((t) => t.text).join("");
        else if (o.hyperlink !== undefined) {
          c.value = o.text ?? "";
          c.hyperlink = o.hyperlink.startsWith("#") ? { documentReference: o.hyperlink.slice(1), textToDisplay: o.text } : { address: o.hyperlink, textToDisplay: o.text };
        }
      }
      if (cell.numFmt) c.numberFormat = cell.numFmt;
      const fill = cell.fill as { type?: string; pattern?: string; fgColor?: { argb?: string } } | undefined;
      if (fill && fill.type === "pattern" && fill.pattern === "solid") c.fill = argbToHex(fill.fgColor && fill.fgColor.argb);
      const font = cell.font;
      if (font) {
        c.bold = !!font.bold;
        c.italic = !!font.italic;
        if (font.size) c.fontSize = font.size;
        if (font.name) c.fontName = font.name;
        const fc = argbToHex(font.color && font.color.argb);
        if (fc) c.fontColor = fc;
      }
      if (cell.alignment) {
        c.wrap = !!cell.alignment.wrapText;
        if (cell.alignment.horizontal) c.hAlign = cell.alignment.horizontal[0].toUpperCase() + cell.alignment.horizontal.slice(1);
      }
      if (cell.border && Object.keys(cell.border).length) c.border = true;
      if (cell.protection && cell.protection.locked === false) c.locked = false;
      const n = noteText(cell.note);
      if (isDefault(c) && n === null) return;
      s.cells.set(key(rowNumber - 1, colNumber - 1), c);
      if (n !== null) s.notes.set(key(rowNumber - 1, colNumber - 1), n);
    });
  });
  const merges = (ws.model as unknown as { merges?: string[] }).merges ?? [];
  for (const m of merges) s.merges.push(parseAddress(m).rect);
  const colCount = Math.max(ws.columnCount, ws.columns ? ws.columns.length : 0);
  for (let j = 1; j <= colCount; j++) {
    const col = ws.getColumn(j);
    if (col.hidden) s.hiddenCols.add(j - 1);
    if (col.width) s.colWidths.set(j - 1, charsToPoints(col.width));
  }
  const view = ws.views && ws.views[0];
  if (view && view.state === "frozen") s.freeze = { rows: (view as { ySplit?: number }).ySplit ?? 0, cols: (view as { xSplit?: number }).xSplit ?? 0 };
  const dv = (ws as unknown as { dataValidations?: { model?: Record<string, { type?: string; formulae?: string[] }> } }).dataValidations;
  if (dv && dv.model) {
    for (const addr of Object.keys(dv.model)) {
      const rule = dv.model[addr];
      if (rule.type === "list" && rule.formulae && rule.formulae[0]) {
        s.validations.push({ rect: parseAddress(addr).rect, source: `=${rule.formulae[0]}`, inCellDropDown: true, alertStyle: "Stop" });
      }
    }
  }
}

export async function loadXlsx(input: string | Buffer, wb: FakeWorkbook = new FakeWorkbook()): Promise<FakeWorkbook> {
  const x = new ExcelJS.Workbook();
  if (typeof input === "string") await x.xlsx.readFile(input);
  else await x.xlsx.load(input as unknown as ArrayBuffer);
  x.eachSheet((ws) => {
    const s = wb.addSheet(ws.name);
    fromExcelJS(ws, s);
  });
  return wb;
}

export async function toExcelJS(wb: FakeWorkbook): Promise<ExcelJS.Workbook> {
  const x = new ExcelJS.Workbook();
  for (const s of wb.sheets) {
    const ws = x.addWorksheet(s.name, {
      state: s.visibility === "Hidden" ? "hidden" : s.visibility === "VeryHidden" ? "veryHidden" : "visible",
    });
    s.cells.forEach((c, k) => {
      const [r, col] = k.split(",").map(Number);
      const cell = ws.getCell(r + 1, col + 1);
      if (c.hyperlink) {
        const target = c.hyperlink.documentReference ? `#${c.hyperlink.documentReference}` : c.hyperlink.address ?? "";
        cell.value = { text: String(c.value ?? c.hyperlink.textToDisplay ?? ""), hyperlink: target };
      } else if (c.formula) {
        const result = c.error ? { error: c.value as ExcelJS.CellErrorValue["error"] } : ((c.value ?? undefined) as string | number | boolean | undefined);
        cell.value = { formula: c.formula.slice(1), result } as ExcelJS.CellFormulaValue;
      }
      else if (c.error) cell.value = { error: c.value as ExcelJS.CellErrorValue["error"] };
      else cell.value = c.value;
      if (c.numberFormat !== "General") cell.numFmt = c.numberFormat;
      if (c.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: hexToArgb(c.fill) } };
      if (c.bold || c.italic || c.fontColor !== "#000000" || c.fontSize !== 11 || c.fontName !== "Calibri") {
        cell.font = { name: c.fontName, bold: c.bold, italic: c.italic, size: c.fontSize, color: { argb: hexToArgb(c.fontColor) } };
      }
      if (c.wrap || c.hAlign !== "General") {
        cell.alignment = { wrapText: c.wrap, horizontal: c.hAlign === "General" ? undefined : (c.hAlign.toLowerCase() as ExcelJS.Alignment["horizontal"]) };
      }
      if (c.border) {
        const b = { style: "thin" as const };
        cell.border = { top: b, left: b, bottom: b, right: b };
      }
      if (!c.locked) cell.protection = { locked: false };
    });
    s.notes.forEach((text, k) => {
      const [r, col] = k.split(",").map(Number);
      ws.getCell(r + 1, col + 1).note = text;
    });
    for (const m of s.merges) ws.mergeCells(rangeA1(m));
    s.hiddenRows.forEach((r) => (ws.getRow(r + 1).hidden = true));
    s.hiddenCols.forEach((c) => (ws.getColumn(c + 1).hidden = true));
    s.colWidths.forEach((pts, c) => (ws.getColumn(c + 1).width = pointsToChars(pts)));
    if (s.freeze) ws.views = [{ state: "frozen", ySplit: s.freeze.rows, xSplit: s.freeze.cols }];
    for (const v of s.validations) {
      const dv = (ws as unknown as { dataValidations: { add: (a: string, r: unknown) => void } }).dataValidations;
      dv.add(rangeA1(v.rect), { type: "list", allowBlank: true, formulae: [v.source.slice(1)], showErrorMessage: v.alertStyle === "Stop" });
    }
    if (s.protected) await ws.protect(s.password ?? "", { formatCells: false });
  }
  return x;
}

export async function saveXlsx(wb: FakeWorkbook, file?: string): Promise<Buffer> {
  const x = await toExcelJS(wb);
  if (file) await x.xlsx.writeFile(file);
  return Buffer.from(await x.xlsx.writeBuffer());
}
