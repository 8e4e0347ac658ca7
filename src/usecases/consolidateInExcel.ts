/**
 * Province consolidation from the task pane: the user picks district workbooks (.xlsx,
 * .xlsm, .xls, .ods), the reader (loaded only now, in this chunk; SheetJS in a chunk of its
 * own, only for .xls) reads them, the engine consolidates, and the consolidation sheets
 * are written into the open workbook — one sync to learn the sheet names, one sync for
 * every write — with a chart of how complete each district is.
 */
import type { Catalogue, Text2 } from "../catalogue/types";
import { readSpreadsheet, type SheetJsModule } from "../adapters/xlsx/reader";
import { XlsxError } from "../adapters/xlsx/errors";
import { fileMessages } from "../adapters/xlsx/reader/messages";
import { checkWorkbook } from "../engine/check";
import { consolidate, consolidationSheets, type Consolidation, type ConsolidationSheet, type DistrictInput, type Lang, type RefusedFile, type SheetCell, type StyledCell } from "../engine/consolidate";
import { a1, rangeA1 } from "../engine/layout";
// Without Web Crypto, duplicates are found by unit only.
import { sha256Hex } from "./hash";

/** What the pane hands over: a browser File, or anything with a name and bytes. */
export interface PickedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ConsolidateInExcelOptions {
  lang?: Lang;
  onProgress?: (done: number, total: number) => void;
  now?: Date;
}

async function loadSheetJs(): Promise<SheetJsModule> {
  const mod = (await import(/* webpackChunkName: "xls" */ "@e965/xlsx")) as SheetJsModule & { default?: SheetJsModule };
  return typeof mod.read === "function" ? mod : (mod.default as SheetJsModule);
}

export async function consolidatePicked(files: PickedFile[], catalogue: Catalogue, options: ConsolidateInExcelOptions = {}): Promise<Consolidation> {
  const lang = options.lang ?? "vi";
  const inputs: DistrictInput[] = [];
  const refused: RefusedFile[] = [];
  let done = 0;
  for (const f of files) {
    try {
      const bytes = new Uint8Array(await f.arrayBuffer());
      const { snapshot, recordedRun } = await readSpreadsheet(bytes, { name: f.name }, loadSheetJs);
      const result = checkWorkbook(snapshot, catalogue, { lang, now: options.now });
      const catalogueVersion = recordedRun?.catalogueVersion || result.plan.verdict.catalogueVersion;
      inputs.push({
        source: { fileName: f.name, unit: result.cover.unit ?? "", reportDate: result.cover.reportDate ?? "", catalogueVersion, hash: await sha256Hex(bytes) },
        result,
      });
    } catch (e) {
      // Our refusals say what is wrong in the user's words; any other fault is not theirs to read.
      refused.push(e instanceof XlsxError ? { fileName: e.file, message: { vi: e.vi, en: e.en } } : { fileName: f.name, message: fileMessages.unreadable });
    }
    done++;
    options.onProgress?.(done, files.length);
  }
  return consolidate(inputs, catalogue, refused, options.now);
}

function styled(c: SheetCell): StyledCell {
  return c !== null && typeof c === "object" ? c : { v: c };
}

/**
 * Values for range.values. Every text cell gets the text number format ("@") in the same
 * batch, before its value, so Excel stores text beginning with = + - @ as text rather than
 * running it as a formula; no apostrophe is added (in a text cell it would be kept).
 */
export function literalForExcel(v: string | number | null): string | number {
  return v === null ? "" : v;
}

