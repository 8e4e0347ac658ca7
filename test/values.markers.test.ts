/**
 * The published marker table (docs/ARCHITECTURE.md, "Markers") against the parser: every
 * spelling it lists means, in each kind of column, what the table says — and every spelling
 * the parser knows is listed. The table is read from the page, so the two cannot drift apart.
 */
import { readFileSync } from "fs";
import { join } from "path";
import type { ValueKind } from "../src/catalogue/types";
import { parseText, type ValueHint } from "../src/engine/values";
import { MARKERS } from "../src/engine/values/grammar";
import { foldAligned, normaliseText } from "../src/engine/values/text";
import type { ParsedValue } from "../src/engine/types";

const page = readFileSync(join(__dirname, "..", "docs", "ARCHITECTURE.md"), "utf8");
const begin = page.indexOf("<!-- markers:begin -->");
const end = page.indexOf("<!-- markers:end -->");

type Meaning = "no data" | "not applicable" | "yes" | "no";

interface Row {
  spellings: string[];
  yesno: Meaning;
  figure: Meaning;
  other: Meaning;
}

function tableRows(): Row[] {
  const lines = page.slice(begin, end).split("\n").filter((l) => l.startsWith("| `"));
  return lines.map((l) => {
    const cells = l.split(" | ").map((c) => c.replace(/^\| /, "").replace(/ \|$/, "").trim());
    const spellings = Array.from(cells[0].matchAll(/`([^`]+)`/g)).map((m) => m[1]);
    return { spellings, yesno: cells[1] as Meaning, figure: cells[2] as Meaning, other: cells[3] as Meaning };
  });
}

function meaningOf(v: ParsedValue): string {
  switch (v.state) {
    case "noData":
      return "no data";
    case "notApplicable":
      return "not applicable";
    case "yesno":
      return v.yes ? "yes" : "no";
    default:
      return `(${v.state})`;
  }
}

const FIGURE_KINDS: ValueKind[] = ["percent", "area", "count", "money", "countOfTotal", "countDescription"];
const rows = tableRows();
const fold = (s: string) => foldAligned(normaliseText(s));

test("the page has the marker table, with nine rows of spellings", () => {
  expect(begin).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(begin);
  expect(rows.length).toBe(9);
  for (const r of rows) for (const m of [r.yesno, r.figure, r.other]) expect(["no data", "not applicable", "yes", "no"]).toContain(m);
});

describe.each(rows.map((r) => [r.spellings.slice(0, 3).join(" "), r] as const))("%s …", (_name, row) => {
  test.each(row.spellings)("%j means what the table says in each kind of column", (spelling) => {
    const hints: [string, ValueHint | undefined, Meaning][] = [
      ["yes/no", { kind: "yesno" }, row.yesno],
      ...FIGURE_KINDS.map((k): [string, ValueHint, Meaning] => [k, { kind: k }, row.figure]),
      ["text", { kind: "text" }, row.other],
      ["no hint", undefined, row.other],
    ];
    for (const [name, hint, want] of hints) {
      const forms = [spelling, spelling.toUpperCase(), spelling.normalize("NFD"), ` ${spelling} `];
      // A final full stop, a list marker and brackets change nothing (not for the dots themselves).
      if (/[A-Za-zÀ-ÖØ-öø-ỹ]/.test(spelling)) forms.push(`${spelling}.`, `- ${spelling}`, `(${spelling})`);
      for (const f of forms) expect([name, f, meaningOf(parseText(f, hint))]).toEqual([name, f, want]);
    }
  });
});

test("every spelling the parser knows is in the table, and nothing else", () => {
  const listed = new Set(rows.flatMap((r) => r.spellings.map(fold)));
  const known = new Set(MARKERS.flatMap((m) => m[0]));
  expect([...known].filter((w) => !listed.has(w))).toEqual([]);
  expect([...listed].filter((w) => !known.has(w))).toEqual([]);
});

test("the table's meanings are the parser's data, row by row", () => {
  const byWord = new Map<string, string>();
  const word = (r: { state: string; yes?: boolean }) => meaningOf(r as ParsedValue);
  for (const [words, y, f, o] of MARKERS) for (const w of words) byWord.set(w, [word(y), word(f), word(o)].join("|"));
  for (const r of rows) for (const s of r.spellings) expect([s, byWord.get(fold(s))]).toEqual([s, [r.yesno, r.figure, r.other].join("|")]);
});

describe("what the markers are not", () => {
  test.each([
    // Longer cells keep their words as the description.
    ["Không có điểm ô nhiễm", { kind: "percent" }, "not applicable", "điểm ô nhiễm"],
    ["- Không có cơ sở gây ô nhiễm", { kind: "count" }, "not applicable", "cơ sở gây ô nhiễm"],
    ["Không phát sinh chất thải nguy hại", { kind: "yesno" }, "not applicable", "chất thải nguy hại"],
    ["Chưa phát sinh trên địa bàn", { kind: "area" }, "not applicable", "trên địa bàn"],
    ["Không có số liệu năm 2013", { kind: "money" }, "no data", "năm 2013"],
    // In a yes/no indicator an answer with a reason is an answer.
    ["Không có kế hoạch riêng", { kind: "yesno" }, "no", "kế hoạch riêng"],
  ] as [string, ValueHint, Meaning, string][])("%j (%j) is %s", (text, hint, want, description) => {
    const v = parseText(text, hint);
    expect(meaningOf(v)).toBe(want);
    expect(v.description).toBe(description);
  });

  test.each([
    // Words that merely begin like a marker are not one.
    ["Khá", { kind: "percent" }],
    ["xã", { kind: "count" }],
    ["Kết quả tốt", { kind: "percent" }],
    ["NAM", undefined],
    ["kg", { kind: "count" }],
  ] as [string, ValueHint | undefined][])("%j is no marker", (text, hint) => {
    expect(["no data", "not applicable", "yes", "no"]).not.toContain(meaningOf(parseText(text, hint)));
  });

  test("a lone dash is no data, a dash before a number is its sign", () => {
    expect(meaningOf(parseText("-", { kind: "count" }))).toBe("no data");
    expect(parseText("- 5", { kind: "count" })).toMatchObject({ state: "number", measure: { value: -5 } });
  });
});
