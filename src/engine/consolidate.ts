/**
 * Province consolidation, as pure data: many districts' check results in, one roll-up
 * out (completeness, status counts, totals or spreads, outliers, readiness, sources,
 * duplicates), plus the tables the adapters render as sheets. No I/O here: the .xlsx
 * and Office.js adapters both render `consolidationSheets`.
 */
import type { Catalogue, IndicatorRow, Text2 } from "../catalogue/types";
import { isIndicator } from "../catalogue/types";
import { periodsOf, periodYears } from "../catalogue/periods";
import type { PeriodYears } from "../catalogue/types";
import type { CheckResult } from "./check";
import { describeFinding } from "./rules/index";
import { STATUS_TEXT, TREND_TEXT, numericValue } from "./status";
import type { Finding, IndicatorReading, ParsedValue } from "./types";
import { conversionFactor, indicatorUnit, unitName, unitSize } from "./values/convert";

export type Lang = "vi" | "en";

export interface DistrictSource {
  fileName: string;
  /** Reporting unit from the cover sheet. */
  unit: string;
  reportDate: string;
  catalogueVersion: string;
  /** Content hash of the file (hex), to spot the same report sent twice. */
  hash: string;
}

export interface DistrictInput {
  source: DistrictSource;
  result: CheckResult;
}

/** A file that could not be read at all, kept so the roll-up says what is missing. */
export interface RefusedFile {
  fileName: string;
  message: Text2;
}

export type Completeness = "filled" | "noData" | "notApplicable" | "blank" | "error";
/** The two periods a district reports figures for. */
export type Period = "baseline" | "result";

export interface DistrictSummary {
  index: number;
  source: DistrictSource;
  ready: boolean;
  counts: { error: number; warning: number; info: number };
  /** The first few errors, for the "not ready" list. */
  firstErrors: Finding[];
  /** Set when this report repeats an earlier one; duplicates stay out of the figures. */
  duplicateOf?: { index: number; reason: "unit" | "hash" };
  filled: number;
}

export interface Aggregate {
  indicatorId: string;
  period: Period;
  /** Unit the figures are in ("đồng" for money). */
  unit: string;
  additive: boolean;
  /** Number of districts with an exact number. */
  n: number;
  total?: number;
  min?: number;
  median?: number;
  max?: number;
  /** Per district index (only districts in the figures); undefined when no exact number. */
  values: (number | undefined)[];
}

export interface Outlier {
  indicatorId: string;
  period: Period;
  district: number;
  value: number;
  median: number;
  /** value / median. */
  ratio: number;
}

export interface Consolidation {
  catalogueVersion: string;
  /** The catalogue's years, which the sheets' headings quote. */
  years: PeriodYears;
  generatedAt: string;
  indicators: IndicatorRow[];
  districts: DistrictSummary[];
  refused: RefusedFile[];
  /** completeness[indicatorId][districtIndex] */
  completeness: Record<string, Completeness[]>;
  /** statusCounts[indicatorId][status or trend] over the districts in the figures. */
  statusCounts: Record<string, Record<string, number>>;
  aggregates: Aggregate[];
  outliers: Outlier[];
  /** Districts whose report is not ready to send. */
  notReady: number[];
}

export const OUTLIER_FACTOR = 10;
export const OUTLIER_MIN_DISTRICTS = 3;

/** Reporting unit reduced to what identifies a district: no accents, case, "UBND", "huyện"… */
export function normaliseUnit(unit: string): string {
  let s = unit.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  s = s.replace(/[^a-z0-9]+/g, " ").trim();
  s = s.replace(/^(uy ban nhan dan|ubnd)\s+/, "");
  s = s.replace(/^(thanh pho|tp|huyen|thi xa|tx|quan)\s+/, "");
  return s.trim();
}

/**
 * Additive measures: amounts that sum across districts — not shares, not per-unit measures
 * ("m²/người"), not averages ("Diện tích bình quân/thửa" is in ha but sums to nonsense).
 */
export function isAdditive(ind: IndicatorRow): boolean {
  if (!(ind.kind === "area" || ind.kind === "count" || ind.kind === "money")) return false;
  if (ind.unit.includes("/")) return false;
  return !/bình quân|trung bình/i.test(ind.labelVi);
}

