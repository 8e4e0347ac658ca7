/**
 * Rules on the values read for one indicator: missing, wrong kind, out of range, wrong
 * unit, ambiguous, contradicting "Không có", count over its total, Excel errors and
 * dates, a share that disagrees with its area, a target edited, an implausible change.
 */
import type { IndicatorRow, Text2 } from "../../catalogue/types";
import { effectiveNote } from "../read";
import { noteSaysNone, numericValue } from "../status";
import { ambiguityOf, measureOf, type CellUnit, type IndicatorReading, type NumberValue, type ParsedValue, type ReadCell } from "../types";
import { conversionFactor, indicatorUnit } from "../values/convert";
import { formatViNumber, normaliseUnit } from "../values";
import { placeOf, type Findings } from "../findings";
import { cap, columnName, listCells, q, rule, type CellGroupParams, type CellParams } from "./rule";

const KIND_WORDS: Record<IndicatorRow["kind"], Text2> = {
  percent: { vi: "một tỷ lệ phần trăm (ví dụ 27,5 hoặc 27,5%)", en: "a percentage (e.g. 27,5 or 27,5%)" },
  area: { vi: "một diện tích (ví dụ 2.570,52 ha)", en: "an area (e.g. 2.570,52 ha)" },
  count: { vi: "một số lượng", en: "a count" },
  money: { vi: "một số tiền (ví dụ 585 triệu đồng)", en: "an amount of money (e.g. 585 triệu đồng)" },
  yesno: { vi: "Có hoặc Không", en: "Có (yes) or Không (no)" },
  countOfTotal: { vi: "số đạt trên tổng số (ví dụ 2/2)", en: "a count out of a total (e.g. 2/2)" },
  countDescription: { vi: "một số lượng, kèm mô tả nếu cần", en: "a count, with a description if needed" },
  text: { vi: "nội dung", en: "text" },
};

const RANGE_REASONS = {
  percent: { vi: "tỷ lệ phải từ 0 đến 100%", en: "a percentage must lie between 0 and 100%" },
  negative: { vi: "giá trị không thể âm", en: "the value cannot be negative" },
  fraction: { vi: "số lượng phải là số nguyên", en: "a count must be a whole number" },
};

const col = (p: CellParams) => columnName(p.role, p.year);

export const missingValue = rule<CellParams>({
  code: "NQ24-E001",
  severity: "error",
  severityNote: "error (result) / warning (baseline)",
  summary: "value missing, with no note explaining it",
  title: { vi: "Thiếu số liệu", en: "Value missing" },
  message: (p) => ({
    vi: `Chưa nhập ${col(p).vi} cho chỉ tiêu ${q(p.label)}.`,
    en: `No ${col(p).en} entered for ${q(p.label)}.`,
  }),
  fix: () => ({
    vi: "Nhập số liệu; nếu không có số liệu, ghi “-” và giải thích ở cột Ghi chú; nếu không có đối tượng này, ghi “Không có”.",
    en: "Enter the value; if there is no data write “-” and explain in the Note column; if nothing of that kind exists write “Không có”.",
  }),
});

export const blankExplained = rule<CellGroupParams>({
  code: "NQ24-I001",
  severity: "info",
  summary: "blank, explained by a note",
  title: { vi: "Ô trống, có ghi chú", en: "Blank, explained by a note" },
  message: (p) => ({
    vi: `${p.count} ô ở cột ${columnName(p.role, p.year).vi} để trống nhưng có ghi chú giải thích (${listCells(p.cells)}).`,
    en: `${p.count} cell(s) in the ${columnName(p.role, p.year).en} column are blank but explained by a note (${listCells(p.cells)}).`,
  }),
});

