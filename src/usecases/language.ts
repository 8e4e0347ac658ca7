/**
 * The display language, chosen by one function for the task pane and the ribbon commands
 * alike: the language the user last picked in the pane (remembered on this computer, so
 * the ribbon's messages follow it), else Excel's display language — Vietnamese when Excel
 * says so or says nothing (outside Office), English for any other language.
 */
export type Lang = "vi" | "en";

/** Where the pane's switch is remembered (the pane and the ribbon share the add-in's origin). */
export const LANGUAGE_KEY = "nq24.lang";

export function chooseLanguage(displayLanguage: string | null | undefined): Lang {
  if (!displayLanguage) return "vi";
  return /^vi($|[-_])/i.test(String(displayLanguage).trim()) ? "vi" : "en";
}

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
