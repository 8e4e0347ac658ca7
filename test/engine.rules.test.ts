/**
 * Table-driven tests of the rules and the status judgement: each case fills a few cells of
 * our template, checks the workbook, and looks for (or the absence of) one finding.
 */
import { nationalCatalogue } from "../src/catalogue";
import { isIndicator, type IndicatorRow } from "../src/catalogue/types";
import { checkWorkbook } from "../src/engine/check";
import { buildWorkbookTemplate, a1, columnIndex, type CoverInfo, type FillValues } from "../src/engine/layout";
import { describeFinding, ruleCatalogue } from "../src/engine/rules";
import type { CellValue, CellValueType, WorkbookSnapshot } from "../src/engine/types";
import { templateToSnapshot } from "./helpers/snapshot";

const COVER: CoverInfo = {
  unit: "UBND huyện Tam Đường",
  province: "Lai Châu",
  reportNumber: "12/BC-UBND",
  reportDate: "15/05/2023",
  preparer: "Nguyễn Văn A",
  naturalArea: "1.000",
};

const byLabel = (appendix: "PL1" | "PL2", text: string): IndicatorRow => {
  const row = nationalCatalogue.rows.find((r) => r.appendix === appendix && isIndicator(r) && r.labelVi.indexOf(text) >= 0);
  if (!row || !isIndicator(row)) throw new Error(`no indicator ${text}`);
  return row;
};

const LANDFILL = byLabel("PL1", "chôn lấp trực tiếp");
const HAZARDOUS = byLabel("PL1", "chất thải nguy hại được tiêu hủy");
const SOLID = byLabel("PL1", "chất thải rắn sinh hoạt đô thị được thu gom, xử lý");
const WASTEWATER = byLabel("PL1", "nước thải đô thị được thu gom");
const DEATHS = byLabel("PL1", "Số người chết");
const DAMAGE = byLabel("PL1", "Ước tính tổng thiệt hại");
const URBAN_WATER_1 = byLabel("PL1", "dân cư thành thị được sử dụng nước sạch");
const URBAN_WATER_2 = byLabel("PL2", "dân số đô thị được sử dụng nước sạch");
const FOREST_AREA = byLabel("PL2", "Tổng diện tích đất lâm nghiệp");
const FOREST_COVER_2 = byLabel("PL2", "Diện tích và độ che phủ rừng");
const PARIS = byLabel("PL2", "thỏa thuận Paris");
const MINING_DEPOSIT = byLabel("PL2", "ký quỹ");

function check(fill: FillValues, cover: CoverInfo = COVER, tweak?: (s: WorkbookSnapshot) => void) {
  const snapshot = templateToSnapshot(buildWorkbookTemplate(nationalCatalogue, cover, fill));
  if (tweak) tweak(snapshot);
  return checkWorkbook(snapshot, nationalCatalogue, { now: new Date("2023-05-20T00:00:00Z") });
}

function cellOf(result: ReturnType<typeof check>, ind: IndicatorRow, key: "baseline" | "result" | "note"): string {
  return a1(result.readings[ind.id].match.row, columnIndex(ind.appendix, key));
}

type Case = [string, IndicatorRow, FillValues[string], string, "baseline" | "result" | "note" | null, boolean];

