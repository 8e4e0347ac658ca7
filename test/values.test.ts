/**
 * The value parser, table by table. Every expected value below was worked out by hand
 * from how district staff write the figure (vi-VN: dot thousands, decimal comma) or
 * from what Excel stores for the cell.
 */
import { readSeedAppendices } from "./helpers/seedTables";
import {
  composeVietnamese,
  foldForMatch,
  formatViNumber,
  normaliseText,
  normaliseUnit,
  parseCell,
  parseText,
  type CellInput,
  type ValueHint,
} from "../src/engine/values";
import { ambiguityOf, type BoundValue, type CountOfTotalValue, type Measure, type ParsedValue, type RangeValue } from "../src/engine/types";

/** What a case pins down. Fields left out must be absent (except `description`, checked only when given). */
interface Expect {
  state: ParsedValue["state"];
  measure?: Measure;
  measures?: Measure[];
  bound?: BoundValue["bound"];
  range?: RangeValue["range"];
  count?: CountOfTotalValue["count"];
  yes?: boolean;
  errorCode?: string;
  readings?: number[];
  description?: string;
  looksLikeDate?: boolean;
  fromNumber?: boolean;
  numberAsText?: boolean;
  raw?: string;
}

function check(r: ParsedValue, e: Expect): void {
  expect(r.state).toBe(e.state);
  // Every field of every state, read off whichever state came back: the absent ones must be absent.
  const x: Record<string, unknown> = { ...r };
  const amb = ambiguityOf(r);
  const got = {
    measure: x.measure,
    measures: x.measures,
    bound: x.bound,
    range: x.range,
    count: x.count,
    yes: x.yes,
    errorCode: x.errorCode,
    readings: amb ? amb.readings : undefined,
    looksLikeDate: x.looksLikeDate,
    fromNumber: x.fromNumber,
    numberAsText: x.numberAsText,
  };
  const want = {
    measure: e.measure,
    measures: e.measures,
    bound: e.bound,
    range: e.range,
    count: e.count,
    yes: e.yes,
    errorCode: e.errorCode,
    readings: e.readings,
    looksLikeDate: e.looksLikeDate,
    fromNumber: e.fromNumber,
    numberAsText: e.numberAsText,
  };
  expect(got).toEqual(want);
  if (e.description !== undefined) expect(r.description).toBe(e.description);
  if (e.raw !== undefined) expect(r.raw).toBe(e.raw);
  if (amb) {
    expect(amb.reason.vi).not.toBe("");
    expect(amb.reason.en).not.toBe("");
  }
}

const m = (value: number, unit = "", label?: string): Measure => (label === undefined ? { value, unit } : { value, unit, label });
const num = (value: number, unit = ""): Expect => ({ state: "number", measure: m(value, unit) });
const bound = (op: "<" | "<=" | ">" | ">=", value: number, unit: string): Expect => ({ state: "bound", measure: m(value, unit), bound: { op, value, unit } });
const NO_DATA: Expect = { state: "noData" };
const NA: Expect = { state: "notApplicable" };
const YES: Expect = { state: "yesno", yes: true };
const NO: Expect = { state: "yesno", yes: false };

// ---------------------------------------------------------------- the seed's own cells

