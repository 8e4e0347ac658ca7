/**
 * The add-in in Excel, end to end, against the strict fake: insert → fill → check → clear,
 * the sync budget, user cells untouched, every requirement level, protection, layouts.
 */
import { nationalCatalogue, laiChauSample } from "../src/catalogue";
import { APPENDIX_COLUMNS, buildWorkbookTemplate, COVER_FIELDS, COVER_VALUE_COL, HEADER_ROW, LIST_RANGES, SHEET_NAMES } from "../src/engine/layout";
import { decodeMetadata, META_WIDTH } from "../src/engine/metadata";
import { a1 } from "../src/adapters/office/a1";
import { AddinError } from "../src/adapters/office/errors";
import { setSyncTimeout } from "../src/adapters/office/sync";
import { applyPlan } from "../src/adapters/office/apply";
import { checkWorkbookInExcel, clearMarksInExcel, fillSample, insertSheets, selectCell } from "../src/usecases/office";
import type { Plan } from "../src/engine/types";
import { FakeWorkbook, getCell, msOf } from "./fake";
import { MARK_FILLS } from "../src/engine/plan";
import { capsFor, changedCells, userCells } from "./fake/helpers";

const cat = nationalCatalogue;
const MARK_COLOURS = Object.values(MARK_FILLS).map((c) => c.toUpperCase());
const PL1 = SHEET_NAMES.PL1;
const PL2 = SHEET_NAMES.PL2;
const col = (appendix: "PL1" | "PL2", k: string) => APPENDIX_COLUMNS[appendix].findIndex((c) => c.key === k);
const tpl = buildWorkbookTemplate(cat);
const rowOf = (appendix: "PL1" | "PL2", id: string) => {
  const t = tpl.sheets.find((s) => s.role === appendix);
  const r = t && t.indicatorRows ? t.indicatorRows[id] : undefined;
  if (r === undefined) throw new Error(`no row for ${id}`);
  return r;
};
/** A PL1 indicator taking a percent, found in the catalogue (not in code under test). */
const pctId = (() => {
  const r = cat.rows.find((x) => x.appendix === "PL1" && x.type === "indicator" && (x as { kind: string }).kind === "percent");
  if (!r) throw new Error("no percent indicator");
  return r.id;
})();

function newBook(level: FakeWorkbook["level"] = "latest"): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.level = level;
  wb.addSheet("Sheet1");
  return wb;
}

async function insertAndFill(wb: FakeWorkbook): Promise<void> {
  const caps = capsFor(wb);
  await wb.run((ctx) => insertSheets(ctx as unknown as Excel.RequestContext, cat, { cover: true, onExisting: "rename", caps }));
  await wb.run((ctx) => fillSample(ctx as unknown as Excel.RequestContext, cat, laiChauSample, { caps }));
}

function check(wb: FakeWorkbook, lang: "vi" | "en" = "vi") {
  return wb.run((ctx) => checkWorkbookInExcel(ctx as unknown as Excel.RequestContext, cat, { lang, caps: capsFor(wb), now: new Date("2026-11-28T10:00:00Z") }));
}

function clear(wb: FakeWorkbook) {
  return wb.run((ctx) => clearMarksInExcel(ctx as unknown as Excel.RequestContext, { caps: capsFor(wb) }));
}

function meta(wb: FakeWorkbook) {
  const s = wb.sheet(SHEET_NAMES.meta);
  const rows: (string | number | boolean | null)[][] = [];
  s.cells.forEach((c, k) => {
    const [r, cc] = k.split(",").map(Number);
    while (rows.length <= r) rows.push([]);
    rows[r][cc] = c.value;
  });
  return decodeMetadata(rows.map((r) => Array.from({ length: META_WIDTH }, (_, i) => (r[i] === undefined ? null : r[i]))));
}

afterEach(() => setSyncTimeout(30000));

