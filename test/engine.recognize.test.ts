/**
 * Recognition on layouts other than ours: columns reordered, extra columns, title rows,
 * blank and hidden rows, merged cells, labels without diacritics or with typing slips.
 */
import { nationalCatalogue } from "../src/catalogue";
import { isIndicator, type IndicatorRow } from "../src/catalogue/types";
import { checkWorkbook } from "../src/engine/check";
import { buildWorkbookTemplate } from "../src/engine/layout";
import { describeFinding } from "../src/engine/rules";
import { classifyHeader } from "../src/engine/recognize";
import { foldForMatch } from "../src/engine/values";
import { measureOf } from "../src/engine/types";
import { gridToSheet, templateToSnapshot } from "./helpers/snapshot";

const indicators = (a: "PL1" | "PL2") => nationalCatalogue.rows.filter((r): r is IndicatorRow => r.appendix === a && isIndicator(r));

/** Strips Vietnamese diacritics the way a keyboard without Unikey would type it. */
function noDiacritics(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
}

describe("header recognition", () => {
  it.each([
    ["STT", "stt"],
    ["TT", "stt"],
    ["Chỉ tiêu đánh giá", "label"],
    ["Các mục tiêu cụ thể của Nhị quyết", "label"],
    ["Mục tiêu đề ra đến 2020", "target"],
    ["Hiện trạng 2013", "baseline"],
    ["Năm 2013", "baseline"],
    ["Kết quả đạt được đến 2022", "result"],
    ["2022", "result"],
    ["Ghi chú", "note"],
    ["GHI CHU", "note"],
    ["Đơn vị tính", "unit"],
    ["Nguồn số liệu", null],
  ])("%s → %s", (text, key) => {
    expect(classifyHeader(foldForMatch(text))).toBe(key);
  });
});

describe("a province's own PL2 layout", () => {
  // Columns: TT | Ghi chú | Nội dung chỉ tiêu | Đơn vị tính | Năm 2022 | Năm 2013 | Nguồn số liệu
  const rows = indicators("PL2");
  const grid: (string | null)[][] = [
    ["UBND TỈNH X"],
    ["BIỂU SỐ LIỆU KÈM THEO BÁO CÁO (Phụ lục 2)"],
    [],
    ["TT", "Ghi chú", "Nội dung chỉ tiêu", "Đơn vị tính", "Năm 2022", "Năm 2013", "Nguồn số liệu"],
    ["I", null, "NHIỆM VỤ CHUNG", null, null, null, null],
  ];
  const written = new Map<string, number>();
  rows.forEach((r, k) => {
    if (k % 25 === 7) grid.push([]); // blank rows inserted by hand
    let label = r.labelOriginal;
    if (k % 3 === 0) label = noDiacritics(label);
    if (k % 3 === 1) label = label.replace(/^[-+]\s*/, "").toUpperCase();
    if (k % 7 === 0) label = label.replace(/ /, "  ");
    written.set(r.id, grid.length);
    grid.push([String(k + 1), null, label, r.unit, k === 5 ? "12" : null, null, "Phòng TN&MT"]);
  });
  grid.push(["", "", "Chỉ tiêu riêng của tỉnh: số cây xanh trồng mới", "cây", "5.000", "", ""]);
  const sheet = gridToSheet("Bieu 2", grid, {
    hiddenRows: [written.get(rows[10].id) as number],
    merges: [{ row: 4, col: 2, rowCount: 1, colCount: 5 }],
  });
  const result = checkWorkbook({ sheets: [sheet] }, nationalCatalogue);

  it("finds the table under its title rows and reads its reordered columns", () => {
    expect(result.tables).toHaveLength(1);
    const t = result.tables[0];
    expect(t.appendix).toBe("PL2");
    expect(t.headerRow).toBe(3);
    expect(t.columns).toMatchObject({ stt: 0, note: 1, label: 2, result: 4, baseline: 5 });
    expect(t.ownTemplate).toBe(false);
  });

  it("matches every indicator row to its own indicator despite case, diacritics, markers and spacing", () => {
    for (const r of rows) {
      const m = result.matches.find((x) => x.indicatorId === r.id);
      expect(m?.row).toBe(written.get(r.id));
    }
  });

  it("reads the value from the right column", () => {
    expect(measureOf(result.readings[rows[5].id].result!.value)?.value).toBe(12);
  });

  it("reports the row that matches nothing but carries a value, and notes the hidden row", () => {
    const unmatched = result.findings.filter((f) => f.code === "NQ24-W016");
    expect(unmatched).toHaveLength(1);
    expect(describeFinding(unmatched[0], "vi").message).toContain("số cây xanh");
    expect(result.findings.filter((f) => f.code === "NQ24-I023").map((f) => f.indicatorId)).toEqual([rows[10].id]);
  });

  it("reports PL1 missing and a cover missing, since this workbook has neither", () => {
    expect(result.findings.some((f) => f.code === "NQ24-E013" && describeFinding(f, "en").message.indexOf("Appendix 1") >= 0)).toBe(true);
    expect(result.findings.some((f) => f.code === "NQ24-W017")).toBe(true);
  });

  it("adds its status column right of the table, on an empty column", () => {
    const header = result.plan.statusCells.find((c) => c.kind === "header");
    expect(header).toMatchObject({ row: 3, col: 7 });
  });
});