/**
 * The exact number a reading contributes to the figures, in the indicator's unit (money in
 * đồng, areas in ha…), or undefined for bounds, ranges, text, empty states and figures in a
 * unit that is not the indicator's measure. Readings arrive converted (tableUnits.ts: the
 * table's declared unit applied, then values/convert.ts); a measure still in another unit of
 * the same measure is converted here by the same table.
 */
export function figureOf(ind: IndicatorRow, v: ParsedValue | undefined): number | undefined {
  if (!v) return undefined;
  if (v.state !== "number" && v.state !== "multi" && v.state !== "countOfTotal") return undefined;
  const n = numericValue(v, ind.kind === "percent");
  if (n === undefined || !isFinite(n)) return undefined;
  if (v.state === "countOfTotal") return n;
  const target = indicatorUnit(ind);
  // "1.522,16 ha; độ che phủ 21,3%": the measure in the indicator's unit, whichever comes first.
  const measures = v.state === "multi" ? v.measures : [v.measure];
  for (const m of measures) {
    // A bare number is in the catalogue's unit ("585" of a "triệu đồng" row is 585 triệu).
    const unit = m.unit === "" ? unitName(ind.unit) : m.unit;
    const factor = conversionFactor(unit, target);
    if (factor !== undefined) return factor === 1 ? m.value : Number((m.value * factor).toPrecision(15));
  }
  // Counted things named differently ("cơ sở" for "doanh nghiệp") still add up; measures do not.
  const unit = v.measure.unit;
  return unit === "" || unitSize(unit).known || unitSize(target).known ? undefined : n;
}

export function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Where one district's errors are, looked up once per district rather than per cell. */
interface ErrorIndex {
  /** sheet → row * 16384 + col of each cell with an error. */
  cells: Map<string, Set<number>>;
  indicators: Set<string>;
}

function errorIndex(findings: Finding[]): ErrorIndex {
  const idx: ErrorIndex = { cells: new Map(), indicators: new Set() };
  for (const f of findings) {
    if (f.severity !== "error") continue;
    if (f.row !== undefined && f.col !== undefined) {
      let set = idx.cells.get(f.sheet);
      if (!set) idx.cells.set(f.sheet, (set = new Set()));
      set.add(f.row * 16384 + f.col);
    }
    if (f.indicatorId) idx.indicators.add(f.indicatorId);
  }
  return idx;
}

function hasErrorAt(errors: ErrorIndex, reading: IndicatorReading | undefined, period: Period): boolean {
  const cell = reading?.[period]?.address;
  if (!cell) return false;
  return errors.cells.get(cell.sheet)?.has(cell.row * 16384 + cell.col) ?? false;
}

function completenessOf(result: CheckResult, errors: ErrorIndex, ind: IndicatorRow): Completeness {
  const reading = result.readings[ind.id];
  if (errors.indicators.has(ind.id)) return "error";
  const v = reading?.result?.value;
  if (!v) return "blank";
  switch (v.state) {
    case "blank":
      return "blank";
    case "noData":
      return "noData";
    case "notApplicable":
      return "notApplicable";
    case "error":
      return "error";
    default:
      return "filled";
  }
}

