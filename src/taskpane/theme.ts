/**
 * The Office theme, where Office gives one: "dark" or "light" on <html data-theme>, so the
 * stylesheet picks Fluent 2's dark or light tokens, and the page takes Office's own body
 * colour. Without a theme (a plain browser, an Office without officeTheme) the stylesheet
 * follows the system's prefers-color-scheme on its own.
 */

interface OfficeThemeLike {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
}

/** Relative luminance of "#rrggbb" (WCAG), or null for anything else. */
export function luminance(hex: string | undefined): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(String(hex || "").trim());
  if (!m) return null;
  const channel = (h: string) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(m[1]) + 0.7152 * channel(m[2]) + 0.0722 * channel(m[3]);
}

/** "dark" when Office's body is dark, "light" when light, null when Office says nothing. */
export function themeOf(theme: OfficeThemeLike | null | undefined): "dark" | "light" | null {
  const l = theme ? luminance(theme.bodyBackgroundColor) : null;
  if (l === null) return null;
  return l < 0.2 ? "dark" : "light";
}

function officeTheme(): OfficeThemeLike | null {
  try {
    const office = typeof Office !== "undefined" ? Office : undefined;
    const ctx = office && office.context ? (office.context as unknown as { officeTheme?: OfficeThemeLike }) : undefined;
    return ctx && ctx.officeTheme ? ctx.officeTheme : null;
  } catch {
    // officeTheme throws on hosts that lack it.
    return null;
  }
}

export function applyTheme(doc: Document = document, theme: OfficeThemeLike | null = officeTheme()): "dark" | "light" | null {
  const which = themeOf(theme);
  const root = doc.documentElement;
  if (!which) {
    root.removeAttribute("data-theme");
    return null;
  }
  root.setAttribute("data-theme", which);
  // Office's own surface colour for the page; the tokens keep text and controls readable on it.
  if (theme && theme.bodyBackgroundColor && root.style && typeof root.style.setProperty === "function") {
    root.style.setProperty("--colorNeutralBackground2", theme.bodyBackgroundColor);
  }
  return which;
}
