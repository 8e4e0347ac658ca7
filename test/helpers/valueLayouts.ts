/**
 * The Lai Châu sample laid out two ways, with a way to type into any value cell of an
 * indicator's row: our own template (templateToSnapshot of the sample fill), and a province's
 * layout with an "ĐVT" column, other header wording and a title block, built from the catalogue
 * and the same values. What a variant types goes where a user would type it: a string as text
 * (the sheet's own text format), a number as Excel holds it, with its format and shown text.
 */
import { laiChauSample, nationalCatalogue, periodsOf, sampleFillValues, type Catalogue, type IndicatorRow } from "../../src/catalogue";
import { buildWorkbookTemplate, columnIndex, templateToSnapshot, type FillValues } from "../../src/engine/layout";
import type { CellAddress, CellValue, CellValueType, SheetSnapshot, WorkbookSnapshot } from "../../src/engine/types";
import { gridToSheet } from "./snapshot";

export type VariantColumn = "baseline" | "result" | "note" | "unit";

/** What a user puts in a cell: text, or a number Excel holds with a format and shows as text. */
export type Typed = string | { value: number; numberFormat: string; text: string };

export interface LaidOut {
  snapshot: WorkbookSnapshot;
  /** The cell of an indicator's row in a column, or undefined when the layout has no such column. */
  cellOf(indicatorId: string, column: VariantColumn): CellAddress | undefined;
}

export interface Layout {
  name: string;
  build(fill?: FillValues): LaidOut;
}

/** Our template, as `nq24 sample` writes it. */
export const TEMPLATE_LAYOUT: Layout = {
  name: "our template",
  build(fill = sampleFillValues()) {
    const t = buildWorkbookTemplate(nationalCatalogue, laiChauSample.cover, fill);
    const snapshot = templateToSnapshot(t);
    return {
      snapshot,
      cellOf(id, column) {
        const sheet = t.sheets.find((s) => s.indicatorRows && s.indicatorRows[id] !== undefined);
        if (!sheet) return undefined;
        const appendix = sheet.role as "PL1" | "PL2";
        return { sheet: sheet.name, row: (sheet.indicatorRows as Record<string, number>)[id], col: columnIndex(appendix, column) };
      },
    };
  },
};

/**
 * A province's own layout: a title block ("Phụ lục 1", the title, "Kèm theo báo cáo…"), an
 * "ĐVT" column filled with the catalogue's units as staff would, headers worded its own way,
 * no id column; one sheet per appendix.
 */
export function provinceLayout(catalogue: Catalogue = nationalCatalogue): Layout {
  return {
    name: "a province's layout with an ĐVT column",
    build(fill = sampleFillValues()) {
      const where = new Map<string, { sheet: string; row: number }>();
      // The cover sheet as the template has it (reporting unit, natural area…): layouts differ in their tables.
      const cover = TEMPLATE_LAYOUT.build(fill).snapshot.sheets[0];
      const sheets: SheetSnapshot[] = [cover];
      const p = periodsOf(catalogue);
      for (const appendix of ["PL1", "PL2"] as const) {
        const name = appendix === "PL1" ? "Biểu 01" : "Biểu 02";
        const header =
          appendix === "PL1"
            ? ["TT", "Các mục tiêu cụ thể", "ĐVT", `Mục tiêu đề ra đến năm ${p.target.year}`, `Hiện trạng năm ${p.baseline.year}`, `Kết quả đạt được đến năm ${p.result.year}`, "Ghi chú"]
            : ["TT", "Chỉ tiêu đánh giá", "ĐVT", `Năm ${p.baseline.year}`, `Năm ${p.result.year}`, "Ghi chú"];
        const grid: (string | number | null)[][] = [
          [appendix === "PL1" ? "Phụ lục 1" : "Phụ lục 2"],
          [appendix === "PL1" ? "TÌNH HÌNH THỰC HIỆN CÁC MỤC TIÊU CỦA NGHỊ QUYẾT SỐ 24-NQ/TW" : "SỐ LIỆU KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CỦA NGHỊ QUYẾT SỐ 24-NQ/TW"],
          ["(Kèm theo Báo cáo số 120/BC-UBND ngày 15/5/2023 của UBND thành phố)"],
          header,
        ];
        const v0 = appendix === "PL1" ? 4 : 3;
        for (const row of catalogue.rows) {
          if (row.appendix !== appendix) continue;
          const line: (string | null)[] = new Array(header.length).fill(null);
          line[0] = row.stt || null;
          line[1] = row.labelVi;
          const values = fill[row.id] ?? {};
          if (row.type === "indicator") {
            const ind = row as IndicatorRow;
            line[2] = ind.unit || null;
            if (appendix === "PL1") line[3] = ind.target?.text ?? null;
            line[v0] = values.baseline ?? null;
            line[v0 + 1] = values.result ?? null;
            where.set(row.id, { sheet: name, row: grid.length });
          }
          line[v0 + 2] = values.note ?? null;
          grid.push(line);
        }
        grid.push([]);
        grid.push([null, "“-”: Không có số liệu"]);
        sheets.push(gridToSheet(name, grid));
      }
      const cols: Record<"PL1" | "PL2", Record<VariantColumn, number>> = {
        PL1: { unit: 2, baseline: 4, result: 5, note: 6 },
        PL2: { unit: 2, baseline: 3, result: 4, note: 5 },
      };
      return {
        snapshot: { sheets },
        cellOf(id, column) {
          const w = where.get(id);
          if (!w) return undefined;
          return { sheet: w.sheet, row: w.row, col: cols[id.startsWith("PL1") ? "PL1" : "PL2"][column] };
        },
      };
    },
  };
}

/** A deep enough copy of a snapshot that typing into it leaves the original as it was. */
export function copySnapshot(s: WorkbookSnapshot): WorkbookSnapshot {
  return {
    ...s,
    sheets: s.sheets.map((sh) => ({
      ...sh,
      values: sh.values.map((r) => r.slice()),
      valueTypes: sh.valueTypes.map((r) => r.slice()),
      numberFormats: sh.numberFormats.map((r) => r.slice()),
      text: sh.text.map((r) => r.slice()),
    })),
  };
}

/** Types into a cell of a snapshot (in place): text as text, a number with its format. */
export function typeInto(snapshot: WorkbookSnapshot, at: CellAddress, typed: Typed): void {
  const sheet = snapshot.sheets.find((s) => s.name === at.sheet) as SheetSnapshot;
  const i = at.row - sheet.origin.row;
  const j = at.col - sheet.origin.col;
  let value: CellValue;
  let type: CellValueType;
  let text: string;
  let format: string | undefined;
  if (typeof typed === "string") {
    value = typed;
    type = typed === "" ? "Empty" : "String";
    text = typed;
  } else {
    value = typed.value;
    type = "Double";
    text = typed.text;
    format = typed.numberFormat;
  }
  sheet.values[i][j] = value;
  sheet.valueTypes[i][j] = type;
  sheet.text[i][j] = text;
  if (format !== undefined) sheet.numberFormats[i][j] = format;
}