export const noDataWithoutNote = rule<CellGroupParams>({
  code: "NQ24-I002",
  severity: "info",
  summary: "“-” (no data) without a note",
  title: { vi: "Không có số liệu, không ghi chú", en: "No data declared without a note" },
  message: (p) => ({
    vi: `${p.count} ô ở cột ${columnName(p.role, p.year).vi} ghi “-” (không có số liệu) nhưng cột Ghi chú không nêu lý do (${listCells(p.cells)}).`,
    en: `${p.count} cell(s) in the ${columnName(p.role, p.year).en} column read “-” (no data) with no reason in the Note column (${listCells(p.cells)}).`,
  }),
  fix: () => ({ vi: "Nêu lý do không có số liệu ở cột Ghi chú.", en: "Say in the Note column why there is no data." }),
});

export const wrongKind = rule<CellParams & { kind: IndicatorRow["kind"]; seen: string }>({
  code: "NQ24-W003",
  severity: "warning",
  summary: "wrong kind of value (text for a percentage, a number for yes/no…)",
  title: { vi: "Sai loại giá trị", en: "Wrong kind of value" },
  message: (p) => ({
    vi: `${cap(col(p).vi)} của ${q(p.label)} cần ${KIND_WORDS[p.kind].vi}, nhưng ô ghi ${q(p.seen)}.`,
    en: `The ${col(p).en} of ${q(p.label)} should be ${KIND_WORDS[p.kind].en}, but the cell holds ${q(p.seen)}.`,
  }),
  fix: (p) => ({ vi: `Nhập ${KIND_WORDS[p.kind].vi}.`, en: `Enter ${KIND_WORDS[p.kind].en}.` }),
});

export const outOfRange = rule<CellParams & { seen: string; why: keyof typeof RANGE_REASONS }>({
  code: "NQ24-E004",
  severity: "error",
  summary: "out of range: percentage outside 0–100, negative area or count, fractional count",
  title: { vi: "Giá trị ngoài phạm vi", en: "Value out of range" },
  message: (p) => ({
    vi: `${cap(col(p).vi)} của ${q(p.label)} là ${q(p.seen)}: ${RANGE_REASONS[p.why].vi}.`,
    en: `The ${col(p).en} of ${q(p.label)} is ${q(p.seen)}: ${RANGE_REASONS[p.why].en}.`,
  }),
});

export const wrongUnit = rule<CellParams & { seen: string; unit: string; expected: string }>({
  code: "NQ24-W005",
  severity: "warning",
  summary: "wrong unit (ha in a percentage, % in an area…)",
  title: { vi: "Sai đơn vị", en: "Wrong unit" },
  message: (p) => ({
    vi: `${cap(col(p).vi)} của ${q(p.label)} ghi đơn vị “${p.unit}” (${q(p.seen)}), chỉ tiêu tính bằng “${p.expected}”.`,
    en: `The ${col(p).en} of ${q(p.label)} is in “${p.unit}” (${q(p.seen)}); the indicator is measured in “${p.expected}”.`,
  }),
  fix: (p) => ({ vi: `Quy đổi sang “${p.expected}”.`, en: `Convert to “${p.expected}”.` }),
});

export const ambiguous = rule<CellParams & { seen: string; readings: number[] }>({
  code: "NQ24-W006",
  severity: "warning",
  summary: "a number that reads two ways (`1.234`, `1,234`), both readings given",
  title: { vi: "Số viết có thể hiểu hai cách", en: "Number can be read two ways" },
  message: (p) => {
    const readings = p.readings.map((x) => formatViNumber(x));
    return {
      vi: `${cap(col(p).vi)} của ${q(p.label)} ghi ${q(p.seen)}: có thể là ${readings.join(" hoặc ")}.`,
      en: `The ${col(p).en} of ${q(p.label)} reads ${q(p.seen)}: it could be ${readings.join(" or ")}.`,
    };
  },
  fix: () => ({
    vi: "Viết theo kiểu Việt Nam: dấu chấm phân cách hàng nghìn, dấu phẩy thập phân (1.234 = một nghìn hai trăm ba mươi tư; 1,234 = một phẩy hai ba bốn).",
    en: "Write the Vietnamese way: dot for thousands, comma for decimals (1.234 = one thousand two hundred thirty-four; 1,234 = one point two three four).",
  }),
});

