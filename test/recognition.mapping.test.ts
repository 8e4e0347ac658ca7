/**
 * What the check read, shown and corrected: the mapping each check carries and its text,
 * `nq24 check` printing it (human and --json), --periods, and a column correction set in
 * Excel (Microsoft's library over the test host), stored in NQ24_Meta, that survives Clear,
 * saving and reopening, and is read by `nq24 check` and by consolidation.
 */
import { execFileSync, spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { nationalCatalogue } from "../src/catalogue";
import { checkWorkbook } from "../src/engine/check";
import { decodeMetadata, emptyMetadata, encodeMetadata, withOverride } from "../src/engine/metadata";
import { describeMapping } from "../src/engine/recognize";
import { checkWithoutWriting, checkWorkbookInExcel, clearMarksInExcel, setColumnOverride } from "../src/usecases/office";
import { parsePeriodsOption } from "../src/cli/periods";
import { NATIONAL_PERIODS } from "../src/catalogue/periods";
import { generate, periodHeaders, renameColumn, SEED_GAPS_FILLED, years } from "./corpus/layouts";
import { layoutXlsx } from "./corpus/xlsx";
import { FakeWorkbook, loadXlsx, saveXlsx } from "./fake";
import { capsFor } from "./fake/helpers";

const root = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "nq24-mapping-"));
const cat = nationalCatalogue;
const NOW = new Date("2023-05-20T08:00:00Z");
// Wide enough that each table's line stays one line.
const nq24 = (...args: string[]) => spawnSync(process.execPath, [join(root, "bin", "nq24.js"), ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, CI: "", COLUMNS: "300" } });

/** The seed as pasted, ready, but Phụ lục 2's 2022 column headed "Kỳ cuối" (column D). */
const unreadable = generate({ name: "", steps: [...SEED_GAPS_FILLED, renameColumn("PL2", "result", "Kỳ cuối")] }, []);
const PL2_RESULT = { sheet: "Phụ lục 2", appendix: "PL2" as const, col: unreadable.tables[1].columns.result as number };
/** The same, reporting 2012 → 2023 under "Năm …" headers. */
const otherYears = generate({ name: "", steps: [...SEED_GAPS_FILLED, periodHeaders((r, y) => (r === "target" ? `Mục tiêu ${y}` : `Năm ${y}`)), years(2012, 2023)] }, []);

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.node.json")], { cwd: root, stdio: "inherit" });
  writeFileSync(join(dir, "unreadable.xlsx"), await layoutXlsx(unreadable.snapshot));
  writeFileSync(join(dir, "years.xlsx"), await layoutXlsx(otherYears.snapshot));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the mapping a check carries", () => {
  const r = checkWorkbook(generate({ name: "", steps: SEED_GAPS_FILLED }, []).snapshot, cat, { now: NOW });

  it("names each table's sheet, header rows, area, and each column's role and year", () => {
    const pl2 = r.mapping.find((m) => m.appendix === "PL2")!;
    expect(pl2.sheet).toBe("Phụ lục 2");
    expect(pl2.headerRows).toEqual({ first: 2, last: 2 });
    expect(pl2.columns.map((c) => [c.letter, c.role, c.year ?? null])).toEqual([
      ["A", "stt", null],
      ["B", "label", null],
      ["C", "baseline", 2013],
      ["D", "result", 2022],
      ["E", "note", null],
    ]);
    expect(pl2.rows).toEqual({ matched: 130, byId: 0, byLabel: 130, expected: 130 });
  });

  it("reads as a sentence", () => {
    const pl1 = r.mapping.find((m) => m.appendix === "PL1")!;
    expect(describeMapping(pl1, "vi")).toBe("Phụ lục 1: 'Phụ lục 1'!A3:F46 — A: STT, B: chỉ tiêu, C: mục tiêu 2020, D: 2013, E: 2022, F: ghi chú");
    expect(describeMapping(pl1, "en")).toBe("Appendix 1: 'Phụ lục 1'!A3:F46 — A: No., B: indicator, C: 2020 target, D: 2013, E: 2022, F: note");
  });
});

