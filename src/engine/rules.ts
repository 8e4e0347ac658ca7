/**
 * The validation rules, as data: each has a stable code, a severity and bilingual message
 * templates. check.ts decides when a rule fires; this file decides what it says.
 */
import type { Text2 } from "../catalogue/types";
import type { Severity } from "./types";

export interface RuleDef<P> {
  code: string;
  severity: Severity;
  title: Text2;
  message: (p: P) => Text2;
  fix?: (p: P) => Text2;
}

interface Cell {
  label: string;
  column: Text2;
}
/** Several cells of one column that one finding speaks for (info-level, listed rather than repeated). */
interface CellGroup {
  column: Text2;
  count: number;
  cells: string[];
}
const MAX_LISTED = 12;
function listCells(cells: string[]): string {
  return cells.length > MAX_LISTED ? `${cells.slice(0, MAX_LISTED).join(", ")}, …` : cells.join(", ");
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const q = (s: string) => `“${s.length > 80 ? s.slice(0, 77) + "…" : s}”`;

function rule<P>(def: RuleDef<P>): RuleDef<P> {
  return def;
}

export const RULES = {
  missingValue: rule<Cell & { severity: Severity }>({
    code: "NQ24-E001",
    severity: "error",
    title: { vi: "Thiếu số liệu", en: "Value missing" },
    message: (p) => ({
      vi: `Chưa nhập ${p.column.vi} cho chỉ tiêu ${q(p.label)}.`,
      en: `No ${p.column.en} entered for ${q(p.label)}.`,
    }),
    fix: () => ({
      vi: "Nhập số liệu; nếu không có số liệu, ghi “-” và giải thích ở cột Ghi chú; nếu không có đối tượng này, ghi “Không có”.",
      en: "Enter the value; if there is no data write “-” and explain in the Note column; if nothing of that kind exists write “Không có”.",
    }),
  }),
  blankExplained: rule<CellGroup>({
    code: "NQ24-I001",
    severity: "info",
    title: { vi: "Ô trống, có ghi chú", en: "Blank, explained by a note" },
    message: (p) => ({
      vi: `${p.count} ô ở cột ${p.column.vi} để trống nhưng có ghi chú giải thích (${listCells(p.cells)}).`,
      en: `${p.count} cell(s) in the ${p.column.en} column are blank but explained by a note (${listCells(p.cells)}).`,
    }),
  }),
  noDataWithoutNote: rule<CellGroup>({
    code: "NQ24-I002",
    severity: "info",
    title: { vi: "Không có số liệu, không ghi chú", en: "No data declared without a note" },
    message: (p) => ({
      vi: `${p.count} ô ở cột ${p.column.vi} ghi “-” (không có số liệu) nhưng cột Ghi chú không nêu lý do (${listCells(p.cells)}).`,
      en: `${p.count} cell(s) in the ${p.column.en} column read “-” (no data) with no reason in the Note column (${listCells(p.cells)}).`,
    }),
    fix: () => ({ vi: "Nêu lý do không có số liệu ở cột Ghi chú.", en: "Say in the Note column why there is no data." }),
  }),
  wrongKind: rule<Cell & { expected: Text2; seen: string }>({
    code: "NQ24-W003",
    severity: "warning",
    title: { vi: "Sai loại giá trị", en: "Wrong kind of value" },
    message: (p) => ({
      vi: `${cap(p.column.vi)} của ${q(p.label)} cần ${p.expected.vi}, nhưng ô ghi ${q(p.seen)}.`,
      en: `The ${p.column.en} of ${q(p.label)} should be ${p.expected.en}, but the cell holds ${q(p.seen)}.`,
    }),
    fix: (p) => ({ vi: `Nhập ${p.expected.vi}.`, en: `Enter ${p.expected.en}.` }),
  }),
  outOfRange: rule<Cell & { seen: string; why: Text2 }>({
    code: "NQ24-E004",
    severity: "error",
    title: { vi: "Giá trị ngoài phạm vi", en: "Value out of range" },
    message: (p) => ({
      vi: `${cap(p.column.vi)} của ${q(p.label)} là ${q(p.seen)}: ${p.why.vi}.`,
      en: `The ${p.column.en} of ${q(p.label)} is ${q(p.seen)}: ${p.why.en}.`,
    }),
  }),
  wrongUnit: rule<Cell & { seen: string; unit: string; expected: string }>({
    code: "NQ24-W005",
    severity: "warning",
    title: { vi: "Sai đơn vị", en: "Wrong unit" },
    message: (p) => ({
      vi: `${cap(p.column.vi)} của ${q(p.label)} ghi đơn vị “${p.unit}” (${q(p.seen)}), chỉ tiêu tính bằng “${p.expected}”.`,
      en: `The ${p.column.en} of ${q(p.label)} is in “${p.unit}” (${q(p.seen)}); the indicator is measured in “${p.expected}”.`,
    }),
    fix: (p) => ({ vi: `Quy đổi sang “${p.expected}”.`, en: `Convert to “${p.expected}”.` }),
  }),
  ambiguous: rule<Cell & { seen: string; readings: string[] }>({
    code: "NQ24-W006",
    severity: "warning",
    title: { vi: "Số viết có thể hiểu hai cách", en: "Number can be read two ways" },
    message: (p) => ({
      vi: `${cap(p.column.vi)} của ${q(p.label)} ghi ${q(p.seen)}: có thể là ${p.readings.join(" hoặc ")}.`,
      en: `The ${p.column.en} of ${q(p.label)} reads ${q(p.seen)}: it could be ${p.readings.join(" or ")}.`,
    }),
    fix: () => ({
      vi: "Viết theo kiểu Việt Nam: dấu chấm phân cách hàng nghìn, dấu phẩy thập phân (1.234 = một nghìn hai trăm ba mươi tư; 1,234 = một phẩy hai ba bốn).",
      en: "Write the Vietnamese way: dot for thousands, comma for decimals (1.234 = one thousand two hundred thirty-four; 1,234 = one point two three four).",
    }),
  }),
  appendicesDisagree: rule<{ label: string; year: string; here: string; other: string; otherWhere: string }>({
    code: "NQ24-W007",
    severity: "warning",
    title: { vi: "Hai phụ lục không khớp", en: "The two appendices disagree" },
    message: (p) => ({
      vi: `Năm ${p.year}, ${q(p.label)} ghi ${q(p.here)}, còn ${p.otherWhere} ghi ${q(p.other)} cho cùng nội dung.`,
      en: `For ${p.year}, ${q(p.label)} says ${q(p.here)} while ${p.otherWhere} says ${q(p.other)} for the same measure.`,
    }),
    fix: () => ({ vi: "Thống nhất số liệu giữa Phụ lục 1 và Phụ lục 2.", en: "Make Appendix 1 and Appendix 2 agree." }),
  }),
  implausibleChange: rule<{ label: string; from: string; to: string; factor: string }>({
    code: "NQ24-W008",
    severity: "warning",
    title: { vi: "Thay đổi bất thường 2013 → 2022", en: "Implausible change 2013 → 2022" },
    message: (p) => ({
      vi: `${q(p.label)} thay đổi từ ${q(p.from)} (2013) lên/xuống ${q(p.to)} (2022), gấp ${p.factor} lần. Kiểm tra đơn vị và số liệu.`,
      en: `${q(p.label)} changes from ${q(p.from)} (2013) to ${q(p.to)} (2022), a factor of ${p.factor}. Check the unit and the figure.`,
    }),
  }),
  contradictsNotApplicable: rule<Cell & { seen: string; na: string }>({
    code: "NQ24-E009",
    severity: "error",
    title: { vi: "Mâu thuẫn với “Không có”", en: "Contradicts “Không có”" },
    message: (p) => ({
      vi: `${q(p.label)} được ghi là không có (${q(p.na)}) nhưng ${p.column.vi} lại ghi ${q(p.seen)}.`,
      en: `${q(p.label)} is declared not applicable (${q(p.na)}) but the ${p.column.en} holds ${q(p.seen)}.`,
    }),
    fix: () => ({ vi: "Bỏ một trong hai: số liệu hoặc ghi chú “Không có”.", en: "Keep either the figure or the “Không có” note, not both." }),
  }),
  countOverTotal: rule<Cell & { seen: string }>({
    code: "NQ24-E010",
    severity: "error",
    title: { vi: "Số đạt lớn hơn tổng số", en: "Count exceeds its total" },
    message: (p) => ({
      vi: `${cap(p.column.vi)} của ${q(p.label)} ghi ${q(p.seen)}: số đạt lớn hơn tổng số.`,
      en: `The ${p.column.en} of ${q(p.label)} reads ${q(p.seen)}: the count is larger than the total.`,
    }),
  }),
  labelEdited: rule<{ label: string; expected: string }>({
    code: "NQ24-W011",
    severity: "warning",
    title: { vi: "Tên chỉ tiêu bị sửa", en: "Indicator label edited" },
    message: (p) => ({
      vi: `Tên chỉ tiêu đã bị sửa thành ${q(p.label)}; biểu mẫu ghi ${q(p.expected)}.`,
      en: `The indicator label was changed to ${q(p.label)}; the template says ${q(p.expected)}.`,
    }),
    fix: () => ({ vi: "Dùng “Sửa biểu mẫu” để khôi phục tên chỉ tiêu.", en: "Use “Repair sheets” to restore the label." }),
  }),
  rowMoved: rule<{ label: string }>({
    code: "NQ24-I012",
    severity: "info",
    title: { vi: "Dòng bị di chuyển", en: "Row moved" },
    message: (p) => ({
      vi: `Dòng ${q(p.label)} không đúng thứ tự của biểu mẫu; số liệu vẫn được đọc theo mã chỉ tiêu.`,
      en: `Row ${q(p.label)} is out of the template's order; its values are still read by indicator id.`,
    }),
  }),
  sheetMissing: rule<{ appendix: Text2 }>({
    code: "NQ24-E013",
    severity: "error",
    title: { vi: "Thiếu phụ lục", en: "Appendix missing" },
    message: (p) => ({
      vi: `Không tìm thấy bảng ${p.appendix.vi} trong sổ làm việc (tìm theo dòng tiêu đề cột: STT, Chỉ tiêu, 2013, 2022, Ghi chú).`,
      en: `No ${p.appendix.en} table found in the workbook (looked for its header row: STT, Chỉ tiêu, 2013, 2022, Ghi chú).`,
    }),
    fix: () => ({ vi: "Chèn biểu mẫu bằng nút “Chèn biểu mẫu”.", en: "Insert the sheets with “Insert sheets”." }),
  }),
  indicatorNotFound: rule<{ label: string; appendix: Text2 }>({
    code: "NQ24-E014",
    severity: "error",
    title: { vi: "Thiếu chỉ tiêu", en: "Indicator not found" },
    message: (p) => ({
      vi: `Không tìm thấy chỉ tiêu ${q(p.label)} trong bảng ${p.appendix.vi}.`,
      en: `Indicator ${q(p.label)} was not found in the ${p.appendix.en} table.`,
    }),
    fix: () => ({ vi: "Thêm dòng chỉ tiêu này, hoặc dùng “Sửa biểu mẫu”.", en: "Add this indicator's row, or use “Repair sheets”." }),
  }),
  doubtfulMatch: rule<{ seen: string; label: string; confidence: string }>({
    code: "NQ24-I015",
    severity: "info",
    title: { vi: "Nhận diện chưa chắc chắn", en: "Doubtful match" },
    message: (p) => ({
      vi: `Dòng ${q(p.seen)} được hiểu là chỉ tiêu ${q(p.label)} (độ tin cậy ${p.confidence}). Hãy xác nhận.`,
      en: `Row ${q(p.seen)} was read as ${q(p.label)} (confidence ${p.confidence}). Please confirm.`,
    }),
  }),
  unmatchedRow: rule<{ seen: string }>({
    code: "NQ24-W016",
    severity: "warning",
    title: { vi: "Dòng không khớp chỉ tiêu nào", en: "Row matches no indicator" },
    message: (p) => ({
      vi: `Dòng ${q(p.seen)} có số liệu nhưng không khớp chỉ tiêu nào của danh mục; số liệu này không được kiểm tra.`,
      en: `Row ${q(p.seen)} holds values but matches no catalogue indicator; they are not checked.`,
    }),
  }),
  coverIncomplete: rule<{ field: Text2 }>({
    code: "NQ24-E017",
    severity: "error",
    title: { vi: "Thông tin chung chưa đủ", en: "Cover information incomplete" },
    message: (p) => ({ vi: `Chưa điền “${p.field.vi}” ở trang Bìa.`, en: `“${p.field.en}” is not filled on the cover sheet.` }),
  }),
  coverMissing: rule<Record<string, never>>({
    code: "NQ24-W017",
    severity: "warning",
    title: { vi: "Không có trang Bìa", en: "No cover sheet" },
    message: () => ({
      vi: "Không có trang Bìa: đơn vị báo cáo, số và ngày báo cáo, người lập chưa được ghi.",
      en: "No cover sheet: reporting unit, report number and date, and preparer are not recorded.",
    }),
    fix: () => ({ vi: "Chèn biểu mẫu để thêm trang Bìa.", en: "Insert the sheets to add a cover sheet." }),
  }),
  errorValue: rule<Cell & { seen: string }>({
    code: "NQ24-E018",
    severity: "error",
    title: { vi: "Ô chứa lỗi", en: "Cell holds an error" },
    message: (p) => ({
      vi: `${cap(p.column.vi)} của ${q(p.label)} chứa lỗi ${p.seen}.`,
      en: `The ${p.column.en} of ${q(p.label)} holds the error ${p.seen}.`,
    }),
    fix: () => ({ vi: "Sửa công thức hoặc nhập giá trị.", en: "Fix the formula or type the value." }),
  }),
  dateFromFraction: rule<Cell & { seen: string }>({
    code: "NQ24-E019",
    severity: "error",
    title: { vi: "Excel đã đổi thành ngày tháng", en: "Excel turned it into a date" },
    message: (p) => ({
      vi: `${cap(p.column.vi)} của ${q(p.label)} đang là ngày tháng (${p.seen}); có lẽ đã nhập dạng “x/y”.`,
      en: `The ${p.column.en} of ${q(p.label)} is a date (${p.seen}); it was probably typed as “x/y”.`,
    }),
    fix: () => ({ vi: "Định dạng ô là Văn bản rồi nhập lại, ví dụ 2/2.", en: "Format the cell as Text and type it again, e.g. 2/2." }),
  }),
  derivedMismatch: rule<{ label: string; year: string; stated: string; computed: string; basis: Text2 }>({
    code: "NQ24-W020",
    severity: "warning",
    title: { vi: "Tỷ lệ không khớp với diện tích", en: "Share does not match the areas" },
    message: (p) => ({
      vi: `Năm ${p.year}, ${q(p.label)} ghi ${p.stated}, nhưng ${p.basis.vi} cho ${p.computed}.`,
      en: `For ${p.year}, ${q(p.label)} states ${p.stated}, but ${p.basis.en} gives ${p.computed}.`,
    }),
  }),
  targetEdited: rule<{ label: string; seen: string; expected: string }>({
    code: "NQ24-I021",
    severity: "info",
    title: { vi: "Mục tiêu khác danh mục", en: "Target differs from the catalogue" },
    message: (p) => ({
      vi: `Mục tiêu của ${q(p.label)} ghi ${q(p.seen)}; danh mục ghi ${q(p.expected)}. Tình trạng được đánh giá theo danh mục.`,
      en: `The target of ${q(p.label)} reads ${q(p.seen)}; the catalogue says ${q(p.expected)}. Status is judged against the catalogue.`,
    }),
  }),
  duplicateTable: rule<{ appendix: Text2; sheet: string; used: string }>({
    code: "NQ24-I022",
    severity: "info",
    title: { vi: "Bảng trùng", en: "Duplicate table" },
    message: (p) => ({
      vi: `Trang “${p.sheet}” cũng có bảng ${p.appendix.vi}; chỉ kiểm tra bảng ở trang “${p.used}”.`,
      en: `Sheet “${p.sheet}” also holds a ${p.appendix.en} table; only the one on “${p.used}” is checked.`,
    }),
  }),
  hiddenRow: rule<{ label: string }>({
    code: "NQ24-I023",
    severity: "info",
    title: { vi: "Dòng bị ẩn", en: "Hidden row" },
    message: (p) => ({
      vi: `Dòng chỉ tiêu ${q(p.label)} đang bị ẩn; người nhận có thể không thấy.`,
      en: `The row of ${q(p.label)} is hidden; the recipient may not see it.`,
    }),
  }),
};

export type RuleKey = keyof typeof RULES;

/** Every rule's code, severity and title — the published list (README, results sheet legend). */
export function ruleCatalogue(): { code: string; severity: Severity; title: Text2 }[] {
  return Object.keys(RULES).map((k) => {
    const r = RULES[k as RuleKey] as RuleDef<unknown>;
    return { code: r.code, severity: r.severity, title: r.title };
  });
}
