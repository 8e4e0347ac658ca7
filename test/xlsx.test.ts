/**
 * The .xlsx adapter on real files: what the reader sees (values, formats, displayed text,
 * merges, hidden rows, protection, sheet states), the template writer's output, the plan
 * applier, and the guard that refuses bad files before ExcelJS opens them.
 */
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdtempSync, writeFileSync, truncateSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  XlsxError,
  applyPlanToWorkbook,
  clearRecordedMarks,
  formatNumber,
  readWorkbookFile,
  writeTemplate,
  inspectXlsxBytes,
} from "../src/adapters/xlsx";
import { nationalCatalogue, isIndicator } from "../src/catalogue";
import { checkWorkbook } from "../src/engine/check";
import { APPENDIX_COLUMNS, attachmentLineFormula, buildWorkbookTemplate, LIST_RANGES, SHEET_NAMES, STYLES, columnIndex, FIRST_DATA_ROW } from "../src/engine/layout";
import type { SheetSnapshot } from "../src/engine/types";
import { FULL_COVER, bombZip, docxLikeZip, encryptedXlsxBytes, manyEntriesZip, readBack, readyFill, workbookBuffer } from "./fixtures/xlsx/districts";

const dir = mkdtempSync(join(tmpdir(), "nq24-xlsx-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An ExcelJS cell (plain data, not an Office.js proxy). */
function cellOf(ws: ExcelJS.Worksheet, r: number, c: number): ExcelJS.Cell {
  return ws.findCell(r, c) ?? ws.getCell(r, c);
}

/** A cell of a snapshot; a missing cell (ragged row, hole) reads as Excel's empty cell, as the snapshot contract says. */
function at(s: SheetSnapshot, row: number, col: number) {
  const i = row - s.origin.row;
  const j = col - s.origin.col;
  const type = s.valueTypes[i]?.[j];
  if (type === undefined) return { value: "", type: "Empty", format: "General", text: "", formula: null };
  return { value: s.values[i]?.[j], type, format: s.numberFormats[i]?.[j], text: s.text[i]?.[j], formula: s.formulas?.[i]?.[j] ?? null };
}

describe("displayed text of numbers", () => {
  test.each([
    [0.275, "0.0%", "en", "27.5%"],
    [0.275, "0.0%", "vi", "27,5%"],
    [0.275, "0.0 %", "vi", "27,5 %"],
    [0.275, "0%", "en", "28%"],
    [0.275, "0.00%", "en", "27.50%"],
    [1234.5, "#,##0.00", "en", "1,234.50"],
    [1234.5, "#,##0.00", "vi", "1.234,50"],
    [1234.5, "#,##0", "en", "1,235"],
    [2570.52, "General", "vi", "2570,52"],
    [-3, "0.00", "en", "-3.00"],
    [-3, "0.00;(0.00)", "en", "(3.00)"],
    [0.1 + 0.2, "General", "en", "0.3"],
    [1 / 3, "General", "en", "0.333333333"],
    [123456789012, "General", "en", "1.23457E+11"],
    [5, "0", "en", "5"],
    [5, "@", "en", "5"],
    [44959, "d-mmm", "en", "2-Feb"],
    [44959, "dd/mm/yyyy", "en", "02/02/2023"],
    [44959, "d/m", "en", "2/2"],
    [44959, "mmmm yyyy", "en", "February 2023"],
    [44959.75, "h:mm", "en", "18:00"],
    [44959.75, "h:mm AM/PM", "en", "6:00 PM"],
    [27.5, '0.0 "ha"', "en", "27.5 ha"],
    [0.5, '0% "of 100%"', "en", "50% of 100%"],
  ])("%p in %p (%s) shows %p", (n, fmt, locale, expected) => {
    expect(formatNumber(n as number, fmt as string, locale as "en" | "vi")).toBe(expected);
  });
});

describe("reader on a workbook made by another program", () => {
  let file: string;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Đọc");
    const put = (addr: string, value: ExcelJS.CellValue, numFmt?: string) => {
      const c = ws.getCell(addr);
      c.value = value;
      if (numFmt) c.numFmt = numFmt;
    };
    put("B2", 0.275, "0.0%");
    put("B3", "27,5", "@");
    put("B4", { error: "#N/A" } as ExcelJS.CellErrorValue);
    // Excel turns "2/2" typed in an en-US cell into 2 February with this format.
    put("B5", new Date(Date.UTC(2023, 1, 2)), "d-mmm");
    put("B6", { richText: [{ text: "Không " }, { font: { bold: true }, text: "có" }] });
    put("B7", { formula: "B2*100", result: 27.5 } as ExcelJS.CellFormulaValue);
    put("B8", true);
    put("B9", 2570.52, "#,##0.00");
    put("D2", "gộp");
    ws.mergeCells("D2:E3");
    put("B11", "hàng ẩn");
    ws.getRow(11).hidden = true;
    ws.getColumn(6).hidden = true;
    put("F2", "cột ẩn");
    await ws.protect("", { selectLockedCells: true });
    wb.addWorksheet("Ẩn", { state: "hidden" }).getCell("A1").value = 1;
    wb.addWorksheet("Rất ẩn", { state: "veryHidden" }).getCell("A1").value = 2;
    file = join(dir, "reader.xlsx");
    await wb.xlsx.writeFile(file);
  });

  test("values, types, formats and displayed text as Excel holds them", async () => {
    const snap = await readWorkbookFile(file);
    expect(snap.source).toBe("reader.xlsx");
    const s = snap.sheets[0];
    expect(s.origin).toEqual({ row: 1, col: 1 });
    expect(at(s, 1, 1)).toMatchObject({ value: 0.275, type: "Double", format: "0.0%", text: "27.5%" });
    expect(at(s, 2, 1)).toMatchObject({ value: "27,5", type: "String", format: "@", text: "27,5" });
    expect(at(s, 3, 1)).toMatchObject({ value: "#N/A", type: "Error", text: "#N/A" });
    expect(at(s, 4, 1)).toMatchObject({ value: 44959, type: "Double", format: "d-mmm", text: "2-Feb" });
    expect(at(s, 5, 1)).toMatchObject({ value: "Không có", type: "String" });
    expect(at(s, 6, 1)).toMatchObject({ value: 27.5, type: "Double", formula: "=B2*100" });
    expect(at(s, 7, 1)).toMatchObject({ value: true, type: "Boolean" });
    expect(at(s, 8, 1)).toMatchObject({ value: 2570.52, text: "2,570.52" });
    expect(at(s, 9, 1)).toMatchObject({ type: "Empty", text: "" });
  });

  test("Vietnamese display locale", async () => {
    const snap = await readWorkbookFile(file, { displayLocale: "vi" });
    expect(at(snap.sheets[0], 1, 1).text).toBe("27,5%");
    expect(at(snap.sheets[0], 8, 1).text).toBe("2.570,52");
  });

  test("merges (the covered cells are empty), hidden rows and columns, protection, sheet states", async () => {
    const snap = await readWorkbookFile(file);
    const s = snap.sheets[0];
    expect(s.merges).toContainEqual({ row: 1, col: 3, rowCount: 2, colCount: 2 });
    expect(at(s, 1, 3).value).toBe("gộp");
    expect(at(s, 1, 4).type).toBe("Empty");
    expect(at(s, 2, 3).type).toBe("Empty");
    expect(s.hiddenRows).toEqual([10]);
    expect(s.hiddenCols).toEqual([5]);
    expect(s.protected).toBe(true);
    expect(s.visible).toBe(true);
    expect(snap.sheets.map((x) => [x.name, x.visible, x.protected])).toEqual([
      ["Đọc", true, true],
      ["Ẩn", false, false],
      ["Rất ẩn", false, false],
    ]);
  });
});