describe("nq24 check prints what it read", () => {
  it("in words, and as JSON with the mapping and what went unread", () => {
    const human = nq24("check", "unreadable.xlsx");
    expect(human.status).toBe(1);
    expect(human.stdout).toMatch(/Đã đọc:\n {2}Phụ lục 1: 'Phụ lục 1'!A3:F46 — .*D: 2013, E: 2022, F: ghi chú \(30\/30 chỉ tiêu\)\n {2}Phụ lục 2: 'Phụ lục 2'!A3:E\d+ — A: STT, B: chỉ tiêu, C: 2013, D: “Kỳ cuối” \(không đọc\), E: ghi chú/);
    const j = JSON.parse(nq24("check", "unreadable.xlsx", "--json", "--lang", "en").stdout);
    expect(j.ready).toBe(false);
    expect(j.coverage.missingColumns).toEqual([{ appendix: "PL2", role: "result" }]);
    expect(j.mapping.map((m: { text: string }) => m.text)[1]).toMatch(/^Appendix 2: 'Phụ lục 2'!A3:E\d+ — A: No\., B: indicator, C: 2013, D: “Kỳ cuối” \(not read\), E: note$/);
  });

  it("--periods: the years looked for; other years are taken and said, every text quoting the year read", () => {
    const plain = JSON.parse(nq24("check", "years.xlsx", "--json", "--lang", "en").stdout);
    expect(plain.years.PL2).toMatchObject({ baseline: 2012, result: 2023 });
    // "Column E: result for 2023 (catalogue: 2022)…": each period column whose year is not the catalogue's.
    const said = plain.findings.filter((f: { code: string; message: string }) => f.code === "NQ24-I030");
    expect(said.map((f: { sheet: string; cell: string }) => `${f.sheet}!${f.cell}`).sort()).toEqual(["Phụ lục 1!D3", "Phụ lục 1!E3", "Phụ lục 2!C3", "Phụ lục 2!D3"]);
    // Only that note names the catalogue's year; every other text quotes the year read.
    expect(plain.findings.filter((f: { code: string; message: string }) => f.code !== "NQ24-I030" && /\b(2013|2022)\b/.test(f.message))).toEqual([]);
    const told = JSON.parse(nq24("check", "years.xlsx", "--json", "--lang", "en", "--periods", "2012,2023").stdout);
    expect(told.years.PL2).toMatchObject({ baseline: 2012, result: 2023 });
    expect(told.findings.filter((f: { code: string }) => f.code === "NQ24-I030")).toEqual([]);
    expect(told.findings.length).toBe(plain.findings.length - said.length);
    const bad = nq24("check", "years.xlsx", "--periods", "2023,2012");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--periods");
  });

  it("parsePeriodsOption keeps the roles apart and refuses what is not two years", () => {
    const p = parsePeriodsOption("2012,2023", NATIONAL_PERIODS);
    expect(p.ok && p.periods).toEqual({ baseline: { year: 2012, from: 2005, to: 2019 }, result: { year: 2023, from: 2018, to: 2030 }, target: NATIONAL_PERIODS.target });
    const q = parsePeriodsOption("2020, 2021", NATIONAL_PERIODS);
    expect(q.ok && [q.periods.baseline.to, q.periods.result.from]).toEqual([2020, 2021]);
    for (const bad of ["2012", "2012,20233", "abc", "2023,2012", "1800,2023"]) expect(parsePeriodsOption(bad, NATIONAL_PERIODS).ok).toBe(false);
  });
});

