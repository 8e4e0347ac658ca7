/**
 * Entry point of the task pane: binds the pane (app.ts) to Excel through the office use
 * cases, each action one Excel.run. Consolidation and the training sample are loaded on
 * demand so the first paint stays small.
 */
// The JSON itself rather than the catalogue index, which also carries the training sample.
import nationalCatalogueJson from "../catalogue/nq24-catalogue.json";
import { MAX_CATALOGUE_BYTES, parseCatalogue } from "../catalogue/loader";
import type { Catalogue, Text2 } from "../catalogue/types";
import {
  checkWorkbookInExcel,
  clearMarksInExcel,
  fillSample,
  hostCapabilities,
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
import { insertMessage } from "./messages";

const nationalCatalogue = nationalCatalogueJson as unknown as Catalogue;

function officeAvailable(): boolean {
  return typeof Office !== "undefined" && !!Office.context && typeof Excel !== "undefined" && typeof Excel.run === "function";
}

/** An error that carries its own words, shown as is by the pane. */
function textError(text: Text2): Error & { text: Text2 } {
  return Object.assign(new Error(text.en), { text });
}

function fetchText(url: string, timeoutMs: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const controller = typeof AbortController !== "undefined" ? new AbortController() : null;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      if (controller) controller.abort();
      reject(textError(text2("catalogue.timeout", { s: Math.round(timeoutMs / 1000) })));
    }, timeoutMs);
    fetch(url, { credentials: "omit", cache: "no-store", signal: controller ? controller.signal : undefined })
      .then((response) => {
        if (!response.ok) throw textError(text2("catalogue.httpStatus", { status: response.status }));
        return response.text();
      })
      .then(
        (body) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(body);
        },
        (e) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(e);
        },
      );
  });
}

function readFile(file: File): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    if (file.size > MAX_CATALOGUE_BYTES) {
      // Refused before reading: a wrong file picked by mistake can be very large.
      reject(textError(text2("catalogue.readFailed", { name: file.name })));
      return;
    }
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result || ""));
    reader.onerror = () => reject(textError(text2("catalogue.readFailed", { name: file.name })));
    reader.readAsText(file, "utf-8");
  });
}

let liveHandle: unknown = null;

function services(inExcel: boolean): PaneServices {
  return {
    missingCapabilities: () => (inExcel ? unavailableFeatures(hostCapabilities()).map((f) => f.message) : null),
    insertSheets: (catalogue: Catalogue, mode) =>
      Excel.run(async (context) => {
        const result = await insertSheets(context, catalogue, { cover: true, onExisting: mode });
        return insertMessage(result.sheets);
      }),
    fillSample: async (catalogue: Catalogue) => {
      // Training data is not needed for the first paint: its own chunk.
      const { laiChauSample } = await import(/* webpackChunkName: "sample" */ "../catalogue/sample");
      return Excel.run(async (context) => {
        const result = await fillSample(context, catalogue, laiChauSample);
        const inserted = result.sheets.filter((s) => s.action !== "kept");
        const filled = text2("sheets.filledCells", { n: result.cellsWritten });
        if (!inserted.length) return result.cellsWritten ? filled : text2("sheets.filled");
        const added = insertMessage(inserted);
        return { vi: added.vi + " " + t("vi", "sheets.filled"), en: added.en + " " + t("en", "sheets.filled") };
      });
    },
    check: (catalogue: Catalogue, lang: Lang) =>
      Excel.run(async (context): Promise<CheckSummary> => {
        const s = await checkWorkbookInExcel(context, catalogue, { lang });
        return { verdict: s.verdict, findings: s.findings, statuses: s.statuses };
      }),
    clearMarks: () =>
      Excel.run(async (context) => {
        const result = await clearMarksInExcel(context);
        return result.message;
      }),
    selectCell: (sheet: string, address: string) =>
      Excel.run(async (context) => {
        await selectCell(context, sheet, address);
      }),
    startLive: async (catalogue, lang, onResult, onError) => {
      const handle = await startLiveCheck(catalogue, { lang, onResult: (s) => onResult(s), onError });
      if (!handle) throw textError(text2("check.liveUnavailable"));
      liveHandle = handle;
    },
    stopLive: async () => {
      await stopLiveCheck(liveHandle);
      liveHandle = null;
    },
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
