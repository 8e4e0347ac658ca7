/** Test helpers around the fake: capabilities of a fake host, user-cell snapshots, a 10,000-row workbook. */
import "./ms";
import { detectCapabilities, Capabilities } from "../../src/adapters/office/capabilities";
import { a1 } from "../../src/adapters/office/a1";
import type { Catalogue } from "../../src/catalogue/types";
import { SHEET_NAMES } from "../../src/engine/layout";
import { decodeMetadata, META_WIDTH } from "../../src/engine/metadata";
import { FakeWorkbook } from "./workbook";
import { textOf, key, DEFAULT_CELL } from "./model";
import { createFakeOffice } from "./office";

export function capsFor(wb: FakeWorkbook): Capabilities {
  return detectCapabilities(createFakeOffice(wb).context.requirements.isSetSupported);
}

export interface UserCell {
  value: unknown;
  text: string;
}

/** Every non-empty cell of the given sheets: what the user sees and what Excel holds. */
export function userCells(wb: FakeWorkbook, sheets: string[]): Map<string, UserCell> {
  const out = new Map<string, UserCell>();
  for (const name of sheets) {
    const s = wb.sheets.find((x) => x.name === name);
    if (!s) continue;
    s.cells.forEach((c, k) => {
      if (c.value === null || c.value === "") return;
      const [r, col] = k.split(",").map(Number);
      out.set(`${name}!${a1(r, col)}`, { value: c.value, text: textOf(c) });
    });
  }
  return out;
}

/** Which of `before` differ now (value or text); empty when every user cell is intact. */
export function changedCells(wb: FakeWorkbook, before: Map<string, UserCell>): string[] {
  const now = userCells(wb, Array.from(new Set(Array.from(before.keys()).map((k) => k.slice(0, k.lastIndexOf("!"))))));
  const out: string[] = [];
  before.forEach((v, k) => {
    const n = now.get(k);
    if (!n || n.value !== v.value || n.text !== v.text) out.push(`${k}: ${JSON.stringify(v)} → ${JSON.stringify(n ?? null)}`);
  });
  return out;
}

/**
 * A province-style Phụ lục 2 with many rows: the catalogue's PL2 rows repeated until
 * `rows` rows, with 2013/2022 values, in a layout of its own (title rows, no id column).
 */
export function bigWorkbook(catalogue: Catalogue, rows: number): FakeWorkbook {
  const wb = new FakeWorkbook();
  const s = wb.addSheet("PL2 tổng hợp");
  const put = (r: number, c: number, v: string | number) => s.cells.set(key(r, c), { ...DEFAULT_CELL, value: v, numberFormat: typeof v === "string" ? "@" : "General" });
  put(0, 0, "Phụ lục 2");
  put(1, 0, "Số liệu thể hiện kết quả thực hiện các nhiệm vụ của Nghị quyết 24-NQ/TW");
  const header = ["STT", "Chỉ tiêu", "Đơn vị", "2013", "2022", "Ghi chú"];
  header.forEach((h, j) => put(3, j, h));
  const pl2 = catalogue.rows.filter((r) => r.appendix === "PL2");
  let r = 4;
  let i = 0;
  while (r < rows + 4) {
    const row = pl2[i % pl2.length];
    put(r, 0, row.stt || "");
    put(r, 1, row.labelVi);
    if (row.type === "indicator") {
      put(r, 2, (row as { unit: string }).unit || "");
      put(r, 3, String(10 + (i % 7)));
      put(r, 4, String(12 + (i % 5)));
    }
    r++;
    i++;
  }
  return wb;
}

/** The records the add-in keeps in its hidden metadata sheet, decoded. */
export function metaRecords(wb: FakeWorkbook): ReturnType<typeof decodeMetadata> {
  const rows: (string | number | boolean | null)[][] = [];
  wb.sheet(SHEET_NAMES.meta).cells.forEach((c, k) => {
    const [r, cc] = k.split(",").map(Number);
    while (rows.length <= r) rows.push([]);
    rows[r][cc] = c.value as string | number | boolean | null;
  });
  return decodeMetadata(rows.map((r) => Array.from({ length: META_WIDTH }, (_, i) => (r[i] === undefined ? null : r[i]))));
}