describe("insert", () => {
  test("inserts cover, both appendices, the lists sheet and the records, laid out from layout.ts", async () => {
    const wb = newBook();
    const res = await wb.run((ctx) => insertSheets(ctx as unknown as Excel.RequestContext, cat, { cover: true, onExisting: "rename", caps: capsFor(wb) }));
    expect(res.sheets.map((s) => s.action)).toEqual(["created", "created", "created", "created"]);
    const names = wb.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining([SHEET_NAMES.cover, PL1, PL2, SHEET_NAMES.lists, SHEET_NAMES.meta]));
    const p1 = wb.sheet(PL1);
    // Header texts are the national table's.
    expect(wb.cell(PL1, a1(HEADER_ROW, 1)).value).toBe("Chỉ tiêu");
    expect(wb.cell(PL1, a1(HEADER_ROW, 0)).value).toBe("STT");
    // An indicator row: label, unit, the hidden id, a text-formatted unlocked input cell.
    const r = rowOf("PL1", pctId);
    expect(wb.cell(PL1, a1(r, col("PL1", "id"))).value).toBe(pctId);
    expect(p1.hiddenCols.has(col("PL1", "id"))).toBe(true);
    const input = getCell(p1, r, col("PL1", "result"));
    expect(input.numberFormat).toBe("@");
    expect(input.locked).toBe(false);
    expect(getCell(p1, r, col("PL1", "label")).locked).toBe(true);
    // Not protected: the add-in would have to unprotect to mark it, which empties Excel's undo history.
    expect(p1.protected).toBe(false);
    // Title rows merged, dropdowns pointing at a range on the lists sheet, print and freeze set.
    expect(p1.merges).toEqual(expect.arrayContaining([{ row: 0, col: 0, rowCount: 1, colCount: col("PL1", "status") }]));
    expect(p1.validations.length).toBeGreaterThan(0);
    expect(p1.validations.every((v) => v.source === `=${LIST_RANGES.noData}` || v.source === `=${LIST_RANGES.yesno}`)).toBe(true);
    expect(p1.validations.some((v) => v.rect.row <= r && r < v.rect.row + v.rect.rowCount)).toBe(true);
    expect(p1.pageLayout).toMatchObject({ orientation: "Landscape", paperSize: "A4", printTitleRows: `$${HEADER_ROW + 1}:$${HEADER_ROW + 1}`, fitToWidth: 1 });
    expect(p1.freeze).toEqual({ rows: HEADER_ROW + 1, cols: 0 });
    // The status column is coloured by conditional formats, never matching "Chưa đạt" as "Đạt".
    const cfs = p1.conditionalFormats.filter((c) => c.rect.col === col("PL1", "status"));
    expect(cfs.find((c) => (c.rule as { text: string }).text === "Đạt")).toMatchObject({ fontColor: "#006100", rule: { operator: "BeginsWith" } });
    expect(cfs.find((c) => (c.rule as { text: string }).text === "Chưa đạt")).toMatchObject({ fontColor: "#9C0006" });
    expect(wb.sheet(SHEET_NAMES.lists).visibility).toBe("Hidden");
    expect(wb.sheet(SHEET_NAMES.meta).visibility).toBe("Hidden");
    expect(meta(wb).sheets.find((s) => s.name === PL1)).toMatchObject({ protectedByAddin: false });
    // Cover: labels from the layout's fields.
    expect(wb.cell(SHEET_NAMES.cover, a1(COVER_FIELDS[0].row, 0)).value).toBe(COVER_FIELDS[0].label.vi);
  });

  test("never overwrites a sheet of the same name: rename adds (2)", async () => {
    const wb = newBook();
    wb.addSheet(PL1);
    wb.userType(PL1, "A1", "my own work");
    const res = await wb.run((ctx) => insertSheets(ctx as unknown as Excel.RequestContext, cat, { cover: false, onExisting: "rename", caps: capsFor(wb) }));
    expect(res.sheets.find((s) => s.template === PL1)).toMatchObject({ name: `${PL1} (2)`, action: "renamed" });
    expect(wb.cell(PL1, "A1").value).toBe("my own work");
    expect(wb.sheets.map((s) => s.name)).toContain(`${PL1} (2)`);
    // Repair of a sheet that is not ours also makes a new one rather than touching it.
    const res2 = await wb.run((ctx) => insertSheets(ctx as unknown as Excel.RequestContext, cat, { cover: false, onExisting: "repair", caps: capsFor(wb) }));
    expect(res2.sheets.find((s) => s.template === PL1)).toMatchObject({ name: `${PL1} (3)`, action: "renamed" });
    expect(wb.cell(PL1, "A1").value).toBe("my own work");
  });

  test("repair restores labels, ids and styles of our sheet and keeps every value typed", async () => {
    const wb = newBook();
    await insertAndFill(wb);
    const r = rowOf("PL1", pctId);
    // The user typed their own values and damaged the layout.
    const p1 = wb.sheet(PL1);
    wb.userType(PL1, a1(r, col("PL1", "baseline")), "31,5");
    wb.userType(PL1, a1(r, col("PL1", "label")), "label typed over");
    wb.userType(PL1, a1(HEADER_ROW, 1), "Tên chỉ tiêu");
    p1.merges = [];
    p1.cells.set(`${r},${col("PL1", "note")}`, { ...getCell(p1, r, col("PL1", "note")), value: 0.5, numberFormat: "0%" });
    const before = userCells(wb, [PL1, PL2, SHEET_NAMES.cover]);
    const expectedLabel = cat.rows.find((x) => x.id === pctId)?.labelVi;
    const res = await wb.run((ctx) => insertSheets(ctx as unknown as Excel.RequestContext, cat, { cover: true, onExisting: "repair", caps: capsFor(wb) }));
    expect(res.sheets.find((s) => s.template === PL1)?.action).toBe("repaired");
    expect(wb.cell(PL1, a1(r, col("PL1", "label"))).value).toBe(expectedLabel);
    expect(wb.cell(PL1, a1(HEADER_ROW, 1)).value).toBe("Chỉ tiêu");
    expect(wb.sheet(PL1).merges.length).toBeGreaterThan(3);
    // Every value typed in an input cell is identical, value and text (the 50 % stays 50 %).
    const inputs = new Map(Array.from(before.entries()).filter(([k]) => {
      const c = /!([A-Z]+)\d+$/.exec(k);
      if (!c) return false;
      const sheet = k.slice(0, k.lastIndexOf("!"));
      if (sheet === SHEET_NAMES.cover) return c[1] === a1(0, COVER_VALUE_COL).replace(/\d+$/, "");
      const ap = sheet === PL1 ? "PL1" : "PL2";
      return ["baseline", "result", "note"].some((kk) => a1(0, col(ap, kk)).replace(/\d+$/, "") === c[1]);
    }));
    expect(inputs.size).toBeGreaterThan(100);
    expect(changedCells(wb, inputs)).toEqual([]);
    expect(wb.text(PL1, a1(r, col("PL1", "note")))).toBe("50%");
    expect(wb.sheet(PL1).protected).toBe(false);
  });
});

