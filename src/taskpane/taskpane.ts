/**
 * Entry point of the task pane: binds the pane (app.ts) to Excel through the office use
 * cases, each action one Excel.run. Consolidation and the training sample are loaded on
 * demand so the first paint stays small.
 */
// The JSON itself rather than the catalogue index, which also carries the training sample.
import nationalCatalogueJson from "../catalogue/nq24-catalogue.json";
import { parseCatalogue } from "../catalogue/loader";
import type { Catalogue } from "../catalogue/types";
import {
  checkWorkbookInExcel,
  clearMarksInExcel,
  fillSample,
  hostCapabilities,
  excelAction,
  insertSheets,
  selectCell,
  startLiveCheck,
  stopLiveCheck,
  unavailableFeatures,
} from "../usecases/office";
import type { CheckSummary, PaneServices } from "./app";
import { createPane } from "./app";
import type { Lang } from "./i18n";
import { chooseLanguage, t, text2 } from "./i18n";
import { fetchText, readFile, textError } from "./io";
import { insertMessage } from "./messages";

const nationalCatalogue = nationalCatalogueJson as unknown as Catalogue;

function officeAvailable(): boolean {
  return typeof Office !== "undefined" && !!Office.context && typeof Excel !== "undefined" && typeof Excel.run === "function";
}

function services(inExcel: boolean): PaneServices {
  return {
    missingCapabilities: () => (inExcel ? unavailableFeatures(hostCapabilities()).map((f) => f.message) : null),
    insertSheets: (catalogue: Catalogue, mode) =>
      excelAction("write", async (context) => {
        const result = await insertSheets(context, catalogue, { cover: true, onExisting: mode });
        return insertMessage(result.sheets);
      }),
    fillSample: async (catalogue: Catalogue) => {
      // Training data is not needed for the first paint: its own chunk.
      const { laiChauSample } = await import(/* webpackChunkName: "sample" */ "../catalogue/sample");
      return excelAction("write", async (context) => {
        const result = await fillSample(context, catalogue, laiChauSample);
        const inserted = result.sheets.filter((s) => s.action !== "kept");
        const filled = text2("sheets.filledCells", { n: result.cellsWritten });
        if (!inserted.length) return result.cellsWritten ? filled : text2("sheets.filled");
        const added = insertMessage(inserted);
        return { vi: added.vi + " " + t("vi", "sheets.filled"), en: added.en + " " + t("en", "sheets.filled") };
      });
    },
    check: (catalogue: Catalogue, lang: Lang) =>
      excelAction("write", async (context): Promise<CheckSummary> => {
        const s = await checkWorkbookInExcel(context, catalogue, { lang });
        return { verdict: s.verdict, findings: s.findings, statuses: s.statuses };
      }),
    clearMarks: () =>
      excelAction("write", async (context) => {
        const result = await clearMarksInExcel(context);
        return result.message;
      }),
    selectCell: (sheet: string, address: string) =>
      excelAction("read", async (context) => {
        await selectCell(context, sheet, address);
      }),
    startLive: async (catalogue, lang, onResult, onError) => {
      // The session keeps the running live check (and stops a previous one).
      const handle = await startLiveCheck(catalogue, { lang, onResult: (s) => onResult(s), onError });
      if (!handle) throw textError(text2("check.liveUnavailable"));
    },
    stopLive: () => stopLiveCheck(),
    consolidate: async (files, catalogue, lang, onProgress) => {
      // ExcelJS and the consolidation code load only when a province uses this.
      const { consolidateInExcel } = await import(/* webpackChunkName: "consolidate" */ "../usecases/consolidateInExcel");
      return consolidateInExcel(files, catalogue, { lang, onProgress });
    },
    parseCatalogue: (text, source) => parseCatalogue(text, source),
    fetchText,
    readFile,
  };
}

/**
 * office.js also loads in a plain browser, where onReady reports no host: the workbook
 * actions then stay off instead of failing inside Excel.run.
 */
function start(host: string | null): void {
  const inExcel = officeAvailable() && host === "Excel";
  const display = officeAvailable() && Office.context.displayLanguage ? Office.context.displayLanguage : null;
  createPane(services(inExcel), { lang: chooseLanguage(display), catalogue: nationalCatalogue });
  document.body.setAttribute("data-ready", "true");
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  void Office.onReady((info) => start(info && info.host ? String(info.host) : null));
} else {
  // Opened outside Office (a plain browser): the pane still shows, with the workbook actions off.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => start(null));
  else start(null);
}
