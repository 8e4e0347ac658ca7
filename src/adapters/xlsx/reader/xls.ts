/**
 * Excel 97–2003 workbooks (.xls, BIFF8 inside an OLE compound file, and the older BIFF5
 * some offices still keep) through SheetJS Community Edition, loaded only when such a file
 * arrives. SheetJS gives cells, formats, merges, hidden rows and columns and sheet states;
 * the displayed text is made here with the same formatter as for .xlsx, so one report
 * saved in either format gives the same findings.
 */
import type * as SheetJS from "@e965/xlsx";
import type { CellValue, CellValueType, SheetSnapshot } from "../../../engine/types";
import { XlsxError } from "../errors";
import type { DisplayLocale } from "../format";
import { fileMessages } from "./messages";
import type { ReadBudget } from "./limits";
import { SheetBuilder, TextMaker } from "./sheet";

export type SheetJsModule = Pick<typeof SheetJS, "read">;

interface XlsCell {
  t: string;
  v?: unknown;
  w?: string;
  z?: string | number;
  f?: string;
}

/** SheetJS's own words for an encrypted file, mapped to ours; anything else is "cannot read". */
function refusal(file: string, e: unknown): XlsxError {
  if (e instanceof XlsxError) return e;
  const text = e instanceof Error ? e.message : String(e);
  if (/password|encrypt|RC4|XOR/i.test(text)) {
    const m = fileMessages.encrypted;
    return new XlsxError("encrypted", file, m.vi, m.en);
  }
  const m = fileMessages.unreadable;
  return new XlsxError("corrupt", file, m.vi, m.en);
}

export function readXlsBytes(lib: SheetJsModule, bytes: Uint8Array, file: string, budget: ReadBudget, locale: DisplayLocale): { sheets: SheetSnapshot[] } {
  let wb: SheetJS.WorkBook;
  try {
    wb = lib.read(bytes, { type: "array", dense: true, cellNF: true, cellStyles: true, cellHTML: false, cellDates: false, cellText: true, WTF: false });
  } catch (e) {
    throw refusal(file, e);
  }
  budget.time();
  const date1904 = !!wb.Workbook?.WBProps?.date1904;
  const texts = new TextMaker(date1904, locale);
  const states = wb.Workbook?.Sheets ?? [];
  const out: SheetSnapshot[] = [];
  wb.SheetNames.forEach((name, k) => {
    const ws = wb.Sheets[name] as SheetJS.WorkSheet | undefined;
    if (!ws || ws["!type"] === "chart") return;
    const b = new SheetBuilder(budget);
    const data = (ws["!data"] ?? []) as (XlsCell[] | undefined)[];
    for (let r = 0; r < data.length; r++) {
      const row = data[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (cell) putCell(b, texts, r, c, cell);
      }
    }
    for (const m of (ws["!merges"] ?? []) as SheetJS.Range[]) {
      b.merge({ row: m.s.r, col: m.s.c, rowCount: m.e.r - m.s.r + 1, colCount: m.e.c - m.s.c + 1 });
    }
    ((ws["!rows"] ?? []) as (SheetJS.RowInfo | undefined)[]).forEach((ri, r) => {
      if (ri?.hidden) b.hideRow(r);
    });
    ((ws["!cols"] ?? []) as (SheetJS.ColInfo | undefined)[]).forEach((ci, c) => {
      if (ci?.hidden) b.hideCols(c, c);
    });
    const hidden = states[k]?.Hidden;
    const prot = ws["!protect"] as unknown;
    out.push(b.finish({ name, visible: !hidden, protected: !!prot }));
    budget.memory();
  });
  return { sheets: out };
}

function putCell(b: SheetBuilder, texts: TextMaker, r: number, c: number, cell: XlsCell): void {
  const fmt = typeof cell.z === "string" && cell.z !== "" ? cell.z : "General";
  const formula = typeof cell.f === "string" && cell.f !== "" ? "=" + cell.f : null;
  let value: CellValue;
  let type: CellValueType;
  let text: string;
  switch (cell.t) {
    case "n": {
      const n = typeof cell.v === "number" ? cell.v : Number(cell.v);
      value = n === 0 ? 0 : n;
      type = "Double";
      text = texts.number(n, fmt);
      break;
    }
    case "s":
      value = text = cell.v === undefined || cell.v === null ? "" : String(cell.v);
      type = "String";
      break;
    case "b":
      value = !!cell.v;
      type = "Boolean";
      text = value ? "TRUE" : "FALSE";
      break;
    case "e":
      value = text = cell.w && cell.w.charAt(0) === "#" ? cell.w : "#VALUE!";
      type = "Error";
      break;
    default:
      if (formula) b.cell(r, c, "", "Empty", fmt, "", formula);
      else if (fmt !== "General") b.styledEmpty(r, c, fmt);
      return;
  }
  b.cell(r, c, value, type, fmt, text, formula);
}
