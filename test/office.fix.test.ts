/**
 * One-click fixes in a live workbook, through Microsoft's Excel client library answered by
 * the test host: each fix's cell before and after (value and number format), the record in
 * NQ24_Meta, the re-check in the same run, one undo group where Excel offers it, a cell
 * changed since the check refused as stale, a protected sheet never touched.
 */
import { laiChauSample, nationalCatalogue } from "../src/catalogue";
import { isIndicator } from "../src/catalogue/types";
import { a1 } from "../src/adapters/office/a1";
import { valueToWrite } from "../src/adapters/office/fix";
import { columnIndex, SHEET_NAMES } from "../src/engine/layout";
import { decodeMetadata, META_WIDTH } from "../src/engine/metadata";
import { parseText } from "../src/engine/values";
import type { Fix } from "../src/engine/fix";
import { applyFixesInExcel, checkWithoutWriting, checkWorkbookInExcel, excelAction, fillSample, fixesForFindings, fixPreview, fixServicesForPane, insertSheets, OfficeSession } from "../src/usecases/office";
import type { Finding } from "../src/engine/types";
import { FakeWorkbook, getCell, key } from "./fake";
import { capsFor } from "./fake/helpers";

const cat = nationalCatalogue;
const PL1 = SHEET_NAMES.PL1;
const PL2 = SHEET_NAMES.PL2;
const NOW = new Date("2023-05-20T00:00:00Z");

function rowOf(wb: FakeWorkbook, sheet: string, id: string): number {
  const s = wb.sheet(sheet);
  const idCol = columnIndex(sheet === PL1 ? "PL1" : "PL2", "id");
  for (let r = 0; r < 400; r++) if (getCell(s, r, idCol).value === id) return r;
  throw new Error(`no row for ${id}`);
}

function addr(wb: FakeWorkbook, id: string, role: "baseline" | "result" | "note"): { sheet: string; cell: string } {
  const sheet = id.startsWith("PL1") ? PL1 : PL2;
  return { sheet, cell: a1(rowOf(wb, sheet, id), columnIndex(id.startsWith("PL1") ? "PL1" : "PL2", role)) };
}

/** Puts a value and format into a cell as Excel holds it (a date typed as "2/2" is a serial under a date format). */
function plant(wb: FakeWorkbook, at: { sheet: string; cell: string }, value: string | number | null, numberFormat?: string): void {
  const s = wb.sheet(at.sheet);
  const c = wb.cell(at.sheet, at.cell);
  const m = /^([A-Z]+)(\d+)$/.exec(at.cell) as RegExpExecArray;
  const col = m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  s.cells.set(key(Number(m[2]) - 1, col), { ...c, value, numberFormat: numberFormat ?? c.numberFormat });
}

/** The PL2 result column as a province sheet typed into Excel holds it: plain figures are real numbers. */
function numbersColumn(wb: FakeWorkbook): void {
  const col = columnIndex("PL2", "result");
  for (const row of cat.rows) {
    if (row.appendix !== "PL2" || !isIndicator(row)) continue;
    const at = { sheet: PL2, cell: a1(rowOf(wb, PL2, row.id), col) };
    const v = wb.cell(at.sheet, at.cell).value;
    if (typeof v !== "string" || v === "") {
      plant(wb, at, typeof v === "boolean" ? null : v, "General");
      continue;
    }
    const p = parseText(v, row);
    plant(wb, at, p.state === "number" && !p.ambiguous && !p.description && row.kind !== "money" ? p.measure.value : v, "General");
  }
}

async function prepared(level: FakeWorkbook["level"]): Promise<FakeWorkbook> {
  const wb = new FakeWorkbook();
  wb.level = level;
  wb.addSheet("Sheet1");
  await wb.run((ctx) => insertSheets(ctx, cat, { cover: true, onExisting: "rename", caps: capsFor(wb) }));
  await wb.run((ctx) => fillSample(ctx, cat, laiChauSample, { caps: capsFor(wb) }));
  return wb;
}

interface Planted {
  date: { sheet: string; cell: string };
  spaces: { sheet: string; cell: string };
  words: { sheet: string; cell: string };
  note: { sheet: string; cell: string };
  point: { sheet: string; cell: string };
  stored: { sheet: string; cell: string };
  fraction: { sheet: string; cell: string };
  declared: { sheet: string; cell: string };
}