describe("fill, check, clear", () => {
  test("round trip: the sample fills, a check writes statuses, marks and results in 3 syncs, clear undoes exactly the marks", async () => {
    const wb = newBook();
    await insertAndFill(wb);
    // Sample values arrive as the seed writes them.
    const some = Object.keys(laiChauSample.values).find((id) => id.startsWith("PL2") && laiChauSample.values[id].result);
    expect(some).toBeDefined();
    const id = some as string;
    expect(wb.cell(PL2, a1(rowOf("PL2", id), col("PL2", "result"))).value).toBe(laiChauSample.values[id].result);
    expect(wb.cell(SHEET_NAMES.cover, a1(COVER_FIELDS[0].row, COVER_VALUE_COL)).value).toBe(laiChauSample.cover.unit);

    // The user coloured a cell yellow, then typed a percent over 100 in it.
    const r = rowOf("PL1", pctId);
    const bad = a1(r, col("PL1", "result"));
    wb.userFill(PL1, bad, "#FFFF00");
    wb.userType(PL1, bad, "150%");
    const before = userCells(wb, [PL1, PL2, SHEET_NAMES.cover]);
    const notesBefore = wb.sheet(PL1).notes.size;

    const syncsBefore = wb.syncCount;
    const s = await check(wb);
    expect(s.syncs).toBeLessThanOrEqual(3);
    expect(wb.syncCount - syncsBefore).toBe(s.syncs);
    expect(s.tables.map((t) => t.sheet).sort()).toEqual([PL1, PL2]);
    expect(s.verdict.ready).toBe(false);
    const finding = s.findings.find((f) => f.sheet === PL1 && f.cell === bad && f.severity === "error");
    expect(finding).toBeDefined();

    // Marked: not yellow any more, a note the add-in added, recorded with the yellow it replaced.
    expect(wb.cell(PL1, bad).fill).not.toBe("#FFFF00");
    expect(wb.sheet(PL1).notes.get(`${r},${col("PL1", "result")}`)).toContain((finding as { code: string }).code);
    // Recorded in the same batch: the fill it replaced sits in a format copy on the metadata sheet.
    const rec = meta(wb).marks.find((m) => m.sheet === PL1 && m.row === r && m.col === col("PL1", "result"));
    expect(rec).toMatchObject({ hadNote: true, noteKind: "note" });
    expect(rec?.vault).toMatch(/^[A-Z]+\d+$/);
    expect(wb.cell(SHEET_NAMES.meta, rec?.vault as string).fill).toBe("#FFFF00");
    // Every mark on a cell is recorded, and every recorded mark is a marked cell.
    expect(meta(wb).marks.length).toBe(wb.sheets.reduce((n, sh) => n + sh.notes.size, 0) - notesBefore);

    // Status texts in the status column of every indicator row with a status.
    const statusCol = col("PL1", "status");
    const withStatus = s.statuses.filter((x) => x.appendix === "PL1");
    expect(withStatus.length).toBeGreaterThan(20);
    for (const st of withStatus) expect(wb.text(PL1, a1(rowOf("PL1", st.indicatorId), statusCol))).toBe(st.label.vi);

    // Results sheet: verdict, time stamp, catalogue version, header, one row per finding, links.
    const res = wb.sheet(s.resultsSheet);
    const resText = Array.from(res.cells.values()).map((c) => String(c.value ?? ""));
    expect(resText).toContain(s.verdict.message.vi);
    // Vietnam time, as the user reads it: 10:00 UTC is 17:00 in Hà Nội.
    expect(resText).toContain("28/11/2026 17:00");
    expect(resText).toContain(s.verdict.catalogueVersion);
    const links = Array.from(res.cells.values()).filter((c) => c.hyperlink);
    expect(links.length).toBe(s.findings.filter((f) => f.row !== undefined && f.col !== undefined).length);
    expect(links.some((c) => c.hyperlink?.documentReference === `'${PL1}'!${bad}`)).toBe(true);

    // User cells identical after the check.
    expect(changedCells(wb, before)).toEqual([]);

    // A second check does not record the add-in's own colour as the user's.
    await check(wb);
    expect(meta(wb).marks.find((m) => m.sheet === PL1 && m.row === r && m.col === col("PL1", "result"))?.previousFill).toBe("#FFFF00");

    // Clear: yellow again, the add-in's notes gone, statuses emptied, user cells identical.
    const c = await clear(wb);
    expect(c.fillsRestored).toBeGreaterThan(0);
    expect(wb.cell(PL1, bad).fill).toBe("#FFFF00");
    expect(wb.sheet(PL1).notes.size).toBe(notesBefore);
    for (const st of withStatus) expect(wb.cell(PL1, a1(rowOf("PL1", st.indicatorId), statusCol)).value).toBeNull();
    // Unmarked input cells got their template fill back.
    const other = meta(wb).marks.length;
    expect(other).toBe(0);
    expect(changedCells(wb, before)).toEqual([]);
  });

  test("sync budget: at most 3 syncs per check, and a cell selection", async () => {
    const wb = newBook();
    await insertAndFill(wb);
    const s = await check(wb, "en");
    expect(s.syncs).toBeLessThanOrEqual(3);
    await wb.run((ctx) => selectCell(ctx as unknown as Excel.RequestContext, PL2, "E20"));
    expect(wb.selection).toEqual({ sheetId: wb.sheet(PL2).id, rect: { row: 19, col: 4, rowCount: 1, colCount: 1 } });
  });

  test("finding text is never run as a formula on the results sheet", async () => {
    const wb = newBook();
    await insertAndFill(wb);
    const plan: Plan = {
      statusCells: [],
      marks: [],
      results: { header: ["a", "b", "c", "d"], rows: [{ cells: ["=1+1", "+2", "-3", "@x"] }, { cells: ["=HYPERLINK(\"http://x\",\"y\")", "", "", ""] }] },
      verdict: { ready: true, checkedAt: "t", catalogueVersion: "v", counts: { error: 0, warning: 0, info: 0 }, statusCounts: {}, message: { vi: "=bad", en: "=bad" } },
    };
    const caps = capsFor(wb);
    await wb.run(async (ctx) => {
      const c = ctx as unknown as Excel.RequestContext;
      await applyPlan(c, plan, { sheets: wb.sheets.map((s) => ({ name: s.name, visibility: s.visibility, protected: s.protected })), meta: meta(wb), metaRowCount: 10, noteCounts: new Map() }, { caps, lang: "vi" });
    });
    const res = wb.sheet(SHEET_NAMES.results);
    const cells = Array.from(res.cells.values());
    expect(cells.every((c) => c.formula === null)).toBe(true);
    expect(cells.map((c) => c.value)).toEqual(expect.arrayContaining(["=1+1", "+2", "-3", "@x", "=bad"]));
  });
});

