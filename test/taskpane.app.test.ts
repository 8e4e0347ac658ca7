/** @jest-environment jsdom */
/**
 * The pane in jsdom against stand-in services: the first screen, the check and its verdict,
 * the findings walked with Previous/Next and the arrow keys, "Bỏ qua" with a reason, the
 * message bar, the province's view, the written report, and the places where one-click
 * fixes and the column mapping plug in.
 */
import * as fs from "fs";
import * as path from "path";
import type { Catalogue, Text2 } from "../src/catalogue/types";
import type { Finding, LocatedTable } from "../src/engine/types";
import type { CheckSummary, ColumnRoleChange, PaneServices, ParsedCatalogue, ProvinceOutcome, ReportInput } from "../src/taskpane/app";
import { createPane, errorText, IDS } from "../src/taskpane/app";
import { STRINGS } from "../src/taskpane/i18n";
import type { ReportCrossCheck } from "../src/usecases/report";

const HTML = fs.readFileSync(path.join(__dirname, "..", "src", "taskpane", "taskpane.html"), "utf8");

function loadPage(): void {
  // Trusted fixture: the pane's own page skeleton.
  const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(HTML)![1];
  document.body.innerHTML = body;
}

const catalogue = {
  id: "nq24-national",
  version: "1.0.0",
  title: { vi: "Danh mục quốc gia", en: "National catalogue" },
  periods: { baseline: { year: 2013, from: 2005, to: 2019 }, result: { year: 2022, from: 2018, to: 2030 }, target: { year: 2020, from: 2015, to: 2050 } },
  rows: [
    { type: "indicator", appendix: "PL1", id: "PL1-01", labelVi: "Độ che phủ rừng", labelEn: "Forest cover", target: { text: "45%", op: ">=", value: 45 } },
    { type: "indicator", appendix: "PL1", id: "PL1-02", labelVi: "Tỷ lệ thu gom rác", labelEn: "Waste collected" },
    { type: "indicator", appendix: "PL2", id: "PL2-001", labelVi: "Diện tích rừng", labelEn: "Forest area" },
  ],
} as unknown as Catalogue;

const E7: Finding = { code: "NQ24-E001", severity: "error", sheet: "Phụ lục 1", cell: "E7", indicatorId: "PL1-01", params: { label: "Độ che phủ rừng", role: "result", year: 2022 } };
const E8: Finding = { code: "NQ24-E001", severity: "error", sheet: "Phụ lục 1", cell: "E8", indicatorId: "PL1-02", params: { label: "Tỷ lệ thu gom rác", role: "result", year: 2022 } };
const D9: Finding = { code: "NQ24-W006", severity: "warning", sheet: "Phụ lục 2", cell: "D9", indicatorId: "PL2-001", params: { label: "Diện tích rừng", role: "baseline", year: 2013, seen: "1.234", readings: [1234, 1.234] } };
const D10: Finding = { code: "NQ24-W005", severity: "warning", sheet: "Phụ lục 2", cell: "D10", params: { label: "Độ che phủ", role: "result", year: 2022, seen: "12 ha", unit: "ha", expected: "%" } };
const COVER: Finding = { code: "NQ24-W017", severity: "warning", sheet: "", cell: "", params: {} };

const tables: LocatedTable[] = [
  { appendix: "PL1", sheet: "Phụ lục 1", headerRow: 4, columns: { stt: 0, label: 1, unit: 2, target: 3, baseline: 4, result: 5, note: 6 }, years: { baseline: 2013, result: 2022, target: 2020 }, ownTemplate: true },
  { appendix: "PL2", sheet: "Phụ lục 2", headerRow: 4, columns: { stt: 0, label: 1, unit: 2, baseline: 3, result: 4, note: 5 }, years: { baseline: 2013, result: 2022 }, ownTemplate: true },
];

function summaryOf(findings: Finding[], ignored: CheckSummary["ignored"] = []): CheckSummary {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return {
    findings,
    ignored,
    tables,
    matches: [{ indicatorId: "PL1-01", sheet: "Phụ lục 1", row: 6, confidence: 1, by: "id", labelSeen: "Độ che phủ rừng" }],
    statuses: [
      { indicatorId: "PL1-01", appendix: "PL1", status: "notAchieved", trend: "unknown", label: { vi: "Chưa đạt", en: "Not achieved" }, explanation: { vi: "2022: 40% so với mục tiêu 45%", en: "2022: 40% against the target 45%" } },
      { indicatorId: "PL1-02", appendix: "PL1", status: "noTarget", trend: "unknown", label: { vi: "Không có mục tiêu", en: "No target" } },
    ],
    verdict: { ready: counts.error === 0, checkedAt: "2026-11-28T09:05:00Z", catalogueVersion: "1.0.0", counts, statusCounts: {}, message: { vi: "Chưa sẵn sàng", en: "Not ready" } },
  };
}

const FINDINGS = [E7, E8, D9, D10, COVER];

type Calls = { calls: string[] };

