/**
 * Applies the engine's Plan to an ExcelJS workbook for the annotated copy: status texts,
 * cell marks (fill + note), the results sheet with links, the verdict block, and the
 * record of every mark in the hidden metadata sheet so "clear marks" can undo exactly
 * those. Texts are written as literals, never as formulas.
 */
import type * as ExcelJS from "exceljs";
import { SHEET_NAMES, a1 } from "../../engine/layout";
import { META_FORMAT_VERSION, META_WIDTH, RESULTS_SIGNATURES, decodeMetadata, emptyMetadata, type AddinMetadata, type AddinSheetRecord, type StoredMark } from "../../engine/metadata";
import type { CellValue, Plan } from "../../engine/types";
import { newCheckId, RESULTS_STYLES, resultsSheetLayout, ResultsSheetLayout, statusCellStyle } from "../../engine/resultsSheet";
import { absolutePrintAreas, applyPageSetup, applyStyle, argb, setLiteral, writeMetaSheet } from "./write";

export type Lang = "vi" | "en";

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

/**
 * Takes a cell's note away. ExcelJS (4.4) has no call for it: setting `note` to undefined
 * leaves an empty comment that Excel shows as a blank box, and a loaded cell keeps the
 * note it was read with in its value's model too, which is written back. Both are emptied.
 */
function removeNote(cell: ExcelJS.Cell): void {
  const c = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
  c._comment = undefined;
  if (c._value?.model) delete c._value.model.comment;
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
export function readRecords(meta: ExcelJS.Worksheet): AddinMetadata {
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
    // noteKind "note" or "comment" says the add-in wrote it (either adapter); a user's note has
    // "none". ExcelJS sees Excel's comments through their legacy note, so both go the same way.
    if (r.noteKind === "note" || r.noteKind === "comment") removeNote(cell);
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
  // Warnings the district set aside are its decisions, column corrections are inputs, and fixes it applied its history, not marks: they stay.
  if (kept.length || decoded.ignored?.length || decoded.columns?.length || decoded.fixes?.length) writeMetaSheet(wb, { ...emptyMetadata(), sheets: kept, ignored: decoded.ignored, columns: decoded.columns, fixes: decoded.fixes });
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

export interface ApplyOptions {
  lang?: Lang;
  /** Written on the results sheet and recorded (a fresh one by default). */
  checkId?: string;
}

export function applyPlanToWorkbook(wb: ExcelJS.Workbook, plan: Plan, options: ApplyOptions = {}): StoredMark[] {
  const lang = options.lang ?? "vi";
  clearRecordedMarks(wb);

  for (const s of plan.statusCells) {
    const ws = wb.getWorksheet(s.sheet);
    if (!ws) continue;
    const cell = ownStyle(ws.getCell(s.row + 1, s.col + 1));
    setLiteral(cell, s.text);
    // The look the engine gives status cells (a font colour, never a fill: nothing to restore on Clear).
    const st = statusCellStyle(s.kind);
    cell.font = { ...(cell.font ?? {}), ...(st.bold ? { bold: true } : {}), ...(st.fontColor ? { color: { argb: argb(st.fontColor) } } : {}) };
  }

  const records: StoredMark[] = [];
  for (const m of plan.marks) {
    const ws = wb.getWorksheet(m.sheet);
    if (!ws) continue;
    const cell = ownStyle(ws.getCell(m.row + 1, m.col + 1));
    const userNote = hasNote(cell);
    // As metadata.ts defines it: hadNote is true when the add-in added the note.
    records.push({ sheet: m.sheet, row: m.row, col: m.col, previousFill: cellFill(cell), hadNote: !userNote, noteKind: userNote ? "none" : "note" });
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(m.fill) } };
    const text = `${m.note[lang]}${m.codes.length ? ` [${m.codes.join(", ")}]` : ""}`;
    // A note the user wrote is theirs: it stays, and the results sheet carries the finding.
    if (!userNote) cell.note = text;
  }

  const resultsName = freeSheetName(wb, SHEET_NAMES.results);
  const checkId = options.checkId ?? newCheckId(new Date(plan.verdict.checkedAt));
  writeResultsSheet(wb, resultsName, resultsSheetLayout(plan, lang, { checkId }));
  writeRecords(wb, resultsName, checkId, plan, lang, records);
  absolutePrintAreas(wb);
  return records;
}

/** The engine's results-sheet layout, as the Office adapter renders it: same title, texts, colours and proof. */
function writeResultsSheet(wb: ExcelJS.Workbook, name: string, layout: ResultsSheetLayout): void {
  const ws = wb.addWorksheet(name);
  layout.rows.forEach((row, i) => {
    for (let j = 0; j < layout.width; j++) {
      const laid = row[j];
      const cell = ws.getCell(i + 1, j + 1);
      // Text format, as the add-in writes it: nothing on the sheet is ever run as a formula.
      cell.numFmt = "@";
      setLiteral(cell, laid ? laid.text : "");
      if (laid && laid.style) applyStyle(cell, RESULTS_STYLES[laid.style], layout.font);
      else cell.font = { name: layout.font.name, size: layout.font.size };
    }
  });
  for (const l of layout.links) {
    const c = ws.getCell(l.row + 1, l.col + 1);
    const addr = a1(l.target.row, l.target.col);
    c.value = { text: l.text || addr, hyperlink: `#${quoteSheet(l.target.sheet)}!${addr}` };
    c.font = { name: layout.font.name, size: layout.font.size, color: { argb: "FF0563C1" }, underline: true };
  }
  for (const m of layout.merges) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rowCount, m.col + m.colCount);
  layout.widths.forEach((w, j) => (ws.getColumn(j + 1).width = w));
  for (const r of Object.keys(layout.rowHeights)) ws.getRow(Number(r) + 1).height = layout.rowHeights[Number(r)];
  if (layout.freezeRows > 0) ws.views = [{ state: "frozen", ySplit: layout.freezeRows, xSplit: 0, topLeftCell: `A${layout.freezeRows + 1}` }];
  if (layout.filter) ws.autoFilter = `${a1(layout.filter.row, layout.filter.col)}:${a1(layout.filter.row + layout.filter.rowCount - 1, layout.filter.col + layout.filter.colCount - 1)}`;
  applyPageSetup(ws, layout.print);
}

function writeRecords(wb: ExcelJS.Workbook, resultsName: string, checkId: string, plan: Plan, lang: Lang, records: StoredMark[]): void {
  const kept = recordedSheets(wb).filter((x) => x.name !== resultsName);
  const metaSheet = wb.getWorksheet(SHEET_NAMES.meta);
  const stored = metaSheet ? readRecords(metaSheet) : undefined;
  const ignored = stored?.ignored;
  const columns = stored?.columns;
  // The fixes applied before stay on record.
  const fixes = stored?.fixes;
  writeMetaSheet(wb, {
    formatVersion: META_FORMAT_VERSION,
    run: {
      lastCheckAt: plan.verdict.checkedAt,
      catalogueVersion: plan.verdict.catalogueVersion,
      lang,
      ready: plan.verdict.ready,
      resultsSheet: resultsName,
      resultsSheetId: checkId,
    },
    sheets: kept.concat([{ name: resultsName, role: "results", protectedByAddin: false }]),
    marks: records,
    statusCells: plan.statusCells.map((c) => ({ sheet: c.sheet, row: c.row, col: c.col, text: c.text })),
    ignored,
    columns,
    fixes,
  });
}
