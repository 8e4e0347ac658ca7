/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read, office-addins/call-sync-after-load -- these tests read unloaded properties on purpose, to prove they throw */
/**
 * The Office tests run the add-in through Microsoft's own Excel client library, answered by
 * a host over our workbook model. That host must fail where Excel fails, or the tests prove
 * nothing; and the hook into the library (internal to it) must still be the one we know.
 */
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { FakeWorkbook, LIBRARY_VERSION, createFakeOffice, loadXlsx, msOf, saveXlsx } from "./fake";

function wbWith(level: FakeWorkbook["level"] = "latest"): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.level = level;
  wb.addSheet("Data");
  wb.userType("Data", "A1", "hello");
  wb.userType("Data", "B2", 42);
  return wb;
}

/** One request through the library, outside Excel.run. */
async function once(wb: FakeWorkbook, queue: (ctx: Excel.RequestContext) => void): Promise<void> {
  const ctx = wb.newContext();
  queue(ctx);
  await ctx.sync();
}

describe("the hook into Microsoft's library", () => {
  test("the pinned library builds the requests; its executor receives them, and their JSON is what the host measures", async () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "..", "node_modules", "@microsoft", "office-js", "package.json"), "utf8")) as { version: string };
    expect(pkg.version).toBe(LIBRARY_VERSION);
    const wb = wbWith();
    const { library } = msOf(wb);
    expect(typeof library.Excel.run).toBe("function");
    const seen: unknown[] = [];
    const ctx = wb.newContext() as unknown as { _requestExecutor: { executeAsync: (a: unknown, f: number, m: { Body: unknown }) => Promise<unknown> } };
    const real = ctx._requestExecutor;
    ctx._requestExecutor = {
      executeAsync: (a, f, m) => {
        seen.push(JSON.parse(JSON.stringify(m.Body)));
        return real.executeAsync(a, f, m);
      },
    };
    const c = ctx as unknown as Excel.RequestContext;
    const r = c.workbook.worksheets.getItem("Data").getRange("A1:B2");
    r.load("values");
    await c.sync();
    expect(r.values).toEqual([["hello", ""], ["", 42]]);
    // The request is Microsoft's: object paths and actions as the library numbers them.
    const body = seen[0] as { Actions: { ActionType: number; Name: string }[]; ObjectPaths: Record<string, { Name: string }> };
    expect(Object.values(body.ObjectPaths).map((p) => p.Name)).toEqual(expect.arrayContaining(["Worksheets", "GetRange"]));
    expect(body.Actions.some((a) => a.ActionType === 2)).toBe(true);
    expect(wb.payloads[wb.payloads.length - 1]).toBe(Buffer.byteLength(JSON.stringify(body), "utf8"));
  });

  test("Excel.run runs through it too, with the clean-up request it sends not counted as a sync", async () => {
    const wb = wbWith();
    await wb.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("C3");
      r.values = [["queued"]];
      await ctx.sync();
    });
    expect(wb.cell("Data", "C3").value).toBe("queued");
    expect(wb.syncCount).toBe(1);
    // Excel.run released the range it had kept, in one more request.
    expect(wb.requests.filter((x) => x.cleanup).length).toBe(1);
  });

  test("Microsoft's library splits a large array into row blocks itself, after asking the host to validate its size", async () => {
    const wb = wbWith();
    await once(wb, (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("A10:C1009").values = Array.from({ length: 1000 }, (_, i) => [i, `r${i}`, i * 2]);
    });
    expect(wb.cell("Data", "A1009").value).toBe(999);
    const calls = wb.requests[wb.requests.length - 1].calls;
    expect(calls).toContain("Range._ValidateArraySize()");
    expect(calls.filter((c) => c === "Range.getBoundingRect()").length).toBeGreaterThan(1);
  });
});

