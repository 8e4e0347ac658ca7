/**
 * The files the command line writes, printed by an independent spreadsheet: LibreOffice
 * turns the sample (its cover filled after the template was written, as a user fills it)
 * and the annotated copy into PDF in one run, and poppler-utils (pdfinfo, pdffonts,
 * pdftotext) says what came out: A4 landscape pages, Times New Roman or its metric twin
 * Liberation Serif embedded, text drawn at 12 pt or more, headers repeated, the status
 * column not printed and the attachment line computed from the cover.
 *
 * Column widths count characters of the default font (Calibri); LibreOffice measures them
 * with Carlito, Calibri's metric twin (Debian fonts-crosextra-carlito), as Excel would with
 * Calibri. .ci/run installs both font packages and poppler-utils.
 */
import { execFileSync, spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { inflateSync } from "zlib";
import ExcelJS from "exceljs";
import { laiChauSample, nationalCatalogue, sampleFillValues } from "../src/catalogue";
import { absolutePrintAreas, applyPlanToWorkbook, readWorkbookFile, writeTemplate } from "../src/adapters/xlsx";
import { checkWorkbook } from "../src/engine/check";
import { buildWorkbookTemplate, COVER_FIELDS, COVER_VALUE_COL, FIRST_DATA_ROW, SHEET_NAMES } from "../src/engine/layout";
import { MIN_PRINTED_POINTS, TABLE_MARGINS } from "../src/engine/print";

const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const soffice = ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"].find((p) => existsSync(p)) ?? (has("soffice") ? "soffice" : null);
const inCI = !!process.env.CI && process.env.CI !== "false" && process.env.CI !== "0";
const ready = !!soffice && has("pdftotext") && has("pdffonts");
if (!ready && !inCI) console.warn("print.pdf.test.ts skipped: needs soffice and poppler-utils (apt-get install libreoffice-calc-nogui poppler-utils fonts-liberation2 fonts-crosextra-carlito)");
const maybe = ready || inCI ? describe : describe.skip;

/** A4 in points, landscape. */
const A4_LANDSCAPE = { w: 841.89, h: 595.28 };

/** The font sizes of every text-showing run, read from the `Tf` operators of the page streams. */
function fontSizes(pdf: Buffer): number[] {
  const sizes: number[] = [];
  const text = pdf.toString("latin1");
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endstream", start);
    if (end < 0) break;
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString("latin1");
    } catch {
      continue;
    }
    for (const t of body.matchAll(/\/F\d+ ([\d.]+) Tf/g)) sizes.push(Number(t[1]));
    // LibreOffice scales the text itself; a scaling matrix would make Tf sizes lie.
    for (const cm of body.matchAll(/([\d.-]+) 0 0 ([\d.-]+) [\d.-]+ [\d.-]+ cm/g)) {
      if (Number(cm[1]) !== 1 || Number(cm[2]) !== 1) throw new Error(`scaled content (${cm[0]}): Tf sizes are not printed sizes`);
    }
  }
  return sizes;
}

function pagesOf(pdf: string): { count: number; sizes: string[]; text: string[] } {
  const info = execFileSync("pdfinfo", ["-f", "1", "-l", "999", pdf], { encoding: "utf8" });
  const sizes = Array.from(info.matchAll(/^Page\s+\d+ size:\s+([\d.]+ x [\d.]+)/gm)).map((x) => x[1]);
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).split("\f").slice(0, sizes.length);
  return { count: sizes.length, sizes, text };
}

