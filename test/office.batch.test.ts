/**
 * Writes sized from real requests: every kind of write the add-in queues carries an
 * estimate of what Microsoft's library sends for it, never below it; thousands of
 * findings are written in as few batches as fit under Excel on the web's 5 MB; and a batch
 * that Excel stops half way (it does not roll back) leaves every mark recorded, so the
 * next check or clear puts everything right.
 */
import { nationalCatalogue } from "../src/catalogue";
import { a1 } from "../src/adapters/office/a1";
import { addNoteWrite, deleteNoteWrite, statusWrites } from "../src/adapters/office/apply";
import { packWrites, syncInBatches, WRITE_BUDGET, Write } from "../src/adapters/office/batch";
import { metaWrites, vaultCopyWrite } from "../src/adapters/office/records";
import { resultsWrites } from "../src/adapters/office/results";
import { emptyMetadata } from "../src/engine/metadata";
import { MARK_FILLS } from "../src/engine/plan";
import { resultsSheetLayout } from "../src/engine/resultsSheet";
import type { Plan } from "../src/engine/types";
import { checkWorkbookInExcel, clearMarksInExcel } from "../src/usecases/office";
import { FakeWorkbook, msOf } from "./fake";
import { bigWorkbook, capsFor, changedCells, metaRecords, userCells } from "./fake/helpers";

const LIMIT = 5 * 1024 * 1024;
const MARK_COLOURS = Object.values(MARK_FILLS).map((c) => c.toUpperCase());
const NOTE = "[NQ24-E004] Giá trị ngoài khoảng: tỷ lệ phần trăm phải nằm trong 0–100. Sửa lại giá trị cho đúng.";

describe("estimates against what Microsoft's library sends", () => {
  const wb = new FakeWorkbook();
  wb.addSheet("Phụ lục 1");
  wb.addSheet("NQ24_Meta");

  /** Queues the writes in one request; returns [estimate, bytes the library sent]. */
  async function measure(make: (ctx: Excel.RequestContext) => Write[]): Promise<[number, number]> {
    const caps = capsFor(wb);
    let estimate = 0;
    const from = wb.payloads.length;
    await wb.run(async (ctx) => {
      const writes = make(ctx);
      estimate = packWrites(writes, caps, Infinity)[0].bytes;
      await syncInBatches(ctx, writes, caps, { action: { vi: "ghi", en: "writing" } }, Infinity);
    });
    return [estimate, wb.payloads[from]];
  }

  const plan: Plan = {
    statusCells: [],
    marks: [],
    results: {
      header: ["Mức độ", "Mã", "Trang", "Ô", "Chỉ tiêu", "Nội dung", "Cách sửa"],
      rows: Array.from({ length: 1500 }, (_, i) => ({ cells: ["Lỗi", "NQ24-E004", "Phụ lục 1", a1(i + 10, 5), "Tỷ lệ chất thải rắn sinh hoạt được thu gom", NOTE, "Sửa lại giá trị."], link: { sheet: "Phụ lục 1", row: i + 10, col: 5 } })),
    },
    verdict: { ready: false, checkedAt: "2026-01-01T00:00:00Z", catalogueVersion: "nq24 1", counts: { error: 1500, warning: 0, info: 0 }, statusCounts: {}, message: { vi: "Chưa sẵn sàng.", en: "Not ready." } },
  };
  const meta = emptyMetadata();
  for (let i = 0; i < 2000; i++) meta.marks.push({ sheet: "Phụ lục 1", row: i, col: 5, previousFill: "", hadNote: true, noteKind: "note", vault: a1(i, 9) });

  const kinds: [string, (ctx: Excel.RequestContext) => Write[]][] = [
    ["format copies", (ctx) => Array.from({ length: 1500 }, (_, i) => vaultCopyWrite(ctx, a1(i, 9), "Phụ lục 1", a1(i + 10, 4)))],
    ["fills", () => Array.from({ length: 1500 }, (_, i) => ({ fill: { sheet: "Phụ lục 1", address: a1(i * 2 + 10, 5), color: MARK_FILLS.error } }))],
    ["notes added", (ctx) => Array.from({ length: 1500 }, (_, i) => addNoteWrite(ctx, "Phụ lục 1", "note", a1(i + 10, 6), NOTE))],
    ["notes deleted", (ctx) => Array.from({ length: 1500 }, (_, i) => deleteNoteWrite(ctx, "Phụ lục 1", "note", a1(i + 10, 6)))],
    ["status texts", (ctx) => statusWrites(ctx, Array.from({ length: 1500 }, (_, i) => ({ sheet: "Phụ lục 1", row: i * 2, col: 7, text: "Chưa đạt", kind: "notAchieved" as const }))).writes],
    ["records", (ctx) => metaWrites(ctx, meta, { exists: true, rowCount: 0 })],
    ["results sheet", (ctx) => resultsWrites(ctx, resultsSheetLayout(plan, "vi", { checkId: "X" }), { name: "Kết quả kiểm tra", exists: false }, capsFor(wb))],
  ];

  test.each(kinds)("%s: the estimate is never below the request, and close enough to fill batches", async (_name, make) => {
    const [estimate, sent] = await measure(make);
    expect(sent).toBeGreaterThan(10000);
    expect(estimate).toBeGreaterThanOrEqual(sent);
    expect(estimate).toBeLessThan(sent * 1.6 + 25000);
  });
});