/** Every distinct non-empty value cell of test/fixtures/seed-appendices.txt (PL1 and PL2). */
const SEED_CELLS: [string, Expect][] = [
  ["0", num(0)],
  ["01", num(1)],
  ["02", num(2)],
  ["30", num(30)],
  ["50", num(50)],
  ["78", num(78)],
  ["98", num(98)],
  ["100", num(100)],
  ["6,36", num(6.36)],
  ["21,3", num(21.3)],
  ["27,5", num(27.5)],
  ["60,5", num(60.5)],
  ["78,95", num(78.95)],
  ["96,61", num(96.61)],
  ["0,02", num(0.02)],
  ["0,71", num(0.71)],
  ["2.570,52 ha", num(2570.52, "ha")],
  ["2.179,49 ha", num(2179.49, "ha")],
  ["3.062,432 ha", num(3062.432, "ha")],
  ["11,09ha", num(11.09, "ha")],
  ["2,21ha", num(2.21, "ha")],
  ["6,36 m2/người", num(6.36, "m2/người")],
  ["21%", num(21, "%")],
  ["30%", num(30, "%")],
  ["50%", num(50, "%")],
  ["78%", num(78, "%")],
  ["90%", num(90, "%")],
  ["100%", num(100, "%")],
  ["88,72%", num(88.72, "%")],
  ["77,13%", num(77.13, "%")],
  [">85%", bound(">", 85, "%")],
  ["<30%", bound("<", 30, "%")],
  ["> 98%", bound(">", 98, "%")],
  [">90%", bound(">", 90, "%")],
  ["585 triệu đồng", num(585000000, "đồng")],
  ["1,6 tỉ đồng", num(1600000000, "đồng")],
  ["1.522,16 ha; độ che phủ 21,3%", { state: "multi", measure: m(1522.16, "ha"), measures: [m(1522.16, "ha"), m(21.3, "%", "độ che phủ")] }],
  ["2.694,42 ha; độ che phủ 27,5%", { state: "multi", measure: m(2694.42, "ha"), measures: [m(2694.42, "ha"), m(27.5, "%", "độ che phủ")] }],
  ["2/2 đạt 100%", { state: "countOfTotal", count: { part: 2, total: 2, percent: 100 }, measure: m(100, "%") }],
  [
    "4/4 bện viện có hệ thống xử lý nước thải",
    { state: "countOfTotal", count: { part: 4, total: 4, what: "bện viện có hệ thống xử lý nước thải" }, measure: m(100, "%"), description: "bện viện có hệ thống xử lý nước thải" },
  ],
  ["Có", YES],
  ["Không", NO],
  ["chưa", NO],
  ["Không có", NA],
  ["Không có ", NA],
  ["Không có điểm ô nhiễm", { state: "notApplicable", description: "điểm ô nhiễm" }],
  ["Không có cơ sở gây ô nhiễm MTNT", { state: "notApplicable", description: "cơ sở gây ô nhiễm MTNT" }],
  ["Không có cơ sở gây ô nhiễm MTNT ", { state: "notApplicable", description: "cơ sở gây ô nhiễm MTNT" }],
  ["-", NO_DATA],
  ["--", NO_DATA],
  // Notes: free text; a number in it is kept with what follows as the description.
  ["Chưa có hệ thống XLNT tập trung", { state: "text" }],
  ["Chưa có hệ thống xử lý nước thải tập trung", { state: "text" }],
  ["Hiện có 02 làng nghề", { state: "text", measure: m(2), description: "làng nghề" }],
  ["Có 01 bãi chôn lấp hợp vệ sinh", { state: "text", measure: m(1), description: "bãi chôn lấp hợp vệ sinh" }],
  [
    "Có 02 xã đạt tiêu chí NTM, tuy nhiên mới có 01 xã đạt tiêu tiêu chí về môi trường ",
    { state: "text", measure: m(2, "xã"), description: "đạt tiêu chí NTM, tuy nhiên mới có 01 xã đạt tiêu tiêu chí về môi trường" },
  ],
];

describe("every value cell of the seed appendices", () => {
  test.each(SEED_CELLS)("%j", (input, e) => {
    check(parseText(input), { ...e, raw: input.trim() });
  });

  test("the table above covers every distinct non-empty value cell of the fixture", () => {
    const covered = new Set(SEED_CELLS.map((c) => c[0]));
    const missing: string[] = [];
    for (const row of readSeedAppendices()) {
      for (const cell of [row.target ?? "", row.baseline, row.result, row.note]) {
        if (cell.trim() !== "" && !covered.has(cell)) missing.push(cell);
      }
    }
    expect(missing).toEqual([]);
  });
});

// ---------------------------------------------------------------- other written forms

