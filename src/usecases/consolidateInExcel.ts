/**
 * Province consolidation from the task pane: the user picks district workbooks (.xlsx,
 * .xlsm, .xls, .ods), the reader (loaded only now, in this chunk; SheetJS in a chunk of its
 * own, only for .xls) reads them, the engine consolidates, and the consolidation sheets
 * are written into the open workbook (adapters/office/consolidation.ts: one sync to learn
 * the sheet names, then as few write syncs as fit the request limit) with a chart of how
 * complete each district is.
 */
import type { Catalogue, Text2 } from "../catalogue/types";
import { readSpreadsheet, type SheetJsModule } from "../adapters/xlsx/reader";
import { XlsxError } from "../adapters/xlsx/errors";
import { fileMessages } from "../adapters/xlsx/reader/messages";
import { checkWorkbook } from "../engine/check";
import { consolidate, type Consolidation, type DistrictInput, type Lang, type RefusedFile } from "../engine/consolidate";
import { freeName, literalForExcel, writeConsolidationToExcel } from "../adapters/office/consolidation";
import { excelRun, runOptions } from "../adapters/office/run";
import { hostCapabilities } from "../adapters/office/capabilities";
// Without Web Crypto, duplicates are found by unit only.
import { sha256Hex } from "./hash";

/** What the pane hands over: a browser File, or anything with a name and bytes. */
export interface PickedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ConsolidateInExcelOptions {
  lang?: Lang;
  onProgress?: (done: number, total: number) => void;
  now?: Date;
}

async function loadSheetJs(): Promise<SheetJsModule> {
  const mod = (await import(/* webpackChunkName: "xls" */ "@e965/xlsx")) as SheetJsModule & { default?: SheetJsModule };
  return typeof mod.read === "function" ? mod : (mod.default as SheetJsModule);
}

export async function consolidatePicked(files: PickedFile[], catalogue: Catalogue, options: ConsolidateInExcelOptions = {}): Promise<Consolidation> {
  const lang = options.lang ?? "vi";
  const inputs: DistrictInput[] = [];
  const refused: RefusedFile[] = [];
  let done = 0;
  for (const f of files) {
    try {
      const bytes = new Uint8Array(await f.arrayBuffer());
      const { snapshot, recordedRun } = await readSpreadsheet(bytes, { name: f.name }, loadSheetJs);
      const result = checkWorkbook(snapshot, catalogue, { lang, now: options.now });
      const catalogueVersion = recordedRun?.catalogueVersion || result.plan.verdict.catalogueVersion;
      inputs.push({
        source: { fileName: f.name, unit: result.cover.unit ?? "", reportDate: result.cover.reportDate ?? "", catalogueVersion, hash: await sha256Hex(bytes) },
        result,
      });
    } catch (e) {
      // Our refusals say what is wrong in the user's words; any other fault is not theirs to read.
      refused.push(e instanceof XlsxError ? { fileName: e.file, message: { vi: e.vi, en: e.en } } : { fileName: f.name, message: fileMessages.unreadable });
    }
    done++;
    options.onProgress?.(done, files.length);
  }
  return consolidate(inputs, catalogue, refused, options.now);
}

export { freeName, literalForExcel, writeConsolidationToExcel };

export async function consolidateInExcel(files: PickedFile[], catalogue: Catalogue, options: ConsolidateInExcelOptions = {}): Promise<Text2> {
  const lang = options.lang ?? "vi";
  const c = await consolidatePicked(files, catalogue, options);
  if (c.districts.length === 0) {
    const why = c.refused.map((r) => `${r.fileName}: ${r.message.vi}`).join("; ");
    const whyEn = c.refused.map((r) => `${r.fileName}: ${r.message.en}`).join("; ");
    return { vi: `Không tổng hợp được file nào. ${why}`, en: `No file could be consolidated. ${whyEn}` };
  }
  const caps = hostCapabilities();
  await excelRun(async (context) => {
    await writeConsolidationToExcel(context, c, lang, caps);
  }, runOptions(caps, "write"));
  const counted = c.districts.filter((d) => !d.duplicateOf).length;
  const refusedVi = c.refused.length ? ` Không đọc được: ${c.refused.map((r) => `${r.fileName} (${r.message.vi})`).join("; ")}.` : "";
  const refusedEn = c.refused.length ? ` Could not read: ${c.refused.map((r) => `${r.fileName} (${r.message.en})`).join("; ")}.` : "";
  return {
    vi: `Đã tổng hợp ${counted} báo cáo (${c.notReady.length} chưa sẵn sàng, ${c.districts.length - counted} trùng, ${c.outliers.length} số liệu bất thường).${refusedVi}`,
    en: `Consolidated ${counted} reports (${c.notReady.length} not ready, ${c.districts.length - counted} duplicates, ${c.outliers.length} outliers).${refusedEn}`,
  };
}
