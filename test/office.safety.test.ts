/**
 * The first promise, against the strict fake: whatever the user did to the workbook since
 * the last check (columns inserted, the results sheet replaced by one of their own), a
 * check or a clear changes no cell the add-in cannot prove it wrote.
 */
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { nationalCatalogue, laiChauSample } from "../src/catalogue";
import { APPENDIX_COLUMNS, buildWorkbookTemplate, SHEET_NAMES } from "../src/engine/layout";
import { a1 } from "../src/adapters/office/a1";
import { applyPlanToWorkbook, clearRecordedMarks, workbookToSnapshot } from "../src/adapters/xlsx";
import { checkWorkbook } from "../src/engine/check";
import { checkWorkbookInExcel, clearMarksInExcel, fillSample, insertSheets } from "../src/usecases/office";
import { makeSample } from "../src/usecases/files";
import { DEFAULT_CELL, FakeWorkbook, FSheet, getCell, key, loadXlsx, saveXlsx } from "./fake";
import { capsFor, changedCells, metaRecords as meta, userCells } from "./fake/helpers";

const cat = nationalCatalogue;
const PL1 = SHEET_NAMES.PL1;
const col = (k: string) => APPENDIX_COLUMNS.PL1.findIndex((c) => c.key === k);
const tpl = buildWorkbookTemplate(cat);
const pl1Rows = (() => {
  const t = tpl.sheets.find((s) => s.role === "PL1");
  return Object.values(t && t.indicatorRows ? t.indicatorRows : {}).sort((a, b) => a - b);
})();

function newBook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1");
  return wb;
}

async function insertAndFill(wb: FakeWorkbook): Promise<void> {
  const caps = capsFor(wb);
  await wb.run((ctx) => insertSheets(ctx as unknown as Excel.RequestContext, cat, { cover: true, onExisting: "rename", caps }));
  await wb.run((ctx) => fillSample(ctx as unknown as Excel.RequestContext, cat, laiChauSample, { caps }));
}

function check(wb: FakeWorkbook) {
  return wb.run((ctx) => checkWorkbookInExcel(ctx as unknown as Excel.RequestContext, cat, { lang: "vi", caps: capsFor(wb), now: new Date("2026-11-28T10:00:00Z") }));
}

function clear(wb: FakeWorkbook) {
  return wb.run((ctx) => clearMarksInExcel(ctx as unknown as Excel.RequestContext, { caps: capsFor(wb) }));
}


/** What Excel does when the user inserts a column: every cell, note and merge at or right of it moves one right. */
function insertColumn(s: FSheet, at: number): void {
  const shift = <T>(m: Map<string, T>) => {
    const out = new Map<string, T>();
    m.forEach((v, k) => {
      const [r, c] = k.split(",").map(Number);
      out.set(key(r, c >= at ? c + 1 : c), v);
    });
    return out;
  };
  s.cells = shift(s.cells);
  s.notes = shift(s.notes);
  s.merges = s.merges.map((m) => (m.col >= at ? { ...m, col: m.col + 1 } : m.col + m.colCount > at ? { ...m, colCount: m.colCount + 1 } : m));
  s.hiddenCols = new Set(Array.from(s.hiddenCols).map((c) => (c >= at ? c + 1 : c)));
}