export function consolidate(inputs: DistrictInput[], catalogue: Catalogue, refused: RefusedFile[] = [], now: Date = new Date()): Consolidation {
  const indicators = catalogue.rows.filter(isIndicator);
  const districts: DistrictSummary[] = [];
  const byUnit = new Map<string, number>();
  const byHash = new Map<string, number>();
  inputs.forEach((input, index) => {
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of input.result.findings) counts[f.severity]++;
    const d: DistrictSummary = {
      index,
      source: input.source,
      ready: input.result.plan.verdict.ready,
      counts,
      firstErrors: input.result.findings.filter((f) => f.severity === "error").slice(0, 3),
      filled: 0,
    };
    const hashDup = input.source.hash ? byHash.get(input.source.hash) : undefined;
    const key = normaliseUnit(input.source.unit);
    const unitDup = key ? byUnit.get(key) : undefined;
    if (hashDup !== undefined) d.duplicateOf = { index: hashDup, reason: "hash" };
    else if (unitDup !== undefined) d.duplicateOf = { index: unitDup, reason: "unit" };
    if (input.source.hash && hashDup === undefined) byHash.set(input.source.hash, index);
    if (key && unitDup === undefined) byUnit.set(key, index);
    districts.push(d);
  });
  const counted = (i: number) => districts[i].duplicateOf === undefined;
  const errors = inputs.map((input) => errorIndex(input.result.findings));
  const statusById = inputs.map((input) => new Map(input.result.statuses.map((s) => [s.indicatorId, s])));

  const completeness: Record<string, Completeness[]> = {};
  const statusCounts: Record<string, Record<string, number>> = {};
  const aggregates: Aggregate[] = [];
  const outliers: Outlier[] = [];
  for (const ind of indicators) {
    completeness[ind.id] = inputs.map((input, i) => {
      const c = completenessOf(input.result, errors[i], ind);
      if (c === "filled") districts[i].filled++;
      return c;
    });
    const sc: Record<string, number> = {};
    inputs.forEach((input, i) => {
      if (!counted(i)) return;
      const st = statusById[i].get(ind.id);
      if (!st) return;
      const key = ind.appendix === "PL1" && st.status ? st.status : st.trend;
      sc[key] = (sc[key] ?? 0) + 1;
    });
    statusCounts[ind.id] = sc;

    if (ind.kind === "yesno" || ind.kind === "text") continue;
    for (const period of ["baseline", "result"] as Period[]) {
      const values = inputs.map((input, i) => {
        if (!counted(i)) return undefined;
        const reading = input.result.readings[ind.id];
        if (hasErrorAt(errors[i], reading, period)) return undefined;
        return figureOf(ind, reading?.[period]?.value);
      });
      const xs = values.filter((x): x is number => x !== undefined);
      const additive = isAdditive(ind);
      const agg: Aggregate = {
        indicatorId: ind.id,
        period,
        unit: ind.kind === "money" ? indicatorUnit(ind) : ind.unit,
        additive,
        n: xs.length,
        values,
      };
      if (xs.length > 0) {
        if (additive) agg.total = xs.reduce((a, b) => a + b, 0);
        agg.min = Math.min(...xs);
        agg.max = Math.max(...xs);
        agg.median = median(xs);
      }
      aggregates.push(agg);
      const m = agg.median;
      if (xs.length >= OUTLIER_MIN_DISTRICTS && m !== undefined && m > 0) {
        values.forEach((v, i) => {
          if (v === undefined) return;
          if (v > OUTLIER_FACTOR * m || v < m / OUTLIER_FACTOR) {
            outliers.push({ indicatorId: ind.id, period, district: i, value: v, median: m, ratio: v / m });
          }
        });
      }
    }
  }
  return {
    catalogueVersion: catalogue.version,
    years: periodYears(periodsOf(catalogue)),
    generatedAt: now.toISOString(),
    indicators,
    districts,
    refused,
    completeness,
    statusCounts,
    aggregates,
    outliers,
    notReady: districts.filter((d) => !d.ready).map((d) => d.index),
  };
}

// ---------------------------------------------------------------- Sheets

export const CONSOLIDATION_SHEETS = {
  summary: "Tổng hợp",
  completeness: "Mức độ đầy đủ",
  status: "Tình trạng",
  totals: "Tổng số liệu",
  outliers: "Bất thường",
  sources: "Nguồn",
} as const;

export interface StyledCell {
  v: string | number | null;
  fill?: string;
  bold?: boolean;
  /** Number format for numbers ("#,##0.##"). */
  fmt?: string;
}
export type SheetCell = string | number | null | StyledCell;

export interface ConsolidationSheet {
  name: string;
  /** Rows above the table (title, legend), one cell each. */
  preamble: SheetCell[][];
  header: string[];
  rows: SheetCell[][];
  widths: number[];
  /** A chart the Office adapter may draw: category and value columns of the table (0-based). */
  chart?: { title: string; categoryCol: number; valueCol: number };
}

