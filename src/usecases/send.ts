/**
 * "Gửi tỉnh" from the task pane: when the verdict is ready, the open workbook becomes the
 * file to email to the province. Office hands over the workbook's bytes (getFileAsync,
 * Compressed, in slices); the copy is made from those bytes by the same code as
 * `nq24 export` (marks of the check taken out unless kept, the summary kept, named
 * NQ24_<đơn vị>_<ngày>.xlsx); it is offered as a download with its SHA-256.
 *
 * Why from the bytes: removing the marks in the open workbook and putting them back would
 * touch the user's cells and Excel's undo history, and a failure half-way would leave the
 * workbook changed. Working on a copy of the bytes never changes the open workbook.
 * The copy goes through ExcelJS, which keeps values, styles, merges, validations, notes,
 * print setup and defined names but not charts, pivot tables, slicers or form controls:
 * `lostParts` names those the workbook has, so the pane can say what the copy lacks.
 */
import type { Catalogue, Text2 } from "../catalogue/types";
import { hostDocument, readOpenWorkbook } from "../adapters/office/file";
import { saveFile } from "../adapters/office/fileSave";
import type { ExportOptions, ExportOutcome } from "./export";
import { sha256Hex } from "./hash";
import type { Lang } from "./language";

export interface SendOptions {
  /** Keep this check's marks (fills, notes, status column) in the copy. */
  keepMarks: boolean;
  now?: Date;
}

export interface SendDeps {
  /** The open workbook as .xlsx bytes (adapters/office/file.ts). */
  readWorkbook(): Promise<Uint8Array>;
  /** The copy for the province, from those bytes: `nq24 export`'s own code (usecases/export.ts). */
  prepare(input: Uint8Array, options: ExportOptions): Promise<ExportOutcome>;
  /** Offers the copy as a download (adapters/office/fileSave.ts). */
  save(bytes: Uint8Array, fileName: string): void;
  /** SHA-256 hex; the default works in every webview, IE11's included. */
  sha256?(bytes: Uint8Array): Promise<string>;
}

export interface SentCopy {
  fileName: string;
  sha256: string;
  size: number;
  keptMarks: boolean;
  marksRemoved: number;
  /** Parts of the workbook the copy could not carry (charts…), named for the user; empty when none. */
  lost: string[];
}

export const SEND_TEXT = {
  notReady: (errors: number): Text2 => ({
    vi: `Báo cáo chưa sẵn sàng gửi: còn ${errors} lỗi. Hãy sửa các lỗi rồi kiểm tra lại trước khi gửi tỉnh.`,
    en: `The report is not ready to send: ${errors} error(s) left. Fix them and check again before sending.`,
  }),
  empty: { vi: "Excel không trả về nội dung sổ làm việc. Hãy lưu sổ làm việc rồi thử lại.", en: "Excel returned no workbook content. Save the workbook and try again." },
};

function textError(text: Text2): Error & { text: Text2 } {
  return Object.assign(new Error(text.en), { text });
}

/** Parts of an .xlsx that a rewrite through ExcelJS drops, from the names inside the zip. */
export function lostParts(bytes: Uint8Array): string[] {
  // Zip entry names are stored as plain bytes in the local headers: a scan finds them.
  let names = "";
  for (let i = 0; i < bytes.length; i += 65536) names += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 65536)));
  const out: string[] = [];
  if (/xl\/charts\/chart\d+\.xml/.test(names)) out.push("charts");
  if (/xl\/pivotTables\//.test(names)) out.push("pivot tables");
  if (/xl\/slicers\//.test(names)) out.push("slicers");
  if (/xl\/ctrlProps\//.test(names)) out.push("form controls");
  return out;
}

/** Reads the open workbook, makes the copy, offers it, and says its name and SHA-256. */
export async function sendToProvince(catalogue: Catalogue, lang: Lang, options: SendOptions, deps: SendDeps): Promise<SentCopy> {
  const input = await deps.readWorkbook();
  if (!input.length) throw textError(SEND_TEXT.empty);
  const now = options.now ?? new Date();
  const copy = await deps.prepare(input, { fileName: "workbook.xlsx", catalogue, lang, keepMarks: options.keepMarks, now });
  if (!copy.ready) throw textError(SEND_TEXT.notReady(copy.result.plan.verdict.counts.error));
  // The hash of the very bytes offered: computed here whatever the export step gave.
  const sha256 = await (deps.sha256 ?? sha256Hex)(copy.bytes);
  deps.save(copy.bytes, copy.fileName);
  return { fileName: copy.fileName, sha256, size: copy.bytes.length, keptMarks: copy.keptMarks, marksRemoved: copy.marksRemoved, lost: lostParts(input) };
}

/** The export step, loaded on first use (it brings ExcelJS: a chunk of its own in the pane). */
const prepareExport: SendDeps["prepare"] = (input, options) => import(/* webpackChunkName: "export" */ "./export").then((m) => m.prepareExport(input, options));

/** The pane's wiring: the workbook from Office, the copy made by the export step, offered as a download. */
export function paneSendDeps(prepare: SendDeps["prepare"] = prepareExport): SendDeps {
  return { readWorkbook: () => readOpenWorkbook(hostDocument()), prepare, save: (bytes, name) => saveFile(bytes, name) };
}

/** "Gửi tỉnh" as the pane calls it (PaneServices.sendToProvince). */
export function sendFromPane(catalogue: Catalogue, lang: Lang, options: SendOptions): Promise<SentCopy> {
  return sendToProvince(catalogue, lang, options, paneSendDeps());
}
