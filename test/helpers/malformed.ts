/**
 * Odd and broken workbooks for the robustness tests: the Lai Châu sample written by our own
 * template writer, then damaged the ways real files arrive (sheets deleted, renamed or
 * hidden, rows moved, merges broken, error values, formulas, huge texts, locale number
 * texts, unicode oddities…), plus files that are not workbooks at all.
 */
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { execFileSync } from "child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, promises as fs, readdirSync, renameSync, rmSync, statSync } from "fs";
import { join } from "path";
import { laiChauSample, nationalCatalogue, sampleFillValues, isIndicator } from "../../src/catalogue";
import { APPENDIX_COLUMNS, buildWorkbookTemplate, HEADER_ROW, SHEET_NAMES, type SheetTemplate, type WorkbookTemplate } from "../../src/engine/layout";
import { writeTemplate } from "../../src/adapters/xlsx";
import { decodeMetadata, type AddinMetadata } from "../../src/engine/metadata";
import type { CellValue } from "../../src/engine/types";
import { a1 } from "../../src/adapters/office/a1";
import { bombZip, docxLikeZip, encryptedXlsxBytes, manyEntriesZip } from "../fixtures/xlsx/districts";
import { FakeWorkbook, loadXlsx, textOf } from "../fake";

export type CaseKind = "workbook" | "notWorkbook";

export interface MalformedCase {
  name: string;
  kind: CaseKind;
  /** Path of the generated file. */
  file: string;
  /** Also run insert-with-repair and clear-marks on it in the fake. */
  repair?: boolean;
  /** ExcelJS itself cannot read it back (Excel would repair it on open): command line only. */
  cliOnly?: boolean;
  /** Sheets whose protection is the point of the case: kept when the others are unprotected. */
  keepProtected?: string[];
  /** The add-in may refuse it with this error code (and say why) even once unprotected. */
  refusedWith?: string;
}

type Tweak = (wb: ExcelJS.Workbook, t: Layout) => void | Promise<void>;

interface CaseSpec {
  name: string;
  /** Changes to the template before it is rendered (sheets removed, renamed, reordered). */
  template?: (t: WorkbookTemplate) => WorkbookTemplate;
  tweak?: Tweak;
  repair?: boolean;
  cliOnly?: boolean;
  keepProtected?: string[];
  refusedWith?: string;
}

const cat = nationalCatalogue;
const PL1 = SHEET_NAMES.PL1;
const PL2 = SHEET_NAMES.PL2;
const colOf = (a: "PL1" | "PL2", k: string) => APPENDIX_COLUMNS[a].findIndex((c) => c.key === k);
const LONG = "Ư".repeat(32767);

/** Where things are in the rendered sample, from the layout (0-based rows and columns). */
export interface Layout {
  rowOf: (appendix: "PL1" | "PL2", id: string) => number;
  col: (appendix: "PL1" | "PL2", k: string) => number;
  pl1Ids: string[];
  pl2Ids: string[];
}

function baseTemplate(): WorkbookTemplate {
  return buildWorkbookTemplate(cat, laiChauSample.cover, sampleFillValues());
}

const layout: Layout = (() => {
  const t = baseTemplate();
  const rows = (role: "PL1" | "PL2") => (t.sheets.find((s) => s.role === role) as SheetTemplate).indicatorRows ?? {};
  return {
    rowOf: (a, id) => {
      const r = rows(a)[id];
      if (r === undefined) throw new Error(`no row for ${id}`);
      return r;
    },
    col: colOf,
    pl1Ids: cat.rows.filter(isIndicator).filter((r) => r.appendix === "PL1").map((r) => r.id),
    pl2Ids: cat.rows.filter(isIndicator).filter((r) => r.appendix === "PL2").map((r) => r.id),
  };
})();

/** A cell by 0-based row and column. */
const at = (ws: ExcelJS.Worksheet, r: number, c: number) => ws.getCell(r + 1, c + 1);
const sheet = (wb: ExcelJS.Workbook, name: string) => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};
/** Input cell of an indicator: baseline, result or note. */
const input = (wb: ExcelJS.Workbook, a: "PL1" | "PL2", id: string, k: "baseline" | "result" | "note" | "label" | "status" | "id") =>
  at(sheet(wb, a === "PL1" ? PL1 : PL2), layout.rowOf(a, id), colOf(a, k));