export const implausibleChange = rule<{ label: string; from: string; to: string; factor: number; fromYear: number; toYear: number }>({
  code: "NQ24-W008",
  severity: "warning",
  summary: "implausible change baseline → result (tenfold or more)",
  title: { vi: "Thay đổi bất thường giữa hai kỳ", en: "Implausible change between the periods" },
  message: (p) => ({
    vi: `${q(p.label)} thay đổi từ ${q(p.from)} (${p.fromYear}) lên/xuống ${q(p.to)} (${p.toYear}), gấp ${formatViNumber(p.factor, 1)} lần. Kiểm tra đơn vị và số liệu.`,
    en: `${q(p.label)} changes from ${q(p.from)} (${p.fromYear}) to ${q(p.to)} (${p.toYear}), a factor of ${formatViNumber(p.factor, 1)}. Check the unit and the figure.`,
  }),
});

export const contradictsNotApplicable = rule<CellParams & { seen: string; na: string }>({
  code: "NQ24-E009",
  severity: "error",
  summary: "a figure contradicting “Không có”",
  title: { vi: "Mâu thuẫn với “Không có”", en: "Contradicts “Không có”" },
  message: (p) => ({
    vi: `${q(p.label)} được ghi là không có (${q(p.na)}) nhưng ${col(p).vi} lại ghi ${q(p.seen)}.`,
    en: `${q(p.label)} is declared not applicable (${q(p.na)}) but the ${col(p).en} holds ${q(p.seen)}.`,
  }),
  fix: () => ({ vi: "Bỏ một trong hai: số liệu hoặc ghi chú “Không có”.", en: "Keep either the figure or the “Không có” note, not both." }),
});

export const countOverTotal = rule<CellParams & { seen: string }>({
  code: "NQ24-E010",
  severity: "error",
  summary: "count of total with x > y",
  title: { vi: "Số đạt lớn hơn tổng số", en: "Count exceeds its total" },
  message: (p) => ({
    vi: `${cap(col(p).vi)} của ${q(p.label)} ghi ${q(p.seen)}: số đạt lớn hơn tổng số.`,
    en: `The ${col(p).en} of ${q(p.label)} reads ${q(p.seen)}: the count is larger than the total.`,
  }),
});

export const errorValue = rule<CellParams & { seen: string }>({
  code: "NQ24-E018",
  severity: "error",
  summary: "Excel error value",
  title: { vi: "Ô chứa lỗi", en: "Cell holds an error" },
  message: (p) => ({
    vi: `${cap(col(p).vi)} của ${q(p.label)} chứa lỗi ${p.seen}.`,
    en: `The ${col(p).en} of ${q(p.label)} holds the error ${p.seen}.`,
  }),
  fix: () => ({ vi: "Sửa công thức hoặc nhập giá trị.", en: "Fix the formula or type the value." }),
});

export const dateFromFraction = rule<CellParams & { seen: string }>({
  code: "NQ24-E019",
  severity: "error",
  summary: "a date Excel made out of “2/2”",
  title: { vi: "Excel đã đổi thành ngày tháng", en: "Excel turned it into a date" },
  message: (p) => ({
    vi: `${cap(col(p).vi)} của ${q(p.label)} đang là ngày tháng (${p.seen}); có lẽ đã nhập dạng “x/y”.`,
    en: `The ${col(p).en} of ${q(p.label)} is a date (${p.seen}); it was probably typed as “x/y”.`,
  }),
  fix: () => ({ vi: "Định dạng ô là Văn bản rồi nhập lại, ví dụ 2/2.", en: "Format the cell as Text and type it again, e.g. 2/2." }),
});