describe("thousands of findings", () => {
  let wb: FakeWorkbook;
  beforeAll(() => {
    wb = bigWorkbook(nationalCatalogue, 5000);
  });

  test("3,000+ findings are written in more than one batch, each under 5 MB as the library measures it, all marked and recorded", async () => {
    const sheet = wb.sheets[0].name;
    const before = userCells(wb, [sheet]);
    const s = await wb.run((ctx) => checkWorkbookInExcel(ctx, nationalCatalogue, { lang: "vi", caps: capsFor(wb) }));
    const marked = s.findings.filter((f) => f.severity !== "info" && f.row !== undefined);
    expect(marked.length).toBeGreaterThan(3000);
    const writes = wb.requests.filter((r) => !r.cleanup).slice(2);
    expect(writes.length).toBeGreaterThan(1);
    for (const r of writes) {
      expect(r.error).toBeUndefined();
      // Packed to the write budget, so under Excel on the web's limit with room to spare.
      expect(r.bytes).toBeLessThanOrEqual(WRITE_BUDGET);
      expect(r.responseBytes).toBeLessThanOrEqual(LIMIT);
    }
    // As few as fit: no batch could have taken the next one's writes.
    const total = writes.reduce((n, r) => n + r.bytes, 0);
    expect(writes.length).toBeLessThanOrEqual(Math.ceil((total * 1.6) / WRITE_BUDGET));
    const cells = new Set(marked.map((f) => `${f.row},${f.col}`));
    const painted = Array.from(wb.sheet(sheet).cells.entries()).filter(([, c]) => c.fill && MARK_COLOURS.indexOf(c.fill) >= 0);
    expect(painted.length).toBe(cells.size);
    expect(metaRecords(wb).marks.length).toBe(cells.size);
    expect(wb.sheet(sheet).notes.size).toBe(cells.size);
    expect(changedCells(wb, before)).toEqual([]);
    console.log(`${marked.length} findings on ${cells.size} cells: ${writes.length} write batches of ${writes.map((r) => (r.bytes / 1048576).toFixed(2)).join(", ")} MB`);
  });
});

describe("a batch Excel stops half way", () => {
  test("every mark that landed is recorded; the next check finishes the job and a clear restores every fill", async () => {
    const wb = bigWorkbook(nationalCatalogue, 2000);
    const sheet = wb.sheets[0].name;
    // The user's own colours on cells the check will mark.
    for (let r = 4; r < 60; r++) wb.userFill(sheet, a1(r, 3), "#FFFF00");
    const fillsBefore = new Map(Array.from(wb.sheet(sheet).cells.entries()).map(([k, c]) => [k, c.fill]));
    const before = userCells(wb, [sheet]);
    const host = msOf(wb).host;
    // Excel refuses a fill half way through the first batch: the actions before it stay done.
    host.failOn = { call: "RangeFill.color=", nth: 3, code: "GeneralException" };
    await expect(wb.run((ctx) => checkWorkbookInExcel(ctx, nationalCatalogue, { lang: "vi", caps: capsFor(wb) }))).rejects.toBeDefined();
    host.failOn = null;
    const recorded = new Set(metaRecords(wb).marks.map((m) => `${m.row},${m.col}`));
    const painted = Array.from(wb.sheet(sheet).cells.entries()).filter(([, c]) => c.fill && MARK_COLOURS.indexOf(c.fill) >= 0);
    expect(painted.length).toBeGreaterThanOrEqual(200);
    expect(painted.filter(([k]) => !recorded.has(k))).toEqual([]);

    // The next check: every finding marked once, every record true to its cell.
    const s = await wb.run((ctx) => checkWorkbookInExcel(ctx, nationalCatalogue, { lang: "vi", caps: capsFor(wb) }));
    const cells = new Set(s.findings.filter((f) => f.severity !== "info" && f.row !== undefined).map((f) => `${f.row},${f.col}`));
    const marks = metaRecords(wb).marks;
    expect(marks.length).toBe(cells.size);
    expect(marks.filter((m) => m.row < 60 && m.col === 3).every((m) => m.previousFill === "#FFFF00")).toBe(true);
    expect(wb.sheet(sheet).notes.size).toBe(cells.size);

    // Clear: the user's colours back, nothing of ours left.
    await wb.run((ctx) => clearMarksInExcel(ctx, { caps: capsFor(wb) }));
    for (const [k, c] of wb.sheet(sheet).cells) expect([k, c.fill]).toEqual([k, fillsBefore.get(k) ?? null]);
    expect(wb.sheet(sheet).notes.size).toBe(0);
    expect(metaRecords(wb).marks).toEqual([]);
    expect(changedCells(wb, before)).toEqual([]);
  });
});