/** Writes one value into several input cells of both appendices. */
function putMany(values: ExcelJS.CellValue[]): Tweak {
  return (wb, t) => {
    values.forEach((v, i) => {
      input(wb, "PL1", t.pl1Ids[i % t.pl1Ids.length], i % 2 ? "baseline" : "result").value = v;
      input(wb, "PL2", t.pl2Ids[(i * 7) % t.pl2Ids.length], "result").value = v;
    });
  };
}

const without = (role: SheetTemplate["role"]) => (t: WorkbookTemplate): WorkbookTemplate => ({ sheets: t.sheets.filter((s) => s.role !== role) });
const renamed = (names: Partial<Record<SheetTemplate["role"], string>>) => (t: WorkbookTemplate): WorkbookTemplate => ({
  sheets: t.sheets.map((s) => (names[s.role] ? { ...s, name: names[s.role] as string } : s)),
});

/** Copies a row's values onto another row (0-based), cell by cell. */
function copyRowValues(ws: ExcelJS.Worksheet, from: number, to: number, cols: number): void {
  for (let c = 0; c < cols; c++) at(ws, to, c).value = at(ws, from, c).value;
}

/** Merges a range without ExcelJS's overlap check, as a hand-edited or buggy file has. */
function rawMerge(ws: ExcelJS.Worksheet, range: string): void {
  const merges = (ws as unknown as { _merges: Record<string, { range: string }> })._merges;
  merges[`raw${Object.keys(merges).length}`] = { range };
}

const NUMBER_TEXTS = ["1.234,5", "1,234.5", "1.234", "27.5%", "27,5 %", "1 234,5 ha", "-3", "1e5"];

