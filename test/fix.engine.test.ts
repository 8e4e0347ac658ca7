/**
 * One-click fixes in the engine, table-driven: each case plants a cell in the Lai Châu
 * sample, checks, and expects the finding, its fix (what is written, in which form, how
 * sure) or no fix at all. Then the property that matters: applying a fix and checking again
 * removes its finding and adds no error.
 */
import fc from "fast-check";
import { a1, columnIndex } from "../src/engine/layout";
import { applyFixesToSnapshot, fixForFinding, fixText, planFixes, vietnameseForm, type Fix } from "../src/engine/fix";
import { ruleByCode, RULE_FAMILIES } from "../src/engine/rules";
import { FIXERS } from "../src/engine/fix/fixers";
import type { CellValue, Finding, WorkbookSnapshot } from "../src/engine/types";
import { check, numbersColumn, place, sampleSnapshot, setCell, type Planted } from "./helpers/fixable";

type Role = "baseline" | "result";

interface Case {
  name: string;
  id: string;
  role: Role;
  /** Turn the column into real numbers first (with this number format). */
  numbers?: string;
  plant: Planted;
  /** Plant the row's note too. */
  note?: string;
  /** Other cells to plant first: another row's figure, or this row's unit (ĐVT). */
  others?: { id: string; role: Role | "unit"; value: string }[];
  code: string;
  /** null: the finding fires and no fix is offered. */
  fix: null | { value: CellValue; numberFormat?: string; certainty: Fix["certainty"]; alternatives?: CellValue[]; noteAfter?: string };
}