describe("typing slips and missing rows", () => {
  const rows = indicators("PL1");
  function grid(transform: (r: IndicatorRow, k: number) => string | null) {
    const g: (string | null)[][] = [["STT", "Các mục tiêu cụ thể", "Mục tiêu đề ra đến 2020", "Hiện trạng 2013", "Kết quả đạt được đến 2022", "Ghi chú"]];
    rows.forEach((r, k) => {
      const label = transform(r, k);
      if (label !== null) g.push(["", label, "", "", "1", ""]);
    });
    return gridToSheet("PL1", g);
  }

  it("tolerates a dropped letter and a swapped letter, with a confidence below 1", () => {
    const sheet = grid((r, k) => (k === 18 ? r.labelVi.replace("thành thị", "thnh thị") : k === 19 ? r.labelVi.replace("nông thôn", "nôgn thôn") : r.labelVi));
    const res = checkWorkbook({ sheets: [sheet] }, nationalCatalogue);
    for (const k of [18, 19]) {
      const m = res.matches.find((x) => x.indicatorId === rows[k].id);
      expect(m).toBeDefined();
      expect(m!.confidence).toBeLessThan(1);
      expect(m!.confidence).toBeGreaterThan(0.72);
    }
    expect(res.matches).toHaveLength(30);
  });

  it("asks the user to confirm a loose match", () => {
    const sheet = grid((r, k) => (k === 29 ? "Độ che phủ rừng toàn thành phố (%)" : r.labelVi));
    const res = checkWorkbook({ sheets: [sheet] }, nationalCatalogue);
    const m = res.matches.find((x) => x.indicatorId === rows[29].id);
    expect(m).toBeDefined();
    expect(m!.confidence).toBeLessThan(0.9);
    expect(res.findings.some((f) => f.code === "NQ24-I015" && f.indicatorId === rows[29].id)).toBe(true);
  });

  it("reports each indicator row that is absent", () => {
    const sheet = grid((r, k) => (k === 3 || k === 17 ? null : r.labelVi));
    const res = checkWorkbook({ sheets: [sheet] }, nationalCatalogue);
    expect(res.findings.filter((f) => f.code === "NQ24-E014").map((f) => f.indicatorId).sort()).toEqual([rows[3].id, rows[17].id].sort());
  });
});

describe("our template, edited by hand", () => {
  it("survives inserted blank rows and a row moved to the end, reading by id", () => {
    const snapshot = templateToSnapshot(buildWorkbookTemplate(nationalCatalogue, {}, { "PL1-15": { baseline: "80", result: "95" } }));
    const pl1 = snapshot.sheets[1];
    const width = pl1.values[0].length;
    const blank = () => Array(width).fill("");
    const movedAt = pl1.values.findIndex((row) => row.indexOf("PL1-15") >= 0);
    const moved = { v: pl1.values[movedAt], t: pl1.text[movedAt], ty: pl1.valueTypes[movedAt], f: pl1.numberFormats[movedAt] };
    for (const m of [pl1.values, pl1.text, pl1.valueTypes, pl1.numberFormats]) m.splice(movedAt, 1);
    pl1.values.splice(10, 0, blank(), blank());
    pl1.text.splice(10, 0, blank(), blank());
    pl1.valueTypes.splice(10, 0, Array(width).fill("Empty"), Array(width).fill("Empty"));
    pl1.numberFormats.splice(10, 0, Array(width).fill("General"), Array(width).fill("General"));
    pl1.merges = [];
    pl1.values.push(moved.v);
    pl1.text.push(moved.t);
    pl1.valueTypes.push(moved.ty);
    pl1.numberFormats.push(moved.f);
    const res = checkWorkbook(snapshot, nationalCatalogue);
    expect(res.matches.filter((m) => m.sheet === "Phụ lục 1")).toHaveLength(30);
    expect(res.statuses.find((s) => s.indicatorId === "PL1-15")?.status).toBe("exceeded");
    expect(res.findings.some((f) => f.code === "NQ24-I012" && f.indicatorId === "PL1-15")).toBe(true);
  });
});