const SPECS: CaseSpec[] = [
  // Sheets deleted, renamed, reordered, hidden, protected.
  { name: "no-cover", template: without("cover"), repair: true },
  { name: "no-pl1", template: without("PL1"), repair: true },
  { name: "no-pl2", template: without("PL2") },
  { name: "no-lists-sheet", template: without("lists") },
  { name: "only-cover", template: (t) => ({ sheets: t.sheets.filter((s) => s.role === "cover") }) },
  { name: "renamed-pl1", template: renamed({ PL1: "PL1 (sửa)" }), repair: true },
  { name: "renamed-all", template: renamed({ cover: "Sheet1", PL1: "Sheet2", PL2: "Sheet3" }) },
  { name: "renamed-swapped", template: renamed({ PL1: PL2, PL2: PL1 }) },
  { name: "reordered", template: (t) => ({ sheets: t.sheets.slice().reverse() }) },
  { name: "hidden-pl2", tweak: (wb) => void (sheet(wb, PL2).state = "hidden") },
  { name: "veryhidden-pl1", tweak: (wb) => void (sheet(wb, PL1).state = "veryHidden") },
  { name: "hidden-rows-cols", tweak: (wb, t) => {
    const ws = sheet(wb, PL1);
    ws.getRow(t.rowOf("PL1", t.pl1Ids[3]) + 1).hidden = true;
    ws.getRow(t.rowOf("PL1", t.pl1Ids[4]) + 1).hidden = true;
    ws.getColumn(colOf("PL1", "note") + 1).hidden = true;
    sheet(wb, PL2).getColumn(colOf("PL2", "baseline") + 1).hidden = true;
  } },
  { name: "protected-password", tweak: async (wb) => {
    await sheet(wb, PL1).protect("mật-khẩu", { selectLockedCells: true });
  }, keepProtected: [PL1] },
  { name: "protected-cover-nopassword", tweak: async (wb) => {
    await sheet(wb, SHEET_NAMES.cover).protect("", {});
  }, keepProtected: [SHEET_NAMES.cover] },
  { name: "unprotected-all", tweak: (wb) => {
    wb.eachSheet((ws) => ws.unprotect());
  }, repair: true },
  // Rows moved and inserted.
  { name: "rows-swapped", tweak: (wb, t) => {
    const ws = sheet(wb, PL2);
    const a = t.rowOf("PL2", t.pl2Ids[10]);
    const b = t.rowOf("PL2", t.pl2Ids[40]);
    const keep = Array.from({ length: 8 }, (_, c) => at(ws, a, c).value);
    copyRowValues(ws, b, a, 8);
    keep.forEach((v, c) => (at(ws, b, c).value = v));
  }, repair: true },
  { name: "rows-inserted-blank", tweak: (wb, t) => {
    const ws = sheet(wb, PL1);
    ws.spliceRows(t.rowOf("PL1", t.pl1Ids[5]) + 1, 0, [], [], []);
  }, repair: true },
  { name: "rows-inserted-junk", tweak: (wb, t) => {
    const ws = sheet(wb, PL2);
    ws.spliceRows(t.rowOf("PL2", t.pl2Ids[20]) + 1, 0, ["x", "Dòng rác chèn thêm", "ha", 12, "abc", "???"], [null, "Tổng cộng", null, 1e9, -5]);
  } },
  { name: "header-row-only", tweak: (wb) => {
    const ws = sheet(wb, PL1);
    ws.spliceRows(HEADER_ROW + 2, ws.rowCount);
    const ws2 = sheet(wb, PL2);
    ws2.spliceRows(HEADER_ROW + 2, ws2.rowCount);
  } },
  { name: "header-row-deleted", tweak: (wb) => void sheet(wb, PL1).spliceRows(HEADER_ROW + 1, 1) },
  { name: "id-column-deleted", tweak: (wb) => {
    sheet(wb, PL1).spliceColumns(colOf("PL1", "id") + 1, 1);
    sheet(wb, PL2).spliceColumns(colOf("PL2", "id") + 1, 1);
  }, repair: true },
  { name: "label-column-deleted", tweak: (wb) => void sheet(wb, PL2).spliceColumns(colOf("PL2", "label") + 1, 1) },
  { name: "status-column-filled", tweak: (wb, t) => {
    t.pl1Ids.forEach((id) => (input(wb, "PL1", id, "status").value = "Đạt (tự ghi)"));
    t.pl2Ids.slice(0, 30).forEach((id) => (input(wb, "PL2", id, "status").value = "Tăng"));
  } },
  { name: "ids-scrambled", tweak: (wb, t) => {
    input(wb, "PL1", t.pl1Ids[0], "id").value = t.pl1Ids[1];
    input(wb, "PL1", t.pl1Ids[1], "id").value = "PL9-999";
    input(wb, "PL2", t.pl2Ids[0], "id").value = "__proto__";
  } },
  // Merges.
  { name: "merge-over-values", tweak: (wb, t) => {
    // Two indicator rows' 2013, 2022 and note cells under one merge: values beneath it hide.
    const r = t.rowOf("PL1", t.pl1Ids[2]) + 1;
    sheet(wb, PL1).mergeCells(r, colOf("PL1", "baseline") + 1, r, colOf("PL1", "note") + 1);
    const r2 = t.rowOf("PL2", t.pl2Ids[8]) + 1;
    sheet(wb, PL2).mergeCells(r2, colOf("PL2", "baseline") + 1, r2 + 1, colOf("PL2", "result") + 1);
  } },
  { name: "merge-overlapping", tweak: (wb, t) => {
    const r = t.rowOf("PL2", t.pl2Ids[5]) + 1;
    rawMerge(sheet(wb, PL2), `D${r}:F${r + 2}`);
    rawMerge(sheet(wb, PL2), `E${r + 1}:G${r + 3}`);
  } },
  { name: "merge-whole-table", tweak: (wb) => {
    const ws = sheet(wb, PL2);
    // Title merges first have to go, or ExcelJS refuses the overlap.
    const merges = (ws as unknown as { _merges: Record<string, { range: string }> })._merges;
    for (const m of Object.keys(merges).map((k) => merges[k].range)) ws.unMergeCells(m);
    ws.mergeCells(`A1:H${HEADER_ROW + 3}`);
  } },
  // Error values, formulas.
  ...["#N/A", "#REF!", "#DIV/0!", "#VALUE!"].map((e) => ({
    name: `error-${e.replace(/[^A-Z0-9]/gi, "")}`,
    tweak: putMany([{ error: e } as ExcelJS.CellErrorValue, { error: e } as ExcelJS.CellErrorValue]),
  })),
  { name: "formula-div0", tweak: putMany([{ formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue]) },
  { name: "formula-ref-a1", tweak: putMany([{ formula: "A1", result: "Phụ lục 1" } as ExcelJS.CellFormulaValue, { formula: "A1" } as ExcelJS.CellFormulaValue]) },
  { name: "formula-hyperlink", tweak: putMany([{ formula: 'HYPERLINK("http://x","y")', result: "y" } as ExcelJS.CellFormulaValue]) },
  { name: "formula-sum", tweak: putMany([{ formula: "SUM(E6:E9)", result: 42 } as ExcelJS.CellFormulaValue, { formula: "SUM(1,2)", result: 3 } as ExcelJS.CellFormulaValue]) },
  // Huge texts.
  { name: "long-label", tweak: (wb, t) => void (input(wb, "PL1", t.pl1Ids[0], "label").value = LONG) },
  { name: "long-value", tweak: putMany([LONG]) },
  { name: "long-note", tweak: (wb, t) => void (input(wb, "PL2", t.pl2Ids[3], "note").value = LONG) },
  // Number texts and real numbers.
  { name: "number-texts", tweak: putMany(NUMBER_TEXTS) },
  { name: "percent-numbers", tweak: (wb, t) => {
    t.pl1Ids.slice(0, 12).forEach((id, i) => {
      const c = input(wb, "PL1", id, "result");
      c.value = i % 3 === 0 ? 1.275 : 0.275 + i / 100;
      c.numFmt = i % 2 ? "0.0%" : "0%";
    });
  } },
  { name: "real-numbers", tweak: putMany([1234.5, -7, 0, 1e308, 3.14159, 1e-9]) },
  { name: "dates", tweak: putMany([new Date(Date.UTC(2023, 1, 2)), new Date(Date.UTC(2022, 11, 31))]) },
  { name: "date-from-2-2", tweak: (wb, t) => {
    for (const id of t.pl2Ids.slice(0, 6)) {
      const c = input(wb, "PL2", id, "result");
      c.value = new Date(Date.UTC(2023, 1, 2));
      c.numFmt = "d-mmm";
    }
  } },
  { name: "booleans", tweak: putMany([true, false]) },
  { name: "rich-text", tweak: putMany([{ richText: [{ text: "12", font: { bold: true } }, { text: ",5 ha", font: { italic: true } }] } as ExcelJS.CellRichTextValue]) },
  { name: "hyperlink-values", tweak: putMany([{ text: "85%", hyperlink: "http://example.invalid/" } as ExcelJS.CellHyperlinkValue]) },
  // Unicode oddities.
  { name: "nfd-labels", tweak: (wb, t) => {
    for (const id of t.pl1Ids) {
      const c = input(wb, "PL1", id, "label");
      c.value = String(c.value ?? "").normalize("NFD");
    }
  } },
  { name: "zero-width", tweak: (wb, t) => {
    for (const id of t.pl2Ids.slice(0, 40)) {
      const c = input(wb, "PL2", id, "label");
      c.value = String(c.value ?? "").replace(/ /g, " \u200b");
      const v = input(wb, "PL2", id, "result");
      if (v.value !== null && v.value !== undefined) v.value = `\u200b${String(v.value)}\u00a0`;
    }
  } },
  { name: "rtl-marks", tweak: putMany(["\u200f12,5\u200e", "\u202e%58\u202c", "\u061c-"]) },
  { name: "emoji", tweak: (wb, t) => {
    putMany(["👍 đạt", "🌳 45%", "❌"])(wb, t);
    input(wb, "PL1", t.pl1Ids[2], "label").value = "🌊 Tỷ lệ 👩‍👩‍👧 chỉ tiêu";
  } },
  { name: "control-chars", tweak: putMany(["12\u0000,5", "\u0007\u001b[31m45%", "a\r\nb\tc"]) },
  { name: "nfd-sheet-names", template: renamed({ PL1: PL1.normalize("NFD"), PL2: PL2.normalize("NFD") }) },
  // Foreign and duplicate content.
  { name: "duplicate-tables", template: (t) => ({
    sheets: t.sheets.concat(t.sheets.filter((s) => s.role === "PL1" || s.role === "PL2").map((s) => ({ ...s, name: `${s.name} (2)` }))),
  }) },
  { name: "foreign-sheet-named-like-ours", template: (t) => ({ sheets: t.sheets.filter((s) => s.role !== "PL1") }), tweak: (wb) => {
    const ws = wb.addWorksheet(PL1);
    ws.addRow(["Danh sách mua sắm", "Số lượng", "Giá"]);
    ws.addRow(["Gạo", 10, "150.000đ"]);
    ws.addRow(["Tỷ lệ che phủ rừng", "50%", null]);
  }, repair: true },
  { name: "extra-1100-columns", tweak: (wb, t) => {
    const ws = sheet(wb, PL2);
    for (let c = 10; c < 1110; c++) at(ws, t.rowOf("PL2", t.pl2Ids[c % 50]), c).value = c % 3 ? `x${c}` : c;
  }, refusedWith: "RequestPayloadSizeLimitExceeded" },
  { name: "junk-rows-below", tweak: (wb) => {
    const ws = sheet(wb, PL1);
    const start = ws.rowCount + 3;
    for (let i = 0; i < 400; i++) ws.getRow(start + i).values = [i, `Dòng thêm ${i}`, "ha", i * 1.5, `${i},5`, "ghi chú"];
  } },
  { name: "all-values-blank", template: () => buildWorkbookTemplate(cat, {}, {}) },
  { name: "english-labels", tweak: (wb, t) => {
    for (const id of t.pl1Ids) {
      const row = cat.rows.find((r) => r.id === id);
      input(wb, "PL1", id, "label").value = row && isIndicator(row) ? row.labelEn : "?";
    }
  } },
  { name: "forged-metadata", tweak: (wb) => {
    // A metadata sheet from nowhere (in place of the template's records): garbage records must not crash the reader.
    const own = wb.getWorksheet(SHEET_NAMES.meta);
    if (own) wb.removeWorksheet(own.id);
    const ws = wb.addWorksheet(SHEET_NAMES.meta, { state: "hidden" });
    ws.addRow(["NQ24_META", "x", "{not json", null, 42]);
    ws.addRow(["mark", PL1, "-1", "999999", "#ZZZ", "??"]);
    ws.addRow(["status", "no such sheet", "3", "4"]);
  } },
  { name: "results-sheet-by-user", tweak: (wb) => {
    const ws = wb.addWorksheet(SHEET_NAMES.results);
    ws.addRow(["Bảng của người dùng", "không phải của add-in"]);
  } },
  // Workbooks with (almost) nothing.
  { name: "empty-sheet-only", template: () => ({ sheets: [] }), tweak: (wb) => void wb.addWorksheet("Sheet1") },
  { name: "single-data-sheet", template: () => ({ sheets: [] }), tweak: (wb) => {
    const ws = wb.addWorksheet("Dữ liệu");
    for (let i = 1; i <= 30; i++) ws.addRow([`Mục ${i}`, i, i * 2.5, i % 2 ? "Có" : "Không"]);
  } },
  { name: "cover-blank", tweak: (wb) => {
    const ws = sheet(wb, SHEET_NAMES.cover);
    ws.getColumn(3).eachCell((c) => (c.value = null));
  } },
  { name: "sheet-name-quotes", template: renamed({ cover: "Bìa's \"x\"", PL2: "PL2 & <b>" }) },
];

/** A deterministic byte stream: the same "random" file on every run. */
function pseudoRandom(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

/** The non-workbooks the command line and the file reader must refuse by name. */
const NOT_WORKBOOKS: { name: string; bytes: (sample: Buffer) => Promise<Buffer> | Buffer }[] = [
  { name: "random-bytes", bytes: () => pseudoRandom(5000, 24) },
  { name: "empty-file", bytes: () => Buffer.alloc(0) },
  { name: "text-file", bytes: () => Buffer.from("STT;Chỉ tiêu;2013;2022\n1;Tỷ lệ;50%;60%\n", "utf8") },
  { name: "zip-no-xlsx-parts", bytes: () => docxLikeZip() },
  { name: "zip-empty", bytes: () => new JSZip().generateAsync({ type: "nodebuffer" }) },
  { name: "zip-bad-xml", bytes: () => {
    const z = new JSZip();
    z.file("[Content_Types].xml", "<Types");
    z.file("xl/workbook.xml", "<<<not xml");
    z.file("xl/_rels/workbook.xml.rels", "\u0000\u0001");
    return z.generateAsync({ type: "nodebuffer" });
  } },
  { name: "truncated-xlsx", bytes: (sample) => sample.subarray(0, Math.floor(sample.length / 2)) },
  { name: "truncated-tail", bytes: (sample) => sample.subarray(0, sample.length - 10) },
  { name: "ole-encrypted", bytes: () => encryptedXlsxBytes() },
  { name: "ole-legacy-xls", bytes: () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]) },
  { name: "zip-bomb-declared", bytes: () => bombZip() },
  { name: "zip-many-entries", bytes: () => manyEntriesZip() },
];