export const COMPLETENESS_LOOK: Record<Completeness, { mark: string; fill: string; text: Text2 }> = {
  filled: { mark: "✔", fill: "#C6EFCE", text: { vi: "Có số liệu", en: "Filled" } },
  noData: { mark: "-", fill: "#EDEDED", text: { vi: "Không có số liệu (“-”)", en: "No data (“-”)" } },
  notApplicable: { mark: "KC", fill: "#DDEBF7", text: { vi: "Không có / không áp dụng", en: "Not applicable" } },
  blank: { mark: "○", fill: "#FFEB9C", text: { vi: "Bỏ trống", en: "Blank" } },
  error: { mark: "✖", fill: "#FFC7CE", text: { vi: "Có lỗi", en: "Error" } },
};

const NUM = "#,##0.##";

function t(lang: Lang, vi: string, en: string): string {
  return lang === "vi" ? vi : en;
}

function districtName(d: DistrictSummary): string {
  return d.source.unit || d.source.fileName;
}

function label(ind: IndicatorRow, lang: Lang): string {
  return lang === "vi" ? ind.labelVi : ind.labelEn;
}

function statusLabel(key: string, lang: Lang): string {
  const s = (STATUS_TEXT as Record<string, Text2>)[key] ?? (TREND_TEXT as Record<string, Text2>)[key];
  return s ? s[lang] : key;
}

function findingText(f: Finding, lang: Lang): string {
  return `${f.sheet}${f.cell ? "!" + f.cell : ""}: ${describeFinding(f, lang).message}`;
}

