/**
 * Consolidation from the task pane: picked files (bytes) → ExcelJS → engine → sheets in the
 * open workbook, against the strict Office.js fake, at ExcelApi 1.1 and the newest level.
 */
import { FakeWorkbook, installGlobals, type ApiLevel } from "./fake";
import { consolidateInExcel, literalForExcel, freeName, type PickedFile } from "../src/usecases/consolidateInExcel";
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

describe.each(["1.1", "latest"] as ApiLevel[])("at ExcelApi %s", (level) => {
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
