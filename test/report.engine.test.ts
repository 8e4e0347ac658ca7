/**
 * The report module's parts on sentences staff write: what is a figure and what is not,
 * the year each figure speaks of, how a figure compares with a cell, and the rule family.
 */
import { findFigures, type TextFigure } from "../src/engine/report/figures";
import { splitParagraphs } from "../src/engine/report/text";
import { compareChange, compareLevel } from "../src/engine/report/compare";
import { REPORT_RULE_LIST, REPORT_RULES, describeReportFinding } from "../src/engine/report/rules";
import { RULE_FAMILIES, ruleCatalogue } from "../src/engine/rules";
import { parseText } from "../src/engine/values";
import { measureOf } from "../src/engine/types";
import type { AppendixCell } from "../src/engine/report/appendix";

const P = { baseline: 2013, result: 2022, target: 2020 };
const figs = (text: string): TextFigure[] => findFigures({ number: 1, text, tabbed: false }, P);
const written = (text: string) => figs(text).map((f) => f.text);

test("document numbers, dates, years, map scales, ordinals and outline numbers are not figures", () => {
  expect(written("Thực hiện Kế hoạch số 83/KH-UBND ngày 30/10/2013 và Chỉ thị 09/2007/CT-TTg ngày 06/4/2007.")).toEqual([]);
  expect(written("Nghị quyết số 24-NQ/TW, Nghị định số 163/NĐ-CP, giai đoạn 2021-2025, đến năm 2030.")).toEqual([]);
  expect(written("Trong đó: Tỷ lệ 1/500 có 521,41ha; tỷ lệ 1/10.000 có 3.366,28ha.")).toEqual(["521,41ha", "3.366,28ha"]);
  expect(written("II.2.1. Nhiệm vụ chung")).toEqual([]);
  expect(written("vệ sinh môi trường vào thứ 6 hàng tuần, Công ty TNHH số 10 Lai Châu, Quốc lộ 4D")).toEqual([]);
});

test("figures keep their unit, bound words and counted noun", () => {
  const f = figs("Trên 98% chất thải; 10.000 m3/ngày đêm; 51 tỉ đồng; 6,36 m2/người; 7/7 xã, phường; 355,57 lượt ha; 30 dự án đầu tư; 18.582 con.");
  expect(f.map((x) => [x.text, x.unit])).toEqual([
    ["Trên 98%", "%"],
    ["10.000 m3/ngày đêm", "m3/ngày đêm"],
    ["51 tỉ đồng", "đồng"],
    ["6,36 m2/người", "m2/người"],
    ["7/7", "%"],
    ["355,57", "lượt ha"],
    ["30", "dự án"],
    ["18.582", "con"],
  ]);
  expect(f[0].value.state === "bound" && f[0].value.bound).toEqual({ op: ">", value: 98, unit: "%" });
  expect(measureOf(f[2].value)).toEqual({ value: 51e9, unit: "đồng" });
  expect(f[4].ratio).toEqual({ part: 7, total: 7, unit: "xã" });
  expect(figs("7.648,74ha/9.687,99ha bằng 78,95%")[0].ratio).toEqual({ part: 7648.74, total: 9687.99, unit: "ha" });
});

test("a change is told from a level", () => {
  const f = figs("diện tích rừng tăng 1.172,26 ha; độ che phủ tăng lên 27,5 %; số điểm giảm còn 3 điểm; giảm 12 ha.");
  expect(f.map((x) => [x.text, x.change ?? "level"])).toEqual([
    ["1.172,26 ha", "up"],
    ["27,5 %", "level"],
    ["3", "level"],
    ["12 ha", "down"],
  ]);
});

test("each figure takes the year its sentence gives it", () => {
  const roles = (text: string) => figs(text).map((f) => [f.text, f.year.role, f.year.year ?? null]);
  expect(roles("tỷ lệ che phủ rừng từ 21,3% năm 2013 tăng lên 27,5 % năm 2022.")).toEqual([
    ["21,3%", "baseline", 2013],
    ["27,5 %", "result", 2022],
  ]);
  expect(roles("Tổng giá trị từ 51 tỉ đồng (năm 2013) tăng lên 430,4 tỷ đồng (năm 2022).")).toEqual([
    ["51 tỉ đồng", "baseline", 2013],
    ["430,4 tỷ đồng", "result", 2022],
  ]);
  expect(roles("Lũy kế kết quả đến 31/12/2022, đã đo đạc được 78,95% tổng diện tích; Đến ngày 31/12/2012, đã đo 4.282,46ha.")).toEqual([
    ["78,95%", "result", 2022],
    ["4.282,46ha", "other", 2012],
  ]);
  expect(roles("Từ năm 2013 đến nay, tổ chức 07 đợt kiểm tra. Hiện nay có 02 tổ chức. Tỷ lệ che phủ đạt 27,5 %.")).toEqual([
    ["07", "period", 2022],
    ["02", "result", null],
    ["27,5 %", "unstated", null],
  ]);
  expect(roles("mục tiêu đến năm 2020 tái chế trên 65% rác thải; thực hiện công tác năm 2020 đạt 50%.")).toEqual([
    ["trên 65%", "target", 2020],
    ["50%", "other", 2020],
  ]);
  // "thực hiện" holds "hiện" but says no time.
  expect(roles("Đã thực hiện 30 dự án.")).toEqual([["30", "unstated", null]]);
});

