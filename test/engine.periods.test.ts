/**
 * Periods are the catalogue's data: a province reviewing 2015 → 2024 against targets for
 * 2025 gets those years in every text — template headers, findings, notes, the results
 * sheet, statuses, the command line and the consolidation — and never 2013, 2022 or 2020.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { parseCatalogue, type Catalogue } from "../src/catalogue";
import { checkReport, checkJson } from "../src/cli/nq24";
import { checkWorkbook, yearsOf, type CheckResult } from "../src/engine/check";
import { consolidate, consolidationSheets } from "../src/engine/consolidate";
import { buildWorkbookTemplate, templateToSnapshot, type CoverInfo, type FillValues } from "../src/engine/layout";
import { headerYear } from "../src/engine/recognize";
import { describeFinding, findingTexts } from "../src/engine/rules";
import type { Finding } from "../src/engine/types";

function load(name: string): Catalogue {
  const r = parseCatalogue(readFileSync(join(__dirname, "fixtures", "catalogues", name), "utf8"), name);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.catalogue;
}

const province = load("province-2015-2024.json");
const NOW = new Date("2025-03-01T00:00:00Z");
const COVER: CoverInfo = { unit: "UBND huyện Thử", province: "Tỉnh Thử", reportNumber: "5/BC-UBND", reportDate: "01/03/2025", preparer: "Nguyễn Văn B", naturalArea: "1.000" };

/** Values that make most value rules speak, each in a known cell. */
const FILL: FillValues = {
  "T-01": { baseline: "80", result: "96" }, // exceeds 95 %; PL2 says 70 % for 2024: the appendices disagree
  "T-02": { baseline: "tốt" }, // baseline of the wrong kind, result missing
  "T-03": { baseline: "3", result: "-" }, // no data without a note
  "K-01": { baseline: "40", result: "45" },
  "K-02": { baseline: "80", result: "70" },
  "K-03": { baseline: "10 ha", result: "1.234" }, // ambiguous; and 10 → 1234 ha is a hundredfold change
  "K-04": { baseline: "200 ha; độ che phủ 20%", result: "300 ha; độ che phủ 45%" }, // 300 ÷ 1.000 ≠ 45 %
};

function check(catalogue: Catalogue, fill: FillValues, lang: "vi" | "en" = "vi"): CheckResult {
  return checkWorkbook(templateToSnapshot(buildWorkbookTemplate(catalogue, COVER, fill)), catalogue, { now: NOW, lang });
}

const NATIONAL_YEARS = /\b(2013|2020|2022)\b/;
const vi = (f: Finding) => describeFinding(f, "vi").message;
const en = (f: Finding) => describeFinding(f, "en").message;

