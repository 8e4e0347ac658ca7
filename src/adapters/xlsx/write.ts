/**
 * Renders layout.ts's WorkbookTemplate into an ExcelJS workbook: the .xlsx twin of what
 * the Office.js adapter inserts into a live workbook. Layout decisions live in layout.ts.
 */
import * as ExcelJS from "exceljs";
import type { CellStyle, SheetTemplate, StyleKey, WorkbookTemplate } from "../../engine/layout";
import { SHEET_NAMES, STYLES } from "../../engine/layout";
import { AddinMetadata, emptyMetadata, encodeMetadata } from "../../engine/metadata";
import { DOCUMENT_FONT, type PageSetup, repeatRowsA1 } from "../../engine/print";
import { rangeA1 } from "../../engine/layout";

export function argb(hex: string): string {
  return "FF" + hex.replace(/^#/, "").toUpperCase();
}

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF808080" } };

/** Sheets read on screen (consolidation): the document face at the size of a working list. */
const SCREEN_FONT = { name: DOCUMENT_FONT.name, size: 11 };

/** Applies one of layout.ts's styles to a cell, over the sheet's font. */
export function applyStyle(cell: ExcelJS.Cell, style: CellStyle, base: { name: string; size: number } = SCREEN_FONT): void {
  const font: Partial<ExcelJS.Font> = { name: base.name, size: style.size ?? base.size };
  if (style.bold) font.bold = true;
  if (style.italic) font.italic = true;
  if (style.fontColor) font.color = { argb: argb(style.fontColor) };
  cell.font = font;
  if (style.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  cell.alignment = {
    vertical: "middle",
    ...(style.hAlign ? { horizontal: style.hAlign } : {}),
    ...(style.wrap ? { wrapText: true } : {}),
  };
  if (style.border) cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
}

/**
 * Writes a value as a literal: strings stay strings, so text beginning with = + - @ is
 * never turned into a formula.
 */
export function setLiteral(cell: ExcelJS.Cell, value: string | number | boolean | null | undefined): void {
  if (value === null || value === undefined || value === "") {
    cell.value = null;
    return;
  }
  cell.value = typeof value === "string" ? String(value) : value;
}

function colLetter(col: number): string {
  let c = col + 1;
  let s = "";
  while (c > 0) {
    const m = (c - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    c = Math.floor((c - 1) / 26);
  }
  return s;
}

export function renderSheet(wb: ExcelJS.Workbook, t: SheetTemplate): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(t.name, {
    state: t.hidden ? "hidden" : "visible",
    views: t.freeze ? [{ state: "frozen", xSplit: t.freeze.cols, ySplit: t.freeze.rows, topLeftCell: `${colLetter(t.freeze.cols)}${t.freeze.rows + 1}` }] : [{}],
  });
  t.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.hidden) col.hidden = true;
  });
  for (const m of t.merges) {
    ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rowCount, m.col + m.colCount);
  }
  for (const c of t.cells) {
    const cell = ws.getCell(c.row + 1, c.col + 1);
    if (c.style) applyStyle(cell, STYLES[c.style as StyleKey], t.font);
    else cell.font = { name: t.font.name, size: t.font.size };
    if (c.numberFormat) cell.numFmt = c.numberFormat;
    // A formula keeps what it computes to as its cached result, for readers that do not calculate.
    if (c.formula) cell.value = { formula: c.formula.replace(/^=/, ""), result: c.value ?? "" };
    else setLiteral(cell, c.value);
  }
  // Rows of wrapped text tall enough to print it all (the engine's estimate, layout.ts).
  const heights = t.rowHeights ?? {};
  for (const r of Object.keys(heights)) ws.getRow(Number(r) + 1).height = heights[Number(r)];
  for (const r of t.inputRanges) {
    for (let i = 0; i < r.rowCount; i++) {
      for (let j = 0; j < r.colCount; j++) {
        ws.getCell(r.row + i + 1, r.col + j + 1).protection = { locked: false };
      }
    }
  }
  for (const v of t.validations) {
    for (let i = 0; i < v.range.rowCount; i++) {
      for (let j = 0; j < v.range.colCount; j++) {
        ws.getCell(v.range.row + i + 1, v.range.col + j + 1).dataValidation = {
          type: "list",
          allowBlank: true,
          formulae: [v.listSource],
          showErrorMessage: true,
          // Warning style: the list offers the usual answers, any other text still goes in.
          errorStyle: "warning",
          errorTitle: "NQ24",
          error: "Giá trị không có trong danh sách gợi ý / Value not in the suggested list",
        };
      }
    }
  }
  if (t.print) applyPageSetup(ws, t.print);
  if (t.protect) {
    // No password: the protection keeps labels from being edited by accident, not a secret.
    (ws as unknown as { sheetProtection: Record<string, boolean> }).sheetProtection = {
      sheet: true,
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
    };
  }
  return ws;
}

/** The engine's page setup (engine/print.ts) on a sheet: the twin of the Office adapter's queuePageSetup. */
export function applyPageSetup(ws: ExcelJS.Worksheet, setup: PageSetup): void {
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: setup.landscape ? "landscape" : "portrait",
    // One page wide, as many tall as needed (fitToHeight 0): never the sheet shrunk onto one page.
    fitToPage: setup.fitToWidth,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: setup.centerHorizontally,
    blackAndWhite: setup.blackAndWhite,
    margins: { ...setup.margins },
    ...(setup.printArea ? { printArea: rangeA1(setup.printArea) } : {}),
    ...(setup.repeatRows ? { printTitlesRow: repeatRowsA1(setup.repeatRows).replace(/\$/g, "") } : {}),
  };
  if (setup.header) ws.headerFooter = { oddHeader: `&C${setup.header}` };
}

/**
 * ExcelJS reads a print area as "A1:G50" and writes it back as "$A1:$G50", which LibreOffice
 * ignores (it then prints every column). Before a loaded workbook is written again, each
 * sheet's print area is made absolute on both axes ("$A$1:$G$50").
 */
export function absolutePrintAreas(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    const area = ws.pageSetup && ws.pageSetup.printArea;
    if (!area) continue;
    ws.pageSetup.printArea = area
      .split("&&")
      .map((part) => part.replace(/\$/g, "").replace(/([A-Z]+)(\d+)/g, "$1$$$2"))
      .join("&&");
  }
}

/** The records sheet (metadata.ts rows, every cell text), replacing any earlier one; veryHidden. */
export function writeMetaSheet(wb: ExcelJS.Workbook, meta: AddinMetadata): ExcelJS.Worksheet {
  const old = wb.getWorksheet(SHEET_NAMES.meta);
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(SHEET_NAMES.meta, { state: "veryHidden" });
  encodeMetadata(meta).forEach((row, i) => {
    row.forEach((v, j) => {
      const c = ws.getCell(i + 1, j + 1);
      c.numFmt = "@";
      setLiteral(c, v);
    });
  });
  return ws;
}

export function writeTemplate(template: WorkbookTemplate): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "NQ24";
  for (const t of template.sheets) renderSheet(wb, t);
  absolutePrintAreas(wb);
  // Recorded as the Office insert records them, so the add-in knows these sheets (and the
  // protection it may lift to write its status cells) are its own.
  writeMetaSheet(wb, { ...emptyMetadata(), sheets: template.sheets.map((t) => ({ name: t.name, role: t.role, protectedByAddin: !!t.protect })) });
  return wb;
}