function services(overrides: Partial<PaneServices> = {}): PaneServices & Calls {
  const calls: string[] = [];
  let current = summaryOf(FINDINGS);
  const base: PaneServices = {
    missingFeatures: () => [],
    insertSheets: async () => {
      calls.push("insert");
      return { text: { vi: "Đã chèn các trang: Bìa.", en: "Inserted sheets: Bìa." } };
    },
    fillSample: async () => {
      calls.push("fill");
      return { text: { vi: "Đã điền số liệu mẫu Lai Châu.", en: "Filled in the Lai Châu sample." } };
    },
    check: async (_c, lang) => {
      calls.push("check:" + lang);
      return current;
    },
    setAside: async (_c, _l, f, reason) => {
      calls.push("aside:" + f.cell + ":" + reason);
      current = reason === null ? summaryOf(FINDINGS) : summaryOf(FINDINGS.filter((x) => x !== f), [{ finding: f, reason, at: "2026-11-28T09:06:00Z" }]);
      return current;
    },
    clearMarks: async () => {
      calls.push("clear");
      return { text: { vi: "Đã xóa các đánh dấu.", en: "The marks were cleared." } };
    },
    selectCell: async (sheet, address) => void calls.push("select:" + sheet + "!" + address),
    startLive: async () => void calls.push("live:on"),
    stopLive: async () => void calls.push("live:off"),
    consolidate: async (files) => {
      calls.push("consolidate:" + files.length);
      return { counted: 2, ready: 1, notReady: [{ unit: "UBND huyện Sìn Hồ", file: "sin-ho.xlsx" }], duplicates: 0, refused: [], ignored: 0, outliers: 0, sheets: ["Tổng hợp"] };
    },
    crossCheckReport: async (input: ReportInput) => {
      calls.push("report:" + ("text" in input ? input.text : input.file.name));
      return report;
    },
    parseCatalogue: (text): ParsedCatalogue =>
      text === "good"
        ? { ok: true, catalogue: { ...catalogue, id: "laichau", version: "2.0", title: { vi: "Lai Châu", en: "Lai Chau" } }, warnings: [] }
        : { ok: false, errors: [{ path: "rows[3].unit", message: { vi: "<b>đơn vị</b> sai", en: "bad unit" } }] },
    fetchText: async () => "good",
    readFile: async () => "bad",
  };
  return Object.assign(base, overrides, { calls });
}

const report = {
  source: { name: "bao-cao.docx", format: "docx" },
  paragraphs: 10,
  figures: [{ paragraph: 7, start: 0, end: 5, figure: "2.644,1 ha", excerpt: "", unit: "ha", year: { role: "result" }, outcome: "review", attachment: { label: "Diện tích rừng" }, appendix: { indicatorId: "PL2-001", sheet: "Phụ lục 2", row: 85, cell: "E85", role: "result", value: "2.694,42 ha" }, doubts: [{ vi: "câu văn không nêu năm", en: "no year" }] }],
  findings: [{ code: "NQ24-W101", severity: "warning", sheet: "Phụ lục 2", cell: "D85", paragraph: 4, params: {} }],
  counts: { figures: 3, agrees: 1, mismatch: 1, missingInAppendix: 0, notComparable: 0, review: 1, unattached: 0 },
} as unknown as ReportCrossCheck;

const $ = (id: string) => document.getElementById(id)!;
const text = (id: string) => $(id).textContent || "";
const kind = () => document.querySelector("#message [data-kind]")?.getAttribute("data-kind") ?? null;
const item = (cell: string) => document.querySelector(`#findings button.finding[data-cell="${cell}"]`) as HTMLButtonElement;
const key = (target: Element, k: string) => target.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));

beforeEach(() => {
  loadPage();
  localStorage.clear();
});

async function checked(s = services(), lang: "vi" | "en" = "vi") {
  const pane = createPane(s, { lang, catalogue });
  $(IDS.check).click();
  await pane.idle();
  return { pane, s };
}