describe("a province catalogue with its own periods", () => {
  const result = check(province, FILL);
  const one = (code: string, id: string) => {
    const hits = result.findings.filter((f) => f.code === code && f.indicatorId === id);
    expect([code, id, hits.length]).toEqual([code, id, 1]);
    return hits[0];
  };

  test("our template's headers name its years, and recognition finds the columns by them", () => {
    const template = buildWorkbookTemplate(province, COVER, FILL);
    const headers = template.sheets[1].columns.map((c) => c.header.vi);
    expect(headers).toContain("Mục tiêu đề ra đến 2025");
    expect(headers).toContain("Hiện trạng 2015");
    expect(headers).toContain("Kết quả đạt được đến 2024");
    expect(template.sheets[2].columns.map((c) => c.header.en)).toEqual(expect.arrayContaining(["2015", "2024"]));
    expect(result.tables.map((t) => [t.appendix, t.years])).toEqual([
      ["PL1", { target: 2025, baseline: 2015, result: 2024 }],
      ["PL2", { baseline: 2015, result: 2024 }],
    ]);
    expect(result.matches).toHaveLength(7);
    expect(result.years).toEqual({ baseline: 2015, result: 2024, target: 2025 });
    expect(result.readings["K-03"].years).toEqual({ baseline: 2015, result: 2024, target: 2025 });
    expect(yearsOf(result, "PL2")).toEqual({ baseline: 2015, result: 2024, target: 2025 });
  });

  test("findings quote the years of the columns they are about", () => {
    expect(vi(one("NQ24-E001", "T-02"))).toBe("Chưa nhập số liệu 2024 cho chỉ tiêu “Tỷ lệ che phủ rừng”.");
    expect(en(one("NQ24-E001", "T-02"))).toBe("No 2024 value entered for “Tỷ lệ che phủ rừng”.");
    expect(en(one("NQ24-W003", "T-02"))).toMatch(/^The 2015 value of “Tỷ lệ che phủ rừng” should be a percentage/);
    expect(vi(one("NQ24-W006", "K-03"))).toBe("Số liệu 2024 của “Tổng diện tích đất lâm nghiệp” ghi “1.234”: có thể là 1.234 hoặc 1,234.");
    expect(en(one("NQ24-W008", "K-03"))).toBe("“Tổng diện tích đất lâm nghiệp” changes from “10 ha” (2015) to “1.234” (2024), a factor of 123,4. Check the unit and the figure.");
    expect(vi(one("NQ24-W007", "T-01"))).toMatch(/^Năm 2024, “Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý” ghi “96”, còn Phụ lục 2!E\d+ ghi “70”/);
    expect(en(one("NQ24-W020", "K-04"))).toBe("For 2024, “Diện tích rừng và độ che phủ” states 45%, but 300 ha ÷ natural area 1.000 ha gives 30,00%.");
    const group = result.findings.find((f) => f.code === "NQ24-I002")!;
    expect(en(group)).toMatch(/^1 cell\(s\) in the 2024 value column read “-”/);
  });

  test("no text of the check quotes the national years", () => {
    const texts: string[] = [];
    for (const f of result.findings) {
      const t = findingTexts(f);
      texts.push(t.title.vi, t.title.en, t.message.vi, t.message.en, t.fix?.vi ?? "", t.fix?.en ?? "");
    }
    for (const s of result.statuses) texts.push(s.label.vi, s.label.en, s.explanation?.vi ?? "", s.explanation?.en ?? "");
    for (const m of result.plan.marks) texts.push(m.note.vi, m.note.en);
    for (const row of result.plan.results.rows) texts.push(...row.cells);
    for (const c of result.plan.statusCells) texts.push(c.text);
    expect(texts.filter((s) => NATIONAL_YEARS.test(s))).toEqual([]);
    expect(texts.some((s) => /\b2024\b/.test(s))).toBe(true);
    expect(texts.some((s) => /\b2015\b/.test(s))).toBe(true);
  });

  test("the status explains itself by the result year, and the results sheet and notes carry the findings' years", () => {
    const st = result.statuses.find((s) => s.indicatorId === "T-01")!;
    expect(st.status).toBe("exceeded");
    expect(st.explanation).toEqual({ vi: "2024: 96 so với mục tiêu 95%", en: "2024: 96 against the target 95%" });
    const e001 = result.plan.results.rows.find((r) => r.cells[1] === "NQ24-E001")!;
    expect(e001.cells[5]).toBe("Chưa nhập số liệu 2024 cho chỉ tiêu “Tỷ lệ che phủ rừng”.");
    const f = one("NQ24-W008", "K-03");
    const mark = result.plan.marks.find((m) => m.sheet === f.sheet && m.row === f.row && m.col === f.col)!;
    expect(mark.note.en).toContain("(2015) to “1.234” (2024)");
  });

  test("a missing appendix is looked for by the catalogue's years", () => {
    const snapshot = templateToSnapshot(buildWorkbookTemplate(province, COVER, FILL));
    snapshot.sheets = snapshot.sheets.filter((s) => s.name !== "Phụ lục 2");
    const r = checkWorkbook(snapshot, province, { now: NOW });
    const missing = r.findings.filter((x) => x.code === "NQ24-E013");
    expect(missing.map(en)).toEqual(["No Appendix 2 table found in the workbook (looked for its header row: STT, Chỉ tiêu, 2015, 2024, Ghi chú)."]);
  });

  test("a column found by its words quotes the year its header states", () => {
    // The national template under this province's catalogue: "Kết quả đạt được đến 2022" is a
    // result column by its words, and says 2022 (within 2020–2030); "Hiện trạng 2013" is a
    // baseline (within 2010–2019), and PL2's bare "2013 | 2022" are read by their years. Each
    // year other than the catalogue's is said, and every message quotes the year read.
    const national = load("minimal-valid.json");
    const snapshot = templateToSnapshot(buildWorkbookTemplate(national, COVER, { "A1-1": { result: "" } }));
    const r = checkWorkbook(snapshot, province, { now: NOW, lang: "en" });
    expect(r.tables.map((t) => [t.appendix, t.years])).toEqual([
      ["PL1", { target: 2020, baseline: 2013, result: 2022 }],
      ["PL2", { baseline: 2013, result: 2022 }],
    ]);
    // Its row "Độ che phủ rừng" is read as this province's "Tỷ lệ che phủ rừng".
    // A missing result is an error (E001); a missing baseline is its own warning (W001).
    expect(r.findings.filter((f) => f.code === "NQ24-E001").map(en)).toEqual([
      "No 2022 value entered for “Tỷ lệ che phủ rừng”.",
      "No 2022 value entered for “Diện tích rừng và độ che phủ”.",
    ]);
    expect(r.findings.filter((f) => f.code === "NQ24-W001").map(en)).toEqual([
      "No 2013 value entered for “Tỷ lệ che phủ rừng”.",
      "No 2013 value entered for “Diện tích rừng và độ che phủ”.",
    ]);
    expect(r.findings.filter((f) => f.code === "NQ24-I030").map((f) => `${f.sheet}!${f.cell} ${en(f)}`)).toEqual([
      "Phụ lục 1!D5 Column D: target for 2020 (catalogue: 2025); its figures are read as 2020's.",
      "Phụ lục 1!E5 Column E: baseline for 2013 (catalogue: 2015); its figures are read as 2013's.",
      "Phụ lục 1!F5 Column F: result for 2022 (catalogue: 2024); its figures are read as 2022's.",
      "Phụ lục 2!D5 Column D: baseline for 2013 (catalogue: 2015); its figures are read as 2013's.",
      "Phụ lục 2!E5 Column E: result for 2022 (catalogue: 2024); its figures are read as 2022's.",
    ]);
    expect(r.plan.verdict.ready).toBe(false);
  });

  test("the command line prints the province's years", () => {
    const text = checkReport("tinh.xlsx", result, province, "vi", 160);
    expect(text).toContain("Phụ lục 2 — xu hướng 2015 → 2024");
    expect(text.split("\n").find((l) => l.startsWith("STT"))).toMatch(/\b2024\b/);
    expect(text).not.toMatch(NATIONAL_YEARS);
    const json = checkJson("tinh.xlsx", "0".repeat(64), check(province, FILL, "en"), "en") as { years: unknown; findings: { message: string }[] };
    expect(json.years).toEqual({ PL1: { baseline: 2015, result: 2024, target: 2025 }, PL2: { baseline: 2015, result: 2024, target: 2025 } });
    expect(json.findings.map((x) => x.message).join("\n")).not.toMatch(NATIONAL_YEARS);
  });

  test("the consolidation's sheets head their columns with the province's years", () => {
    const other = check(province, { ...FILL, "K-03": { baseline: "12 ha", result: "20 ha" } });
    const source = (unit: string) => ({ fileName: `${unit}.xlsx`, unit, reportDate: "01/03/2025", catalogueVersion: province.version, hash: unit });
    const c = consolidate([{ source: source("A"), result }, { source: source("B"), result: other }], province, [], NOW);
    expect(c.years).toEqual({ baseline: 2015, result: 2024, target: 2025 });
    for (const lang of ["vi", "en"] as const) {
      const sheets = consolidationSheets(c, lang);
      const texts = sheets.flatMap((s) => [...s.header, ...s.preamble.flat().map((x) => (x && typeof x === "object" ? String(x.v) : String(x))), ...s.rows.flatMap((r) => r.map((x) => (x && typeof x === "object" ? String(x.v) : String(x))))]);
      expect(texts.filter((s) => NATIONAL_YEARS.test(s))).toEqual([]);
      const totals = sheets.find((s) => s.name === "Tổng số liệu")!;
      expect(totals.header).toEqual(expect.arrayContaining([lang === "vi" ? "2015: tổng" : "2015: total", lang === "vi" ? "2024: tổng" : "2024: total"]));
      expect(sheets[0].header[2]).toBe(lang === "vi" ? "% chỉ tiêu có số liệu 2024" : "% indicators filled (2024)");
    }
  });
});

