/**
 * Units: the names the parser gives them, the one table of conversions, the unit each
 * indicator's figures are kept in, and units a table declares (ĐVT column, header, a
 * "Đơn vị tính" line) applied to its figures — through to province totals.
 */
import fc from "fast-check";
import { indicators, nationalCatalogue, sampleFillValues } from "../src/catalogue";
import { checkWorkbook, type CheckResult } from "../src/engine/check";
import { consolidate, figureOf, type DistrictInput } from "../src/engine/consolidate";
import { a1 } from "../src/engine/layout";
import { measureOf, type ParsedValue } from "../src/engine/types";
import { parseText } from "../src/engine/values";
import { conversionFactor, convertValue, indicatorUnit, UNIT_CONVERSIONS } from "../src/engine/values/convert";
import { normaliseUnit, unitInfo } from "../src/engine/values/units";
import { copySnapshot, provinceLayout, TEMPLATE_LAYOUT, typeInto } from "./helpers/valueLayouts";
import { gridToSheet } from "./helpers/snapshot";

const NOW = new Date("2023-05-20T08:00:00Z");
const value = (v: ParsedValue | undefined) => (v ? measureOf(v)?.value : undefined);

describe("unit names", () => {
  test.each([
    ["Tỷ đồng", { unit: "đồng", exp: 9, name: "tỷ đồng" }],
    ["tỉ đồng", { unit: "đồng", exp: 9, name: "tỷ đồng" }],
    ["Triệu đồng", { unit: "đồng", exp: 6, name: "triệu đồng" }],
    ["nghìn đồng", { unit: "đồng", exp: 3, name: "nghìn đồng" }],
    ["VNĐ", { unit: "đồng", exp: 0, name: "đồng" }],
    ["Ha", { unit: "ha", exp: 0, name: "ha" }],
    ["m²", { unit: "m2", exp: 0, name: "m2" }],
    ["km²", { unit: "km2", exp: 0, name: "km2" }],
    ["‰", { unit: "‰", exp: 0, name: "‰" }],
    ["nghìn m³", { unit: "m3", exp: 3, name: "nghìn m3" }],
    ["MW", { unit: "MW", exp: 0, name: "MW" }],
    ["kW", { unit: "kW", exp: 0, name: "kW" }],
    ["tấn", { unit: "tấn", exp: 0, name: "tấn" }],
    // A rate: the multiplier of the first unit, per the second.
    ["triệu đồng/ha", { unit: "đồng/ha", exp: 6, name: "triệu đồng/ha" }],
    ["kg/ha", { unit: "kg/ha", exp: 0, name: "kg/ha" }],
    ["m²/người", { unit: "m2/người", exp: 0, name: "m2/người" }],
    ["đồng / nghìn m3", { unit: "đồng/m3", exp: -3, name: "đồng/nghìn m3" }],
  ])("%j", (written, info) => {
    expect(unitInfo(written)).toEqual(info);
  });

  test.each(["km/%", "%/năm", "Số lượng", "Có/Không", "", "-"])("%j is no single unit", (written) => {
    expect(unitInfo(written)).toBeNull();
  });

  test("the catalogue's units read as before, and the new ones by their names", () => {
    expect(normaliseUnit("triệu đồng")).toBe("đồng");
    expect(normaliseUnit("m³")).toBe("m3");
    expect(normaliseUnit("MW")).toBe("MW");
    expect(normaliseUnit("triệu đồng/ha")).toBe("đồng/ha");
    expect(normaliseUnit("tổ chức/cá nhân")).toBe("tổ chức/cá nhân");
  });

  test("cells state rates and the parser multiplies them out", () => {
    expect(parseText("45 triệu đồng/ha")).toMatchObject({ state: "number", measure: { value: 45e6, unit: "đồng/ha" }, writtenUnit: "triệu đồng/ha" });
    expect(parseText("150 kg/ha")).toMatchObject({ state: "number", measure: { value: 150, unit: "kg/ha" } });
    expect(parseText("45", { kind: "money", unit: "triệu đồng/ha" })).toMatchObject({ state: "number", measure: { value: 45e6, unit: "đồng/ha" } });
    expect(parseText("45", { kind: "money", unit: "triệu đồng/ha" })).not.toHaveProperty("writtenUnit");
    expect(parseText("5‰")).toMatchObject({ measure: { value: 5, unit: "‰" }, writtenUnit: "‰" });
    expect(parseText("1,5 nghìn m3")).toMatchObject({ measure: { value: 1500, unit: "m3" }, writtenUnit: "nghìn m3" });
  });
});

