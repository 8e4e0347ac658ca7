/**
 * What is printed, from the pane and the command line alike: the engine's one page setup
 * (engine/print.ts) rendered by the Office adapter (through Microsoft's client library) and
 * by the .xlsx writer. The LibreOffice rendering of the files is in print.pdf.test.ts.
 */
import ExcelJS from "exceljs";
import { laiChauSample, nationalCatalogue, sampleFillValues } from "../src/catalogue";
import { writeTemplate } from "../src/adapters/xlsx";
import { APPENDIX_COLUMNS, buildWorkbookTemplate, COVER_FIELDS, HEADER_ROW, SHEET_NAMES } from "../src/engine/layout";
import { fitToWidthScale, MIN_PRINTED_POINTS } from "../src/engine/print";
import { fillSample, insertSheets } from "../src/usecases/office";
import { FakeWorkbook, FSheet, getCell } from "./fake";
import { capsFor } from "./fake/helpers";

const cat = nationalCatalogue;
type Appendix = "PL1" | "PL2";
const col = (a: Appendix, k: string) => APPENDIX_COLUMNS[a].findIndex((c) => c.key === k);
const letter = (c: number) => String.fromCharCode(65 + c);
const MM_IN_POINTS = 72 / 25.4;

async function officeBook(level: FakeWorkbook["level"] = "latest"): Promise<FakeWorkbook> {
  const wb = new FakeWorkbook();
  wb.level = level;
  wb.addSheet("Sheet1");
  await wb.run((ctx) => insertSheets(ctx, cat, { cover: true, onExisting: "rename", caps: capsFor(wb) }));
  await wb.run((ctx) => fillSample(ctx, cat, laiChauSample, { caps: capsFor(wb) }));
  return wb;
}

/** Every cell of the printed columns below the titles, with a value or a style. */
function printedCells(s: FSheet, a: Appendix): { r: number; c: number }[] {
  const out: { r: number; c: number }[] = [];
  s.cells.forEach((_, k) => {
    const [r, c] = k.split(",").map(Number);
    if (r >= HEADER_ROW && c < col(a, "status")) out.push({ r, c });
  });
  return out;
}

describe("the engine's page setup", () => {
  test.each(["PL1", "PL2"] as const)("%s: the printed columns fit A4 landscape at no less than 12 pt", (a) => {
    const sheet = buildWorkbookTemplate(cat).sheets.find((s) => s.role === a);
    if (!sheet || !sheet.print || !sheet.print.printArea) throw new Error("no print setup");
    const printed = sheet.columns.slice(0, sheet.print.printArea.colCount);
    expect(printed.map((c) => c.key)).not.toContain("status");
    expect(printed.map((c) => c.key)).not.toContain("id");
    expect(printed.map((c) => c.key)).toContain("note");
    expect(sheet.font.name).toBe("Times New Roman");
    expect(sheet.font.size).toBeGreaterThanOrEqual(13);
    expect(sheet.print.landscape).toBe(true);
    expect(sheet.print.fitToWidth).toBe(true);
    const scale = fitToWidthScale(sheet.print, printed.map((c) => c.width));
    expect(scale * sheet.font.size).toBeGreaterThanOrEqual(MIN_PRINTED_POINTS);
  });
});