const FORMS: [string, Expect][] = [
  // Bounds in words and symbols.
  ["≥90%", bound(">=", 90, "%")],
  [">= 90 %", bound(">=", 90, "%")],
  ["=>90%", bound(">=", 90, "%")],
  ["≤ 5%", bound("<=", 5, "%")],
  ["<=5%", bound("<=", 5, "%")],
  ["trên 98%", bound(">", 98, "%")],
  ["Trên 98 %", bound(">", 98, "%")],
  ["dưới 30%", bound("<", 30, "%")],
  ["tối thiểu 90%", bound(">=", 90, "%")],
  ["ít nhất 90%", bound(">=", 90, "%")],
  ["tối đa 10%", bound("<=", 10, "%")],
  ["không quá 5 ha", bound("<=", 5, "ha")],
  ["từ 90% trở lên", bound(">=", 90, "%")],
  ["độ che phủ >85%", { state: "bound", measure: m(85, "%", "độ che phủ"), bound: { op: ">", value: 85, unit: "%" } }],
  // Ranges.
  ["8–10%", { state: "range", range: { low: 8, high: 10, unit: "%" } }],
  ["8-10 %", { state: "range", range: { low: 8, high: 10, unit: "%" } }],
  ["8 - 10%", { state: "range", range: { low: 8, high: 10, unit: "%" } }],
  ["8 — 10%", { state: "range", range: { low: 8, high: 10, unit: "%" } }],
  ["từ 8 đến 10%", { state: "range", range: { low: 8, high: 10, unit: "%" } }],
  ["8% - 10%", { state: "range", range: { low: 8, high: 10, unit: "%" } }],
  ["8 ha - 10%", { state: "text" }],
  ["1,5 - 2 tỷ đồng", { state: "range", range: { low: 1500000000, high: 2000000000, unit: "đồng" } }],
  // Money.
  ["1,6 tỷ đồng", num(1600000000, "đồng")],
  ["1,6 tỉ", num(1600000000, "đồng")],
  ["585 tr", num(585000000, "đồng")],
  ["585 triệu", num(585000000, "đồng")],
  ["500 nghìn đồng", num(500000, "đồng")],
  ["500 ngàn", num(500000, "đồng")],
  ["1.500.000 đồng", num(1500000, "đồng")],
  ["1.500.000đ", num(1500000, "đồng")],
  ["1.500.000 VNĐ", num(1500000, "đồng")],
  ["2,5 tỷ VNĐ", num(2500000000, "đồng")],
  // Other units.
  ["12 km", num(12, "km")],
  ["6,36 m²/người", num(6.36, "m2/người")],
  ["6,36 m2/ người", num(6.36, "m2/người")],
  ["150 m2", num(150, "m2")],
  ["150 m²", num(150, "m2")],
  // A dot followed by three digits reads both ways, even with a unit.
  ["1.200 người", { state: "number", measure: m(1200, "người"), readings: [1200, 1.2] }],
  ["35 con", num(35, "con")],
  ["12 loài", num(12, "loài")],
  ["40 hộ", num(40, "hộ")],
  ["3 điểm", num(3, "điểm")],
  ["5 cơ sở", num(5, "cơ sở")],
  ["02 mô hình", num(2, "mô hình")],
  ["4 dự án", num(4, "dự án")],
  ["2 xã", num(2, "xã")],
  ["77,13 %", num(77.13, "%")],
  // Counts of a total (x > y is kept: the rules flag it).
  ["7/7", { state: "countOfTotal", count: { part: 7, total: 7 }, measure: m(100, "%") }],
  ["19/19 cơ quan", { state: "countOfTotal", count: { part: 19, total: 19, what: "cơ quan" }, measure: m(100, "%") }],
  ["1/4", { state: "countOfTotal", count: { part: 1, total: 4 }, measure: m(25, "%") }],
  ["5/4", { state: "countOfTotal", count: { part: 5, total: 4 }, measure: m(125, "%") }],
  ["3 / 4 xã, đạt 75%", { state: "countOfTotal", count: { part: 3, total: 4, percent: 75, what: "xã" }, measure: m(75, "%") }],
  ["0/0", { state: "countOfTotal", count: { part: 0, total: 0 } }],
  ["15/05/2023", { state: "text", looksLikeDate: true }],
  // Yes / no.
  ["có", YES],
  ["CÓ", YES],
  ["Đã", YES],
  ["đạt", YES],
  ["Rồi", YES],
  ["x", YES],
  ["X", YES],
  ["Chưa", NO],
  ["Chưa đạt", NO],
  ["KHÔNG", NO],
  ["Có.", YES],
  // Not applicable.
  ["Không áp dụng", NA],
  ["KAD", NA],
  ["N/A", NA],
  ["n/a", NA],
  ["không phát sinh", NA],
  ["Không phát sinh chất thải nguy hại", { state: "notApplicable", description: "chất thải nguy hại" }],
  // No data.
  ["—", NO_DATA],
  ["–", NO_DATA],
  ["…", NO_DATA],
  ["...", NO_DATA],
  ["---", NO_DATA],
  ["Không có số liệu", NO_DATA],
  ["chưa có số liệu", NO_DATA],
  ["Không có số liệu năm 2013", { state: "noData", description: "năm 2013" }],
  // Blank.
  ["", { state: "blank" }],
  ["   ", { state: "blank" }],
  ["\u00a0\t\n", { state: "blank" }],
  // Errors typed or shown as text.
  ["#N/A", { state: "error", errorCode: "#N/A" }],
  ["#DIV/0!", { state: "error", errorCode: "#DIV/0!" }],
  ["#ref!", { state: "error", errorCode: "#REF!" }],
  // Separators.
  ["1.234", { state: "number", measure: m(1234), readings: [1234, 1.234] }],
  ["1,234", { state: "number", measure: m(1.234), readings: [1.234, 1234] }],
  ["1.234 ha", { state: "number", measure: m(1234, "ha"), readings: [1234, 1.234] }],
  ["27.5", num(27.5)],
  ["27.5%", num(27.5, "%")],
  ["0.275", num(0.275)],
  ["1.2345", num(1.2345)],
  ["0,123", num(0.123)],
  ["1.234.567", num(1234567)],
  ["1.234.567,89", num(1234567.89)],
  ["1,5", num(1.5)],
  ["2,570.52", num(2570.52)],
  ["1,234,567", num(1234567)],
  ["1,234,567.5 ha", num(1234567.5, "ha")],
  ["-5", num(-5)],
  ["-1.234,5", num(-1234.5)],
  // A sign typed apart from its number keeps it; a lone dash is still "no data".
  ["- 5", num(-5)],
  ["- 5 ha", num(-5, "ha")],
  ["−  1.234,5", num(-1234.5)],
  ["+ 5", num(5)],
  // Thousands grouped by spaces: a space, a non-breaking space (Word, web pages), a narrow one.
  ["1 234", num(1234)],
  ["1\u00a0234", num(1234)],
  ["1\u202f234\u202f567,5", num(1234567.5)],
  ["1 234 567,5", num(1234567.5)],
  ["12 345.75", num(12345.75)],
  ["1 234 ha", num(1234, "ha")],
  ["2 570,52 ha", num(2570.52, "ha")],
  ["1 600 triệu đồng", num(1600000000, "đồng")],
  // A space before anything but a group of three is no grouping.
  ["2 3", { state: "text", measure: m(2), description: "3" }],
  ["0 234", { state: "text", measure: m(0), description: "234" }],
  ["1.2.3", { state: "text" }],
  // Beyond what a double holds: text, not Infinity.
  ["9".repeat(400), { state: "text" }],
  ["9".repeat(400) + "/1", { state: "text" }],
  ["1,2,3", { state: "text" }],
  ["1.23,4", { state: "text" }],
  // Words that are not bounds, numbers that are not values.
  ["Trên địa bàn chưa có", { state: "text" }],
  ["đạt 78%", num(78, "%")],
  ["khoảng 30 ha", num(30, "ha")],
  ["≈ 30%", num(30, "%")],
  ["30% (ước)", { state: "text", measure: m(30, "%"), description: "ước" }],
  ["Chưa đạt (75%)", { state: "text", measure: m(75, "%", "Chưa đạt") }],
  ["100 % số hộ", { state: "text", measure: m(100, "%"), description: "số hộ" }],
  ["tỷ lệ 78%", { state: "text", measure: m(78, "%", "tỷ lệ") }],
  ["02 mô hình: trồng rừng, nuôi cá", { state: "text", measure: m(2, "mô hình"), description: "trồng rừng, nuôi cá" }],
  ["Đang triển khai", { state: "text" }],
];

