/**
 * Province consolidation on generated district workbooks: good ones consolidated, bad
 * ones refused one by one with the file named, duplicates flagged, totals, medians and
 * outliers checked against values reasoned by hand.
 */
import * as ExcelJS from "exceljs";
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { consolidateFiles, type ConsolidateResult } from "../src/usecases/files";
import { CONSOLIDATION_SHEETS, median, normaliseUnit, isAdditive } from "../src/engine/consolidate";
import { findIndicator, nationalCatalogue } from "../src/catalogue";
import { bombZip, districtBuffer, encryptedXlsxBytes } from "./fixtures/xlsx/districts";

const dir = mkdtempSync(join(tmpdir(), "nq24-cons-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// PL2-017: forest area (ha, additive); PL1-30: forest cover (%); PL1-02: damage (money, triệu đồng).
const AREA = "PL2-017";
const SHARE = "PL1-30";
const MONEY = "PL1-02";

let res: ConsolidateResult;
let wb: ExcelJS.Workbook;
const out = join(dir, "tinh.xlsx");

beforeAll(async () => {
  const w = (name: string, buf: Buffer) => writeFileSync(join(dir, name), buf);
  const b = await districtBuffer("UBND huyện Phong Thổ", { [AREA]: { result: "120 ha" }, [SHARE]: { result: "27,5" }, [MONEY]: { result: "1,6 tỉ đồng" } });
  w("01-tam-duong.xlsx", await districtBuffer("UBND huyện Tam Đường", { [AREA]: { result: "100" }, [SHARE]: { result: "20" }, [MONEY]: { result: "585 triệu đồng" } }));
  w("02-phong-tho.xlsx", b);
  // A missing value: the 2022 forest cover left blank, with no note.
  w("03-sin-ho.xlsx", await districtBuffer("UBND huyện Sìn Hồ", { [AREA]: { result: "110" }, [SHARE]: { result: "", note: "" }, [MONEY]: { result: "15" } }));
  // An outlier: about ten times the others' forest area.
  w("04-muong-te.xlsx", await districtBuffer("UBND huyện Mường Tè", { [AREA]: { result: "5000" }, [SHARE]: { result: "30%" }, [MONEY]: { result: "0" } }));
  // The same district again under another spelling, and the same file under another name.
  w("05-tam-duong-lan-2.xlsx", await districtBuffer("Huyện Tam Đường", { [AREA]: { result: "999999" } }));
  w("06-phong-tho-ban-sao.xlsx", b);
  w("07-khong-phai-excel.xlsx", Buffer.from("đây là một tệp văn bản"));
  w("08-bom.xlsx", bombZip());
  w("09-mat-khau.xlsx", encryptedXlsxBytes());
  writeFileSync(join(dir, "10-qua-lon.xlsx"), "");
  truncateSync(join(dir, "10-qua-lon.xlsx"), 60 * 1024 * 1024);
  w("ghi-chu.txt", Buffer.from("not a workbook: not read, and listed as such"));
  const progress: number[] = [];
  res = await consolidateFiles([dir], { out, lang: "vi", onProgress: (d) => progress.push(d) });
  expect(progress[progress.length - 1]).toBe(10);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
});

test("bad files are refused one by one, each named with its reason", () => {
  const refused = Object.fromEntries(res.refused.map((r) => [r.fileName, r.message]));
  expect(Object.keys(refused).sort()).toEqual(["07-khong-phai-excel.xlsx", "08-bom.xlsx", "09-mat-khau.xlsx", "10-qua-lon.xlsx", "ghi-chu.txt"]);
  expect(refused["ghi-chu.txt"].en).toMatch(/not read: a “\.txt” file is not a spreadsheet/);
  expect(refused["07-khong-phai-excel.xlsx"].en).toMatch(/not an Excel/);
  expect(refused["08-bom.xlsx"].en).toMatch(/suspicious archive/);
  expect(refused["09-mat-khau.xlsx"].vi).toMatch(/mật khẩu/);
  expect(refused["10-qua-lon.xlsx"].en).toMatch(/too large/);
});

test("the rest are consolidated; duplicates flagged by unit and by content", () => {
  const c = res.consolidation;
  expect(c.districts.map((d) => d.source.fileName)).toEqual([
    "01-tam-duong.xlsx", "02-phong-tho.xlsx", "03-sin-ho.xlsx", "04-muong-te.xlsx", "05-tam-duong-lan-2.xlsx", "06-phong-tho-ban-sao.xlsx",
  ]);
  expect(c.districts[4].duplicateOf).toEqual({ index: 0, reason: "unit" });
  expect(c.districts[5].duplicateOf).toEqual({ index: 1, reason: "hash" });
  expect(c.districts.slice(0, 4).every((d) => d.duplicateOf === undefined)).toBe(true);
  expect(c.districts[0].source.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(c.districts[1].source.hash).toBe(c.districts[5].source.hash);
});

test("the district with a missing value is not ready, and says where", () => {
  const c = res.consolidation;
  expect(c.notReady).toEqual([2]);
  const d = c.districts[2];
  expect(d.counts.error).toBeGreaterThan(0);
  expect(d.firstErrors.some((f) => f.indicatorId === SHARE && f.sheet === "Phụ lục 1")).toBe(true);
  expect(c.completeness[SHARE]).toEqual(["filled", "filled", "error", "filled", "filled", "filled"]);
});

test("totals for additive measures, leaving out duplicates", () => {
  const a = res.consolidation.aggregates.find((x) => x.indicatorId === AREA && x.period === "result");
  // 100 + 120 + 110 + 5000; the duplicate's 999999 does not count.
  expect(a).toMatchObject({ additive: true, n: 4, total: 5330, min: 100, median: 115, max: 5000, unit: "ha" });
  const m = res.consolidation.aggregates.find((x) => x.indicatorId === MONEY && x.period === "result");
  // 585 triệu + 1,6 tỉ + 15 triệu (a bare number in a triệu đồng row) + 0, in đồng.
  expect(m).toMatchObject({ additive: true, n: 4, unit: "đồng" });
  expect(m?.total).toBeCloseTo(2_200_000_000, 0);
  expect(m?.median).toBeCloseTo(300_000_000, 0);
});

test("shares get min / median / max, never a total", () => {
  const s = res.consolidation.aggregates.find((x) => x.indicatorId === SHARE && x.period === "result");
  // 20, 27,5 and 30 %; the blank (an error) is left out.
  expect(s).toMatchObject({ additive: false, n: 3, min: 20, median: 27.5, max: 30 });
  expect(s?.total).toBeUndefined();
});

test("the ten-fold value is an outlier; the others are not", () => {
  const o = res.consolidation.outliers.filter((x) => x.indicatorId === AREA && x.period === "result");
  expect(o).toHaveLength(1);
  expect(o[0]).toMatchObject({ district: 3, value: 5000, median: 115 });
  expect(o[0].ratio).toBeCloseTo(5000 / 115, 6);
  expect(res.consolidation.outliers.some((x) => x.indicatorId === SHARE)).toBe(false);
});

test("status counts per indicator across districts (duplicates left out)", () => {
  const sc = res.consolidation.statusCounts[SHARE];
  const n = Object.values(sc).reduce((a, b) => a + b, 0);
  expect(n).toBe(4);
});

test("the consolidated workbook has the six sheets with the figures", () => {
  expect(wb.worksheets.map((w) => w.name)).toEqual([
    CONSOLIDATION_SHEETS.summary, CONSOLIDATION_SHEETS.completeness, CONSOLIDATION_SHEETS.status,
    CONSOLIDATION_SHEETS.totals, CONSOLIDATION_SHEETS.outliers, CONSOLIDATION_SHEETS.sources,
  ]);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["Tổng hợp", "Mức độ đầy đủ", "Tình trạng", "Tổng số liệu", "Bất thường", "Nguồn"]);
  const rowWith = (ws: ExcelJS.Worksheet, first: string) => {
    let found: ExcelJS.Row | undefined;
    ws.eachRow((r) => { if (r.getCell(1).value === first) found = r; });
    return found;
  };
  const totals = wb.getWorksheet("Tổng số liệu") as ExcelJS.Worksheet;
  const row = rowWith(totals, AREA) as ExcelJS.Row;
  expect(row.getCell(12).value).toBe(5330); // 2022 total
  expect(row.getCell(14).value).toBe(115); // 2022 median
  const outl = wb.getWorksheet("Bất thường") as ExcelJS.Worksheet;
  const o = rowWith(outl, AREA) as ExcelJS.Row;
  expect(o.getCell(5).value).toBe("04-muong-te.xlsx");
  const sources = wb.getWorksheet("Nguồn") as ExcelJS.Worksheet;
  const texts: string[] = [];
  sources.eachRow((r) => texts.push((r.values as unknown[]).map((v) => (v === undefined || v === null ? "" : String(v))).join("|")));
  const all = texts.join("\n");
  expect(all).toMatch(/05-tam-duong-lan-2\.xlsx.*Trùng với #1 \(cùng đơn vị báo cáo\)/);
  expect(all).toMatch(/06-phong-tho-ban-sao\.xlsx.*Trùng với #2 \(cùng nội dung\)/);
  expect(all).toMatch(/08-bom\.xlsx.*file nén bất thường/);
  expect(all).toContain(res.consolidation.districts[0].source.hash);
  const matrix = wb.getWorksheet("Mức độ đầy đủ") as ExcelJS.Worksheet;
  const share = rowWith(matrix, SHARE) as ExcelJS.Row;
  expect(share.getCell(6).value).toBe("✖"); // third district: the missing value
  expect(((share.getCell(6).fill as ExcelJS.FillPattern).fgColor?.argb ?? "").toUpperCase()).toBe("FFFFC7CE");
});

describe("pure helpers", () => {
  test("reporting units compare without case, accents or administrative prefixes", () => {
    expect(normaliseUnit("UBND huyện Tam Đường")).toBe(normaliseUnit("Huyện  TAM ĐƯỜNG"));
    expect(normaliseUnit("UBND thành phố Lai Châu")).toBe("lai chau");
    expect(normaliseUnit("UBND huyện Phong Thổ")).not.toBe(normaliseUnit("UBND huyện Tam Đường"));
  });
  test("median", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
  test("additive kinds: areas, counts and money, but not per-unit measures", () => {
    expect(isAdditive(findIndicator(nationalCatalogue, AREA)!)).toBe(true);
    expect(isAdditive(findIndicator(nationalCatalogue, SHARE)!)).toBe(false);
    expect(isAdditive(findIndicator(nationalCatalogue, "PL1-23")!)).toBe(false); // m²/người
    expect(isAdditive(findIndicator(nationalCatalogue, "PL2-062")!)).toBe(false); // average area per plot, in ha
  });
});
