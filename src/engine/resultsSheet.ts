/**
 * The results sheet, laid out once: title, verdict, when and against which catalogue the
 * report was checked, what this Excel could not do, the findings table (wide wrapped
 * message columns, a link to each cell, a filter, a frozen header) and A4 printing. The
 * Office.js adapter and the .xlsx writer render this layout; neither designs its own.
 * Also the look of the status cells the add-in writes beside a table.
 */
import type { Text2 } from "../catalogue/types";
import type { CellStyle } from "./layout";
import { MARK_FILLS, SEVERITY_TEXT } from "./plan";
import { PageSetup, plainPageSetup, RESULTS_FONT, wrappedRowHeights } from "./print";
import type { CellAddress, Plan, RangeRect, Severity, StatusCellWrite } from "./types";

export const RESULTS_TITLE: Text2 = { vi: "KẾT QUẢ KIỂM TRA BÁO CÁO NGHỊ QUYẾT 24-NQ/TW", en: "CHECK RESULTS — RESOLUTION 24-NQ/TW REPORT" };
export const MESSAGE_TITLE: Text2 = { vi: "Thông báo", en: "Message" };

/**
 * Where the check id sits (0-based row and column): the results sheet is the add-in's when
 * the id recorded in NQ24_Meta is written there, whatever the sheet's name or Excel id.
 */
export const CHECK_ID_CELL = { row: 2, col: 1 } as const;

export type ResultsStyleKey = "title" | "verdictReady" | "verdictNotReady" | "label" | "value" | "header" | "cell" | "wrapped" | Severity;

const HEADER_FILL = "#D9E2F3";

export const RESULTS_STYLES: Record<ResultsStyleKey, CellStyle> = {
  title: { bold: true, size: 14 },
  verdictReady: { bold: true, fill: "#C6EFCE", fontColor: "#006100", wrap: true },
  verdictNotReady: { bold: true, fill: "#FFD9D9", fontColor: "#9C0006", wrap: true },
  label: { bold: true },
  value: {},
  header: { bold: true, fill: HEADER_FILL, hAlign: "center", wrap: true, border: true },
  cell: { border: true },
  wrapped: { border: true, wrap: true },
  error: { border: true, bold: true, fill: MARK_FILLS.error },
  warning: { border: true, fill: MARK_FILLS.warning },
  info: { border: true, fill: "#DDEBF7" },
};

export interface LaidCell {
  text: string;
  style?: ResultsStyleKey;
}

export interface ResultsLink {
  /** Where the link sits on the results sheet (0-based). */
  row: number;
  col: number;
  /** The cell it leads to. */
  target: CellAddress;
  text: string;
}

export interface ResultsSheetLayout {
  /** Every row from the top, as text (written with the text number format, never run as a formula). */
  rows: LaidCell[][];
  width: number;
  /** 0-based row of the findings table's column headers; -1 when there is no table. */
  headerRow: number;
  /** Column widths in characters. */
  widths: number[];
  /** Merged across the width: the title and the verdict. */
  merges: RangeRect[];
  freezeRows: number;
  /** Header and findings, for the filter buttons; null without a table. */
  filter: RangeRect | null;
  links: ResultsLink[];
  /** A4 landscape, fitted to the width, the table's header repeated on every page. */
  print: PageSetup;
  font: { name: string; size: number };
  /** Heights in points of rows whose wrapped text takes more than one line. */
  rowHeights: Record<number, number>;
  checkId: string;
}

export interface ResultsExtras {
  /** Written on the sheet and recorded in NQ24_Meta: the proof the sheet is the add-in's. */
  checkId: string;
  /** What this Excel could not do (requirement sets missing), one line each. */
  unavailable?: Text2[];
  /** Marked cells that kept the user's own note instead of ours. */
  notesSkipped?: number;
  /** Sheets left unmarked because they are protected (the add-in never unprotects a sheet). */
  protectedSheets?: string[];
}

