/** A generated layout written as an .xlsx file (through ExcelJS, as another program would write it), merges kept. */
import * as ExcelJS from "exceljs";
import type { WorkbookSnapshot } from "../../src/engine/types";

export async function layoutXlsx(snapshot: WorkbookSnapshot): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of snapshot.sheets) {
    const ws = wb.addWorksheet(s.name);
    s.values.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v !== "" && v !== null) ws.getCell(i + 1, j + 1).value = v as string | number;
      }),
    );
    for (const m of s.merges) if (m.rowCount > 1 || m.colCount > 1) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rowCount, m.col + m.colCount);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