function plantAll(wb: FakeWorkbook): Planted {
  numbersColumn(wb);
  const p: Planted = {
    date: addr(wb, "PL1-20", "result"),
    spaces: addr(wb, "PL1-15", "result"),
    words: addr(wb, "PL1-16", "result"),
    note: addr(wb, "PL1-16", "note"),
    point: addr(wb, "PL2-046", "baseline"),
    stored: addr(wb, "PL2-017", "result"),
    fraction: addr(wb, "PL1-17", "result"),
    declared: addr(wb, "PL1-02", "baseline"),
  };
  // The damages row's ĐVT says "Tỷ đồng": its "585 triệu đồng" is in another unit than declared.
  plant(wb, { sheet: PL1, cell: a1(rowOf(wb, PL1, "PL1-02"), columnIndex("PL1", "unit")) }, "Tỷ đồng");
  plant(wb, p.fraction, "0,275");
  plant(wb, p.date, 44959, "d-mmm");
  plant(wb, p.spaces, "\u00a0100 ");
  plant(wb, p.words, "Đang triển khai thực hiện");
  plant(wb, p.note, null);
  plant(wb, p.point, "2,570.52 ha");
  plant(wb, p.stored, "2.179,49", "General");
  return p;
}

function metaFixes(wb: FakeWorkbook) {
  const s = wb.sheet(SHEET_NAMES.meta);
  const rows: (string | number | boolean | null)[][] = [];
  for (let r = 0; r < 2000; r++) {
    const row: (string | number | boolean | null)[] = [];
    for (let c = 0; c < META_WIDTH; c++) row.push(getCell(s, r, c).value);
    if (row.every((v) => v === null)) break;
    rows.push(row);
  }
  return decodeMetadata(rows).fixes ?? [];
}

const codeAt = (fixes: Fix[], at: { sheet: string; cell: string }) => fixes.find((f) => f.sheet === at.sheet && f.cell === at.cell);

describe.each(["1.1", "1.9", "latest"] as const)("at ExcelApi %s", (level) => {
  test("every fix written as planned, recorded, and the workbook checked again at once", async () => {
    const wb = await prepared(level);
    const caps = capsFor(wb);
    const p = plantAll(wb);
    const session = new OfficeSession();
    const first = await wb.run((ctx) => checkWorkbookInExcel(ctx, cat, { lang: "vi", caps, session, now: NOW }));
    const want = [p.date, p.spaces, p.words, p.point, p.stored, p.fraction, p.declared];
    for (const at of want) expect(codeAt(first.fixes, at)).toBeDefined();
    expect(codeAt(first.fixes, p.date)?.code).toBe("NQ24-E019");
    expect(codeAt(first.fixes, p.stored)?.code).toBe("NQ24-I050");
    expect(codeAt(first.fixes, p.fraction)).toMatchObject({ code: "NQ24-W040", certainty: "likely" });
    expect(codeAt(first.fixes, p.declared)?.code).toBe("NQ24-I042");
    expect(fixPreview(first.findings.filter((f) => f.code === "NQ24-E019"), session)?.vi).toContain("“2/2”");

    const out = await wb.run((ctx) => applyFixesInExcel(ctx, cat, first.fixes, { lang: "vi", caps, session, now: NOW }));
    expect(out.refused).toEqual([]);
    expect(out.applied.length).toBe(first.fixes.length);
    // Values and formats as Excel now holds them.
    expect(wb.cell(p.date.sheet, p.date.cell)).toMatchObject({ value: "2/2", numberFormat: "@" });
    expect(wb.cell(p.spaces.sheet, p.spaces.cell).value).toBe("100");
    expect(wb.cell(p.words.sheet, p.words.cell).value).toBeNull();
    expect(wb.cell(p.note.sheet, p.note.cell).value).toBe("Đang triển khai thực hiện");
    expect(wb.cell(p.point.sheet, p.point.cell).value).toBe("2.570,52 ha");
    expect(wb.cell(p.stored.sheet, p.stored.cell)).toMatchObject({ value: 2179.49, numberFormat: "General" });
    expect(wb.cell(p.fraction.sheet, p.fraction.cell).value).toBe("27,5");
    expect(wb.cell(p.declared.sheet, p.declared.cell).value).toBe("0,585");
    // The re-check no longer finds them, and offers nothing more to fix there.
    const here = (at: { sheet: string; cell: string }) => out.summary.findings.filter((f) => f.sheet === at.sheet && f.cell === at.cell && ["NQ24-E019", "NQ24-I042", "NQ24-I050", "NQ24-I051", "NQ24-I052", "NQ24-W003", "NQ24-W040"].indexOf(f.code) >= 0);
    for (const at of want) expect(here(at)).toEqual([]);
    expect(out.summary.fixes).toEqual([]);
    expect(out.summary.verdict.counts.error).toBeLessThan(first.verdict.counts.error);
    // Every written cell on record: what, before, after, when.
    const records = metaFixes(wb);
    expect(records).toContainEqual({ sheet: p.date.sheet, cell: p.date.cell, code: "NQ24-E019", before: "44959", after: "2/2", at: NOW.toISOString(), format: "d-mmm → @" });
    expect(records).toContainEqual(expect.objectContaining({ sheet: p.note.sheet, cell: p.note.cell, code: "NQ24-W003", before: "", after: "Đang triển khai thực hiện" }));
    expect(records).toContainEqual(expect.objectContaining({ sheet: p.stored.sheet, cell: p.stored.cell, code: "NQ24-I050", before: "2.179,49", after: "2179.49" }));
    // A later check keeps the records.
    await wb.run((ctx) => checkWorkbookInExcel(ctx, cat, { lang: "en", caps, session, now: NOW }));
    expect(metaFixes(wb).length).toBe(records.length);
  });
});

