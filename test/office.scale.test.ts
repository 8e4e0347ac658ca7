/**
 * Size, through Microsoft's library: a check of a 10,000-row table reads in two syncs and
 * writes in as few batches as Excel on the web's 5 MB request limit allows, each measured
 * as the library sends it; a workbook whose read would exceed the limit (the request or
 * the answer) or the five-million-cell read limit is read in row blocks.
 */
import { nationalCatalogue } from "../src/catalogue";
import { checkWorkbookInExcel, clearMarksInExcel } from "../src/usecases/office";
import { readWorkbook, setRequestBudget } from "../src/adapters/office/read";
import { bigWorkbook, capsFor, changedCells, userCells } from "./fake/helpers";

const LIMIT = 5 * 1024 * 1024;

test("10,000 indicator rows: two syncs to read, every request and answer under 5 MB as the library measures it, user cells intact", async () => {
  const wb = bigWorkbook(nationalCatalogue, 10000);
  const sheet = wb.sheets[0].name;
  const before = userCells(wb, [sheet]);
  expect(before.size).toBeGreaterThan(20000);
  const t0 = Date.now();
  const s = await wb.run((ctx) => checkWorkbookInExcel(ctx, nationalCatalogue, { lang: "vi", caps: capsFor(wb) }));
  const ms = Date.now() - t0;
  expect(wb.syncCount).toBe(s.syncs);
  const requests = wb.requests.filter((r) => !r.cleanup);
  expect(requests.every((r) => r.bytes <= LIMIT && r.responseBytes <= LIMIT && !r.error)).toBe(true);
  // Two reads; the writes of thousands of marks need more than one request, and no more than fit.
  const writes = requests.slice(2);
  const written = writes.reduce((n, r) => n + r.bytes, 0);
  expect(writes.length).toBeGreaterThan(1);
  expect(writes.length).toBeLessThanOrEqual(Math.ceil(written / (3 * 1024 * 1024)));
  expect(s.tables.some((t) => t.sheet === sheet && t.appendix === "PL2")).toBe(true);
  expect(s.matches.length).toBeGreaterThan(100);
  expect(changedCells(wb, before)).toEqual([]);
  const c = await wb.run((ctx) => clearMarksInExcel(ctx, { caps: capsFor(wb) }));
  expect(wb.requests.filter((r) => !r.cleanup).every((r) => r.bytes <= LIMIT && !r.error)).toBe(true);
  expect(c.fillsRestored).toBeGreaterThan(1000);
  expect(changedCells(wb, before)).toEqual([]);
  console.log(`10k rows: check ${ms} ms, ${s.syncs} syncs (${writes.length} write batches, ${(written / 1048576).toFixed(1)} MB), ${s.findings.length} findings`);
});

test("an answer over the limit (Excel on the web's ResponsePayloadSizeLimitExceeded): the read falls back to row blocks, same snapshot", async () => {
  const rows = 600;
  const small = bigWorkbook(nationalCatalogue, rows);
  const big = bigWorkbook(nationalCatalogue, rows);
  // A tight limit stands for a workbook many times larger; the block budget scales with it.
  big.payloadLimit = 60 * 1024;
  setRequestBudget(40 * 1024);
  try {
    const rb = await big.run((ctx) => readWorkbook(ctx, { caps: capsFor(big) }));
    const ra = await small.run((ctx) => readWorkbook(ctx, { caps: capsFor(small) }));
    expect(ra.syncs).toBe(2);
    // The whole-range read was sent, small; its answer was refused.
    expect(big.requests[1]).toMatchObject({ error: "ResponsePayloadSizeLimitExceeded" });
    expect(big.requests[1].bytes).toBeLessThan(big.payloadLimit);
    expect(rb.syncs).toBeGreaterThan(3);
    const after = big.requests.slice(2).filter((r) => !r.cleanup);
    expect(after.every((r) => !r.error && r.bytes <= big.payloadLimit && r.responseBytes <= big.payloadLimit)).toBe(true);
    expect(rb.snapshot.sheets[0].values).toEqual(ra.snapshot.sheets[0].values);
    expect(rb.snapshot.sheets[0].text).toEqual(ra.snapshot.sheets[0].text);
    expect(rb.snapshot.sheets[0].origin).toEqual(ra.snapshot.sheets[0].origin);
  } finally {
    setRequestBudget(3.5 * 1024 * 1024);
  }
});

test("a read over the cell limit answers no values: that sheet is read in row blocks, the others as they were", async () => {
  const rows = 600;
  const small = bigWorkbook(nationalCatalogue, rows);
  const big = bigWorkbook(nationalCatalogue, rows);
  big.addSheet("Ghi chép").cells.set("0,0", { ...big.cell(big.sheets[0].name, "A1"), value: "một ô" });
  // Five million cells stands for more than this workbook holds: a smaller limit, same rule.
  big.readCellLimit = 2000;
  setRequestBudget(40 * 1024);
  try {
    const rb = await big.run((ctx) => readWorkbook(ctx, { caps: capsFor(big) }));
    const ra = await small.run((ctx) => readWorkbook(ctx, { caps: capsFor(small) }));
    expect(rb.syncs).toBeGreaterThan(3);
    expect(rb.snapshot.sheets.map((s) => s.name)).toEqual([big.sheets[0].name, "Ghi chép"]);
    expect(rb.snapshot.sheets[0].values).toEqual(ra.snapshot.sheets[0].values);
    expect(rb.snapshot.sheets[1].values).toEqual([["một ô"]]);
  } finally {
    setRequestBudget(3.5 * 1024 * 1024);
  }
});