const CASES: Case[] = [
  { name: "a number stored as text among numbers → the number", id: "PL2-046", role: "result", numbers: "General", plant: { value: "1.234,5" }, code: "NQ24-I050", fix: { value: 1234.5, certainty: "certain" } },
  { name: "thousands with spaces and a non-breaking space", id: "PL2-046", role: "result", numbers: "#,##0.00", plant: { value: " 1\u00a0234,5 " }, code: "NQ24-I050", fix: { value: 1234.5, certainty: "certain" } },
  { name: "the unit typed in the cell (25 ha in an area in ha) → 25", id: "PL2-046", role: "result", numbers: "General", plant: { value: "25 ha" }, code: "NQ24-I050", fix: { value: 25, certainty: "certain" } },
  { name: "money typed in tỉ đồng in a column in triệu đồng → converted", id: "PL1-02", role: "result", numbers: "General", plant: { value: "1,6 tỉ đồng" }, code: "NQ24-I050", fix: { value: 1600, certainty: "certain" } },
  { name: "a percentage typed as text among percent-formatted shares → the share, same format", id: "PL1-20", role: "result", numbers: "0.0%", plant: { value: "27,5%" }, code: "NQ24-I050", fix: { value: 0.275, certainty: "certain" } },
  { name: "a percentage typed as text among plain numbers → 27,5", id: "PL1-20", role: "result", numbers: "General", plant: { value: "27,5%" }, code: "NQ24-I050", fix: { value: 27.5, certainty: "certain" } },
  { name: "an English decimal point in a text column → the Vietnamese way, still text", id: "PL2-046", role: "result", plant: { value: "3062.43 ha" }, code: "NQ24-I051", fix: { value: "3.062,43 ha", certainty: "certain" } },
  { name: "an English thousands comma and decimal point", id: "PL2-046", role: "baseline", plant: { value: "2,570.52" }, code: "NQ24-I051", fix: { value: "2.570,52", certainty: "certain" } },
  { name: "stray spaces around a text value", id: "PL1-20", role: "result", plant: { value: "\u00a0100  " }, code: "NQ24-I052", fix: { value: "100", certainty: "certain" } },
  { name: "“2/2” that Excel made a date → the text 2/2, text format", id: "PL1-20", role: "result", plant: { value: 44959, numberFormat: "d-mmm", text: "2-Feb" }, code: "NQ24-E019", fix: { value: "2/2", numberFormat: "@", certainty: "certain" } },
  { name: "“2/3” made a date: likely, both orders offered (day first)", id: "PL2-046", role: "result", plant: { value: 44987, numberFormat: "dd/mm", text: "02/03" }, code: "NQ24-E019", fix: { value: "2/3", numberFormat: "@", certainty: "likely", alternatives: ["3/2"] } },
  { name: "a date made from 12/5 in a share: the count first (5 of 12)", id: "PL1-20", role: "result", plant: { value: 45058, numberFormat: "d-mmm", text: "12-May" }, code: "NQ24-E019", fix: { value: "5/12", numberFormat: "@", certainty: "likely", alternatives: ["12/5"] } },
  { name: "an area typed in km² among numbers in ha → converted", id: "PL2-046", role: "result", numbers: "General", plant: { value: "30,62432 km2" }, code: "NQ24-I050", fix: { value: 3062.432, certainty: "certain" } },
  { name: "a fraction in a percentage column whose shares are written 0–100 → 27,5, likely, 0,275% offered", id: "PL1-20", role: "result", plant: { value: "0,275" }, code: "NQ24-W040", fix: { value: "27,5", certainty: "likely", alternatives: ["0,275%"] } },
  { name: "a figure in triệu đồng under a declared “Tỷ đồng” → converted to the declared unit", id: "PL1-02", role: "baseline", plant: { value: "585 triệu đồng" }, others: [{ id: "PL1-02", role: "unit", value: "Tỷ đồng" }], code: "NQ24-I042", fix: { value: "0,585", certainty: "certain" } },
  { name: "words typed in a figure cell → moved to the empty note cell", id: "PL1-20", role: "result", plant: { value: "Đang triển khai thực hiện" }, code: "NQ24-W003", fix: { value: null, certainty: "likely", noteAfter: "Đang triển khai thực hiện" } },
  // No fix: ambiguous, a whole date, a note cell already written, a text column kept as text.
  { name: "a fraction among shares written as fractions: which reading is likely is unknown, no fix", id: "PL1-20", role: "result", plant: { value: "0,275" }, others: [{ id: "PL1-15", role: "result", value: "0,9" }, { id: "PL1-16", role: "result", value: "0,8" }], code: "NQ24-W040", fix: null },
  { name: "1.234 reads two ways: no fix", id: "PL2-046", role: "result", plant: { value: "1.234" }, code: "NQ24-W006", fix: null },
  { name: "a real date (with its year): no fix", id: "PL1-20", role: "result", plant: { value: 44959, numberFormat: "dd/mm/yyyy", text: "02/02/2023" }, code: "NQ24-E019", fix: null },
  { name: "words in a figure cell while the note holds the user's text: never overwritten", id: "PL1-20", role: "result", plant: { value: "Đang triển khai thực hiện" }, note: "Số liệu của Sở", code: "NQ24-W003", fix: null },
];

function findingAt(findings: Finding[], code: string, sheet: string, row: number, col: number): Finding | undefined {
  return findings.find((f) => f.code === code && f.sheet === sheet && f.row === row && f.col === col);
}

function prepare(c: Case): { snapshot: WorkbookSnapshot; at: { sheet: string; row: number; col: number } } {
  const snapshot = sampleSnapshot();
  const appendix = c.id.slice(0, 3) as "PL1" | "PL2";
  if (c.numbers) numbersColumn(snapshot, appendix, c.role, c.numbers);
  for (const o of c.others ?? []) {
    const a = o.role === "unit" ? { ...place(snapshot, o.id, "result"), col: columnIndex(o.id.slice(0, 3) as "PL1" | "PL2", "unit") } : place(snapshot, o.id, o.role);
    setCell(snapshot, a.sheet, a.row, a.col, { value: o.value });
  }
  const at = place(snapshot, c.id, c.role);
  setCell(snapshot, at.sheet, at.row, at.col, c.plant);
  const n = place(snapshot, c.id, "note");
  setCell(snapshot, n.sheet, n.row, n.col, { value: c.note ?? null });
  return { snapshot, at };
}