describe("template writer", () => {
  let buf: Buffer;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    buf = Buffer.from(await writeTemplate(buildWorkbookTemplate(nationalCatalogue)).xlsx.writeBuffer());
    wb = await readBack(buf);
  });

  test("round trip: the engine recognises both tables of our template by id", async () => {
    const snap = await readWorkbookFile(buf, { name: "template.xlsx" });
    const r = checkWorkbook(snap, nationalCatalogue);
    expect(r.tables.map((t) => [t.appendix, t.sheet, t.ownTemplate])).toEqual([
      ["PL1", "Phụ lục 1", true],
      ["PL2", "Phụ lục 2", true],
    ]);
    const indicators = nationalCatalogue.rows.filter(isIndicator);
    expect(r.matches).toHaveLength(indicators.length);
    expect(r.matches.every((m) => m.by === "id" && m.confidence === 1)).toBe(true);
    expect(new Set(r.matches.map((m) => m.indicatorId))).toEqual(new Set(indicators.map((i) => i.id)));
  });

  test("sheets, hidden lists sheet, hidden id column, widths", () => {
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Bìa", "visible"],
      ["Phụ lục 1", "visible"],
      ["Phụ lục 2", "visible"],
      [SHEET_NAMES.lists, "hidden"],
      // The records naming these sheets (and their protection) as the add-in's.
      [SHEET_NAMES.meta, "veryHidden"],
    ]);
    const pl1 = wb.getWorksheet("Phụ lục 1") as ExcelJS.Worksheet;
    expect(pl1.getColumn(columnIndex("PL1", "id") + 1).hidden).toBe(true);
    expect(pl1.getColumn(columnIndex("PL1", "label") + 1).width).toBe(APPENDIX_COLUMNS.PL1[columnIndex("PL1", "label")].width);
    expect(pl1.getCell(1, 1).value).toBe("Phụ lục 1");
    expect(pl1.getCell(5, columnIndex("PL1", "baseline") + 1).value).toBe("Hiện trạng 2013");
  });

  test("inputs unlocked, text format and yellow; labels locked; sheets not protected (the add-in never unprotects to mark them)", () => {
    const pl2 = wb.getWorksheet("Phụ lục 2") as ExcelJS.Worksheet;
    const first = nationalCatalogue.rows.filter((r) => r.appendix === "PL2");
    const r = FIRST_DATA_ROW + first.findIndex(isIndicator) + 1;
    const input = cellOf(pl2, r, columnIndex("PL2", "result") + 1);
    expect(input.protection?.locked).toBe(false);
    expect(input.numFmt).toBe("@");
    expect((input.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FF" + (STYLES.input.fill as string).slice(1));
    const label = cellOf(pl2, r, columnIndex("PL2", "label") + 1);
    expect(label.protection?.locked).not.toBe(false);
    for (const name of ["Bìa", "Phụ lục 1", "Phụ lục 2"]) {
      expect((wb.getWorksheet(name) as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet ?? false).toBe(false);
    }
  });

  test("dropdowns point at the lists sheet range", () => {
    const pl1 = wb.getWorksheet("Phụ lục 1") as ExcelJS.Worksheet;
    const yesno = nationalCatalogue.rows.filter(isIndicator).find((r) => r.appendix === "PL1" && r.kind === "yesno");
    const anyRow = nationalCatalogue.rows.filter((r) => r.appendix === "PL1").findIndex(isIndicator);
    const dv = pl1.getCell(FIRST_DATA_ROW + anyRow + 1, columnIndex("PL1", "result") + 1).dataValidation;
    expect(dv.type).toBe("list");
    expect([LIST_RANGES.noData, LIST_RANGES.yesno]).toContain(dv.formulae[0]);
    if (yesno) {
      const r = nationalCatalogue.rows.filter((x) => x.appendix === "PL1").indexOf(yesno);
      expect(pl1.getCell(FIRST_DATA_ROW + r + 1, columnIndex("PL1", "result") + 1).dataValidation.formulae[0]).toBe(LIST_RANGES.yesno);
    }
    const lists = wb.getWorksheet(SHEET_NAMES.lists) as ExcelJS.Worksheet;
    expect(lists.getCell("A1").value).toBe("Có");
  });

  test("print setup: A4 landscape, header row repeated, fit to width; frozen header", () => {
    const pl1 = wb.getWorksheet("Phụ lục 1") as ExcelJS.Worksheet;
    expect(pl1.pageSetup.paperSize).toBe(9);
    expect(pl1.pageSetup.orientation).toBe("landscape");
    expect(pl1.pageSetup.fitToWidth).toBe(1);
    expect(pl1.pageSetup.fitToHeight).toBe(0);
    expect(pl1.pageSetup.printTitlesRow).toBe("5:5");
    expect(pl1.views[0]).toMatchObject({ state: "frozen", ySplit: 5 });
  });

  test("merged section rows and title rows", () => {
    const pl1 = wb.getWorksheet("Phụ lục 1") as ExcelJS.Worksheet;
    const merges = (pl1.model as unknown as { merges: string[] }).merges;
    // Titles and section rows span the printed columns, up to the note (G); the status column (H) is not printed.
    expect(merges).toContain("A1:G1");
    const sec = nationalCatalogue.rows.filter((r) => r.appendix === "PL1").findIndex((r) => r.type === "section");
    expect(merges).toContain(`B${FIRST_DATA_ROW + sec + 1}:G${FIRST_DATA_ROW + sec + 1}`);
  });
});

describe("annotated copy", () => {
  const hostile = "=HYPERLINK(\"http://example.invalid\",\"x\")";
  let original: ExcelJS.Workbook;
  let annotated: ExcelJS.Workbook;
  let result: ReturnType<typeof checkWorkbook>;
  beforeAll(async () => {
    const fill = readyFill();
    const firstPl2 = nationalCatalogue.rows.filter(isIndicator).find((r) => r.appendix === "PL2" && r.kind === "area") as { id: string };
    fill[firstPl2.id] = { baseline: hostile, result: "+1-2", note: "@cmd" };
    const buf = await workbookBuffer({ ...FULL_COVER, preparer: "" }, fill);
    original = await readBack(buf);
    const snap = await readWorkbookFile(buf, { name: "d.xlsx" });
    result = checkWorkbook(snap, nationalCatalogue);
    const wb = await readBack(buf);
    applyPlanToWorkbook(wb, result.plan, { lang: "vi" });
    annotated = await readBack(Buffer.from(await wb.xlsx.writeBuffer()));
  });

  test("user values unchanged; text that looks like a formula stays text", () => {
    for (const name of ["Bìa", "Phụ lục 1", "Phụ lục 2"]) {
      const a = original.getWorksheet(name) as ExcelJS.Worksheet;
      const b = annotated.getWorksheet(name) as ExcelJS.Worksheet;
      const statusCol = name === "Bìa" ? -1 : columnIndex(name === "Phụ lục 1" ? "PL1" : "PL2", "status") + 1;
      a.eachRow((row, r) => row.eachCell((cell, c) => {
        if (c !== statusCol) expect(b.getCell(r, c).value).toEqual(cell.value);
      }));
    }
    let found = 0;
    annotated.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
      // The one formula is ours: the attachment line over the cover's cells.
      if (cell.address === "A3" && /^Phụ lục [12]$/.test(ws.name)) expect(cell.formula).toBe(attachmentLineFormula(SHEET_NAMES.cover).slice(1));
      else expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      if (cell.value === hostile) found++;
    })));
    expect(found).toBe(1);
  });

  test("results sheet: verdict, one row per finding, links to each cell", () => {
    const ws = annotated.getWorksheet(SHEET_NAMES.results) as ExcelJS.Worksheet;
    expect(String(ws.getCell("A2").value)).toMatch(/^Chưa sẵn sàng gửi/);
    const links: string[] = [];
    let findingRows = 0;
    ws.eachRow((row) => {
      const code = String(row.getCell(2).value ?? "");
      if (/^NQ24-[EWI]\d+$/.test(code)) findingRows++;
      row.eachCell((c) => {
        const v = c.value as { hyperlink?: string } | null;
        if (v && typeof v === "object" && v.hyperlink) links.push(v.hyperlink);
      });
    });
    expect(findingRows).toBe(result.findings.length);
    const preparer = result.findings.find((f) => f.sheet === "Bìa" && f.cell === "C8");
    expect(preparer).toBeDefined();
    expect(links).toContain("#'Bìa'!C8");
  });

  test("marks: fill and note on the cell, recorded in the very hidden metadata sheet, and cleared exactly", async () => {
    const meta = annotated.getWorksheet(SHEET_NAMES.meta) as ExcelJS.Worksheet;
    expect(meta.state).toBe("veryHidden");
    const markRows: string[] = [];
    meta.eachRow((row) => {
      if (row.getCell(1).value === "mark") markRows.push(`${row.getCell(2).value}!${row.getCell(3).value},${row.getCell(4).value}`);
    });
    expect(markRows.length).toBe(result.plan.marks.length);
    const m = result.plan.marks.find((x) => x.sheet === "Bìa" && x.row === 7) as { row: number; col: number };
    expect(m).toBeDefined();
    const cell = cellOf(annotated.getWorksheet("Bìa") as ExcelJS.Worksheet, m.row + 1, m.col + 1);
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).not.toBe("FF" + (STYLES.coverInput.fill as string).slice(1));
    expect(String(cell.note)).toContain("Người lập biểu");
    expect(clearRecordedMarks(annotated)).toBe(result.plan.marks.length);
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FF" + (STYLES.coverInput.fill as string).slice(1));
    expect(cell.note).toBeUndefined();
    // No mark or status record is left; only the records of the report sheets stay.
    const left: string[] = [];
    (annotated.getWorksheet(SHEET_NAMES.meta) as ExcelJS.Worksheet).eachRow((row) => left.push(String(row.getCell(1).value)));
    expect(left.filter((k) => k === "mark" || k === "status" || k === "run")).toEqual([]);
    expect(left.filter((k) => k === "sheet").length).toBeGreaterThan(0);
  });

  test("a user's sheet named like the results sheet is kept; re-checking replaces only ours", async () => {
    const buf = await workbookBuffer(FULL_COVER, readyFill());
    const wb = await readBack(buf);
    wb.addWorksheet(SHEET_NAMES.results).getCell("A1").value = "ghi chép của tôi";
    const snap = await readWorkbookFile(buf, { name: "u.xlsx" });
    const plan = checkWorkbook(snap, nationalCatalogue).plan;
    applyPlanToWorkbook(wb, plan);
    const again = await readBack(Buffer.from(await wb.xlsx.writeBuffer()));
    applyPlanToWorkbook(again, plan);
    expect(again.worksheets.map((w) => w.name).filter((n) => n.startsWith(SHEET_NAMES.results))).toEqual([SHEET_NAMES.results, `${SHEET_NAMES.results} (2)`]);
    expect((again.getWorksheet(SHEET_NAMES.results) as ExcelJS.Worksheet).getCell("A1").value).toBe("ghi chép của tôi");
    expect(String((again.getWorksheet(`${SHEET_NAMES.results} (2)`) as ExcelJS.Worksheet).getCell("A2").value)).toMatch(/^Sẵn sàng gửi/);
  });

  test("no formula is written anywhere in our files but the attachment line", async () => {
    const wb = writeTemplate(buildWorkbookTemplate(nationalCatalogue, FULL_COVER, { "PL1-01": { baseline: "=1+1", result: "-1+2", note: "+SUM(A1)" } }));
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    expect(sheets.length).toBe(5);
    const formulas: string[] = [];
    for (const n of sheets) {
      const xml = (await zip.file(n)?.async("string")) ?? "";
      for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*><f>([^<]*)<\/f>/g)) formulas.push(`${m[1]} ${m[2]}`);
    }
    // One per appendix, in A3: the attachment line over the cover.
    expect(formulas).toHaveLength(2);
    for (const f of formulas) expect(f).toMatch(/^A3 &quot;\(Kèm theo Báo cáo số /);
  });
});

