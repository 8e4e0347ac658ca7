/**
 * One results sheet: the Office adapter (through Microsoft's library) and the .xlsx writer
 * render the engine's one layout, so a report checked in Excel and one checked by the
 * command line show the same title, texts, time, colours, links, filter and print setup.
 */
import ExcelJS from "exceljs";
import { laiChauSample, nationalCatalogue } from "../src/catalogue";
import { applyPlan } from "../src/adapters/office/apply";
import { applyPlanToWorkbook, workbookToSnapshot } from "../src/adapters/xlsx";
import { checkWorkbook } from "../src/engine/check";
import { emptyMetadata } from "../src/engine/metadata";
import { formatVietnamTime, RESULTS_TITLE } from "../src/engine/resultsSheet";
import { SHEET_NAMES } from "../src/engine/layout";
import { fillSample, insertSheets } from "../src/usecases/office";
import { FakeWorkbook, FSheet, loadXlsx, saveXlsx } from "./fake";
import { capsFor } from "./fake/helpers";

const NOW = new Date("2026-11-28T10:00:00Z");

/** Inside a merged area but not its top-left cell: ExcelJS repeats the area's text and style there. */
function covered(s: FSheet, r: number, c: number): boolean {
  return s.merges.some((m) => r >= m.row && r < m.row + m.rowCount && c >= m.col && c < m.col + m.colCount && (r !== m.row || c !== m.col));
}

/** The text of each cell (a merged area's in its top-left cell). */
function grid(s: FSheet): string[][] {
  const out: string[][] = [];
  const hidden = (r: number, c: number) => covered(s, r, c);
  s.cells.forEach((c, k) => {
    const [r, col] = k.split(",").map(Number);
    if (hidden(r, col)) return;
    while (out.length <= r) out.push([]);
    out[r][col] = c.value === null || c.value === undefined ? "" : String(c.value);
  });
  return out.map((r) => Array.from(r, (v) => v ?? "").join("|").replace(/\|+$/, "")).map((r) => r.split("|"));
}

function fills(s: FSheet): string[] {
  const out: string[] = [];
  s.cells.forEach((c, k) => {
    const [r, col] = k.split(",").map(Number);
    if (c.fill && !covered(s, r, col)) out.push(`${k}=${c.fill}`);
  });
  return out.sort();
}

test("the results sheet from Excel and from the command line: the same layout", async () => {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1");
  await wb.run((ctx) => insertSheets(ctx, nationalCatalogue, { cover: true, onExisting: "rename", caps: capsFor(wb) }));
  await wb.run((ctx) => fillSample(ctx, nationalCatalogue, laiChauSample, { caps: capsFor(wb) }));
  const x = new ExcelJS.Workbook();
  await x.xlsx.load((await saveXlsx(wb)) as unknown as ArrayBuffer);
  const result = checkWorkbook(workbookToSnapshot(x), nationalCatalogue, { lang: "vi", now: NOW });
  expect(result.plan.results.rows.length).toBeGreaterThan(10);

  await wb.run((ctx) =>
    applyPlan(ctx, result.plan, { sheets: wb.sheets.map((s) => ({ name: s.name, visibility: s.visibility, protected: s.protected })), meta: emptyMetadata(), metaRowCount: 0, noteCounts: new Map() }, { caps: capsFor(wb), lang: "vi", checkId: "ID-1" }),
  );
  applyPlanToWorkbook(x, result.plan, { lang: "vi", checkId: "ID-1" });
  const fromFile = await loadXlsx(Buffer.from(await x.xlsx.writeBuffer()));

  const inExcel = wb.sheet(SHEET_NAMES.results);
  const byCli = fromFile.sheet(SHEET_NAMES.results);
  expect(grid(inExcel)[0][0]).toBe(RESULTS_TITLE.vi);
  expect(grid(inExcel).flat()).toContain(formatVietnamTime(NOW.toISOString()));
  expect(grid(inExcel).flat()).toContain("28/11/2026 17:00");
  expect(grid(byCli)).toEqual(grid(inExcel));
  expect(fills(byCli)).toEqual(fills(inExcel));
  expect(byCli.merges).toEqual(inExcel.merges);
  expect(byCli.freeze).toEqual(inExcel.freeze);
  expect(inExcel.autoFilter).not.toBeNull();
  expect(inExcel.pageLayout).toMatchObject({ orientation: "Landscape", paperSize: "A4" });
  const links = (s: FSheet) => Array.from(s.cells.values()).filter((c) => c.hyperlink).length;
  expect(links(inExcel)).toBe(result.plan.results.rows.filter((r) => r.link).length);
  expect(links(byCli)).toBe(links(inExcel));
});
