/**
 * Consolidation from the task pane: picked files (bytes) → ExcelJS → engine → sheets in the
 * open workbook, against the strict Office.js fake, at ExcelApi 1.1 and the newest level.
 */
import { FakeWorkbook, installGlobals, type ApiLevel } from "./fake";
import { capsFor } from "./fake/helpers";
import { laiChauSample } from "../src/catalogue";
import { buildWorkbookTemplate, FillValues, templateToSnapshot } from "../src/engine/layout";
import { checkWorkbook } from "../src/engine/check";
import { consolidate, type DistrictInput } from "../src/engine/consolidate";
import { WRITE_BUDGET } from "../src/adapters/office/batch";
import { consolidateInExcel, literalForExcel, freeName, writeConsolidationToExcel, type PickedFile } from "../src/usecases/consolidateInExcel";
import { nationalCatalogue } from "../src/catalogue";
import { districtBuffer } from "./fixtures/xlsx/districts";

function picked(name: string, buf: Buffer): PickedFile {
  return { name, arrayBuffer: async () => buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer };
}

let files: PickedFile[];
beforeAll(async () => {
  files = [
    picked("tam-duong.xlsx", await districtBuffer("UBND huyện Tam Đường", { "PL2-017": { result: "100" } })),
    picked("phong-tho.xlsx", await districtBuffer("UBND huyện Phong Thổ", { "PL2-017": { result: "250,5" } })),
    picked("=loi.xlsx", Buffer.from("không phải sổ tính")),
  ];
});

describe.each(["1.1", "1.7", "1.9", "latest"] as ApiLevel[])("at ExcelApi %s", (level) => {
  let wb: FakeWorkbook;
  let restore: () => void;
  let message: { vi: string; en: string };
  beforeAll(async () => {
    wb = new FakeWorkbook();
    wb.level = level;
    wb.addSheet("Tổng hợp"); // the user's own sheet of that name must survive
    const g = installGlobals(wb);
    restore = g.restore;
    const progress: number[] = [];
    message = await consolidateInExcel(files, nationalCatalogue, { lang: "vi", onProgress: (d) => progress.push(d) });
    expect(progress).toEqual([1, 2, 3]);
  });
  afterAll(() => restore());

  test("the sheets are added beside the user's, in two syncs", () => {
    expect(wb.sheets.map((s) => s.name)).toEqual(["Tổng hợp", "Tổng hợp (2)", "Mức độ đầy đủ", "Tình trạng", "Tổng số liệu", "Bất thường", "Nguồn"]);
    expect(wb.syncCount).toBe(2);
  });

  test("figures and sources as consolidated; the bad file is named", () => {
    const totals = wb.sheet("Tổng số liệu");
    let row = -1;
    for (const [k, c] of totals.cells) if (c.value === "PL2-017") row = Number(k.split(",")[0]);
    expect(row).toBeGreaterThan(0);
    const at = (r: number, c: number) => totals.cells.get(`${r},${c}`)?.value;
    expect(at(row, 11)).toBeCloseTo(350.5, 6); // 2022 total: 100 + 250,5
    expect(at(row, 13)).toBeCloseTo(175.25, 6); // 2022 median
    const sources = [...wb.sheet("Nguồn").cells.values()].map((c) => String(c.value));
    expect(sources).toContain("=loi.xlsx");
    expect([...wb.sheet("Nguồn").cells.values()].every((c) => !c.formula)).toBe(true);
    expect(message.vi).toMatch(/Đã tổng hợp 2 báo cáo/);
    expect(message.vi).toContain("=loi.xlsx");
  });
});

test("text cells are text-formatted before their values are written, so = + - @ stay literal", () => {
  const wb = new FakeWorkbook();
  wb.addSheet("Dữ liệu");
  const g = installGlobals(wb);
  return consolidateInExcel([], nationalCatalogue, {}).then((m) => {
    g.restore();
    // Nothing to consolidate: nothing written, and the message says so.
    expect(m.vi).toMatch(/Không tổng hợp được file nào/);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Dữ liệu"]);
    expect(literalForExcel("=SUM(A1)")).toBe("=SUM(A1)");
    expect(literalForExcel(null)).toBe("");
    expect(freeName("Nguồn", new Set(["nguồn", "Nguồn (2)"]))).toBe("Nguồn (3)");
  });
});

test("a province of 300 districts in Office 2019 (ExcelApi 1.8, a fill per run of cells): as few requests as fit under 5 MB, each measured as the library sends it", async () => {
  const sample = laiChauSample;
  const inputs: DistrictInput[] = [];
  for (let i = 0; i < 300; i++) {
    // Every third district leaves a third of its values out: completeness colours vary along the rows.
    const fill: FillValues = {};
    Object.keys(sample.values).forEach((id, j) => {
      if (i % 3 === 0 && j % 3 === 0) return;
      fill[id] = { baseline: sample.values[id].baseline, result: sample.values[id].result, note: sample.values[id].note };
    });
    const snapshot = templateToSnapshot(buildWorkbookTemplate(nationalCatalogue, { ...sample.cover, unit: `UBND huyện Thử ${i}` }, fill));
    const result = checkWorkbook(snapshot, nationalCatalogue, { lang: "vi" });
    inputs.push({ source: { fileName: `huyen-${i}.xlsx`, unit: `UBND huyện Thử ${i}`, reportDate: "01/05/2023", catalogueVersion: result.plan.verdict.catalogueVersion, hash: String(i) }, result });
  }
  const c = consolidate(inputs, nationalCatalogue, []);
  const wb = new FakeWorkbook();
  wb.level = "1.8";
  wb.addSheet("Sheet1");
  const names = await wb.run((ctx) => writeConsolidationToExcel(ctx, c, "vi", capsFor(wb)));
  expect(names.length).toBeGreaterThan(4);
  const writes = wb.requests.filter((r) => !r.cleanup).slice(1);
  const total = writes.reduce((n, r) => n + r.bytes, 0);
  expect(total).toBeGreaterThan(WRITE_BUDGET);
  for (const r of writes) {
    expect(r.error).toBeUndefined();
    expect(r.bytes).toBeLessThanOrEqual(WRITE_BUDGET);
  }
  expect(writes.length).toBeLessThanOrEqual(Math.ceil((total * 1.6) / WRITE_BUDGET));
  // Every district is there.
  const completeness = wb.sheet("Mức độ đầy đủ");
  const text = Array.from(completeness.cells.values()).map((x) => String(x.value));
  for (const i of [0, 150, 299]) expect(text.join("|")).toContain(`UBND huyện Thử ${i}`);
  console.log(`300 districts: ${writes.length} write requests, ${(total / 1048576).toFixed(1)} MB`);
});