describe("Office: the pane's Insert sets up printing", () => {
  let wb: FakeWorkbook;
  beforeAll(async () => {
    wb = await officeBook();
  });

  test.each(["PL1", "PL2"] as const)("%s: A4 landscape, one page wide, header repeated, status column outside the print area", (a) => {
    const s = wb.sheet(SHEET_NAMES[a]);
    const p = s.pageLayout;
    expect(p).toMatchObject({ orientation: "Landscape", paperSize: "A4", fitToWidth: 1, fitToHeight: 0, blackAndWhite: true, centerHorizontally: true });
    expect(p.scale).toBeUndefined();
    expect(p.printTitleRows).toBe(`$${HEADER_ROW + 1}:$${HEADER_ROW + 1}`);
    // From A1 to the note column: the status column right of it is left out.
    const area = /^A1:([A-Z]+)(\d+)$/.exec(p.printArea ?? "");
    expect(area).not.toBeNull();
    expect((area as RegExpExecArray)[1]).toBe(letter(col(a, "note")));
    const lastRow = Math.max(...Array.from(s.cells.keys()).map((k) => Number(k.split(",")[0])));
    expect(Number((area as RegExpExecArray)[2])).toBe(lastRow + 1);
    // Margins in points: 20 mm left and top, 15 mm right and bottom.
    expect(p.leftMargin).toBeCloseTo(20 * MM_IN_POINTS, 1);
    expect(p.rightMargin).toBeCloseTo(15 * MM_IN_POINTS, 1);
    expect(p.topMargin).toBeCloseTo(20 * MM_IN_POINTS, 1);
    expect(p.bottomMargin).toBeCloseTo(15 * MM_IN_POINTS, 1);
    // The page number centred in the top margin, in the document font.
    expect(p.centerHeader).toMatch(/^&"Times New Roman,Regular"&1[34]&P$/);
  });

  test.each(["PL1", "PL2"] as const)("%s: Times New Roman, nothing printed under 12 pt, notes left-aligned and wrapped", (a) => {
    const s = wb.sheet(SHEET_NAMES[a]);
    const cells = printedCells(s, a);
    expect(cells.length).toBeGreaterThan(100);
    for (const { r, c } of cells) {
      const cell = getCell(s, r, c);
      expect(cell.fontName).toBe("Times New Roman");
      expect(cell.fontSize).toBeGreaterThanOrEqual(12);
    }
    expect(getCell(s, 1, 0).fontName).toBe("Times New Roman");
    const notes = cells.filter(({ r, c }) => c === col(a, "note") && r > HEADER_ROW && getCell(s, r, c).value);
    expect(notes.length).toBeGreaterThan(0);
    for (const { r, c } of notes) expect(getCell(s, r, c)).toMatchObject({ hAlign: "Left", wrap: true });
  });

  test("the attachment line is a formula over the cover's number, date and unit", () => {
    for (const a of ["PL1", "PL2"] as const) {
      const f = wb.cell(SHEET_NAMES[a], "A3").formula ?? "";
      for (const key of ["reportNumber", "reportDate", "unit"] as const) {
        const row = (COVER_FIELDS.find((x) => x.key === key) as { row: number }).row;
        expect(f).toContain(`'${SHEET_NAMES.cover}'!$C$${row + 1}`);
      }
      expect(f).toMatch(/^="\(Kèm theo Báo cáo số "/);
    }
  });

  test("the results sheet: Times New Roman, A4 landscape fitted to width, header repeated", async () => {
    const { checkWorkbookInExcel } = await import("../src/usecases/office");
    await wb.run((ctx) => checkWorkbookInExcel(ctx, cat, { lang: "vi", caps: capsFor(wb), now: new Date("2026-11-28T10:00:00Z") }));
    const s = wb.sheet(SHEET_NAMES.results);
    expect(s.pageLayout).toMatchObject({ orientation: "Landscape", paperSize: "A4", fitToWidth: 1, fitToHeight: 0, blackAndWhite: false });
    expect(s.pageLayout.printTitleRows).toMatch(/^\$\d+:\$\d+$/);
    expect(getCell(s, 0, 0).fontName).toBe("Times New Roman");
    expect(s.freeze?.rows).toBeGreaterThan(0);
    expect(s.autoFilter).not.toBeNull();
  });

  test("on ExcelApi 1.1 the fonts and alignment are still set; no page layout is asked for", async () => {
    const old = await officeBook("1.1");
    const s = old.sheet(SHEET_NAMES.PL1);
    expect(s.pageLayout).toEqual({});
    expect(getCell(s, HEADER_ROW + 2, col("PL1", "label")).fontName).toBe("Times New Roman");
    expect(getCell(s, HEADER_ROW, 0).fontSize).toBeGreaterThanOrEqual(12);
  });
});

