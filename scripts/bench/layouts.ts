/**
 * `npm run bench -- layouts`: the layout corpus (test/corpus/layouts.ts) through the check.
 * Per layout and in total: indicators recognised at their own rows, planted faults found at
 * their cells with their codes, and false alarms (errors and warnings the seed's own layout
 * does not raise), with the time each check took.
 */
import { join } from "path";
import { nationalCatalogue } from "../../src/catalogue";
import { checkWorkbook, type CheckResult } from "../../src/engine/check";
import { corpusFiles, generate, LAYOUTS, type Generated } from "../../test/corpus/layouts";

// Compiled to build/bench/scripts/bench: the fixture stays in the source tree.
corpusFiles.seed = join(__dirname, "..", "..", "..", "..", "test", "fixtures", "seed-appendices.txt");

function problems(r: CheckResult): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of r.findings) if (f.severity !== "info") m.set(`${f.code} ${f.indicatorId ?? ""}`, (m.get(`${f.code} ${f.indicatorId ?? ""}`) ?? 0) + 1);
  return m;
}

function score(g: Generated, r: CheckResult, seed: Map<string, number>): { recognised: number; faults: number; falseAlarms: number } {
  let recognised = 0;
  for (const m of r.matches) {
    const t = g.tables.find((x) => x.rowOf.has(m.indicatorId));
    if (t && t.sheet === m.sheet && t.rowOf.get(m.indicatorId) === m.row) recognised++;
  }
  const faults = g.faults.filter((f) => r.findings.some((x) => x.code === f.code && x.sheet === f.sheet && x.cell === f.cell)).length;
  let falseAlarms = 0;
  problems(r).forEach((n, k) => (falseAlarms += Math.max(0, n - (seed.get(k) ?? 0))));
  return { recognised, faults, falseAlarms };
}

const seedRun = checkWorkbook(generate(LAYOUTS[0]).snapshot, nationalCatalogue);
const seed = problems(seedRun);
let recognised = 0;
let faults = 0;
let planted = 0;
let falseAlarms = 0;
console.log("layouts");
for (const layout of LAYOUTS) {
  const g = generate(layout);
  const t0 = process.hrtime.bigint();
  const r = checkWorkbook(g.snapshot, nationalCatalogue);
  const took = Number(process.hrtime.bigint() - t0) / 1e6;
  const s = score(g, r, seed);
  recognised += s.recognised;
  faults += s.faults;
  planted += g.faults.length;
  falseAlarms += s.falseAlarms;
  console.log(`  ${layout.name}: ${s.recognised}/160 recognised, ${s.faults}/${g.faults.length} faults found, ${s.falseAlarms} false alarms, ${took.toFixed(0)} ms`);
}
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;
console.log(`  total over ${LAYOUTS.length} layouts: recognition ${pct(recognised, 160 * LAYOUTS.length)}, planted faults found ${pct(faults, planted)}, false alarms ${falseAlarms}`);
if (recognised < 160 * LAYOUTS.length || faults < planted || falseAlarms > 0) process.exitCode = 1;