describe("strict like Excel", () => {
  test("reading a property that was not loaded throws PropertyNotLoaded (Microsoft's error)", async () => {
    const wb = wbWith();
    await wb.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A1");
      expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      r.load("values");
      // Loaded but not synced: still not readable.
      expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(r.values).toEqual([["hello"]]);
      // Only what was loaded is readable.
      expect(() => r.text).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      expect(() => r.format.fill.color).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  test("writes land only at sync, and syncs are counted", async () => {
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
  });

  test("values are parsed as en-US unless the cell is text-formatted; = makes a formula", async () => {
    const wb = wbWith();
    await once(wb, (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.getRange("A5:C5").values = [["27.5", "=1+1", "27,5"]];
      const t = ws.getRange("A6:B6");
      t.numberFormat = [["@", "@"]];
      t.values = [["27.5", "=SUM(A1)"]];
    });
    expect(wb.cell("Data", "A5").value).toBe(27.5);
    expect(wb.cell("Data", "B5").formula).toBe("=1+1");
    expect(wb.cell("Data", "C5").value).toBe("27,5");
    expect(wb.cell("Data", "A6").value).toBe("27.5");
    expect(wb.cell("Data", "B6").formula).toBeNull();
    expect(wb.cell("Data", "B6").value).toBe("=SUM(A1)");
  });

  test("a batch that fails keeps what ran before the failing action, as Excel does (no roll-back), and names where it failed", async () => {
    const wb = wbWith();
    const ctx = wb.newContext();
    ctx.workbook.worksheets.getItem("Data").getRange("D1").values = [["first"]];
    ctx.workbook.worksheets.getItem("Nope").getRange("A1").values = [["x"]];
    ctx.workbook.worksheets.getItem("Data").getRange("D2").values = [["after"]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    expect(wb.cell("Data", "D1").value).toBe("first");
    expect(wb.cell("Data", "D2").value).toBeNull();
  });

  test("every member is gated at its requirement set: getters, setters, methods and arguments", async () => {
    const gated = async (level: FakeWorkbook["level"], queue: (ctx: Excel.RequestContext) => void) => {
      const wb = wbWith(level);
      const ctx = wb.newContext();
      queue(ctx);
      return ctx.sync().then(
        () => "ok",
        (e: { code: string }) => e.code,
      );
    };
    const ws = (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Data");
    // Worksheet.visibility: read at 1.1, set at 1.2.
    expect(await gated("1.1", (c) => void ws(c).load("visibility"))).toBe("ok");
    expect(await gated("1.1", (c) => void (ws(c).visibility = "Hidden"))).toBe("ApiNotFound");
    expect(await gated("1.2", (c) => void (ws(c).visibility = "Visible"))).toBe("ok");
    // getUsedRange(valuesOnly): the method is 1.1, its argument 1.2.
    expect(await gated("1.1", (c) => void ws(c).getUsedRange().load("address"))).toBe("ok");
    expect(await gated("1.1", (c) => void ws(c).getUsedRange(true).load("address"))).toBe("ApiNotFound");
    // protect(options, password): 1.2, the password 1.7.
    expect(await gated("1.1", (c) => ws(c).protection.protect())).toBe("ApiNotFound");
    expect(await gated("1.2", (c) => ws(c).protection.protect({ allowFormatCells: true }, "pw"))).toBe("ApiNotFound");
    expect(await gated("1.7", (c) => ws(c).protection.protect({ allowFormatCells: true }, "pw"))).toBe("ok");
    // Navigation and methods.
    expect(await gated("1.7", (c) => void (ws(c).getRange("A1").dataValidation.rule = { list: { inCellDropDown: true, source: "=Data!A1:A2" } }))).toBe("ApiNotFound");
    expect(await gated("1.8", (c) => void (ws(c).getRange("A1").dataValidation.rule = { list: { inCellDropDown: true, source: "=Data!A1:A2" } }))).toBe("ok");
    expect(await gated("1.8", (c) => void ws(c).getRange("A1").getCellProperties({ format: { fill: { color: true } } }))).toBe("ApiNotFound");
    expect(await gated("1.12", (c) => void ws(c).getRange("A1:B2").getMergedAreasOrNullObject().load("address"))).toBe("ApiNotFound");
    expect(await gated("1.10", (c) => void ws(c).comments.getCount())).toBe("ok");
    expect(await gated("1.17", (c) => void ws(c).notes.getCount())).toBe("ApiNotFound");
    expect(await gated("1.18", (c) => void ws(c).notes.getCount())).toBe("ok");
    expect(await gated("1.1", (c) => void ws(c).getRange("A1").format.protection.load("locked"))).toBe("ApiNotFound");
    const office = createFakeOffice(wbWith("1.10"));
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.10")).toBe(true);
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.13")).toBe(false);
  });

  test("writing a locked cell of a protected sheet fails with AccessDenied, unless its protection allows that kind of change", async () => {
    const wb = wbWith();
    wb.sheet("Data").cells.set("0,5", { ...wb.cell("Data", "F1"), locked: false });
    wb.userProtect("Data", "secret", { allowFormatCells: true });
    const ws = (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Data");
    await once(wb, (ctx) => void (ws(ctx).getRange("F1").values = [["unlocked ok"]]));
    expect(wb.cell("Data", "F1").value).toBe("unlocked ok");
    await expect(once(wb, (ctx) => void (ws(ctx).getRange("A1").values = [["locked"]]))).rejects.toMatchObject({ code: "AccessDenied" });
    expect(wb.cell("Data", "A1").value).toBe("hello");
    // Formatting is allowed by the options; notes (objects) are not.
    await once(wb, (ctx) => void (ws(ctx).getRange("A1").format.fill.color = "#FFEEDD"));
    expect(wb.cell("Data", "A1").fill).toBe("#FFEEDD");
    await expect(once(wb, (ctx) => void ws(ctx).notes.add("A1", "x"))).rejects.toMatchObject({ code: "AccessDenied" });
    // A wrong password cannot unprotect.
    await expect(once(wb, (ctx) => ws(ctx).protection.unprotect())).rejects.toMatchObject({ code: "AccessDenied" });
  });

  test("isNullObject is known only after sync", async () => {
    const wb = wbWith();
    const ctx = wb.newContext();
    const missing = ctx.workbook.worksheets.getItemOrNullObject("Missing");
    const there = ctx.workbook.worksheets.getItemOrNullObject("Data");
    expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    await ctx.sync();
    expect(missing.isNullObject).toBe(true);
    expect(there.isNullObject).toBe(false);
  });

  test("a request over the limit is refused whole; an answer over it too; a read over five million cells gives no values", async () => {
    const wb = wbWith();
    wb.payloadLimit = 1000;
    await expect(once(wb, (ctx) => void (ctx.workbook.worksheets.getItem("Data").getRange("A1:A100").values = Array.from({ length: 100 }, () => ["a fairly long piece of text"])))).rejects.toMatchObject({
      code: "RequestPayloadSizeLimitExceeded",
    });
    expect(wb.cell("Data", "A50").value).toBeNull();
    expect(wb.requests[wb.requests.length - 1].bytes).toBeGreaterThan(1000);
    wb.payloadLimit = 5 * 1024 * 1024;
    const s = wb.sheet("Data");
    for (let i = 0; i < 3000; i++) s.cells.set(`${i},0`, { ...wb.cell("Data", "A1"), value: `row ${i} with some text in it` });
    wb.payloadLimit = 50000;
    await expect(once(wb, (ctx) => void ctx.workbook.worksheets.getItem("Data").getRange("A1:A3000").load("values"))).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    wb.payloadLimit = 5 * 1024 * 1024;
    const ctx = wb.newContext();
    const all = ctx.workbook.worksheets.getItem("Data").getRange("A:Z");
    all.load("values,rowCount");
    await ctx.sync();
    expect(all.rowCount).toBe(1048576);
    expect(all.values).toBeNull();
  });

  test("a sync can hang", async () => {
    const wb = wbWith();
    wb.hangNextSync = true;
    const ctx = wb.newContext();
    ctx.workbook.worksheets.getItem("Data").getRange("A1").load("values");
    const winner = await Promise.race([ctx.sync().then(() => "settled"), new Promise((r) => setTimeout(() => r("hung"), 50))]);
    expect(winner).toBe("hung");
  });

  test("a batch sent while a cell is edited fails, unless it asked to wait for the edit", async () => {
    const wb = wbWith();
    wb.startCellEdit();
    await expect(wb.run(async (ctx) => ctx.workbook.worksheets.getItem("Data").getRange("A1").load("values"))).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    let done = false;
    const waiting = wb
      .run(
        async (ctx) => {
          ctx.workbook.worksheets.getItem("Data").getRange("E5").values = [["after the edit"]];
          await ctx.sync();
        },
        { delayForCellEdit: true },
      )
      .then(() => (done = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false);
    wb.endCellEdit();
    await waiting;
    expect(wb.cell("Data", "E5").value).toBe("after the edit");
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
    await expect(once(wb, (ctx) => void (ctx.workbook.worksheets.getItem("Data").getRange("A1").dataValidation.rule = { list: { inCellDropDown: true, source: "Có,Không" } }))).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("change events reach the handlers registered through the library, with their source", async () => {
    const wb = wbWith();
    const got: { address: string; source: string }[] = [];
    await wb.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.onChanged.add(async (e) => void got.push({ address: e.address, source: e.source }));
      await ctx.sync();
    });
    wb.userType("Data", "C7", "typed");
    wb.coauthorType("Data", "C8", "theirs");
    await new Promise((r) => setTimeout(r, 30));
    expect(got).toEqual([
      { address: "C7", source: "Local" },
      { address: "C8", source: "Remote" },
    ]);
  });
});

describe("the model and real files", () => {
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
    const ctx = wb.newContext();
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