/** Every case with the file it is written to, known before anything is generated. */
export function malformedCases(dir: string): MalformedCase[] {
  const out: MalformedCase[] = [{ name: "sample", kind: "workbook", file: join(dir, "00-sample.xlsx"), repair: true }];
  let i = 1;
  for (const spec of SPECS) {
    out.push({ name: spec.name, kind: "workbook", file: join(dir, `${String(i++).padStart(2, "0")}-${spec.name}.xlsx`), repair: spec.repair, cliOnly: spec.cliOnly, keepProtected: spec.keepProtected, refusedWith: spec.refusedWith });
  }
  for (const nw of NOT_WORKBOOKS) out.push({ name: nw.name, kind: "notWorkbook", file: join(dir, `${String(i++).padStart(2, "0")}-${nw.name}.xlsx`) });
  return out;
}

/** Writes every case into `dir` (created if needed) and lists them. */
export async function generateMalformed(dir: string): Promise<MalformedCase[]> {
  await fs.mkdir(dir, { recursive: true });
  const cases = malformedCases(dir);
  const sample = Buffer.from(await writeTemplate(baseTemplate()).xlsx.writeBuffer());
  await fs.writeFile(cases[0].file, sample);
  for (const spec of SPECS) {
    const wb = writeTemplate(spec.template ? spec.template(baseTemplate()) : baseTemplate());
    if (spec.tweak) await spec.tweak(wb, layout);
    await wb.xlsx.writeFile((cases.find((c) => c.name === spec.name) as MalformedCase).file);
  }
  for (const nw of NOT_WORKBOOKS) {
    await fs.writeFile((cases.find((c) => c.name === nw.name) as MalformedCase).file, await nw.bytes(sample));
  }
  return cases;
}