const CASES: Case[] = [
  ["blank 2022 with no note is an error", HAZARDOUS, { baseline: "-" }, "NQ24-E001", "result", true],
  ["blank 2022 explained by a note is only info", HAZARDOUS, { baseline: "-", note: "Đang tổng hợp" }, "NQ24-E001", "result", false],
  ["“-” without a note is noted", HAZARDOUS, { baseline: "-", result: "100" }, "NQ24-I002", "baseline", true],
  ["“-” with a note is fine", HAZARDOUS, { baseline: "-", result: "100", note: "Năm 2013 chưa thống kê" }, "NQ24-I002", "baseline", false],
  ["a percent over 100 is out of range", HAZARDOUS, { baseline: "90", result: "120%" }, "NQ24-E004", "result", true],
  ["a percent of 100 is in range", HAZARDOUS, { baseline: "90", result: "100%" }, "NQ24-E004", "result", false],
  ["a negative area is out of range", FOREST_AREA, { baseline: "-5 ha", result: "10 ha" }, "NQ24-E004", "baseline", true],
  ["a fractional head count is out of range", DEATHS, { baseline: "1,5", result: "0" }, "NQ24-E004", "baseline", true],
  ["text where a percent is expected is the wrong kind", HAZARDOUS, { baseline: "tốt", result: "100" }, "NQ24-W003", "baseline", true],
  ["a yes/no indicator given a number is the wrong kind", PARIS, { baseline: "Không", result: "5" }, "NQ24-W003", "result", true],
  ["a yes/no indicator given Có is right", PARIS, { baseline: "Không", result: "Có" }, "NQ24-W003", "result", false],
  ["hectares in a percent indicator is the wrong unit", HAZARDOUS, { baseline: "90", result: "12 ha" }, "NQ24-W005", "result", true],
  ["a percent in an area indicator is the wrong unit", FOREST_AREA, { baseline: "2.570,52 ha", result: "30%" }, "NQ24-W005", "result", true],
  ["1.234 could be read two ways", FOREST_AREA, { baseline: "1.234", result: "2.570,52 ha" }, "NQ24-W006", "baseline", true],
  ["1.234,5 is unambiguous", FOREST_AREA, { baseline: "1.234,5", result: "2.570,52 ha" }, "NQ24-W006", "baseline", false],
  ["a 1000× jump in area is implausible", FOREST_AREA, { baseline: "2,57 ha", result: "2.570 ha" }, "NQ24-W008", "result", true],
  ["585 triệu → 1,6 tỉ đồng is not a 1000× jump", DAMAGE, { baseline: "585 triệu đồng", result: "1,6 tỉ đồng" }, "NQ24-W008", "result", false],
  ["585 triệu → 1.600 tỉ is", DAMAGE, { baseline: "585 triệu đồng", result: "1.600 tỷ đồng" }, "NQ24-W008", "result", true],
  ["a figure under “Không có” contradicts it", WASTEWATER, { baseline: "-", result: "45%", note: "Không có" }, "NQ24-E009", "result", true],
  ["2/3 is a proper count of total", MINING_DEPOSIT, { baseline: "-", result: "2/3 đạt 66%" }, "NQ24-E010", "result", false],
  ["3/2 is more than its total", MINING_DEPOSIT, { baseline: "-", result: "3/2" }, "NQ24-E010", "result", true],
  ["an error value is reported", HAZARDOUS, { baseline: "#N/A", result: "100" }, "NQ24-E018", "baseline", true],
];

