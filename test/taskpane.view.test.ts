/** @jest-environment jsdom */
import type { Catalogue } from "../src/catalogue/types";
import type { Finding, IndicatorStatus, Verdict } from "../src/engine/types";
import { el, svg } from "../src/taskpane/dom";
import { applyI18n, chooseLanguage, STRINGS, t } from "../src/taskpane/i18n";
import { insertMessage } from "../src/taskpane/messages";
import {
  countStatuses,
  formatTime,
  groupFindings,
  indicatorCounts,
  MAX_PER_GROUP,
  PL1_BARS,
  PL2_BARS,
  renderCatalogueErrors,
  renderFindings,
  renderStatusChart,
  renderVerdict,
} from "../src/taskpane/view";

const EVIL = "<img src=x onerror=alert(1)>";

function finding(partial: Partial<Finding>): Finding {
  return {
    code: "NQ24-E001",
    severity: "error",
    sheet: "Phụ lục 1",
    cell: "E7",
    params: { label: "Độ che phủ rừng", role: "result", year: 2022 },
    ...partial,
  };
}

describe("language choice", () => {
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

  test("every string has both languages, and they differ where words are involved", () => {
    for (const [key, value] of Object.entries(STRINGS)) {
      expect(value.vi.length).toBeGreaterThan(0);
      expect(value.en.length).toBeGreaterThan(0);
      if (!key.startsWith("status.chartLabel")) expect(value.vi === value.en ? key : "ok").toBe("ok");
    }
  });

  test("applyI18n relabels text and attributes, and reports keys it does not know", () => {
    document.body.textContent = "";
    const h = el("h1", { "data-i18n": "check.heading" }, ["?"]);
    const b = el("button", { "data-i18n-title": "marks.clear", "data-i18n": "marks.clear" });
    const u = el("span", { "data-i18n": "no.such.key" }, ["keep me"]);
    document.body.append(h, b, u);
    expect(applyI18n(document, "vi")).toEqual(["no.such.key"]);
    expect(h.textContent).toBe("Kiểm tra");
    expect(b.getAttribute("title")).toBe("Xóa mọi đánh dấu");
    applyI18n(document, "en");
    expect(h.textContent).toBe("Check");
    expect(b.textContent).toBe("Clear all marks");
    expect(u.textContent).toBe("keep me");
  });

  test("placeholders are filled", () => {
    expect(t("en", "findings.total", { n: 3 })).toBe("3 findings");
    expect(t("vi", "findings.total", { n: 3 })).toBe("3 phát hiện");
  });
});

describe("safe rendering", () => {
  test("el() puts strings in as text, never as markup", () => {
    const node = el("div", { title: EVIL }, [EVIL, el("b", undefined, ["x"])]);
    expect(node.querySelector("img")).toBeNull();
    expect(node.textContent).toBe(EVIL + "x");
    expect(node.getAttribute("title")).toBe(EVIL);
  });

  test("el() refuses inline handler strings", () => {
    expect(() => el("div", { onclick: "alert(1)" })).toThrow();
  });

  test("a finding whose message is HTML shows as text and creates no element", () => {
    const f = finding({ code: "NQ24-W005", params: { label: EVIL, role: "result", year: 2022, seen: EVIL, unit: "ha", expected: EVIL }, sheet: EVIL });
    const unknown = finding({ code: EVIL, cell: "E8" });
    const root = renderFindings([f, unknown], "en", () => undefined);
    document.body.textContent = "";
    document.body.appendChild(root);
    expect(document.querySelector("img")).toBeNull();
    const messages = Array.from(root.querySelectorAll(".finding-message")).map((n) => n.textContent);
    expect(messages).toEqual([`The 2022 value of “${EVIL}” is in “ha” (“${EVIL}”); the indicator is measured in “${EVIL}”.`, EVIL]);
    expect(root.querySelector(".finding-fix")!.textContent).toBe(`Convert to “${EVIL}”.`);
    expect(root.querySelector(".finding-where")!.textContent).toBe(EVIL + "!E7");
  });

  test("catalogue errors with HTML in path or message show as text", () => {
    const root = renderCatalogueErrors([{ path: EVIL, message: { vi: EVIL, en: "bad" } }], "vi");
    expect(root.querySelector("img")).toBeNull();
    expect(root.querySelector(".catalogue-error-path")!.textContent).toBe(EVIL);
    expect(root.querySelector(".catalogue-error")!.textContent).toContain(EVIL);
  });

  test("the chart's labels are text nodes too", () => {
    const node = svg("text", undefined, [EVIL]);
    expect(node.childNodes).toHaveLength(1);
    expect(node.firstChild!.nodeType).toBe(Node.TEXT_NODE);
  });
});

