/**
 * Golden test on the real seed: the Lai Châu report through the engine gives, for each of
 * the 30 PL1 rows, the status a careful reader of the seed gives, and finds the seed's own
 * inconsistencies.
 */
import { nationalCatalogue, laiChauSample, sampleFillValues } from "../src/catalogue";
import { checkWorkbook, type CheckResult } from "../src/engine/check";
import { buildWorkbookTemplate } from "../src/engine/layout";
import { describeFinding } from "../src/engine/rules";
import { measureOf, type TargetStatus, type Trend } from "../src/engine/types";
import { readSeedAppendices } from "./helpers/seedTables";
import { gridToSheet, templateToSnapshot } from "./helpers/snapshot";

const NOW = new Date("2023-05-20T08:00:00Z");

function checkSample(): CheckResult {
  const snapshot = templateToSnapshot(buildWorkbookTemplate(nationalCatalogue, laiChauSample.cover, sampleFillValues()));
  return checkWorkbook(snapshot, nationalCatalogue, { now: NOW });
}

/** The seed's tables pasted into one sheet as they stand in the Word file: no id column, slips kept. */
function checkSeedAsPasted(): CheckResult {
  const seed = readSeedAppendices();
  const grid: (string | null)[][] = [];
  for (const appendix of ["PL1", "PL2"] as const) {
    grid.push([appendix === "PL1" ? "Phụ lục 1" : "Phụ lục 2"]);
    grid.push(["(Kèm theo Báo cáo số      /BC-UBND ngày    /5/2023 của UBND thành phố LC)"]);
    grid.push(
      appendix === "PL1"
        ? ["STT", "Các mục tiêu cụ thể của Nhị quyết", "Mục tiêu đề ra đến 2020", "Hiện trạng 2013", "Kết quả đạt được đến 2022", "Ghi chú"]
        : ["STT", "Chỉ tiêu đánh giá", "2013", "2022", "Ghi chú"],
    );
    for (const r of seed.filter((x) => x.appendix === appendix)) grid.push(r.cells.map((c) => c));
    grid.push([]);
  }
  return checkWorkbook({ sheets: [gridToSheet("Sheet1", grid)] }, nationalCatalogue, { now: NOW });
}

/** PL1 row (seed order) → what a careful reader concludes from the seed. */
const EXPECTED_PL1: [string, string, TargetStatus, Trend][] = [
  ["PL1-01", "deaths 0 → 0, no target", "noTarget", "unchanged"],
  ["PL1-02", "damage 585 triệu → 1,6 tỉ, less is better", "noTarget", "worse"],
  ["PL1-03", "flood points handled: - / -", "noTarget", "unknown"],
  ["PL1-04", "new flood points 0 → 0", "noTarget", "unchanged"],
  ["PL1-05", "land surveyed: blank / -", "noTarget", "unknown"],
  ["PL1-06", "certified forest: blank / -", "noTarget", "unknown"],
  ["PL1-07", "forest service payments: blank / -", "noTarget", "unknown"],
  ["PL1-08", "natural-forest timber: blank / -", "noTarget", "unknown"],
  ["PL1-09", "raw mineral exports: blank / -", "noTarget", "unknown"],
  ["PL1-10", "QĐ 64 facilities: note says none exist", "notApplicable", "unknown"],
  ["PL1-11", "QĐ 1788 facilities: note says none exist", "notApplicable", "unknown"],
  ["PL1-12", "new seriously polluting facilities 0 → 0", "noTarget", "unchanged"],
  ["PL1-13", "industrial zones (target 100%): note Không có", "notApplicable", "unknown"],
  ["PL1-14", "urban wastewater (target 30%): no plant yet, no value", "notAchieved", "unknown"],
  ["PL1-15", "urban solid waste 100 vs 90%", "exceeded", "unknown"],
  ["PL1-16", "hazardous waste 100 vs >85%", "achieved", "unknown"],
  ["PL1-17", "medical waste 100 vs 100%", "achieved", "unknown"],
  ["PL1-18", "landfilled share 100 vs <30%", "notAchieved", "unchanged"],
  ["PL1-19", "urban clean water 78 → 100", "noTarget", "better"],
  ["PL1-20", "rural hygienic water 98 → 100", "noTarget", "better"],
  ["PL1-21", "pesticide-polluted land: note Không có", "notApplicable", "unknown"],
  ["PL1-22", "dust days: no values", "noTarget", "unknown"],
  ["PL1-23", "green area per head - → 6,36", "noTarget", "unknown"],
  ["PL1-24", "clean-fuel buses: no values", "noTarget", "unknown"],
  ["PL1-25", "public transport share: no values", "noTarget", "unknown"],
  ["PL1-26", "craft villages compliant: only a note", "noTarget", "unknown"],
  ["PL1-27", "polluting craft villages treated 0 → 0", "noTarget", "unchanged"],
  ["PL1-28", "communes meeting the NTM environment criterion 0 → 50", "noTarget", "better"],
  ["PL1-29", "nature reserves: note Không có", "notApplicable", "unknown"],
  ["PL1-30", "forest cover 21,3 → 27,5", "noTarget", "better"],
];

