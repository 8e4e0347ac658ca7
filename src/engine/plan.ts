/**
 * The write Plan: status texts, cell marks with notes, results-sheet rows and the verdict.
 * Plain data; the adapters only carry it out.
 */
import type { Catalogue, Text2 } from "../catalogue/types";
import { a1 } from "./layout";
import { findingTexts, type FindingTexts } from "./rules/index";
import type { Finding, IndicatorReading, IndicatorStatus, LocatedTable, MarkWrite, Plan, Severity, SheetSnapshot, StatusCellWrite, Verdict, WorkbookSnapshot } from "./types";
import { cellString } from "./recognize";

/**
 * Fills of the cells the add-in marks. Not Excel's built-in "Bad" (#FFC7CE) and "Neutral"
 * (#FFEB9C) style fills nor a theme tint, so a user's own styled cells never look marked.
 */
export const MARK_FILLS: Record<Exclude<Severity, "info">, string> = {
  error: "#FFB7C3",
  warning: "#FFE08C",
};

export const SEVERITY_TEXT: Record<Severity, Text2> = {
  error: { vi: "Lỗi", en: "Error" },
  warning: { vi: "Cảnh báo", en: "Warning" },
  info: { vi: "Lưu ý", en: "Info" },
};

export const RESULTS_HEADER: Record<"vi" | "en", string[]> = {
  vi: ["Mức độ", "Mã", "Trang", "Ô", "Chỉ tiêu", "Nội dung", "Cách sửa"],
  en: ["Severity", "Code", "Sheet", "Cell", "Indicator", "Finding", "How to fix"],
};

export const STATUS_HEADER: Text2 = { vi: "Tình trạng (NQ24)", en: "Status (NQ24)" };

const rowIndexes = new WeakMap<Catalogue, Map<string, Catalogue["rows"][number]>>();
function rowIndex(catalogue: Catalogue): Map<string, Catalogue["rows"][number]> {
  let m = rowIndexes.get(catalogue);
  if (!m) {
    m = new Map(catalogue.rows.map((r) => [r.id, r]));
    rowIndexes.set(catalogue, m);
  }
  return m;
}

export interface PlanInput {
  snapshot: WorkbookSnapshot;
  tables: LocatedTable[];
  readings: Record<string, IndicatorReading>;
  findings: Finding[];
  statuses: IndicatorStatus[];
  catalogue: Catalogue;
  lang: "vi" | "en";
  now?: Date;
  /** Batch work needs only the verdict: no status cells, marks or results rows. */
  verdictOnly?: boolean;
  /** What the check could not read (a table, a period column, indicators): never "ready" then. */
  unread?: Text2;
}

/**
 * The column the status goes in: our template's own status column, or, beside a table made
 * by someone else, the first column right of the table that is empty on every table row —
 * the add-in never writes over a user's cell.
 */
export function statusColumn(table: LocatedTable, sheet: SheetSnapshot, rows: number[]): { col: number; addHeader: boolean } {
  if (table.columns.status !== undefined && table.ownTemplate) return { col: table.columns.status, addHeader: false };
  const used = Object.keys(table.columns).map((k) => table.columns[k as keyof LocatedTable["columns"]] as number);
  let col = Math.max(...used) + 1;
  const check = [table.headerRow, ...rows];
  for (;;) {
    const c = col;
    const busy = check.some((r) => cellString(sheet, r - sheet.origin.row, c - sheet.origin.col).trim() !== "");
    if (!busy) return { col, addHeader: true };
    col++;
  }
}

