/**
 * "Gửi tỉnh" from the command line, `nq24 export`, and the use case under it: only a ready
 * report is exported; the copy loses the marks of a check (fills, notes, status column)
 * unless --keep-marks, keeps the results sheet with the verdict, is named
 * NQ24_<đơn vị>_<ngày>.xlsx, never replaces a file without --force, and its SHA-256 is the
 * one printed. The input is never modified.
 */
import { createHash } from "crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "./helpers/cli";
import { exportDay, exportFileName, exportPlan, fileNamePart, prepareExport, reportDateIso, vietnamDay } from "../src/usecases/export";
import { checkFile } from "../src/usecases/files";
import { readSpreadsheetSync } from "../src/adapters/xlsx/reader";
import { checkWorkbook } from "../src/engine/check";
import { nationalCatalogue } from "../src/catalogue";
import { MARK_FILLS } from "../src/engine/plan";
import { districtBuffer } from "./fixtures/xlsx/districts";

const dir = mkdtempSync(join(tmpdir(), "nq24-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const shaOf = (p: string) => sha(readFileSync(p));

const nq24 = (...args: string[]) => runCli(args);

const READY = join(dir, "tam-duong.xlsx");
const NOT_READY = join(dir, "sin-ho.xlsx");
const ANNOTATED = join(dir, "tam-duong-da-kiem-tra.xlsx");
const OUT = join(dir, "ra");
const NAME = "NQ24_UBND_huyện_Tam_Đường_2023-05-15.xlsx";

/** An .ods the reader opens (mimetype, one table): it can be checked, not exported. */
async function odsBytes(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet", { compression: "STORE" });
  zip.file(
    "content.xml",
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Bìa"><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>',
  );
  zip.file("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>');
  return zip.generateAsync({ type: "nodebuffer" });
}

beforeAll(async () => {
  mkdirSync(OUT);
  // Ready, with warnings (2013 values missing, two appendices disagreeing): cells to mark.
  writeFileSync(READY, await districtBuffer("UBND huyện Tam Đường"));
  writeFileSync(NOT_READY, await districtBuffer("UBND huyện Sìn Hồ", { "PL1-30": { result: "", note: "" } }));
  // The annotated copy a check writes: fills and notes on the warnings, the status column, a results sheet.
  await checkFile(READY, { out: ANNOTATED });
  writeFileSync(join(dir, "bao-cao.ods"), await odsBytes());
});

describe("the copy's name", () => {
  test("unit and date made file-name safe, Vietnamese letters kept", () => {
    expect(fileNamePart("UBND thành phố Lai Châu")).toBe("UBND_thành_phố_Lai_Châu");
    expect(fileNamePart("UBND huyện A/B: \"Mới\" <2023>?*|\\")).toBe("UBND_huyện_A-B-Mới-2023");
    expect(fileNamePart("  UBND\u00a0thị  xã\tMường Lay.  ")).toBe("UBND_thị_xã_Mường_Lay");
    expect(fileNamePart("Tam\u200b Đường\u0007")).toBe("Tam_Đường");
    // Decomposed text (from a Mac) is composed, so the name matches what Windows shows.
    expect(fileNamePart("Sìn Hồ".normalize("NFD"))).toBe("Sìn_Hồ".normalize("NFC"));
    expect(Array.from(fileNamePart("x".repeat(200)))).toHaveLength(80);
  });

  test("the report date read as Vietnamese dates are written", () => {
    expect(reportDateIso("15/05/2023")).toBe("2023-05-15");
    expect(reportDateIso("5/6/2023")).toBe("2023-06-05"); // day first
    expect(reportDateIso("5/15/2023")).toBe("2023-05-15"); // month first only when the day cannot be a month
    expect(reportDateIso("15-5-2023")).toBe("2023-05-15");
    expect(reportDateIso("15.5.2023")).toBe("2023-05-15");
    expect(reportDateIso("ngày 15 tháng 5 năm 2023")).toBe("2023-05-15");
    expect(reportDateIso("2023-05-15")).toBe("2023-05-15");
    expect(reportDateIso("…/5/2023")).toBe("2023-05");
    expect(reportDateIso("tháng 5 năm 2023")).toBe("2023-05");
    expect(reportDateIso("31/02/2023")).toBeUndefined();
    expect(reportDateIso("sắp tới")).toBeUndefined();
    expect(reportDateIso(undefined)).toBeUndefined();
  });

  test("NQ24_<đơn vị>_<ngày>.xlsx; today in Việt Nam when the cover has no usable date", () => {
    expect(exportFileName({ unit: "UBND thành phố Lai Châu", reportDate: "15/05/2023" }, new Date())).toBe("NQ24_UBND_thành_phố_Lai_Châu_2023-05-15.xlsx");
    // 20:00 UTC on 31 December is already 1 January in Việt Nam.
    const late = new Date(Date.UTC(2023, 11, 31, 20, 0));
    expect(vietnamDay(late)).toBe("2024-01-01");
    expect(exportFileName({ unit: "UBND huyện Sìn Hồ", reportDate: "" }, late)).toBe("NQ24_UBND_huyện_Sìn_Hồ_2024-01-01.xlsx");
    expect(exportFileName({}, late)).toBe("NQ24_2024-01-01.xlsx");
    expect(exportDay({ reportDate: "15/05/2023" }, late)).toEqual({ day: "2023-05-15", from: "report" });
    expect(exportDay({ reportDate: "sắp tới" }, late)).toEqual({ day: "2024-01-01", from: "today" });
  });
});

/** Everything ExcelJS sees of the marks: fills of the status column and of the marked cells, notes, sheets. */
async function marksOf(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const notes: string[] = [];
  wb.eachSheet((ws) => ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (c) => { if (c.note) notes.push(`${ws.name}!${c.address}`); })));
  const pl1 = wb.getWorksheet("Phụ lục 1") as ExcelJS.Worksheet;
  const statusTexts: string[] = [];
  // The status column (H); heading rows merged across it show their title there: skipped.
  pl1.getColumn(8).eachCell((c, r) => { if (r > 5 && c.value && c.type !== ExcelJS.ValueType.Merge) statusTexts.push(String(c.value)); });
  // Cells coloured as a mark colours them (error red, warning amber) on the report's sheets.
  const MARK_ARGB = Object.values(MARK_FILLS).map((hex) => "FF" + hex.slice(1).toUpperCase());
  let markFills = 0;
  for (const ws of wb.worksheets.filter((w) => /^Phụ lục [12]$/.test(w.name))) {
    ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (c) => {
      const argb = (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
      if (argb && MARK_ARGB.indexOf(argb.toUpperCase()) >= 0) markFills++;
    }));
  }
  return { sheets: wb.worksheets.map((w) => w.name), notes, statusTexts, markFills };
}