describe("recorded status cells that hold the user's text now", () => {
  async function checkedWithNotes(): Promise<{ wb: FakeWorkbook; noted: number[] }> {
    const wb = newBook();
    await insertAndFill(wb);
    // The user's own notes beside some indicators (the note column, G).
    const noted = pl1Rows.slice(0, 5);
    for (const r of noted) wb.userType(PL1, a1(r, col("note")), `Ghi chú của huyện ${r}`);
    await check(wb);
    const recorded = (meta(wb).statusCells ?? []).filter((c) => c.sheet === PL1 && c.col === col("status"));
    // The rows with the user's notes got a status in H: those are the records at stake.
    expect(noted.filter((r) => recorded.some((c) => c.row === r)).length).toBeGreaterThan(0);
    expect(recorded.every((c) => typeof c.text === "string" && c.text.length > 0)).toBe(true);
    return { wb, noted };
  }

  test("a column inserted before the notes: the next check leaves the notes that moved into the old status column", async () => {
    const { wb, noted } = await checkedWithNotes();
    insertColumn(wb.sheet(PL1), col("note"));
    const oldStatus = col("status");
    for (const r of noted) expect(wb.cell(PL1, a1(r, oldStatus)).value).toBe(`Ghi chú của huyện ${r}`);
    // Every user cell but the add-in's own status texts (they moved to I with the insert).
    const before = userCells(wb, [PL1]);
    for (const k of Array.from(before.keys())) if (k.startsWith(`${PL1}!${a1(0, oldStatus + 1).replace(/\d+$/, "")}`)) before.delete(k);
    await check(wb);
    expect(changedCells(wb, before)).toEqual([]);
    for (const r of noted) expect(wb.cell(PL1, a1(r, oldStatus)).value).toBe(`Ghi chú của huyện ${r}`);
    // The records of H are dropped: a later clear does not touch the notes either.
    expect((meta(wb).statusCells ?? []).some((c) => c.sheet === PL1 && c.col === oldStatus && noted.indexOf(c.row) >= 0)).toBe(false);
    await clear(wb);
    for (const r of noted) expect(wb.cell(PL1, a1(r, oldStatus)).value).toBe(`Ghi chú của huyện ${r}`);
  });

  test("a column inserted before the notes, then clear: the notes in the recorded cells stay, other statuses go", async () => {
    const { wb, noted } = await checkedWithNotes();
    insertColumn(wb.sheet(PL1), col("note"));
    const before = userCells(wb, [PL1]);
    for (const k of Array.from(before.keys())) if (k.startsWith(`${PL1}!${a1(0, col("status") + 1).replace(/\d+$/, "")}`)) before.delete(k);
    const syncsBefore = wb.syncCount;
    const c = await clear(wb);
    expect(c.syncs).toBeLessThanOrEqual(3);
    expect(wb.syncCount - syncsBefore).toBe(c.syncs);
    for (const r of noted) expect(wb.cell(PL1, a1(r, col("status"))).value).toBe(`Ghi chú của huyện ${r}`);
    expect(changedCells(wb, before)).toEqual([]);
  });

  test("without a column insert, clear still empties every status cell it wrote", async () => {
    const { wb } = await checkedWithNotes();
    const recorded = meta(wb).statusCells ?? [];
    const c = await clear(wb);
    expect(c.statusCleared).toBe(recorded.length);
    for (const r of recorded) expect(wb.cell(r.sheet, a1(r.row, r.col)).value).toBeNull();
  });
});