export const derivedMismatch = rule<{ label: string; year: number; stated: number; computed: number; area: number; naturalArea: number }>({
  code: "NQ24-W020",
  severity: "warning",
  summary: "a stated share that does not match area ÷ natural area",
  title: { vi: "Tỷ lệ không khớp với diện tích", en: "Share does not match the areas" },
  message: (p) => {
    const stated = `${formatViNumber(p.stated)}%`;
    const computed = `${formatViNumber(p.computed, 2)}%`;
    return {
      vi: `Năm ${p.year}, ${q(p.label)} ghi ${stated}, nhưng ${formatViNumber(p.area)} ha ÷ diện tích tự nhiên ${formatViNumber(p.naturalArea)} ha cho ${computed}.`,
      en: `For ${p.year}, ${q(p.label)} states ${stated}, but ${formatViNumber(p.area)} ha ÷ natural area ${formatViNumber(p.naturalArea)} ha gives ${computed}.`,
    };
  },
});

export const targetEdited = rule<{ label: string; seen: string; expected: string }>({
  code: "NQ24-I021",
  severity: "info",
  summary: "target differs from the catalogue",
  title: { vi: "Mục tiêu khác danh mục", en: "Target differs from the catalogue" },
  message: (p) => ({
    vi: `Mục tiêu của ${q(p.label)} ghi ${q(p.seen)}; danh mục ghi ${q(p.expected)}. Tình trạng được đánh giá theo danh mục.`,
    en: `The target of ${q(p.label)} reads ${q(p.seen)}; the catalogue says ${q(p.expected)}. Status is judged against the catalogue.`,
  }),
});

export const percentScale = rule<CellParams & { seen: string; readings: number[] }>({
  code: "NQ24-W040",
  severity: "warning",
  summary: "a fraction in a percentage column (“0,275”): 27,5 % or 0,275 %, both readings given",
  title: { vi: "Tỷ lệ viết dạng phân số?", en: "A percentage written as a fraction?" },
  message: (p) => {
    const [asShare, asWritten] = p.readings.map((x) => `${formatViNumber(x)}%`);
    return {
      vi: `${cap(col(p).vi)} của ${q(p.label)} ghi ${q(p.seen)} không kèm dấu %: có thể là ${asShare} (viết dạng phân số) hoặc ${asWritten}. Đang hiểu là ${asWritten}.`,
      en: `The ${col(p).en} of ${q(p.label)} reads ${q(p.seen)} with no % sign: it could be ${asShare} (written as a fraction) or ${asWritten}. Read as ${asWritten} for now.`,
    };
  },
  fix: (p) => {
    const [asShare, asWritten] = p.readings.map((x) => `${formatViNumber(x)}%`);
    return {
      vi: `Ghi ${asShare} nếu là phân số; nếu đúng là ${asWritten}, ghi kèm dấu % (“${asWritten}”).`,
      en: `Write ${asShare} if it is a fraction; if it really is ${asWritten}, write it with the % sign (“${asWritten}”).`,
    };
  },
});

const SOURCE_WORDS: Record<CellUnit["source"], Text2> = {
  row: { vi: "cột Đơn vị tính của dòng", en: "the row's unit column" },
  header: { vi: "tiêu đề cột", en: "the column header" },
  title: { vi: "dòng “Đơn vị tính” trên bảng", en: "the “Đơn vị tính” line above the table" },
};

export const declaredUnitNotMeasure = rule<{ label: string; declared: string; expected: string; kind: IndicatorRow["kind"] }>({
  code: "NQ24-W041",
  severity: "warning",
  summary: "the unit declared for a row (ĐVT) cannot be the indicator's measure; figures read in the catalogue's unit",
  title: { vi: "Đơn vị tính không phù hợp chỉ tiêu", en: "Declared unit does not fit the indicator" },
  message: (p) => ({
    vi: `Dòng ${q(p.label)} ghi đơn vị tính “${p.declared}”, nhưng chỉ tiêu cần ${KIND_WORDS[p.kind].vi}${p.expected ? ` (tính bằng “${p.expected}”)` : ""}; không quy đổi được. Số liệu của dòng được đọc theo “${p.expected || KIND_WORDS[p.kind].vi}”.`,
    en: `Row ${q(p.label)} declares the unit “${p.declared}”, but the indicator takes ${KIND_WORDS[p.kind].en}${p.expected ? ` (measured in “${p.expected}”)` : ""}; no conversion exists. The row's figures are read in “${p.expected || KIND_WORDS[p.kind].en}”.`,
  }),
  fix: (p) => ({
    vi: `Sửa đơn vị tính thành “${p.expected}” (hoặc một đơn vị quy đổi được) và kiểm tra lại số liệu của dòng.`,
    en: `Change the unit to “${p.expected}” (or one that converts to it) and check the row's figures.`,
  }),
});