export { layout as sampleLayout };

// ------------------------------------------------------------------ the fake's cells

const ERROR_TEXTS = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"];

/**
 * Loads a case into the strict fake. A formula whose cached result is an error comes out of
 * loadXlsx as an object ({error}); Excel holds the error value itself, so it is put back
 * that way here.
 */
export async function loadCase(file: string): Promise<FakeWorkbook> {
  const wb = await loadXlsx(file);
  for (const s of wb.sheets) {
    s.cells.forEach((c, k) => {
      const v = c.value as unknown;
      if (v !== null && typeof v === "object") {
        const e = (v as { error?: string }).error;
        s.cells.set(k, { ...c, value: e && ERROR_TEXTS.indexOf(e) >= 0 ? e : null, error: !!e });
      }
    });
  }
  return wb;
}

/** What a user does before checking a file whose sheets they did not protect themselves. */
export function unprotectAll(wb: FakeWorkbook, keep: string[] = []): void {
  for (const s of wb.sheets) if (keep.indexOf(s.name) < 0) s.protected = false;
}

/**
 * Every cell that holds something, as value, formula, error flag and displayed text: a
 * stricter record than test/fake/helpers' userCells, which leaves formulas out.
 */
export function snapshotCells(wb: FakeWorkbook): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of wb.sheets) {
    s.cells.forEach((c, k) => {
      if ((c.value === null || c.value === "") && !c.formula) return;
      const [r, col] = k.split(",").map(Number);
      out.set(`${s.name}!${a1(r, col)}`, JSON.stringify([c.value, c.formula, !!c.error, textOf(c)]));
    });
  }
  return out;
}

