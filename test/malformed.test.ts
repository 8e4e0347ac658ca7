/**
 * Odd and broken workbooks (test/helpers/malformed.ts) through both ways in: the add-in on
 * the strict fake of Excel, and the nq24 command line. Neither may crash; each says
 * something (findings, or a refusal naming the file in Vietnamese and English); and no user
 * cell changes (in the fake: value, formula and text of every cell outside the cells the
 * add-in owns; for the command line: the input file's bytes).
 */
import { spawn } from "child_process";
import { createHash } from "crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { cpus } from "os";
import { join } from "path";
import * as ExcelJS from "exceljs";
import { nationalCatalogue } from "../src/catalogue";
import { SHEET_NAMES } from "../src/engine/layout";
import { describeFinding } from "../src/engine/rules";
import { AddinError } from "../src/adapters/office/errors";
import { XlsxError, snapshotFromBytes } from "../src/adapters/xlsx";
import { checkWorkbookInExcel, clearMarksInExcel, insertSheets } from "../src/usecases/office";
import { FakeWorkbook, textOf } from "./fake";
import { capsFor } from "./fake/helpers";
import { buildCli, diffCells, fakeMeta, generateMalformed, inputValuesById, loadCase, malformedCases, ownedCells, snapshotCells, unprotectAll, type MalformedCase } from "./helpers/malformed";

const root = join(__dirname, "..");
// A folder of this run's own: another `npm test` on the same clone regenerates its files
// (with new timestamps inside) and would change the bytes under this run's hash checks.
mkdirSync(join(root, "test-artifacts"), { recursive: true });
const DIR = mkdtempSync(join(root, "test-artifacts", "malformed-"));
const CASES = malformedCases(DIR);
const WORKBOOKS = CASES.filter((c) => c.kind === "workbook");
const IN_FAKE = WORKBOOKS.filter((c) => !c.cliOnly);
const NOT_WORKBOOKS = CASES.filter((c) => c.kind === "notWorkbook");
const cat = nationalCatalogue;
const NOW = new Date("2026-11-28T10:00:00Z");

const figures = { workbooks: 0, nonWorkbooks: 0, fakeFindings: 0, fakeMessages: 0, protectedRefusals: 0, cliRuns: 0, cliFindings: 0, cliRefusals: 0, repaired: 0 };

// ------------------------------------------------------------------ command line

let BIN = "";

interface CliRun {
  code: number | null;
  out: string;
  err: string;
  hashBefore: string;
  hashAfter: string;
}

const sha = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");

function runCli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: DIR, env: { ...process.env, CI: "" } });
    let out = "";
    let err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (err += d));
    p.on("close", (code) => resolve({ code, out, err }));
  });
}

/** Runs jobs with a fixed concurrency, keeping the results in order. */
async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

const langOf = (c: MalformedCase) => (CASES.indexOf(c) % 2 ? "en" : "vi");

/** Every command-line run, started once the files exist; the fake tests run meanwhile. */
let cliRuns: Promise<Map<string, CliRun[]>>;

function startCliRuns(): Promise<Map<string, CliRun[]>> {
  const jobs: { c: MalformedCase; lang: "vi" | "en" }[] = [];
  for (const c of CASES) {
    if (c.kind === "workbook") jobs.push({ c, lang: langOf(c) });
    else jobs.push({ c, lang: "vi" }, { c, lang: "en" });
  }
  const n = Math.max(1, Math.min(3, cpus().length));
  return pool(jobs, n, async ({ c, lang }) => {
    const hashBefore = sha(c.file);
    const r = await runCli(["check", c.file.slice(DIR.length + 1), "--json", "--lang", lang]);
    return { c, run: { ...r, hashBefore, hashAfter: sha(c.file) } };
  }).then((all) => {
    const m = new Map<string, CliRun[]>();
    for (const { c, run } of all) m.set(c.name, (m.get(c.name) ?? []).concat([run]));
    return m;
  });
}

beforeAll(async () => {
  BIN = buildCli(root);
  await generateMalformed(DIR);
  cliRuns = startCliRuns();
  // An unhandled rejection would surface in the tests that await it; keep Node quiet meanwhile.
  cliRuns.catch(() => undefined);
}, 180000);