describe("written forms", () => {
  test.each(FORMS)("%j", (input, e) => {
    check(parseText(input), e);
  });
});

describe("hints", () => {
  const cases: [string, ValueHint, Expect][] = [
    ["78", { kind: "percent", unit: "%" }, num(78, "%")],
    ["78", { kind: "percent" }, num(78, "%")],
    ["585", { kind: "money", unit: "triệu đồng" }, num(585000000, "đồng")],
    ["2.570,52", { kind: "area", unit: "ha" }, num(2570.52, "ha")],
    ["6,36", { kind: "area", unit: "m²/người" }, num(6.36, "m2/người")],
    // A unit in the cell wins over the hint; the rules compare them.
    ["30 ha", { kind: "percent", unit: "%" }, num(30, "ha")],
    [">85", { kind: "percent", unit: "%" }, bound(">", 85, "%")],
    ["02 mô hình: trồng rừng, nuôi cá", { kind: "countDescription" }, { state: "number", measure: m(2, "mô hình"), description: "trồng rừng, nuôi cá" }],
    ["Hiện có 02 làng nghề", { kind: "count" }, { state: "number", measure: m(2), description: "làng nghề" }],
    ["Không", { kind: "yesno" }, NO],
    ["Không có", { kind: "yesno" }, NO],
    ["Có", { kind: "yesno" }, YES],
    ["Không có", { kind: "percent" }, NA],
    ["Chưa có hệ thống XLNT tập trung", { kind: "yesno" }, { state: "yesno", yes: false, description: "hệ thống XLNT tập trung" }],
    ["Có 01 bãi chôn lấp hợp vệ sinh", { kind: "yesno" }, { state: "yesno", yes: true, description: "01 bãi chôn lấp hợp vệ sinh" }],
    ["Không có điểm ô nhiễm", { kind: "yesno" }, { state: "yesno", yes: false, description: "điểm ô nhiễm" }],
    ["Không có số liệu", { kind: "yesno" }, NO_DATA],
    ["Không áp dụng", { kind: "yesno" }, NA],
    ["Không áp dụng cho phường", { kind: "yesno" }, { state: "notApplicable", description: "cho phường" }],
    ["Không phát sinh", { kind: "yesno" }, NA],
    ["Không có số liệu năm 2013", { kind: "yesno" }, { state: "noData", description: "năm 2013" }],
  ];
  test.each(cases)("%j with %j", (input, hint, e) => {
    check(parseText(input, hint), e);
  });
});