describe.each(CASES)("$name", (c) => {
  const { snapshot, at } = prepare(c);
  const result = check(snapshot);
  const finding = findingAt(result.findings, c.code, at.sheet, at.row, at.col);

  test(`fires ${c.code} at its cell`, () => {
    expect(finding).toBeDefined();
  });

  test(c.fix ? "offers the fix" : "offers no fix", () => {
    const fx = fixForFinding(snapshot, result, finding as Finding);
    if (!c.fix) {
      expect(fx).toBeNull();
      return;
    }
    expect(fx).not.toBeNull();
    const f = fx as Fix;
    expect({ sheet: f.sheet, cell: f.cell, code: f.code }).toEqual({ sheet: at.sheet, cell: a1(at.row, at.col), code: c.code });
    expect(f.before.value).toEqual(c.plant.value);
    expect(f.after.value).toEqual(c.fix.value);
    if (c.fix.numberFormat) expect(f.after.numberFormat).toBe(c.fix.numberFormat);
    expect(f.certainty).toBe(c.fix.certainty);
    expect((f.alternatives ?? []).map((a) => a.value)).toEqual(c.fix.alternatives ?? []);
    if (c.fix.noteAfter !== undefined) expect(f.also?.after.value).toBe(c.fix.noteAfter);
    else expect(f.also).toBeUndefined();
    // The preview names the cell, what it holds and what it will hold.
    const line = fixText(f, "vi").line;
    expect(line).toContain(`${at.sheet}!${a1(at.row, at.col)}`);
    expect(line).toContain("→");
  });

  if (c.fix) {
    test("applied and checked again: the finding is gone, no error added, no other cell changed", () => {
      const fx = fixForFinding(snapshot, result, finding as Finding) as Fix;
      const fixed = applyFixesToSnapshot(snapshot, [fx]);
      const again = check(fixed);
      expect(findingAt(again.findings, c.code, at.sheet, at.row, at.col)).toBeUndefined();
      const errors = (r: typeof result) => r.findings.filter((f) => f.severity === "error").map((f) => `${f.code}@${f.sheet}!${f.cell}`).sort();
      expect(errors(again).filter((e) => errors(result).indexOf(e) < 0)).toEqual([]);
      // The input snapshot is untouched, and only the fix's cells differ.
      expect(changedCells(snapshot, fixed)).toEqual([`${fx.sheet}!${fx.cell}`, ...(fx.also ? [`${fx.also.sheet}!${fx.also.cell}`] : [])].sort());
    });
  }
});

function changedCells(a: WorkbookSnapshot, b: WorkbookSnapshot): string[] {
  const out: string[] = [];
  a.sheets.forEach((s, k) => {
    const t = b.sheets[k];
    const rows = Math.max(s.values.length, t.values.length);
    for (let i = 0; i < rows; i++) {
      const w = Math.max(s.values[i]?.length ?? 0, t.values[i]?.length ?? 0);
      for (let j = 0; j < w; j++) {
        const x = s.values[i]?.[j] ?? "";
        const y = t.values[i]?.[j] ?? "";
        if (x !== y || (s.numberFormats[i]?.[j] ?? "General") !== (t.numberFormats[i]?.[j] ?? "General")) out.push(`${s.name}!${a1(i + s.origin.row, j + s.origin.col)}`);
      }
    }
  });
  return out.sort();
}

test("the sample as it ships has no fixable finding, and no stray fix", () => {
  const snapshot = sampleSnapshot();
  expect(planFixes(snapshot, check(snapshot))).toEqual([]);
});

test("every rule that names a fix has a fixer, and every fixer is named by a rule", () => {
  const named = new Set<string>();
  for (const fam of RULE_FAMILIES) for (const r of fam.rules) if (r.autofix) named.add(r.autofix);
  for (const k of named) expect(FIXERS[k as keyof typeof FIXERS]).toBeDefined();
  for (const k of Object.keys(FIXERS)) if (FIXERS[k as keyof typeof FIXERS]) expect(named.has(k)).toBe(true);
  expect(ruleByCode("NQ24-E019")?.autofix).toBe("dateText");
});

