/**
 * scripts/check-reqsets.js: the requirement-set check CI runs over src/. Fed small fixture
 * sources (test/fixtures/reqsets/): an unguarded ExcelApi 1.2 setter must fail, the same
 * uses behind each kind of check it documents must pass, and checks too weak for what they
 * guard must fail.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

interface Use {
  member: string;
  access: string;
  set: string | null;
  version: string | null;
  file: string;
  fn: string;
  line: number;
  status: string;
  proven?: string | null;
}
interface Result {
  floor: Record<string, string>;
  uses: Use[];
  violations: Use[];
  allowed: Use[];
  staleAllow: unknown[];
  ok: boolean;
}
// A plain Node script (CI runs it without TypeScript).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const script = require("../scripts/check-reqsets.js") as {
  checkReqsets(o: { files?: string[]; manifest?: string; allow?: string | null }): Result;
  main(argv: string[], out: { write(s: string): void }, err: { write(s: string): void }): number;
  parseApiSet(text: string): { set: string; read: string; write: string } | null;
  readFloor(file: string): Record<string, string>;
};

const ROOT = join(__dirname, "..");
const FIX = join(__dirname, "fixtures", "reqsets");
const brief = (u: Use) => `${u.fn}: ${u.member} ${u.access} ${u.set} ${u.version}`;

/**
 * The fixtures are read once, in one program (the script keeps the analysis per file set):
 * each test then judges one fixture's uses, against a floor and an allow-list of its own.
 */
function check(name: string, opts: { manifest?: string; allow?: string | null } = {}): Result {
  const all = script.checkReqsets({ files: [FIX], allow: null, ...opts });
  const mine = (u: Use) => u.file === `test/fixtures/reqsets/${name}`;
  const violations = all.violations.filter(mine);
  const allowed = all.allowed.filter(mine);
  return { ...all, uses: all.uses.filter(mine), violations, allowed, ok: violations.length === 0 && all.staleAllow.length === 0 };
}

