/** A province's consolidation for people (a table of districts) and for scripts (JSON). */
import type { Consolidation } from "../../engine/consolidate";
import { describeFinding } from "../../engine/rules/index";
import type { Lang } from "../../usecases/language";
import { renderTable } from "../table";
import { paragraph } from "../width";
import { place } from "./check";

const say = (lang: Lang) => (vi: string, en: string) => (lang === "en" ? en : vi);

/** One row per district: file, unit, state, errors, warnings, the first error. */
export function districtsTable(c: Consolidation, lang: Lang, columns: number): string {
  const L = say(lang);
  const rows = c.districts.map((d) => [
    d.source.fileName,
    d.source.unit,
    d.duplicateOf ? L(`trùng #${d.duplicateOf.index + 1}`, `duplicate of #${d.duplicateOf.index + 1}`) : d.ready ? L("sẵn sàng", "ready") : L("chưa sẵn sàng", "not ready"),
    String(d.counts.error),
    String(d.counts.warning),
    d.firstErrors[0] ? `${place(d.firstErrors[0])}: ${describeFinding(d.firstErrors[0], lang).message}` : "",
  ]);
  if (!rows.length) return "";
  return renderTable(
    [
      { header: "File", shrink: "truncate", min: 12 },
      { header: L("Đơn vị", "Unit"), shrink: "truncate", min: 12 },
      { header: L("Tình trạng", "State"), shrink: "truncate", min: 9 },
      { header: L("Lỗi", "Err"), align: "right" },
      { header: L("C.báo", "Warn"), align: "right" },
      { header: L("Lỗi đầu tiên", "First error"), shrink: "truncate", min: 16 },
    ],
    rows,
    columns,
  );
}

export function consolidationReport(c: Consolidation, lang: Lang, out: string | undefined, columns: number): string {
  const L = say(lang);
  const counted = c.districts.filter((d) => !d.duplicateOf);
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const dup = c.districts.length - counted.length;
  let s = L(`Đã tổng hợp ${counted.length} báo cáo`, `${n(counted.length, "report", "reports")} consolidated`);
  s += L(`; ${dup} trùng; ${c.refused.length} file bị từ chối.`, `; ${n(dup, "duplicate", "duplicates")}; ${n(c.refused.length, "file", "files")} refused.`);
  s = paragraph(s, columns);
  for (const r of c.refused) s += paragraph(`✖ ${r.fileName}: ${r.message[lang]}`, columns - 2, "  ").replace(/^ {2}/, "  ");
  const table = districtsTable(c, lang, columns);
  if (table) s += "\n" + table;
  if (c.outliers.length) s += "\n" + paragraph(L(`${c.outliers.length} số liệu bất thường (xem trang “Bất thường”).`, `${c.outliers.length} outliers (see the “Bất thường” sheet).`), columns);
  if (out) s += "\n" + paragraph(L("Bảng tổng hợp", "Consolidated workbook") + `: ${out}`, columns);
  return s;
}

export function consolidationJson(c: Consolidation, lang: Lang, out?: string): unknown {
  return {
    out: out ?? null,
    generatedAt: c.generatedAt,
    catalogueVersion: c.catalogueVersion,
    refused: c.refused.map((r) => ({ file: r.fileName, message: r.message[lang] })),
    districts: c.districts.map((d) => ({
      file: d.source.fileName,
      unit: d.source.unit,
      reportDate: d.source.reportDate,
      sha256: d.source.hash,
      ready: d.ready,
      errors: d.counts.error,
      warnings: d.counts.warning,
      filled: d.filled,
      duplicateOf: d.duplicateOf ? { file: c.districts[d.duplicateOf.index].source.fileName, reason: d.duplicateOf.reason } : null,
      firstErrors: d.firstErrors.map((f) => ({ code: f.code, sheet: f.sheet, cell: f.cell, message: describeFinding(f, lang).message })),
    })),
    aggregates: c.aggregates
      .filter((a) => a.n > 0)
      .map((a) => ({ indicatorId: a.indicatorId, year: c.years[a.period], unit: a.unit, additive: a.additive, n: a.n, total: a.total ?? null, min: a.min ?? null, median: a.median ?? null, max: a.max ?? null })),
    outliers: c.outliers.map((o) => ({ indicatorId: o.indicatorId, year: c.years[o.period], file: c.districts[o.district].source.fileName, value: o.value, median: o.median, ratio: o.ratio })),
  };
}
