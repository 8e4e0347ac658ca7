/**
 * Words for what a use case did, in both languages (so a language switch re-renders them).
 */
import type { Text2 } from "../catalogue/types";
import type { Lang } from "./i18n";
import { t, text2 } from "./i18n";

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

/** The first line of an error's own text, without a class name ("XlsxError: …") or a stack. */
function plainDetail(message: string): string {
  const first = message.split(/\r?\n/)[0].replace(/^\s*(\w+)?(Error|Exception)\s*:\s*/, "").trim();
  return /\bat .+\(.+:\d+:\d+\)|^\s*at\s/.test(first) ? "" : first;
}

/**
 * Where an error's words come from: our errors carry {vi, en} (AddinError's text, the file
 * readers' vi/en); anything else is a fault of ours, said in plain words with its first line
 * (never a class name or a stack).
 */
export function errorText(e: unknown): Text2 {
  if (e && typeof e === "object") {
    const o = e as { text?: Text2; message2?: Text2; vi?: unknown; en?: unknown; message?: unknown };
    if (o.text && typeof o.text === "object" && typeof o.text.vi === "string") return o.text;
    if (o.message2 && typeof o.message2.vi === "string") return o.message2;
    if (typeof o.vi === "string" && typeof o.en === "string") return { vi: o.vi, en: o.en };
  }
  const base = text2("error.unexpected");
  const raw = e && typeof e === "object" && typeof (e as { message?: unknown }).message === "string" ? String((e as { message: string }).message) : typeof e === "string" ? e : "";
  const detail = plainDetail(raw);
  return detail ? { vi: base.vi + " (" + detail + ")", en: base.en + " (" + detail + ")" } : base;
}

/** How long a province catalogue may take to download. */
export const FETCH_TIMEOUT_MS = 15000;