describe("the page", () => {
  test("every data-i18n key has a text in both languages, and every id the pane drives exists", () => {
    const keys = new Set<string>();
    for (const attr of ["data-i18n", "data-i18n-title", "data-i18n-aria-label", "data-i18n-placeholder"]) {
      document.querySelectorAll("[" + attr + "]").forEach((n) => keys.add(n.getAttribute(attr)!));
    }
    expect(keys.size).toBeGreaterThan(20);
    expect(Array.from(keys).filter((k) => !(k in STRINGS))).toEqual([]);
    expect(Object.values(IDS).filter((id) => !document.getElementById(id))).toEqual([]);
  });

  test("the first screen is the district's job: three steps in order, the first the next to do; settings closed; the province elsewhere", () => {
    createPane(services(), { lang: "vi", catalogue });
    const steps = Array.from(document.querySelectorAll("#steps > li")).map((li) => [li.id, li.getAttribute("data-state")]);
    expect(steps).toEqual([["step-insert", "current"], ["step-enter", "upcoming"], ["step-check", "upcoming"]]);
    expect(text(IDS.insert)).toBe("Chèn biểu mẫu");
    expect(text("step-insert-state")).toBe("(bước tiếp theo)");
    expect(document.querySelector("#step-enter .step-name")!.textContent).toMatch(/^Nhập số liệu/);
    expect(document.querySelector("#step-check .step-name")!.textContent).toMatch(/^Kiểm tra & gửi/);
    expect(text(IDS.check)).toBe("Kiểm tra báo cáo");
    expect($("step-insert").getAttribute("aria-current")).toBe("step");
    // The catalogue (a province administrator's choice) is one closed line, the province's work in its own tab.
    expect($(IDS.settingsBody).hidden).toBe(true);
    expect($(IDS.settingsToggle).getAttribute("aria-expanded")).toBe("false");
    expect($(IDS.panelProvince).hidden).toBe(true);
    expect($(IDS.verdict).hidden).toBe(true);
    // Tab order: the language switch and the tab, then the steps' buttons.
    const focusable = Array.from(document.querySelectorAll<HTMLElement>("button, input, textarea, select")).filter((n) => !n.closest("[hidden]") && n.tabIndex >= 0);
    expect(focusable.slice(0, 5).map((n) => n.id)).toEqual(["lang-toggle", "tab-district", "btn-insert", "btn-goto-input", "btn-sample"]);
  });

  test("one language at a time, switched in place; the choice is remembered for the ribbon", async () => {
    const { pane } = await checked();
    expect(document.documentElement.lang).toBe("vi");
    $(IDS.langSwitch).click();
    expect(document.documentElement.lang).toBe("en");
    expect(text(IDS.check)).toBe("Check report");
    expect(text(IDS.insert)).toBe("Insert forms");
    expect(text(IDS.langSwitch)).toBe("Tiếng Việt");
    expect(text(IDS.findingsCounts)).toBe("2 errors · 3 warnings · 0 notes");
    expect(document.body.textContent).not.toMatch(/Chưa sẵn sàng gửi|Cảnh báo \(/);
    expect(localStorage.getItem("nq24.lang")).toBe("en");
    const { displayLang } = await import("../src/commands/commands");
    expect(displayLang()).toBe("en");
    pane.setLanguage("vi");
    expect(displayLang()).toBe("vi");
  });
});

describe("after a check", () => {
  test("the verdict comes first, with counts, 'Đi tới lỗi đầu tiên' and 'Tiếp ▸'; no message on top of it", async () => {
    const { s } = await checked();
    expect(s.calls).toEqual(["check:vi"]);
    expect($(IDS.verdict).hidden).toBe(false);
    const main = $(IDS.panelDistrict);
    expect(main.firstElementChild!.id).toBe("verdict");
    expect(text(IDS.verdict)).toContain("Chưa sẵn sàng gửi");
    expect(text(IDS.verdict)).toContain("2 lỗi · 3 cảnh báo · 0 thông tin");
    expect(text("btn-first")).toBe("Đi tới lỗi đầu tiên");
    expect(text("btn-next")).toBe("Tiếp ▸");
    expect(kind()).toBeNull();
    // Step 1 is done once tables are found; entering is next.
    expect($("step-insert").getAttribute("data-state")).toBe("done");
  });

  test("findings: severity → rule with a count → cells; the fix once per rule", async () => {
    await checked();
    const groups = Array.from(document.querySelectorAll("#findings section.finding-group")).map((g) => [g.getAttribute("data-severity"), g.querySelector(".finding-count")!.textContent]);
    expect(groups).toEqual([["error", "(2)"], ["warning", "(3)"]]);
    const rules = Array.from(document.querySelectorAll("#findings li.rule")).map((r) => [r.getAttribute("data-code"), r.querySelector(".count-badge")!.textContent, r.querySelectorAll("button.finding").length, r.querySelectorAll(".rule-fix").length]);
    expect(rules).toEqual([["NQ24-E001", "2", 2, 1], ["NQ24-W006", "1", 1, 1], ["NQ24-W005", "1", 1, 1], ["NQ24-W017", "1", 1, 1]]);
    // A finding's name starts with its severity; its address looks like a link.
    expect(item("E7").textContent).toMatch(/^Lỗi: Phụ lục 1!E7/);
    expect(item("D9").textContent).toMatch(/^Cảnh báo: Phụ lục 2!D9/);
    expect(item("E7").querySelector(".link-look")).not.toBeNull();
  });

  test("'Đi tới lỗi đầu tiên', 'Tiếp ▸' and '◂ Trước' walk the findings and select each cell", async () => {
    const { s } = await checked();
    const pane = { idle: () => new Promise((r) => setTimeout(r, 0)) };
    $("btn-first").click();
    await pane.idle();
    expect(s.calls.pop()).toBe("select:Phụ lục 1!E7");
    expect(item("E7").getAttribute("aria-current")).toBe("true");
    expect(document.activeElement).toBe(item("E7"));
    expect(text("verdict-position")).toBe("1/5");
    $("btn-next").click();
    await pane.idle();
    expect(s.calls.pop()).toBe("select:Phụ lục 1!E8");
    expect(document.activeElement!.id).toBe("btn-next");
    $("btn-prev").click();
    await pane.idle();
    $("btn-prev").click();
    await pane.idle();
    // Previous from the first wraps to the last, the cover warning, which has no cell to select.
    expect(s.calls.pop()).toBe("select:Phụ lục 1!E7");
    expect(text("verdict-position")).toBe("5/5");
  });

  test("arrow keys walk the findings (Home and End too), Enter selects the cell", async () => {
    const { s } = await checked();
    item("E7").focus();
    key(item("E7"), "ArrowDown");
    expect((document.activeElement as HTMLElement).getAttribute("data-cell")).toBe("E8");
    key(document.activeElement!, "ArrowDown");
    expect((document.activeElement as HTMLElement).getAttribute("data-cell")).toBe("D9");
    key(document.activeElement!, "ArrowUp");
    expect((document.activeElement as HTMLElement).getAttribute("data-cell")).toBe("E8");
    key(document.activeElement!, "End");
    expect((document.activeElement as HTMLElement).getAttribute("data-code")).toBe("NQ24-W017");
    key(document.activeElement!, "Home");
    expect((document.activeElement as HTMLElement).getAttribute("data-cell")).toBe("E7");
    // Arrows move the focus without asking Excel; a click (Enter on a button) selects.
    expect(s.calls).toEqual(["check:vi"]);
    (document.activeElement as HTMLElement).click();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.calls).toContain("select:Phụ lục 1!E7");
  });

  test("a group can be closed and opened; a language switch keeps focus on the same finding", async () => {
    const { pane } = await checked();
    const toggle = document.querySelector('[data-focus="toggle:sev:warning"]') as HTMLButtonElement;
    toggle.click();
    expect(document.getElementById("sev-warning")!.hidden).toBe(true);
    expect((document.activeElement as HTMLElement).getAttribute("data-focus")).toBe("toggle:sev:warning");
    (document.activeElement as HTMLElement).click();
    expect(document.getElementById("sev-warning")!.hidden).toBe(false);
    item("D9").focus();
    pane.setLanguage("en");
    expect(document.activeElement!.getAttribute("data-cell")).toBe("D9");
    expect(document.activeElement!.textContent).toContain("The 2013 value of “Diện tích rừng” reads “1.234”");
  });
});