describe("the year a header states", () => {
  const national = load("minimal-valid.json").periods;
  test.each([
    ["Kết quả đạt được đến 2022", "result", 2022],
    ["Ước TH 2023", "result", 2023],
    ["31/12/2024", "result", 2024],
    ["Kết quả đạt được", "result", 2022],
    ["Năm 2031", "result", 2022],
    ["Hiện trạng năm 2012", "baseline", 2012],
    ["Mục tiêu đến năm 2025", "target", 2025],
    ["20221", "result", 2022],
  ] as const)("%s (%s) → %d", (raw, role, year) => {
    expect(headerYear(raw, role, national)).toBe(year);
  });
});

describe("the national catalogue keeps its years", () => {
  test("2013 → 2022 with targets for 2020, in headers and messages", () => {
    const national = load("minimal-valid.json");
    const r = check(national, { "A1-1": { baseline: "tốt" } }, "en");
    expect(r.tables.map((t) => t.years)).toEqual([{ target: 2020, baseline: 2013, result: 2022 }, { baseline: 2013, result: 2022 }]);
    expect(r.findings.filter((f) => f.code === "NQ24-E001" || f.code === "NQ24-W001").map(en)).toEqual([
      "No 2022 value entered for “Độ che phủ rừng”.",
      "No 2022 value entered for “Diện tích và độ che phủ rừng”.",
      "No 2013 value entered for “Diện tích và độ che phủ rừng”.",
    ]);
  });
});