afterAll(() => {
  rmSync(DIR, { recursive: true, force: true });
  // Shown by `npm test`: how much was thrown at the two paths and what came back.
  console.log(
    [
      `malformed workbooks tried: ${figures.workbooks} (fake and command line), non-workbooks: ${figures.nonWorkbooks}`,
      `add-in path: ${figures.fakeFindings} findings, ${figures.fakeMessages} refusals with a message (${figures.protectedRefusals} of them: sheets protected as the file came), ${figures.repaired} repaired and cleared`,
      `command line: ${figures.cliRuns} runs, ${figures.cliFindings} findings, ${figures.cliRefusals} refusals naming the file`,
    ].join("\n"),
  );
});

test("at least 50 odd workbooks and a handful of non-workbooks", () => {
  expect(WORKBOOKS.length).toBeGreaterThanOrEqual(50);
  expect(NOT_WORKBOOKS.length).toBeGreaterThanOrEqual(5);
  expect(existsSync(CASES[CASES.length - 1].file)).toBe(true);
});

// ------------------------------------------------------------------ add-in, strict fake

function check(wb: FakeWorkbook, lang: "vi" | "en") {
  return wb.run((ctx) => checkWorkbookInExcel(ctx as unknown as Excel.RequestContext, cat, { lang, caps: capsFor(wb), now: NOW }));
}

/** A cell is the add-in's if it was before the step or is after it (a clear gives cells back). */
const either = (a: (k: string) => boolean, b: (k: string) => boolean) => (k: string) => a(k) || b(k);

/** A check that either reports findings or refuses with a bilingual message; never anything else. */
async function checkSays(wb: FakeWorkbook, lang: "vi" | "en"): Promise<{ findings: number; refused?: AddinError }> {
  try {
    const res = await check(wb, lang);
    expect(res.findings.every((f) => describeFinding(f, "vi").message.length > 0 && describeFinding(f, "en").message.length > 0)).toBe(true);
    expect(typeof res.verdict.ready).toBe("boolean");
    figures.fakeFindings += res.findings.length;
    return { findings: res.findings.length };
  } catch (e) {
    expect(e).toBeInstanceOf(AddinError);
    const err = e as AddinError;
    expect(err.text.vi.length).toBeGreaterThan(0);
    expect(err.text.en.length).toBeGreaterThan(0);
    expect(err.text.vi).not.toBe(err.text.en);
    figures.fakeMessages++;
    return { findings: 0, refused: err };
  }
}

describe("add-in on the strict fake", () => {
  test.each(IN_FAKE.map((c) => [c.name, c] as const))("%s: checks without crashing, says something, changes no user cell", async (_n, c) => {
    figures.workbooks++;
    const lang = langOf(c);
    // As the file came: our writer protects its sheets without recording it for the add-in,
    // so a check that must mark a locked cell there is refused, with nothing written.
    const asIs = await loadCase(c.file);
    const before = snapshotCells(asIs);
    const ownedBefore = ownedCells(asIs);
    const first = await checkSays(asIs, lang);
    if (first.refused) {
      expect(["AccessDenied", c.refusedWith]).toContain(first.refused.code);
      if (first.refused.code === "AccessDenied") figures.protectedRefusals++;
    } else expect(first.findings).toBeGreaterThan(0);
    expect(diffCells(before, snapshotCells(asIs), either(ownedBefore, ownedCells(asIs)))).toEqual([]);

    // Once the user has lifted the protection (bar the sheets the case protects itself).
    const wb = await loadCase(c.file);
    unprotectAll(wb, c.keepProtected);
    const open = snapshotCells(wb);
    const ownedOpen = ownedCells(wb);
    const second = await checkSays(wb, lang);
    if (second.refused && c.refusedWith) expect(second.refused.code).toBe(c.refusedWith);
    else if (!c.keepProtected) expect(second.refused).toBeUndefined();
    expect(second.findings + (second.refused ? 1 : 0)).toBeGreaterThan(0);
    expect(diffCells(open, snapshotCells(wb), either(ownedOpen, ownedCells(wb)))).toEqual([]);

    if (!c.repair) return;
    // Repair our sheets, check again, clear the marks: typed values survive each step.
    const typed = inputValuesById(wb);
    await wb.run((ctx) => insertSheets(ctx as unknown as Excel.RequestContext, cat, { cover: true, onExisting: "repair", caps: capsFor(wb) }));
    const repaired = inputValuesById(wb);
    for (const k of Object.keys(typed)) expect([k, repaired[k]]).toEqual([k, typed[k]]);
    const afterRepair = snapshotCells(wb);
    const ownedRepair = ownedCells(wb);
    await check(wb, "vi");
    const ownedChecked = ownedCells(wb);
    await wb.run((ctx) => clearMarksInExcel(ctx as unknown as Excel.RequestContext, { caps: capsFor(wb) }));
    expect(diffCells(afterRepair, snapshotCells(wb), either(ownedRepair, ownedChecked))).toEqual([]);
    // Clearing leaves none of the add-in's status texts behind.
    const meta = fakeMeta(wb);
    for (const s of meta.statusCells ?? []) {
      const sh = wb.sheets.find((x) => x.name === s.sheet);
      const cell = sh ? sh.cells.get(`${s.row},${s.col}`) : undefined;
      expect(cell ? textOf(cell) : "").toBe("");
    }
    figures.repaired++;
  });

  test("a check run twice gives the same findings and still changes no user cell", async () => {
    const c = CASES.find((x) => x.name === "rows-inserted-junk") as MalformedCase;
    const wb = await loadCase(c.file);
    unprotectAll(wb);
    const before = snapshotCells(wb);
    const one = await check(wb, "vi");
    const two = await check(wb, "vi");
    expect(two.findings.map((f) => `${f.code} ${f.sheet}!${f.cell}`)).toEqual(one.findings.map((f) => `${f.code} ${f.sheet}!${f.cell}`));
    expect(diffCells(before, snapshotCells(wb), ownedCells(wb))).toEqual([]);
    expect(wb.sheets.some((s) => s.name === SHEET_NAMES.results)).toBe(true);
  });

  test("a sheet the user named like the results sheet is never written over", async () => {
    const mine = CASES.find((x) => x.name === "results-sheet-by-user") as MalformedCase;
    const wb = await loadCase(mine.file);
    unprotectAll(wb);
    await check(wb, "en");
    expect(wb.cell(SHEET_NAMES.results, "A1").value).toBe("Bảng của người dùng");
    expect(fakeMeta(wb).run.resultsSheet).toBe(`${SHEET_NAMES.results} (2)`);
  });
});