export const cellUnitDiffers = rule<CellParams & { seen: string; cellUnit: string; declared: string; source: CellUnit["source"] }>({
  code: "NQ24-I042",
  severity: "info",
  summary: "the cell states a unit other than the one its table declares (the cell's is used)",
  title: { vi: "Đơn vị trong ô khác đơn vị tính của bảng", en: "The cell's unit differs from the declared one" },
  message: (p) => ({
    vi: `${cap(col(p).vi)} của ${q(p.label)} ghi ${q(p.seen)} (đơn vị “${p.cellUnit}”), còn ${SOURCE_WORDS[p.source].vi} ghi “${p.declared}”. Số liệu được đọc theo đơn vị ghi trong ô.`,
    en: `The ${col(p).en} of ${q(p.label)} reads ${q(p.seen)} (in “${p.cellUnit}”) while ${SOURCE_WORDS[p.source].en} says “${p.declared}”. The figure is read in the cell's own unit.`,
  }),
  fix: (p) => ({
    vi: `Ghi số liệu theo “${p.declared}” (bỏ đơn vị trong ô), hoặc sửa đơn vị tính cho thống nhất.`,
    en: `Write the figure in “${p.declared}” (without a unit in the cell), or make the declared unit agree.`,
  }),
});

export const VALUE_RULES = [
  missingValue,
  blankExplained,
  noDataWithoutNote,
  wrongKind,
  outOfRange,
  wrongUnit,
  ambiguous,
  implausibleChange,
  contradictsNotApplicable,
  countOverTotal,
  errorValue,
  dateFromFraction,
  derivedMismatch,
  targetEdited,
  percentScale,
  declaredUnitNotMeasure,
  cellUnitDiffers,
];

// ---------------------------------------------------------------- checks

const AREA_UNITS = ["ha", "m2", "km2", "m2/người"];

/** Units that count whole things: a fraction of them is a slip. */
const COUNT_NOUNS = ["", "người", "con", "loài", "hộ", "điểm", "cơ sở", "mô hình", "dự án", "xã", "lượt", "vụ", "trạm", "doanh nghiệp", "bệnh viện", "làng nghề", "chương trình", "giống", "công trình", "đợt", "mỏ", "tổ chức", "thửa", "trang trại", "cánh đồng", "khu", "cụm", "bãi", "hồ"];

function unitFits(ind: IndicatorRow, unit: string): boolean {
  if (!unit) return true;
  if (conversionFactor(unit, indicatorUnit(ind)) !== undefined) return true;
  const u = unit.toLowerCase();
  if (u === normaliseUnit(ind.unit).toLowerCase()) return true;
  switch (ind.kind) {
    case "percent":
      return u === "%";
    case "area":
      return AREA_UNITS.indexOf(u) >= 0;
    case "money":
      return u === "đồng";
    case "count":
    case "countDescription":
      return u !== "%" && u !== "đồng" && AREA_UNITS.indexOf(u) < 0;
    case "countOfTotal":
      return u !== "đồng" && AREA_UNITS.indexOf(u) < 0;
    default:
      return true;
  }
}

function expectedUnit(ind: IndicatorRow): string {
  return ind.unit || (ind.kind === "percent" ? "%" : "");
}

