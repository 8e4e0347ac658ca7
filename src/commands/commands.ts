/**
 * Ribbon buttons (ExecuteFunction): insert sheets, check the workbook, clear marks. Each
 * runs one Excel.run, reports in the results sheet (there is no pane to show a message;
 * Excel offers command functions no notification API), and always calls
 * event.completed(), errors included: Office waits for it before the next click.
 * "Check" needs no task pane.
 */
import { nationalCatalogue } from "../catalogue";
import type { Catalogue, Text2 } from "../catalogue/types";
import {
  AddinError,
  checkWorkbookInExcel,
  clearMarksInExcel,
  excelAction,
  excelRun,
  ExcelRun,
  insertSheets,
  showSheet,
  writeMessage,
} from "../usecases/office";

export interface CommandEvent {
  completed: () => void;
}

export interface CommandHost {
  run: ExcelRun;
  lang: () => "vi" | "en";
  catalogue?: Catalogue;
}

export function displayLang(): "vi" | "en" {
  // Office may be absent (tests, a plain browser); IE11 has no globalThis, so test it with typeof.
  const office = typeof Office !== "undefined" ? Office : undefined;
  const display = office && office.context ? office.context.displayLanguage : "";
  return display && display.toLowerCase().indexOf("en") === 0 ? "en" : "vi";
}

function errorText(e: unknown): Text2 {
  if (e instanceof AddinError) return e.text;
  const msg = e instanceof Error ? e.message : String(e);
  return { vi: `Lỗi: ${msg}`, en: `Error: ${msg}` };
}

async function tell(host: CommandHost, text: Text2): Promise<void> {
  try {
    await excelAction("write", (context) => writeMessage(context, text, host.lang()), { run: host.run });
  } catch (e) {
    // The workbook refused even the message (a protected results sheet, a closed file):
    // the console is all that is left; the command itself still completes.
    console.error(text.en, e);
  }
}

export type CommandHandler = (event: CommandEvent) => Promise<void>;

export function makeHandlers(host: CommandHost): Record<"insertSheets" | "checkWorkbook" | "clearMarks", CommandHandler> {
  const catalogue = host.catalogue ?? nationalCatalogue;
  const guarded = (work: () => Promise<void>): CommandHandler => async (event) => {
    try {
      await work();
    } catch (e) {
      await tell(host, errorText(e));
    } finally {
      event.completed();
    }
  };
  return {
    insertSheets: guarded(async () => {
      // Repair rather than rename from the ribbon: a second click must not pile up "(2)" copies;
      // our own sheets keep every typed value, anyone else's sheet is never touched.
      const r = await excelAction("write", (context) => insertSheets(context, catalogue, { cover: true, onExisting: "repair" }), { run: host.run });
      const names = r.sheets.filter((s) => s.action !== "kept").map((s) => s.name);
      const missing = r.unavailable.map((u) => u.message);
      await tell(host, {
        vi: `Đã chèn: ${names.join(", ") || "không có trang mới"}.${missing.length ? ` ${missing.map((m) => m.vi).join(" ")}` : ""}`,
        en: `Inserted: ${names.join(", ") || "no new sheet"}.${missing.length ? ` ${missing.map((m) => m.en).join(" ")}` : ""}`,
      });
    }),
    checkWorkbook: guarded(async () => {
      const lang = host.lang();
      const s = await excelAction("write", (context) => checkWorkbookInExcel(context, catalogue, { lang }), { run: host.run });
      // The verdict, time stamp and findings are on the results sheet: show it.
      await excelAction("read", (context) => showSheet(context, s.resultsSheet), { run: host.run });
    }),
    clearMarks: guarded(async () => {
      const r = await excelAction("write", (context) => clearMarksInExcel(context), { run: host.run });
      await tell(host, r.message);
    }),
  };
}

/** Associates the handlers with the manifest's function names. */
export function registerCommands(office: { actions: { associate: (name: string, fn: (event: CommandEvent) => void) => void } }, host: CommandHost): void {
  const handlers = makeHandlers(host);
  office.actions.associate("insertSheets", handlers.insertSheets);
  office.actions.associate("checkWorkbook", handlers.checkWorkbook);
  office.actions.associate("clearMarks", handlers.clearMarks);
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady(function () {
    registerCommands(Office as unknown as Parameters<typeof registerCommands>[0], {
      run: excelRun,
      lang: displayLang,
    });
  });
}