describe("prepareExport", () => {
  test("a ready report: marks of the check removed, the summary kept, named and hashed", async () => {
    const input = readFileSync(ANNOTATED);
    const before = await marksOf(input);
    expect(before.notes.length).toBeGreaterThan(0); // the annotated copy does carry marks
    expect(before.statusTexts.length).toBeGreaterThan(20);
    expect(before.markFills).toBeGreaterThan(0);
    const o = await prepareExport(input, { fileName: "tam-duong-da-kiem-tra.xlsx", now: new Date(Date.UTC(2024, 0, 2)) });
    if (!o.ready) throw new Error("expected ready");
    expect(o.fileName).toBe(NAME);
    expect(o.sha256).toBe(sha(o.bytes));
    expect(o.marksRemoved).toBe(before.notes.length);
    const after = await marksOf(o.bytes);
    expect(after.notes).toEqual([]);
    expect(after.statusTexts).toEqual([]);
    expect(after.markFills).toBe(0);
    expect(after.sheets.filter((n) => n.startsWith("Kết quả kiểm tra"))).toEqual(["Kết quả kiểm tra"]);
    // The copy checks the same: ready, same findings.
    const again = checkWorkbook(readSpreadsheetSync(o.bytes, { name: NAME }).snapshot, nationalCatalogue, { lang: "vi" });
    expect(again.plan.verdict.ready).toBe(true);
    expect(again.findings.map((f) => `${f.code} ${f.cell}`)).toEqual(o.result.findings.map((f) => `${f.code} ${f.cell}`));
    // The results sheet says the verdict.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(o.bytes as unknown as ExcelJS.Buffer);
    expect(String(wb.getWorksheet("Kết quả kiểm tra")?.getCell(2, 1).value)).toMatch(/^Sẵn sàng gửi/);
  });

  test("keepMarks: this check's marks are in the copy", async () => {
    const o = await prepareExport(readFileSync(READY), { fileName: "tam-duong.xlsx", keepMarks: true });
    if (!o.ready) throw new Error("expected ready");
    const m = await marksOf(o.bytes);
    expect(m.notes.length).toBeGreaterThan(0);
    expect(m.statusTexts.length).toBeGreaterThan(20);
    expect(o.keptMarks).toBe(true);
  });

  test("what is stripped is a pure choice on the plan", () => {
    const r = checkWorkbook(readSpreadsheetSync(readFileSync(ANNOTATED), { name: "a.xlsx" }).snapshot, nationalCatalogue, { lang: "vi" });
    expect(r.plan.marks.length).toBeGreaterThan(0);
    const stripped = exportPlan(r.plan, false);
    expect(stripped.marks).toEqual([]);
    expect(stripped.statusCells).toEqual([]);
    expect(stripped.results).toBe(r.plan.results);
    expect(stripped.verdict).toBe(r.plan.verdict);
    expect(exportPlan(r.plan, true)).toBe(r.plan);
  });

  test("a report not ready is not exported", async () => {
    const o = await prepareExport(readFileSync(NOT_READY), { fileName: "sin-ho.xlsx" });
    expect(o.ready).toBe(false);
    expect("bytes" in o).toBe(false);
    expect(o.result.findings.some((f) => f.severity === "error" && f.indicatorId === "PL1-30")).toBe(true);
  });
});