export function buildPlan(input: PlanInput): Plan {
  const { lang } = input;
  if (input.verdictOnly) return { statusCells: [], marks: [], results: { header: RESULTS_HEADER[lang], rows: [] }, verdict: verdictOf(input) };
  const statusCells: StatusCellWrite[] = [];
  const byId = new Map(input.statuses.map((s) => [s.indicatorId, s]));
  for (const table of input.tables) {
    const sheet = input.snapshot.sheets.find((s) => s.name === table.sheet);
    if (!sheet) continue;
    const rows: { row: number; status: IndicatorStatus }[] = [];
    Object.keys(input.readings).forEach((id) => {
      const r = input.readings[id];
      const st = byId.get(id);
      if (st && r.match.sheet === table.sheet && r.indicator.appendix === table.appendix) rows.push({ row: r.match.row, status: st });
    });
    if (rows.length === 0) continue;
    const { col, addHeader } = statusColumn(table, sheet, rows.map((x) => x.row));
    if (addHeader) statusCells.push({ sheet: table.sheet, row: table.headerRow, col, text: STATUS_HEADER[lang], kind: "header" });
    rows.sort((a, b) => a.row - b.row);
    for (const { row, status } of rows) {
      statusCells.push({ sheet: table.sheet, row, col, text: status.label[lang], kind: status.status ?? status.trend });
    }
  }

  // The findings in words, made once for the notes and the results sheet.
  const texts: FindingTexts[] = input.findings.map(findingTexts);

  // One mark per cell, coloured by its worst finding, its note listing every finding there.
  const marks: MarkWrite[] = [];
  const markAt = new Map<string, MarkWrite>();
  input.findings.forEach((f, i) => {
    if (f.severity === "info" || f.row === undefined || f.col === undefined) return;
    const key = `${f.sheet}\u0000${f.row}\u0000${f.col}`;
    const { message, fix } = texts[i];
    const line = (l: "vi" | "en") => `[${f.code}] ${message[l]}${fix ? ` ${fix[l]}` : ""}`;
    const existing = markAt.get(key);
    if (existing) {
      if (existing.codes.indexOf(f.code) >= 0) return;
      existing.codes.push(f.code);
      existing.note = { vi: `${existing.note.vi}\n${line("vi")}`, en: `${existing.note.en}\n${line("en")}` };
      if (f.severity === "error") {
        existing.severity = "error";
        existing.fill = MARK_FILLS.error;
      }
      return;
    }
    const m: MarkWrite = { sheet: f.sheet, row: f.row, col: f.col, severity: f.severity, fill: MARK_FILLS[f.severity], note: { vi: line("vi"), en: line("en") }, codes: [f.code] };
    markAt.set(key, m);
    marks.push(m);
  });

  const rowsById = rowIndex(input.catalogue);
  const labelOf = (id?: string) => {
    if (!id) return "";
    const row = rowsById.get(id);
    return row ? (lang === "vi" ? row.labelVi : row.labelEn) : id;
  };
  const results = {
    header: RESULTS_HEADER[lang],
    rows: input.findings.map((f, i) => {
      const { message, fix } = texts[i];
      const cells = [SEVERITY_TEXT[f.severity][lang], f.code, f.sheet, f.cell, labelOf(f.indicatorId), message[lang], fix ? fix[lang] : ""];
      return f.row !== undefined && f.col !== undefined ? { cells, link: { sheet: f.sheet, row: f.row, col: f.col } } : { cells };
    }),
  };

  return { statusCells, marks, results, verdict: verdictOf(input) };
}

function verdictOf(input: PlanInput): Verdict {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of input.findings) counts[f.severity]++;
  const statusCounts: Verdict["statusCounts"] = {};
  for (const s of input.statuses) {
    const k = s.appendix === "PL1" ? (s.status ?? "noTarget") : s.trend;
    statusCounts[k] = (statusCounts[k] ?? 0) + 1;
  }
  // Ready only when nothing the report needs went unread, whatever the findings say.
  const ready = counts.error === 0 && !input.unread;
  const checkedAt = (input.now ?? new Date()).toISOString();
  const first = input.findings.find((f) => f.severity === "error");
  const where = first && first.cell ? ` ${first.sheet}!${first.cell}` : first ? ` ${first.sheet}` : "";
  const message: Text2 = ready
    ? {
        vi: counts.warning ? `Sẵn sàng gửi tỉnh (còn ${counts.warning} cảnh báo nên xem lại).` : "Sẵn sàng gửi tỉnh.",
        en: counts.warning ? `Ready to send to the province (${counts.warning} warnings worth a look).` : "Ready to send to the province.",
      }
    : counts.error
      ? {
          vi: `Chưa sẵn sàng gửi: ${counts.error} lỗi cần sửa, bắt đầu từ${where}.`,
          en: `Not ready to send: ${counts.error} errors to fix, starting at${where}.`,
        }
      : {
          vi: `Chưa sẵn sàng gửi: chưa đọc được ${input.unread?.vi}.`,
          en: `Not ready to send: could not read ${input.unread?.en}.`,
        };
  return { ready, checkedAt, catalogueVersion: `${input.catalogue.id} ${input.catalogue.version}`, counts, statusCounts, message };
}

/** "'Phụ lục 1'!E12" — a sheet-qualified address for links and messages. */
export function qualified(sheet: string, row: number, col: number): string {
  return `'${sheet.replace(/'/g, "''")}'!${a1(row, col)}`;
}