describe("the conversion table", () => {
  test.each([
    ["tỷ đồng", "đồng", 1e9],
    ["triệu đồng", "tỷ đồng", 1e-3],
    ["nghìn tỷ đồng", "triệu đồng", 1e6],
    ["ha", "m2", 1e4],
    ["km2", "ha", 100],
    ["m2", "ha", 1e-4],
    ["‰", "%", 0.1],
    ["tấn", "kg", 1000],
    ["nghìn tấn", "tấn", 1000],
    ["nghìn m3", "m3", 1000],
    ["lít", "m3", 0.001],
    ["km", "m", 1000],
    ["MW", "kW", 1000],
    ["GW", "MW", 1000],
    ["tấn/ha", "kg/ha", 1000],
    ["triệu đồng/ha", "đồng/ha", 1e6],
    ["đồng/m2", "đồng/ha", 1e4],
    ["người", "người", 1],
  ])("%s → %s: × %p", (from, to, factor) => {
    expect(conversionFactor(from, to)).toBeCloseTo(factor, 12);
  });

  test.each([
    ["ha", "%"],
    ["tỷ đồng", "ha"],
    ["người", "hộ"],
    ["kg/ha", "kg"],
    ["m2/người", "ha"],
    ["%", "người"],
  ])("%s and %s measure different things", (a, b) => {
    expect(conversionFactor(a, b)).toBeUndefined();
  });

  const pairs = UNIT_CONVERSIONS.flatMap((g) => g.units.flatMap((a) => g.units.map((b) => [a[0], b[0]] as const)));
  test("converting there and back gives the figure back, and a → b → c is a → c (every pair of the table)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...pairs), fc.integer({ min: -1e12, max: 1e12 }).map((n) => n / 1000), ([a, b], x) => {
        const ab = conversionFactor(a, b) as number;
        const ba = conversionFactor(b, a) as number;
        expect(Math.abs(x * ab * ba - x)).toBeLessThanOrEqual(Math.abs(x) * 1e-12);
        const g = UNIT_CONVERSIONS.find((u) => u.units.some((p) => p[0] === a)) as (typeof UNIT_CONVERSIONS)[number];
        for (const [c] of g.units) {
          const ac = conversionFactor(a, c) as number;
          expect(Math.abs(ab * (conversionFactor(b, c) as number) - ac)).toBeLessThanOrEqual(ac * 1e-12);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test("units of different measures never convert into each other", () => {
    for (const g of UNIT_CONVERSIONS) for (const h of UNIT_CONVERSIONS) if (g !== h) for (const [a] of g.units) for (const [b] of h.units) expect(conversionFactor(a, b)).toBeUndefined();
  });

  test("every unit the table names is one the parser reads", () => {
    for (const g of UNIT_CONVERSIONS) for (const [u] of g.units) expect(unitInfo(u)?.name).toBe(u);
  });

  test("a value's measures, bound and range convert; a share beside an area keeps its %", () => {
    expect(convertValue(parseText("5.000 m2"), "ha")).toMatchObject({ measure: { value: 0.5, unit: "ha" } });
    expect(convertValue(parseText("> 5.000 m2"), "ha")).toMatchObject({ measure: { value: 0.5, unit: "ha" }, bound: { op: ">", value: 0.5, unit: "ha" } });
    expect(convertValue(parseText("2 - 3 km2"), "ha")).toMatchObject({ range: { low: 200, high: 300, unit: "ha" } });
    expect(convertValue(parseText("15.221.600 m2; độ che phủ 21,3%"), "ha")).toMatchObject({ measures: [{ value: 1522.16, unit: "ha" }, { value: 21.3, unit: "%", label: "độ che phủ" }] });
    expect(convertValue(parseText("5‰"), "%")).toMatchObject({ measure: { value: 0.5, unit: "%" } });
    const unchanged = parseText("27,5%");
    expect(convertValue(unchanged, "%")).toBe(unchanged);
    const other = parseText("30 ha");
    expect(convertValue(other, "%")).toBe(other);
  });
});

describe("the unit each indicator's figures are kept in", () => {
  test.each([
    ["PL1-02", "đồng"],
    ["PL1-30", "%"],
    ["PL2-017", "ha"],
    ["PL1-23", "m2/người"],
    ["PL1-08", "m3"],
    ["PL2-058", "đồng/ha"],
    ["PL2-099", "kg/ha"],
    ["PL2-079", "MW"],
    ["PL1-01", "người"],
    ["PL2-045", "tổ chức/cá nhân"],
    ["PL2-021", ""],
  ])("%s: %s", (id, unit) => {
    const ind = indicators(nationalCatalogue).find((i) => i.id === id);
    expect(ind && indicatorUnit(ind)).toBe(unit);
  });

  test("every catalogue indicator's own unit converts to it with a factor (a bare figure is in the catalogue's unit)", () => {
    for (const ind of indicators(nationalCatalogue)) {
      if (ind.kind === "yesno" || ind.kind === "text") continue;
      const own = ind.kind === "percent" ? "%" : unitInfo(ind.unit)?.name ?? normaliseUnit(ind.unit);
      expect([ind.id, conversionFactor(own, indicatorUnit(ind)) !== undefined]).toEqual([ind.id, true]);
    }
  });
});

// ---------------------------------------------------------------- units a table declares

type Grid = (string | number | null)[][];

/** A Phụ lục 2 table of a few rows, laid out as a province might: what is above the header, the header, the rows. */
function pl2(above: Grid, header: (string | null)[], rows: Grid, extra: Parameters<typeof gridToSheet>[2] = {}): CheckResult {
  const grid: Grid = [["Phụ lục 2"], ...above, header, ...rows];
  return checkWorkbook({ sheets: [gridToSheet("Biểu 02", grid, extra)] }, nationalCatalogue, { now: NOW });
}
const LABEL = (id: string) => (indicators(nationalCatalogue).find((i) => i.id === id) as { labelVi: string }).labelVi;
const MONEY = "PL2-044"; // fines, triệu đồng
const AREA = "PL2-017"; // protective forest, ha
const SHARE = "PL2-104"; // a share, %

describe("units declared by the table", () => {
  test("a “Đơn vị tính: …” line above the table applies to the rows it can measure, and to no other", () => {
    const r = pl2(
      [["SỐ LIỆU KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ"], [null, null, "Đơn vị tính: tỷ đồng"]],
      ["STT", "Chỉ tiêu", "2013", "2022", "Ghi chú"],
      [["1", LABEL(MONEY), "0,585", "1,6"], ["2", LABEL(AREA), "2.570,52", "2.179,49"], ["3", LABEL(SHARE), "88,72", "100"]],
    );
    expect(value(r.readings[MONEY].baseline?.value)).toBe(585e6);
    expect(value(r.readings[MONEY].result?.value)).toBe(1.6e9);
    expect(r.readings[MONEY].result?.unit).toMatchObject({ text: "tỷ đồng", source: "title", applied: "tỷ đồng", address: { row: 2, col: 2 } });
    expect(value(r.readings[AREA].result?.value)).toBe(2179.49);
    expect(r.readings[AREA].result?.unit).toBeUndefined();
    expect(value(r.readings[SHARE].baseline?.value)).toBe(88.72);
    expect(r.findings.filter((f) => ["NQ24-W041", "NQ24-I042", "NQ24-W005"].includes(f.code))).toEqual([]);
  });

  test("a unit in a column's header: each period in its own", () => {
    const r = pl2([], ["STT", "Chỉ tiêu", "Năm 2013 (triệu đồng)", "Năm 2022 (ĐVT: tỷ đồng)", "Ghi chú"], [["1", LABEL(MONEY), "585", "1,6"]]);
    expect(value(r.readings[MONEY].baseline?.value)).toBe(585e6);
    expect(value(r.readings[MONEY].result?.value)).toBe(1.6e9);
    expect(r.readings[MONEY].result?.unit).toMatchObject({ source: "header", text: "tỷ đồng", address: { row: 1, col: 3 } });
  });

  test("a group header over the year cells (“Số liệu (m²)”) converts the areas under it to ha", () => {
    const r = pl2(
      [[null, null, "Số liệu (m²)", null, null]],
      ["STT", "Chỉ tiêu", "Năm 2013", "Năm 2022", "Ghi chú"],
      [["1", LABEL(AREA), "25.705.200", "21.794.900"]],
      { merges: [{ row: 1, col: 2, rowCount: 1, colCount: 2 }] },
    );
    expect(value(r.readings[AREA].baseline?.value)).toBeCloseTo(2570.52, 9);
    expect(value(r.readings[AREA].result?.value)).toBeCloseTo(2179.49, 9);
    expect(r.readings[AREA].result?.unit).toMatchObject({ source: "header", applied: "m2", address: { row: 1, col: 2 } });
    expect(r.findings.filter((f) => f.code === "NQ24-W008")).toEqual([]);
  });

  test("the row's unit wins over the header's, the header's over the line's; a word that is no unit lets the next speak", () => {
    const r = pl2(
      [["Đơn vị tính: nghìn đồng"]],
      ["STT", "Chỉ tiêu", "ĐVT", "2013 (triệu đồng)", "2022", "Ghi chú"],
      [["1", LABEL(MONEY), "Tỷ đồng", "0,5", "2"], ["2", LABEL("PL2-051"), "(*)", "300", "400"], ["3", LABEL("PL2-069"), null, "7", "8"]],
    );
    expect(value(r.readings[MONEY].baseline?.value)).toBe(5e8);
    expect(value(r.readings[MONEY].result?.value)).toBe(2e9);
    // "(*)" is no unit: the header speaks for 2013, the line for 2022.
    expect(value(r.readings["PL2-051"].baseline?.value)).toBe(300e6);
    expect(value(r.readings["PL2-051"].result?.value)).toBe(400e3);
    expect(value(r.readings["PL2-069"].result?.value)).toBe(8e3);
  });

  test("an “Đơn vị tính” column merged down over several rows speaks for each", () => {
    const r = pl2(
      [],
      ["STT", "Chỉ tiêu", "Đơn vị tính", "2013", "2022", "Ghi chú"],
      [["1", LABEL(MONEY), "Tỷ đồng", "0,1", "0,2"], ["2", LABEL("PL2-051"), null, "3", "4"]],
      { merges: [{ row: 2, col: 2, rowCount: 2, colCount: 1 }] },
    );
    expect(value(r.readings["PL2-051"].result?.value)).toBe(4e9);
    expect(r.readings["PL2-051"].result?.unit).toMatchObject({ source: "row", address: { row: 2, col: 2 } });
  });

  test("a row's unit that cannot be the measure: one warning at the unit's cell, figures read in the catalogue's unit", () => {
    const r = pl2([], ["STT", "Chỉ tiêu", "ĐVT", "2013", "2022", "Ghi chú"], [["1", LABEL(SHARE), "ha", "88,72", "100"]]);
    const w = r.findings.filter((f) => f.code === "NQ24-W041");
    expect(w).toHaveLength(1);
    expect([w[0].sheet, w[0].cell, w[0].indicatorId]).toEqual(["Biểu 02", a1(2, 2), SHARE]);
    expect(value(r.readings[SHARE].result?.value)).toBe(100);
    expect(r.readings[SHARE].result?.value).toMatchObject({ measure: { unit: "%" } });
    expect(r.findings.filter((f) => f.code === "NQ24-W005")).toEqual([]);
  });

  test("a cell's own unit wins over the column's, and the difference is an info at the cell", () => {
    const r = pl2([], ["STT", "Chỉ tiêu", "ĐVT", "2013", "2022", "Ghi chú"], [["1", LABEL(MONEY), "Tỷ đồng", "585 triệu đồng", "1,6"]]);
    expect(value(r.readings[MONEY].baseline?.value)).toBe(585e6);
    const i = r.findings.filter((f) => f.code === "NQ24-I042");
    expect(i.map((f) => f.cell)).toEqual([a1(2, 3)]);
    expect(i[0].params).toMatchObject({ cellUnit: "triệu đồng", declared: "Tỷ đồng", source: "row" });
  });
});

describe("province totals on converted figures", () => {
  const layouts = [TEMPLATE_LAYOUT, provinceLayout()];
  function district(layoutIndex: number, unit: string | undefined, baseline: string, result: string, area?: [string, string]): CheckResult {
    const laid = layouts[layoutIndex].build(sampleFillValues());
    const s = copySnapshot(laid.snapshot);
    const at = (id: string, c: "baseline" | "result" | "unit") => laid.cellOf(id, c) as NonNullable<ReturnType<typeof laid.cellOf>>;
    if (unit !== undefined) typeInto(s, at("PL1-02", "unit"), unit);
    typeInto(s, at("PL1-02", "baseline"), baseline);
    typeInto(s, at("PL1-02", "result"), result);
    if (area) {
      typeInto(s, at(AREA, "unit"), area[0]);
      typeInto(s, at(AREA, "result"), area[1]);
    }
    return checkWorkbook(s, nationalCatalogue, { now: NOW, detail: "summary" });
  }
  const inputs: DistrictInput[] = [
    district(0, undefined, "585 triệu đồng", "1,6 tỉ đồng"),
    district(1, "Tỷ đồng", "0,585", "1,6", ["m2", "21.794.900"]),
    district(1, "Triệu đồng", "585", "1.600", ["Ha", "2179,49"]),
    district(0, "tỉ đồng", "0,585", "1,6", ["km2", "21,7949"]),
  ].map((result, i) => ({ source: { fileName: `d${i}.xlsx`, unit: `Huyện ${i}`, reportDate: "", catalogueVersion: "", hash: `h${i}` }, result }));
  const c = consolidate(inputs, nationalCatalogue, [], NOW);
  const agg = (id: string, period: "baseline" | "result") => c.aggregates.find((a) => a.indicatorId === id && a.period === period);

  test("money declared in tỷ or triệu đồng adds up in đồng", () => {
    expect(agg("PL1-02", "baseline")?.values).toEqual([585e6, 585e6, 585e6, 585e6]);
    expect(agg("PL1-02", "result")?.values).toEqual([1.6e9, 1.6e9, 1.6e9, 1.6e9]);
    expect(agg("PL1-02", "result")?.unit).toBe("đồng");
  });

  test("areas declared in m², ha or km² add up in ha, with no outlier among equal figures", () => {
    const v = agg(AREA, "result")?.values as number[];
    for (const x of v) expect(x).toBeCloseTo(2179.49, 6);
    expect(agg(AREA, "result")?.total).toBeCloseTo(4 * 2179.49, 6);
    expect(c.outliers.filter((o) => o.indicatorId === AREA || o.indicatorId === "PL1-02")).toEqual([]);
  });

  test("figureOf: a bare figure is in the catalogue's unit; a figure in another measure is left out", () => {
    const money = indicators(nationalCatalogue).find((i) => i.id === "PL1-02") as Parameters<typeof figureOf>[0];
    const share = indicators(nationalCatalogue).find((i) => i.id === "PL1-30") as Parameters<typeof figureOf>[0];
    const area = indicators(nationalCatalogue).find((i) => i.id === AREA) as Parameters<typeof figureOf>[0];
    expect(figureOf(money, { state: "number", raw: "585", measure: { value: 585, unit: "" } })).toBe(585e6);
    expect(figureOf(area, parseText("5.000 m2"))).toBeCloseTo(0.5, 12);
    expect(figureOf(share, parseText("30 ha"))).toBeUndefined();
    expect(figureOf(share, parseText("1.522,16 ha; độ che phủ 21,3%"))).toBe(21.3);
  });
});
