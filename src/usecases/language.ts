/**
 * The one rule that picks the language we speak from a locale name, for every surface:
 * the task pane and the ribbon (Office's display language, "vi-VN", "en-US"…) and the
 * command line (NQ24_LANG, LC_ALL, LC_MESSAGES, LANG: "vi_VN.UTF-8", "C"…).
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
