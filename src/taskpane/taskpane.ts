/**
 * Entry point of the task pane: binds the pane (app.ts) to Excel through the office use
 * cases, each action one Excel.run. Consolidation, the training sample and the written
 * report's cross-check are loaded on demand so the first paint stays small.
 */
// The JSON itself rather than the catalogue index, which also carries the training sample.
import nationalCatalogueJson from "../catalogue/nq24-catalogue.json";
import type { Catalogue } from "../catalogue/types";
import { hostCapabilities, unavailableFeatures } from "../usecases/capabilities";
import { displayLanguage } from "../usecases/language";
import type { CheckInExcelSummary } from "../usecases/office";
import type { CheckSummary, PaneServices, ProvinceOutcome } from "./app";
import { createPane } from "./app";
import type { Lang } from "./i18n";
import { t, text2 } from "./i18n";
import { fetchText, readBytes, readFile, readText, textError } from "./io";
import { insertMessage } from "./messages";
import { applyTheme } from "./theme";
import { SHEET_NAMES } from "../engine/layout";
import type { Consolidation } from "../engine/consolidate";

const nationalCatalogue = nationalCatalogueJson as unknown as Catalogue;

function officeAvailable(): boolean {
  return typeof Office !== "undefined" && !!Office.context && typeof Excel !== "undefined" && typeof Excel.run === "function";
}

function summaryOf(s: CheckInExcelSummary): CheckSummary {
  return { verdict: s.verdict, findings: s.findings, statuses: s.statuses, ignored: s.ignored, tables: s.tables, matches: s.matches };
}

/** What the pane says of a consolidation, from the engine's roll-up. */
function provinceOutcome(c: Consolidation, sheets: string[]): ProvinceOutcome {
  const counted = c.districts.filter((d) => !d.duplicateOf);
  return {
    counted: counted.length,
    ready: counted.filter((d) => d.ready).length,
    notReady: counted.filter((d) => !d.ready).map((d) => ({ unit: d.source.unit, file: d.source.fileName })),
    duplicates: c.districts.length - counted.length,
    refused: c.refused.map((r) => ({ file: r.fileName, message: r.message })),
    ignored: counted.reduce((n, d) => n + d.ignored.length, 0),
    outliers: c.outliers.length,
    sheets,
  };
}

/**
 * The Excel code (the engine's check and the Office adapter) and the catalogue checker load
 * on the first action that needs them, not with the first paint (the 150 KB budget). The
 * chunk is not called "office": a file office.js is what Office's own script is named.
 */
type OfficeCode = typeof import("../usecases/office");
/** Set once the Excel code has loaded: what a synchronous question (has this finding a fix?) can ask. */
let officeLoaded: OfficeCode | null = null;
const office = () => import(/* webpackChunkName: "excel-code" */ "../usecases/office").then((m) => (officeLoaded = m));

/**
 * "Sửa" and "Sửa tất cả (n)": the fixes the last check offered (kept in the Office session),
 * previewed, then written in one undoable run and checked again. A fix whose cell changed
 * since the check, or on a protected sheet, is refused by name; when none could be written
 * the pane says why.
 */
function fixServices(): NonNullable<PaneServices["fixes"]> {
  return {
    available: (f) => !!officeLoaded && officeLoaded.fixServicesForPane().available(f),
    preview: async (findings, lang) => (await office()).fixServicesForPane().preview(findings, lang),
    apply: async (findings, catalogue, lang) => {
      const out = await (await office()).fixServicesForPane().apply(findings, catalogue, lang);
      if (!out.applied.length && out.refusals.length) {
        throw textError({ vi: out.refusals.map((r) => r.vi).join(" "), en: out.refusals.map((r) => r.en).join(" ") });
      }
      return summaryOf(out.summary);
    },
  };
}
const loader = () => import(/* webpackChunkName: "catalogue-loader" */ "../catalogue/loader");