maybe("printed by LibreOffice", () => {
  const dir = mkdtempSync(join(tmpdir(), "nq24-print-"));
  let sample: ReturnType<typeof pagesOf>;
  let annotated: ReturnType<typeof pagesOf>;
  let samplePdf: Buffer;

  beforeAll(async () => {
    if (!ready) throw new Error("CI needs soffice and poppler-utils: apt-get install libreoffice-calc-nogui poppler-utils fonts-liberation2 fonts-crosextra-carlito");
    // The sample as `nq24 sample` writes it, then its cover filled in, as a user would.
    const bytes = Buffer.from(await writeTemplate(buildWorkbookTemplate(nationalCatalogue, laiChauSample.cover, sampleFillValues())).xlsx.writeBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const cover = wb.getWorksheet(SHEET_NAMES.cover) as ExcelJS.Worksheet;
    const at = (key: string) => cover.getCell((COVER_FIELDS.find((f) => f.key === key) as { row: number }).row + 1, COVER_VALUE_COL + 1);
    at("unit").value = "huyện Tam Đường";
    at("reportNumber").value = "125";
    at("reportDate").value = new Date(Date.UTC(2023, 4, 15));
    // What a spreadsheet holds after such an edit: the line still to be recalculated.
    for (const name of [SHEET_NAMES.PL1, SHEET_NAMES.PL2]) {
      const ws = wb.getWorksheet(name) as ExcelJS.Worksheet;
      const { formula } = ws.getCell("A3");
      ws.getCell("A3").value = { formula: String(formula) } as ExcelJS.CellFormulaValue;
    }
    absolutePrintAreas(wb);
    await wb.xlsx.writeFile(join(dir, "sample.xlsx"));
    // The annotated copy, as `nq24 check --out` writes it.
    const plan = checkWorkbook(await readWorkbookFile(bytes, { name: "sample.xlsx" }), nationalCatalogue, { lang: "vi", now: new Date("2026-11-28T10:00:00Z") }).plan;
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.load(bytes as unknown as ArrayBuffer);
    applyPlanToWorkbook(copy, plan, { lang: "vi" });
    await copy.xlsx.writeFile(join(dir, "annotated.xlsx"));
    // One LibreOffice run for both files.
    execFileSync(soffice as string, ["--headless", `-env:UserInstallation=file://${join(dir, "lo-profile")}`, "--convert-to", "pdf", "--outdir", dir, join(dir, "sample.xlsx"), join(dir, "annotated.xlsx")], { stdio: "pipe", timeout: 180000 });
    samplePdf = readFileSync(join(dir, "sample.pdf"));
    sample = pagesOf(join(dir, "sample.pdf"));
    annotated = pagesOf(join(dir, "annotated.pdf"));
    if (process.env.NQ24_PRINT_PNG) {
      // Regenerating the picture in docs/: NQ24_PRINT_PNG=docs/print-phu-luc-1 npx jest test/print.pdf.test.ts
      execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "2", "-l", "2", "-singlefile", join(dir, "sample.pdf"), process.env.NQ24_PRINT_PNG]);
    }
    writeFileSync(join(dir, "done"), "");
  }, 240000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("every page A4 landscape", () => {
    for (const list of [sample.sizes, annotated.sizes]) {
      expect(list.length).toBeGreaterThan(0);
      for (const s of list) {
        const [w, h] = s.split(" x ").map(Number);
        expect(w).toBeCloseTo(A4_LANDSCAPE.w, 0);
        expect(h).toBeCloseTo(A4_LANDSCAPE.h, 0);
      }
    }
  });

  test("fonts embedded: Times New Roman or Liberation Serif only", () => {
    const out = execFileSync("pdffonts", [join(dir, "sample.pdf")], { encoding: "utf8" });
    const rows = out.split("\n").slice(2).filter((l) => l.trim());
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const [name, , , emb] = r.split(/\s+/);
      expect(name.replace(/^[A-Z]{6}\+/, "")).toMatch(/^(LiberationSerif|TimesNewRoman)/);
      expect(r).toMatch(/\byes\b/);
      void emb;
    }
  });

  test("no text of the appendices printed under 12 pt", () => {
    const sizes = fontSizes(samplePdf);
    expect(sizes.length).toBeGreaterThan(100);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(MIN_PRINTED_POINTS - 0.05);
    // The body is at 13 pt: the table fits its page without shrinking.
    const body = sizes.filter((s) => Math.abs(s - 13) < 0.1).length;
    expect(body / sizes.length).toBeGreaterThan(0.8);
  });

  test("pages: the cover, then each appendix over as many pages as its rows need, the header on each", () => {
    const first = (title: string) => sample.text.findIndex((t) => t.includes(title));
    const pl1 = first("Tình hình thực hiện các mục tiêu");
    const pl2 = first("Số liệu thể hiện kết quả thực hiện các nhiệm vụ");
    expect(pl1).toBe(1);
    expect(pl2).toBeGreaterThan(pl1 + 1);
    const pl2Pages = sample.count - pl2;
    // At 13 pt a row takes at least 13 × 1.15 pt; the printable height bounds the rows per page.
    const printable = A4_LANDSCAPE.h - (TABLE_MARGINS.top + TABLE_MARGINS.bottom) * 72;
    const pl2Rows = nationalCatalogue.rows.filter((r) => r.appendix === "PL2").length + FIRST_DATA_ROW;
    expect(pl2Pages).toBeGreaterThanOrEqual(Math.ceil((pl2Rows * 13 * 1.15) / printable));
    // Print titles: the header row on every appendix page; the page number above it
    // (LibreOffice numbers each sheet from 1).
    for (let p = pl1; p < sample.count; p++) {
      expect(sample.text[p]).toMatch(/STT\s+Chỉ tiêu\s+Đơn vị/);
      const n = p < pl2 ? p - pl1 + 1 : p - pl2 + 1;
      expect(sample.text[p].trim().split("\n")[0].trim()).toBe(String(n));
    }
  });

  test("the attachment line computed from the filled cover", () => {
    const line = "(Kèm theo Báo cáo số 125/BC-UBND ngày 15/05/2023 của UBND huyện Tam Đường)";
    expect(sample.text.filter((t) => t.includes(line))).toHaveLength(2);
  });

  test("the status column is not printed; the notes are", () => {
    const appendixPages = annotated.text.filter((t) => /STT\s+Chỉ tiêu/.test(t));
    expect(appendixPages.length).toBe(sample.count - 1);
    for (const t of appendixPages) {
      expect(t).not.toMatch(/Tình trạng|Xu hướng|Chưa đạt|Vượt mục tiêu/);
      expect(t).toContain("Ghi chú");
    }
    // The results sheet prints too, on A4 after the appendices.
    expect(annotated.text.some((t) => t.includes("KẾT QUẢ KIỂM TRA BÁO CÁO NGHỊ QUYẾT 24-NQ/TW"))).toBe(true);
  });
});
