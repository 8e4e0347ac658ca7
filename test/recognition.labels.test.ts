/**
 * Labels as staff write them: every indicator's label reworded and abbreviated in many ways
 * (generated from the label) and by hand, in a whole table and alone. A row matches its own
 * indicator or nothing — never another one. Abbreviations come from the national table and
 * from a province's catalogue.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { nationalCatalogue, NATIONAL_ABBREVIATIONS, parseCatalogue, validateCatalogue } from "../src/catalogue";
import { isIndicator, type Catalogue, type IndicatorRow } from "../src/catalogue/types";
import { periodsOf } from "../src/catalogue/periods";
import { checkWorkbook } from "../src/engine/check";
import { indexCatalogue, labelKey, locateTables, matchRows, recognizeWorkbook } from "../src/engine/recognize";
import type { SheetSnapshot } from "../src/engine/types";
import { HAND_WRITTEN, rewordings, type Rewording } from "./helpers/rewording";
import { gridToSheet } from "./helpers/snapshot";

const cat = nationalCatalogue;
const idx = indexCatalogue(cat);
const periods = periodsOf(cat);
const indicators = (a: "PL1" | "PL2") => cat.rows.filter((r): r is IndicatorRow => r.appendix === a && isIndicator(r));
const ALL = [...indicators("PL1"), ...indicators("PL2")];

/** A table laid out as provinces do, each row a label with a value, headings between as in the catalogue. */
function table(appendix: "PL1" | "PL2", labels: Map<string, string>, only?: Set<string>): { sheet: SheetSnapshot; rowOf: Map<number, string> } {
  const header = appendix === "PL1" ? ["TT", "Chỉ tiêu", "Mục tiêu đến năm 2020", "Năm 2013", "Năm 2022", "Ghi chú"] : ["TT", "Nội dung chỉ tiêu", "Năm 2013", "Năm 2022", "Ghi chú"];
  const grid: (string | null)[][] = [[appendix === "PL1" ? "PHỤ LỤC 1" : "PHỤ LỤC 2"], header];
  const rowOf = new Map<number, string>();
  for (const r of cat.rows) {
    if (r.appendix !== appendix || (only && !only.has(r.id))) continue;
    if (!isIndicator(r)) {
      grid.push([r.stt, r.labelVi]);
      continue;
    }
    rowOf.set(grid.length, r.id);
    grid.push(appendix === "PL1" ? ["", labels.get(r.id) ?? r.labelVi, "", "1", "2", ""] : ["", labels.get(r.id) ?? r.labelVi, "1", "2", ""]);
  }
  return { sheet: gridToSheet(appendix === "PL1" ? "Bieu 1" : "Bieu 2", grid), rowOf };
}

/** Row → indicator matched, by recognition alone. */
function matched(sheet: SheetSnapshot): Map<number, string> {
  const out = new Map<number, string>();
  for (const c of recognizeWorkbook({ sheets: [sheet] }, idx, periods)) for (const m of c.outcome.matches) out.set(m.row, m.indicatorId);
  return out;
}

/**
 * Row → indicator matched within a known appendix: the rows alone, without deciding which
 * appendix the table is (the whole-table tests above do that), so thousands of tables stay quick.
 */
function matchedIn(sheet: SheetSnapshot, appendix: "PL1" | "PL2"): Map<number, string> {
  const out = new Map<number, string>();
  for (const t of locateTables({ sheets: [sheet] }, periods)) for (const m of matchRows(sheet, t, idx, new Set(), appendix).matches) out.set(m.row, m.indicatorId);
  return out;
}

/** Indicators whose catalogue labels are the same words (wind, solar and biomass "+ Tổng số dự án…"): alone, one is as right as another. */
const twins = (id: string) => {
  // The same words once filler is dropped ("… đã đi vào hoạt động" and "… đi vào hoạt động").
  const k = idx.entryById.get(id)!.keys.map((x) => x.loose);
  return ALL.filter((r) => r.id !== id && idx.entryById.get(r.id)!.keys.some((x) => k.indexOf(x.loose) >= 0)).map((r) => r.id);
};

