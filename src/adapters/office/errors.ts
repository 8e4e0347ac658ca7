/**
 * Errors the user can act on: what failed, where, in Vietnamese and English. Every
 * Office.js failure that reaches the UI goes through toAddinError.
 */
import type { Text2 } from "../../catalogue/types";

export type AddinErrorCode =
  | "AccessDenied"
  | "InvalidArgument"
  | "RequestPayloadSizeLimitExceeded"
  | "CellEditMode"
  | "Timeout"
  | "ItemNotFound"
  | "ApiNotFound"
  | "Unknown";

export interface ErrorContext {
  /** What the add-in was doing: "kiểm tra" / "check" … */
  action: Text2;
  sheet?: string;
  cell?: string;
}

export class AddinError extends Error {
  readonly code: AddinErrorCode;
  readonly text: Text2;
  readonly sheet?: string;
  readonly cell?: string;
  readonly officeCode?: string;
  constructor(code: AddinErrorCode, text: Text2, where: { sheet?: string; cell?: string } = {}, officeCode?: string) {
    super(`${text.vi} / ${text.en}`);
    this.name = "AddinError";
    this.code = code;
    this.text = text;
    this.sheet = where.sheet;
    this.cell = where.cell;
    this.officeCode = officeCode;
    // ES5 target: keep instanceof working for a subclass of Error.
    Object.setPrototypeOf(this, AddinError.prototype);
  }
}

export const ACTIONS = {
  read: { vi: "đọc bảng tính", en: "reading the workbook" },
  check: { vi: "kiểm tra", en: "checking" },
  write: { vi: "ghi kết quả kiểm tra", en: "writing the check results" },
  insert: { vi: "chèn trang mẫu", en: "inserting the template sheets" },
  clear: { vi: "xóa đánh dấu", en: "clearing marks" },
  select: { vi: "chọn ô", en: "selecting a cell" },
  fill: { vi: "điền dữ liệu mẫu", en: "filling the sample data" },
  fix: { vi: "sửa ô", en: "fixing cells" },
  override: { vi: "sửa cách đọc cột", en: "correcting how a column is read" },
} satisfies Record<string, Text2>;

function where(ctx: ErrorContext): Text2 {
  const vi: string[] = [];
  const en: string[] = [];
  if (ctx.sheet) {
    vi.push(`trang “${ctx.sheet}”`);
    en.push(`sheet “${ctx.sheet}”`);
  }
  if (ctx.cell) {
    vi.push(`ô ${ctx.cell}`);
    en.push(`cell ${ctx.cell}`);
  }
  return { vi: vi.length ? ` (${vi.join(", ")})` : "", en: en.length ? ` (${en.join(", ")})` : "" };
}

function officeCodeOf(e: unknown): string | undefined {
  if (e && typeof e === "object") {
    const o = e as { code?: unknown; debugInfo?: { code?: unknown } };
    if (typeof o.code === "string") return o.code;
    if (o.debugInfo && typeof o.debugInfo.code === "string") return o.debugInfo.code;
  }
  return undefined;
}

export function toAddinError(e: unknown, ctx: ErrorContext): AddinError {
  if (e instanceof AddinError) return e;
  const code = officeCodeOf(e);
  const w = where(ctx);
  const a = ctx.action;
  const at = { sheet: ctx.sheet, cell: ctx.cell };
  switch (code) {
    case "AccessDenied":
    case "InsertDeleteConflict":
      return new AddinError(
        "AccessDenied",
        {
          vi: `Không thể ${a.vi}${w.vi}: trang tính đang được bảo vệ hoặc ô bị khóa. Hãy bỏ bảo vệ trang (Review › Unprotect Sheet) rồi thử lại; phần bổ trợ không tự bỏ bảo vệ trang nào.`,
          en: `Cannot finish ${a.en}${w.en}: the sheet is protected or the cell is locked. Unprotect the sheet (Review › Unprotect Sheet) and try again; the add-in never unprotects a sheet itself.`,
        },
        at,
        code,
      );
    case "InvalidOperationInCellEditMode":
      return new AddinError(
        "CellEditMode",
        {
          vi: `Excel đang ở chế độ sửa ô nên chưa thể ${a.vi}${w.vi}. Nhấn Enter (hoặc Esc) để kết thúc việc sửa ô rồi thử lại.`,
          en: `Excel is editing a cell, so ${a.en}${w.en} cannot run yet. Press Enter (or Esc) to finish editing the cell, then try again.`,
        },
        at,
        code,
      );
    case "RequestPayloadSizeLimitExceeded":
    case "ResponsePayloadSizeLimitExceeded":
      return new AddinError(
        "RequestPayloadSizeLimitExceeded",
        {
          vi: `Bảng tính quá lớn để ${a.vi} trong một lần${w.vi} (giới hạn 5 MB mỗi yêu cầu). Hãy xóa các vùng dữ liệu thừa hoặc dùng công cụ dòng lệnh.`,
          en: `The workbook is too large for ${a.en} in one request${w.en} (5 MB limit per request). Remove unused data or use the command-line tool.`,
        },
        at,
        code,
      );
    case "ItemNotFound":
      return new AddinError(
        "ItemNotFound",
        {
          vi: `Không tìm thấy trang hoặc ô cần thiết khi ${a.vi}${w.vi}. Có thể trang đã bị đổi tên hoặc xóa; hãy kiểm tra lại.`,
          en: `A sheet or cell was not found while ${a.en}${w.en}. It may have been renamed or deleted; check again.`,
        },
        at,
        code,
      );
    case "InvalidArgument":
    case "InvalidReference":
    case "InvalidOperation":
      return new AddinError(
        "InvalidArgument",
        {
          vi: `Excel từ chối thao tác khi ${a.vi}${w.vi} (${code}). Hãy kiểm tra các ô gộp hoặc vùng đang chọn rồi thử lại.`,
          en: `Excel refused an operation while ${a.en}${w.en} (${code}). Check merged cells or the selection and try again.`,
        },
        at,
        code,
      );
    case "ApiNotFound":
      return new AddinError(
        "ApiNotFound",
        {
          vi: `Phiên bản Excel này không hỗ trợ một chức năng cần cho việc ${a.vi}${w.vi}.`,
          en: `This version of Excel lacks a feature needed for ${a.en}${w.en}.`,
        },
        at,
        code,
      );
    default: {
      const m = e && typeof e === "object" ? (e as { message?: unknown }).message : undefined;
      const msg = typeof m === "string" ? m : String(e);
      return new AddinError(
        "Unknown",
        { vi: `Lỗi khi ${a.vi}${w.vi}: ${msg}`, en: `Error while ${a.en}${w.en}: ${msg}` },
        at,
        code,
      );
    }
  }
}

export function timeoutError(ctx: ErrorContext, ms: number): AddinError {
  const w = where(ctx);
  const s = Math.round(ms / 1000);
  return new AddinError(
    "Timeout",
    {
      vi: `Excel không phản hồi sau ${s} giây khi ${ctx.action.vi}${w.vi}. Bảng tính có thể quá lớn hoặc Excel đang bận; hãy lưu tệp và thử lại.`,
      en: `Excel did not answer within ${s} seconds while ${ctx.action.en}${w.en}. The workbook may be too large or Excel busy; save the file and try again.`,
    },
    { sheet: ctx.sheet, cell: ctx.cell },
    "Timeout",
  );
}