describe("the results sheet: only one the add-in can prove it made is rewritten", () => {
  function userSheet(wb: FakeWorkbook, name: string, a1Text: string): void {
    const s = wb.addSheet(name);
    s.cells.set(key(0, 0), { ...DEFAULT_CELL, value: a1Text });
    s.cells.set(key(4, 1), { ...DEFAULT_CELL, value: 1234 });
  }
  function deleteSheet(wb: FakeWorkbook, name: string): void {
    wb.sheets = wb.sheets.filter((s) => s.name !== name);
  }

  test("deleted, and a user sheet of that name made in its place: left as it is, results go to a sheet of their own", async () => {
    const wb = newBook();
    await insertAndFill(wb);
    const first = await check(wb);
    expect(first.resultsSheet).toBe(SHEET_NAMES.results);
    deleteSheet(wb, SHEET_NAMES.results);
    userSheet(wb, SHEET_NAMES.results, "Số liệu của tôi");
    const before = userCells(wb, [SHEET_NAMES.results]);
    const s = await check(wb);
    expect(changedCells(wb, before)).toEqual([]);
    expect(s.resultsSheet).toBe(`${SHEET_NAMES.results} (2)`);
    expect(wb.cell(s.resultsSheet, "A1").value).toBe("KẾT QUẢ KIỂM TRA BÁO CÁO NGHỊ QUYẾT 24-NQ/TW");
    // The next check finds its own "(2)" again rather than adding a third sheet.
    const again = await check(wb);
    expect(again.resultsSheet).toBe(`${SHEET_NAMES.results} (2)`);
    expect(wb.sheets.filter((x) => x.name.startsWith(SHEET_NAMES.results)).length).toBe(2);
    expect(changedCells(wb, before)).toEqual([]);
  });

  test("a user sheet that copies our title in A1 is still not ours: the check id recorded in NQ24_Meta is not on it", async () => {
    const wb = newBook();
    await insertAndFill(wb);
    await check(wb);
    await check(wb);
    // The records name the results sheet and the id written on it; Excel's worksheet id plays no part.
    const id = meta(wb).run.resultsSheetId as string;
    expect(id).toMatch(/^[0-9A-Z]+-[0-9A-Z]{4}$/);
    expect(wb.cell(SHEET_NAMES.results, "B3").value).toBe(id);
    deleteSheet(wb, SHEET_NAMES.results);
    userSheet(wb, SHEET_NAMES.results, "KẾT QUẢ KIỂM TRA BÁO CÁO NGHỊ QUYẾT 24-NQ/TW");
    const before = userCells(wb, [SHEET_NAMES.results]);
    const s = await check(wb);
    expect(s.resultsSheet).not.toBe(SHEET_NAMES.results);
    expect(changedCells(wb, before)).toEqual([]);
  });

  test("found again by its record whatever Excel's worksheet id says (ids change between sessions): no results sheets pile up", async () => {
    const wb = newBook();
    await insertAndFill(wb);
    await check(wb);
    // Reopened elsewhere: Excel gives the sheets other ids.
    for (const sh of wb.sheets) sh.id = wb.newId();
    await check(wb);
    await check(wb);
    expect(wb.sheets.filter((x) => x.name.startsWith(SHEET_NAMES.results)).map((x) => x.name)).toEqual([SHEET_NAMES.results]);
  });

  test("a record naming an appendix as the results sheet neither wipes it nor hides it from the check", async () => {
    const wb = newBook();
    await insertAndFill(wb);
    await check(wb);
    const m = wb.sheet(SHEET_NAMES.meta);
    let patched = false;
    m.cells.forEach((c, k) => {
      const [r, cc] = k.split(",").map(Number);
      if (cc === 1 && c.value === "resultsSheet") {
        m.cells.set(key(r, 2), { ...getCell(m, r, 2), value: PL1 });
        patched = true;
      }
      if (cc === 1 && c.value === "resultsSheetId") m.cells.set(key(r, 2), { ...getCell(m, r, 2), value: wb.sheet(PL1).id });
    });
    expect(patched).toBe(true);
    expect(meta(wb).run.resultsSheet).toBe(PL1);
    const before = userCells(wb, [PL1]);
    const s = await check(wb);
    expect(changedCells(wb, before)).toEqual([]);
    expect(s.resultsSheet).not.toBe(PL1);
    expect(s.tables.map((t) => t.sheet)).toContain(PL1);
  });
});

describe("a workbook checked in Excel, cleared from the command line", () => {
  test("the fill a mark replaced comes back from its format copy on NQ24_Meta; the add-in's note goes, the user's stays", async () => {
    const wb = newBook();
    await insertAndFill(wb);
    const pct = cat.rows.find((x) => x.appendix === "PL1" && x.type === "indicator" && (x as { kind: string }).kind === "percent");
    const t = tpl.sheets.find((s) => s.role === "PL1");
    const r = (t && t.indicatorRows ? t.indicatorRows : {})[(pct as { id: string }).id];
    const bad = a1(r, col("result"));
    wb.userFill(PL1, bad, "#FFFF00");
    wb.userType(PL1, bad, "150%");
    // A note of the user's own, on a cell the check marks as well.
    const other = a1(r, col("baseline"));
    wb.userType(PL1, other, "abc");
    wb.sheet(PL1).notes.set(key(r, col("baseline")), "ghi chú của tôi");
    const s = await check(wb);
    expect(s.findings.some((f) => f.sheet === PL1 && f.cell === bad)).toBe(true);
    expect(s.findings.some((f) => f.sheet === PL1 && f.cell === other)).toBe(true);
    // What makes this case: Excel recorded no colour, only the address of the format copy.
    const rec = meta(wb).marks.find((m) => m.sheet === PL1 && m.row === r && m.col === col("result"));
    expect(rec).toMatchObject({ previousFill: "", hadNote: true, noteKind: "note" });
    expect(rec?.vault).toMatch(/^[A-Z]+\d+$/);
    expect(wb.cell(PL1, bad).fill).not.toBe("#FFFF00");

    const x = new ExcelJS.Workbook();
    await x.xlsx.load((await saveXlsx(wb)) as unknown as ArrayBuffer);
    expect(clearRecordedMarks(x)).toBeGreaterThan(0);
    const ws = x.getWorksheet(PL1) as ExcelJS.Worksheet;
    const fill = ws.getCell(bad).fill as ExcelJS.FillPattern;
    expect(fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } });
    expect(ws.getCell(bad).note).toBeUndefined();
    expect(ws.getCell(bad).value).toBe("150%");
    expect(ws.getCell(other).note).toBe("ghi chú của tôi");
    expect(ws.getCell(other).value).toBe("abc");
  });
});

