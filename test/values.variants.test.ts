/**
 * End to end: each value variant (test/fixtures/value-variants.ts) typed into the Lai Châu
 * sample, in our template and in a province's layout with an ĐVT column; the check must find
 * exactly the expected new findings at the expected cells, give the expected status, and read
 * the expected figure. Compared with the same layout as it stands, nothing else may appear but
 * infos the variant causes.
 */
import { nationalCatalogue } from "../src/catalogue";
import { checkWorkbook, type CheckResult } from "../src/engine/check";
import { a1 } from "../src/engine/layout";
import { measureOf, type Finding } from "../src/engine/types";
import { VALUE_VARIANTS, type ValueVariant } from "./fixtures/value-variants";
import { copySnapshot, provinceLayout, TEMPLATE_LAYOUT, typeInto, type LaidOut, type Layout } from "./helpers/valueLayouts";

const NOW = new Date("2023-05-20T08:00:00Z");
const LAYOUTS: Layout[] = [TEMPLATE_LAYOUT, provinceLayout()];

const key = (f: Finding) => `${f.code}@${f.sheet}!${f.cell}`;

interface Prepared {
  laid: LaidOut;
  base: CheckResult;
  baseKeys: Set<string>;
}

const prepared = new Map<Layout, Prepared>();
function prepare(layout: Layout): Prepared {
  let p = prepared.get(layout);
  if (!p) {
    const laid = layout.build();
    const base = checkWorkbook(laid.snapshot, nationalCatalogue, { now: NOW });
    p = { laid, base, baseKeys: new Set(base.findings.map(key)) };
    prepared.set(layout, p);
  }
  return p;
}

function run(layout: Layout, v: ValueVariant): { result: CheckResult; fresh: Finding[]; where: (c: ValueVariant["column"]) => string } {
  const { laid, baseKeys } = prepare(layout);
  const snapshot = copySnapshot(laid.snapshot);
  const cellOf = (column: ValueVariant["column"]) => {
    const at = laid.cellOf(v.indicator, column);
    if (!at) throw new Error(`${layout.name} has no ${column} cell for ${v.indicator}`);
    return at;
  };
  for (const c of v.also ?? []) typeInto(snapshot, cellOf(c.column), c.typed);
  typeInto(snapshot, cellOf(v.column), v.typed);
  const result = checkWorkbook(snapshot, nationalCatalogue, { now: NOW });
  const fresh = result.findings.filter((f) => !baseKeys.has(key(f)));
  const where = (column: ValueVariant["column"]) => {
    const at = cellOf(column);
    return `${at.sheet}!${a1(at.row, at.col)}`;
  };
  return { result, fresh, where };
}

describe.each(LAYOUTS.map((l) => [l.name, l] as const))("%s", (_name, layout) => {
  test("the layout as it stands reads all 160 indicators, with the sample's Phụ lục 1 statuses", () => {
    const { base } = prepare(layout);
    expect(base.matches).toHaveLength(160);
    const template = prepare(TEMPLATE_LAYOUT).base;
    const statuses = (r: CheckResult) => r.statuses.map((s) => `${s.indicatorId}:${s.status ?? ""}/${s.trend}`);
    expect(statuses(base)).toEqual(statuses(template));
    // No error or warning the template does not have (infos may differ: our template's unit column is ours).
    const loud = (r: CheckResult) => r.findings.filter((f) => f.severity !== "info").map((f) => `${f.code}:${f.indicatorId ?? ""}`).sort();
    expect(loud(base)).toEqual(loud(template));
  });

  test.each(VALUE_VARIANTS.map((v) => [v.name, v] as const))("%s", (_n, v) => {
    const { result, fresh, where } = run(layout, v);
    const expected = v.expect.findings.map((f) => `${f.code}@${where(f.column)}`).sort();
    expect(fresh.map((f) => `${f.code}@${f.sheet}!${f.cell}`).sort()).toEqual(expected);
    const status = result.statuses.find((s) => s.indicatorId === v.indicator);
    if (v.expect.status !== undefined) expect(status?.status).toBe(v.expect.status);
    if (v.expect.trend !== undefined) expect(status?.trend).toBe(v.expect.trend);
    const reading = result.readings[v.indicator];
    const role = v.column === "baseline" || v.column === "result" ? v.column : undefined;
    if (v.expect.state !== undefined || v.expect.value !== undefined || v.expect.yes !== undefined) {
      expect(role).toBeDefined();
      const value = reading[role as "baseline" | "result"]?.value;
      if (v.expect.state !== undefined) expect(value?.state).toBe(v.expect.state);
      if (v.expect.value !== undefined) expect(measureOf(value ?? { state: "blank", raw: "" })?.value).toBeCloseTo(v.expect.value, 6);
      if (v.expect.yes !== undefined) expect(value && value.state === "yesno" && value.yes).toBe(v.expect.yes);
    }
  });
});

test("every variant names cells both layouts have, and has a name of its own", () => {
  for (const v of VALUE_VARIANTS) {
    for (const l of LAYOUTS) for (const c of [v.column, ...(v.also ?? []).map((a) => a.column)]) expect(prepare(l).laid.cellOf(v.indicator, c)).toBeDefined();
  }
  expect(new Set(VALUE_VARIANTS.map((v) => v.name)).size).toBe(VALUE_VARIANTS.length);
});
