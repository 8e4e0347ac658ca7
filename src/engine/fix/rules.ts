/**
 * The cell-form rule family: a figure whose value is right but whose form gets in the way —
 * a number stored as text among real numbers (SUM skips it), a figure written with an
 * English decimal point, spaces around a value. Each has one right repair, which the fix
 * planner (fixers.ts) offers; the check never changes a cell itself.
 */
import { placeOf, type Findings } from "../findings";
import { cap, columnName, q, rule, type CellParams } from "../rules/rule";
import type { IndicatorReading, ReadCell } from "../types";
import { formatViNumber, parseText } from "../values";
import { columnsOf, type SnapshotCells } from "./cells";

const col = (p: CellParams) => columnName(p.role, p.year);

export const numberStoredAsText = rule<CellParams & { seen: string }>({
  code: "NQ24-I050",
  severity: "info",
  summary: "a figure stored as text in a column of numbers (Excel's sums skip it)",
  title: { vi: "Số lưu dạng văn bản", en: "Number stored as text" },
  message: (p) => ({
    vi: `${cap(col(p).vi)} của ${q(p.label)} ghi ${q(p.seen)} dạng văn bản, trong khi cột này là số: hàm SUM của Excel bỏ qua ô này.`,
    en: `The ${col(p).en} of ${q(p.label)} holds ${q(p.seen)} as text in a column of numbers: Excel's SUM skips it.`,
  }),
  fix: () => ({ vi: "Đổi thành số (nút “Sửa”).", en: "Convert it to a number (the “Fix” button)." }),
  autofix: "number",
});

export const englishDecimalPoint = rule<CellParams & { seen: string; vi: string }>({
  code: "NQ24-I051",
  severity: "info",
  summary: "a figure written with an English decimal point or thousands comma (`27.5`, `1,234.5`)",
  title: { vi: "Số viết kiểu Anh", en: "Number written the English way" },
  message: (p) => ({
    vi: `${cap(col(p).vi)} của ${q(p.label)} ghi ${q(p.seen)} với dấu chấm thập phân kiểu Anh; kiểu Việt Nam là ${q(p.vi)}.`,
    en: `The ${col(p).en} of ${q(p.label)} reads ${q(p.seen)} with an English decimal point; the Vietnamese way is ${q(p.vi)}.`,
  }),
  fix: (p) => ({ vi: `Viết ${q(p.vi)}.`, en: `Write ${q(p.vi)}.` }),
  autofix: "viText",
});

export const straySpaces = rule<CellParams & { seen: string }>({
  code: "NQ24-I052",
  severity: "info",
  summary: "spaces (or non-breaking spaces) before or after a value, or several in a row",
  title: { vi: "Khoảng trắng thừa", en: "Stray spaces" },
  message: (p) => ({
    vi: `${cap(col(p).vi)} của ${q(p.label)} có khoảng trắng thừa ở đầu, ở cuối hoặc liền nhau (${q(p.seen)}): lọc và đếm trong Excel sẽ không khớp.`,
    en: `The ${col(p).en} of ${q(p.label)} has spaces before or after it, or several in a row (${q(p.seen)}): Excel's filters and counts will not match it.`,
  }),
  fix: () => ({ vi: "Bỏ khoảng trắng thừa.", en: "Remove the stray spaces." }),
  autofix: "trim",
});

export const CELL_FORM_RULES = [numberStoredAsText, englishDecimalPoint, straySpaces];

// ---------------------------------------------------------------- checks

/** A cheap first look for what trimmedText would change. */
const RE_STRAY = /^\s|\s$|[ \t\u00a0]{2}/;

/** Spaces (non-breaking ones too) at either end, or runs of them: what trimming changes. */
export function trimmedText(s: string): string {
  // A single non-breaking space inside is kept: "1\u00a0234" groups thousands (values/numbers.ts).
  return s.replace(/[ \t\u00a0]{2,}/g, " ").trim();
}

/**
 * The one number of a text written with an English decimal point ("27.5", "1,234.5", "27.5%"),
 * rewritten the Vietnamese way; undefined when the text holds another form or more than one
 * number. "1.234" and "1,234" read two ways and are never rewritten (NQ24-W006 names both).
 */
export function vietnameseForm(raw: string): string | undefined {
  const tokens = raw.match(/\d[\d.,]*\d|\d/g);
  if (!tokens || tokens.length !== 1) return undefined;
  const tok = tokens[0];
  if (!/^\d{1,3}(,\d{3})+\.\d+$/.test(tok) && !/^\d+\.\d+$/.test(tok)) return undefined;
  const n = Number(tok.replace(/,/g, ""));
  // Only where the value parser itself reads the token the English way, and one way only.
  const read = parseText(tok);
  if (!isFinite(n) || read.state !== "number" || read.ambiguous || read.measure.value !== n) return undefined;
  return raw.replace(tok, formatViNumber(n, tok.length - tok.lastIndexOf(".") - 1));
}

/**
 * A percentage typed as a bare fraction ("0,275"): 27,5 % or 0,275 %. The values family
 * reports it with both readings; converting it as a plain number would pick one.
 */
function bareFraction(r: IndicatorReading, cell: ReadCell): boolean {
  const v = cell.value;
  return r.indicator.kind === "percent" && v.state === "number" && v.measure.value > 0 && v.measure.value < 1 && v.raw.indexOf("%") < 0;
}

/** The cell-form rules on every figure read (baseline and result cells). */
export function checkCellForms(cells: SnapshotCells, readings: Record<string, IndicatorReading>, findings: Findings): void {
  const { formOf } = columnsOf(cells, readings);
  for (const id of Object.keys(readings)) {
    const r = readings[id];
    for (const role of ["baseline", "result"] as const) {
      const cell = r[role];
      if (!cell) continue;
      const { sheet, row, col: c } = cell.address;
      const content = cells.at(sheet, row, c);
      if (typeof content.value !== "string") continue;
      const v = cell.value;
      const p: CellParams = { label: r.indicator.labelVi, role, year: r.years[role] };
      const plainNumber = v.state === "number" && !v.ambiguous && !v.description;
      if (plainNumber && content.numberFormat !== "@" && !bareFraction(r, cell) && formOf(sheet, c).numbers) {
        findings.add(numberStoredAsText, { ...p, seen: v.raw }, placeOf(cell, r.indicator.id));
        continue;
      }
      // A fraction in a percentage column is the values family's (W040, both readings).
      const vi = plainNumber && !bareFraction(r, cell) ? vietnameseForm(trimmedText(content.value)) : undefined;
      if (vi !== undefined) {
        findings.add(englishDecimalPoint, { ...p, seen: v.raw, vi }, placeOf(cell, r.indicator.id));
        continue;
      }
      if (v.state !== "blank" && RE_STRAY.test(content.value) && trimmedText(content.value) !== content.value) {
        findings.add(straySpaces, { ...p, seen: content.value }, placeOf(cell, r.indicator.id));
      }
    }
  }
}
