/**
 * Undo stays the user's: check, live check and clear call nothing on Microsoft's list of
 * APIs that empty Excel's undo history ("Undo capabilities in Excel add-ins", Unsupported
 * APIs). Every member each request touched is recorded by the host under Microsoft's own
 * library; none may be on the list, at any requirement level. Where ExcelApi 1.20 offers
 * it, a check's and a clear's writes are one undo step (mergeUndoGroup); every action
 * waits for a cell edit to end (delayForCellEdit).
 */
import { nationalCatalogue, laiChauSample } from "../src/catalogue";
import { a1 } from "../src/adapters/office/a1";
import { APPENDIX_COLUMNS, buildWorkbookTemplate, SHEET_NAMES } from "../src/engine/layout";
import { checkWorkbookInExcel, clearMarksInExcel, excelAction, fillSample, insertSheets, OfficeSession, startLiveCheck } from "../src/usecases/office";
import { FakeWorkbook } from "./fake";
import { excelApiSets } from "./fake/ms/apiSets";
import { capsFor } from "./fake/helpers";

/** Microsoft's table, as published: these calls cannot be undone and clear the undo stack. */
const CLEARS_UNDO = [
  "AllowEditRange.address", "AllowEditRange.delete", "AllowEditRange.pauseProtection", "AllowEditRange.setPassword", "AllowEditRange.title",
  "AllowEditRangeCollection.add", "AllowEditRangeCollection.pauseProtection",
  "Chart.categoryLabelLevel", "Chart.seriesNameLevel",
  "ChartPivotOptions.showAxisFieldButtons", "ChartPivotOptions.showLegendFieldButtons", "ChartPivotOptions.showReportFilterFieldButtons", "ChartPivotOptions.showValueFieldButtons",
  "ChartTrendlineLabel.formula", "DataConnectionCollection.refreshAll",
  "DocumentProperties.author", "DocumentProperties.category", "DocumentProperties.comments", "DocumentProperties.company", "DocumentProperties.keywords",
  "DocumentProperties.manager", "DocumentProperties.revisionNumber", "DocumentProperties.subject", "DocumentProperties.title",
  "LinkedWorkbook.refresh", "LinkedWorkbookCollection.refreshAll", "NamedItem.comment",
  "PivotTableStyle.delete", "PivotTableStyle.duplicate", "PivotTableStyle.name", "PivotTableStyleCollection.add", "PivotTableStyleCollection.setDefault",
  "Query.delete", "Query.refresh", "QueryCollection.refreshAll", "Slicer.name", "Slicer.nameInFormula",
  "SlicerStyle.delete", "SlicerStyle.duplicate", "SlicerStyle.name", "SlicerStyleCollection.add", "SlicerStyleCollection.setDefault",
  "Style.addIndent", "Style.autoIndent", "Style.formulaHidden", "Style.horizontalAlignment", "Style.includeAlignment", "Style.includeBorder", "Style.includeFont",
  "Style.includeNumber", "Style.includePatterns", "Style.includeProtection", "Style.indentLevel", "Style.locked", "Style.numberFormat", "Style.numberFormatLocal",
  "Style.orientation", "Style.readingOrder", "Style.shrinkToFit", "Style.textOrientation", "Style.verticalAlignment", "Style.wrapText",
  "TableStyle.delete", "TableStyle.duplicate", "TableStyle.name", "TableStyleCollection.add", "TableStyleCollection.setDefault",
  "TimelineStyle.delete", "TimelineStyle.duplicate", "TimelineStyle.name", "TimelineStyleCollection.add", "TimelineStyleCollection.setDefault",
  "Workbook.close", "Workbook.insertWorksheetsFromBase64", "Workbook.save", "WorkbookProtection.protect", "WorkbookProtection.unprotect",
  "Worksheet.copy", "Worksheet.delete", "Worksheet.name", "Worksheet.standardWidth", "Worksheet.position", "Worksheet.visibility",
  "WorksheetCollection.addFromBase64",
  "WorksheetProtection.pauseProtection", "WorksheetProtection.protect", "WorksheetProtection.resumeProtection", "WorksheetProtection.setPassword",
  "WorksheetProtection.unprotect", "WorksheetProtection.updateOptions",
];

/** As the host logs them: a property on the list is harmful when set ("=" ), a method when called ("()"). */
const HARMFUL = new Set(
  CLEARS_UNDO.map((m) => {
    const sets = excelApiSets().get(m);
    return sets && sets.method ? `${m}()` : `${m}=`;
  }),
);

const cat = nationalCatalogue;
const PL1 = SHEET_NAMES.PL1;
const pl1 = buildWorkbookTemplate(cat).sheets.find((s) => s.role === "PL1");
const firstRow = Object.values(pl1?.indicatorRows ?? {})[0];
const y2022 = APPENDIX_COLUMNS.PL1.findIndex((c) => c.key === "result");

async function prepared(level: FakeWorkbook["level"]): Promise<FakeWorkbook> {
  const wb = new FakeWorkbook();
  wb.level = level;
  wb.addSheet("Sheet1");
  await wb.run((ctx) => insertSheets(ctx, cat, { cover: true, onExisting: "rename", caps: capsFor(wb) }));
  await wb.run((ctx) => fillSample(ctx, cat, laiChauSample, { caps: capsFor(wb) }));
  wb.userType(PL1, a1(firstRow, y2022), "150%");
  return wb;
}

function callsSince(wb: FakeWorkbook, from: number): string[] {
  return wb.requests.slice(from).flatMap((r) => r.calls);
}