describe("'Bỏ qua' a warning with a reason", () => {
  test("a reason is required; the warning moves to 'Đã bỏ qua' with it; 'Khôi phục' brings it back", async () => {
    const { s, pane } = await checked();
    expect(document.querySelectorAll('[data-focus^="ignore:"]')).toHaveLength(3);
    // Errors cannot be ignored.
    expect(document.querySelector(`[data-focus="ignore:${item("E7").getAttribute("data-key")}"]`)).toBeNull();
    const d9 = item("D9").getAttribute("data-key")!;
    (document.querySelector(`[data-focus="ignore:${d9}"]`) as HTMLButtonElement).click();
    const reason = document.activeElement as HTMLTextAreaElement;
    expect(reason.tagName).toBe("TEXTAREA");
    expect(document.querySelector(`label[for="${reason.id}"]`)!.textContent).toContain("Lý do bỏ qua");
    (document.querySelector(`[data-focus="ignore-ok:${d9}"]`) as HTMLButtonElement).click();
    expect(s.calls).toEqual(["check:vi"]);
    expect(reason.isConnected ? reason.getAttribute("aria-invalid") : (document.activeElement as HTMLElement).getAttribute("aria-invalid")).toBe("true");
    expect(document.body.textContent).toContain("Hãy ghi lý do");
    const box = document.activeElement as HTMLTextAreaElement;
    box.value = "Số liệu 2013 thất lạc; đã báo Sở";
    box.dispatchEvent(new Event("input"));
    (document.querySelector(`[data-focus="ignore-ok:${d9}"]`) as HTMLButtonElement).click();
    await pane.idle();
    expect(s.calls.pop()).toBe("aside:D9:Số liệu 2013 thất lạc; đã báo Sở");
    expect(item("D9")).toBeNull();
    expect(kind()).toBe("success");
    expect(text(IDS.findingsCounts)).toContain("1 đã bỏ qua");
    // The walk carries on with the next finding.
    expect((document.activeElement as HTMLElement).getAttribute("data-cell")).toBe("D10");
    (document.querySelector('[data-focus="toggle:ignored"]') as HTMLButtonElement).click();
    expect(text("sev-ignored")).toContain("Lý do: Số liệu 2013 thất lạc; đã báo Sở");
    (document.querySelector('[data-focus^="restore:"]') as HTMLButtonElement).click();
    await pane.idle();
    expect(s.calls.pop()).toBe("aside:D9:null");
    expect(item("D9")).not.toBeNull();
  });
});

