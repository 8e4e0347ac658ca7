/** The Office.js adapter: live workbook ⇄ Snapshot/Plan. No rules here; they are in the engine. */
export * from "./a1";
export * from "./capabilities";
export * from "./errors";
export * from "./sync";
export * from "./run";
export * from "./batch";
export * from "./read";
export * from "./apply";
export * from "./results";
export * from "./render";
export * from "./clear";
export * from "./insert";
export * from "./message";
export * from "./navigate";
export * from "./watch";
