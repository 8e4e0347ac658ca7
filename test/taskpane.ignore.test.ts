/**
 * "Bỏ qua": a warning set aside in Excel with a reason is stored in the workbook (NQ24_Meta),
 * leaves the counts and the marks, survives a re-check and Clear, and is shown, with its
 * reason, by the command line and in the province's consolidation. Errors cannot be set aside.
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { laiChauSample, nationalCatalogue } from "../src/catalogue";
import { main, type Io } from "../src/cli/nq24";
import { applyIgnores, findingKey, ignoreRecordOf, withIgnore } from "../src/engine/ignore";
import { decodeMetadata, encodeMetadata, emptyMetadata } from "../src/engine/metadata";
import type { Finding } from "../src/engine/types";
import { checkWorkbookInExcel, clearMarksInExcel, fillSample } from "../src/usecases/office";
import { consolidateFiles } from "../src/usecases/files";
import { consolidationSheets, CONSOLIDATION_SHEETS } from "../src/engine/consolidate";
import { FakeWorkbook } from "./fake";
import { capsFor, metaRecords } from "./fake/helpers";
import { saveXlsx } from "./fake/xlsx";

const cat = nationalCatalogue;
const REASON = "Số liệu năm 2013 đã thất lạc khi sáp nhập phòng; Sở TN&MT đã được báo";
const dir = mkdtempSync(join(tmpdir(), "nq24-ignore-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sampleBook(): Promise<FakeWorkbook> {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1");
  await wb.run((ctx) => fillSample(ctx as unknown as Excel.RequestContext, cat, laiChauSample, { caps: capsFor(wb) }));
  return wb;
}

const check = (wb: FakeWorkbook, setAside?: { finding: Finding; reason: string | null }) =>
  wb.run((ctx) => checkWorkbookInExcel(ctx as unknown as Excel.RequestContext, cat, { lang: "vi", caps: capsFor(wb), setAside, now: new Date("2026-03-02T02:30:00Z") }));

function capture(): Io & { text: () => string } {
  let out = "";
  return { out: (s) => void (out += s), err: () => undefined, errIsTTY: false, columns: 160, text: () => out };
}

describe("the record", () => {
  const warning: Finding = { code: "NQ24-W001", severity: "warning", sheet: "Phụ lục 2", cell: "D20", row: 19, col: 3, indicatorId: "PL2-010", params: { label: "x", role: "baseline", year: 2013 } };

  test("round-trips through NQ24_Meta's rows, reason and all", () => {
    const rec = ignoreRecordOf(warning, "  lý do\n dài  ", new Date("2026-01-01T00:00:00Z"));
    const meta = { ...emptyMetadata(), ignored: [rec] };
    expect(decodeMetadata(encodeMetadata(meta)).ignored).toEqual([{ ...rec, reason: "lý do dài" }]);
  });

  test("follows its indicator when rows are inserted above it, and only for the same rule and column", () => {
    const records = withIgnore([], warning, "x", new Date());
    const moved = { ...warning, cell: "D25", row: 24 };
    const otherColumn = { ...warning, cell: "E25", params: { ...warning.params, role: "result" } };
    const otherRule = { ...warning, code: "NQ24-W006" };
    const r = applyIgnores([moved, otherColumn, otherRule], records);
    expect(r.ignored.map((g) => g.finding)).toEqual([moved]);
    expect(r.active).toEqual([otherColumn, otherRule]);
  });

  test("an error or a record without a reason sets nothing aside", () => {
    const error = { ...warning, code: "NQ24-E001", severity: "error" as const, params: { ...warning.params, role: "result" } };
    const records = [ignoreRecordOf(error, "không muốn sửa", new Date()), { ...ignoreRecordOf(warning, "x", new Date()), reason: "" }];
    expect(applyIgnores([error, warning], records).ignored).toEqual([]);
    // Nor does a stored row that claims one.
    const rows = encodeMetadata({ ...emptyMetadata(), ignored: records });
    expect(decodeMetadata(rows).ignored).toBeUndefined();
  });

  test("taking the reason away brings the warning back", () => {
    const set = withIgnore([], warning, "x", new Date());
    expect(withIgnore(set, warning, null, new Date())).toEqual([]);
    expect(findingKey(warning)).toBe("NQ24-W001|PL2-010|baseline");
  });
});

describe("set aside in Excel, read by the province", () => {
  let wb: FakeWorkbook;
  let target: Finding;
  let file = "";
  let unmarked: string | null = null;

  beforeAll(async () => {
    wb = await sampleBook();
    const fills = new Map<string, string | null>();
    for (const s of wb.sheets) s.cells.forEach((c, k) => fills.set(s.name + "|" + k, c.fill));
    const first = await check(wb);
    target = first.findings.find((f) => f.severity === "warning" && f.cell !== "" && first.findings.filter((g) => g.sheet === f.sheet && g.cell === f.cell).length === 1)!;
    expect(target).toBeDefined();
    unmarked = fills.get(target.sheet + "|" + target.row + "," + target.col) ?? null;
  });

  test("the warning leaves the findings, the counts and its cell's mark; the record is in NQ24_Meta", async () => {
    const before = await check(wb);
    expect(wb.cell(target.sheet, target.cell).fill).not.toBe(unmarked);
    const after = await check(wb, { finding: target, reason: REASON });
    expect(after.findings.some((f) => findingKey(f) === findingKey(target))).toBe(false);
    expect(after.ignored.map((g) => [g.finding.code, g.finding.sheet + "!" + g.finding.cell, g.reason])).toEqual([[target.code, target.sheet + "!" + target.cell, REASON]]);
    expect(after.verdict.counts.warning).toBe(before.verdict.counts.warning - 1);
    expect(after.verdict.counts.error).toBe(before.verdict.counts.error);
    // The cell had only this finding: its fill is back to what it was before any check.
    expect(wb.cell(target.sheet, target.cell).fill).toBe(unmarked);
    expect(metaRecords(wb).ignored).toEqual([expect.objectContaining({ code: target.code, reason: REASON, at: "2026-03-02T02:30:00.000Z" })]);
  });

  test("a plain re-check and Clear keep it", async () => {
    const again = await check(wb);
    expect(again.ignored).toHaveLength(1);
    await wb.run((ctx) => clearMarksInExcel(ctx as unknown as Excel.RequestContext, { caps: capsFor(wb) }));
    expect(metaRecords(wb).ignored).toHaveLength(1);
    expect((await check(wb)).ignored).toHaveLength(1);
    file = join(dir, "tam-duong.xlsx");
    writeFileSync(file, await saveXlsx(wb));
  });

  test("the command line lists it with its reason, in text and JSON", async () => {
    const io = capture();
    await main(["check", file], io);
    expect(io.text()).toContain("Cảnh báo đã bỏ qua (1)");
    expect(io.text()).toContain(REASON.slice(0, 40));
    const json = capture();
    await main(["check", file, "--json"], json);
    const parsed = JSON.parse(json.text()) as { ignored: { code: string; reason: string }[]; findings: { code: string; cell: string }[] };
    expect(parsed.ignored).toEqual([expect.objectContaining({ code: target.code, cell: target.cell, reason: REASON })]);
    expect(parsed.findings.some((f) => f.code === target.code && f.cell === target.cell)).toBe(false);
  });

  test("consolidation names the district, the warning and the reason on its own sheet", async () => {
    const res = await consolidateFiles([file], { now: new Date("2026-03-03T00:00:00Z"), workers: 0 });
    const d = res.consolidation.districts[0];
    expect(d.ignored.map((g) => g.reason)).toEqual([REASON]);
    const sheet = consolidationSheets(res.consolidation, "vi").find((s) => s.name === CONSOLIDATION_SHEETS.ignored)!;
    expect(sheet.rows).toHaveLength(1);
    expect(sheet.rows[0]).toEqual(expect.arrayContaining([target.code, REASON, "02/03/2026 09:30"]));
    const io = capture();
    await main(["consolidate", file, "--json"], io);
    const parsed = JSON.parse(io.text()) as { districts: { ignored: { reason: string }[] }[] };
    expect(parsed.districts[0].ignored.map((g) => g.reason)).toEqual([REASON]);
  });

  test("brought back, it is a warning again", async () => {
    const back = await check(wb, { finding: target, reason: null });
    expect(back.ignored).toEqual([]);
    expect(back.findings.some((f) => findingKey(f) === findingKey(target))).toBe(true);
  });
});