const variants = new Map<string, Rewording[]>(ALL.map((r) => [r.id, rewordings(r, NATIONAL_ABBREVIATIONS)]));
const KINDS = variants.get(ALL[0].id)!.map((v) => v.kind);
/** Rewordings that only change how the same words are written: each must be recognised. */
const MUST_RECOGNISE = ["abbreviated", "no diacritics", "capitals", "numbered", "lettered", "unit in brackets", "abbreviated, no diacritics, capitals"];

describe("every label reworded, the whole table at once", () => {
  const recognised: Record<string, number> = {};
  const wrong: string[] = [];
  for (const kind of KINDS) {
    for (const appendix of ["PL1", "PL2"] as const) {
      const labels = new Map<string, string>();
      for (const r of indicators(appendix)) labels.set(r.id, variants.get(r.id)!.find((v) => v.kind === kind)!.text);
      const { sheet, rowOf } = table(appendix, labels);
      const got = matched(sheet);
      rowOf.forEach((id, row) => {
        const m = got.get(row);
        if (m === id) recognised[kind] = (recognised[kind] ?? 0) + 1;
        else if (m !== undefined) wrong.push(`${kind}: “${labels.get(id)}” (${id}) read as ${m}`);
      });
    }
  }

  it("never gives a row another indicator", () => {
    expect(wrong).toEqual([]);
  });

  it.each(MUST_RECOGNISE)("recognises every label %s", (kind) => {
    expect(recognised[kind]).toBe(ALL.length);
  });

  it("recognises most labels with a slip, cut short or a near-synonym (the rest are left unmatched, never guessed)", () => {
    const rates = KINDS.map((k) => `${k}: ${recognised[k] ?? 0}/${ALL.length}`);
    // Printed for the record; the floor keeps the matcher from becoming timid.
    console.log(`recognised by rewording — ${rates.join("; ")}`);
    const total = KINDS.reduce((n, k) => n + (recognised[k] ?? 0), 0);
    expect(total / (KINDS.length * ALL.length)).toBeGreaterThan(0.9);
  });
});