/** Every value rule on one indicator's readings. */
export function checkValues(r: IndicatorReading, findings: Findings, naturalArea: number | undefined): void {
  const ind = r.indicator;
  const label = ind.labelVi;
  const note = effectiveNote(r);
  const noteText = note ? note.value.raw : "";
  const noteNA = noteSaysNone(note?.value);

  let unitReported: CellUnit | undefined;
  for (const role of ["baseline", "result"] as const) {
    const cell = r[role];
    if (!cell) continue;
    const v = cell.value;
    const year = r.years[role];
    const p: CellParams = { label, role, year };
    const u = cell.unit;
    // The row's unit speaks for both periods: one finding, at the unit's cell.
    if (u && u.notMeasure && !u.template && !(unitReported && sameCell(unitReported, u))) {
      unitReported = u;
      findings.add(declaredUnitNotMeasure, { label, declared: u.text, expected: expectedUnit(ind), kind: ind.kind }, { ...u.address, indicatorId: ind.id });
    }
    switch (v.state) {
      case "blank":
        if (noteText.trim()) findings.group(blankExplained, role, year, cell);
        else findings.add(missingValue, p, placeOf(cell, ind.id), role === "result" ? "error" : "warning");
        continue;
      case "noData":
        if (!noteText.trim()) findings.group(noDataWithoutNote, role, year, cell);
        continue;
      case "notApplicable":
        continue;
      case "error":
        findings.add(errorValue, { ...p, seen: v.errorCode }, placeOf(cell, ind.id));
        continue;
      default:
        break;
    }
    if (v.state === "text" && v.looksLikeDate) {
      findings.add(dateFromFraction, { ...p, seen: v.raw }, placeOf(cell, ind.id));
      continue;
    }
    if (noteNA && v.state !== "yesno") {
      const n = numericValue(v);
      if (n === undefined || n !== 0) findings.add(contradictsNotApplicable, { ...p, seen: v.raw, na: noteText.trim() }, placeOf(cell, ind.id));
    }
    const amb = ambiguityOf(v);
    if (amb) findings.add(ambiguous, { ...p, seen: v.raw, readings: amb.readings }, placeOf(cell, ind.id));
    if (u && u.cellUnit && !u.template) {
      findings.add(cellUnitDiffers, { ...p, seen: v.raw, cellUnit: u.cellUnit, declared: u.text, source: u.source }, placeOf(cell, ind.id));
    }
    if (looksLikeFraction(ind, v, cell)) {
      const x = v.measure.value;
      findings.add(percentScale, { ...p, seen: v.raw, readings: [Number((x * 100).toPrecision(12)), x] }, placeOf(cell, ind.id));
    }
    checkKindAndRange(ind, v, p, cell, findings);
  }

  if (r.target && ind.target && r.target.value.state !== "blank") {
    const n = numericValue(r.target.value, true);
    if (n === undefined || Math.abs(n - ind.target.value) > 1e-9) {
      findings.add(targetEdited, { label, seen: r.target.value.raw, expected: ind.target.text }, placeOf(r.target, ind.id), "info");
    }
  }

  checkDerivedShare(r, findings, naturalArea);
  checkChange(r, findings);
}

function sameCell(a: CellUnit, b: CellUnit): boolean {
  return a.address.sheet === b.address.sheet && a.address.row === b.address.row && a.address.col === b.address.col;
}

/**
 * "0,275" or "0.275" in a percentage column, with no % written and no other unit declared:
 * 27,5 % typed as a fraction, or really 0,275 %. A number Excel holds with a percent format
 * shows its %, so it is never one of these.
 */
function looksLikeFraction(ind: IndicatorRow, v: ParsedValue, cell: ReadCell): v is NumberValue {
  if (ind.kind !== "percent" || v.state !== "number" || v.writtenUnit) return false;
  if (cell.unit && cell.unit.applied && cell.unit.applied !== "%") return false;
  const x = v.measure.value;
  return v.measure.unit === "%" && x > 0 && x < 1;
}