function services(inExcel: boolean): PaneServices {
  return {
    fixes: inExcel ? fixServices() : undefined,
    missingFeatures: () => (inExcel ? unavailableFeatures(hostCapabilities()).map((f) => f.key) : null),
    insertSheets: async (catalogue: Catalogue) => {
      const o = await office();
      return o.excelAction("write", async (context) => {
        // Repair, as the ribbon does: our sheets are restored with every typed value, never copied.
        const result = await o.insertSheets(context, catalogue, { cover: true, onExisting: "repair" });
        return { text: insertMessage(result.sheets) };
      });
    },
    fillSample: async (catalogue: Catalogue) => {
      // Training data is not needed for the first paint: its own chunk.
      const { laiChauSample } = await import(/* webpackChunkName: "sample" */ "../catalogue/sample");
      const o = await office();
      return o.excelAction("write", async (context) => {
        const result = await o.fillSample(context, catalogue, laiChauSample);
        const inserted = result.sheets.filter((s) => s.action !== "kept");
        const filled = text2("sheets.filledCells", { n: result.cellsWritten });
        if (!inserted.length) return { text: result.cellsWritten ? filled : text2("sheets.filled") };
        const added = insertMessage(inserted);
        return { text: { vi: added.vi + " " + t("vi", "sheets.filled"), en: added.en + " " + t("en", "sheets.filled") } };
      });
    },
    check: async (catalogue: Catalogue, lang: Lang) => {
      const o = await office();
      return o.excelAction("write", async (context) => summaryOf(await o.checkWorkbookInExcel(context, catalogue, { lang })));
    },
    setAside: async (catalogue, lang, finding, reason) => {
      const o = await office();
      return o.excelAction("write", async (context) => summaryOf(await o.checkWorkbookInExcel(context, catalogue, { lang, setAside: { finding, reason } })));
    },
    sendToProvince: async (catalogue, lang, options) => {
      const { sendFromPane } = await import(/* webpackChunkName: "send" */ "../usecases/send");
      return sendFromPane(catalogue, lang, options);
    },
    setColumnRole: async (catalogue, lang, change) => {
      const o = await office();
      // One user action, one Excel.run: the correction stored in NQ24_Meta, then the check that reads it.
      return o.excelAction("write", async (context) => {
        const role = change.role as Parameters<typeof o.setColumnOverride>[2];
        await o.setColumnOverride(context, { sheet: change.sheet, appendix: change.appendix, col: change.col }, role);
        return summaryOf(await o.checkWorkbookInExcel(context, catalogue, { lang }));
      });
    },
    clearMarks: async (lang: Lang) => {
      const o = await office();
      return o.excelAction("write", async (context) => {
        const result = await o.clearMarksInExcel(context);
        // Old findings must not outlive the marks: the results sheet, if there is one, says what was cleared.
        await o.writeMessage(context, result.message, lang, { onlyIfExists: true });
        return { text: result.message, kind: result.protectedSheets.length ? "warning" : "success" };
      });
    },
    selectCell: async (sheet: string, address: string) => {
      const o = await office();
      await o.excelAction("read", (context) => o.selectCell(context, sheet, address));
    },
    startLive: async (catalogue, lang, onResult, onError) => {
      // The session keeps the running live check (and stops a previous one).
      const handle = await (await office()).startLiveCheck(catalogue, { lang, onResult: (s) => onResult(summaryOf(s)), onError });
      if (!handle) throw textError(text2("check.liveUnavailable"));
    },
    stopLive: async () => (await office()).stopLiveCheck(),
    consolidate: async (files, catalogue, lang, onProgress) => {
      // The roll-up never goes into a district's report: the open workbook must not be one.
      const o = await office();
      const names = await o.excelAction("read", (context) => o.workbookSheetNames(context));
      const report = names.filter((n) => n === SHEET_NAMES.PL1 || n === SHEET_NAMES.PL2);
      if (report.length) throw textError(text2("province.notHere", { sheets: report.join(", ") }));
      // The reader and the consolidation load only when a province uses this.
      const { consolidatePicked, writeConsolidationToExcel } = await import(/* webpackChunkName: "consolidate" */ "../usecases/consolidateInExcel");
      const c = await consolidatePicked(files, catalogue, { lang, onProgress });
      if (c.districts.length === 0) return provinceOutcome(c, []);
      const sheets = await o.excelAction("write", (context) => writeConsolidationToExcel(context, c, lang));
      return provinceOutcome(c, sheets);
    },
    crossCheckReport: async (input, catalogue, lang) => {
      const isDocx = "file" in input && /\.docx$/i.test(input.file.name);
      const source = "file" in input ? (isDocx ? await readBytes(input.file) : await readText(input.file)) : input.text;
      const { crossCheckReport } = await import(/* webpackChunkName: "report" */ "../usecases/report");
      const o = await office();
      const result = await o.excelAction("read", (context) => o.readAndCheckInExcel(context, catalogue, { lang }));
      return crossCheckReport(source, result, catalogue, { fileName: "file" in input ? input.file.name : "" });
    },
    parseCatalogue: async (text, source) => (await loader()).parseCatalogue(text, source),
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
  applyTheme();
  createPane(services(inExcel), { lang: displayLanguage(), catalogue: nationalCatalogue });
  document.body.setAttribute("data-ready", "true");
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  void Office.onReady((info) => start(info && info.host ? String(info.host) : null));
} else {
  // Opened outside Office (a plain browser): the pane still shows, with the workbook actions off.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => start(null));
  else start(null);
}