describe("findings list", () => {
  const findings = [
    finding({ severity: "warning", cell: "E8", code: "NQ24-W001" }),
    finding({ severity: "error", cell: "E9" }),
    finding({ severity: "info", cell: "", sheet: "", code: "NQ24-I001", params: { role: "baseline", year: 2013, count: 2, cells: ["E5", "E6"] } }),
    finding({ severity: "error", cell: "F10" }),
    finding({ severity: "warning", cell: "F11", code: "NQ24-W002" }),
  ];

  test("groups by severity, errors first, and counts each group", () => {
    const groups = groupFindings(findings);
    expect(groups.map((g) => [g.severity, g.count])).toEqual([
      ["error", 2],
      ["warning", 2],
      ["info", 1],
    ]);
    expect(groups[0].items.map((f) => f.cell)).toEqual(["E9", "F10"]);
  });

  test("renders one section per non-empty severity with its count, and buttons for cells", () => {
    const selected: Finding[] = [];
    const root = renderFindings(findings, "en", (f) => selected.push(f));
    const sections = root.querySelectorAll("section.finding-group");
    expect(Array.from(sections).map((s) => s.getAttribute("data-severity"))).toEqual(["error", "warning", "info"]);
    expect(sections[0].querySelector("h3")!.textContent).toBe("Errors (2)");
    expect(sections[1].querySelector("h3")!.textContent).toBe("Warnings (2)");
    expect(root.querySelector(".findings-total")!.textContent).toContain("5 findings");
    const buttons = root.querySelectorAll("button.finding");
    expect(buttons).toHaveLength(4); // the workbook-level finding has no cell to select
    (buttons[1] as HTMLButtonElement).click();
    expect(selected.map((f) => f.sheet + "!" + f.cell)).toEqual(["Phụ lục 1!F10"]);
    expect(root.querySelector(".finding--info .finding-where")!.textContent).toBe("Whole workbook");
  });

  test("a very long group is cut, and says how many more there are", () => {
    const many = Array.from({ length: MAX_PER_GROUP + 7 }, (_, i) => finding({ cell: "E" + (i + 1) }));
    const root = renderFindings(many, "vi", () => undefined);
    expect(root.querySelectorAll("button.finding")).toHaveLength(MAX_PER_GROUP);
    expect(root.querySelector("h3")!.textContent).toBe("Lỗi (" + (MAX_PER_GROUP + 7) + ")");
    expect(root.querySelector(".finding-more")!.textContent).toContain("7 phát hiện khác");
  });

  test("Vietnamese headings", () => {
    const root = renderFindings(findings, "vi", () => undefined);
    expect(root.querySelector("section h3")!.textContent).toBe("Lỗi (2)");
  });

  test("no findings says so", () => {
    expect(renderFindings([], "vi", () => undefined).textContent).toBe("Không có phát hiện nào.");
  });
});

describe("status chart", () => {
  const statuses: IndicatorStatus[] = [
    { indicatorId: "a", appendix: "PL1", status: "achieved", trend: "unknown", label: { vi: "", en: "" } },
    { indicatorId: "b", appendix: "PL1", status: "achieved", trend: "unknown", label: { vi: "", en: "" } },
    { indicatorId: "c", appendix: "PL1", status: "notAchieved", trend: "unknown", label: { vi: "", en: "" } },
    { indicatorId: "d", appendix: "PL1", status: "noData", trend: "unknown", label: { vi: "", en: "" } },
    { indicatorId: "e", appendix: "PL2", trend: "better", label: { vi: "", en: "" } },
    { indicatorId: "f", appendix: "PL2", trend: "worse", label: { vi: "", en: "" } },
    { indicatorId: "g", appendix: "PL2", trend: "better", label: { vi: "", en: "" } },
    { indicatorId: "h", appendix: "PL2", trend: "unknown", label: { vi: "", en: "" } },
  ];

  test("counts statuses per appendix", () => {
    const c = countStatuses(statuses);
    expect(c.pl1).toEqual({ achieved: 2, exceeded: 0, notAchieved: 1, noData: 1, notApplicable: 0, noTarget: 0 });
    expect(c.pl2).toEqual({ better: 2, worse: 1, unchanged: 0, increased: 0, decreased: 0 });
    expect(c.pl2Unknown).toBe(1);
  });

  test("the trend's title quotes the catalogue's years", () => {
    const title = (c: SVGSVGElement) => Array.from(c.querySelectorAll("text")).map((n) => n.textContent).find((x) => /Phụ lục 2|Appendix 2/.test(x ?? ""));
    expect(title(renderStatusChart(statuses, "vi"))).toBe("Phụ lục 2 – xu hướng 2013 → 2022");
    expect(title(renderStatusChart(statuses, "en", { baseline: 2015, result: 2024, target: 2025 }))).toBe("Appendix 2 – trend 2015 → 2024");
  });

  test("draws six PL1 bars and three PL2 bars, labelled and sized by count", () => {
    const chart = renderStatusChart(statuses, "vi");
    expect(chart.namespaceURI).toBe("http://www.w3.org/2000/svg");
    const pl1 = chart.querySelectorAll('g.bar[data-group="PL1"]');
    const pl2 = chart.querySelectorAll('g.bar[data-group="PL2"]');
    expect(pl1).toHaveLength(PL1_BARS.length);
    expect(pl2).toHaveLength(PL2_BARS.length);
    expect(Array.from(pl1).map((g) => g.querySelector(".bar-label")!.textContent)).toEqual([
      "Đạt",
      "Vượt mục tiêu",
      "Chưa đạt",
      "Không có số liệu",
      "Không áp dụng",
      "Không có mục tiêu",
    ]);
    expect(Array.from(pl2).map((g) => g.querySelector(".bar-count")!.textContent)).toEqual(["2", "1", "0"]);
    const width = (key: string) => Number(chart.querySelector('g[data-key="' + key + '"] rect')!.getAttribute("width"));
    expect(width("achieved")).toBeGreaterThan(width("notAchieved"));
    expect(width("exceeded")).toBe(0);
    expect(chart.getAttribute("role")).toBe("img");
    expect(chart.getAttribute("aria-label")).toContain("Đạt 2");
    expect(chart.querySelector(".chart-note")!.textContent).toBe("Chưa đủ số liệu để so sánh: 1 chỉ tiêu");
  });

  test("neutral trends get their own bars only when present", () => {
    const withNeutral = statuses.concat([{ indicatorId: "i", appendix: "PL2", trend: "increased", label: { vi: "", en: "" } }]);
    const keys = Array.from(renderStatusChart(withNeutral, "en").querySelectorAll('g.bar[data-group="PL2"]')).map((g) => g.getAttribute("data-key"));
    expect(keys).toEqual(["better", "worse", "unchanged", "increased"]);
  });

  test("English labels", () => {
    const chart = renderStatusChart(statuses, "en");
    expect(Array.from(chart.querySelectorAll('g.bar[data-group="PL2"] .bar-label')).map((n) => n.textContent)).toEqual([
      "Better",
      "Worse",
      "Unchanged",
    ]);
  });
});