describe("rules", () => {
  it.each(CASES)("%s", (_name, ind, cells, code, key, expected) => {
    const r = check({ [ind.id]: cells });
    const hits = r.findings.filter((f) => f.code === code && f.indicatorId === ind.id);
    if (expected) {
      expect(hits.length).toBeGreaterThan(0);
      if (key) expect(hits.map((h) => h.cell)).toContain(cellOf(r, ind, key));
      for (const h of hits) {
        expect(describeFinding(h, "vi").message.length).toBeGreaterThan(10);
        expect(describeFinding(h, "en").message.length).toBeGreaterThan(10);
        expect(h.sheet).toBe(ind.appendix === "PL1" ? "Phụ lục 1" : "Phụ lục 2");
      }
    } else {
      expect(hits).toEqual([]);
    }
  });

  it("flags the two appendices disagreeing on a linked indicator, and not when they agree", () => {
    const bad = check({ [URBAN_WATER_1.id]: { baseline: "78", result: "95" }, [URBAN_WATER_2.id]: { baseline: "78%", result: "100%" } });
    const hits = bad.findings.filter((f) => f.code === "NQ24-W007");
    expect(hits.map((h) => h.cell)).toEqual([cellOf(bad, URBAN_WATER_1, "result")]);
    expect(describeFinding(hits[0], "vi").message).toContain("Phụ lục 2!");
    const good = check({ [URBAN_WATER_1.id]: { baseline: "78", result: "100" }, [URBAN_WATER_2.id]: { baseline: "78%", result: "100%" } });
    expect(good.findings.filter((f) => f.code === "NQ24-W007")).toEqual([]);
  });

  it("checks a stated share against area ÷ natural area from the cover", () => {
    const r = check({ [FOREST_COVER_2.id]: { baseline: "200 ha; độ che phủ 20%", result: "300 ha; độ che phủ 45%" } });
    const hits = r.findings.filter((f) => f.code === "NQ24-W020");
    // 200 ÷ 1.000 = 20 % agrees; 300 ÷ 1.000 = 30 % does not agree with 45 %.
    expect(hits.map((h) => h.cell)).toEqual([cellOf(r, FOREST_COVER_2, "result")]);
  });

  it("reports a date Excel made out of “2/2”", () => {
    const r = check({ [MINING_DEPOSIT.id]: { baseline: "-", result: "x" } }, COVER, (s) => {
      const sheet = s.sheets.find((x) => x.name === "Phụ lục 2")!;
      const row = buildWorkbookTemplate(nationalCatalogue, COVER).sheets[2].indicatorRows![MINING_DEPOSIT.id];
      const col = columnIndex("PL2", "result");
      sheet.values[row][col] = 46055 as CellValue;
      sheet.valueTypes[row][col] = "Double" as CellValueType;
      sheet.numberFormats[row][col] = "d/m";
      sheet.text[row][col] = "2/2";
    });
    expect(r.findings.filter((f) => f.code === "NQ24-E019" && f.indicatorId === MINING_DEPOSIT.id)).toHaveLength(1);
  });

  it("requires the cover's reporting unit, number, date, preparer and natural area", () => {
    const r = check({}, { province: "Lai Châu" });
    const missing = r.findings.filter((f) => f.code === "NQ24-E017");
    expect(missing).toHaveLength(5);
    expect(missing.every((f) => f.sheet === "Bìa" && /^C\d+$/.test(f.cell))).toBe(true);
    expect(check({}).findings.filter((f) => f.code === "NQ24-E017")).toEqual([]);
  });

  it("reports a missing appendix sheet and a label edited in our template", () => {
    const r = check({}, COVER, (s) => {
      s.sheets = s.sheets.filter((x) => x.name !== "Phụ lục 2");
      const pl1 = s.sheets.find((x) => x.name === "Phụ lục 1")!;
      const row = buildWorkbookTemplate(nationalCatalogue, COVER).sheets[1].indicatorRows![DEATHS.id];
      pl1.values[row][1] = "Số người bị thương";
      pl1.text[row][1] = "Số người bị thương";
    });
    expect(r.findings.filter((f) => f.code === "NQ24-E013").map((f) => describeFinding(f, "en").message)).toEqual([expect.stringContaining("Appendix 2")]);
    const edited = r.findings.filter((f) => f.code === "NQ24-W011");
    expect(edited).toHaveLength(1);
    expect(edited[0].indicatorId).toBe(DEATHS.id);
    // The row is still read by its id.
    expect(r.readings[DEATHS.id]).toBeDefined();
  });

  it("words messages as sentences in both languages", () => {
    const r = check({ [HAZARDOUS.id]: { baseline: "tốt" } });
    const missing = r.findings.find((f) => f.code === "NQ24-E001" && f.indicatorId === HAZARDOUS.id)!;
    expect(describeFinding(missing, "en").message).toMatch(/^No 2022 value entered for “/);
    expect(describeFinding(missing, "vi").message).toMatch(/^Chưa nhập số liệu 2022 cho chỉ tiêu “/);
    const kind = r.findings.find((f) => f.code === "NQ24-W003" && f.indicatorId === HAZARDOUS.id)!;
    expect(describeFinding(kind, "en").message).toMatch(/^The 2013 value of “/);
    expect(describeFinding(kind, "vi").message).toMatch(/^Số liệu 2013 của “/);
  });

  it("in summary detail (batch consolidation) keeps every finding whole, the statuses and the verdict, and plans no writes", () => {
    const fill = { [HAZARDOUS.id]: { baseline: "tốt", result: "120%" }, [DEATHS.id]: { baseline: "1,5" } };
    const snapshot = templateToSnapshot(buildWorkbookTemplate(nationalCatalogue, COVER, fill));
    const full = checkWorkbook(snapshot, nationalCatalogue, { now: new Date(0) });
    const summary = checkWorkbook(snapshot, nationalCatalogue, { now: new Date(0), detail: "summary" });
    expect(summary.findings).toEqual(full.findings);
    // Nothing is lost: a warning's words can still be made from what the summary kept.
    const w = summary.findings.find((f) => f.code === "NQ24-W003" && f.indicatorId === HAZARDOUS.id)!;
    expect(describeFinding(w, "en").message).toBe(`The 2013 value of “${HAZARDOUS.labelVi}” should be a percentage (e.g. 27,5 or 27,5%), but the cell holds “tốt”.`);
    expect(summary.plan.verdict).toEqual(full.plan.verdict);
    expect(summary.plan.marks).toEqual([]);
    expect(full.plan.marks.length).toBeGreaterThan(0);
    expect(summary.statuses).toEqual(full.statuses);
  });

  it("publishes every rule with a unique code and both languages", () => {
    const rules = ruleCatalogue();
    expect(new Set(rules.map((r) => r.code)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.code).toMatch(/^NQ24-[EWI]\d{3}$/);
      expect(r.title.vi && r.title.en).toBeTruthy();
    }
  });
});