describe("errors", () => {
  test("a sheet the user protected is left unmarked, never unprotected; the results sheet says so; its records wait for a Clear after unprotecting", async () => {
    const wb = newBook();
    await insertAndFill(wb);
    await check(wb);
    const r = rowOf("PL1", pctId);
    const bad = a1(r, col("PL1", "result"));
    wb.userType(PL1, bad, "150%");
    const marksOnPl1 = meta(wb).marks.filter((m) => m.sheet === PL1);
    expect(marksOnPl1.length).toBeGreaterThan(0);
    // The user protects our sheet with a password of their own.
    wb.userProtect(PL1, "their password");
    const pl1Before = JSON.stringify(Array.from(wb.sheet(PL1).cells.entries()));
    const notesBefore = Array.from(wb.sheet(PL1).notes.entries());
    const s = await check(wb);
    // The finding is reported (pane and results sheet), the protected sheet untouched.
    expect(s.findings.some((f) => f.sheet === PL1 && f.cell === bad)).toBe(true);
    expect(s.protectedSheets).toEqual([PL1]);
    expect(JSON.stringify(Array.from(wb.sheet(PL1).cells.entries()))).toBe(pl1Before);
    expect(Array.from(wb.sheet(PL1).notes.entries())).toEqual(notesBefore);
    expect(wb.sheet(PL1).protected).toBe(true);
    expect(wb.sheet(PL1).password).toBe("their password");
    const resText = Array.from(wb.sheet(s.resultsSheet).cells.values()).map((c) => String(c.value ?? ""));
    expect(resText.some((t) => t.indexOf(PL1) >= 0 && resText.some((x) => /bảo vệ/.test(x)))).toBe(true);
    // The other sheet was checked and marked as usual.
    expect(meta(wb).marks.some((m) => m.sheet === PL2)).toBe(true);
    // The old marks of the protected sheet stay recorded, so a later Clear can undo them.
    expect(meta(wb).marks.filter((m) => m.sheet === PL1).map((m) => `${m.row},${m.col}`).sort()).toEqual(marksOnPl1.map((m) => `${m.row},${m.col}`).sort());
    const c = await clear(wb);
    expect(c.protectedSheets).toEqual([PL1]);
    expect(c.message.en).toMatch(/Protected sheets left as they are: Phụ lục 1/);
    expect(JSON.stringify(Array.from(wb.sheet(PL1).cells.entries()))).toBe(pl1Before);
    // Unprotected by the user: the next Clear finishes the job.
    wb.sheet(PL1).protected = false;
    const c2 = await clear(wb);
    expect(c2.fillsRestored).toBe(marksOnPl1.length);
    expect(meta(wb).marks).toEqual([]);
  });

  test("a sheet protected while the add-in writes: AccessDenied in both languages naming the sheet; every mark that landed is recorded", async () => {
    const wb = newBook();
    await insertAndFill(wb);
    const r = rowOf("PL1", pctId);
    wb.userType(PL1, a1(r, col("PL1", "result")), "150%");
    // The sheet list says unprotected; the user protects it between the read and the write.
    const base = wb.syncCount;
    msOf(wb).host.beforeRequest = (n) => {
      if (n === base + 3) wb.userProtect(PL1, "theirs");
    };
    let err: unknown;
    try {
      await check(wb);
    } catch (e) {
      err = e;
    }
    msOf(wb).host.beforeRequest = null;
    expect(err).toBeInstanceOf(AddinError);
    const e = err as AddinError;
    expect(e.code).toBe("AccessDenied");
    expect(e.text.vi).toMatch(/bảo vệ/);
    expect(e.text.vi).toContain(PL1);
    expect(e.text.en).toMatch(/protected/);
    expect(e.text.en).toContain(PL1);
    // Excel kept what ran before the refusal: every cell wearing a mark colour has its record.
    const recorded = new Set(meta(wb).marks.map((m) => `${m.sheet}!${m.row},${m.col}`));
    for (const sh of wb.sheets) {
      sh.cells.forEach((cell, k) => {
        if (cell.fill && MARK_COLOURS.indexOf(cell.fill) >= 0) expect(recorded.has(`${sh.name}!${k}`)).toBe(true);
      });
    }
  });

  test("a sync that hangs becomes a Timeout error naming the action", async () => {
    const wb = newBook();
    await insertAndFill(wb);
    setSyncTimeout(50);
    wb.hangNextSync = true;
    await expect(check(wb)).rejects.toMatchObject({ code: "Timeout", text: { vi: expect.stringMatching(/không phản hồi/), en: expect.stringMatching(/did not answer/) } });
  });

  test("a sheet deleted under the add-in is reported as ItemNotFound with its name", async () => {
    const wb = newBook();
    await expect(wb.run((ctx) => selectCell(ctx as unknown as Excel.RequestContext, "Không có", "A1"))).rejects.toMatchObject({
      code: "ItemNotFound",
      text: { vi: expect.stringContaining("Không có"), en: expect.stringContaining("Không có") },
    });
  });
});