function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (cond() ? resolve() : Date.now() - t0 > ms ? reject(new Error("timed out waiting")) : setTimeout(tick, 10));
    tick();
  });
}

test("the list is Microsoft's, read against the API's own members: protect, unprotect and setting a sheet's visibility are on it", () => {
  expect(HARMFUL.has("WorksheetProtection.protect()")).toBe(true);
  expect(HARMFUL.has("WorksheetProtection.unprotect()")).toBe(true);
  expect(HARMFUL.has("Worksheet.visibility=")).toBe(true);
  expect(HARMFUL.has("Worksheet.delete()")).toBe(true);
  // Reading a sheet's name is harmless; renaming it is not.
  expect(HARMFUL.has("Worksheet.name=")).toBe(true);
  expect(HARMFUL.has("Worksheet.name")).toBe(false);
});

describe.each(["1.1", "1.7", "1.10", "latest"] as const)("at ExcelApi %s", (level) => {
  test("check, live check and clear call nothing that empties the undo history", async () => {
    const wb = await prepared(level);
    const caps = capsFor(wb);
    // Check twice (the second replaces the first's marks), on a workbook with a sheet the user protected.
    wb.addSheet("Của tôi");
    wb.userType("Của tôi", "A1", "giữ nguyên");
    wb.userProtect("Của tôi");
    const from = wb.requests.length;
    await wb.run((ctx) => checkWorkbookInExcel(ctx, cat, { lang: "vi", caps }));
    await wb.run((ctx) => checkWorkbookInExcel(ctx, cat, { lang: "en", caps }));
    await wb.run((ctx) => clearMarksInExcel(ctx, { caps }));
    if (caps.events) {
      const session = new OfficeSession();
      const results: unknown[] = [];
      const live = await startLiveCheck(cat, { lang: "vi", run: wb.excelRun, debounceMs: 20, caps, session, onResult: (s) => results.push(s) });
      wb.userType(PL1, a1(firstRow, y2022), "160%");
      await waitFor(() => results.length === 1);
      await live?.stop();
    }
    const calls = callsSince(wb, from);
    expect(calls.length).toBeGreaterThan(100);
    expect(calls.filter((c) => HARMFUL.has(c))).toEqual([]);
    // The checks did write (marks, statuses, results): the list was not dodged by writing nothing.
    expect(calls).toContain("RangeFill.color=");
    expect(calls).toContain("Range.values=");
  });
});

test("the live check reads only: no write at all, so even Excel builds that drop undo history on any add-in write keep it", async () => {
  const wb = await prepared("latest");
  const caps = capsFor(wb);
  const session = new OfficeSession();
  const results: unknown[] = [];
  const from = wb.requests.length;
  const live = await startLiveCheck(cat, { lang: "vi", run: wb.excelRun, debounceMs: 20, caps, session, onResult: (s) => results.push(s) });
  wb.userType(PL1, a1(firstRow, y2022), "170%");
  await waitFor(() => results.length === 1);
  await live?.stop();
  const setsAndCalls = callsSince(wb, from).filter((c) => /=$/.test(c) || /\(\)$/.test(c));
  const writes = setsAndCalls.filter((c) => !/\.(get\w*|load|_KeepReference|_RegisterDataChangedEvent|_UnregisterDataChangedEvent|_RemoveReference)\(\)$/.test(c));
  expect(writes).toEqual([]);
});

test("Insert is the one action that may: it hides its helper sheets (and says so in the README)", async () => {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1");
  const from = wb.requests.length;
  await wb.run((ctx) => insertSheets(ctx, cat, { cover: true, onExisting: "rename", caps: capsFor(wb) }));
  expect(callsSince(wb, from)).toContain("Worksheet.visibility=");
  expect(callsSince(wb, from).filter((c) => HARMFUL.has(c) && c !== "Worksheet.visibility=")).toEqual([]);
});

test("one undo step where Excel offers it (ExcelApi 1.20): every action waits for a cell edit; a write groups its syncs", async () => {
  for (const level of ["1.18", "1.20"] as const) {
    const wb = new FakeWorkbook();
    wb.level = level;
    wb.addSheet("Sheet1");
    const caps = capsFor(wb);
    await excelAction("write", (ctx) => insertSheets(ctx, cat, { cover: true, onExisting: "rename", caps }), { caps, run: wb.excelRun });
    await excelAction("read", async () => undefined, { caps, run: wb.excelRun });
    const [write, read] = wb.runOptions.slice(-2);
    expect(write).toEqual(level === "1.20" ? { delayForCellEdit: true, mergeUndoGroup: true } : { delayForCellEdit: true });
    expect(read).toEqual({ delayForCellEdit: true });
  }
});

test("should Excel refuse to group a write into one undo step, the action runs again ungrouped", async () => {
  const wb = new FakeWorkbook();
  wb.level = "1.20";
  wb.addSheet("Sheet1");
  const caps = capsFor(wb);
  const seen: unknown[] = [];
  const run = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>, options?: { mergeUndoGroup?: boolean }): Promise<T> => {
    seen.push(options);
    if (options && options.mergeUndoGroup) return Promise.reject(Object.assign(new Error("The operation cannot be grouped."), { code: "UndoNotSupported" }));
    return wb.run(batch, options);
  };
  const r = await excelAction("write", (ctx) => insertSheets(ctx, cat, { cover: false, onExisting: "rename", caps }), { caps, run });
  expect(r.sheets.length).toBeGreaterThan(1);
  expect(seen).toEqual([{ delayForCellEdit: true, mergeUndoGroup: true }, { delayForCellEdit: true }]);
});