/** A name not yet taken: "Tổng hợp", then "Tổng hợp (2)"… (Excel caps names at 31 characters). */
export function freeName(base: string, taken: Set<string>): string {
  const lower = new Set(Array.from(taken, (n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const n = `${base} (${i})`.slice(0, 31);
    if (!lower.has(n.toLowerCase())) return n;
  }
}

interface SheetLayout {
  sheet: ConsolidationSheet;
  name: string;
  headerRow: number;
  width: number;
  matrix: (string | number)[][];
}

function layoutSheet(sheet: ConsolidationSheet, name: string): SheetLayout {
  const width = Math.max(sheet.header.length, ...sheet.rows.map((r) => r.length), 1);
  const matrix: (string | number)[][] = [];
  const pad = (cells: (string | number)[]) => {
    while (cells.length < width) cells.push("");
    return cells;
  };
  for (const line of sheet.preamble) matrix.push(pad(line.map((c) => literalForExcel(styled(c).v))));
  matrix.push(pad([]));
  const headerRow = matrix.length;
  matrix.push(pad(sheet.header.map((h) => literalForExcel(h))));
  for (const row of sheet.rows) matrix.push(pad(row.map((c) => literalForExcel(styled(c).v))));
  return { sheet, name, headerRow, width, matrix };
}

/** Requirement-set check; outside Office (tests, scripts) only ExcelApi 1.1 is assumed. */
function supports(version: string): boolean {
  try {
    return typeof Office !== "undefined" && !!Office.context?.requirements?.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}

/** A range by 0-based indexes, through getRange (ExcelApi 1.1; getRangeByIndexes needs 1.7). */
function rangeAt(ws: Excel.Worksheet, row: number, col: number, rowCount: number, colCount: number): Excel.Range {
  return ws.getRange(rangeA1({ row, col, rowCount, colCount }));
}

/** Writes the consolidation sheets and chart; returns the names used. */
export async function writeConsolidationToExcel(context: Excel.RequestContext, c: Consolidation, lang: Lang = "vi"): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const taken = new Set(sheets.items.map((s) => s.name));
  const layouts = consolidationSheets(c, lang).map((s) => {
    const name = freeName(s.name, taken);
    taken.add(name);
    return layoutSheet(s, name);
  });
  for (const l of layouts) {
    const ws = sheets.add(l.name);
    const all = rangeAt(ws, 0, 0, l.matrix.length, l.width);
    // Text format first, so nothing typed-looking ("2/2", "1.234") is reinterpreted.
    all.numberFormat = l.matrix.map((row) => row.map((v) => (typeof v === "number" ? "#,##0.##" : "@")));
    all.values = l.matrix;
    all.format.wrapText = false;
    const header = rangeAt(ws, l.headerRow, 0, 1, l.width);
    header.format.font.bold = true;
    header.format.fill.color = "#D9E2F3";
    header.format.wrapText = true;
    rangeAt(ws, 0, 0, 1, 1).format.font.bold = true;
    // Column widths need ExcelApi 1.2, frozen header rows 1.7: without them the sheet is still complete.
    if (supports("1.2")) {
      l.sheet.widths.forEach((w, j) => {
        rangeAt(ws, 0, j, 1, 1).format.columnWidth = Math.round(w * 7);
      });
    }
    if (supports("1.7")) ws.freezePanes.freezeRows(l.headerRow + 1);
    // Fills, merged into runs of equal colour along each row to keep the request small.
    l.sheet.rows.forEach((row, i) => {
      let start = -1;
      let colour = "";
      const flush = (end: number) => {
        if (colour && start >= 0) rangeAt(ws, l.headerRow + 1 + i, start, 1, end - start).format.fill.color = colour;
      };
      row.forEach((cellValue, j) => {
        const f = styled(cellValue).fill ?? "";
        if (f !== colour) {
          flush(j);
          start = j;
          colour = f;
        }
      });
      flush(row.length);
    });
    // Charts exist from ExcelApi 1.1; a host object without them gets the sheets alone.
    const charts = (ws as { charts?: Excel.ChartCollection }).charts;
    if (l.sheet.chart && l.sheet.rows.length > 0 && charts) {
      const { categoryCol, valueCol, title } = l.sheet.chart;
      const first = Math.min(categoryCol, valueCol);
      const source = ws.getRange(`${a1(l.headerRow, first)}:${a1(l.headerRow + l.sheet.rows.length, Math.max(categoryCol, valueCol))}`);
      const chart = charts.add("BarClustered", source, "Columns");
      chart.title.text = title;
      chart.legend.visible = false;
      chart.top = 10;
      chart.left = 700;
      chart.height = Math.max(220, 22 * l.sheet.rows.length);
      chart.width = 420;
    }
  }
  sheets.getItem(layouts[0].name).activate();
  await context.sync();
  return layouts.map((l) => l.name);
}

export async function consolidateInExcel(files: PickedFile[], catalogue: Catalogue, options: ConsolidateInExcelOptions = {}): Promise<Text2> {
  const lang = options.lang ?? "vi";
  const c = await consolidatePicked(files, catalogue, options);
  if (c.districts.length === 0) {
    const why = c.refused.map((r) => `${r.fileName}: ${r.message.vi}`).join("; ");
    const whyEn = c.refused.map((r) => `${r.fileName}: ${r.message.en}`).join("; ");
    return { vi: `Không tổng hợp được file nào. ${why}`, en: `No file could be consolidated. ${whyEn}` };
  }
  await Excel.run(async (context) => {
    await writeConsolidationToExcel(context, c, lang);
  });
  const counted = c.districts.filter((d) => !d.duplicateOf).length;
  const refusedVi = c.refused.length ? ` Không đọc được: ${c.refused.map((r) => `${r.fileName} (${r.message.vi})`).join("; ")}.` : "";
  const refusedEn = c.refused.length ? ` Could not read: ${c.refused.map((r) => `${r.fileName} (${r.message.en})`).join("; ")}.` : "";
  return {
    vi: `Đã tổng hợp ${counted} báo cáo (${c.notReady.length} chưa sẵn sàng, ${c.districts.length - counted} trùng, ${c.outliers.length} số liệu bất thường).${refusedVi}`,
    en: `Consolidated ${counted} reports (${c.notReady.length} not ready, ${c.districts.length - counted} duplicates, ${c.outliers.length} outliers).${refusedEn}`,
  };
}