test("a cell changed since the check is refused as stale, named, and left as the user typed it; the others are fixed", async () => {
  const wb = await prepared("latest");
  const caps = capsFor(wb);
  const p = plantAll(wb);
  const session = new OfficeSession();
  const first = await wb.run((ctx) => checkWithoutWriting(ctx, cat, { lang: "vi", caps, session, now: NOW }));
  wb.userType(p.spaces.sheet, p.spaces.cell, "99");
  const out = await wb.run((ctx) => applyFixesInExcel(ctx, cat, first.fixes, { lang: "vi", caps, session, now: NOW }));
  expect(out.refused.map((r) => [r.why, r.where])).toEqual([["stale", `${p.spaces.sheet}!${p.spaces.cell}`]]);
  expect(out.refusals[0].vi).toContain(p.spaces.cell);
  expect(out.refusals[0].en).toContain("changed since the check");
  expect(wb.cell(p.spaces.sheet, p.spaces.cell).value).toBe("99");
  expect(wb.cell(p.date.sheet, p.date.cell).value).toBe("2/2");
  expect(metaFixes(wb).some((r) => r.cell === p.spaces.cell && r.sheet === p.spaces.sheet)).toBe(false);
  // Only checked live before: the re-check writes no marks or results sheet.
  expect(wb.sheets.map((s) => s.name)).not.toContain("Kết quả kiểm tra");
});

test("a protected sheet is never touched (nor unprotected): its fixes are refused by name, the rest applied", async () => {
  const wb = await prepared("latest");
  const caps = capsFor(wb);
  const p = plantAll(wb);
  const session = new OfficeSession();
  const first = await wb.run((ctx) => checkWithoutWriting(ctx, cat, { lang: "vi", caps, session, now: NOW }));
  wb.userProtect(PL1);
  const from = wb.requests.length;
  const out = await wb.run((ctx) => applyFixesInExcel(ctx, cat, first.fixes, { lang: "vi", caps, session, now: NOW }));
  const pl1Fixes = first.fixes.filter((f) => f.sheet === PL1);
  expect(pl1Fixes.length).toBeGreaterThan(0);
  expect(out.refused.map((r) => r.why)).toEqual(pl1Fixes.map(() => "protected"));
  expect(out.refusals[0].vi).toContain(PL1);
  expect(wb.cell(p.date.sheet, p.date.cell)).toMatchObject({ value: 44959, numberFormat: "d-mmm" });
  expect(wb.cell(p.words.sheet, p.words.cell).value).toBe("Đang triển khai thực hiện");
  expect(wb.cell(p.point.sheet, p.point.cell).value).toBe("2.570,52 ha");
  const calls = wb.requests.slice(from).flatMap((r) => r.calls);
  expect(calls.filter((c) => /Protection\.(unprotect|protect)\(\)/.test(c))).toEqual([]);
});