describe("status", () => {
  type S = [string, IndicatorRow, FillValues[string], string, string];
  const STATUS: S[] = [
    ["landfill <30%: 20 meets the bound", LANDFILL, { baseline: "100", result: "20" }, "achieved", "better"],
    ["landfill <30%: 30 misses the strict bound", LANDFILL, { baseline: "100", result: "30" }, "notAchieved", "better"],
    ["hazardous >85%: 85 misses the strict bound", HAZARDOUS, { baseline: "50", result: "85" }, "notAchieved", "better"],
    ["hazardous >85%: 86 achieves it, a bound is met, not exceeded", HAZARDOUS, { baseline: "50", result: "86%" }, "achieved", "better"],
    ["solid waste 90%: 90 achieves", SOLID, { baseline: "95", result: "90" }, "achieved", "worse"],
    ["solid waste 90%: 95 exceeds", SOLID, { baseline: "90", result: "95" }, "exceeded", "better"],
    ["solid waste 90%: “> 98%” certainly exceeds", SOLID, { baseline: "90", result: "> 98%" }, "exceeded", "better"],
    ["solid waste 90%: “-” is no data", SOLID, { baseline: "90", result: "-" }, "noData", "unknown"],
    ["solid waste 90%: blank is no data", SOLID, { baseline: "90" }, "noData", "unknown"],
    ["solid waste 90%: “Không có” is not applicable", SOLID, { baseline: "-", result: "Không có" }, "notApplicable", "unknown"],
    ["wastewater 30%: “Chưa có hệ thống” means not achieved", WASTEWATER, { note: "Chưa có hệ thống xử lý" }, "notAchieved", "unknown"],
    ["wastewater 30%: a percent-formatted 0.35 is 35 % and exceeds", WASTEWATER, { baseline: "-", result: "35%" }, "exceeded", "unknown"],
    ["deaths, no target: fewer is better", DEATHS, { baseline: "3", result: "1" }, "noTarget", "worse".replace("worse", "better")],
    ["damage, no target: more is worse", DAMAGE, { baseline: "1 tỷ đồng", result: "1.200 triệu đồng" }, "noTarget", "worse"],
  ];
  it.each(STATUS)("%s", (_n, ind, cells, status, trend) => {
    const r = check({ [ind.id]: cells });
    const s = r.statuses.find((x) => x.indicatorId === ind.id)!;
    expect(s.status).toBe(status);
    expect(s.trend).toBe(trend);
    const written = r.plan.statusCells.find((c) => c.row === r.readings[ind.id].match.row && c.sheet === "Phụ lục 1");
    expect(written?.text).toBe(s.label.vi);
  });

  it("writes status texts in English when asked", () => {
    const snapshot = templateToSnapshot(buildWorkbookTemplate(nationalCatalogue, COVER, { [LANDFILL.id]: { baseline: "100", result: "100" } }));
    const r = checkWorkbook(snapshot, nationalCatalogue, { lang: "en" });
    const row = r.readings[LANDFILL.id].match.row;
    expect(r.plan.statusCells.find((c) => c.row === row && c.sheet === "Phụ lục 1")?.text).toBe("Not achieved");
    expect(r.plan.results.header[0]).toBe("Severity");
  });
});
