/**
 * Words for what a use case did, in both languages (so a language switch re-renders them).
 */
import type { Text2 } from "../catalogue/types";
import type { Lang } from "./i18n";
import { t } from "./i18n";

export interface InsertedSheet {
  template: string;
  name: string;
  action: "created" | "renamed" | "repaired" | "kept";
}

function both(build: (lang: Lang) => string): Text2 {
  return { vi: build("vi"), en: build("en") };
}

/** "Inserted sheets: Bìa, Phụ lục 1." plus renames and sheets left as they were. */
export function insertMessage(sheets: InsertedSheet[]): Text2 {
  return both((lang) => {
    const parts: string[] = [];
    const named = (action: InsertedSheet["action"]) => sheets.filter((s) => s.action === action).map((s) => s.name);
    const created = named("created").concat(named("renamed"));
    if (created.length) parts.push(t(lang, "sheets.inserted", { sheets: created.join(", ") }));
    const repaired = named("repaired");
    if (repaired.length) parts.push(t(lang, "sheets.repaired", { sheets: repaired.join(", ") }));
    for (const s of sheets) if (s.action === "renamed") parts.push(t(lang, "sheets.renamed", { from: s.template, to: s.name }));
    const kept = named("kept");
    if (kept.length) parts.push(t(lang, "sheets.kept", { sheets: kept.join(", ") }));
    return parts.length ? parts.join(" ") : t(lang, "sheets.nothing");
  });
}
