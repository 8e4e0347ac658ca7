/** The Office.js adapter: live workbook ⇄ Snapshot/Plan. No rules here; they are in the engine. */
export * from "./a1";
export * from "./capabilities";
export * from "./errors";
export * from "./sync";
export * from "./read";
export * from "./apply";
export * from "./render";
export * from "./clear";
