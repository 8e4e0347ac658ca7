/**
 * Rows inserted after a check move the marked cells, their fills and their notes; the
 * records still name the old addresses. Clear and a re-check must neither fail on a note
 * that is not there any more nor put a "previous fill" on the cell now at the old address.
 */
import { laiChauSample, nationalCatalogue } from "../src/catalogue";
import { SHEET_NAMES } from "../src/engine/layout";
import { markKey } from "../src/engine/metadata";
import { MARK_FILLS } from "../src/engine/plan";
import { a1 } from "../src/adapters/office/a1";
import { checkWorkbookInExcel, clearMarksInExcel, fillSample, insertSheets } from "../src/usecases/office";
import { ApiLevel, FakeWorkbook, FSheet, key } from "./fake";
import { capsFor, changedCells, metaRecords as meta, userCells } from "./fake/helpers";

const cat = nationalCatalogue;
const PL2 = SHEET_NAMES.PL2;
const MARK_COLOURS = Object.values(MARK_FILLS).map((c) => c.toUpperCase());
/** Two rows go in here: below the title, above every indicator row. */
const AT = 3;
const USER_NOTE = "Ghi chú của người dùng";
const USER_FILL = "#00B0F0";

async function checkedBook(level: ApiLevel): Promise<FakeWorkbook> {
  const wb = new FakeWorkbook();
  wb.level = level;
  wb.addSheet("Sheet1");
  const caps = capsFor(wb);
  await wb.run((ctx) => insertSheets(ctx as unknown as Excel.RequestContext, cat, { cover: true, onExisting: "rename", caps }));
  await wb.run((ctx) => fillSample(ctx as unknown as Excel.RequestContext, cat, laiChauSample, { caps }));
  await check(wb);
  return wb;
}

function check(wb: FakeWorkbook) {
  return wb.run((ctx) => checkWorkbookInExcel(ctx as unknown as Excel.RequestContext, cat, { lang: "vi", caps: capsFor(wb), now: new Date("2026-11-28T10:00:00Z") }));
}

function clear(wb: FakeWorkbook) {
  return wb.run((ctx) => clearMarksInExcel(ctx as unknown as Excel.RequestContext, { caps: capsFor(wb) }));
}


// Sheets are looked up afresh each time: a write batch replaces the fake's sheet objects.
function notesOf(s: FSheet, kind: "notes" | "comments"): Map<string, string> {
  return kind === "notes" ? s.notes : s.comments;
}

/** Every note of the add-in in the workbook, as "sheet!A1". */
function ourNotes(wb: FakeWorkbook, kind: "notes" | "comments"): string[] {
  const out: string[] = [];
  for (const s of wb.sheets)
    notesOf(wb.sheet(PL2), kind).forEach((text, k) => {
      const [r, c] = k.split(",").map(Number);
      if (text.startsWith("[NQ24-")) out.push(`${s.name}!${a1(r, c)}`);
    });
  return out.sort();
}

/** Cells of a sheet wearing a mark colour, as "row,col". */
function markColoured(s: FSheet): string[] {
  const out: string[] = [];
  s.cells.forEach((c, k) => {
    if (c.fill && MARK_COLOURS.indexOf(c.fill.toUpperCase()) >= 0) out.push(k);
  });
  return out.sort();
}

const cases: { level: ApiLevel; kind: "notes" | "comments" }[] = [
  { level: "latest", kind: "notes" },
  { level: "1.10", kind: "comments" },
];

describe.each(cases)("rows inserted in Phụ lục 2 after a check (ExcelApi $level, $kind)", ({ level, kind }) => {
  it("the check marked Phụ lục 2 below the insert, with notes", async () => {
    const wb = await checkedBook(level);
    const pl2 = meta(wb).marks.filter((m) => m.sheet === PL2);
    expect(pl2.length).toBeGreaterThan(0);
    expect(pl2.every((m) => m.row >= AT)).toBe(true);
    expect(pl2.some((m) => m.hadNote && m.noteKind === (kind === "notes" ? "note" : "comment"))).toBe(true);
  });

  it("Clear succeeds, removes every add-in note where it moved, and changes no user value, fill or note", async () => {
    const wb = await checkedBook(level);
    const before = meta(wb).marks.filter((m) => m.sheet === PL2);
    wb.insertRows(PL2, AT, 2);
    // The user's own note and a fill of theirs on a cell that now sits at a recorded address.
    notesOf(wb.sheet(PL2), kind).set(key(AT, 20), USER_NOTE);
    const target = before.find((m) => !before.some((o) => o.row === m.row - 2 && o.col === m.col));
    expect(target).toBeDefined();
    wb.userFill(PL2, a1(target!.row, target!.col), USER_FILL);
    const sheets = wb.sheets.map((x) => x.name).filter((n) => n !== SHEET_NAMES.meta && !n.startsWith(SHEET_NAMES.results));
    // The user's values: not the status texts the add-in wrote (those moved with their rows too).
    const ours = new Set((meta(wb).statusCells ?? []).map((c) => c.text));
    const values = new Map(Array.from(userCells(wb, sheets)).filter(([, v]) => !ours.has(String(v.value))));
    expect(values.size).toBeGreaterThan(100);
    expect(ourNotes(wb, kind).length).toBeGreaterThan(0);

    const res = await clear(wb);

    expect(res.syncs).toBeLessThanOrEqual(3);
    expect(ourNotes(wb, kind)).toEqual([]);
    expect(notesOf(wb.sheet(PL2), kind).get(key(AT, 20))).toBe(USER_NOTE);
    expect(wb.cell(PL2, a1(target!.row, target!.col)).fill).toBe(USER_FILL);
    expect(changedCells(wb, values)).toEqual([]);
    expect(meta(wb).marks).toEqual([]);
  });

  it("a re-check succeeds and marks the cells where they are now, then clears clean", async () => {
    const wb = await checkedBook(level);
    const before = meta(wb).marks.filter((m) => m.sheet === PL2);
    wb.insertRows(PL2, AT, 2);

    const summary = await check(wb);

    expect(summary.syncs).toBeLessThanOrEqual(3);
    const after = meta(wb).marks.filter((m) => m.sheet === PL2);
    // The same findings, two rows down.
    expect(after.map(markKey).sort()).toEqual(before.map((m) => markKey({ ...m, row: m.row + 2 })).sort());
    // Exactly the recorded cells wear a mark colour; each note of ours sits on a recorded cell.
    expect(markColoured(wb.sheet(PL2))).toEqual(after.map((m) => key(m.row, m.col)).sort());
    const noted = after.filter((m) => m.hadNote).map((m) => `${PL2}!${a1(m.row, m.col)}`);
    expect(noted.length).toBeGreaterThan(0);
    expect(ourNotes(wb, kind).filter((n) => n.startsWith(`${PL2}!`))).toEqual(noted.sort());

    const res = await clear(wb);
    expect(res.syncs).toBeLessThanOrEqual(3);
    expect(ourNotes(wb, kind)).toEqual([]);
    expect(markColoured(wb.sheet(PL2))).toEqual([]);
  });
});