describe("inserted sheets: text is written as text", () => {
  test("the fake reads '- …' and '+…' written as General as formulas, as Excel does", async () => {
    const wb = newBook();
    await wb.run(async (ctx) => {
      const r = (ctx as unknown as Excel.RequestContext).workbook.worksheets.getItem("Sheet1").getRange("A1:D1");
      r.values = [["- Số người chết, mất tích", "+x", "-5", "-"]];
      await ctx.sync();
    });
    expect(wb.cell("Sheet1", "A1")).toMatchObject({ formula: "=- Số người chết, mất tích", error: true });
    expect(wb.cell("Sheet1", "B1").formula).toBe("=+x");
    expect(wb.cell("Sheet1", "C1")).toMatchObject({ value: -5, formula: null });
    expect(wb.cell("Sheet1", "D1")).toMatchObject({ value: "-", formula: null });
  });

  test("every label, title, id, STT and unit of every template sheet lands as the template's own text", async () => {
    const wb = newBook();
    await wb.run((ctx) => insertSheets(ctx as unknown as Excel.RequestContext, cat, { cover: true, onExisting: "rename", caps: capsFor(wb) }));
    let dashLabels = 0;
    for (const t of tpl.sheets) {
      for (const c of t.cells) {
        if (c.value === null || c.value === "") continue;
        const got = wb.cell(t.name, a1(c.row, c.col));
        // The one formula is the template's own: the attachment line over the cover.
        if (c.formula) {
          expect(got.formula).toBe(c.formula);
          continue;
        }
        expect({ at: `${t.name}!${a1(c.row, c.col)}`, value: got.value, formula: got.formula }).toEqual({ at: `${t.name}!${a1(c.row, c.col)}`, value: c.value, formula: null });
        if (typeof c.value === "string" && /^[-+=]/.test(c.value)) dashLabels++;
      }
    }
    // The national catalogue has many labels beginning "- ": the case that matters is covered.
    expect(dashLabels).toBeGreaterThan(100);
  });
});

