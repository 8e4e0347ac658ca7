/** @jest-environment jsdom */
/**
 * One vocabulary across the ribbon (manifest strings), the pane, the rules' fix texts, the
 * help page and the user guides; one function choosing the display language.
 */
import * as fs from "fs";
import * as path from "path";
import { RULE_FAMILIES } from "../src/engine/rules";
import { displayLang } from "../src/commands/commands";
import { STRINGS } from "../src/taskpane/i18n";
import { displayLanguage, LANGUAGE_KEY } from "../src/usecases/language";

const ROOT = path.join(__dirname, "..");
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), "utf8");
const manifest = read("manifest.xml");

function manifestString(id: string): { vi: string; en: string } {
  const m = new RegExp(`<bt:String id="${id.replace(".", "\\.")}" DefaultValue="([^"]*)">\\s*<bt:Override Locale="en-US" Value="([^"]*)"/>`).exec(manifest);
  if (!m) throw new Error("manifest has no string " + id);
  const unescape = (s: string) => s.replace(/&amp;/g, "&").replace(/&apos;/g, "'").replace(/&quot;/g, '"');
  return { vi: unescape(m[1]), en: unescape(m[2]) };
}

/** Every text the pane can show as a control's name. */
const PANE_LABELS = new Set<string>();
for (const k of Object.keys(STRINGS)) {
  const s = (STRINGS as Record<string, { vi: string; en: string }>)[k];
  PANE_LABELS.add(s.vi);
  PANE_LABELS.add(s.en);
}

describe("one vocabulary", () => {
  test("the ribbon's buttons carry the pane's names, and Clear's tooltip is the pane's own description of Clear", () => {
    expect(manifestString("Insert.Label")).toEqual(STRINGS["step.insert"]);
    expect(manifestString("Check.Label")).toEqual(STRINGS["check.run"]);
    expect(manifestString("Clear.Label")).toEqual(STRINGS["marks.clear"]);
    expect(manifestString("Clear.Tooltip")).toEqual(STRINGS["marks.clearHint"]);
    // Insert repairs from the ribbon as from the pane: the tooltip must not promise copies.
    const insertTip = manifestString("Insert.Tooltip");
    expect(insertTip.vi).toMatch(/sửa trang đã có/);
    expect(insertTip.en).toMatch(/repair/);
  });

  test("every button a rule's fix tells the user to press exists in the pane under that name", () => {
    const named: string[] = [];
    for (const family of RULE_FAMILIES) {
      for (const r of family.rules) {
        if (!r.fix) continue;
        let fix: { vi: string; en: string };
        try {
          fix = r.fix({} as never);
        } catch {
          continue;
        }
        for (const text of [fix.vi, fix.en]) {
          const re = /(?:Bấm|bấm|Press|press|Dùng|dùng|Use|use) “([^”]+)”/g;
          let m: RegExpExecArray | null;
          while ((m = re.exec(text))) named.push(r.code + " " + m[1]);
        }
      }
    }
    expect(named.length).toBeGreaterThan(2);
    expect(named.filter((x) => !PANE_LABELS.has(x.slice(x.indexOf(" ") + 1)))).toEqual([]);
  });

  test("help and user guides use the pane's names, not old ones", () => {
    const docs = { help: read("docs/help.html").replace(/&amp;/g, "&"), vi: read("docs/huong-dan-su-dung.md"), en: read("docs/user-guide.md") };
    for (const key of ["step.insert", "step.enter", "step.check", "check.run", "marks.clear", "send.button"] as const) {
      expect(docs.help).toContain(STRINGS[key].vi);
      expect(docs.vi).toContain(STRINGS[key].vi);
      expect(docs.en).toContain(STRINGS[key].en);
    }
    const retired = ["Chèn trang Phụ lục", "Kiểm tra bảng tính", "Sửa trang đã có", "Sửa biểu mẫu", "Insert sheets", "Insert appendix sheets", "Check the workbook", "Repair sheets"];
    for (const text of Object.values(docs)) expect(retired.filter((r) => text.indexOf(r) >= 0)).toEqual([]);
  });
});

describe("one function chooses the display language", () => {
  const g = globalThis as unknown as { Office?: unknown };
  afterEach(() => {
    delete g.Office;
    localStorage.clear();
  });

  test("the ribbon asks the same function as the pane: the language last picked in the pane, else Excel's", () => {
    g.Office = { context: { displayLanguage: "en-GB" } };
    expect(displayLanguage()).toBe("en");
    expect(displayLang()).toBe("en");
    localStorage.setItem(LANGUAGE_KEY, "vi");
    expect(displayLanguage()).toBe("vi");
    expect(displayLang()).toBe("vi");
    localStorage.clear();
    g.Office = { context: { displayLanguage: "vi-VN" } };
    expect(displayLang()).toBe("vi");
    delete g.Office;
    expect(displayLang()).toBe("vi");
  });
});
