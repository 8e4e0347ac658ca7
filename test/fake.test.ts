/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read, office-addins/call-sync-after-load -- these tests read unloaded properties on purpose, to prove the fake throws */
/**
 * The strict fake must fail where Excel fails, or the Office adapter's tests prove nothing.
 */
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { FakeWorkbook, FakeContext, createFakeOffice, loadXlsx, saveXlsx } from "./fake";

function wbWith(level: FakeWorkbook["level"] = "latest"): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.level = level;
  const s = wb.addSheet("Data");
  void s;
  wb.userType("Data", "A1", "hello");
  wb.userType("Data", "B2", 42);
  return wb;
}

describe("strict fake of Excel", () => {
  test("reading a property that was not loaded throws PropertyNotLoaded", async () => {
    const wb = wbWith();
    await wb.run(async (ctx: FakeContext) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A1");
      expect(() => r.values).toThrow(/not available/);
      r.load("values");
      // Loaded but not synced: still not readable.
      expect(() => r.values).toThrow(/not available/);
      await ctx.sync();
      expect(r.values).toEqual([["hello"]]);
      // Only what was loaded is readable.
      expect(() => r.text).toThrow(/not available/);
      expect(() => r.format.fill.color).toThrow(/not available/);
    });
  });

  test("writes land only at sync, and sync() is counted", async () => {
    const wb = wbWith();
    const ctx = wb.newContext();
    const r = ctx.workbook.worksheets.getItem("Data").getRange("C3");
    r.values = [["queued"]];
    r.format.fill.color = "#FFFF00";
    expect(wb.cell("Data", "C3").value).toBeNull();
    expect(wb.syncCount).toBe(0);
    await ctx.sync();
    expect(wb.cell("Data", "C3").value).toBe("queued");
    expect(wb.cell("Data", "C3").fill).toBe("#FFFF00");
    expect(wb.syncCount).toBe(1);
    expect(ctx.syncCount).toBe(1);
  });

  test("values are parsed as en-US unless the cell is text-formatted; = makes a formula", async () => {
    const wb = wbWith();
    const ctx = wb.newContext();
    const ws = ctx.workbook.worksheets.getItem("Data");
    ws.getRange("A5:C5").values = [["27.5", "=1+1", "27,5"]];
    const t = ws.getRange("A6:B6");
    t.numberFormat = [["@", "@"]];
    t.values = [["27.5", "=SUM(A1)"]];
    await ctx.sync();
    expect(wb.cell("Data", "A5").value).toBe(27.5);
    expect(wb.cell("Data", "B5").formula).toBe("=1+1");
    expect(wb.cell("Data", "C5").value).toBe("27,5");
    expect(wb.cell("Data", "A6").value).toBe("27.5");
    expect(wb.cell("Data", "B6").formula).toBeNull();
    expect(wb.cell("Data", "B6").value).toBe("=SUM(A1)");
  });

  test("a batch that fails lands nothing", async () => {
    const wb = wbWith();
    const ctx = wb.newContext();
    ctx.workbook.worksheets.getItem("Data").getRange("D1").values = [["first"]];
    ctx.workbook.worksheets.getItem("Nope").getRange("A1").values = [["x"]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    expect(wb.cell("Data", "D1").value).toBeNull();
  });

  test("an API above the requirement level throws", async () => {
    const wb = wbWith("1.7");
    const ctx = wb.newContext();
    const r = ctx.workbook.worksheets.getItem("Data").getRange("A1");
    expect(() => r.dataValidation).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    expect(() => ctx.workbook.worksheets.getItem("Data").notes).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    expect(() => r.getMergedAreasOrNullObject()).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    expect(() => r.getCellProperties({ format: { fill: { color: true } } })).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    // 1.7 has hyperlinks and events.
    expect(() => (r.hyperlink = { documentReference: "Data!A1" })).not.toThrow();
    const wb1 = wbWith("1.1");
    const c1 = wb1.newContext();
    expect(() => c1.workbook.worksheets.getItem("Data").protection.protect()).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    expect(() => c1.workbook.worksheets.getItem("Data").getRange("A1").conditionalFormats).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    expect(() => c1.workbook.worksheets.getItem("Data").onChanged).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    expect(() => c1.workbook.worksheets.getItemOrNullObject("Data")).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    expect(() => c1.workbook.worksheets.getItem("Data").getRange("A1:B2").merge()).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    const wb10 = wbWith("1.10");
    expect(() => wb10.newContext().workbook.worksheets.getItem("Data").comments).not.toThrow();
    expect(() => wb10.newContext().workbook.worksheets.getItem("Data").notes).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    const office = createFakeOffice(wb10);
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.10")).toBe(true);
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.13")).toBe(false);
  });

  test("writing a locked cell of a protected sheet rejects the whole batch with AccessDenied", async () => {
    const wb = wbWith();
    wb.sheet("Data").cells.set("0,5", { ...wb.cell("Data", "F1"), locked: false });
    wb.userProtect("Data", "secret");
    const ctx = wb.newContext();
    const ws = ctx.workbook.worksheets.getItem("Data");
    ws.getRange("F1").values = [["unlocked ok"]];
    ws.getRange("A1").values = [["locked"]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
    expect(wb.cell("Data", "F1").value).toBeNull();
    expect(wb.cell("Data", "A1").value).toBe("hello");
    // Unlocked cells alone are fine.
    ws.getRange("F1").values = [["unlocked ok"]];
    await ctx.sync();
    expect(wb.cell("Data", "F1").value).toBe("unlocked ok");
    // A wrong password cannot unprotect.
    ws.protection.unprotect();
    await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
  });

  test("isNullObject is known only after sync", async () => {
    const wb = wbWith();
    const ctx = wb.newContext();
    const missing = ctx.workbook.worksheets.getItemOrNullObject("Missing");
    const there = ctx.workbook.worksheets.getItemOrNullObject("Data");
    expect(() => missing.isNullObject).toThrow(/not available/);
    await ctx.sync();
    expect(missing.isNullObject).toBe(true);
    expect(there.isNullObject).toBe(false);
  });

  test("an oversized request is rejected; a sync can hang", async () => {
    const wb = wbWith();
    wb.payloadLimit = 1000;
    const ctx = wb.newContext();
    ctx.workbook.worksheets.getItem("Data").getRange("A1:A100").values = Array.from({ length: 100 }, () => ["a fairly long piece of text"]);
    await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(wb.cell("Data", "A50").value).toBeNull();
    wb.hangNextSync = true;
    const p = ctx.sync();
    const winner = await Promise.race([p.then(() => "settled"), new Promise((r) => setTimeout(() => r("hung"), 50))]);
    expect(winner).toBe("hung");
  });

  test("Excel reports no fill as white and mixed fills as null", async () => {
    const wb = wbWith();
    wb.userFill("Data", "A1", "#FFFF00");
    const ctx = wb.newContext();
    const ws = ctx.workbook.worksheets.getItem("Data");
    const a = ws.getRange("A1").format.fill.load("color");
    const b = ws.getRange("B1").format.fill.load("color");
    const ab = ws.getRange("A1:B1").format.fill.load("color");
    await ctx.sync();
    expect(a.color).toBe("#FFFF00");
    expect(b.color).toBe("#FFFFFF");
    expect(ab.color).toBeNull();
  });

  test("a list validation must point at a range", async () => {
    const wb = wbWith();
    const ctx = wb.newContext();
    ctx.workbook.worksheets.getItem("Data").getRange("A1").dataValidation.rule = { list: { inCellDropDown: true, source: "Có,Không" } };
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("round trip through a real .xlsx keeps values, formats, fills, merges, hidden rows, protection, notes and visibility", async () => {
    const wb = wbWith();
    const s = wb.sheet("Data");
    s.cells.set("2,0", { ...wb.cell("Data", "A3"), value: 0.275, numberFormat: "0.0%", fill: "#FFFF00", bold: true, locked: false });
    s.merges.push({ row: 4, col: 0, rowCount: 1, colCount: 3 });
    wb.userType("Data", "A7", "hidden row");
    s.hiddenRows.add(6);
    s.hiddenCols.add(7);
    s.notes.set("1,1", "a note");
    s.protected = true;
    const h = wb.addSheet("Hidden");
    h.visibility = "Hidden";
    wb.userType("Hidden", "A1", "x");
    const dir = mkdtempSync(join(tmpdir(), "fake-"));
    const file = join(dir, "rt.xlsx");
    await saveXlsx(wb, file);
    // Independent reader: ExcelJS itself.
    const x = new ExcelJS.Workbook();
    await x.xlsx.readFile(file);
    expect(x.getWorksheet("Data")?.getCell("A3").numFmt).toBe("0.0%");
    const back = await loadXlsx(file);
    expect(back.cell("Data", "A3").value).toBe(0.275);
    expect(back.text("Data", "A3")).toBe("27.5%");
    expect(back.cell("Data", "A3").fill).toBe("#FFFF00");
    expect(back.cell("Data", "A3").bold).toBe(true);
    expect(back.cell("Data", "A3").locked).toBe(false);
    expect(back.sheet("Data").merges).toEqual([{ row: 4, col: 0, rowCount: 1, colCount: 3 }]);
    expect(back.sheet("Data").hiddenRows.has(6)).toBe(true);
    expect(back.sheet("Data").hiddenCols.has(7)).toBe(true);
    expect(back.sheet("Data").notes.get("1,1")).toBe("a note");
    expect(back.sheet("Data").protected).toBe(true);
    expect(back.sheet("Hidden").visibility).toBe("Hidden");
  });

  test("a formula whose cached result is an error loads as an error cell, readable through the API", async () => {
    const x = new ExcelJS.Workbook();
    const ws = x.addWorksheet("Data");
    ws.getCell("A1").value = 0;
    ws.getCell("B1").value = { formula: "1/A1", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
    const wb = await loadXlsx(Buffer.from(await x.xlsx.writeBuffer()));
    const c = wb.cell("Data", "B1");
    expect(c).toMatchObject({ value: "#DIV/0!", error: true, formula: "=1/A1" });
    expect(wb.text("Data", "B1")).toBe("#DIV/0!");
    const ctx = new FakeContext(wb);
    const r = ctx.workbook.worksheets.getItem("Data").getRange("B1");
    r.load("values,valueTypes,text");
    await ctx.sync();
    expect(r.valueTypes).toEqual([["Error"]]);
    expect(r.text).toEqual([["#DIV/0!"]]);
    // Saved back as a formula with an error result.
    const again = await loadXlsx(await saveXlsx(wb));
    expect(again.cell("Data", "B1")).toMatchObject({ value: "#DIV/0!", error: true, formula: "=1/A1" });
  });
});