const LABELS = {
  checkId: { vi: "Mã lần kiểm tra", en: "Check id" },
  checkedAt: { vi: "Thời điểm kiểm tra (giờ Việt Nam)", en: "Checked at (Vietnam time)" },
  catalogue: { vi: "Danh mục chỉ tiêu", en: "Indicator catalogue" },
  counts: { vi: "Lỗi / cảnh báo / lưu ý", en: "Errors / warnings / info" },
  unavailable: { vi: "Chức năng không có trên Excel này", en: "Not available on this Excel" },
  notesSkipped: { vi: "Ô đã có ghi chú của người dùng nên không thêm ghi chú", en: "Cells that already had the user's own note, so no note was added" },
  protectedSheets: { vi: "Trang đang được bảo vệ nên không đánh dấu (xem các dòng bên dưới)", en: "Protected sheets left unmarked (see the rows below)" },
  sentAt: { vi: "Thời điểm (giờ Việt Nam)", en: "Time (Vietnam time)" },
} satisfies Record<string, Text2>;

/**
 * Column widths of the findings table (characters): severity, code, sheet, cell, indicator,
 * finding, fix. Fitted to an A4 landscape page they print at about 86 % (12 pt → 10.3 pt).
 */
const TABLE_WIDTHS = [10, 11, 12, 7, 34, 48, 38];
/** Columns whose text wraps (indicator, finding, how to fix). */
const WRAPPED = new Set([4, 5, 6]);
/** The column holding the cell address, where the link to the cell goes. */
const CELL_COLUMN = 3;

