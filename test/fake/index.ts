export * from "./excel";
export * from "./model";
export * from "./office";
export * from "./xlsx";