describe("bad files are refused with a message naming the file", () => {
  const expectRefused = async (p: Promise<unknown>, code: string, words: RegExp) => {
    const e = await p.then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(XlsxError);
    const err = e as XlsxError;
    expect(err.code).toBe(code);
    expect(err.message).toContain(err.file);
    expect(err.message).toMatch(words);
    return err;
  };

  test("not an xlsx", async () => {
    const err = await expectRefused(readWorkbookFile(Buffer.from("STT,Chỉ tiêu\n1,abc\n"), { name: "bao-cao.csv" }), "notXlsx", /không phải file Excel.*not an Excel/);
    expect(err.file).toBe("bao-cao.csv");
  });

  test("a zip that is not a workbook", async () => {
    await expectRefused(readWorkbookFile(await docxLikeZip(), { name: "bao-cao.docx" }), "notXlsx", /bao-cao\.docx/);
  });

  test("password-protected (encrypted OLE container)", async () => {
    await expectRefused(readWorkbookFile(encryptedXlsxBytes(), { name: "mat-khau.xlsx" }), "encrypted", /mật khẩu.*password-protected/);
  });

  test("an OLE compound file that holds no workbook (a Word .doc, say)", async () => {
    const doc = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]);
    await expectRefused(readWorkbookFile(doc, { name: "cu.doc" }), "notXlsx", /không phải file Excel.*not an Excel/);
  });

  test("corrupted zip", async () => {
    const good = await workbookBuffer(FULL_COVER, {});
    await expectRefused(readWorkbookFile(good.subarray(0, Math.floor(good.length / 2)), { name: "hong.xlsx" }), "corrupt", /bị hỏng.*lưu lại.*damaged.*save it again/);
  });

  test("zip bomb: huge declared size, refused before inflating", async () => {
    await expectRefused(readWorkbookFile(bombZip(), { name: "bom.xlsx" }), "zipBomb", /1024 MB/);
  });

  test("zip bomb: too many entries", async () => {
    await expectRefused(readWorkbookFile(await manyEntriesZip(), { name: "nhieu.xlsx" }), "zipBomb", /1000[1-9] mục, tối đa 10000.*entries, limit 10000/);
  });

  test("file too large, refused before reading", async () => {
    const big = join(dir, "lon.xlsx");
    writeFileSync(big, "");
    truncateSync(big, 51 * 1024 * 1024);
    await expectRefused(readWorkbookFile(big), "tooLarge", /51\.0 MB/);
  });

  test("missing file", async () => {
    await expectRefused(readWorkbookFile(join(dir, "khong-co.xlsx")), "notFound", /khong-co\.xlsx/);
  });

  test("a good workbook passes the guard", async () => {
    const good = await workbookBuffer(FULL_COVER, {});
    expect(inspectXlsxBytes(good, "tot.xlsx").map((e) => e.name)).toContain("xl/workbook.xml");
  });
});