/** The add-in's records in the fake workbook (empty when it has none). */
export function fakeMeta(wb: FakeWorkbook): AddinMetadata {
  const s = wb.sheets.find((x) => x.name === SHEET_NAMES.meta);
  const rows: CellValue[][] = [];
  if (s) {
    s.cells.forEach((c, k) => {
      const [r, cc] = k.split(",").map(Number);
      while (rows.length <= r) rows.push([]);
      rows[r][cc] = c.value;
    });
  }
  return decodeMetadata(rows.map((r) => Array.from({ length: 8 }, (_, i) => (r[i] === undefined ? null : r[i]))));
}

/**
 * Whether a cell is the add-in's to write: its metadata sheet, the results sheet it
 * recorded, and the status cells it recorded.
 */
export function ownedCells(wb: FakeWorkbook): (key: string) => boolean {
  const meta = fakeMeta(wb);
  const sheets = new Set<string>([SHEET_NAMES.meta]);
  if (meta.run.resultsSheet) sheets.add(meta.run.resultsSheet);
  const cells = new Set((meta.statusCells ?? []).map((c) => `${c.sheet}!${a1(c.row, c.col)}`));
  return (k) => sheets.has(k.slice(0, k.lastIndexOf("!"))) || cells.has(k);
}

/** Cells that held something before and differ now, the add-in's own cells aside. */
export function diffCells(before: Map<string, string>, after: Map<string, string>, owned: (key: string) => boolean): string[] {
  const out: string[] = [];
  before.forEach((v, k) => {
    if (owned(k)) return;
    const n = after.get(k);
    if (n !== v) out.push(`${k}: ${v.slice(0, 120)} → ${n === undefined ? "(empty)" : n.slice(0, 120)}`);
  });
  return out;
}