describe("messages", () => {
  test("an inline bar with a dismiss button; one language; cleared by the next success", async () => {
    const failing = Object.assign(new Error("x"), { text: { vi: "Trang tính bị khóa", en: "The sheet is protected" } });
    let fail = true;
    const s = services({ insertSheets: async () => (fail ? Promise.reject(failing) : { text: { vi: "Đã chèn.", en: "Inserted." } }) });
    const pane = createPane(s, { lang: "vi", catalogue });
    $(IDS.insert).click();
    await pane.idle();
    expect($(IDS.message).getAttribute("aria-live")).toBe("polite");
    expect(kind()).toBe("error");
    expect(document.querySelector("#message p")!.textContent).toBe("Trang tính bị khóa");
    pane.setLanguage("en");
    expect(document.querySelector("#message p")!.textContent).toBe("The sheet is protected");
    pane.setLanguage("vi");
    fail = false;
    $(IDS.check).click();
    await pane.idle();
    expect(kind()).toBeNull();
    $(IDS.insert).click();
    await pane.idle();
    expect(kind()).toBe("success");
    const dismiss = document.querySelector("#message .message-dismiss") as HTMLButtonElement;
    expect(dismiss.getAttribute("aria-label")).toBe("Đóng thông báo");
    dismiss.click();
    expect(text(IDS.message)).toBe("");
    expect(document.activeElement!.id).toBe("btn-check");
  });

  test("never a class name or a stack, whatever is thrown", () => {
    const e = new TypeError("Cannot read properties of undefined (reading 'x')");
    e.stack = "TypeError: Cannot read…\n    at f (taskpane.js:1:2)";
    const t1 = errorText(e);
    expect(t1.vi).not.toMatch(/TypeError|taskpane\.js|at f/);
    expect(t1.vi).toMatch(/^Không làm được việc này/);
    const t2 = errorText(new Error("XlsxError: something"));
    expect(t2.vi + t2.en).not.toContain("XlsxError");
    // Our readers' errors carry both languages: each language shows its own.
    const t3 = errorText({ vi: "tệp hỏng", en: "damaged file", message: "a.xlsx: tệp hỏng / damaged file" });
    expect(t3).toEqual({ vi: "tệp hỏng", en: "damaged file" });
    expect(errorText("at Object.<anonymous> (x.js:1:1)").vi).not.toContain("x.js");
  });

  test("busy: a second click waits; the progress bar shows with aria-valuenow", async () => {
    let release!: (o: { text: Text2 }) => void;
    const s = services({ fillSample: () => new Promise((r) => (release = r)) });
    const pane = createPane(s, { lang: "vi", catalogue });
    $(IDS.fillSample).click();
    expect($(IDS.progress).hidden).toBe(false);
    expect(Number($(IDS.progress).getAttribute("aria-valuenow"))).toBeGreaterThanOrEqual(0);
    expect($(IDS.check).getAttribute("aria-disabled")).toBe("true");
    $(IDS.check).click();
    expect(s.calls).toEqual([]);
    expect(text(IDS.message)).toContain("Đang bận");
    release({ text: { vi: "Đã điền.", en: "Filled." } });
    await pane.idle();
    expect($(IDS.progress).hidden).toBe(true);
    expect($(IDS.check).getAttribute("aria-disabled")).toBeNull();
  });
});

describe("steps and tools", () => {
  test("Insert repairs (one call, no mode to choose); the sample; go to a cell to fill", async () => {
    const s = services();
    const pane = createPane(s, { lang: "vi", catalogue });
    $(IDS.gotoInput).click();
    await pane.idle();
    // Before any check: the first input cell of our Phụ lục 1.
    expect(s.calls.pop()).toMatch(/^select:Phụ lục 1![A-Z]+\d+$/);
    $(IDS.insert).click();
    await pane.idle();
    $(IDS.fillSample).click();
    await pane.idle();
    expect(s.calls).toEqual(["insert", "fill"]);
    expect($("step-enter").getAttribute("data-state")).toBe("current");
    $(IDS.check).click();
    await pane.idle();
    $(IDS.gotoInput).click();
    await pane.idle();
    // After a check: the first value it found missing.
    expect(s.calls.pop()).toBe("select:Phụ lục 1!E7");
  });

  test("going to a cell before the sheets exist says to insert them", async () => {
    const s = services({ selectCell: async () => Promise.reject(new Error("ItemNotFound")) });
    const pane = createPane(s, { lang: "vi", catalogue });
    $(IDS.gotoInput).click();
    await pane.idle();
    expect(kind()).toBe("warning");
    expect(document.querySelector("#message p")!.textContent).toBe("Chưa có trang “Phụ lục 1”: bấm “Chèn biểu mẫu” trước.");
  });

  test("live check on and off; Clear stops it and empties the results", async () => {
    const s = services();
    const pane = createPane(s, { lang: "vi", catalogue });
    const box = $(IDS.live) as HTMLInputElement;
    box.checked = true;
    box.dispatchEvent(new Event("change"));
    await pane.idle();
    expect(pane.state.live).toBe(true);
    $(IDS.check).click();
    await pane.idle();
    $(IDS.clearMarks).click();
    await pane.idle();
    expect(s.calls).toEqual(["live:on", "check:vi", "live:off", "clear"]);
    expect(box.checked).toBe(false);
    expect(text(IDS.message)).toContain("Đã tắt kiểm tra khi nhập.");
    expect($(IDS.verdict).hidden).toBe(true);
    expect(document.querySelectorAll("#findings button")).toHaveLength(0);
  });

  test("an Excel without change events: the switch says so and does not pretend", async () => {
    const s = services({ missingFeatures: () => ["events", "dataValidation", "notes"] });
    const pane = createPane(s, { lang: "vi", catalogue });
    expect($(IDS.live).getAttribute("aria-disabled")).toBe("true");
    expect(text(IDS.liveNote)).toBe("(cần Excel mới hơn)");
    const box = $(IDS.live) as HTMLInputElement;
    box.checked = true;
    box.dispatchEvent(new Event("change"));
    await pane.idle();
    expect(s.calls).toEqual([]);
    expect(box.checked).toBe(false);
    expect(kind()).toBe("warning");
    // The notice is one closed line, in the user's words; no requirement-set names.
    expect($(IDS.capabilities).hidden).toBe(false);
    expect($(IDS.capabilitiesList).hidden).toBe(true);
    $(IDS.capabilitiesToggle).click();
    expect(text(IDS.capabilitiesList)).toContain("kiểm tra khi nhập");
    expect(text(IDS.capabilities)).not.toMatch(/ExcelApi|1\.\d/);
  });

  test("outside Excel the workbook actions explain instead of failing", async () => {
    const s = services({ missingFeatures: () => null });
    const pane = createPane(s, { lang: "vi", catalogue });
    $(IDS.check).click();
    await pane.idle();
    expect(s.calls).toEqual([]);
    expect(text(IDS.message)).toContain("Không chạy trong Excel");
    expect($(IDS.check).getAttribute("aria-disabled")).toBe("true");
    expect($(IDS.capabilitiesList).hidden).toBe(false);
  });
});

