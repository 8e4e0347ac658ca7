/**
 * Why a file could not be read, in the user's words, in both languages. One home for
 * every refusal text of the reader: a library's own error text never reaches the user.
 */
import type { Text2 } from "../../../catalogue/types";

const RESAVE: Text2 = {
  vi: "hãy mở file bằng Excel và lưu lại thành .xlsx rồi gửi lại",
  en: "open it in Excel, save it again as .xlsx and send it again",
};

const t = (vi: string, en: string): Text2 => ({ vi, en });

function mb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(0);
}

function thousands(n: number, lang: "vi" | "en"): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, lang === "vi" ? "." : ",");
}

export const fileMessages = {
  notSpreadsheet: t(
    "không phải file Excel hay bảng tính (.xlsx, .xlsm, .xls hoặc OpenDocument .ods)",
    "not an Excel file nor a spreadsheet (.xlsx, .xlsm, .xls or OpenDocument .ods)",
  ),
  notWorkbookZip: t(
    "file nén này không phải sổ tính Excel (.xlsx) hay bảng tính .ods",
    "this archive is not an Excel workbook (.xlsx) nor an .ods spreadsheet",
  ),
  encrypted: t(
    "file có mật khẩu (đã mã hóa); hãy bỏ mật khẩu rồi gửi lại",
    "password-protected (encrypted) file; remove the password and send it again",
  ),
  damagedZip: (why: Text2): Text2 => t(`file bị hỏng, không đọc được (${why.vi}); ${RESAVE.vi}`, `the file is damaged and cannot be read (${why.en}); ${RESAVE.en}`),
  damagedPart: (part: string): Text2 =>
    t(`file bị hỏng: phần “${part}” không giải nén được; ${RESAVE.vi}`, `the file is damaged: part “${part}” cannot be decompressed; ${RESAVE.en}`),
  damagedWorkbook: (what: Text2): Text2 => t(`sổ tính bị hỏng (${what.vi}); ${RESAVE.vi}`, `the workbook is damaged (${what.en}); ${RESAVE.en}`),
  unsupportedCompression: (part: string): Text2 =>
    t(`phần “${part}” được nén theo cách chương trình chưa đọc được; ${RESAVE.vi}`, `part “${part}” uses a compression this program cannot read; ${RESAVE.en}`),
  unsupportedFormat: (what: Text2): Text2 => t(`định dạng chưa đọc được (${what.vi}); ${RESAVE.vi}`, `a format this program cannot read (${what.en}); ${RESAVE.en}`),
  bombInflated: (limit: number): Text2 =>
    t(`file nén bất thường (bung ra hơn ${mb(limit)} MB); từ chối mở`, `suspicious archive (expands to more than ${mb(limit)} MB); refused`),
  bombRatio: (part: string, bytes: number): Text2 =>
    t(`file nén bất thường (phần ${part} bung ra hơn ${mb(bytes)} MB từ rất ít dữ liệu); từ chối mở`, `suspicious archive (part ${part} expands to more than ${mb(bytes)} MB from very little data); refused`),
  tooManyCells: (limit: number): Text2 =>
    t(`sổ tính quá lớn để đọc (hơn ${thousands(limit, "vi")} ô có dữ liệu); hãy xóa các vùng thừa rồi gửi lại`, `the workbook is too big to read (more than ${thousands(limit, "en")} cells with data); delete the unused areas and send it again`),
  tooManyMerges: (limit: number): Text2 =>
    t(`sổ tính có quá nhiều ô gộp (hơn ${thousands(limit, "vi")}); hãy bỏ gộp các vùng thừa rồi gửi lại`, `the workbook has too many merged areas (more than ${thousands(limit, "en")}); unmerge the unused areas and send it again`),
  tooMuchMemory: (limitMb: number): Text2 =>
    t(`sổ tính quá lớn để đọc (cần hơn ${limitMb} MB bộ nhớ); hãy xóa các vùng thừa rồi gửi lại`, `the workbook is too big to read (needs more than ${limitMb} MB of memory); delete the unused areas and send it again`),
  tooSlow: (seconds: number): Text2 =>
    t(`đọc file quá lâu (hơn ${seconds} giây), đã dừng; ${RESAVE.vi}`, `reading the file took too long (over ${seconds} s) and was stopped; ${RESAVE.en}`),
  unreadable: t(`không đọc được nội dung file; ${RESAVE.vi}`, `the file's content cannot be read; ${RESAVE.en}`),
  notRead: (ext: string): Text2 =>
    t(`không đọc: file “${ext}” không phải bảng tính`, `not read: a “${ext}” file is not a spreadsheet`),
  subfolder: t("không đọc: đây là thư mục con (chỉ đọc các file nằm ngay trong thư mục)", "not read: a subfolder (only the files directly in the folder are read)"),
  lockFile: t("không đọc: file tạm của Excel (có người đang mở sổ tính)", "not read: Excel's temporary lock file (someone has the workbook open)"),
  outOfMemory: t("sổ tính quá lớn để đọc (vượt giới hạn bộ nhớ cho một file); hãy xóa các vùng thừa rồi gửi lại", "the workbook is too big to read (over the memory allowed for one file); delete the unused areas and send it again"),
  annotateNotXlsx: t(
    "không tạo được bản có đánh dấu: chỉ làm được từ file .xlsx; hãy lưu file thành .xlsx trong Excel rồi kiểm tra lại (kết quả kiểm tra ở trên vẫn đầy đủ)",
    "no annotated copy: it can only be made from an .xlsx file; save the file as .xlsx in Excel and check it again (the findings above are complete)",
  ),
  annotateUnopenable: t(
    "không tạo được bản có đánh dấu cho file này; hãy mở bằng Excel, lưu lại rồi kiểm tra lại (kết quả kiểm tra ở trên vẫn đầy đủ)",
    "no annotated copy could be made of this file; open it in Excel, save it again and check it again (the findings above are complete)",
  ),
  noneRead: t("không đọc được file nào: không ghi bảng tổng hợp", "no file could be read: no roll-up written"),
};

/** What a few known non-.xlsx formats are, for the "cannot read" message. */
export const FORMAT_NAMES = {
  xlsb: t("sổ tính nhị phân .xlsb", "binary .xlsb workbook"),
  xmlSpreadsheet2003: t("bảng tính XML của Excel 2003", "Excel 2003 XML spreadsheet"),
  html: t("trang web lưu với đuôi Excel", "a web page saved with an Excel name"),
  strictOds: t("bảng tính OpenDocument không có nội dung", "an OpenDocument file without content"),
} as const;
