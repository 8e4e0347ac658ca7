export * from "./workbook";
export * from "./model";
export * from "./office";
export * from "./xlsx";
export { connectLibrary, msOf, Host, HostError, LIBRARY_VERSION } from "./ms";
export type { MsConnector, ChartRecord } from "./ms";