describe("a column corrected in Excel", () => {
  const file = join(dir, "corrected.xlsx");
  const run = <T>(wb: FakeWorkbook, f: (ctx: Excel.RequestContext) => Promise<T>) => wb.run((ctx) => f(ctx as unknown as Excel.RequestContext));
  const look = (wb: FakeWorkbook) => run(wb, (ctx) => checkWithoutWriting(ctx, cat, { lang: "vi", caps: capsFor(wb), now: NOW }));

  it("is read by every later check, survives Clear, saving and reopening, nq24 check and consolidation; cleared, it is gone", async () => {
    const wb = await loadXlsx(join(dir, "unreadable.xlsx"));
    const before = await look(wb);
    expect(before.verdict.ready).toBe(false);
    expect(before.coverage.missingColumns).toEqual([{ appendix: "PL2", role: "result" }]);

    const set = await run(wb, (ctx) => setColumnOverride(ctx, PL2_RESULT, "result", { year: 2022, caps: capsFor(wb) }));
    expect(set.overrides).toEqual([{ ...PL2_RESULT, role: "result", year: 2022 }]);
    expect(set.syncs).toBeLessThanOrEqual(3);

    const after = await run(wb, (ctx) => checkWorkbookInExcel(ctx, cat, { lang: "vi", caps: capsFor(wb), now: NOW }));
    expect(after.verdict.ready).toBe(true);
    const col = after.mapping.find((m) => m.appendix === "PL2")!.columns.find((c) => c.col === PL2_RESULT.col)!;
    expect([col.role, col.year, col.by]).toEqual(["result", 2022, "override"]);
    expect(describeMapping(after.mapping[1], "vi")).toContain("D: 2022 (đã sửa)");

    await run(wb, (ctx) => clearMarksInExcel(ctx, { caps: capsFor(wb) }));
    expect((await look(wb)).verdict.ready).toBe(true);

    await saveXlsx(wb, file);
    const reopened = await loadXlsx(file);
    expect((await look(reopened)).verdict.ready).toBe(true);

    const cli = nq24("check", "corrected.xlsx", "--json");
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout).mapping[1].text).toContain("D: 2022 (đã sửa)");
    const copy = nq24("check", "corrected.xlsx", "--out", "corrected-marked.xlsx");
    expect(copy.status).toBe(0);
    expect(nq24("check", "corrected-marked.xlsx").status).toBe(0);
    const province = JSON.parse(nq24("consolidate", "corrected.xlsx", "--json").stdout);
    expect(province.districts[0].ready).toBe(true);

    const cleared = await run(reopened, (ctx) => setColumnOverride(ctx, PL2_RESULT, null, { caps: capsFor(reopened) }));
    expect(cleared.overrides).toEqual([]);
    expect((await look(reopened)).verdict.ready).toBe(false);
  });

  it("'ignore' leaves a column unread, and an override naming no table is reported", () => {
    const snap = generate({ name: "", steps: SEED_GAPS_FILLED }, []).snapshot;
    const ignored = checkWorkbook(snap, cat, { now: NOW, overrides: [{ sheet: "Phụ lục 2", appendix: "PL2", col: 2, role: "ignore" }] });
    expect(ignored.coverage.missingColumns).toEqual([{ appendix: "PL2", role: "baseline" }]);
    expect(ignored.plan.verdict.ready).toBe(false);
    const stray = checkWorkbook(snap, cat, { now: NOW, overrides: [{ sheet: "Sheet9", appendix: "PL2", col: 2, role: "ignore" }] });
    expect(stray.findings.some((f) => f.sheet === "Sheet9")).toBe(true);
  });
});

describe("overrides in NQ24_Meta", () => {
  it("are encoded and decoded, one per column, damaged rows skipped", () => {
    const columns = withOverride(withOverride([], PL2_RESULT, "baseline"), PL2_RESULT, "result", 2023);
    expect(columns).toEqual([{ ...PL2_RESULT, role: "result", year: 2023 }]);
    const rows = encodeMetadata({ ...emptyMetadata(), columns: [...columns, { sheet: "PL 1", appendix: "PL1", col: 5, role: "ignore" }] });
    rows.push(["column", "X", "PL3", "1", "result", "", "", ""], ["column", "X", "PL1", "-1", "result", "", "", ""], ["column", "X", "PL1", "2", "total", "", "", ""]);
    expect(decodeMetadata(rows).columns).toEqual([{ ...PL2_RESULT, role: "result", year: 2023 }, { sheet: "PL 1", appendix: "PL1", col: 5, role: "ignore" }]);
  });
});
