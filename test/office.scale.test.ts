/**
 * Size: a check of a 10,000-row table costs the same number of syncs as the template,
 * within Excel's request limit.
 */
import { nationalCatalogue } from "../src/catalogue";
import { checkWorkbookInExcel, clearMarksInExcel } from "../src/usecases/office";
import { readWorkbook, setRequestBudget } from "../src/adapters/office/read";
import { bigWorkbook, capsFor, changedCells, userCells } from "./fake/helpers";

test("10,000 indicator rows: at most 3 syncs per check, each under 5 MB, user cells intact", async () => {
  const wb = bigWorkbook(nationalCatalogue, 10000);
  const sheet = wb.sheets[0].name;
  const before = userCells(wb, [sheet]);
  expect(before.size).toBeGreaterThan(20000);
  const t0 = Date.now();
  const s = await wb.run((ctx) => checkWorkbookInExcel(ctx as unknown as Excel.RequestContext, nationalCatalogue, { lang: "vi", caps: capsFor(wb) }));
  const ms = Date.now() - t0;
  expect(s.syncs).toBeLessThanOrEqual(3);
  expect(wb.syncCount).toBe(s.syncs);
  expect(Math.max(...wb.payloads)).toBeLessThanOrEqual(5 * 1024 * 1024);
  expect(s.tables.some((t) => t.sheet === sheet && t.appendix === "PL2")).toBe(true);
  expect(s.matches.length).toBeGreaterThan(100);
  expect(changedCells(wb, before)).toEqual([]);
  const c = await wb.run((ctx) => clearMarksInExcel(ctx as unknown as Excel.RequestContext, { caps: capsFor(wb) }));
  expect(c.syncs).toBeLessThanOrEqual(3);
  expect(changedCells(wb, before)).toEqual([]);
  console.log(`10k rows: check ${ms} ms, ${s.syncs} syncs, ${s.findings.length} findings, ${s.matches.length} matches`);
});

test("a workbook over the request limit is read in row blocks: more syncs, same snapshot", async () => {
  const rows = 600;
  const small = bigWorkbook(nationalCatalogue, rows);
  const big = bigWorkbook(nationalCatalogue, rows);
  // A tight limit stands for a workbook many times larger; the adapter's block budget scales with it.
  big.payloadLimit = 60 * 1024;
  setRequestBudget(40 * 1024);
  try {
    const rb = await big.run((ctx) => readWorkbook(ctx as unknown as Excel.RequestContext, { caps: capsFor(big) }));
    const ra = await small.run((ctx) => readWorkbook(ctx as unknown as Excel.RequestContext, { caps: capsFor(small) }));
    expect(ra.syncs).toBe(2);
    expect(rb.syncs).toBeGreaterThan(3);
    expect(Math.max(...big.payloads.slice(2))).toBeLessThanOrEqual(big.payloadLimit);
    expect(rb.snapshot.sheets[0].values).toEqual(ra.snapshot.sheets[0].values);
    expect(rb.snapshot.sheets[0].text).toEqual(ra.snapshot.sheets[0].text);
    expect(rb.snapshot.sheets[0].origin).toEqual(ra.snapshot.sheets[0].origin);
  } finally {
    setRequestBudget(3.5 * 1024 * 1024);
  }
});
