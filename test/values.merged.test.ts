/**
 * Notes and figures merged down over several rows: a merged cell speaks for every row it
 * covers, as Excel shows it, not for its first row only.
 */
import { indicators, nationalCatalogue } from "../src/catalogue";
import { checkWorkbook, type CheckResult } from "../src/engine/check";
import { a1 } from "../src/engine/layout";
import type { RangeRect } from "../src/engine/types";
import { gridToSheet } from "./helpers/snapshot";

const NOW = new Date("2023-05-20T08:00:00Z");
const LABEL = (id: string) => (indicators(nationalCatalogue).find((i) => i.id === id) as { labelVi: string }).labelVi;
const ROWS = ["PL2-044", "PL2-051", "PL2-069"];

/** A Phụ lục 2 table: header on row 1, the three indicators on rows 2–4 (STT, label, 2013, 2022, note). */
function table(cells: (string | null)[][], merges: RangeRect[]): CheckResult {
  const grid = [["Phụ lục 2"], ["STT", "Chỉ tiêu", "2013", "2022", "Ghi chú"], ...ROWS.map((id, k) => [String(k + 1), LABEL(id), ...cells[k]])];
  return checkWorkbook({ sheets: [gridToSheet("Biểu 02", grid, { merges })] }, nationalCatalogue, { now: NOW });
}
const at = (r: CheckResult, code: string) => r.findings.filter((f) => f.code === code && ROWS.includes(f.indicatorId ?? "")).map((f) => f.cell);

describe("a note merged down over three rows", () => {
  const cells = [
    [null, null, "Không phát sinh"],
    [null, null, null],
    [null, null, null],
  ];
  const merged = table(cells, [{ row: 2, col: 4, rowCount: 3, colCount: 1 }]);
  const unmerged = table(cells, []);

  test("explains the empty figures of every row it covers: no “value missing” on the lower rows", () => {
    expect(at(merged, "NQ24-E001")).toEqual([]);
    for (const id of ROWS) expect([id, merged.readings[id].note?.value.state]).toEqual([id, "notApplicable"]);
  });

  test("without the merge, the rows under the note are still missing their figures", () => {
    // The control: the same text in the first row only leaves the other two rows unexplained.
    expect(at(unmerged, "NQ24-E001").sort()).toEqual([a1(3, 2), a1(3, 3), a1(4, 2), a1(4, 3)].sort());
  });
});

test("a figure merged down over rows is read for each of them, at each row's own cell", () => {
  const r = table(
    [
      ["Không có", "Không có", null],
      [null, null, null],
      ["5", "6", null],
    ],
    [
      { row: 2, col: 2, rowCount: 2, colCount: 1 },
      { row: 2, col: 3, rowCount: 2, colCount: 1 },
    ],
  );
  for (const id of ["PL2-044", "PL2-051"]) {
    expect([id, r.readings[id].baseline?.value.state, r.readings[id].result?.value.state]).toEqual([id, "notApplicable", "notApplicable"]);
  }
  expect(r.readings["PL2-051"].result?.address).toMatchObject({ row: 3, col: 3 });
  // PL2-069 is in triệu đồng: 6 is kept as 6.000.000 đồng.
  expect(r.readings["PL2-069"].result?.value).toMatchObject({ state: "number", measure: { value: 6e6 } });
  expect(at(r, "NQ24-E001")).toEqual([]);
});

test("a heading's label merged across the value columns still holds no value for them", () => {
  const r = table(
    [
      ["1", "2", null],
      ["3", "4", null],
      ["5", "6", null],
    ],
    // Row 3's label cell merged over the figures: not a figure of either column.
    [{ row: 3, col: 1, rowCount: 1, colCount: 4 }],
  );
  expect(r.readings["PL2-051"]?.result?.value.state ?? "blank").toBe("blank");
  // PL2-069 is in triệu đồng: 6 is kept as 6.000.000 đồng.
  expect(r.readings["PL2-069"].result?.value).toMatchObject({ state: "number", measure: { value: 6e6 } });
});