describe("golden: the Lai Châu sample in our template", () => {
  const result = checkSample();
  const byId = new Map(result.statuses.map((s) => [s.indicatorId, s]));

  it("finds both tables and every indicator by its id", () => {
    expect(result.tables.map((t) => t.appendix).sort()).toEqual(["PL1", "PL2"]);
    expect(result.tables.every((t) => t.ownTemplate)).toBe(true);
    expect(result.matches).toHaveLength(160);
    expect(result.matches.every((m) => m.by === "id")).toBe(true);
  });

  it.each(EXPECTED_PL1)("%s (%s): %s, trend %s", (id, _why, status, trend) => {
    const s = byId.get(id);
    expect(s).toBeDefined();
    expect(s?.status).toBe(status);
    expect(s?.trend).toBe(trend);
  });

  it("explains the urban wastewater verdict by the note, not silently", () => {
    expect(byId.get("PL1-14")?.explanation?.vi).toMatch(/Chưa có hệ thống/);
  });

  it("handles the money unit change triệu → tỉ as 585 million → 1.6 billion, not a 1000× jump", () => {
    const r = result.readings["PL1-02"];
    expect((r.baseline && measureOf(r.baseline.value))).toEqual({ value: 585e6, unit: "đồng" });
    expect((r.result && measureOf(r.result.value))?.value).toBeCloseTo(1.6e9, 0);
    expect(result.findings.filter((f) => f.indicatorId === "PL1-02" && f.code === "NQ24-W008")).toHaveLength(0);
    expect(byId.get("PL1-02")?.change).toBeCloseTo(1.6e9 / 585e6 - 1, 6);
  });

  it("flags rural hygienic water: 98 in PL1 against 100% in PL2 for 2013", () => {
    const f = result.findings.filter((x) => x.code === "NQ24-W007" && x.indicatorId === "PL1-20");
    expect(f).toHaveLength(1);
    expect(f[0].sheet).toBe("Phụ lục 1");
    expect(describeFinding(f[0], "vi").message).toContain("2013");
    expect(describeFinding(f[0], "vi").message).toContain("98");
    expect(describeFinding(f[0], "vi").message).toContain("100%");
  });

  it("does not flag linked rows that agree (urban clean water 78/100, forest cover 21,3/27,5)", () => {
    const w7 = result.findings.filter((x) => x.code === "NQ24-W007").map((x) => x.indicatorId);
    expect(w7).not.toContain("PL1-19");
    expect(w7).not.toContain("PL1-30");
  });

  it("checks the stated forest cover against forest area ÷ the natural area 9.687,99 ha", () => {
    const f = result.findings.filter((x) => x.code === "NQ24-W020");
    // 2013: 1.522,16 ÷ 9.687,99 = 15,7 % against 21,3 % stated; 2022: 2.694,42 ÷ 9.687,99 = 27,8 % ≈ 27,5 %.
    expect(f).toHaveLength(1);
    expect(describeFinding(f[0], "vi").message).toContain("2013");
    expect(describeFinding(f[0], "vi").message).toContain("15,71%");
  });

  it("lets “Không có” beside “- Thủy điện” speak for the hydropower rows under it", () => {
    const hydro = nationalCatalogue.rows.filter((r) => r.type === "indicator" && r.path.some((p) => nationalCatalogue.rows.find((h) => h.id === p)?.labelVi === "- Thủy điện"));
    expect(hydro.length).toBe(4);
    for (const h of hydro) {
      expect(result.findings.filter((f) => f.indicatorId === h.id && f.severity !== "info")).toEqual([]);
      expect(result.readings[h.id].inheritedNote?.value.raw).toBe("Không có");
    }
  });

  it("reports blank value cells without a note as missing, and explained blanks as info only", () => {
    const missing = result.findings.filter((f) => f.code === "NQ24-E001");
    // PL2 "Số lượng các công trình thủy lợi…" has neither values nor a note.
    const thuyLoi = nationalCatalogue.rows.find((r) => r.labelVi.indexOf("công trình thủy lợi") >= 0);
    expect(missing.some((f) => f.indicatorId === thuyLoi?.id && f.severity === "error")).toBe(true);
    // QĐ 64 rows are blank but explained by "Không có…": never an error.
    expect(result.findings.some((f) => f.indicatorId === "PL1-10" && f.severity === "error")).toBe(false);
  });

  it("gives a verdict: not ready while errors remain, with counts matching the findings", () => {
    const v = result.plan.verdict;
    const errors = result.findings.filter((f) => f.severity === "error").length;
    expect(v.counts.error).toBe(errors);
    expect(v.ready).toBe(errors === 0);
    expect(v.checkedAt).toBe(NOW.toISOString());
  });

  it("writes one status cell per indicator in the template's status column", () => {
    const cells = result.plan.statusCells.filter((c) => c.kind !== "header");
    expect(cells).toHaveLength(160);
    const pl1 = cells.filter((c) => c.sheet === "Phụ lục 1");
    expect(new Set(pl1.map((c) => c.col)).size).toBe(1);
    const landfill = result.readings["PL1-18"].match.row;
    expect(pl1.find((c) => c.row === landfill)?.text).toBe("Chưa đạt");
  });
});