// ------------------------------------------------------------------ command line

describe("nq24 check on the same files", () => {
  test.each(WORKBOOKS.map((c) => [c.name, c] as const))("%s: exit 0 or 1 with findings in JSON, input bytes unchanged", async (_n, c) => {
    const [run] = (await cliRuns).get(c.name) as CliRun[];
    figures.cliRuns++;
    expect(run.hashAfter).toBe(run.hashBefore);
    if (c.cliOnly && run.code === 2) {
      // ExcelJS cannot read it (Excel would offer to repair it): refused by name, no stack trace.
      expect(run.err).toContain(c.file.slice(DIR.length + 1));
      expect(run.err).not.toMatch(/\n\s+at /);
      figures.cliRefusals++;
      return;
    }
    expect({ code: run.code, err: run.err }).toEqual({ code: expect.any(Number), err: expect.any(String) });
    expect([0, 1]).toContain(run.code);
    const j = JSON.parse(run.out) as { findings: { message: string; code: string }[]; ready: boolean };
    expect(j.ready).toBe(run.code === 0);
    expect(j.findings.length).toBeGreaterThan(0);
    expect(j.findings.every((f) => /^NQ24-[EWI]\d{3}$/.test(f.code) && f.message.length > 0)).toBe(true);
    figures.cliFindings += j.findings.length;
  });

  test.each(NOT_WORKBOOKS.map((c) => [c.name, c] as const))("%s: exit 2, refused by name in Vietnamese and English, bytes unchanged", async (_n, c) => {
    figures.nonWorkbooks++;
    const runs = (await cliRuns).get(c.name) as CliRun[];
    expect(runs).toHaveLength(2);
    const name = c.file.slice(DIR.length + 1);
    for (const r of runs) {
      figures.cliRuns++;
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err).toContain(name);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.hashAfter).toBe(r.hashBefore);
      figures.cliRefusals++;
    }
    // The two languages say different things.
    expect(runs[0].err).not.toBe(runs[1].err);
    // And the same guard serves the task pane's picked files: a bilingual XlsxError, no crash.
    const err = await snapshotFromBytes(ExcelJS, readFileSync(c.file), { name }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(XlsxError);
    const x = err as XlsxError;
    expect(x.file).toBe(name);
    expect(x.vi).not.toBe(x.en);
  });
});
