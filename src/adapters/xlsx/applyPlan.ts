/**
 * Applies the engine's Plan to an ExcelJS workbook for the annotated copy: status texts,
 * cell marks (fill + note), the results sheet with links, the verdict block, and the
 * record of every mark in the hidden metadata sheet so "clear marks" can undo exactly
 * those. Texts are written as literals, never as formulas.
 */
import type * as ExcelJS from "exceljs";
import { SHEET_NAMES, a1 } from "../../engine/layout";
import { META_FORMAT_VERSION, META_WIDTH, RESULTS_SIGNATURES, decodeMetadata, emptyMetadata, type AddinMetadata, type AddinSheetRecord, type StoredMark } from "../../engine/metadata";
import type { CellValue, Plan, Severity, StatusCellWrite } from "../../engine/types";
import { STATUS_TEXT, TREND_TEXT } from "../../engine/status";
import { applyStyle, argb, setLiteral, writeMetaSheet } from "./write";

export type Lang = "vi" | "en";

/** Status colours: good green, bad red, missing grey, not applicable / unchanged amber. */
const STATUS_FILL: Record<StatusCellWrite["kind"], string> = {
  header: "",
  increased: "#DDEBF7",
  decreased: "#DDEBF7",
  achieved: "#C6EFCE",
  exceeded: "#C6EFCE",
  better: "#C6EFCE",
  notAchieved: "#FFC7CE",
  worse: "#FFC7CE",
  noData: "#EDEDED",
  unknown: "#EDEDED",
  notApplicable: "#FFF2CC",
  unchanged: "#FFF2CC",
  noTarget: "#FFFFFF",
};

function cellFill(cell: ExcelJS.Cell): string {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  if (f && f.type === "pattern" && f.pattern === "solid" && f.fgColor && typeof f.fgColor.argb === "string") {
    return "#" + f.fgColor.argb.slice(-6);
  }
  return "";
}

/**
 * A cell of a loaded file shares its style object with every cell of the same look: it
 * gets a copy of its own before its fill changes, or the change would reach all of them.
 */
function ownStyle(cell: ExcelJS.Cell): ExcelJS.Cell {
  cell.style = { ...cell.style };
  return cell;
}

function hasNote(cell: ExcelJS.Cell): boolean {
  return cell.note !== undefined && cell.note !== null && cell.note !== "";
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** ExcelJS cell value (plain data, not an Office.js proxy). */
function cellValueOf(ws: ExcelJS.Worksheet, r: number, c: number): unknown {
  return ws.findCell(r, c)?.value;
}

/**
 * Undoes what a previous check recorded: fills restored, notes it added removed, status
 * cells emptied, its results sheet deleted. Returns the number of marks undone.
 */
function readRecords(meta: ExcelJS.Worksheet): AddinMetadata {
  const rows: CellValue[][] = [];
  for (let r = 1; r <= meta.rowCount; r++) {
    const vals: CellValue[] = [];
    for (let c = 1; c <= META_WIDTH; c++) {
      const v = cellValueOf(meta, r, c);
      vals.push(v === null || v === undefined ? null : typeof v === "object" ? String((v as { text?: unknown }).text ?? "") : (v as CellValue));
    }
    rows.push(vals);
  }
  return decodeMetadata(rows);
}

/** The sheets the records name as the add-in's (still in the workbook). */
function recordedSheets(wb: ExcelJS.Workbook): AddinSheetRecord[] {
  const meta = wb.getWorksheet(SHEET_NAMES.meta);
  return meta ? readRecords(meta).sheets.filter((x) => wb.getWorksheet(x.name)) : [];
}

export function clearRecordedMarks(wb: ExcelJS.Workbook): number {
  const meta = wb.getWorksheet(SHEET_NAMES.meta);
  if (!meta) return 0;
  const decoded = readRecords(meta);
  const records = decoded.marks;
  // Status cells are the add-in's own: emptied, so a re-check starts from a clean column.
  for (const c of decoded.statusCells ?? []) {
    const cell = wb.getWorksheet(c.sheet)?.findCell(c.row + 1, c.col + 1);
    if (!cell) continue;
    // Holding something other than what was written (a column was inserted): the user's now.
    if (c.text !== undefined && String(cell.value ?? "") !== c.text) continue;
    cell.value = null;
    ownStyle(cell).fill = { type: "pattern", pattern: "none" };
  }
  for (const r of records) {
    const ws = wb.getWorksheet(r.sheet);
    if (!ws) continue;
    const cell = ownStyle(ws.getCell(r.row + 1, r.col + 1));
    // Excel keeps the fill a mark replaced in a format copy on the metadata sheet (its address
    // in the record) when it could not read the colour first: that copy's fill is the one to restore.
    const vaulted = !r.previousFill && r.vault ? cellFill(meta.getCell(r.vault)) : "";
    const previousFill = r.previousFill || (vaulted.toUpperCase() === "#FFFFFF" ? "" : vaulted);
    if (previousFill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(previousFill) } };
    else cell.fill = { type: "pattern", pattern: "none" };
    // noteKind "note" says the add-in wrote that note (either adapter); a user's note has "none".
    if (r.noteKind === "note") (cell as unknown as { note: unknown }).note = undefined;
  }
  // Only a sheet the metadata names as the add-in's results is deleted, never a user's sheet.
  const results = new Set<string>(decoded.sheets.filter((x) => x.role === "results").map((x) => x.name));
  if (decoded.run.resultsSheet) results.add(decoded.run.resultsSheet);
  for (const name of results) {
    const ws = wb.getWorksheet(name);
    // Still carrying our title: a user sheet that took the name of a deleted results sheet stays.
    if (ws && RESULTS_SIGNATURES.indexOf(String(cellValueOf(ws, 1, 1) ?? "")) >= 0 && !/^(Phụ lục [12]|Bìa)( \(\d+\))?$/.test(name)) wb.removeWorksheet(ws.id);
  }
  // The records of the report sheets stay (the add-in may still unprotect them); the rest goes.
  const kept = decoded.sheets.filter((x) => x.role !== "results" && !results.has(x.name) && wb.getWorksheet(x.name));
  // Warnings the district set aside are its decisions, not marks: they stay.
  if (kept.length || decoded.ignored?.length) writeMetaSheet(wb, { ...emptyMetadata(), sheets: kept, ignored: decoded.ignored });
  else wb.removeWorksheet(meta.id);
  return records.length;
}