describe("a sample made by the command line, checked in Excel", () => {
  async function cliSample(): Promise<FakeWorkbook> {
    const dir = mkdtempSync(join(tmpdir(), "nq24-sample-"));
    const file = join(dir, "sample.xlsx");
    await makeSample(file);
    const wb = await loadXlsx(file);
    rmSync(dir, { recursive: true, force: true });
    return wb;
  }

  test("the file records its sheets as the add-in's, unprotected: check writes statuses in the appendices, clear undoes them, user cells unchanged", async () => {
    const wb = await cliSample();
    expect(wb.sheet(SHEET_NAMES.meta).visibility).toBe("VeryHidden");
    expect(meta(wb).sheets.map((s) => s.name)).toEqual(expect.arrayContaining([PL1, SHEET_NAMES.PL2]));
    expect(wb.sheet(PL1).protected).toBe(false);
    const sheets = [SHEET_NAMES.cover, PL1, SHEET_NAMES.PL2];
    const before = userCells(wb, sheets);
    const s = await check(wb);
    expect(s.tables.map((t) => t.sheet).sort()).toEqual([PL1, SHEET_NAMES.PL2]);
    const withStatus = s.statuses.filter((x) => x.appendix === "PL1");
    expect(withStatus.length).toBeGreaterThan(20);
    const statusCells = (meta(wb).statusCells ?? []).filter((c) => c.sheet === PL1);
    expect(statusCells.length).toBeGreaterThan(20);
    for (const c of statusCells) expect(wb.cell(PL1, a1(c.row, c.col)).value).toBe(c.text);
    expect(changedCells(wb, before)).toEqual([]);
    // The records of the report sheets survive the check.
    expect(meta(wb).sheets.map((x) => x.name)).toEqual(expect.arrayContaining([PL1, SHEET_NAMES.PL2]));
    await clear(wb);
    for (const c of statusCells) expect(wb.cell(PL1, a1(c.row, c.col)).value).toBeNull();
    expect(changedCells(wb, before)).toEqual([]);
    expect(wb.sheet(PL1).protected).toBe(false);
  });

  test("repair accepts the command line's appendices as the add-in's own", async () => {
    const wb = await cliSample();
    // The typed values (repair re-lays labels and titles out, and keeps every input).
    const inputCols = (ap: "PL1" | "PL2") => ["baseline", "result", "note"].map((k) => a1(0, APPENDIX_COLUMNS[ap].findIndex((c) => c.key === k)).replace(/\d+$/, ""));
    const before = userCells(wb, [PL1, SHEET_NAMES.PL2]);
    for (const k of Array.from(before.keys())) {
      const [sheet, addr] = k.split("!");
      const row = Number(addr.replace(/^[A-Z]+/, "")) - 1;
      // Merged group rows are labels (ExcelJS repeats a merge's text in each of its cells).
      const merged = wb.sheet(sheet).merges.some((m) => row >= m.row && row < m.row + m.rowCount);
      if (inputCols(sheet === PL1 ? "PL1" : "PL2").indexOf(addr.replace(/\d+$/, "")) < 0 || row < 5 || merged) before.delete(k);
    }
    expect(before.size).toBeGreaterThan(50);
    const res = await wb.run((ctx) => insertSheets(ctx as unknown as Excel.RequestContext, cat, { cover: true, onExisting: "repair", caps: capsFor(wb) }));
    expect(res.sheets.filter((x) => x.template === PL1 || x.template === SHEET_NAMES.PL2).map((x) => x.action)).toEqual(["repaired", "repaired"]);
    expect(changedCells(wb, before)).toEqual([]);
  });

  test("an appendix the user protected with a password is left as it is: never unprotected, its findings on the results sheet", async () => {
    const wb = await cliSample();
    wb.userProtect(PL1, "mật khẩu");
    const before = JSON.stringify(Array.from(wb.sheet(PL1).cells.entries()));
    const s = await check(wb);
    expect(s.protectedSheets).toContain(PL1);
    expect(JSON.stringify(Array.from(wb.sheet(PL1).cells.entries()))).toBe(before);
    expect(wb.sheet(PL1)).toMatchObject({ protected: true, password: "mật khẩu" });
    const listed = Array.from(wb.sheet(s.resultsSheet).cells.values()).map((c) => String(c.value ?? ""));
    expect(s.findings.filter((f) => f.sheet === PL1).every((f) => f.cell === undefined || listed.indexOf(f.cell) >= 0)).toBe(true);
  });

  test("checked by the command line first, then in Excel: the records of the report sheets survive the command line's check", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nq24-sample-"));
    const file = join(dir, "sample.xlsx");
    await makeSample(file);
    const x = new ExcelJS.Workbook();
    await x.xlsx.readFile(file);
    rmSync(dir, { recursive: true, force: true });
    applyPlanToWorkbook(x, checkWorkbook(workbookToSnapshot(x), cat, { lang: "vi" }).plan, { lang: "vi" });
    const wb = await loadXlsx(Buffer.from(await x.xlsx.writeBuffer()));
    expect(meta(wb).sheets.map((r) => r.name)).toEqual(expect.arrayContaining([PL1, SHEET_NAMES.PL2]));
    const before = userCells(wb, [SHEET_NAMES.cover, PL1, SHEET_NAMES.PL2]);
    for (const k of Array.from(before.keys())) if ((meta(wb).statusCells ?? []).some((c) => k === `${c.sheet}!${a1(c.row, c.col)}`)) before.delete(k);
    // The notes the command line added are in the file, on empty input cells too.
    expect(meta(wb).marks.filter((m) => m.hadNote && !wb.sheet(m.sheet).notes.has(key(m.row, m.col)))).toEqual([]);
    const s = await check(wb);
    expect(s.tables.length).toBe(2);
    expect(changedCells(wb, before)).toEqual([]);
    // And the command line's clear keeps them too.
    expect(clearRecordedMarks(x)).toBeGreaterThanOrEqual(0);
    const y = await loadXlsx(Buffer.from(await x.xlsx.writeBuffer()));
    expect(meta(y).sheets.map((r) => r.name)).toEqual(expect.arrayContaining([PL1, SHEET_NAMES.PL2]));
    expect(meta(y).statusCells).toEqual([]);
  });
});