describe("whitespace, NBSP, tabs and NFD text parse like the clean form", () => {
  const samples = ["2.570,52 ha", "6,36 m2/người", "1.522,16 ha; độ che phủ 21,3%", "Không có điểm ô nhiễm", "1,6 tỉ đồng", "trên 98%", "Chưa đạt", "2/2 đạt 100%", "Có"];
  const strip = (r: ParsedValue) => ({ ...r, raw: undefined });
  test.each(samples)("%j", (clean) => {
    const want = parseText(clean);
    expect(want.state).not.toBe("text");
    const variants = [
      "  " + clean + "  ",
      "\u00a0" + clean + "\u00a0",
      "\t" + clean + "\n",
      clean.replace(/ /g, "\u00a0"),
      clean.replace(/ /g, " \t "),
      clean.normalize("NFD"),
      "\u00a0" + clean.normalize("NFD") + " ",
    ];
    for (const v of variants) expect(strip(parseText(v))).toEqual(strip(want));
    expect(parseText(clean.normalize("NFD")).raw).toBe(clean);
  });

  test("without String.prototype.normalize (old webviews) NFD text still parses like NFC", () => {
    // Expected results come from the normal module, computed before normalize goes away.
    const pairs = samples.map((c) => ({ nfc: c, nfd: c.normalize("NFD"), want: parseText(c) }));
    const foldPairs = ["Độ che phủ rừng", "Tỷ lệ hộ gia đình"].map((c) => ({ nfd: c.normalize("NFD"), want: foldForMatch(c) }));
    const saved = Object.getOwnPropertyDescriptor(String.prototype, "normalize") as PropertyDescriptor;
    let fallback: typeof import("../src/engine/values") | undefined;
    try {
      delete (String.prototype as { normalize?: unknown }).normalize;
      jest.isolateModules(() => {
        // A fresh copy of the module must load while normalize is missing: only require() can.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        fallback = require("../src/engine/values");
      });
      const lib = fallback as typeof import("../src/engine/values");
      for (const p of pairs) {
        expect(lib.parseText(p.nfd)).toEqual(p.want);
        expect(lib.normaliseText(p.nfd)).toBe(p.nfc);
      }
      for (const p of foldPairs) expect(lib.foldForMatch(p.nfd)).toBe(p.want);
    } finally {
      Object.defineProperty(String.prototype, "normalize", saved);
    }
    expect(typeof "".normalize).toBe("function");
  });

  test("NFD text without String.prototype.normalize composes to NFC", () => {
    const letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
    const all = letters + letters.toUpperCase();
    expect(composeVietnamese(all.normalize("NFD"))).toBe(all);
    // Marks in non-canonical order (tone before shape) still compose.
    expect(composeVietnamese("a\u0301\u0302")).toBe("ấ");
    expect(composeVietnamese("Ti\u0309 đô\u0300ng")).toBe("Tỉ đồng");
    // Marks that are not Vietnamese stay.
    expect(composeVietnamese("q\u0301")).toBe("q\u0301");
  });
});

