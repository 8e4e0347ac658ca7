/**
 * The Lai Châu sample against the seed: every value and note exactly as the report
 * writes it (trailing spaces included), nothing missing, nothing invented.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { readSeedAppendices } from "./helpers/seedTables";
import { laiChauSample, nationalCatalogue, sampleFillValues, isIndicator } from "../src/catalogue";
import type { SampleValues } from "../src/catalogue";
import { COVER_FIELDS } from "../src/engine/layout";

const seed = readSeedAppendices();
const rows = nationalCatalogue.rows;
type Key = keyof SampleValues;

/** The seed's cells of a row by sample key (the joined id comes from the row's position). */
function seedCells(i: number): Partial<Record<Key, string>> {
  const s = seed[i];
  const cells: Partial<Record<Key, string>> = { baseline: s.baseline, result: s.result, note: s.note };
  if (s.appendix === "PL1") cells.target = s.target ?? "";
  return cells;
}

test("the sample is keyed to the national catalogue, whose rows line up with the seed", () => {
  expect(laiChauSample.catalogueId).toBe(nationalCatalogue.id);
  expect(rows.map((r) => r.labelOriginal)).toEqual(seed.map((s) => s.label));
});

test("every sample value reproduces the seed's cell exactly", () => {
  let checked = 0;
  for (const [id, values] of Object.entries(laiChauSample.values)) {
    const i = rows.findIndex((r) => r.id === id);
    expect([id, i >= 0 && isIndicator(rows[i])]).toEqual([id, true]);
    const cells = seedCells(i);
    for (const [key, text] of Object.entries(values) as [Key, string][]) {
      expect([id, key, text]).toEqual([id, key, cells[key]]);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(100);
});

test("every non-empty value cell of a seed indicator row is in the sample", () => {
  seed.forEach((s, i) => {
    if (!s.isIndicator) return;
    const id = rows[i].id;
    for (const [key, text] of Object.entries(seedCells(i)) as [Key, string][]) {
      if (text === "") expect([id, key, laiChauSample.values[id]?.[key]]).toEqual([id, key, undefined]);
      else expect([id, key, laiChauSample.values[id]?.[key]]).toEqual([id, key, text]);
    }
  });
});

test("cells the seed fills on heading rows are kept, keyed by heading id", () => {
  const expected: Record<string, SampleValues> = {};
  seed.forEach((s, i) => {
    if (s.isIndicator) return;
    const v: SampleValues = {};
    for (const [key, text] of Object.entries(seedCells(i)) as [Key, string][]) if (text !== "") v[key] = text;
    if (Object.keys(v).length > 0) expected[rows[i].id] = v;
  });
  expect(Object.keys(expected).length).toBeGreaterThan(0);
  expect(laiChauSample.headingNotes).toEqual(expected);
});

test("the seed's awkward forms survive untouched (trailing space, 2/2, two measures, tỉ)", () => {
  const all = Object.values(laiChauSample.values).flatMap((v) => Object.values(v) as string[]);
  const seedValues = seed.filter((s) => s.isIndicator).flatMap((s) => [s.target ?? "", s.baseline, s.result, s.note]);
  for (const v of seedValues.filter((x) => / $/.test(x) || /\d\/\d/.test(x) || /;/.test(x) || /tỉ/.test(x))) {
    expect(all).toContain(v);
  }
  expect(all.some((v) => / $/.test(v))).toBe(true);
});

test("cover: CoverInfo keys only, with the unit, province, date and natural area the report states", () => {
  const keys = COVER_FIELDS.map((f) => f.key as string);
  for (const k of Object.keys(laiChauSample.cover)) expect(keys).toContain(k);
  const c = laiChauSample.cover;
  const appendices = readFileSync(join(__dirname, "fixtures", "seed-appendices.txt"), "utf8");
  expect(appendices).toContain(`/${(c.reportDate as string).split("/").slice(1).join("/")} của UBND thành phố`);
  // The narrative (unit, province, natural area) is outside the fixture: read the shared seed when present.
  const reportPath = join(__dirname, "..", "..", "shared", "seed", "000_93ba6d23c9d40ca7.txt");
  if (existsSync(reportPath)) {
    const report = readFileSync(reportPath, "utf8");
    expect(report).toContain(c.unit as string);
    expect(report).toContain(`tỉnh ${c.province}`);
    expect(report).toContain(`tổng diện tích tự nhiên là ${c.naturalArea} ha`);
  }
});

test("sampleFillValues gives the input cells (2013, 2022, note) and never the target", () => {
  const fill = sampleFillValues();
  for (const [id, v] of Object.entries(laiChauSample.values)) {
    const expected: Record<string, string> = {};
    for (const k of ["baseline", "result", "note"] as const) if (v[k] !== undefined) expected[k] = v[k] as string;
    if (Object.keys(expected).length === 0) expect(fill[id]).toBeUndefined();
    else expect(fill[id]).toEqual(expected);
  }
  expect(Object.values(fill).some((v) => "target" in v)).toBe(false);
});