describe("the status chart", () => {
  test("bars by CSS class, no 'no target' bar; the targets not met named and clickable", async () => {
    const { s } = await checked();
    const bars = Array.from(document.querySelectorAll('#status-chart .bars[data-group="PL1"] .bar')).map((b) => b.getAttribute("data-key"));
    expect(bars).toEqual(["achieved", "exceeded", "notAchieved", "noData", "notApplicable"]);
    expect(document.querySelectorAll("#status-chart [style*=color], #status-chart [fill]")).toHaveLength(0);
    expect(text(IDS.statusChart)).toContain("1 chỉ tiêu không đặt mục tiêu");
    const link = document.querySelector("#status-chart .unmet button") as HTMLButtonElement;
    expect(link.textContent).toBe("Độ che phủ rừng");
    expect(text(IDS.statusChart)).toContain("2022: 40% so với mục tiêu 45%");
    link.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.calls.pop()).toBe("select:Phụ lục 1!F7");
  });
});

describe("places for work from other streams", () => {
  test("the mapping panel sits above the findings; with a column-role service each column can be changed", async () => {
    const changes: ColumnRoleChange[] = [];
    const s = services({
      setColumnRole: async (_c, _l, change) => {
        changes.push(change);
        return summaryOf([E7]);
      },
    });
    const { pane } = await checked(s);
    const order = Array.from($(IDS.panelDistrict).children).map((n) => n.id);
    expect(order.indexOf("mapping")).toBeLessThan(order.indexOf("section-findings"));
    expect(text(IDS.mapping)).toContain("Phụ lục 1: 'Phụ lục 1'!A5:G7 — D: mục tiêu 2020, E: 2013, F: 2022, G: ghi chú");
    const select = document.getElementById("remap-PL1-4") as HTMLSelectElement;
    expect(select.value).toBe("baseline");
    select.value = "result";
    select.dispatchEvent(new Event("change"));
    await pane.idle();
    expect(changes).toEqual([{ appendix: "PL1", sheet: "Phụ lục 1", col: 4, role: "result" }]);
    expect(text(IDS.message)).toContain("Đã đổi cột E");
  });

  test("without that service the mapping is said, with nothing to change", async () => {
    await checked();
    expect(document.querySelectorAll("#mapping select")).toHaveLength(0);
    expect(text(IDS.mapping)).toContain("Phụ lục 2: 'Phụ lục 2'!A5:F5 — D: 2013, E: 2022, F: ghi chú");
  });

  test("one-click fixes: 'Sửa' with a preview per finding, 'Sửa tất cả (n)' per rule", async () => {
    const applied: string[][] = [];
    const s = services({
      fixes: {
        available: (f) => f.code === "NQ24-E001",
        preview: async (fs) => ({ vi: fs.map((f) => f.cell + " ← “-”").join(", "), en: fs.map((f) => f.cell + " ← “-”").join(", ") }),
        apply: async (fs) => {
          applied.push(fs.map((f) => f.cell));
          return summaryOf([D9, D10]);
        },
      },
    });
    const { pane } = await checked(s);
    expect(text("rule-NQ24-E001")).toContain("Sửa tất cả (2)");
    const fix = document.querySelector(`[data-focus="fix:${item("E7").getAttribute("data-key")}"]`) as HTMLButtonElement;
    expect(fix.getAttribute("aria-label")).toBe("Sửa ô Phụ lục 1!E7");
    fix.click();
    await pane.idle();
    expect(text(IDS.findings)).toContain("Sẽ ghi: E7 ← “-”");
    expect(document.activeElement!.textContent).toBe("Áp dụng");
    (document.activeElement as HTMLElement).click();
    await pane.idle();
    expect(applied).toEqual([["E7"]]);
    expect(item("E7")).toBeNull();
    expect(document.querySelectorAll('[data-focus^="fix:"]')).toHaveLength(0);
  });
});

