/** @jest-environment jsdom */
/**
 * The pieces under the pane: the language rule shared with the ribbon, the strings, text
 * that can never become markup, the Office theme, and the sources' HTML sinks.
 */
import type { Catalogue } from "../src/catalogue/types";
import type { Finding } from "../src/engine/types";
import { el } from "../src/taskpane/dom";
import { applyI18n, chooseLanguage, STRINGS, t } from "../src/taskpane/i18n";
import { insertMessage } from "../src/taskpane/messages";
import { findingsView, formatTime, initialState } from "../src/taskpane/model";
import { applyTheme, luminance, themeOf } from "../src/taskpane/theme";
import { displayLanguage, rememberLanguage } from "../src/usecases/language";
import { indicatorCounts, renderCatalogueErrors, renderFindings, renderMessage, type Handlers } from "../src/taskpane/view";

const EVIL = "<img src=x onerror=alert(1)>";

const noop = new Proxy({}, { get: () => () => undefined }) as unknown as Handlers;

describe("language choice, one rule for pane and ribbon", () => {
  test.each([
    ["vi", "vi"],
    ["vi-VN", "vi"],
    ["VI-vn", "vi"],
    [undefined, "vi"],
    ["", "vi"],
    ["en-US", "en"],
    ["fr-FR", "en"],
    ["video", "en"],
  ])("%s → %s", (display, lang) => {
    expect(chooseLanguage(display as string | undefined)).toBe(lang);
  });

  test("Excel's display language unless the user picked one in the pane", () => {
    localStorage.clear();
    const g = globalThis as { Office?: unknown };
    g.Office = { context: { displayLanguage: "fr-FR" } };
    try {
      expect(displayLanguage()).toBe("en");
      (g.Office as { context: { displayLanguage: string } }).context.displayLanguage = "vi-VN";
      expect(displayLanguage()).toBe("vi");
      rememberLanguage("en");
      expect(displayLanguage()).toBe("en");
    } finally {
      delete g.Office;
      localStorage.clear();
    }
  });

  test("the ribbon uses that function (no rule of its own)", () => {
    const fs = jest.requireActual("fs") as typeof import("fs");
    const src = fs.readFileSync(require.resolve("../src/commands/commands.ts"), "utf8");
    expect(src).toMatch(/return displayLanguage\(\);/);
    expect(src).not.toMatch(/displayLanguage\s*\.\s*toLowerCase|indexOf\("en"\)/);
  });

  test("every string has both languages, and they differ where words are involved", () => {
    for (const [key, value] of Object.entries(STRINGS)) {
      expect(value.vi.length).toBeGreaterThan(0);
      expect(value.en.length).toBeGreaterThan(0);
      if (!/^(status\.chartLabel|verdict\.position|mapping\.(pl1|pl2))$/.test(key)) expect(value.vi === value.en ? key : "ok").toBe("ok");
    }
  });

  test("applyI18n relabels text and attributes, and reports keys it does not know", () => {
    document.body.textContent = "";
    const h = el("h1", { "data-i18n": "findings.heading" }, ["?"]);
    const b = el("button", { "data-i18n-title": "marks.clear", "data-i18n": "marks.clear" });
    const u = el("span", { "data-i18n": "no.such.key" }, ["keep me"]);
    document.body.append(h, b, u);
    expect(applyI18n(document, "vi")).toEqual(["no.such.key"]);
    expect(h.textContent).toBe("Phát hiện");
    expect(b.getAttribute("title")).toBe("Xóa đánh dấu");
    applyI18n(document, "en");
    expect(h.textContent).toBe("Findings");
    expect(b.textContent).toBe("Clear marks");
    expect(u.textContent).toBe("keep me");
  });

  test("times as staff write them: hh:mm dd/mm/yyyy, or ISO-like in English", () => {
    const iso = new Date(2026, 10, 28, 9, 5).toISOString();
    expect(formatTime(iso, "vi")).toBe("09:05 28/11/2026");
    expect(formatTime(iso, "en")).toBe("2026-11-28 09:05");
  });
});

describe("safe rendering", () => {
  test("el() puts strings in as text, never as markup, and refuses inline handler strings", () => {
    const node = el("div", { title: EVIL }, [EVIL, el("b", undefined, ["x"])]);
    expect(node.querySelector("img")).toBeNull();
    expect(node.textContent).toBe(EVIL + "x");
    expect(node.getAttribute("title")).toBe(EVIL);
    expect(() => el("div", { onclick: "alert(1)" })).toThrow();
  });

  test("a finding whose words or sheet are HTML shows as text and creates no element", () => {
    const f: Finding = { code: "NQ24-W005", severity: "warning", sheet: EVIL, cell: "E7", params: { label: EVIL, role: "result", year: 2022, seen: EVIL, unit: "ha", expected: EVIL } };
    const unknown: Finding = { code: EVIL, severity: "warning", sheet: "Phụ lục 1", cell: "E8", params: {} };
    const state = { ...initialState("en", { rows: [], periods: undefined } as unknown as Catalogue), summary: { findings: [f, unknown], statuses: [], verdict: { ready: false, checkedAt: "", catalogueVersion: "", counts: { error: 0, warning: 2, info: 0 }, statusCounts: {}, message: { vi: "", en: "" } } } };
    const root = renderFindings(findingsView(state, { inExcel: true, missing: [], canFix: () => false, canRemap: false }), "en", noop);
    document.body.textContent = "";
    document.body.appendChild(root);
    expect(document.querySelector("img")).toBeNull();
    const messages = Array.from(root.querySelectorAll(".finding-message")).map((n) => n.textContent);
    expect(messages).toEqual([`The 2022 value of “${EVIL}” is in “ha” (“${EVIL}”); the indicator is measured in “${EVIL}”.`, EVIL]);
    expect(root.querySelector(".rule-fix")!.textContent).toBe(`How to fix: Convert to “${EVIL}”.`);
    expect(root.querySelector(".finding-where")!.textContent).toBe(EVIL + "!E7");
  });

  test("catalogue errors and messages with HTML show as text", () => {
    const root = renderCatalogueErrors([{ path: EVIL, message: { vi: EVIL, en: "bad" } }], "vi");
    expect(root.querySelector("img")).toBeNull();
    expect(root.querySelector(".catalogue-error-path")!.textContent).toBe(EVIL);
    const m = renderMessage({ kind: "warning", text: { vi: EVIL, en: EVIL }, details: [{ vi: EVIL, en: EVIL }] }, "vi", () => undefined);
    expect(m.querySelector("img")).toBeNull();
    expect(m.getAttribute("data-kind")).toBe("warning");
  });

  test("counts indicators per appendix, ignoring headings", () => {
    const cat = { rows: [{ type: "section", appendix: "PL1" }, { type: "indicator", appendix: "PL1" }, { type: "indicator", appendix: "PL2" }, { type: "indicator", appendix: "PL2" }, { type: "group", appendix: "PL2" }] } as unknown as Catalogue;
    expect(indicatorCounts(cat)).toEqual({ pl1: 1, pl2: 2 });
  });
});

