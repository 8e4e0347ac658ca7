/**
 * A workbook the add-in did not make — a province's own layout built as a real .xlsx with
 * ExcelJS (title rows, columns reordered, an extra column, no id column, labels with slips
 * and without diacritics) — checked and cleared through the fake, like our own template.
 */
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { nationalCatalogue } from "../src/catalogue";
import type { IndicatorRow } from "../src/catalogue/types";
import { SHEET_NAMES } from "../src/engine/layout";
import { checkWorkbookInExcel, clearMarksInExcel } from "../src/usecases/office";
import { FakeWorkbook, loadXlsx, saveXlsx } from "./fake";
import { capsFor, changedCells, userCells } from "./fake/helpers";

const cat = nationalCatalogue;
const pl1 = cat.rows.filter((r): r is IndicatorRow => r.appendix === "PL1" && r.type === "indicator");
const pl2 = cat.rows.filter((r): r is IndicatorRow => r.appendix === "PL2" && r.type === "indicator").slice(0, 40);

function noDiacritics(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D");
}
/** A typing slip: two letters of the longest word swapped. */
function slip(s: string): string {
  const words = s.split(" ");
  let k = 0;
  words.forEach((w, i) => {
    if (w.length > words[k].length) k = i;
  });
  const w = words[k];
  words[k] = w.slice(0, 1) + w[2] + w[1] + w.slice(3);
  return words.join(" ");
}

interface Built {
  file: string;
  /** Row (0-based) of each PL2 indicator in "Biểu 2". */
  pl2Rows: Map<string, number>;
  yellowCell: string;
}

async function buildProvinceWorkbook(): Promise<Built> {
  const x = new ExcelJS.Workbook();
  // PL1 in the national column order but with a title block.
  const a = x.addWorksheet("Biểu 1");
  a.addRow(["UBND HUYỆN MƯỜNG TÈ"]);
  a.addRow(["TÌNH HÌNH THỰC HIỆN CÁC MỤC TIÊU (Phụ lục 1)"]);
  a.addRow([]);
  a.addRow(["STT", "Các mục tiêu cụ thể", "Mục tiêu đề ra đến 2020", "Hiện trạng 2013", "Kết quả đạt được đến 2022", "Ghi chú"]);
  pl1.forEach((r, i) => a.addRow([String(i + 1), i % 3 === 0 ? noDiacritics(r.labelVi) : r.labelVi, r.target ? r.target.text : "", "-", i % 4 === 0 ? "" : "12", ""]));
  // PL2: columns reordered, an extra source column, no id column, slips in labels.
  const b = x.addWorksheet("Biểu 2");
  b.addRow(["UBND TỈNH LAI CHÂU"]);
  b.addRow(["BIỂU SỐ LIỆU KÈM THEO BÁO CÁO (Phụ lục 2)"]);
  b.addRow([]);
  b.addRow(["TT", "Ghi chú", "Nội dung chỉ tiêu", "Đơn vị tính", "Năm 2022", "Năm 2013", "Nguồn số liệu"]);
  const pl2Rows = new Map<string, number>();
  pl2.forEach((r, i) => {
    const label = i % 5 === 1 ? slip(r.labelVi) : i % 5 === 2 ? noDiacritics(r.labelVi) : r.labelVi;
    const row = b.addRow(["", "", label, r.unit, String(20 + i), String(10 + i), "Phòng TN&MT"]);
    pl2Rows.set(r.id, row.number - 1);
  });
  // A percent held as a number with a percent format (2013), and a cell the user coloured
  // yellow holding a percent over 100 (2022).
  const pctRow = pl2.findIndex((r) => r.kind === "percent");
  if (pctRow < 0) throw new Error("no percent indicator among the first PL2 rows");
  const excelRow = (pl2Rows.get(pl2[pctRow].id) as number) + 1;
  const c = b.getCell(excelRow, 6);
  c.value = 0.275;
  c.numFmt = "0.0%";
  const yellow = b.getCell(excelRow, 5);
  yellow.value = "150%";
  yellow.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
  const dir = mkdtempSync(join(tmpdir(), "layout-"));
  const file = join(dir, "province.xlsx");
  await x.xlsx.writeFile(file);
  return { file, pl2Rows, yellowCell: `E${excelRow}` };
}

