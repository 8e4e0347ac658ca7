/**
 * Mark colours are the add-in's own: not a fill of Excel's built-in cell styles, so a
 * user's "Bad" or "Neutral" cells never look like marks, and a record that no longer
 * names a marked cell never gets its fill "restored" over the user's.
 */
import { laiChauSample, nationalCatalogue } from "../src/catalogue";
import { a1 } from "../src/adapters/office/a1";
import { SHEET_NAMES } from "../src/engine/layout";
import { MARK_FILLS } from "../src/engine/plan";
import { checkWorkbookInExcel, clearMarksInExcel, fillSample, insertSheets } from "../src/usecases/office";
import { FakeWorkbook } from "./fake";
import { capsFor, metaRecords } from "./fake/helpers";

/** Fills of Excel's built-in cell styles (Home › Cell Styles) a user is likely to apply. */
const BUILT_IN_STYLE_FILLS: Record<string, string> = {
  Bad: "#FFC7CE",
  Good: "#C6EFCE",
  Neutral: "#FFEB9C",
  Input: "#FFCC99",
  Note: "#FFFFCC",
  "Check Cell": "#A5A5A5",
  Calculation: "#F2F2F2",
};

const cat = nationalCatalogue;
const PL2 = SHEET_NAMES.PL2;

async function checkedBook(): Promise<FakeWorkbook> {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1");
  await wb.run((ctx) => insertSheets(ctx, cat, { cover: true, onExisting: "rename", caps: capsFor(wb) }));
  await wb.run((ctx) => fillSample(ctx, cat, laiChauSample, { caps: capsFor(wb) }));
  await check(wb);
  return wb;
}

function check(wb: FakeWorkbook) {
  return wb.run((ctx) => checkWorkbookInExcel(ctx, cat, { lang: "vi", caps: capsFor(wb) }));
}

test("no mark colour is the fill of one of Excel's built-in cell styles", () => {
  const builtIn = Object.values(BUILT_IN_STYLE_FILLS);
  for (const c of Object.values(MARK_FILLS)) expect(builtIn).not.toContain(c.toUpperCase());
});

test("a user's Bad and Neutral cells are never taken for marks: not after rows are inserted, not by a re-check, not by Clear", async () => {
  const wb = await checkedBook();
  const marks = metaRecords(wb).marks.filter((m) => m.sheet === PL2);
  expect(marks.length).toBeGreaterThan(1);
  // Two rows inserted above the marks: the records now name the cells two rows up.
  wb.insertRows(PL2, 3, 2);
  // The user styles the cells now at two recorded addresses "Bad" and "Neutral", and another cell "Bad".
  const [m1, m2] = marks;
  wb.userFill(PL2, a1(m1.row, m1.col), BUILT_IN_STYLE_FILLS.Bad);
  wb.userFill(PL2, a1(m2.row, m2.col), BUILT_IN_STYLE_FILLS.Neutral);
  wb.userFill(PL2, "Z2", BUILT_IN_STYLE_FILLS.Bad);
  const styled = () => [a1(m1.row, m1.col), a1(m2.row, m2.col), "Z2"].map((c) => wb.cell(PL2, c).fill);
  const expected = [BUILT_IN_STYLE_FILLS.Bad, BUILT_IN_STYLE_FILLS.Neutral, BUILT_IN_STYLE_FILLS.Bad];
  await check(wb);
  expect(styled()).toEqual(expected);
  await wb.run((ctx) => clearMarksInExcel(ctx, { caps: capsFor(wb) }));
  expect(styled()).toEqual(expected);
  expect(metaRecords(wb).marks).toEqual([]);
});