/** "Kết quả kiểm tra", or "Kết quả kiểm tra (2)"… when the user has a sheet of that name. */
function freeSheetName(wb: ExcelJS.Workbook, base: string): string {
  const taken = new Set(wb.worksheets.map((w) => w.name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const n = `${base} (${i})`.slice(0, 31);
    if (!taken.has(n.toLowerCase())) return n;
  }
}

function severityFill(s: Severity): string {
  return s === "error" ? "#FFC7CE" : s === "warning" ? "#FFEB9C" : "#DDEBF7";
}

export interface ApplyOptions {
  lang?: Lang;
}

export function applyPlanToWorkbook(wb: ExcelJS.Workbook, plan: Plan, options: ApplyOptions = {}): StoredMark[] {
  const lang = options.lang ?? "vi";
  clearRecordedMarks(wb);

  for (const s of plan.statusCells) {
    const ws = wb.getWorksheet(s.sheet);
    if (!ws) continue;
    const cell = ownStyle(ws.getCell(s.row + 1, s.col + 1));
    setLiteral(cell, s.text);
    if (s.kind === "header") {
      applyStyle(cell, { bold: true, fill: "#D9E2F3", hAlign: "center", wrap: true, border: true });
      continue;
    }
    const fill = STATUS_FILL[s.kind];
    if (fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(fill) } };
  }

  const records: StoredMark[] = [];
  for (const m of plan.marks) {
    const ws = wb.getWorksheet(m.sheet);
    if (!ws) continue;
    const cell = ownStyle(ws.getCell(m.row + 1, m.col + 1));
    const userNote = hasNote(cell);
    // As metadata.ts defines it: hadNote is true when the add-in added the note.
    records.push({ sheet: m.sheet, row: m.row, col: m.col, previousFill: cellFill(cell), hadNote: !userNote, noteKind: userNote ? "none" : "note" });
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(m.fill || severityFill(m.severity)) } };
    const text = `${m.note[lang]}${m.codes.length ? ` [${m.codes.join(", ")}]` : ""}`;
    // A note the user wrote is theirs: it stays, and the results sheet carries the finding.
    if (!userNote) cell.note = text;
  }

  const resultsName = freeSheetName(wb, SHEET_NAMES.results);
  writeResultsSheet(wb, resultsName, plan, lang);
  writeRecords(wb, resultsName, plan, lang, records);
  return records;
}

