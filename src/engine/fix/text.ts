/**
 * A fix in words, made where it is shown (the pane's preview, the command line's list, the
 * records): "“1.234,5” → 1.234,5", with a unit converted or the other reading said.
 */
import type { Fix } from "./types";
import { formatViNumber } from "../values";

export interface FixText {
  /** "Phụ lục 2!E85". */
  where: string;
  before: string;
  after: string;
  /** One line: where, before → after, and what else the user should know. */
  line: string;
  /** The conversion or the other reading, when there is one. */
  detail?: string;
}

const quote = (s: string) => `“${s}”`;

function shown(s: string): string {
  return s === "" ? "(trống)" : quote(s);
}

function shownEn(s: string): string {
  return s === "" ? "(empty)" : quote(s);
}

export function fixText(fx: Fix, lang: "vi" | "en"): FixText {
  const vi = lang === "vi";
  const where = `${fx.sheet}!${fx.cell}`;
  const before = (vi ? shown : shownEn)(fx.before.text || (fx.before.value === null ? "" : String(fx.before.value)));
  // A number is shown bare, and said to be one: "“2.179,49” → 2.179,49 (số)".
  const after = typeof fx.after.value === "number" ? `${fx.after.text} (${vi ? "số" : "number"})` : (vi ? shown : shownEn)(fx.after.text);
  const details: string[] = [];
  const r = fx.reason;
  if (r.fromUnit && r.toUnit) {
    const f = r.factor && r.factor !== 1 ? (r.factor > 1 ? `, × ${formatViNumber(r.factor)}` : `, ÷ ${formatViNumber(Number((1 / r.factor).toPrecision(12)))}`) : "";
    details.push(vi ? `đổi từ ${r.fromUnit} sang ${r.toUnit}${f}` : `converted from ${r.fromUnit} to ${r.toUnit}${f}`);
  } else if (r.factor && r.factor !== 1) {
    details.push(vi ? `theo đơn vị của cột (÷ ${formatViNumber(r.factor)})` : `in the column's unit (÷ ${formatViNumber(r.factor)})`);
  }
  if (fx.alternatives && fx.alternatives.length) {
    const others = fx.alternatives.map((a) => quote(a.text)).join(vi ? " hoặc " : " or ");
    details.push(vi ? `có thể là ${others}; kiểm tra trước khi sửa` : `could be ${others}; check before fixing`);
  }
  if (fx.also) {
    details.push(vi ? `chuyển sang ô ghi chú ${fx.also.cell}` : `moved to the note cell ${fx.also.cell}`);
  }
  if (fx.after.numberFormat === "@") details.push(vi ? "ghi dạng văn bản" : "written as text");
  const detail = details.length ? details.join("; ") : undefined;
  const line = `${where}: ${before} → ${fx.also ? `${after}, ${fx.also.cell} ${(vi ? shown : shownEn)(fx.also.after.text)}` : after} [${fx.code}${fx.certainty === "likely" ? (vi ? ", nên xem lại" : ", likely") : ""}]${detail ? ` (${detail})` : ""}`;
  return { where, before, after, line, detail };
}