test("paragraphs: lines with text, counted from 1; the appended tables start at an appendix title", () => {
  const s = splitParagraphs("BÁO CÁO\n\n  \nMột đoạn.\r\n\tô bảng\nPhụ lục 1\nTình hình…\n");
  expect(s.paragraphs.map((p) => [p.number, p.text, p.tabbed])).toEqual([
    [1, "BÁO CÁO", false],
    [2, "Một đoạn.", false],
    [3, "ô bảng", true],
    [4, "Phụ lục 1", false],
    [5, "Tình hình…", false],
  ]);
  expect(s.appendixFrom).toBe(4);
  expect(splitParagraphs("PHỤ LỤC II:\nx").appendixFrom).toBe(1);
  expect(splitParagraphs("Phụ lục kèm theo báo cáo gồm các biểu sau.").appendixFrom).toBeUndefined();
});

const cell = (text: string, unit?: string): AppendixCell => ({ sheet: "Phụ lục 2", row: 84, col: 3, value: parseText(text, { kind: unit === "%" ? "percent" : "area", unit }) });
const one = (text: string) => figs(text)[0];

test("a figure agrees with a cell within the cross-appendix rule's tolerances, and prose looseness", () => {
  const agree = (fig: string, c: string, unit = "ha") => compareLevel(one(fig), cell(c, unit), unit)?.agreement;
  expect(agree("2.694,42 ha", "2.694,42 ha")).toBe("agrees");
  expect(agree("2.694 ha", "2.694,42 ha")).toBe("agrees"); // written rounded
  expect(agree("2.644,1 ha", "2.694,42 ha")).toBe("differs");
  expect(agree("khoảng 2.700 ha", "2.694,42 ha")).toBe("agrees");
  expect(agree("27,5 %", "27,5", "%")).toBe("agrees");
  expect(agree("27,9 %", "27,5", "%")).toBe("agrees"); // half a point
  expect(agree("28,5 %", "27,5", "%")).toBe("differs");
  expect(agree("trên 98%", "100", "%")).toBe("agrees");
  expect(agree("trên 98%", "> 98%", "%")).toBe("agrees");
  expect(agree("99%", "> 98%", "%")).toBe("agrees");
  expect(agree("90%", "> 98%", "%")).toBe("differs");
  expect(agree("2/2", "2/2 đạt 100%", "%")).toBe("agrees");
  expect(agree("1/2", "2/2 đạt 100%", "%")).toBe("differs");
  expect(agree("21,3%", "1.522,16 ha; độ che phủ 21,3%", "ha")).toBe("agrees");
  expect(agree("1.522,16 ha", "1.522,16 ha; độ che phủ 21,3%", "ha")).toBe("agrees");
  expect(compareLevel(one("27,5 %"), cell("-", "%"), "%")).toBeUndefined();
  // Money: "1,6 tỉ đồng" in the cell, "1.600 triệu đồng" in the text.
  const money = (t: string): AppendixCell => ({ sheet: "Phụ lục 1", row: 8, col: 5, value: parseText(t, { kind: "money", unit: "triệu đồng" }) });
  expect(compareLevel(one("1.600 triệu đồng"), money("1,6 tỉ đồng"), "đồng")?.agreement).toBe("agrees");
  expect(compareLevel(one("1,9 tỷ đồng"), money("1,6 tỉ đồng"), "đồng")?.agreement).toBe("differs");
});

test("a change agrees with result minus baseline", () => {
  const ch = (t: string) => compareChange(one(t), cell("1.522,16 ha"), cell("2.694,42 ha"), "ha");
  expect(ch("tăng 1.172,26 ha")).toMatchObject({ agreement: "agrees", said: "1.172,26 ha" });
  expect(ch("tăng 1.217,26 ha")?.agreement).toBe("differs");
  expect(ch("giảm 1.172,26 ha")?.agreement).toBe("differs");
});

test("the rule family: codes clear of the workbook rules, severities in their letter, text in both languages", () => {
  // The family is enrolled in the registry, beside the workbook families whose codes it avoids.
  expect(RULE_FAMILIES.filter((f) => f.file === "src/engine/report/rules.ts").map((f) => f.rules.map((r) => r.code))).toEqual([REPORT_RULE_LIST.map((r) => r.code)]);
  const existing = RULE_FAMILIES.filter((f) => f.file !== "src/engine/report/rules.ts").flatMap((f) => f.rules.map((r) => r.code));
  expect(ruleCatalogue().map((r) => r.code)).toEqual(expect.arrayContaining(existing.concat(REPORT_RULE_LIST.map((r) => r.code))));
  for (const r of REPORT_RULE_LIST) {
    expect(existing).not.toContain(r.code);
    expect(r.code).toMatch(/^NQ24-[EWI]1\d\d$/);
    expect(r.code.charAt(5)).toBe(r.severity === "error" ? "E" : r.severity === "warning" ? "W" : "I");
    expect(r.title.vi).not.toEqual(r.title.en);
  }
  expect(new Set(REPORT_RULE_LIST.map((r) => r.code)).size).toBe(REPORT_RULE_LIST.length);
  const params = { paragraph: 14, figure: "2.644,1 ha", excerpt: "diện tích có rừng 2.644,1 ha", label: "Diện tích và độ che phủ rừng", sheet: "Phụ lục 2", row: 85, year: { vi: "năm 2022", en: "2022" }, value: "2.694,42 ha" };
  const d = describeReportFinding(REPORT_RULES.textMismatch.code, params)!;
  expect(d.message.vi.startsWith("Báo cáo, đoạn 14: 2.644,1 ha — Phụ lục 2, dòng 85: 2.694,42 ha")).toBe(true);
  expect(d.message.en.startsWith("Report, paragraph 14: 2.644,1 ha — Phụ lục 2, row 85: 2.694,42 ha")).toBe(true);
  expect(d.fix?.vi && d.fix.en).toBeTruthy();
  expect(describeReportFinding("NQ24-X999", params)).toBeUndefined();
});
