/**
 * Stands in for office.js in the browser tests: Microsoft's own Excel client library
 * (excel-web-16.00.js, served before this script in place of office.js), its requests
 * answered by the host over a fake workbook, exposed as the `Office` and `Excel` globals,
 * plus `__nq24Fake` for the test to inspect the workbook. Configured before the page loads
 * through `window.__NQ24_FAKE_CONFIG__`. The requirement set of every member comes
 * precomputed from @types/office-js (the page cannot read it).
 */
import { attachLibrary } from "../fake/ms/attach";
import { connectWith } from "../fake/ms/connect";
import { Host } from "../fake/ms/host";
import type { MemberSets } from "../fake/ms/apiSets";
import type { ChartRecord } from "../fake/ms/classes";
import { FakeWorkbook, type ApiLevel } from "../fake/workbook";
import { installGlobals } from "../fake/office";
import { rangeA1 } from "../../src/engine/layout";

declare const __NQ24_API_SETS__: [string, MemberSets][];

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

const w = window as unknown as FakeWindow;
const config: FakeConfig = w.__NQ24_FAKE_CONFIG__ || {};
const sets = new Map<string, MemberSets>(__NQ24_API_SETS__);
FakeWorkbook.connect = (book) => connectWith(book, new Host(book, sets), (opts) => attachLibrary(window, opts));
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
  /** The charts the consolidation drew (sheet name, type, title). */
  charts: (): { sheet: string; type: string; title: string }[] =>
    ((wb as unknown as { charts?: ChartRecord[] }).charts ?? []).map((c) => ({ sheet: wb.sheets.find((s) => s.id === c.sheetId)?.name ?? "", type: c.type, title: c.title ?? "" })),
  /** Typing by hand: fires onChanged as Excel does. */
  userType: (sheet: string, address: string, input: string | number | null): void => wb.userType(sheet, address, input),
};