function checkKindAndRange(ind: IndicatorRow, v: ParsedValue, p: CellParams, cell: ReadCell, findings: Findings): void {
  const kind = ind.kind;
  if (v.state === "countOfTotal" && v.count.part > v.count.total) {
    findings.add(countOverTotal, { ...p, seen: v.raw }, placeOf(cell, ind.id));
    return;
  }
  const numeric = v.state === "number" || v.state === "bound" || v.state === "range" || v.state === "multi" || v.state === "countOfTotal";
  if (kind === "yesno") {
    if (v.state !== "yesno") findings.add(wrongKind, { ...p, kind, seen: v.raw }, placeOf(cell, ind.id));
    return;
  }
  if (kind === "text") return;
  const measure = measureOf(v);
  if (v.state === "yesno" || (v.state === "text" && kind !== "countDescription" && !measure)) {
    findings.add(wrongKind, { ...p, kind, seen: v.raw }, placeOf(cell, ind.id));
    return;
  }
  if (!numeric && !measure) return;
  const measures = v.state === "multi" ? v.measures : measure ? [measure] : [];
  const first = measures[0];
  if (first && !unitFits(ind, first.unit)) {
    findings.add(wrongUnit, { ...p, seen: v.raw, unit: first.unit, expected: expectedUnit(ind) }, placeOf(cell, ind.id));
  }
  for (const m of measures) {
    const isPercent = m.unit === "%" || (kind === "percent" && !m.unit);
    if (isPercent && (m.value > 100 || m.value < 0)) {
      findings.add(outOfRange, { ...p, seen: v.raw, why: "percent" }, placeOf(cell, ind.id));
      return;
    }
    if (m.value < 0) {
      findings.add(outOfRange, { ...p, seen: v.raw, why: "negative" }, placeOf(cell, ind.id));
      return;
    }
    if (kind === "count" && COUNT_NOUNS.indexOf(m.unit.toLowerCase()) >= 0 && Math.floor(m.value) !== m.value) {
      findings.add(outOfRange, { ...p, seen: v.raw, why: "fraction" }, placeOf(cell, ind.id));
      return;
    }
  }
}

/** A share stated next to an area ("2.694,42 ha; độ che phủ 27,5%") should equal area ÷ natural area. */
function checkDerivedShare(r: IndicatorReading, findings: Findings, naturalArea: number | undefined): void {
  if (!naturalArea || naturalArea <= 0) return;
  for (const role of ["baseline", "result"] as const) {
    const cell = r[role];
    if (!cell || cell.value.state !== "multi") continue;
    const ms = cell.value.measures;
    const area = ms.find((m) => m.unit === "ha");
    const share = ms.find((m) => m.unit === "%");
    if (!area || !share) continue;
    const computed = (area.value / naturalArea) * 100;
    if (Math.abs(computed - share.value) > 1) {
      findings.add(
        derivedMismatch,
        { label: r.indicator.labelVi, year: r.years[role], stated: share.value, computed, area: area.value, naturalArea },
        placeOf(cell, r.indicator.id),
      );
    }
  }
}

const ADDITIVE = { area: true, count: true, money: true, countDescription: true } as Record<string, boolean>;

function checkChange(r: IndicatorReading, findings: Findings): void {
  if (!ADDITIVE[r.indicator.kind]) return;
  const a = r.baseline ? numericValue(r.baseline.value) : undefined;
  const b = r.result ? numericValue(r.result.value) : undefined;
  if (a === undefined || b === undefined || a <= 0 || b <= 0) return;
  const factor = Math.max(a / b, b / a);
  // Small absolute figures (0,02 ha → 0,71 ha) swing by large factors without being wrong.
  const big = r.indicator.kind === "money" ? Math.max(a, b) >= 1e7 : Math.max(a, b) >= 10;
  if (factor >= 10 && big) {
    const cell = r.result as ReadCell;
    findings.add(
      implausibleChange,
      { label: r.indicator.labelVi, from: r.baseline?.value.raw ?? "", to: cell.value.raw, factor, fromYear: r.years.baseline, toYear: r.years.result },
      placeOf(cell, r.indicator.id),
    );
  }
}