describe("'Gửi tỉnh' and finding texts from elsewhere", () => {
  test("'Gửi tỉnh' shows in step 3 only once the verdict is ready; it passes the marks choice and shows the file's SHA-256", async () => {
    const asked: boolean[] = [];
    let findings = FINDINGS;
    const s = services({
      check: async () => summaryOf(findings),
      sendToProvince: async (_c, _l, o) => {
        asked.push(o.keepMarks);
        return { fileName: "NQ24_Lai_Chau_2026-11-28.xlsx", sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" };
      },
    });
    const { pane } = await checked(s);
    // Not ready: no send button to press.
    expect($(IDS.sendArea).hidden).toBe(true);
    findings = [D9, D10];
    $(IDS.check).click();
    await pane.idle();
    expect($(IDS.sendArea).hidden).toBe(false);
    expect($(IDS.sendArea).closest("li")!.id).toBe("step-check");
    expect(text(IDS.send)).toBe("Gửi tỉnh");
    ($(IDS.sendKeepMarks) as HTMLInputElement).click();
    $(IDS.send).click();
    await pane.idle();
    expect(asked).toEqual([true]);
    expect(text(IDS.sendResult)).toBe("Đã tạo tệp NQ24_Lai_Chau_2026-11-28.xlsx. Mã SHA-256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    expect(kind()).toBe("success");
    // A new check may change the workbook's contents: the old code is no longer shown.
    $(IDS.check).click();
    await pane.idle();
    expect(text(IDS.sendResult)).toBe("");
  });

  test("'Gửi tỉnh' warns, in the pane's language, when the copy lacks parts of the workbook", async () => {
    const s = services({
      check: async () => summaryOf([D9, D10]),
      sendToProvince: async () => ({ fileName: "NQ24_Tam_Duong_2026-11-30.xlsx", sha256: "ab".repeat(32), lost: ["charts", "pivot tables"] }),
    });
    const { pane } = await checked(s);
    $(IDS.send).click();
    await pane.idle();
    expect(kind()).toBe("warning");
    expect(text(IDS.message)).toContain("không mang theo: biểu đồ, PivotTable");
    expect(text(IDS.message)).not.toContain("charts");
  });

  test("without the service there is no send button, even when ready", async () => {
    await checked(services({ check: async () => summaryOf([D9]) }));
    expect($(IDS.sendArea).hidden).toBe(true);
  });

  test("finding texts come from the services' describeFinding when one is given", async () => {
    const s = services({ describeFinding: (f, lang) => ({ title: "T " + f.code, message: (lang === "vi" ? "Ô " : "Cell ") + f.cell, fix: "F" }) });
    await checked(s);
    expect(item("E7").querySelector(".finding-message")!.textContent).toBe("Ô E7");
    expect(text("rule-NQ24-E001")).toContain("F");
  });
});

describe("the written report", () => {
  test("pasted text is compared; the differences link to their cells, the doubtful ones are listed apart", async () => {
    const { s, pane } = await checked();
    $(IDS.reportToggle).click();
    expect($(IDS.reportBody).hidden).toBe(false);
    ($(IDS.reportText) as HTMLTextAreaElement).value = "Diện tích rừng năm 2013 là 1.252,16 ha.";
    $(IDS.reportRun).click();
    await pane.idle();
    expect(s.calls.pop()).toBe("report:Diện tích rừng năm 2013 là 1.252,16 ha.");
    expect(text(IDS.reportResult)).toContain("bao-cao.docx: 3 số liệu — khớp 1, không khớp 1");
    expect(kind()).toBe("warning");
    const link = document.querySelector("#report-result .report-item button") as HTMLButtonElement;
    expect(link.textContent).toBe("Phụ lục 2!D85");
    expect(text(IDS.reportResult)).toContain("đoạn 7: 2.644,1 ha");
    expect(text(IDS.reportResult)).toContain("câu văn không nêu năm");
  });

  test("nothing pasted says so; a .docx where Word files cannot be read says to paste the text", async () => {
    const { s, pane } = await checked();
    $(IDS.reportRun).click();
    await pane.idle();
    expect(text(IDS.message)).toContain("Hãy dán văn bản");
    const g = globalThis as { TextDecoder?: unknown };
    const saved = g.TextDecoder;
    delete g.TextDecoder;
    try {
      const input = $(IDS.reportFile) as HTMLInputElement;
      Object.defineProperty(input, "files", { value: [new File(["x"], "bao-cao.docx")], configurable: true });
      input.dispatchEvent(new Event("change"));
      await pane.idle();
    } finally {
      g.TextDecoder = saved;
    }
    expect(s.calls.filter((c) => c.startsWith("report:"))).toEqual([]);
    expect(kind()).toBe("warning");
    expect(text(IDS.message)).toContain("Excel này không đọc được tệp .docx");
  });
});

describe("the province's view", () => {
  test("its own tab; the outcome is said, and a refused file turns the bar to a warning", async () => {
    const outcome: ProvinceOutcome = { counted: 1, ready: 0, notReady: [{ unit: "UBND huyện Sìn Hồ", file: "sin-ho.xlsx" }], duplicates: 0, refused: [{ file: "hong.xlsx", message: { vi: "tệp bị hỏng", en: "the file is damaged" } }], ignored: 3, outliers: 0, sheets: ["Tổng hợp"] };
    const s = services({ consolidate: async () => outcome });
    const pane = createPane(s, { lang: "vi", catalogue });
    $(IDS.tabProvince).click();
    expect($(IDS.panelProvince).hidden).toBe(false);
    expect($(IDS.panelDistrict).hidden).toBe(true);
    expect($(IDS.tabProvince).getAttribute("aria-selected")).toBe("true");
    const input = $(IDS.consolidateFiles) as HTMLInputElement;
    Object.defineProperty(input, "files", { value: [new File(["a"], "sin-ho.xlsx"), new File(["b"], "hong.xlsx")], configurable: true });
    input.dispatchEvent(new Event("change"));
    await pane.idle();
    expect(kind()).toBe("warning");
    expect(text(IDS.message)).toContain("hong.xlsx: tệp bị hỏng");
    expect(text(IDS.consolidateResult)).toContain("Đã tổng hợp 1 báo cáo: 0 sẵn sàng gửi, 1 chưa sẵn sàng.");
    expect(text(IDS.consolidateResult)).toContain("UBND huyện Sìn Hồ (sin-ho.xlsx)");
    expect(text(IDS.consolidateResult)).toContain("3 cảnh báo các huyện đã bỏ qua");
    // Arrow keys move between the tabs.
    $(IDS.tabProvince).dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true }));
    expect(document.activeElement!.id).toBe("tab-district");
    expect($(IDS.panelDistrict).hidden).toBe(false);
  });

  test("a roll-up refused for the open workbook says why, in one language", async () => {
    const s = services({ consolidate: async () => Promise.reject(Object.assign(new Error("x"), { text: { vi: "Sổ làm việc đang mở là một báo cáo", en: "The open workbook is a report" } })) });
    const pane = createPane(s, { lang: "en", catalogue });
    $(IDS.tabProvince).click();
    const input = $(IDS.consolidateFiles) as HTMLInputElement;
    Object.defineProperty(input, "files", { value: [new File(["a"], "a.xlsx")], configurable: true });
    input.dispatchEvent(new Event("change"));
    await pane.idle();
    expect(kind()).toBe("error");
    expect(document.querySelector("#message p")!.textContent).toBe("The open workbook is a report");
  });
});

