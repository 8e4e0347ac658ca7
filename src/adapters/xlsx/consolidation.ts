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

export function renderConsolidationSheet(wb: ExcelJS.Workbook, s: ConsolidationSheet, styles: StyleCache = new StyleCache()): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(s.name);
  let r = 1;
  for (const line of s.preamble) {
    line.forEach((c, j) => writeCell(ws.getCell(r, j + 1), styled(c), false, styles));
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
    row.forEach((c, j) => writeCell(ws.getCell(r, j + 1), styled(c), true, styles));
    r++;
  }
  s.widths.forEach((w, j) => (ws.getColumn(j + 1).width = w));
  ws.views = [{ state: "frozen", ySplit: headerRow, xSplit: 0, topLeftCell: `A${headerRow + 1}` }];
  ws.pageSetup = { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` };
  return ws;
}

/**
 * Styles shared by reference between cells of the same look: a province's roll-up has
 * tens of thousands of cells, and one object per look keeps writing fast. Cells are
 * never restyled afterwards, so the sharing is safe.
 */
class StyleCache {
  private map = new Map<string, Partial<ExcelJS.Style>>();
  get(c: StyledCell, border: boolean): Partial<ExcelJS.Style> | null {
    const fmt = typeof c.v === "number" && c.fmt ? c.fmt : "";
    if (!c.bold && !c.fill && !border && !fmt) return null;
    const key = `${c.bold ? 1 : 0}|${c.fill ?? ""}|${border ? 1 : 0}|${fmt}`;
    let style = this.map.get(key);
    if (!style) {
      const probe = { style: {} } as ExcelJS.Cell;
      applyStyle(probe, { bold: c.bold, fill: c.fill, border, wrap: border });
      style = {
        font: probe.font,
        alignment: probe.alignment,
        ...(probe.border ? { border: probe.border } : {}),
        ...(c.fill ? { fill: { type: "pattern", pattern: "solid", fgColor: { argb: argb(c.fill) } } as ExcelJS.Fill } : {}),
        ...(fmt ? { numFmt: fmt } : {}),
      };
      this.map.set(key, style);
    }
    return style;
  }
}

function writeCell(cell: ExcelJS.Cell, c: StyledCell, border: boolean, styles: StyleCache): void {
  setLiteral(cell, c.v);
  const style = styles.get(c, border);
  if (style) cell.style = style;
}

export function renderConsolidation(c: Consolidation, lang: Lang = "vi"): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "NQ24";
  const styles = new StyleCache();
  for (const s of consolidationSheets(c, lang)) renderConsolidationSheet(wb, s, styles);
  return wb;
}