describe("requirement levels", () => {
  test.each(["1.1", "1.7", "1.8", "1.9", "1.13", "latest"] as const)("at ExcelApi %s insert, fill, check, the results sheet, select and clear work and the missing features are listed", async (level) => {
    const wb = newBook(level);
    await insertAndFill(wb);
    const r = rowOf("PL1", pctId);
    wb.userType(PL1, a1(r, col("PL1", "result")), "150%");
    const s = await check(wb);
    expect(s.tables.length).toBe(2);
    expect(s.findings.some((f) => f.sheet === PL1 && f.cell === a1(r, col("PL1", "result")))).toBe(true);
    const keys = s.unavailable.map((u) => u.key);
    const p1 = wb.sheet(PL1);
    // Statuses are written at every level.
    expect(s.statuses.some((x) => wb.text(PL1, a1(rowOf("PL1", x.indicatorId), col("PL1", "status"))) === x.label.vi)).toBe(true);
    for (const u of s.unavailable) {
      expect(u.message.vi.length).toBeGreaterThan(10);
      expect(u.message.en.length).toBeGreaterThan(10);
    }
    if (level === "1.1") {
      expect(keys).toEqual(expect.arrayContaining(["protection", "dataValidation", "notes", "hyperlinks", "events", "pageLayout"]));
      expect(p1.validations).toEqual([]);
      expect(p1.notes.size).toBe(0);
      expect(p1.merges).toEqual([]);
      expect(p1.conditionalFormats).toEqual([]);
      expect(s.noteKind).toBe("none");
      // The mark is still a fill, recorded for Clear.
      expect(wb.cell(PL1, a1(r, col("PL1", "result"))).fill).not.toBe("#FFFDE7");
      expect(s.syncs).toBeLessThanOrEqual(4);
    }
    if (level === "1.7") {
      expect(keys).toEqual(expect.arrayContaining(["dataValidation", "notes", "pageLayout"]));
      expect(keys).not.toContain("hyperlinks");
      expect(p1.validations).toEqual([]);
      expect(Array.from(wb.sheet(s.resultsSheet).cells.values()).some((c) => c.hyperlink)).toBe(true);
    }
    if (level === "1.8") {
      expect(keys).not.toContain("dataValidation");
      expect(p1.validations.length).toBeGreaterThan(0);
    }
    if (level === "latest") {
      expect(keys).toEqual([]);
      expect(s.noteKind).toBe("note");
      expect(s.syncs).toBeLessThanOrEqual(3);
    }
    // The results sheet: our title, the check id recorded with it, a row per finding.
    const res = wb.sheet(s.resultsSheet);
    expect(wb.cell(s.resultsSheet, "A1").value).toBe("KẾT QUẢ KIỂM TRA BÁO CÁO NGHỊ QUYẾT 24-NQ/TW");
    expect(wb.cell(s.resultsSheet, "B3").value).toBe(meta(wb).run.resultsSheetId);
    expect(Array.from(res.cells.values()).filter((c) => c.value === "NQ24-E004").length).toBeGreaterThan(0);
    if (level === "1.9" || level === "1.13" || level === "latest") expect(res.autoFilter).not.toBeNull();
    // Going to a finding's cell.
    await wb.run((ctx) => selectCell(ctx, PL1, a1(r, col("PL1", "result"))));
    expect(wb.selection).toEqual({ sheetId: wb.sheet(PL1).id, rect: { row: r, col: col("PL1", "result"), rowCount: 1, colCount: 1 } });
    const c = await clear(wb);
    expect(c.fillsRestored).toBeGreaterThan(0);
    // Back to the template's input fill (fills exist at every level).
    expect(wb.cell(PL1, a1(r, col("PL1", "result"))).fill).toBe("#FFFDE7");
  });
});

describe("the user's own notes", () => {
  test("a marked cell that already has the user's note keeps it: fill only, counted, Clear leaves the note", async () => {
    const wb = newBook();
    await insertAndFill(wb);
    const r = rowOf("PL1", pctId);
    const c = col("PL1", "result");
    wb.userType(PL1, a1(r, c), "150%");
    wb.sheet(PL1).notes.set(`${r},${c}`, "ghi chú của tôi");
    const s = await check(wb);
    // One extra read finds which marked cells carry the user's notes.
    expect(s.syncs).toBe(4);
    expect(s.notesSkipped).toBeGreaterThanOrEqual(1);
    expect(wb.sheet(PL1).notes.get(`${r},${c}`)).toBe("ghi chú của tôi");
    expect(wb.cell(PL1, a1(r, c)).fill).not.toBe("#FFFDE7");
    expect(meta(wb).marks.find((m) => m.row === r && m.col === c && m.sheet === PL1)).toMatchObject({ hadNote: false });
    await clear(wb);
    expect(wb.sheet(PL1).notes.get(`${r},${c}`)).toBe("ghi chú của tôi");
    expect(wb.cell(PL1, a1(r, c)).fill).toBe("#FFFDE7");
  });
});