describe("every label reworded, one row at a time among the others", () => {
  it("gives the reworded row its own indicator or none, and leaves the other rows as they were", () => {
    const wrong: string[] = [];
    for (const appendix of ["PL1", "PL2"] as const) {
      for (const r of indicators(appendix)) {
        // Only rewordings that change words: the others are each recognised in every row at once (above).
        for (const v of variants.get(r.id)!.filter((x) => MUST_RECOGNISE.indexOf(x.kind) < 0)) {
          const { sheet, rowOf } = table(appendix, new Map([[r.id, v.text]]));
          const got = matchedIn(sheet, appendix);
          rowOf.forEach((id, row) => {
            const m = got.get(row);
            if (id === r.id ? m !== undefined && m !== id : m !== id) wrong.push(`${v.kind}: “${v.text}” (${r.id}) → row of ${id} read as ${m ?? "nothing"}`);
          });
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("every label reworded, alone in a table", () => {
  it("is its own indicator, one with the very same words, or none", () => {
    const wrong: string[] = [];
    for (const appendix of ["PL1", "PL2"] as const) {
      for (const r of indicators(appendix)) {
        for (const v of variants.get(r.id)!) {
          const { sheet, rowOf } = table(appendix, new Map([[r.id, v.text]]), new Set([r.id]));
          const row = Array.from(rowOf.keys())[0];
          const m = matchedIn(sheet, appendix).get(row);
          if (m !== undefined && m !== r.id && twins(r.id).indexOf(m) < 0) wrong.push(`${v.kind}: “${v.text}” (${r.id}) read as ${m}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("labels written by hand", () => {
  it.each(HAND_WRITTEN)("“%s” → %s", (label, expected) => {
    const appendix = expected ? (expected.slice(0, 3) as "PL1" | "PL2") : "PL2";
    const grid = [["STT", "Chỉ tiêu", "Năm 2013", "Năm 2022", "Ghi chú"], ["1", label, "5", "6", ""]];
    const sheet = gridToSheet(appendix === "PL1" ? "PL01" : "PL02", grid);
    const m = recognizeWorkbook({ sheets: [sheet] }, idx, periods).flatMap((c) => (c.t.table.appendix === appendix ? c.outcome.matches : []));
    expect(m.map((x) => x.indicatorId)).toEqual(expected ? [expected] : []);
  });

  it("spells out what the seed abbreviates, the same on both sides", () => {
    expect(labelKey("Tỷ lệ KCN có hệ thống XLNT", idx.abbreviations)).toBe(labelKey("tỷ lệ khu công nghiệp có hệ thống xử lý nước thải", idx.abbreviations));
    expect(labelKey("Sở TN&MT", idx.abbreviations)).toBe("so tai nguyen va moi truong");
    expect(labelKey("ung pho BDKH", idx.abbreviations)).toBe("ung pho bien doi khi hau");
    // Diacritics tell two short forms apart: "ĐT" is not "DT" (diện tích).
    expect(labelKey("Tổng DT rừng", idx.abbreviations)).toBe("tong dien tich rung");
    expect(labelKey("Tổng ĐT rừng", idx.abbreviations)).toBe("tong dt rung");
  });
});

describe("a province's own abbreviations", () => {
  const base = JSON.parse(readFileSync(join(__dirname, "fixtures", "catalogues", "minimal-valid.json"), "utf8"));

  it("are spelled out for its labels, and replace a national one of the same short form", () => {
    const r = validateCatalogue({ ...base, schemaVersion: "1.2", abbreviations: [{ short: "ĐCPR", long: "độ che phủ rừng" }, { short: "DT", long: "đất trồng" }] });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const province: Catalogue = r.catalogue;
    const pidx = indexCatalogue(province);
    expect(labelKey("ĐCPR", pidx.abbreviations)).toBe("do che phu rung");
    expect(labelKey("DT lúa", pidx.abbreviations)).toBe("dat trong lua");
    expect(labelKey("KCN", pidx.abbreviations)).toBe("khu cong nghiep");
    const sheet = gridToSheet("PL1", [["STT", "Chỉ tiêu", "Mục tiêu đến 2020", "Hiện trạng 2013", "Kết quả đạt được đến 2022", "Ghi chú"], ["1", "- ĐCPR (%)", "", "40", "45", ""]]);
    const res = checkWorkbook({ sheets: [sheet] }, province);
    expect(res.matches.map((m) => m.indicatorId)).toEqual(["A1-1"]);
  });

  it("are checked by the loader: each an object with a one-word short form, once", () => {
    const bad = validateCatalogue({ ...base, abbreviations: [{ short: "KCN", long: "khu công nghiệp" }, { short: "kcn", long: "khu chế xuất" }, { short: "K C N", long: "x" }, { short: "ĐCPR" }, "ĐCPR"] });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => e.path)).toEqual(["abbreviations[1].short", "abbreviations[2].short", "abbreviations[3].long", "abbreviations[4]"]);
    expect(bad.errors[0].message.en).toBe("Abbreviation \"kcn\" is already listed at abbreviations[0].");
    const notList = validateCatalogue({ ...base, abbreviations: { KCN: "khu công nghiệp" } });
    expect(!notList.ok && notList.errors[0].path).toBe("abbreviations");
  });

  it("a 1.2 catalogue file with them loads through the same loader as the pane and the command line use", () => {
    const text = JSON.stringify({ ...base, schemaVersion: "1.2", abbreviations: [{ short: "ĐCPR", long: "độ che phủ rừng" }] });
    const r = parseCatalogue(text, "tinh.json");
    expect(r.ok && r.warnings).toEqual([]);
  });
});