test("planFixes: one fix per cell, filtered by rule code", () => {
  const snapshot = sampleSnapshot();
  numbersColumn(snapshot, "PL2", "result");
  const a = place(snapshot, "PL2-046", "result");
  const b = place(snapshot, "PL2-017", "result");
  setCell(snapshot, a.sheet, a.row, a.col, { value: "3.062,432" });
  setCell(snapshot, b.sheet, b.row, b.col, { value: "2.179,49 ha" });
  const d = place(snapshot, "PL1-20", "result");
  setCell(snapshot, d.sheet, d.row, d.col, { value: 44959, numberFormat: "d/m", text: "2/2" });
  const result = check(snapshot);
  const all = planFixes(snapshot, result);
  expect(all.map((f) => `${f.code} ${f.cell}`).sort()).toEqual([`NQ24-E019 ${a1(d.row, d.col)}`, `NQ24-I050 ${a1(a.row, a.col)}`, `NQ24-I050 ${a1(b.row, b.col)}`].sort());
  expect(planFixes(snapshot, result, ["NQ24-E019"]).map((f) => f.code)).toEqual(["NQ24-E019"]);
  const fixed = check(applyFixesToSnapshot(snapshot, all));
  expect(planFixes(applyFixesToSnapshot(snapshot, all), fixed)).toEqual([]);
});

test("vietnameseForm rewrites only what the parser reads the English way, one way", () => {
  expect(vietnameseForm("27.5")).toBe("27,5");
  expect(vietnameseForm("27.50%")).toBe("27,50%");
  expect(vietnameseForm("1,234.5 ha")).toBe("1.234,5 ha");
  expect(vietnameseForm("1.234")).toBeUndefined();
  expect(vietnameseForm("1,5")).toBeUndefined();
  expect(vietnameseForm("2.5 và 3.5")).toBeUndefined();
});

describe("property: a fixed figure reads as the same figure, and the finding does not come back", () => {
  const snapshot0 = sampleSnapshot();
  numbersColumn(snapshot0, "PL2", "result");
  const at = place(snapshot0, "PL2-046", "result");
  const viText = (n: number, d: number) => {
    const [i, f] = n.toFixed(d).split(".");
    return i.replace(/\B(?=(\d{3})+(?!\d))/g, ".") + (f ? "," + f : "");
  };
  test("numbers stored as text in the Vietnamese way, with spaces and a unit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99999999 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom("", " ha", "ha", " ", "\u00a0"), fc.constantFrom("", " "), (cents, d, unit, lead) => {
        const n = cents / 100;
        const typed = lead + viText(n, d) + unit;
        const snapshot = JSON.parse(JSON.stringify(snapshot0)) as WorkbookSnapshot;
        setCell(snapshot, at.sheet, at.row, at.col, { value: typed });
        const result = check(snapshot);
        const f = findingAt(result.findings, "NQ24-I050", at.sheet, at.row, at.col);
        if (!f) return result.findings.some((x) => x.code === "NQ24-W006" && x.row === at.row && x.col === at.col);
        const fx = fixForFinding(snapshot, result, f) as Fix;
        expect(fx.after.value).toBeCloseTo(Number(n.toFixed(d)), 9);
        const again = check(applyFixesToSnapshot(snapshot, [fx]));
        const here = (r: typeof result) => r.findings.filter((x) => x.row === at.row && x.col === at.col && x.sheet === at.sheet).map((x) => x.code);
        expect(here(again)).toEqual(here(result).filter((code) => code !== "NQ24-I050"));
        expect(again.findings.filter((x) => x.severity === "error").length).toBeLessThanOrEqual(result.findings.filter((x) => x.severity === "error").length);
        return true;
      }),
      { numRuns: 60 },
    );
  });
});