// ---------------------------------------------------------------- Excel cells

describe("Excel cells", () => {
  const cells: [string, CellInput, ValueHint | undefined, Expect][] = [
    ["percent format, vi text", { value: 0.275, valueType: "Double", numberFormat: "0.0%", text: "27,5 %" }, undefined, { state: "number", measure: m(27.5, "%"), fromNumber: true, raw: "27,5 %" }],
    ["percent format, en text", { value: 0.275, valueType: "Double", numberFormat: "0.0%", text: "27.5%" }, undefined, { state: "number", measure: m(27.5, "%"), fromNumber: true, raw: "27.5%" }],
    ["0% format", { value: 0.5, valueType: "Double", numberFormat: "0%", text: "50%" }, undefined, { state: "number", measure: m(50, "%"), fromNumber: true }],
    ["percent with negative section", { value: 0.8872, valueType: "Double", numberFormat: "0.00%;[Red]-0.00%", text: "88.72%" }, undefined, { state: "number", measure: m(88.72, "%"), fromNumber: true }],
    ["quoted % is a literal: value as shown", { value: 27.5, valueType: "Double", numberFormat: '0.0"%"', text: "27.5%" }, undefined, { state: "number", measure: m(27.5, "%"), fromNumber: true }],
    ["escaped % is a literal", { value: 27.5, valueType: "Double", numberFormat: "0.0\\%", text: "27.5%" }, undefined, { state: "number", measure: m(27.5, "%"), fromNumber: true }],
    ["unit in the format", { value: 2570.52, valueType: "Double", numberFormat: '#,##0.00 "ha"', text: "2,570.52 ha" }, undefined, { state: "number", measure: m(2570.52, "ha"), fromNumber: true }],
    ["currency format", { value: 1500000, valueType: "Double", numberFormat: "#,##0 [$₫-42A]", text: "1.500.000 ₫" }, undefined, { state: "number", measure: m(1500000, "đồng"), fromNumber: true }],
    ["plain double", { value: 0.275, valueType: "Double", numberFormat: "General", text: "0.275" }, undefined, { state: "number", measure: m(0.275), fromNumber: true }],
    ["double with hint unit", { value: 2570.52, valueType: "Double", numberFormat: "General", text: "2570.52" }, { kind: "area", unit: "ha" }, { state: "number", measure: m(2570.52, "ha"), fromNumber: true }],
    ["double in triệu đồng", { value: 585, valueType: "Double", numberFormat: "General", text: "585" }, { kind: "money", unit: "triệu đồng" }, { state: "number", measure: m(585000000, "đồng"), fromNumber: true }],
    ["integer type", { value: 30, valueType: "Integer", text: "30" }, undefined, { state: "number", measure: m(30), fromNumber: true }],
    ["#### shown", { value: 1234567, valueType: "Double", numberFormat: "0", text: "####" }, undefined, { state: "number", measure: m(1234567), fromNumber: true, raw: "1234567" }],
    ["number stored as text", { value: "27,5", valueType: "String", text: "27,5" }, undefined, { state: "number", measure: m(27.5), numberAsText: true }],
    ["percent stored as text", { value: "88,72%", valueType: "String", text: "88,72%" }, undefined, { state: "number", measure: m(88.72, "%"), numberAsText: true }],
    ["text with a unit is not a number-as-text", { value: "2.570,52 ha", valueType: "String", text: "2.570,52 ha" }, undefined, num(2570.52, "ha")],
    ["text without valueType", { value: "Có" }, undefined, YES],
    ["date made of 2/2", { value: 46055, valueType: "Double", numberFormat: "d/m", text: "2/2" }, undefined, { state: "text", looksLikeDate: true, fromNumber: true, raw: "2/2" }],
    ["date m/d/yyyy", { value: 46055, valueType: "Double", numberFormat: "m/d/yyyy", text: "2/2/2026" }, undefined, { state: "text", looksLikeDate: true, fromNumber: true, raw: "2/2/2026" }],
    ["date dd/mm/yyyy", { value: 46055, valueType: "Double", numberFormat: "dd/mm/yyyy", text: "02/02/2026" }, undefined, { state: "text", looksLikeDate: true, fromNumber: true }],
    ["date with locale", { value: 46055, valueType: "Double", numberFormat: "[$-42A]d-mmm", text: "2-thg 2" }, undefined, { state: "text", looksLikeDate: true, fromNumber: true }],
    ["date with locale and text section", { value: 46055, valueType: "Double", numberFormat: "[$-en-US]d-mmm;@", text: "2-Feb" }, undefined, { state: "text", looksLikeDate: true, fromNumber: true }],
    ["localised General is not a date", { value: 30, valueType: "Double", numberFormat: "Chung", text: "30" }, undefined, { state: "number", measure: m(30), fromNumber: true }],
    ["scientific", { value: 1500000, valueType: "Double", numberFormat: "0.00E+00", text: "1.50E+06" }, undefined, { state: "number", measure: m(1500000), fromNumber: true }],
    ["time with AM/PM", { value: 0.5, valueType: "Double", numberFormat: "h:mm AM/PM", text: "12:00 PM" }, undefined, { state: "text", looksLikeDate: true, fromNumber: true }],
    ["time", { value: 0.5, valueType: "Double", numberFormat: "h:mm", text: "12:00" }, undefined, { state: "text", looksLikeDate: true, fromNumber: true }],
    ["boolean true", { value: true, valueType: "Boolean", text: "TRUE" }, undefined, { state: "yesno", yes: true, raw: "TRUE" }],
    ["boolean false", { value: false, valueType: "Boolean", text: "FALSE" }, undefined, { state: "yesno", yes: false }],
    ["null", { value: null, valueType: "Empty", text: "" }, undefined, { state: "blank", raw: "" }],
    ["empty string", { value: "", valueType: "Empty" }, undefined, { state: "blank" }],
    ["spaces only", { value: "   ", valueType: "String", text: "   " }, undefined, { state: "blank" }],
    ["error #N/A", { value: "#N/A", valueType: "Error", text: "#N/A" }, undefined, { state: "error", errorCode: "#N/A" }],
    ["error without valueType", { value: "#VALUE!" }, undefined, { state: "error", errorCode: "#VALUE!" }],
  ];
  test.each(cells)("%s", (_name, cell, hint, e) => {
    check(parseCell(cell, hint), e);
  });

  const codes = ["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"];
  test.each(codes)("error %s as an Error cell and as text", (code) => {
    check(parseCell({ value: code, valueType: "Error", text: code }), { state: "error", errorCode: code });
    check(parseCell({ value: code, valueType: "String", text: code }), { state: "error", errorCode: code });
    check(parseText(code), { state: "error", errorCode: code });
  });

  test("an unknown Error value keeps its code", () => {
    check(parseCell({ value: "#BLOCKED!", valueType: "Error" }), { state: "error", errorCode: "#BLOCKED!" });
  });

  test("'#' text that is not an error code is text", () => {
    const r = parseText("#1 ưu tiên");
    expect(r.state).toBe("text");
    expect("errorCode" in r).toBe(false);
  });
});