/** The consolidated workbook's sheets, as data both adapters render. */
export function consolidationSheets(c: Consolidation, lang: Lang = "vi"): ConsolidationSheet[] {
  const b = c.years.baseline;
  const r = c.years.result;
  const counted = c.districts.filter((d) => !d.duplicateOf);
  const readyCount = counted.filter((d) => d.ready).length;
  const total = c.indicators.length;

  // Unit and share filled sit side by side: the chart's source is one contiguous range.
  const summaryRows: SheetCell[][] = c.districts.map((d) => [
    d.index + 1,
    districtName(d),
    { v: total ? Math.round((d.filled / total) * 1000) / 10 : 0, fmt: "0.0" },
    d.source.fileName,
    { v: d.ready ? t(lang, "Sẵn sàng gửi", "Ready to send") : t(lang, "Chưa sẵn sàng", "Not ready"), fill: d.ready ? "#C6EFCE" : "#FFC7CE" },
    d.counts.error,
    d.counts.warning,
    d.duplicateOf ? t(lang, `Trùng với #${d.duplicateOf.index + 1}`, `Duplicate of #${d.duplicateOf.index + 1}`) : "",
    d.firstErrors.map((f) => findingText(f, lang)).join("\n"),
  ]);
  const summary: ConsolidationSheet = {
    name: CONSOLIDATION_SHEETS.summary,
    preamble: [
      [{ v: t(lang, "TỔNG HỢP BÁO CÁO NGHỊ QUYẾT 24-NQ/TW CỦA CÁC HUYỆN, THÀNH PHỐ", "CONSOLIDATION OF THE DISTRICTS' RESOLUTION 24-NQ/TW REPORTS"), bold: true }],
      [t(lang, `Lập lúc ${c.generatedAt}; danh mục phiên bản ${c.catalogueVersion}`, `Made at ${c.generatedAt}; catalogue version ${c.catalogueVersion}`)],
      [t(lang,
        `Đã tổng hợp ${counted.length} báo cáo (${readyCount} sẵn sàng gửi, ${counted.length - readyCount} chưa sẵn sàng); ${c.districts.length - counted.length} báo cáo trùng; ${c.refused.length} file không đọc được.`,
        `${counted.length} reports consolidated (${readyCount} ready, ${counted.length - readyCount} not ready); ${c.districts.length - counted.length} duplicates; ${c.refused.length} files could not be read.`)],
      ...c.refused.map((r) => [{ v: `${r.fileName}: ${r.message[lang]}`, fill: "#FFC7CE" } as SheetCell]),
    ],
    header: lang === "vi"
      ? ["#", "Đơn vị báo cáo", `% chỉ tiêu có số liệu ${r}`, "File", "Tình trạng", "Số lỗi", "Số cảnh báo", "Trùng", "Lỗi đầu tiên"]
      : ["#", "Reporting unit", `% indicators filled (${r})`, "File", "State", "Errors", "Warnings", "Duplicate", "First errors"],
    rows: summaryRows,
    widths: [5, 30, 14, 30, 16, 8, 10, 16, 80],
    chart: { title: t(lang, `% chỉ tiêu có số liệu ${r}`, `% indicators filled (${r})`), categoryCol: 1, valueCol: 2 },
  };

  const completeness: ConsolidationSheet = {
    name: CONSOLIDATION_SHEETS.completeness,
    preamble: [
      [{ v: t(lang, `MỨC ĐỘ ĐẦY ĐỦ SỐ LIỆU ${r} (chỉ tiêu × đơn vị)`, `COMPLETENESS OF THE ${r} VALUES (indicator × district)`), bold: true }],
      [(Object.keys(COMPLETENESS_LOOK) as Completeness[]).map((k) => `${COMPLETENESS_LOOK[k].mark} ${COMPLETENESS_LOOK[k].text[lang]}`).join("   ")],
    ],
    header: [t(lang, "Mã", "Id"), "STT", t(lang, "Chỉ tiêu", "Indicator"), ...c.districts.map((d) => `#${d.index + 1} ${districtName(d)}`)],
    rows: c.indicators.map((ind) => [
      ind.id,
      ind.stt,
      label(ind, lang),
      ...c.completeness[ind.id].map((k) => ({ v: COMPLETENESS_LOOK[k].mark, fill: COMPLETENESS_LOOK[k].fill })),
    ]),
    widths: [9, 5, 60, ...c.districts.map(() => 12)],
  };

  const statusKeys: string[] = [];
  for (const ind of c.indicators) for (const k of Object.keys(c.statusCounts[ind.id])) if (!statusKeys.includes(k)) statusKeys.push(k);
  const order = ["achieved", "exceeded", "notAchieved", "noData", "notApplicable", "noTarget", "better", "worse", "unchanged", "increased", "decreased", "unknown"];
  statusKeys.sort((a, b) => (order.indexOf(a) + 100) % 100 - (order.indexOf(b) + 100) % 100);
  const status: ConsolidationSheet = {
    name: CONSOLIDATION_SHEETS.status,
    preamble: [[{ v: t(lang, `SỐ ĐƠN VỊ THEO TÌNH TRẠNG (Phụ lục 1: so với mục tiêu; Phụ lục 2: xu hướng ${b} → ${r})`, `DISTRICTS BY STATUS (Appendix 1: against the target; Appendix 2: ${b} → ${r} trend)`), bold: true }]],
    header: [t(lang, "Mã", "Id"), "STT", t(lang, "Chỉ tiêu", "Indicator"), ...statusKeys.map((k) => statusLabel(k, lang))],
    rows: c.indicators.map((ind) => [ind.id, ind.stt, label(ind, lang), ...statusKeys.map((k) => c.statusCounts[ind.id][k] ?? 0)]),
    widths: [9, 5, 60, ...statusKeys.map(() => 12)],
  };

  const byInd = new Map<string, Partial<Record<Period, Aggregate>>>();
  for (const a of c.aggregates) {
    const e = byInd.get(a.indicatorId) ?? {};
    e[a.period] = a;
    byInd.set(a.indicatorId, e);
  }
  const n = (x: number | undefined): SheetCell => (x === undefined ? null : { v: x, fmt: NUM });
  const totals: ConsolidationSheet = {
    name: CONSOLIDATION_SHEETS.totals,
    preamble: [
      [{ v: t(lang, "TỔNG SỐ LIỆU: cộng dồn với diện tích, số lượng, tiền (đồng); nhỏ nhất / trung vị / lớn nhất với tỷ lệ và chỉ số bình quân", "FIGURES: totals for areas, counts and money (đồng); min / median / max for shares and per-unit measures"), bold: true }],
      [t(lang, "Chỉ tính số liệu chính xác (không tính “>85%”, khoảng, ô có lỗi, báo cáo trùng).", "Only exact numbers count (no bounds, ranges, cells with errors, duplicate reports).")],
    ],
    header: lang === "vi"
      ? ["Mã", "STT", "Chỉ tiêu", "Đơn vị", "Cộng dồn", ...[b, r].flatMap((y) => [`${y}: số đơn vị`, `${y}: tổng`, `${y}: nhỏ nhất`, `${y}: trung vị`, `${y}: lớn nhất`])]
      : ["Id", "No.", "Indicator", "Unit", "Additive", ...[b, r].flatMap((y) => [`${y}: districts`, `${y}: total`, `${y}: min`, `${y}: median`, `${y}: max`])],
    rows: c.indicators.filter((ind) => byInd.has(ind.id)).map((ind) => {
      const e = byInd.get(ind.id) as Partial<Record<Period, Aggregate>>;
      const cols = (a: Aggregate | undefined): SheetCell[] => [a?.n ?? 0, n(a?.total), n(a?.min), n(a?.median), n(a?.max)];
      const a = e.result ?? e.baseline;
      return [ind.id, ind.stt, label(ind, lang), a?.unit ?? ind.unit, a?.additive ? t(lang, "Có", "Yes") : t(lang, "Không", "No"), ...cols(e.baseline), ...cols(e.result)];
    }),
    widths: [9, 5, 60, 12, 9, 9, 14, 12, 12, 12, 9, 14, 12, 12, 12],
  };

  const indById = new Map(c.indicators.map((i) => [i.id, i]));
  const outliers: ConsolidationSheet = {
    name: CONSOLIDATION_SHEETS.outliers,
    preamble: [[{ v: t(lang, `SỐ LIỆU BẤT THƯỜNG: lớn hơn ${OUTLIER_FACTOR} lần hoặc nhỏ hơn 1/${OUTLIER_FACTOR} trung vị các đơn vị (khi có từ ${OUTLIER_MIN_DISTRICTS} đơn vị)`, `OUTLIERS: over ${OUTLIER_FACTOR}× or under 1/${OUTLIER_FACTOR} of the districts' median (with at least ${OUTLIER_MIN_DISTRICTS} districts)`), bold: true }]],
    header: lang === "vi"
      ? ["Mã", "Chỉ tiêu", "Năm", "Đơn vị báo cáo", "File", "Giá trị", "Trung vị", "Gấp (lần)"]
      : ["Id", "Indicator", "Year", "Reporting unit", "File", "Value", "Median", "Ratio"],
    rows: c.outliers.map((o) => {
      const d = c.districts[o.district];
      const ind = indById.get(o.indicatorId) as IndicatorRow;
      return [o.indicatorId, label(ind, lang), String(c.years[o.period]), districtName(d), d.source.fileName, n(o.value), n(o.median), { v: Math.round(o.ratio * 100) / 100, fmt: "0.00", fill: "#FFEB9C" }];
    }),
    widths: [9, 60, 6, 30, 30, 14, 14, 10],
  };

  const sources: ConsolidationSheet = {
    name: CONSOLIDATION_SHEETS.sources,
    preamble: [[{ v: t(lang, "NGUỒN SỐ LIỆU: mọi file đã nhận", "SOURCES: every file received"), bold: true }]],
    header: lang === "vi"
      ? ["#", "File", "Đơn vị báo cáo", "Ngày báo cáo", "Phiên bản danh mục", "Mã băm SHA-256", "Trạng thái"]
      : ["#", "File", "Reporting unit", "Report date", "Catalogue version", "SHA-256 hash", "State"],
    rows: [
      ...c.districts.map((d): SheetCell[] => [
        d.index + 1,
        d.source.fileName,
        d.source.unit,
        d.source.reportDate,
        d.source.catalogueVersion,
        d.source.hash,
        d.duplicateOf
          ? {
            v: t(lang,
              `Trùng với #${d.duplicateOf.index + 1} (${d.duplicateOf.reason === "hash" ? "cùng nội dung" : "cùng đơn vị báo cáo"}); không tính vào số liệu`,
              `Duplicate of #${d.duplicateOf.index + 1} (${d.duplicateOf.reason === "hash" ? "same content" : "same reporting unit"}); left out of the figures`),
            fill: "#FFEB9C",
          }
          : d.ready ? t(lang, "Sẵn sàng gửi", "Ready to send") : t(lang, "Chưa sẵn sàng", "Not ready"),
      ]),
      ...c.refused.map((r): SheetCell[] => [null, r.fileName, "", "", "", "", { v: r.message[lang], fill: "#FFC7CE" }]),
    ],
    widths: [5, 34, 30, 14, 12, 66, 60],
  };
  return [summary, completeness, status, totals, outliers, sources];
}
