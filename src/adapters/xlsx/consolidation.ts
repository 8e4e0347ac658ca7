/**
 * Renders the consolidation sheets (defined in engine/consolidate.ts) into a new ExcelJS
 * workbook. ExcelJS cannot draw charts; the task pane's version adds the chart.
 */
import * as ExcelJS from "exceljs";
import { consolidationSheets, type Consolidation, type ConsolidationSheet, type Lang, type SheetCell, type StyledCell } from "../../engine/consolidate";
import { applyStyle, argb, setLiteral } from "./write";

function styled(c: SheetCell): StyledCell {
  return c !== null && typeof c === "object" ? c : { v: c };
}

export function renderConsolidationSheet(wb: ExcelJS.Workbook, s: ConsolidationSheet): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(s.name);
  let r = 1;
  for (const line of s.preamble) {
    line.forEach((c, j) => writeCell(ws.getCell(r, j + 1), styled(c), false));
    r++;
  }
  r++;
  const headerRow = r;
  s.header.forEach((h, j) => {
    const cell = ws.getCell(r, j + 1);
    setLiteral(cell, h);
    applyStyle(cell, { bold: true, fill: "#D9E2F3", border: true, wrap: true, hAlign: "center" });
  });
  r++;
  for (const row of s.rows) {
    row.forEach((c, j) => writeCell(ws.getCell(r, j + 1), styled(c), true));
    r++;
  }
  s.widths.forEach((w, j) => (ws.getColumn(j + 1).width = w));
  ws.views = [{ state: "frozen", ySplit: headerRow, xSplit: 0, topLeftCell: `A${headerRow + 1}` }];
  ws.pageSetup = { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` };
  return ws;
}

function writeCell(cell: ExcelJS.Cell, c: StyledCell, border: boolean): void {
  setLiteral(cell, c.v);
  if (typeof c.v === "number" && c.fmt) cell.numFmt = c.fmt;
  if (c.bold || c.fill || border) applyStyle(cell, { bold: c.bold, fill: c.fill, border, wrap: border });
  if (c.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(c.fill) } };
}

export function renderConsolidation(c: Consolidation, lang: Lang = "vi"): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "NQ24";
  for (const s of consolidationSheets(c, lang)) renderConsolidationSheet(wb, s);
  return wb;
}
