/**
 * A fake of the `Office` global surface the add-in touches: requirement sets (driven by
 * the fake workbook's level), display language, onReady and ribbon action association.
 */
import { FakeWorkbook, levelNumber } from "./workbook";

export interface FakeOffice {
  context: {
    requirements: { isSetSupported: (name: string, version?: string) => boolean };
    displayLanguage: string;
  };
  onReady: (cb?: (info: { host: string; platform: string }) => void) => Promise<{ host: string; platform: string }>;
  actions: { associate: (name: string, fn: (event: { completed: () => void }) => unknown) => void };
  HostType: { Excel: string };
  /** Handlers the code associated, by action id. */
  associated: Map<string, (event: { completed: () => void }) => unknown>;
}

/**
 * What this fake Excel supports: ExcelApi up to the workbook's level; "DelayForCellEdit"
 * (Excel.run holding a batch while a cell is edited) unless the workbook says otherwise.
 */
export function supports(wb: FakeWorkbook, name: string, version?: string): boolean {
  if (name === "ExcelApi") return levelNumber(version ?? "1.1") <= levelNumber(wb.level);
  if (name === "DelayForCellEdit") return wb.delayForCellEdit;
  return false;
}

export function createFakeOffice(wb: FakeWorkbook): FakeOffice {
  const associated = new Map<string, (event: { completed: () => void }) => unknown>();
  const info = { host: "Excel", platform: "PC" };
  return {
    context: {
      requirements: { isSetSupported: (name: string, version?: string) => supports(wb, name, version) },
      get displayLanguage() {
        return wb.displayLanguage;
      },
    },
    onReady: (cb) => {
      if (cb) cb(info);
      return Promise.resolve(info);
    },
    actions: { associate: (name, fn) => void associated.set(name, fn) },
    HostType: { Excel: "Excel" },
    associated,
  };
}

/** Installs `Office` and `Excel` globals backed by the fake (Excel: the connector's namespace); returns an undo. */
export function installGlobals(wb: FakeWorkbook): { office: FakeOffice; restore: () => void } {
  const g = globalThis as unknown as { Office?: unknown; Excel?: unknown };
  const prevOffice = g.Office;
  const prevExcel = g.Excel;
  const office = createFakeOffice(wb);
  // The connector first: in the browser it points the page's library at the host, and the
  // page's `Office` must then be this one (the library asks it for requirement sets too).
  g.Excel = wb.connector().excelNamespace();
  g.Office = office;
  return {
    office,
    restore: () => {
      g.Office = prevOffice;
      g.Excel = prevExcel;
    },
  };
}
