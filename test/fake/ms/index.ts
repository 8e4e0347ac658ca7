/**
 * Node: every fake workbook reaches Excel through Microsoft's library in a jsdom window of
 * its own, answered by the host (host.ts) gated at the requirement sets of @types/office-js.
 */
import { FakeWorkbook } from "../workbook";
import { excelApiSets } from "./apiSets";
import { connectWith, MsConnector } from "./connect";
import { Host } from "./host";
import { loadLibrary } from "./library";

export { Host } from "./host";
export { HostError } from "./classes";
export { LIBRARY_VERSION } from "./attach";
export type { ChartRecord } from "./classes";
export type { MsConnector } from "./connect";

export function connectLibrary(wb: FakeWorkbook): MsConnector {
  return connectWith(wb, new Host(wb, excelApiSets()), (opts) => loadLibrary(opts));
}

/** The host and library behind a workbook (for tests that look at requests themselves). */
export function msOf(wb: FakeWorkbook): MsConnector {
  return wb.connector() as MsConnector;
}

FakeWorkbook.connect = connectLibrary;
