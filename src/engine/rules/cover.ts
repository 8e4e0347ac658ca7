/**
 * The cover sheet: who reports, when, and the natural area other rules divide by. Read
 * from our "Bìa" sheet, or from the "(Kèm theo Báo cáo số … ngày … của …)" line above a
 * table made without one.
 */
import type { Findings } from "../findings";
import { COVER_FIELDS, COVER_VALUE_COL, SHEET_NAMES, type CoverInfo, type CoverKey } from "../layout";
import { cellString, foldShort, type TableRows } from "../recognize";
import type { SheetSnapshot, WorkbookSnapshot } from "../types";
import { foldForMatch } from "../values";
import { rule } from "./rule";

const fieldLabel = (key: CoverKey) => (COVER_FIELDS.find((f) => f.key === key) ?? COVER_FIELDS[0]).label;

export const coverIncomplete = rule<{ field: CoverKey }>({
  code: "NQ24-E017",
  severity: "error",
  summary: "cover information incomplete",
  title: { vi: "Thông tin chung chưa đủ", en: "Cover information incomplete" },
  message: (p) => ({ vi: `Chưa điền “${fieldLabel(p.field).vi}” ở trang Bìa.`, en: `“${fieldLabel(p.field).en}” is not filled on the cover sheet.` }),
});

export const coverMissing = rule<Record<string, never>>({
  code: "NQ24-W017",
  severity: "warning",
  summary: "no cover sheet",
  title: { vi: "Không có trang Bìa", en: "No cover sheet" },
  message: () => ({
    vi: "Không có trang Bìa: đơn vị báo cáo, số và ngày báo cáo, người lập chưa được ghi.",
    en: "No cover sheet: reporting unit, report number and date, and preparer are not recorded.",
  }),
  fix: () => ({ vi: "Bấm “Chèn biểu mẫu” để thêm trang Bìa.", en: "Press “Insert forms” to add the cover sheet." }),
});

export const COVER_RULES = [coverIncomplete, coverMissing];

// ---------------------------------------------------------------- reading and checking

export interface CoverRead {
  cover: CoverInfo;
  sheet?: SheetSnapshot;
  /** Row of each field found on the cover sheet. */
  rows: Partial<Record<CoverKey, number>>;
}

let coverFolds: { f: (typeof COVER_FIELDS)[number]; vi: string; en: string }[] | undefined;
function coverLabelFolds() {
  if (!coverFolds) coverFolds = COVER_FIELDS.map((f) => ({ f, vi: foldForMatch(f.label.vi), en: foldForMatch(f.label.en) }));
  return coverFolds;
}

export function readCover(snapshot: WorkbookSnapshot, tables: TableRows[]): CoverRead {
  const cover: CoverInfo = {};
  const rows: Partial<Record<CoverKey, number>> = {};
  const labelFolds = coverLabelFolds();
  const sheet = snapshot.sheets.find((s) => s.name === SHEET_NAMES.cover) ?? snapshot.sheets.find((s) => foldForMatch(s.name) === "bia");
  if (sheet) {
    for (let i = 0; i < sheet.values.length; i++) {
      const label = foldShort(cellString(sheet, i, 0 - sheet.origin.col));
      if (!label) continue;
      const hit = labelFolds.find((l) => label === l.vi || label === l.en || l.vi.indexOf(label) === 0 || label.indexOf(l.vi) === 0);
      if (!hit) continue;
      const row = sheet.origin.row + i;
      rows[hit.f.key] = row;
      const v = cellString(sheet, i, COVER_VALUE_COL - sheet.origin.col).trim();
      if (v) cover[hit.f.key] = v;
    }
    return { cover, sheet, rows };
  }
  // A template without a cover: the line under the appendix title may name the report.
  for (const t of tables) {
    const s = snapshot.sheets.find((x) => x.name === t.table.sheet);
    if (!s) continue;
    for (let i = 0; i < Math.min(t.table.headerRow - s.origin.row, 8); i++) {
      for (let j = 0; j < (s.values[i]?.length ?? 0); j++) {
        const text = cellString(s, i, j);
        const m = /Kèm theo Báo cáo số\s*(.*?)\s*ngày\s*(.*?)\s*của\s*(.+?)\)?\s*$/i.exec(text);
        if (!m) continue;
        const num = m[1].replace(/[\s….]+$/, "").trim();
        if (/\d/.test(num.split("/")[0] ?? "")) cover.reportNumber = num;
        if (/^\d/.test(m[2].trim())) cover.reportDate = m[2].trim();
        if (m[3].trim()) cover.unit = m[3].replace(/\)\s*$/, "").trim();
      }
    }
  }
  return { cover, rows };
}

export function checkCover(read: CoverRead, findings: Findings): void {
  if (!read.sheet) {
    findings.add(coverMissing, {}, { sheet: SHEET_NAMES.cover });
    return;
  }
  for (const f of COVER_FIELDS) {
    if (!f.required || (read.cover[f.key] ?? "").trim()) continue;
    const row = read.rows[f.key];
    findings.add(coverIncomplete, { field: f.key }, { sheet: read.sheet.name, row: row ?? f.row, col: COVER_VALUE_COL });
  }
}
