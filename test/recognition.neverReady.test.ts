/**
 * Never a false "ready": the seed laid out as pasted, its gaps filled, is ready to send;
 * with any one required table or column removed, a period column's header made
 * unreadable, or an indicator's row left out, the verdict is never ready — in the engine
 * and in `nq24 check`'s exit code — and a missing column is an error naming what was
 * looked for. (The targets are the catalogue's, so a table without its target column is
 * still read in full.)
 */
import { execFileSync, spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { nationalCatalogue } from "../src/catalogue";
import { checkWorkbook } from "../src/engine/check";
import { describeFinding } from "../src/engine/rules";
import { dropColumn, dropRow, dropTable, generate, renameColumn, SEED_GAPS_FILLED, type Step } from "./corpus/layouts";
import { layoutXlsx } from "./corpus/xlsx";

const root = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "nq24-ready-"));
const NOW = new Date("2023-05-20T08:00:00Z");
const check = (steps: Step[]) => checkWorkbook(generate({ name: "", steps: [...SEED_GAPS_FILLED, ...steps] }, []).snapshot, nationalCatalogue, { now: NOW });

const CASES: [string, Step, string | null][] = [
  ["Phụ lục 1 removed", dropTable("PL1"), null],
  ["Phụ lục 2 removed", dropTable("PL2"), null],
  ["PL1 label column removed", dropColumn("PL1", "label"), null],
  ["PL2 label column removed", dropColumn("PL2", "label"), null],
  ["PL1 2013 column removed", dropColumn("PL1", "baseline"), "baseline"],
  ["PL1 2022 column removed", dropColumn("PL1", "result"), "result"],
  ["PL2 2013 column removed", dropColumn("PL2", "baseline"), "baseline"],
  ["PL2 2022 column removed", dropColumn("PL2", "result"), "result"],
  ["PL1 2013 header unreadable", renameColumn("PL1", "baseline", "Số liệu"), "baseline"],
  ["PL1 2022 header unreadable", renameColumn("PL1", "result", "Cột 5"), "result"],
  ["PL2 2013 header unreadable", renameColumn("PL2", "baseline", "Kỳ đầu"), "baseline"],
  ["PL2 2022 header unreadable", renameColumn("PL2", "result", "Kỳ cuối"), "result"],
  ["PL2 2022 header another period", renameColumn("PL2", "result", "Năm 2035"), "result"],
  ["a PL1 indicator's row removed", dropRow("PL1-22"), null],
  ["a PL2 indicator's row removed", dropRow("PL2-120"), null],
];

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.node.json")], { cwd: root, stdio: "inherit" });
  writeFileSync(join(dir, "ready.xlsx"), await layoutXlsx(generate({ name: "", steps: SEED_GAPS_FILLED }, []).snapshot));
  for (const [name, step] of CASES) writeFileSync(join(dir, `${CASES.findIndex((c) => c[0] === name)}.xlsx`), await layoutXlsx(generate({ name, steps: [...SEED_GAPS_FILLED, step] }, []).snapshot));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const nq24 = (file: string) => spawnSync(process.execPath, [join(root, "bin", "nq24.js"), "check", join(dir, file)], { encoding: "utf8", env: { ...process.env, CI: "" } });

it("the seed as pasted, its gaps filled, is ready (so each case below fails only by what it removes)", () => {
  const r = check([]);
  expect(r.plan.verdict.counts.error).toBe(0);
  expect(r.coverage.complete).toBe(true);
  expect(r.plan.verdict.ready).toBe(true);
  expect(nq24("ready.xlsx").status).toBe(0);
});

describe.each(CASES.map((c, i) => [c[0], c[1], c[2], i] as const))("%s", (_name, step, role, i) => {
  const r = check([step]);

  it("is never ready, and says what could not be read", () => {
    expect(r.plan.verdict.ready).toBe(false);
    expect(r.coverage.complete).toBe(false);
    // Errors come first in the message; what went unread is said when nothing else is wrong.
    expect(r.plan.verdict.message.en).toMatch(/could not read|errors to fix/);
  });

  if (role) {
    it("is an error naming the column and what was looked for", () => {
      const f = r.findings.find((x) => x.severity === "error" && (x.params as { role?: string }).role === role && /lookedFor/.test(JSON.stringify(x.params)));
      expect(f).toBeDefined();
      const text = describeFinding(f!, "vi");
      expect(text.message).toMatch(role === "baseline" ? /2013/ : role === "result" ? /2022/ : /2020/);
    });
  }

  it("exits 1 from nq24 check", () => {
    const out = nq24(`${i}.xlsx`);
    expect([out.status, out.stdout]).toEqual([1, expect.stringContaining("✖")]);
  });
});