describe("the catalogue", () => {
  test("a malformed one lists its errors as text and keeps the current; a good one replaces it", async () => {
    const s = services();
    const pane = createPane(s, { lang: "vi", catalogue });
    const input = $(IDS.catalogueFile) as HTMLInputElement;
    Object.defineProperty(input, "files", { value: [new File(["bad"], "tinh.json")], configurable: true });
    input.dispatchEvent(new Event("change"));
    await pane.idle();
    // The settings open to show what is wrong.
    expect($(IDS.settingsBody).hidden).toBe(false);
    expect($(IDS.catalogueErrors).hidden).toBe(false);
    expect(document.querySelector("#catalogue-errors b")).toBeNull();
    expect(text(IDS.catalogueErrors)).toContain("<b>đơn vị</b> sai");
    expect(text(IDS.message)).toContain("tinh.json");
    expect(pane.state.catalogue.id).toBe("nq24-national");

    ($(IDS.catalogueUrl) as HTMLInputElement).value = "http://insecure.example/cat.json";
    $(IDS.catalogueUrlLoad).click();
    expect(text(IDS.message)).toContain("https://");
    ($(IDS.catalogueUrl) as HTMLInputElement).value = "https://tinh.example.vn/cat.json";
    $(IDS.catalogueUrlLoad).click();
    await pane.idle();
    expect(pane.state.catalogue.id).toBe("laichau");
    expect(text("catalogue-version")).toBe("Phiên bản 2.0");
    $(IDS.check).click();
    await pane.idle();
    $(IDS.catalogueNational).click();
    expect(pane.state.catalogue.id).toBe("nq24-national");
    expect(document.querySelectorAll("#findings button")).toHaveLength(0);
  });

  test("the live check follows a language switch and a new catalogue", async () => {
    const langs: string[] = [];
    const s = services({ startLive: async (cat, lang) => void langs.push(cat.id + ":" + lang) });
    const pane = createPane(s, { lang: "vi", catalogue });
    const box = $(IDS.live) as HTMLInputElement;
    box.checked = true;
    box.dispatchEvent(new Event("change"));
    await pane.idle();
    $(IDS.langSwitch).click();
    await pane.idle();
    ($(IDS.catalogueUrl) as HTMLInputElement).value = "https://tinh.example.vn/cat.json";
    $(IDS.catalogueUrlLoad).click();
    await pane.idle();
    await new Promise((r) => setTimeout(r, 0));
    await pane.idle();
    expect(langs).toEqual(["nq24-national:vi", "nq24-national:en", "laichau:en"]);
    expect(pane.state.live).toBe(true);
  });
});