function writeResultsSheet(wb: ExcelJS.Workbook, name: string, plan: Plan, lang: Lang): void {
  const ws = wb.addWorksheet(name);
  const v = plan.verdict;
  const width = Math.max(plan.results.header.length, 4);
  const title = ws.getCell(1, 1);
  setLiteral(title, lang === "vi" ? "KẾT QUẢ KIỂM TRA BÁO CÁO NGHỊ QUYẾT 24-NQ/TW" : "RESOLUTION 24-NQ/TW REPORT CHECK");
  applyStyle(title, { bold: true, size: 13 });
  ws.mergeCells(1, 1, 1, width);
  const verdict = ws.getCell(2, 1);
  setLiteral(verdict, v.message[lang]);
  applyStyle(verdict, { bold: true, fill: v.ready ? "#C6EFCE" : "#FFC7CE", wrap: true });
  ws.mergeCells(2, 1, 2, width);
  const lines: [string, string][] = lang === "vi"
    ? [
      ["Thời điểm kiểm tra", v.checkedAt],
      ["Phiên bản danh mục", v.catalogueVersion],
      ["Lỗi / Cảnh báo / Thông tin", `${v.counts.error} / ${v.counts.warning} / ${v.counts.info}`],
    ]
    : [
      ["Checked at", v.checkedAt],
      ["Catalogue version", v.catalogueVersion],
      ["Errors / Warnings / Info", `${v.counts.error} / ${v.counts.warning} / ${v.counts.info}`],
    ];
  const statusText = Object.entries(v.statusCounts)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([k, n]) => `${((STATUS_TEXT as Record<string, { vi: string; en: string }>)[k] ?? (TREND_TEXT as Record<string, { vi: string; en: string }>)[k])?.[lang] ?? k}: ${n}`)
    .join(", ");
  if (statusText) lines.push([lang === "vi" ? "Tình trạng (số chỉ tiêu)" : "Status (indicators)", statusText]);
  lines.forEach(([k, val], i) => {
    const kc = ws.getCell(3 + i, 1);
    setLiteral(kc, k);
    applyStyle(kc, { bold: true });
    setLiteral(ws.getCell(3 + i, 2), val);
  });
  const headerRow = 3 + lines.length + 1;
  plan.results.header.forEach((h, j) => {
    const c = ws.getCell(headerRow, j + 1);
    setLiteral(c, h);
    applyStyle(c, { bold: true, fill: "#D9E2F3", border: true, wrap: true, hAlign: "center" });
  });
  plan.results.rows.forEach((row, i) => {
    const r = headerRow + 1 + i;
    row.cells.forEach((text, j) => {
      const c = ws.getCell(r, j + 1);
      setLiteral(c, text);
      applyStyle(c, { border: true, wrap: true });
    });
    if (row.link) {
      const addr = a1(row.link.row, row.link.col);
      // The link sits on the cell showing the address, or on a last column of its own.
      let j = row.cells.findIndex((t) => t.trim() === addr || t.trim().endsWith("!" + addr));
      if (j < 0) j = plan.results.header.length;
      const c = ws.getCell(r, j + 1);
      c.value = { text: row.cells[j] ?? addr, hyperlink: `#${quoteSheet(row.link.sheet)}!${addr}` };
      c.font = { color: { argb: "FF0563C1" }, underline: true };
    }
  });
  ws.views = [{ state: "frozen", ySplit: headerRow, xSplit: 0, topLeftCell: `A${headerRow + 1}` }];
  const widths = [10, 12, 16, 10, 60, 50];
  for (let j = 0; j < width; j++) ws.getColumn(j + 1).width = widths[j] ?? 20;
  ws.getColumn(1).width = Math.max(ws.getColumn(1).width ?? 10, 24);
}

function writeRecords(wb: ExcelJS.Workbook, resultsName: string, plan: Plan, lang: Lang, records: StoredMark[]): void {
  const kept = recordedSheets(wb).filter((x) => x.name !== resultsName);
  const metaSheet = wb.getWorksheet(SHEET_NAMES.meta);
  const ignored = metaSheet ? readRecords(metaSheet).ignored : undefined;
  writeMetaSheet(wb, {
    formatVersion: META_FORMAT_VERSION,
    run: {
      lastCheckAt: plan.verdict.checkedAt,
      catalogueVersion: plan.verdict.catalogueVersion,
      lang,
      ready: plan.verdict.ready,
      resultsSheet: resultsName,
    },
    sheets: kept.concat([{ name: resultsName, role: "results", protectedByAddin: false }]),
    marks: records,
    statusCells: plan.statusCells.map((c) => ({ sheet: c.sheet, row: c.row, col: c.col, text: c.text })),
    ignored,
  });
}