describe(".xlsx: the command line writes the same setup", () => {
  let wb: ExcelJS.Workbook;
  let office: FakeWorkbook;
  beforeAll(async () => {
    const x = writeTemplate(buildWorkbookTemplate(cat, laiChauSample.cover, sampleFillValues()));
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await x.xlsx.writeBuffer()) as ArrayBuffer);
    office = await officeBook();
  });

  test.each(["PL1", "PL2"] as const)("%s: page setup, print area and print titles as the Office adapter sets them", (a) => {
    const ws = wb.getWorksheet(SHEET_NAMES[a]) as ExcelJS.Worksheet;
    const ps = ws.pageSetup;
    expect(ps).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, blackAndWhite: true, horizontalCentered: true });
    expect(ps.printTitlesRow).toBe(`${HEADER_ROW + 1}:${HEADER_ROW + 1}`);
    const p = office.sheet(SHEET_NAMES[a]).pageLayout;
    expect(String(ps.printArea).replace(/\$/g, "")).toBe(p.printArea);
    expect((ps.margins?.left ?? 0) * 72).toBeCloseTo(p.leftMargin ?? 0, 3);
    expect((ps.margins?.bottom ?? 0) * 72).toBeCloseTo(p.bottomMargin ?? 0, 3);
    expect(ws.headerFooter.oddHeader).toBe(`&C${p.centerHeader}`);
  });

  test.each(["PL1", "PL2"] as const)("%s: Times New Roman ≥ 12 pt in the printed columns, notes left-aligned", (a) => {
    const ws = wb.getWorksheet(SHEET_NAMES[a]) as ExcelJS.Worksheet;
    let seen = 0;
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (c > col(a, "note") + 1) return;
        seen++;
        expect(cell.font.name).toBe("Times New Roman");
        expect(cell.font.size).toBeGreaterThanOrEqual(12);
        if (c === col(a, "note") + 1 && r > HEADER_ROW + 1 && cell.value && !cell.isMerged) expect(cell.alignment).toMatchObject({ horizontal: "left", wrapText: true });
      }),
    );
    expect(seen).toBeGreaterThan(100);
  });

  test("the attachment line: the same formula as the Office adapter writes, with its text as the cached result", () => {
    for (const a of ["PL1", "PL2"] as const) {
      const { formula, result } = (wb.getWorksheet(SHEET_NAMES[a]) as ExcelJS.Worksheet).getCell("A3");
      expect(`=${formula}`).toBe(office.cell(SHEET_NAMES[a], "A3").formula);
      // The sample's cover has no number yet: the line keeps a blank to fill by hand.
      expect(String(result)).toBe("(Kèm theo Báo cáo số ……/BC-UBND ngày …/5/2023 của UBND thành phố Lai Châu)");
    }
  });

  test("without a cover sheet the line is text (no formula pointing at a missing sheet)", async () => {
    const t = buildWorkbookTemplate(cat, {}, {}, null);
    const a3 = (t.sheets.find((s) => s.role === "PL1") as (typeof t.sheets)[number]).cells.find((c) => c.row === 2 && c.col === 0);
    expect(a3?.formula).toBeUndefined();
    expect(a3?.value).toMatch(/^\(Kèm theo Báo cáo số/);
  });
});

describe("row heights for wrapped text", () => {
  test("both adapters give the rows of long labels and notes the engine's heights", async () => {
    const t = buildWorkbookTemplate(cat, laiChauSample.cover, sampleFillValues()).sheets.find((s) => s.role === "PL2");
    const heights = t?.rowHeights ?? {};
    const tall = Object.keys(heights).map(Number);
    expect(tall.length).toBeGreaterThan(20);
    // A long label wraps: its row is at least two lines of 13 pt.
    const long = (t?.cells ?? []).find((c) => c.col === col("PL2", "label") && typeof c.value === "string" && c.value.length > 120);
    expect(long).toBeDefined();
    expect(heights[(long as { row: number }).row]).toBeGreaterThanOrEqual(2 * 13);
    // The pane's "fill the sample" on a blank workbook inserts the sheets with the values.
    const office = new FakeWorkbook();
    office.addSheet("Sheet1");
    await office.run((ctx) => fillSample(ctx, cat, laiChauSample, { caps: capsFor(office) }));
    const s = office.sheet(SHEET_NAMES.PL2);
    for (const r of tall) expect(s.rowHeights.get(r)).toBe(heights[r]);
    const x = new ExcelJS.Workbook();
    await x.xlsx.load((await writeTemplate(buildWorkbookTemplate(cat, laiChauSample.cover, sampleFillValues())).xlsx.writeBuffer()) as ArrayBuffer);
    const ws = x.getWorksheet(SHEET_NAMES.PL2) as ExcelJS.Worksheet;
    for (const r of tall) expect(ws.getRow(r + 1).height).toBe(heights[r]);
  });
});