describe("check-reqsets on fixtures", () => {
  test("an unguarded ExcelApi 1.2 setter fails, with where and what it needs; its 1.1 read does not", () => {
    const r = check("unguarded.ts");
    expect(r.ok).toBe(false);
    expect(r.violations.map((u) => [u.file, u.line, u.fn, u.member, u.access, u.set, u.version])).toEqual([
      ["test/fixtures/reqsets/unguarded.ts", 6, "hideSheet", "Excel.Worksheet.visibility", "write", "ExcelApi", "1.2"],
    ]);
    const read = r.uses.filter((u) => u.fn === "isHidden");
    expect(read.map((u) => [u.member, u.access, u.version, u.status])).toEqual([["Excel.Worksheet.visibility", "read", "1.1", "no request"]]);
  });

  test("the same uses behind each kind of check pass, and each is judged guarded (not skipped)", () => {
    const r = check("guarded.ts");
    expect(r.violations.map(brief)).toEqual([]);
    expect(r.ok).toBe(true);
    const source = readFileSync(join(FIX, "guarded.ts"), "utf8");
    const exported = Array.from(source.matchAll(/export function (\w+)/g)).map((m) => m[1]);
    const guarded = new Set(r.uses.filter((u) => u.status === "guarded").map((u) => u.fn));
    expect(exported.filter((f) => !guarded.has(f))).toEqual([]);
    // Each function's uses above the floor, by what they need.
    const need = (fn: string) => r.uses.filter((u) => u.fn === fn && u.status === "guarded").map((u) => `${u.member} ${u.access} ${u.version}`);
    expect(need("inBranch")).toEqual(["Excel.Worksheet.visibility write 1.2"]);
    expect(need("afterEarlyReturn")).toEqual(["Excel.Worksheet.visibility write 1.2", "Excel.WorksheetProtection.protect call 1.2"]);
    expect(need("inElseOfNegation")).toEqual(["Excel.DataValidation.clear call 1.8"]);
    expect(need("inConditionalAndLogical")).toEqual([
      "Excel.Worksheet.protection load 1.2",
      "Excel.WorksheetProtection.protected load 1.2",
      "Excel.NoteCollection.add call 1.18",
      "Excel.CommentCollection.add call 1.10",
    ]);
    expect(need("byRequirementSet")).toEqual(["Excel.WorksheetFreezePanes.freezeRows call 1.7"]);
    expect(need("byWrapper")).toEqual(["Excel.RangeFormat.columnWidth write 1.2"]);
    expect(need("overGuardedList")).toEqual(["Excel.WorksheetProtection.unprotect call 1.2", "Excel.WorksheetProtection.protect call 1.2"]);
    expect(need("onGuardedObject")).toEqual(["Excel.Range.getMergedAreasOrNullObject call 1.13", "Excel.RangeAreas.address load 1.9"]);
    expect(need("callsTheAnnotated")).toEqual(["hideWhenAllowed() call 1.2"]);
  });

  test("checks too weak for their use, load strings, annotated functions and non-exiting ifs fail", () => {
    const r = check("insufficient.ts");
    expect(r.ok).toBe(false);
    expect(r.violations.map((u) => `${brief(u)} (proven ${u.proven || "nothing"})`)).toEqual([
      "notesBehindProtection: Excel.NoteCollection.add call ExcelApi 1.18 (proven 1.2)",
      "notesBehindEither: Excel.NoteCollection.add call ExcelApi 1.18 (proven 1.10)",
      "loadsProtection: Excel.Worksheet.protection load ExcelApi 1.2 (proven nothing)",
      "loadsProtection: Excel.WorksheetProtection.protected load ExcelApi 1.2 (proven nothing)",
      "callsTheAnnotatedUnguarded: addDropdown() call ExcelApi 1.8 (proven nothing)",
      "afterANonExitingIf: Excel.Worksheet.visibility write ExcelApi 1.2 (proven nothing)",
    ]);
    // Inside the annotated function its own use is covered by the annotation.
    expect(r.uses.filter((u) => u.fn === "addDropdown" && u.access === "call").map((u) => u.status)).toEqual(["guarded"]);
  });

  test("an allow-list entry lets a known violation pass; an entry matching nothing fails", () => {
    const dir = mkdtempSync(join(tmpdir(), "nq24-reqsets-"));
    try {
      const allow = join(dir, "allow.txt");
      writeFileSync(allow, "# known\nExcel.Worksheet.visibility write test/fixtures/reqsets/unguarded.ts#hideSheet   # fixed later\n");
      const ok = check("unguarded.ts", { allow });
      expect([ok.ok, ok.violations.length, ok.allowed.map(brief)]).toEqual([true, 0, ["hideSheet: Excel.Worksheet.visibility write ExcelApi 1.2"]]);

      writeFileSync(allow, "Excel.Worksheet.visibility write test/fixtures/reqsets/unguarded.ts#isHidden\n");
      const wrongFunction = check("unguarded.ts", { allow });
      expect([wrongFunction.ok, wrongFunction.violations.length, wrongFunction.staleAllow.length]).toEqual([false, 1, 1]);

      writeFileSync(allow, "Excel.Worksheet.visibility write\n");
      expect(() => check("unguarded.ts", { allow })).toThrow(/allow\.txt:1: expected/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the floor is the manifest's: with ExcelApi 1.2 declared, the 1.2 setter needs no check", () => {
    expect(script.readFloor(join(ROOT, "manifest.xml"))).toEqual({ ExcelApi: "1.1" });
    const dir = mkdtempSync(join(tmpdir(), "nq24-reqsets-"));
    try {
      const manifest = join(dir, "manifest.xml");
      writeFileSync(manifest, readFileSync(join(ROOT, "manifest.xml"), "utf8").replace('<Set Name="ExcelApi" MinVersion="1.1"/>', '<Set Name="ExcelApi" MinVersion="1.2"/>'));
      const r = check("unguarded.ts", { manifest });
      expect([r.floor, r.ok, r.uses.find((u) => u.fn === "hideSheet")?.status]).toEqual([{ ExcelApi: "1.2" }, true, "floor"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("requirement-set tags: one version, reading and setting, variants", () => {
    expect(script.parseApiSet("[Api set: ExcelApi 1.9]")).toMatchObject({ set: "ExcelApi", read: "1.9", write: "1.9" });
    expect(script.parseApiSet("[Api set: ExcelApi 1.1 for reading visibility; 1.2 for setting it.]")).toMatchObject({ read: "1.1", write: "1.2" });
    expect(script.parseApiSet("[Api set: ExcelApi 1.1 for get, 1.8 for set]")).toMatchObject({ read: "1.1", write: "1.8" });
    expect(script.parseApiSet("[Api set: ExcelApi 1.10 for string, 1.11 for CommentRichContent object]")).toMatchObject({ read: "1.10" });
    expect(script.parseApiSet("no tag here")).toBeNull();
  });

  test("the command line prints the table and exits 1 on a violation, naming file, line and set", () => {
    let out = "";
    let err = "";
    const status = script.main(["node", "check-reqsets.js", "--allow", "none", FIX], { write: (t) => void (out += t) }, { write: (t) => void (err += t) });
    expect(status).toBe(1);
    expect(out).toMatch(/requirement set\s+member\s+access\s+uses\s+status/);
    expect(out).toMatch(/ExcelApi 1\.2\s+Excel\.Worksheet\.visibility\s+write\s+\d+\s+UNGUARDED/);
    expect(err).toContain("test/fixtures/reqsets/unguarded.ts:6:6 (hideSheet): Excel.Worksheet.visibility (write) needs ExcelApi 1.2");
    // Only the fixtures that should fail are named.
    expect(err).not.toContain("reqsets/guarded.ts:");
  });
});
