/**
 * Province consolidation written into the open workbook: the engine's consolidation
 * sheets, added beside the user's (never over one), as writes packed under Excel on the
 * web's request limit — a province of hundreds of districts fills tens of thousands of
 * cells, coloured by completeness, far more than one request holds.
 *
 * Sync budget: the sheet names (1), then as few write syncs as the writes need (one for a
 * few districts). Column widths need ExcelApi 1.2, frozen header rows 1.7; without them
 * the sheets are still complete.
 */
import { consolidationSheets, type Consolidation, type ConsolidationSheet, type Lang, type SheetCell, type StyledCell } from "../../engine/consolidate";
import { a1, rangeA1 } from "./a1";
import { actionBytes, NAV_BYTES, pathBytes, sheetNamed, syncInBatches, textBlockBytes, Write, writeRange } from "./batch";
import { Capabilities, hostCapabilities } from "./capabilities";
import { ACTIONS } from "./errors";
import { timed } from "./sync";

const WRITE_ACTION = { vi: "ghi trang tổng hợp", en: "writing the consolidation sheets" };

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

/** Under the 1,500 cells above which the library splits a values write itself. */
const CELLS_PER_WRITE = 1400;

function sheetWrites(context: Excel.RequestContext, l: SheetLayout, caps: Capabilities): Write[] {
  const ws = () => sheetNamed(context, l.name);
  const writes: Write[] = [{ bytes: pathBytes(l.name), queue: () => void context.workbook.worksheets.add(l.name) }];
  const rowsPer = Math.max(1, Math.floor(CELLS_PER_WRITE / l.width));
  for (let i = 0; i < l.matrix.length; i += rowsPer) {
    const rows = l.matrix.slice(i, i + rowsPer);
    // Text format first, so nothing typed-looking ("2/2", "1.234") is reinterpreted.
    const formats = rows.map((row) => row.map((v) => (typeof v === "number" ? "#,##0.##" : "@")));
    writes.push({
      bytes: textBlockBytes("A1:ZZ1400", rows, formats),
      queue: () => {
        const block = writeRange(context, ws(), rangeA1({ row: i, col: 0, rowCount: rows.length, colCount: l.width }));
        block.numberFormat = formats;
        block.values = rows;
      },
    });
  }
  const header = rangeA1({ row: l.headerRow, col: 0, rowCount: 1, colCount: l.width });
  writes.push({ fill: { sheet: l.name, address: header, color: "#D9E2F3" } });
  writes.push({
    bytes: 3 * (pathBytes(header) + 2 * NAV_BYTES + 2 * actionBytes(true)),
    queue: () => {
      writeRange(context, ws(), rangeA1({ row: 0, col: 0, rowCount: l.matrix.length, colCount: l.width })).format.wrapText = false;
      const h = writeRange(context, ws(), header);
      h.format.font.bold = true;
      h.format.wrapText = true;
      writeRange(context, ws(), "A1").format.font.bold = true;
    },
  });
  if (caps.protection) {
    l.sheet.widths.forEach((w, j) => {
      writes.push({ bytes: pathBytes("A1") + NAV_BYTES + actionBytes(100), queue: () => void (writeRange(context, ws(), a1(0, j)).format.columnWidth = Math.round(w * 7)) });
    });
  }
  if (caps.freezePanes) writes.push({ bytes: NAV_BYTES + actionBytes(l.headerRow + 1), queue: () => ws().freezePanes.freezeRows(l.headerRow + 1) });
  // Fills in runs of equal colour along each row, painted by colour (batch.ts groups them).
  l.sheet.rows.forEach((row, i) => {
    let start = 0;
    for (let j = 1; j <= row.length; j++) {
      const colour = styled(row[start]).fill ?? "";
      if (j < row.length && (styled(row[j]).fill ?? "") === colour) continue;
      if (colour) writes.push({ fill: { sheet: l.name, address: rangeA1({ row: l.headerRow + 1 + i, col: start, rowCount: 1, colCount: j - start }), color: colour } });
      start = j;
    }
  });
  if (l.sheet.chart && l.sheet.rows.length > 0) {
    const { categoryCol, valueCol, title } = l.sheet.chart;
    const first = Math.min(categoryCol, valueCol);
    const source = `${a1(l.headerRow, first)}:${a1(l.headerRow + l.sheet.rows.length, Math.max(categoryCol, valueCol))}`;
    writes.push({
      bytes: pathBytes(source) + pathBytes(["BarClustered", "Columns"]) + 2 * NAV_BYTES + 7 * actionBytes(title),
      queue: () => {
        const sheet = ws();
        const chart = sheet.charts.add("BarClustered", sheet.getRange(source), "Columns");
        chart.title.text = title;
        chart.legend.visible = false;
        chart.top = 10;
        chart.left = 700;
        chart.height = Math.max(220, 22 * l.sheet.rows.length);
        chart.width = 420;
      },
    });
  }
  return writes;
}

/** Writes the consolidation sheets and chart; returns the names used. */
export async function writeConsolidationToExcel(context: Excel.RequestContext, c: Consolidation, lang: Lang = "vi", caps: Capabilities = hostCapabilities()): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await timed(context.sync(), { action: ACTIONS.read });
  const taken = new Set(sheets.items.map((s) => s.name));
  const layouts = consolidationSheets(c, lang).map((s) => {
    const name = freeName(s.name, taken);
    taken.add(name);
    return layoutSheet(s, name);
  });
  const writes = layouts.flatMap((l) => sheetWrites(context, l, caps));
  writes.push({ bytes: actionBytes(), queue: () => sheetNamed(context, layouts[0].name).activate() });
  await syncInBatches(context, writes, caps, { action: WRITE_ACTION });
  return layouts.map((l) => l.name);
}
