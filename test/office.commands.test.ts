/**
 * Ribbon commands (with the pane closed) and the live re-check, against the fake host.
 */
import { nationalCatalogue, laiChauSample } from "../src/catalogue";
import { APPENDIX_COLUMNS, SHEET_NAMES, buildWorkbookTemplate } from "../src/engine/layout";
import { a1 } from "../src/adapters/office/a1";
import { checkWorkbookInExcel, fillSample, insertSheets, OfficeSession, startLiveCheck, stopLiveCheck, CheckInExcelSummary } from "../src/usecases/office";
import { FakeWorkbook, installGlobals, msOf } from "./fake";
import { capsFor } from "./fake/helpers";

const cat = nationalCatalogue;
const tpl = buildWorkbookTemplate(cat);
const pl1 = tpl.sheets.find((s) => s.role === "PL1");
const firstId = Object.keys(pl1?.indicatorRows ?? {})[0];
const firstRow = (pl1?.indicatorRows ?? {})[firstId];
const resultCol = APPENDIX_COLUMNS.PL1.findIndex((c) => c.key === "result");

function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (cond()) resolve();
      else if (Date.now() - t0 > ms) reject(new Error("timed out waiting"));
      else setTimeout(tick, 10);
    };
    tick();
  });
}

async function loadCommands(wb: FakeWorkbook) {
  const g = installGlobals(wb);
  let mod: typeof import("../src/commands/commands") | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require("../src/commands/commands");
  });
  await Promise.resolve();
  return { ...g, mod: mod as typeof import("../src/commands/commands") };
}

describe("ribbon commands", () => {
  test("registered on Office.onReady; insert, check and clear each complete and report in the results sheet", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1");
    const { office, restore } = await loadCommands(wb);
    try {
      expect(Array.from(office.associated.keys()).sort()).toEqual(["checkWorkbook", "clearMarks", "insertSheets"]);
      const run = async (name: string) => {
        const completed = jest.fn();
        await (office.associated.get(name) as (e: { completed: () => void }) => Promise<void>)({ completed });
        expect(completed).toHaveBeenCalledTimes(1);
      };
      await run("insertSheets");
      expect(wb.sheets.map((s) => s.name)).toEqual(expect.arrayContaining([SHEET_NAMES.PL1, SHEET_NAMES.PL2, SHEET_NAMES.cover]));
      expect(String(wb.cell(SHEET_NAMES.results, "A1").value)).toBe("Thông báo");
      expect(String(wb.cell(SHEET_NAMES.results, "A2").value)).toContain(SHEET_NAMES.PL1);
      // A second click repairs our sheets in place instead of piling up copies.
      await run("insertSheets");
      expect(wb.sheets.map((s) => s.name).filter((n) => /\(2\)$/.test(n))).toEqual([]);
      await run("checkWorkbook");
      // The check's verdict is on the results sheet, which is shown.
      expect(wb.activeSheetId).toBe(wb.sheet(SHEET_NAMES.results).id);
      const texts = Array.from(wb.sheet(SHEET_NAMES.results).cells.values()).map((c) => String(c.value));
      expect(texts.some((t) => /sẵn sàng gửi/i.test(t))).toBe(true);
      await run("clearMarks");
      expect(String(wb.cell(SHEET_NAMES.results, "A1").value)).toBe("Thông báo");
      expect(String(wb.cell(SHEET_NAMES.results, "A2").value)).toMatch(/^Đã xóa \d+ ô đánh dấu/);
    } finally {
      restore();
    }
  });

  test("an error still completes the event and is reported in both languages' user language", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1");
    wb.displayLanguage = "en-US";
    const { office, restore } = await loadCommands(wb);
    try {
      await wb.run((ctx) => insertSheets(ctx as unknown as Excel.RequestContext, cat, { cover: true, onExisting: "rename", caps: capsFor(wb) }));
      await wb.run((ctx) => fillSample(ctx as unknown as Excel.RequestContext, cat, laiChauSample, { caps: capsFor(wb) }));
      // The user protects a sheet between the check's read and its write: the write is refused.
      const base = wb.syncCount;
      msOf(wb).host.beforeRequest = (n) => {
        if (n === base + 3) wb.userProtect(SHEET_NAMES.PL1, "theirs");
      };
      const completed = jest.fn();
      await (office.associated.get("checkWorkbook") as (e: { completed: () => void }) => Promise<void>)({ completed });
      msOf(wb).host.beforeRequest = null;
      expect(completed).toHaveBeenCalledTimes(1);
      expect(String(wb.cell(SHEET_NAMES.results, "A1").value)).toBe("Message");
      expect(String(wb.cell(SHEET_NAMES.results, "A2").value)).toMatch(/protected/);
      expect(String(wb.cell(SHEET_NAMES.results, "A2").value)).toContain(SHEET_NAMES.PL1);
      // A host whose every call fails still completes.
      const broken = jest.fn();
      const { makeHandlers } = await import("../src/commands/commands");
      const h = makeHandlers({ run: () => Promise.reject(new Error("no workbook")), lang: () => "vi" });
      const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
      await h.clearMarks({ completed: broken });
      spy.mockRestore();
      expect(broken).toHaveBeenCalledTimes(1);
    } finally {
      restore();
    }
  });
});