/** Vietnam has kept UTC+7 all year since 1975: no time-zone data needed (older webviews have none). */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** "2026-11-28T10:00:00Z" → "28/11/2026 17:00", as clocks in Vietnam show it. */
export function formatVietnamTime(iso: string): string {
  const t = Date.parse(iso);
  if (isNaN(t)) return iso;
  const d = new Date(t + VIETNAM_OFFSET_MS);
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

function severityOf(text: string, lang: "vi" | "en"): Severity | undefined {
  return (Object.keys(SEVERITY_TEXT) as Severity[]).find((k) => SEVERITY_TEXT[k][lang] === text);
}

export function resultsSheetLayout(plan: Plan, lang: "vi" | "en", extras: ResultsExtras): ResultsSheetLayout {
  const v = plan.verdict;
  const width = Math.max(TABLE_WIDTHS.length, plan.results.header.length);
  const rows: LaidCell[][] = [
    [{ text: RESULTS_TITLE[lang], style: "title" }],
    [{ text: v.message[lang], style: v.ready ? "verdictReady" : "verdictNotReady" }],
    [
      { text: LABELS.checkId[lang], style: "label" },
      { text: extras.checkId, style: "value" },
    ],
    [
      { text: LABELS.checkedAt[lang], style: "label" },
      { text: formatVietnamTime(v.checkedAt), style: "value" },
    ],
    [
      { text: LABELS.catalogue[lang], style: "label" },
      { text: v.catalogueVersion, style: "value" },
    ],
    [
      { text: LABELS.counts[lang], style: "label" },
      { text: `${v.counts.error} / ${v.counts.warning} / ${v.counts.info}`, style: "value" },
    ],
  ];
  for (const u of extras.unavailable ?? []) rows.push([{ text: LABELS.unavailable[lang], style: "label" }, { text: u[lang] }]);
  if (extras.notesSkipped) rows.push([{ text: LABELS.notesSkipped[lang], style: "label" }, { text: String(extras.notesSkipped) }]);
  if (extras.protectedSheets && extras.protectedSheets.length) rows.push([{ text: LABELS.protectedSheets[lang], style: "label" }, { text: extras.protectedSheets.join(", ") }]);
  rows.push([]);
  const headerRow = rows.length;
  rows.push(plan.results.header.map((h) => ({ text: h, style: "header" as const })));
  const links: ResultsLink[] = [];
  plan.results.rows.forEach((r, i) => {
    const row = headerRow + 1 + i;
    rows.push(
      r.cells.map((c, j): LaidCell => {
        const text = c === null || c === undefined ? "" : String(c);
        if (j === 0) return { text, style: severityOf(text, lang) ?? "cell" };
        return { text, style: WRAPPED.has(j) ? "wrapped" : "cell" };
      }),
    );
    if (r.link) links.push({ row, col: CELL_COLUMN, target: r.link, text: r.cells[CELL_COLUMN] || "" });
  });
  const lastRow = rows.length - 1;
  const widths = Array.from({ length: width }, (_, j) => TABLE_WIDTHS[j] ?? 20);
  const merges = [
    { row: 0, col: 0, rowCount: 1, colCount: width },
    { row: 1, col: 0, rowCount: 1, colCount: width },
  ];
  return {
    rowHeights: heightsOf(rows, widths, merges),
    rows,
    width,
    headerRow,
    widths,
    merges,
    freezeRows: headerRow + 1,
    filter: plan.results.rows.length ? { row: headerRow, col: 0, rowCount: lastRow - headerRow + 1, colCount: width } : null,
    links,
    print: plainPageSetup(true, { first: headerRow, last: headerRow }),
    font: RESULTS_FONT,
    checkId: extras.checkId,
  };
}

/** Rows of wrapped text on a results sheet, measured in its font. */
function heightsOf(rows: LaidCell[][], widths: number[], merges: RangeRect[]): Record<number, number> {
  const cells = rows.flatMap((row, r) =>
    row.map((c, col) => {
      const st = c.style ? RESULTS_STYLES[c.style] : {};
      return { row: r, col, text: c.text, size: st.size ?? RESULTS_FONT.size, bold: !!st.bold, wrap: !!st.wrap };
    }),
  );
  return wrappedRowHeights(cells, widths, merges);
}

/** The ribbon's message sheet (no pane to show it): same place, same proof of ownership. */
export function messageSheetLayout(text: Text2, lang: "vi" | "en", now: Date, checkId: string): ResultsSheetLayout {
  const width = 3;
  return {
    rows: [
      [{ text: MESSAGE_TITLE[lang], style: "title" }],
      [{ text: text[lang], style: "wrapped" }],
      [
        { text: LABELS.checkId[lang], style: "label" },
        { text: checkId, style: "value" },
      ],
      [
        { text: LABELS.sentAt[lang], style: "label" },
        { text: formatVietnamTime(now.toISOString()), style: "value" },
      ],
    ],
    width,
    headerRow: -1,
    rowHeights: heightsOf([[], [{ text: text[lang], style: "wrapped" }]], [34, 90, 20], [{ row: 1, col: 0, rowCount: 1, colCount: width }]),
    widths: [34, 90, 20],
    merges: [{ row: 1, col: 0, rowCount: 1, colCount: width }],
    freezeRows: 0,
    filter: null,
    links: [],
    print: plainPageSetup(true),
    font: RESULTS_FONT,
    checkId,
  };
}

/** A fresh id for a check: the time and a random part, short enough to read aloud. */
export function newCheckId(now: Date, random: () => number = Math.random): string {
  const stamp = now.getTime().toString(36).toUpperCase();
  let r = "";
  for (let i = 0; i < 4; i++) r += Math.floor(random() * 36).toString(36).toUpperCase();
  return `${stamp}-${r}`;
}

/**
 * Status cells the add-in writes: a font colour by what they say (never a fill, so Clear
 * has no fill to restore); the column heading it adds beside a foreign table is bold.
 */
export function statusCellStyle(kind: StatusCellWrite["kind"]): CellStyle {
  if (kind === "header") return { bold: true };
  if (kind === "achieved" || kind === "exceeded" || kind === "better") return { fontColor: "#006100" };
  if (kind === "notAchieved" || kind === "worse") return { fontColor: "#9C0006" };
  return { fontColor: "#404040" };
}