describe("the Office theme", () => {
  test("dark for a dark Office body, light for a light one, nothing without a theme", () => {
    expect(luminance("#ffffff")).toBeCloseTo(1);
    expect(luminance("#000000")).toBe(0);
    expect(luminance("blue")).toBeNull();
    expect(themeOf({ bodyBackgroundColor: "#262626" })).toBe("dark");
    expect(themeOf({ bodyBackgroundColor: "#ffffff" })).toBe("light");
    expect(themeOf({ bodyBackgroundColor: "#666666" })).toBe("dark");
    expect(themeOf(null)).toBeNull();
  });

  test("applied to <html>, with Office's body colour; removed when there is none", () => {
    expect(applyTheme(document, { bodyBackgroundColor: "#1f1f1f" })).toBe("dark");
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
    expect(document.documentElement.style.getPropertyValue("--colorNeutralBackground2")).toBe("#1f1f1f");
    expect(applyTheme(document, null)).toBeNull();
    expect(document.documentElement.hasAttribute("data-theme")).toBe(false);
  });
});

describe("use-case messages", () => {
  test("insert names created, repaired, renamed and kept sheets in both languages", () => {
    const m = insertMessage([
      { template: "Bìa", name: "Bìa", action: "repaired" },
      { template: "Phụ lục 1", name: "Phụ lục 1 (2)", action: "renamed" },
      { template: "Phụ lục 2", name: "Phụ lục 2", action: "kept" },
    ]);
    expect(m.vi).toBe(
      "Đã chèn các trang: Phụ lục 1 (2). Đã sửa các trang: Bìa (số liệu đã nhập được giữ nguyên). Trang “Phụ lục 1” đã có và không phải của NQ24, nên trang mới tên là “Phụ lục 1 (2)”. Giữ nguyên các trang đã có: Phụ lục 2.",
    );
    expect(m.en).toContain("Repaired sheets: Bìa (the figures you typed are kept).");
    expect(insertMessage([]).vi).toBe("Không có trang nào cần chèn.");
    expect(t("en", "count.ignored", { n: 2 })).toBe("2 ignored");
  });
});

describe("pane sources", () => {
  // The pane's only HTML sink is el(): a regression here would reopen the injection door.
  test("no HTML string sinks, inline styles or dynamic code in src/taskpane", () => {
    const fs = jest.requireActual("fs") as typeof import("fs");
    const path = jest.requireActual("path") as typeof import("path");
    const dir = path.join(__dirname, "..", "src", "taskpane");
    const offenders: string[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts") || f.endsWith(".html"))) {
      const code = fs.readFileSync(path.join(dir, file), "utf8");
      for (const sink of [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\beval\s*\(/, /new Function\b/, /\sstyle="/, /"(fill|stroke)":\s*"#/]) {
        if (sink.test(code)) offenders.push(file + ": " + sink.source);
      }
    }
    expect(offenders).toEqual([]);
  });

  test("no min-width in the stylesheet (it blocked reflow at 200 % zoom); every token use has its IE11 value first", () => {
    const fs = jest.requireActual("fs") as typeof import("fs");
    const css = fs.readFileSync(require.resolve("../src/taskpane/taskpane.css"), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    expect(css).not.toMatch(/min-width:\s*(?!0\b)[1-9]\d{2,}px/);
    expect(css).not.toMatch(/(^|[\s,}])(html|body)\s*{[^}]*min-width/);
    // Outside :root's own token lists, a var() declaration follows the same property with a plain value.
    const rules = css.split("}").filter((r) => !/^\s*(:root|@media \(prefers-color-scheme)/.test(r.trim()));
    const bare: string[] = [];
    for (const rule of rules) {
      const decls = rule.slice(rule.indexOf("{") + 1).split(";").map((d) => d.trim()).filter(Boolean);
      decls.forEach((d, i) => {
        if (!/var\(--/.test(d) || d.startsWith("--")) return;
        const prop = d.slice(0, d.indexOf(":")).trim();
        const before = decls.slice(0, i).some((x) => x.startsWith(prop + ":") && !/var\(--/.test(x));
        if (!before) bare.push(d);
      });
    }
    expect(bare).toEqual([]);
  });
});