describe("golden: the seed's tables pasted as they are (no ids, slips, both tables on one sheet)", () => {
  const pasted = checkSeedAsPasted();
  const sample = checkSample();

  it("finds both tables on the one sheet", () => {
    expect(pasted.tables.map((t) => t.appendix)).toEqual(["PL1", "PL2"]);
    expect(pasted.tables.every((t) => !t.ownTemplate)).toBe(true);
  });

  it("matches every one of the 160 indicators by label", () => {
    expect(pasted.matches).toHaveLength(160);
    expect(pasted.findings.filter((f) => f.code === "NQ24-E014")).toHaveLength(0);
    expect(pasted.findings.filter((f) => f.code === "NQ24-W016")).toHaveLength(0);
  });

  it("maps the repeated '+ Tổng số dự án…' rows under wind, solar and biomass to distinct indicators in order", () => {
    const rows = pasted.matches.filter((m) => /^\+ Tổng số dự án và tổng công suất/.test(m.labelSeen));
    const ids = rows.map((m) => m.indicatorId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("gives the same PL1 statuses as the sample in our template", () => {
    const a = new Map(pasted.statuses.map((s) => [s.indicatorId, `${s.status}/${s.trend}`]));
    for (const [id, , status, trend] of EXPECTED_PL1) expect(a.get(id)).toBe(`${status}/${trend}`);
    expect(pasted.statuses.map((s) => s.trend)).toEqual(sample.statuses.map((s) => s.trend));
  });

  it("puts the status beside the table in a new column, never over a user's cell", () => {
    const header = pasted.plan.statusCells.filter((c) => c.kind === "header");
    expect(header.map((c) => c.col)).toEqual([6, 5]);
    expect(pasted.findings.some((f) => f.code === "NQ24-W017")).toBe(true);
  });
});