describe("nq24 export", () => {
  test("writes NQ24_<đơn vị>_<ngày>.xlsx, prints its SHA-256; the input is byte-identical", async () => {
    const before = shaOf(ANNOTATED);
    const r = await nq24("export", ANNOTATED, "--out", OUT);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const written = join(OUT, NAME);
    expect(existsSync(written)).toBe(true);
    expect(r.out).toMatch(/^✔ Sẵn sàng gửi/);
    expect(r.out).toContain(`Bản gửi tỉnh: ${written} (`);
    expect(r.out).toMatch(/Đã bỏ đánh dấu \(ô tô màu, ghi chú, cột Tình trạng; \d+ ô của lần kiểm tra trước\)/);
    expect(r.out).toContain(`SHA-256: ${shaOf(written)}\n`);
    expect(r.out).toContain(`certutil -hashfile ${NAME} SHA256`);
    expect(r.out).toContain("Ngày trong tên file: ngày báo cáo ở trang Bìa.");
    expect(shaOf(ANNOTATED)).toBe(before);
  });

  test("never replaces an existing file without --force; with it, does", async () => {
    const written = join(OUT, NAME);
    const first = readFileSync(written);
    const again = await nq24("export", READY, "--out", OUT, "--lang", "en");
    expect(again.code).toBe(2);
    expect(again.err).toContain(`${written} already exists; nothing was written.`);
    expect(again.err).toMatch(/hint: add --force to replace it, or --out <another name>\.xlsx/);
    expect(readFileSync(written)).toEqual(first);
    const forced = await nq24("export", READY, "--out", OUT, "--force", "--json");
    expect(forced.code).toBe(0);
    const j = JSON.parse(forced.out);
    expect(j).toMatchObject({ file: "tam-duong.xlsx", ready: true, out: written, fileName: NAME, dateFrom: "report", marks: "removed", marksRemoved: 0 });
    expect(j.sha256).toBe(shaOf(written));
    expect(j.bytes).toBe(readFileSync(written).length);
    expect(readdirSync(OUT)).toEqual([NAME]); // no temporary file left behind
  });

  test("--out names the file; it may not be the input", async () => {
    const named = join(dir, "gui-tinh.xlsx");
    const r = await nq24("export", READY, "--out", named, "--keep-marks");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Giữ đánh dấu của lần kiểm tra này/);
    expect((await marksOf(readFileSync(named))).notes.length).toBeGreaterThan(0);
    const before = shaOf(READY);
    const same = await nq24("export", READY, "--out", READY, "--force");
    expect(same.code).toBe(2);
    expect(same.err).toMatch(/bản gửi tỉnh phải là một file khác, không ghi đè file gốc/);
    expect(shaOf(READY)).toBe(before);
  });

  test("not ready: exit 1 with the reason and the first errors; nothing written", async () => {
    const files = readdirSync(OUT);
    const r = await nq24("export", NOT_READY, "--out", OUT);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✖ Chưa sẵn sàng gửi/);
    expect(r.out).toMatch(/Chưa xuất bản gửi tỉnh: chỉ báo cáo sẵn sàng gửi mới được xuất\. Các lỗi đầu tiên:\nMức độ/);
    expect(r.out).toMatch(/Lỗi {2,}NQ24-E001 {2,}Phụ lục 1!F\d+/);
    expect(r.out).toContain(`Xem mọi phát hiện: nq24 check ${NOT_READY}`);
    expect(readdirSync(OUT)).toEqual(files);
    const j = JSON.parse((await nq24("export", NOT_READY, "--json", "--lang", "en")).out);
    expect(j).toMatchObject({ file: "sin-ho.xlsx", ready: false, out: null });
    expect(j.verdict.message).toMatch(/^Not ready/);
    expect(j.firstErrors[0]).toMatchObject({ severity: "error", code: "NQ24-E001", sheet: "Phụ lục 1" });
  });

  test("an .ods is checked but not exported: save it as .xlsx", async () => {
    const ods = join(dir, "bao-cao.ods");
    const before = shaOf(ods);
    const r = await nq24("export", ods, "--out", OUT, "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/bao-cao\.ods: the copy for the province can only be made from an \.xlsx file/);
    expect(r.err).toMatch(/hint: open “bao-cao\.ods” in Excel, choose File → Save As → Excel Workbook \(\.xlsx\)/);
    expect(shaOf(ods)).toBe(before);
  });
});
