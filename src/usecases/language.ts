/**
 * The one rule that picks the language we speak, for every surface: the task pane and the
 * ribbon (the language last picked in the pane, remembered on this computer so the ribbon
 * follows it, else Office's display language: "vi-VN", "en-US"…) and the command line
 * (NQ24_LANG, LC_ALL, LC_MESSAGES, LANG: "vi_VN.UTF-8", "C"…).
 */
export type Lang = "vi" | "en";

/**
 * Vietnamese when the locale is Vietnamese or says nothing (empty, or the POSIX "C" and
 * "POSIX" locales, which name no language): staff work in Vietnamese. English for any
 * other language, as the next most widely read.
 */
export function chooseLanguage(locale: string | null | undefined): Lang {
  const tag = (locale ?? "").trim();
  if (!tag || /^(c|posix)([._@]|$)/i.test(tag)) return "vi";
  return /^vi($|[-_.@])/i.test(tag) ? "vi" : "en";
}

/**
 * The command line's choice when no --lang is given: NQ24_LANG first, then the POSIX
 * locale variables in their order of precedence (the first one set decides).
 */
export function languageFromEnvironment(env: Record<string, string | undefined>): Lang {
  for (const name of LANGUAGE_VARIABLES) {
    const v = env[name];
    if (v && v.trim()) return chooseLanguage(v);
  }
  return "vi";
}

export const LANGUAGE_VARIABLES = ["NQ24_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] as const;

/** Where the pane's switch is remembered (the pane and the ribbon share the add-in's origin). */
export const LANGUAGE_KEY = "nq24.lang";

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** localStorage when the webview allows it (a locked-down IE11 may throw on access). */
function storage(): StorageLike | null {
  try {
    return typeof localStorage !== "undefined" && localStorage ? localStorage : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(lang: Lang): void {
  const s = storage();
  try {
    if (s) s.setItem(LANGUAGE_KEY, lang);
  } catch {
    // Storage full or refused: the choice lasts for this session only.
  }
}

export function rememberedLanguage(): Lang | null {
  const s = storage();
  try {
    const v = s ? s.getItem(LANGUAGE_KEY) : null;
    return v === "vi" || v === "en" ? v : null;
  } catch {
    return null;
  }
}

/** Office's display language when Office is there (IE11 has no globalThis: typeof guards it). */
export function officeDisplayLanguage(): string | null {
  const office = typeof Office !== "undefined" ? Office : undefined;
  return office && office.context && office.context.displayLanguage ? office.context.displayLanguage : null;
}

/** The language the pane and the ribbon speak. */
export function displayLanguage(): Lang {
  return rememberedLanguage() || chooseLanguage(officeDisplayLanguage());
}
