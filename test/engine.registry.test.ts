/**
 * The rule registry: one list of rule families, README's table generated from it, and
 * findings that keep their parameters as plain data and get their words where shown.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { laiChauSample, nationalCatalogue, sampleFillValues } from "../src/catalogue";
import { checkWorkbook } from "../src/engine/check";
import { buildWorkbookTemplate, templateToSnapshot } from "../src/engine/layout";
import { describeFinding, findingTexts, RULE_FAMILIES, RULE_TABLE_BEGIN, RULE_TABLE_END, ruleByCode, ruleCatalogue, withRuleTable } from "../src/engine/rules";
import type { Finding } from "../src/engine/types";

const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");

describe("README's rule table", () => {
  test("is the registry's table (run `npm run rules:readme` after changing a rule)", () => {
    expect(readme.indexOf(RULE_TABLE_BEGIN)).toBeGreaterThan(0);
    expect(readme.indexOf(RULE_TABLE_END)).toBeGreaterThan(readme.indexOf(RULE_TABLE_BEGIN));
    expect(withRuleTable(readme)).toBe(readme);
  });

  test("lists every enrolled code once, in the order of their numbers", () => {
    const table = readme.slice(readme.indexOf(RULE_TABLE_BEGIN), readme.indexOf(RULE_TABLE_END));
    const codes = Array.from(table.matchAll(/^\| (NQ24-[EWI]\d{3}) \|/gm)).map((m) => m[1]);
    const enrolled = RULE_FAMILIES.flatMap((f) => f.rules.map((r) => r.code));
    expect([...codes].sort()).toEqual([...enrolled].sort());
    expect(codes.map((c) => Number(c.slice(-3)))).toEqual([...codes.map((c) => Number(c.slice(-3)))].sort((a, b) => a - b));
  });

  test("a changed rule makes the comparison fail", () => {
    const stale = readme.replace("| NQ24-E010 | error |", "| NQ24-E010 | warning |");
    expect(stale).not.toBe(readme);
    expect(withRuleTable(stale)).toBe(readme);
  });
});

describe("the registry", () => {
  test("families name their files, and every rule has a unique code, a summary and a bilingual title", () => {
    for (const f of RULE_FAMILIES) {
      expect(() => readFileSync(join(__dirname, "..", f.file))).not.toThrow();
      expect(f.rules.length).toBeGreaterThan(0);
    }
    const all = ruleCatalogue();
    expect(new Set(all.map((r) => r.code)).size).toBe(all.length);
    for (const r of all) {
      expect(r.code).toMatch(/^NQ24-[EWI]\d{3}$/);
      expect(r.code.charAt(5)).toBe({ error: "E", warning: "W", info: "I" }[r.severity]);
      expect(r.summary.length).toBeGreaterThan(5);
      expect(r.title.vi.length * r.title.en.length).toBeGreaterThan(0);
      expect(ruleByCode(r.code)?.code).toBe(r.code);
    }
  });
});

describe("findings carry parameters, not text", () => {
  const snapshot = templateToSnapshot(buildWorkbookTemplate(nationalCatalogue, laiChauSample.cover, sampleFillValues()));
  const result = checkWorkbook(snapshot, nationalCatalogue, { now: new Date(0) });

  test("every finding's code letter names its severity (a baseline gap is NQ24-W001, not a downgraded E001)", () => {
    const letter = { error: "E", warning: "W", info: "I" };
    expect(result.findings.filter((f) => f.code.charAt(5) !== letter[f.severity]).map((f) => f.code + " " + f.severity)).toEqual([]);
    expect(result.findings.some((f) => f.code === "NQ24-W001" && f.severity === "warning")).toBe(true);
  });

  test("a finding is plain JSON: it survives a round trip and says the same afterwards", () => {
    expect(result.findings.length).toBeGreaterThan(20);
    const copy = JSON.parse(JSON.stringify(result.findings)) as Finding[];
    expect(copy).toEqual(result.findings);
    copy.forEach((f, i) => expect(findingTexts(f)).toEqual(findingTexts(result.findings[i])));
    for (const f of result.findings) expect(Object.keys(f).sort()).not.toContain("message");
  });

  test("every finding of the sample has words in both languages, and the results sheet shows them", () => {
    const rows = result.plan.results.rows;
    result.findings.forEach((f, i) => {
      const vi = describeFinding(f, "vi");
      const en = describeFinding(f, "en");
      expect(vi.message.length).toBeGreaterThan(10);
      expect(en.message.length).toBeGreaterThan(10);
      expect(rows[i].cells[5]).toBe(vi.message);
      expect(rows[i].cells[6]).toBe(vi.fix ?? "");
    });
  });

  test("a missing value's words, from its parameters", () => {
    const f: Finding = { code: "NQ24-E001", severity: "error", sheet: "Phụ lục 1", cell: "F9", params: { label: "Độ che phủ rừng", role: "result", year: 2022 } };
    expect(describeFinding(f, "vi")).toEqual({
      title: "Thiếu số liệu",
      message: "Chưa nhập số liệu 2022 cho chỉ tiêu “Độ che phủ rừng”.",
      fix: "Nhập số liệu; nếu không có số liệu, ghi “-” và giải thích ở cột Ghi chú; nếu không có đối tượng này, ghi “Không có”.",
    });
    expect(describeFinding({ ...f, params: { ...f.params, role: "baseline", year: 2015 } }, "en").message).toBe("No 2015 value entered for “Độ che phủ rừng”.");
  });

  test("a code this version does not know, or parameters its rule cannot use, still give words and never throw", () => {
    const unknown: Finding = { code: "NQ24-E999", severity: "error", sheet: "Phụ lục 1", cell: "A1", params: {} };
    expect(describeFinding(unknown, "vi")).toEqual({ title: "NQ24-E999", message: "NQ24-E999" });
    const garbled: Finding = { code: "NQ24-I001", severity: "info", sheet: "Phụ lục 1", cell: "A1", params: { cells: 3 } };
    expect(describeFinding(garbled, "en")).toEqual({ title: "Blank, explained by a note", message: "Blank, explained by a note" });
  });
});