describe("verdict and catalogue", () => {
  const verdict: Verdict = {
    ready: false,
    checkedAt: new Date(2026, 10, 28, 9, 5).toISOString(),
    catalogueVersion: "1.0.0",
    counts: { error: 3, warning: 1, info: 0 },
    statusCounts: {},
    message: { vi: "Còn 3 lỗi cần sửa.", en: "3 errors to fix." },
  };

  test("says not ready with the time stamp and counts", () => {
    const node = renderVerdict(verdict, "vi");
    expect(node.getAttribute("data-ready")).toBe("false");
    expect(node.textContent).toContain("Chưa sẵn sàng gửi");
    expect(node.textContent).toContain("Còn 3 lỗi cần sửa.");
    expect(node.textContent).toContain("09:05 28/11/2026");
    expect(renderVerdict({ ...verdict, ready: true }, "en").textContent).toContain("Ready to send");
    expect(formatTime(verdict.checkedAt, "en")).toBe("2026-11-28 09:05");
  });

  test("counts indicators per appendix, ignoring headings", () => {
    const cat = {
      rows: [
        { type: "section", appendix: "PL1" },
        { type: "indicator", appendix: "PL1" },
        { type: "indicator", appendix: "PL2" },
        { type: "indicator", appendix: "PL2" },
        { type: "group", appendix: "PL2" },
      ],
    } as unknown as Catalogue;
    expect(indicatorCounts(cat)).toEqual({ pl1: 1, pl2: 2 });
  });
});

describe("use-case messages", () => {
  test("insert names created, renamed and kept sheets in both languages", () => {
    const m = insertMessage([
      { template: "Bìa", name: "Bìa", action: "created" },
      { template: "Phụ lục 1", name: "Phụ lục 1 (2)", action: "renamed" },
      { template: "Phụ lục 2", name: "Phụ lục 2", action: "kept" },
    ]);
    expect(m.vi).toBe(
      "Đã chèn các trang: Bìa, Phụ lục 1 (2). Trang “Phụ lục 1” đã có nên trang mới tên là “Phụ lục 1 (2)”. Giữ nguyên các trang đã có: Phụ lục 2.",
    );
    expect(m.en).toContain("Inserted sheets: Bìa, Phụ lục 1 (2).");
    expect(insertMessage([]).vi).toBe("Không có trang nào cần chèn.");
  });
});

describe("pane sources", () => {
  // The pane's only HTML sink is el(): a regression here would reopen the injection door.
  test("no HTML string sinks or dynamic code in src/taskpane", () => {
    const fs = jest.requireActual("fs") as typeof import("fs");
    const path = jest.requireActual("path") as typeof import("path");
    const dir = path.join(__dirname, "..", "src", "taskpane");
    const offenders: string[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const code = fs.readFileSync(path.join(dir, file), "utf8");
      for (const sink of [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\beval\s*\(/, /new Function\b/]) {
        if (sink.test(code)) offenders.push(file + ": " + sink.source);
      }
    }
    expect(offenders).toEqual([]);
  });
});
