/**
 * The engine's page setup (engine/print.ts) on a live sheet. Page layout is ExcelApi 1.9:
 * below it nothing is set and the caller reports "pageLayout" as skipped.
 */
import type { PageSetup } from "../../engine/print";
import { repeatRowsA1 } from "../../engine/print";
import { rangeA1 } from "./a1";
import type { Capabilities } from "./capabilities";

/** Queues the page setup; false when this Excel cannot set one. */
export function queuePageSetup(ws: Excel.Worksheet, setup: PageSetup, caps: Capabilities): boolean {
  if (!caps.pageLayout) return false;
  const pl = ws.pageLayout;
  pl.orientation = setup.landscape ? "Landscape" : "Portrait";
  pl.paperSize = "A4";
  // One page wide, as many tall as the table needs: never the whole sheet shrunk onto one page.
  if (setup.fitToWidth) pl.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (setup.repeatRows) pl.setPrintTitleRows(repeatRowsA1(setup.repeatRows));
  if (setup.printArea) pl.setPrintArea(rangeA1(setup.printArea));
  // PageLayout takes margins in points; the engine keeps inches, as the .xlsx file does.
  const m = setup.margins;
  pl.leftMargin = m.left * 72;
  pl.rightMargin = m.right * 72;
  pl.topMargin = m.top * 72;
  pl.bottomMargin = m.bottom * 72;
  pl.headerMargin = m.header * 72;
  pl.footerMargin = m.footer * 72;
  pl.centerHorizontally = setup.centerHorizontally;
  pl.blackAndWhite = setup.blackAndWhite;
  if (setup.header) pl.headersFooters.defaultForAllPages.centerHeader = setup.header;
  return true;
}

/** Consecutive rows of the same height, as runs. */
export function heightRuns(heights: Record<number, number>): { first: number; last: number; height: number }[] {
  const rows = Object.keys(heights).map(Number).sort((a, b) => a - b);
  const runs: { first: number; last: number; height: number }[] = [];
  for (const r of rows) {
    const last = runs[runs.length - 1];
    if (last && last.last + 1 === r && last.height === heights[r]) last.last = r;
    else runs.push({ first: r, last: r, height: heights[r] });
  }
  return runs;
}
