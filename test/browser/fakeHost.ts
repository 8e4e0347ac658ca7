/**
 * Stands in for office.js in the browser tests: the strict in-memory Excel fake, exposed
 * as the `Office` and `Excel` globals, plus `__nq24Fake` for the test to inspect the
 * workbook. Configured before the page loads through `window.__NQ24_FAKE_CONFIG__`.
 * Only the fake's core is bundled: its .xlsx loader (ExcelJS) is not needed here.
 */
import { proxyConnector, WorksheetProxy } from "../fake/excel";
import { FakeWorkbook, type ApiLevel } from "../fake/workbook";
import { installGlobals } from "../fake/office";
import { rangeA1 } from "../../src/engine/layout";

interface FakeConfig {
  displayLanguage?: string;
  level?: ApiLevel;
  /** office.js in a plain browser: onReady reports no host. */
  noHost?: boolean;
}

interface FakeWindow {
  __NQ24_FAKE_CONFIG__?: FakeConfig;
  __nq24Fake?: unknown;
}

// The fake measures request payloads with Node's Buffer.byteLength; the browser has none.
const g = globalThis as unknown as { Buffer?: unknown };
if (!g.Buffer) {
  g.Buffer = { byteLength: (text: string) => new TextEncoder().encode(String(text)).length };
}

const w = window as unknown as FakeWindow;
const config: FakeConfig = w.__NQ24_FAKE_CONFIG__ || {};
FakeWorkbook.connect = proxyConnector;
const wb = new FakeWorkbook();
wb.displayLanguage = config.displayLanguage || "vi-VN";
if (config.level) wb.level = config.level;
// A new workbook, as Excel opens one.
wb.addSheet("Sheet1");
const { office } = installGlobals(wb);
if (config.noHost) {
  const none = { host: null as unknown as string, platform: null as unknown as string };
  office.onReady = (cb) => {
    if (cb) cb(none);
    return Promise.resolve(none);
  };
}

/**
 * The fake has no charts; the consolidation draws one. A minimal chart collection,
 * (charts are ExcelApi 1.1, so every level has them) records what was asked for the test.
 */
interface ChartRecord {
  sheet: string;
  type: string;
  title: string;
}
const charts: ChartRecord[] = [];
Object.defineProperty(WorksheetProxy.prototype, "charts", {
  configurable: true,
  get(this: { _sheet: (tx: unknown) => { name: string }; context: { _queue: (a: (tx: unknown) => void) => void } }) {
    return {
      add: (type: string) => {
        const record: ChartRecord = { sheet: "", type, title: "" };
        const chart = { title: { text: "" }, legend: { visible: true }, top: 0, left: 0, height: 0, width: 0 };
        this.context._queue((tx) => {
          record.sheet = this._sheet(tx).name;
          record.title = chart.title.text;
          charts.push(record);
        });
        return chart;
      },
    };
  },
});
const excelGlobal = (globalThis as unknown as { Excel: Record<string, unknown> }).Excel;
excelGlobal.ChartType = { barClustered: "BarClustered", columnClustered: "ColumnClustered" };
excelGlobal.ChartSeriesBy = { auto: "Auto", columns: "Columns", rows: "Rows" };

w.__nq24Fake = {
  workbook: wb,
  sheetNames: (): string[] => wb.sheets.map((s) => s.name),
  /** Every filled cell as "Sheet!A1" → colour, to compare before and after marks. */
  fills: (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const s of wb.sheets) {
      s.cells.forEach((cell, k) => {
        if (!cell.fill) return;
        const [row, col] = k.split(",").map(Number);
        out[s.name + "!" + rangeA1({ row, col, rowCount: 1, colCount: 1 })] = cell.fill;
      });
    }
    return out;
  },
  /** The selected range as "Sheet!A1", or null. */
  selection: (): string | null => {
    const sel = wb.selection;
    if (!sel) return null;
    const sheet = wb.sheets.find((s) => s.id === sel.sheetId);
    return sheet ? sheet.name + "!" + rangeA1(sel.rect) : null;
  },
  text: (sheet: string, address: string): string => wb.text(sheet, address),
  userFill: (sheet: string, address: string, colour: string | null): void => wb.userFill(sheet, address, colour),
  syncCount: (): number => wb.syncCount,
  charts: (): ChartRecord[] => charts.slice(),
  /** Typing by hand: fires onChanged as Excel does. */
  userType: (sheet: string, address: string, input: string | number | null): void => wb.userType(sheet, address, input),
};
