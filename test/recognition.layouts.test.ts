/**
 * The layout corpus (test/corpus/layouts.ts): the Lai Châu seed laid out as provinces and
 * districts lay out their tables. In every layout all 160 indicators are recognised, the
 * columns are read where the generator put them with the years their headers state, every
 * planted fault is found at its cell with its code, no error or warning appears that the
 * seed's own layout does not have, and Phụ lục 1 gets the same statuses.
 */
import { nationalCatalogue } from "../src/catalogue";
import { periodsOf } from "../src/catalogue/periods";
import { checkWorkbook, type CheckResult } from "../src/engine/check";
import { generate, LAYOUTS, type Generated } from "./corpus/layouts";

const NOW = new Date("2023-05-20T08:00:00Z");
const run = (g: Generated): CheckResult => checkWorkbook(g.snapshot, nationalCatalogue, { now: NOW, periods: periodsOf(nationalCatalogue) });

/** Errors and warnings as "code indicator", counted: where a table stands changes their cells, not what they say. */
function problems(r: CheckResult): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of r.findings) if (f.severity !== "info") m.set(`${f.code} ${f.indicatorId ?? ""}`, (m.get(`${f.code} ${f.indicatorId ?? ""}`) ?? 0) + 1);
  return m;
}

const seedRun = run(generate(LAYOUTS[0]));
const seedProblems = problems(seedRun);

it("has at least 20 layouts besides the seed's own", () => {
  expect(LAYOUTS.length).toBeGreaterThanOrEqual(21);
});

describe.each(LAYOUTS.map((l) => [l.name, l] as const))("layout: %s", (_name, layout) => {
  const g = generate(layout);
  const r = run(g);

  it("recognises all 160 indicators, each at the row it stands in", () => {
    expect(new Set(r.matches.map((m) => m.indicatorId)).size).toBe(160);
    const wrong: string[] = [];
    for (const m of r.matches) {
      const t = g.tables.find((x) => x.rowOf.has(m.indicatorId))!;
      if (t.sheet !== m.sheet || t.rowOf.get(m.indicatorId) !== m.row) wrong.push(`${m.indicatorId} read at ${m.sheet}!${m.row + 1}`);
    }
    expect(wrong).toEqual([]);
    expect(r.coverage.complete).toBe(true);
  });

  it("reads each table's columns where they are, with the years their headers state", () => {
    for (const t of g.tables) {
      const found = r.tables.find((x) => x.appendix === t.appendix)!;
      expect(found.sheet).toBe(t.sheet);
      const cols = found.columns;
      for (const role of ["label", "baseline", "result", "note", "target", "unit"] as const) expect([role, cols[role]]).toEqual([role, t.columns[role]]);
      expect(found.years.baseline).toBe(t.years.baseline);
      expect(found.years.result).toBe(t.years.result);
      const mapping = r.mapping.find((x) => x.appendix === t.appendix)!;
      expect([mapping.sheet, mapping.rows.matched]).toEqual([t.sheet, mapping.rows.expected]);
    }
  });

  it("finds every planted fault at its cell with its code", () => {
    for (const f of g.faults) expect([f.indicatorId, r.findings.some((x) => x.code === f.code && x.sheet === f.sheet && x.cell === f.cell)]).toEqual([f.indicatorId, true]);
  });

  it("raises no error or warning the seed's own layout does not", () => {
    const extra: string[] = [];
    problems(r).forEach((n, k) => {
      if (n > (seedProblems.get(k) ?? 0)) extra.push(k);
    });
    expect(extra).toEqual([]);
  });

  it("gives Phụ lục 1 the statuses the seed's own layout gets", () => {
    const pl1 = (x: CheckResult) => x.statuses.filter((s) => s.appendix === "PL1").map((s) => `${s.indicatorId} ${s.status}/${s.trend}`);
    expect(pl1(r)).toEqual(pl1(seedRun));
  });
});