test("a province's own layout is recognised, checked and cleared without touching the user's cells", async () => {
  const built = await buildProvinceWorkbook();
  const wb: FakeWorkbook = await loadXlsx(built.file);
  const before = userCells(wb, ["Biểu 1", "Biểu 2"]);
  expect(before.size).toBeGreaterThan(200);

  const s = await wb.run((ctx) => checkWorkbookInExcel(ctx as unknown as Excel.RequestContext, cat, { lang: "en", caps: capsFor(wb), now: new Date("2026-11-28T00:00:00Z") }));
  expect(s.syncs).toBeLessThanOrEqual(3);
  const t1 = s.tables.find((t) => t.appendix === "PL1");
  const t2 = s.tables.find((t) => t.appendix === "PL2");
  expect(t1).toMatchObject({ sheet: "Biểu 1", headerRow: 3, ownTemplate: false });
  expect(t2).toMatchObject({ sheet: "Biểu 2", headerRow: 3, ownTemplate: false });
  expect(t2?.columns).toMatchObject({ label: 2, result: 4, baseline: 5, note: 1 });

  // Rows matched to the indicator written there, slips and missing diacritics included.
  const byRow = new Map(s.matches.filter((m) => m.sheet === "Biểu 2").map((m) => [m.row, m.indicatorId]));
  let right = 0;
  built.pl2Rows.forEach((row, id) => {
    if (byRow.get(row) === id) right++;
  });
  expect(right).toBeGreaterThanOrEqual(Math.floor(pl2.length * 0.85));
  expect(s.matches.filter((m) => m.sheet === "Biểu 1").length).toBeGreaterThanOrEqual(Math.floor(pl1.length * 0.85));

  // The status goes in the first empty column right of the table, never over the user's extra column.
  const statusCells = Array.from(wb.sheet("Biểu 2").cells.entries()).filter(([k]) => k.endsWith(",7"));
  expect(statusCells.length).toBeGreaterThan(10);
  expect(wb.cell("Biểu 2", "H4").value).toBe("Status (NQ24)");
  expect(wb.cell("Biểu 2", "G6").value).toBe("Phòng TN&MT");

  // Every user cell as it was; the coloured cell is marked while the check stands.
  expect(changedCells(wb, before)).toEqual([]);
  expect(s.findings.some((f) => f.sheet === "Biểu 2" && f.cell === built.yellowCell && f.severity !== "info")).toBe(true);
  expect(wb.cell("Biểu 2", built.yellowCell).fill).not.toBe("#FFFF00");

  // The annotated workbook saves as a real .xlsx another program can open.
  const out = join(mkdtempSync(join(tmpdir(), "layout-out-")), "checked.xlsx");
  await saveXlsx(wb, out);
  const x = new ExcelJS.Workbook();
  await x.xlsx.readFile(out);
  // The check made the records sheet itself: it may not hide it (that empties Excel's undo
  // history), so it stays visible and says what it is, until the next Insert hides it.
  expect(x.getWorksheet(SHEET_NAMES.meta)?.state).toBe("visible");
  expect(String(x.getWorksheet(SHEET_NAMES.meta)?.getCell("L1").value)).toMatch(/Records of the NQ24 add-in/);
  expect(x.getWorksheet("Biểu 2")?.getCell("H4").value).toBe("Status (NQ24)");

  // Clear: statuses gone, user's yellow back, user cells identical.
  await wb.run((ctx) => clearMarksInExcel(ctx as unknown as Excel.RequestContext, { caps: capsFor(wb) }));
  expect(wb.cell("Biểu 2", "H4").value).toBeNull();
  expect(Array.from(wb.sheet("Biểu 2").cells.entries()).filter(([k, c]) => k.endsWith(",7") && c.value !== null)).toEqual([]);
  expect(wb.cell("Biểu 2", built.yellowCell).fill).toBe("#FFFF00");
  expect(changedCells(wb, before)).toEqual([]);
});