// ---------------------------------------------------------------- helpers

describe("normaliseText", () => {
  test.each([
    ["  a   b  ", "a b"],
    ["a\u00a0\tb", "a b"],
    ["8–10%", "8-10%"],
    ["8—10%", "8-10%"],
    ["\u201cCó\u201d", '"Có"'],
    ["\u2018x\u2019", "'x'"],
    ["Kho\u0302ng co\u0301", "Không có"],
    ["a\u200bb", "ab"],
    ["", ""],
  ])("%j → %j", (input, out) => {
    expect(normaliseText(input)).toBe(out);
  });
});

describe("foldForMatch", () => {
  test.each([
    ["Nhị quyết", "nhi quyet"],
    ["Đạt", "dat"],
    ["ĐỘ CHE PHỦ", "do che phu"],
    ["Độ che phủ (%)", "do che phu"],
    ["  Tỷ lệ   hộ gia-đình, sử dụng… ", "ty le ho gia dinh su dung"],
    ["m²/người", "m2 nguoi"],
    ["Kho\u0302ng co\u0301", "khong co"],
    ["- Số người chết, mất tích", "so nguoi chet mat tich"],
  ])("%j → %j", (input, out) => {
    expect(foldForMatch(input)).toBe(out);
  });
});

describe("normaliseUnit", () => {
  test.each([
    ["m2", "m2"],
    ["m²", "m2"],
    ["M2", "m2"],
    ["m2/người", "m2/người"],
    ["m²/người", "m2/người"],
    ["ha", "ha"],
    ["Ha", "ha"],
    ["%", "%"],
    ["km", "km"],
    ["người", "người"],
    ["con", "con"],
    ["loài", "loài"],
    ["hộ", "hộ"],
    ["điểm", "điểm"],
    ["cơ sở", "cơ sở"],
    ["mô hình", "mô hình"],
    ["dự án", "dự án"],
    ["xã", "xã"],
    ["triệu đồng", "đồng"],
    ["tr", "đồng"],
    ["tỷ đồng", "đồng"],
    ["tỉ", "đồng"],
    ["nghìn", "đồng"],
    ["ngàn đồng", "đồng"],
    ["đồng", "đồng"],
    ["đ", "đồng"],
    ["VNĐ", "đồng"],
    ["", ""],
    ["  bệnh  viện ", "bệnh viện"],
  ])("%j → %j", (input, out) => {
    expect(normaliseUnit(input)).toBe(out);
  });
});

describe("formatViNumber", () => {
  test.each([
    [1234.5, undefined, "1.234,5"],
    [1234.5, 2, "1.234,50"],
    [1234.5, 0, "1.235"],
    [0, undefined, "0"],
    [0.5, undefined, "0,5"],
    [-1234567.891, undefined, "-1.234.567,891"],
    [1000000, undefined, "1.000.000"],
    [999, undefined, "999"],
    [-0.0001, 2, "0,00"],
    [0.1 + 0.2, undefined, "0,3"],
    [2570.52, 2, "2.570,52"],
  ])("%p, %p → %p", (n, d, out) => {
    expect(formatViNumber(n, d)).toBe(out);
  });
});