/** What is typed in the input columns of our appendix sheets, by the hidden indicator id. */
export function inputValuesById(wb: FakeWorkbook): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of ["PL1", "PL2"] as const) {
    const s = wb.sheets.find((x) => x.name === SHEET_NAMES[a]);
    if (!s) continue;
    const idCol = colOf(a, "id");
    s.cells.forEach((c, k) => {
      const [r, col] = k.split(",").map(Number);
      if (col !== idCol || typeof c.value !== "string" || !/^PL[12]-\d+$/.test(c.value)) return;
      for (const key of ["baseline", "result", "note"] as const) {
        const v = s.cells.get(`${r},${colOf(a, key)}`);
        if (v && v.value !== null && v.value !== "") out[`${c.value} ${key}`] = JSON.stringify([v.value, v.formula]);
      }
    });
  }
  return out;
}

// ------------------------------------------------------------------ the command line

function newestMtime(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    t = Math.max(t, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return t;
}

/**
 * The command line compiled (tsconfig.node.json) into test-artifacts/cli/<state of src>/build
 * with a byte-identical copy of bin/nq24.js beside it, so `node <copy> check …` runs exactly
 * what `node bin/nq24.js check …` runs. A folder of its own because cli.test.ts recompiles
 * build/ meanwhile, and a half-written file there must not make these runs flaky; compiled
 * only when src/ changed (a fresh clone compiles on its first run); moved into place whole.
 * Returns the path of the bin copy.
 */
export function buildCli(root: string): string {
  const stamp = Math.floor(newestMtime(join(root, "src"))).toString(36);
  const base = join(root, "test-artifacts", "cli");
  const ready = join(base, stamp);
  const bin = join(ready, "bin", "nq24.js");
  if (existsSync(join(ready, "build", "cli", "nq24.js")) && existsSync(bin)) return bin;
  mkdirSync(base, { recursive: true });
  // Builds of older states of src/ pile up as the code changes: drop those a day old.
  for (const name of readdirSync(base)) {
    const p = join(base, name);
    if (statSync(p).mtimeMs < Date.now() - 86400000) rmSync(p, { recursive: true, force: true });
  }
  const work = mkdtempSync(join(base, `${stamp}.tmp-`));
  execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.node.json"), "--outDir", join(work, "build")], { cwd: root, stdio: "inherit" });
  mkdirSync(join(work, "bin"));
  copyFileSync(join(root, "bin", "nq24.js"), join(work, "bin", "nq24.js"));
  try {
    renameSync(work, ready);
  } catch {
    // Another run finished the same build first: use it.
    rmSync(work, { recursive: true, force: true });
  }
  return bin;
}
