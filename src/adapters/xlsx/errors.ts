/**
 * An .xlsx file we refuse to open, with a message in both languages that names the file.
 * The command line prints it and moves on to the next file.
 */
export type XlsxErrorCode =
  | "notFound"
  | "tooLarge"
  | "notXlsx"
  | "encrypted"
  | "legacyXls"
  | "corrupt"
  | "zipBomb"
  | "unsupported"
  | "limit"
  | "timeout"
  | "writeFailed";

export class XlsxError extends Error {
  readonly code: XlsxErrorCode;
  readonly file: string;
  readonly vi: string;
  readonly en: string;

  constructor(code: XlsxErrorCode, file: string, vi: string, en: string) {
    super(`${file}: ${vi} / ${en}`);
    this.name = "XlsxError";
    this.code = code;
    this.file = file;
    this.vi = vi;
    this.en = en;
  }

  /** The message in one language, naming the file. */
  text(lang: "vi" | "en"): string {
    return `${this.file}: ${lang === "en" ? this.en : this.vi}`;
  }
}

export function isXlsxError(e: unknown): e is XlsxError {
  return e instanceof XlsxError;
}