describe("live check", () => {
  test("a user edit triggers one debounced re-check; the add-in's own writes do not loop; a paste re-checks; stop ends it", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1");
    const caps = capsFor(wb);
    await wb.run((ctx) => insertSheets(ctx as unknown as Excel.RequestContext, cat, { cover: true, onExisting: "rename", caps }));
    const results: CheckInExcelSummary[] = [];
    const errors: unknown[] = [];
    const handle = await startLiveCheck(cat, { lang: "vi", run: wb.excelRun, debounceMs: 30, caps, onResult: (s) => results.push(s), onError: (e) => errors.push(e) });
    expect(handle).not.toBeNull();
    expect(handle?.sheets).toEqual(expect.arrayContaining([SHEET_NAMES.PL1, SHEET_NAMES.PL2]));
    // Three quick keystrokes: one check.
    wb.userType(SHEET_NAMES.PL1, a1(firstRow, resultCol), "1");
    wb.userType(SHEET_NAMES.PL1, a1(firstRow, resultCol), "12");
    wb.userType(SHEET_NAMES.PL1, a1(firstRow, resultCol), "120");
    await waitFor(() => results.length === 1);
    // The check wrote statuses into watched sheets; those events must not start another check.
    await new Promise((r) => setTimeout(r, 200));
    expect(results.length).toBe(1);
    expect(errors).toEqual([]);
    expect(results[0].findings.length).toBeGreaterThan(0);
    // A paste (no details in the event) re-checks too.
    wb.userPaste(SHEET_NAMES.PL1, a1(firstRow + 1, resultCol), [["5"], ["6"]]);
    await waitFor(() => results.length === 2);
    await stopLiveCheck(handle);
    wb.userType(SHEET_NAMES.PL1, a1(firstRow, resultCol), "7");
    await new Promise((r) => setTimeout(r, 150));
    expect(results.length).toBe(2);
  });

  async function liveOn(wb: FakeWorkbook, session = new OfficeSession()) {
    const caps = capsFor(wb);
    await wb.run((ctx) => insertSheets(ctx, cat, { cover: true, onExisting: "rename", caps }));
    const results: CheckInExcelSummary[] = [];
    const errors: unknown[] = [];
    const handle = await startLiveCheck(cat, { lang: "vi", run: wb.excelRun, debounceMs: 20, caps, session, onResult: (s) => results.push(s), onError: (e) => errors.push(e) });
    return { handle, results, errors, session, caps };
  }

  test("while the user is editing a cell the live check waits for the edit to end (delayForCellEdit), with no error", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1");
    const { handle, results, errors } = await liveOn(wb);
    wb.userType(SHEET_NAMES.PL1, a1(firstRow, resultCol), "120");
    // Enter, then straight into the next cell: Excel is in cell-edit mode when the check runs.
    wb.startCellEdit();
    await new Promise((r) => setTimeout(r, 150));
    expect(results.length).toBe(0);
    expect(errors).toEqual([]);
    wb.endCellEdit();
    await waitFor(() => results.length === 1);
    expect(errors).toEqual([]);
    await stopLiveCheck(handle);
  });

  test("an Excel that cannot hold a batch during a cell edit refuses it: the live check tries again after the edit, with no error", async () => {
    const wb = new FakeWorkbook();
    wb.delayForCellEdit = false;
    wb.addSheet("Sheet1");
    const { handle, results, errors } = await liveOn(wb);
    wb.userType(SHEET_NAMES.PL1, a1(firstRow, resultCol), "120");
    wb.startCellEdit();
    await waitFor(() => wb.requests.some((r) => r.error === "InvalidOperationInCellEditMode"));
    expect(errors).toEqual([]);
    wb.endCellEdit();
    await waitFor(() => results.length === 1);
    expect(errors).toEqual([]);
    await stopLiveCheck(handle);
  });

  test("a co-author's edit re-checks the pane; the add-in's own Check writes do not", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1");
    const { handle, results, errors, session, caps } = await liveOn(wb);
    wb.coauthorType(SHEET_NAMES.PL1, a1(firstRow, resultCol), "130");
    await waitFor(() => results.length === 1);
    // An explicit Check writes statuses and marks into the watched sheets: those events are its own.
    const s = await wb.run((ctx) => checkWorkbookInExcel(ctx, cat, { lang: "vi", caps, session }));
    expect(s.statuses.length).toBeGreaterThan(0);
    expect(wb.events.filter((e) => e.source === "Local").length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(results.length).toBe(1);
    expect(errors).toEqual([]);
    await stopLiveCheck(handle);
  });

  test("below ExcelApi 1.7 there is no live check: null, and checks stay on demand", async () => {
    const wb = new FakeWorkbook();
    wb.level = "1.6";
    wb.addSheet("Sheet1");
    const h = await startLiveCheck(cat, { lang: "vi", run: wb.excelRun, caps: capsFor(wb) });
    expect(h).toBeNull();
  });
});