test("one undo group where Excel offers it (1.20); UndoNotSupported runs the fixes again ungrouped, once", async () => {
  const wb = await prepared("1.20");
  const caps = capsFor(wb);
  const p = plantAll(wb);
  const session = new OfficeSession();
  const first = await wb.run((ctx) => checkWithoutWriting(ctx, cat, { lang: "vi", caps, session, now: NOW }));
  const fixes = fixesForFindings(first.findings.filter((f) => f.code === "NQ24-E019"), session);
  expect(fixes.map((f) => f.cell)).toEqual([p.date.cell]);
  const seen: unknown[] = [];
  let refusedOnce = false;
  const run = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>, options?: { mergeUndoGroup?: boolean }): Promise<T> => {
    seen.push(options);
    if (options && options.mergeUndoGroup && !refusedOnce) {
      refusedOnce = true;
      return Promise.reject(Object.assign(new Error("The operation cannot be grouped."), { code: "UndoNotSupported" }));
    }
    return wb.run(batch, options);
  };
  const out = await excelAction("write", (ctx) => applyFixesInExcel(ctx, cat, fixes, { lang: "vi", caps, session, now: NOW }), { caps, run });
  expect(seen).toEqual([{ delayForCellEdit: true, mergeUndoGroup: true }, { delayForCellEdit: true }]);
  expect(out.applied.length).toBe(1);
  expect(wb.cell(p.date.sheet, p.date.cell).value).toBe("2/2");
  // Grouped when Excel allows it.
  const wb2 = await prepared("1.20");
  plantAll(wb2);
  const s2 = new OfficeSession();
  const c2 = await wb2.run((ctx) => checkWithoutWriting(ctx, cat, { lang: "vi", caps, session: s2, now: NOW }));
  await excelAction("write", (ctx) => applyFixesInExcel(ctx, cat, c2.fixes, { lang: "vi", caps, session: s2, now: NOW }), { caps, run: wb2.excelRun });
  expect(wb2.runOptions[wb2.runOptions.length - 1]).toEqual({ delayForCellEdit: true, mergeUndoGroup: true });
});

test("text Excel would read as something else is written as text", () => {
  expect(valueToWrite("2/3", "General")).toBe("'2/3");
  expect(valueToWrite("-5 ha", "General")).toBe("'-5 ha");
  expect(valueToWrite("2/3", "@")).toBe("2/3");
  expect(valueToWrite("Có", "General")).toBe("Có");
  expect(valueToWrite(12.5, "General")).toBe(12.5);
  expect(valueToWrite(null, "General")).toBe("");
});

test("the pane's fix services: which findings have a fix, the preview, and “Sửa tất cả” for a rule in one undoable run", async () => {
  const wb = await prepared("1.20");
  const caps = capsFor(wb);
  const p = plantAll(wb);
  const session = new OfficeSession();
  const first = await wb.run((ctx) => checkWithoutWriting(ctx, cat, { lang: "vi", caps, session, now: NOW }));
  const svc = fixServicesForPane({ session, caps, run: wb.excelRun });
  const date = first.findings.find((f) => f.code === "NQ24-E019" && f.cell === p.date.cell) as Finding;
  expect(svc.available(date)).toBe(true);
  expect(first.findings.filter((f) => f.code === "NQ24-W006").every((f) => !svc.available(f))).toBe(true);
  const preview = await svc.preview([date], "vi");
  expect(preview.vi).toContain(`${p.date.sheet}!${p.date.cell}:`);
  expect(preview.vi).toContain("→ “2/2”");
  expect(preview.en).toContain("written as text");
  const allI052 = first.findings.filter((f) => f.code === "NQ24-I052");
  const out = await svc.apply(allI052, cat, "vi");
  expect(out.applied.map((f) => f.code)).toEqual(allI052.map(() => "NQ24-I052"));
  expect(wb.runOptions[wb.runOptions.length - 1]).toEqual({ delayForCellEdit: true, mergeUndoGroup: true });
  expect(out.summary.findings.filter((f) => f.code === "NQ24-I052")).toEqual([]);
  // The date was not asked for: still a date, still offered.
  expect(wb.cell(p.date.sheet, p.date.cell).value).toBe(44959);
  expect(svc.available(date)).toBe(true);
});
