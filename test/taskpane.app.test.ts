/** @jest-environment jsdom */
import * as fs from "fs";
import * as path from "path";
import type { Catalogue } from "../src/catalogue/types";
import type { Finding } from "../src/engine/types";
import type { CheckSummary, PaneServices, ParsedCatalogue } from "../src/taskpane/app";
import { createPane, IDS } from "../src/taskpane/app";
import { STRINGS } from "../src/taskpane/i18n";

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
  rows: [
    { type: "indicator", appendix: "PL1" },
    { type: "indicator", appendix: "PL1" },
    { type: "indicator", appendix: "PL2" },
  ],
} as unknown as Catalogue;

const findings: Finding[] = [
  { code: "NQ24-E001", severity: "error", sheet: "Phụ lục 1", cell: "E7", params: { label: "Độ che phủ rừng", role: "result", year: 2022 } },
  { code: "NQ24-W006", severity: "warning", sheet: "Phụ lục 2", cell: "D9", params: { label: "Diện tích rừng", role: "baseline", year: 2013, seen: "1.234", readings: [1234, 1.234] } },
  { code: "NQ24-W005", severity: "warning", sheet: "Phụ lục 2", cell: "D10", params: { label: "Độ che phủ", role: "result", year: 2022, seen: "12 ha", unit: "ha", expected: "%" } },
];

const summary: CheckSummary = {
  findings,
  statuses: [{ indicatorId: "PL1-01", appendix: "PL1", status: "achieved", trend: "unknown", label: { vi: "Đạt", en: "Achieved" } }],
  verdict: {
    ready: false,
    checkedAt: "2026-11-28T09:05:00Z",
    catalogueVersion: "1.0.0",
    counts: { error: 1, warning: 2, info: 0 },
    statusCounts: {},
    message: { vi: "Chưa sẵn sàng", en: "Not ready" },
  },
};

function services(overrides: Partial<PaneServices> = {}): PaneServices & { calls: string[] } {
  const calls: string[] = [];
  const base: PaneServices = {
    missingCapabilities: () => [{ vi: "Danh sách chọn", en: "Dropdown lists" }],
    insertSheets: async (_c, mode) => void calls.push("insert:" + mode),
    fillSample: async () => void calls.push("fill"),
    check: async (_c, lang) => {
      calls.push("check:" + lang);
      return summary;
    },
    clearMarks: async () => void calls.push("clear"),
    selectCell: async (sheet, address) => void calls.push("select:" + sheet + "!" + address),
    startLive: async () => void calls.push("live:on"),
    stopLive: async () => void calls.push("live:off"),
    consolidate: async (files) => void calls.push("consolidate:" + files.length),
    parseCatalogue: (text): ParsedCatalogue =>
      text === "good"
        ? { ok: true, catalogue: { ...catalogue, id: "laichau", version: "2.0", title: { vi: "Lai Châu", en: "Lai Chau" } }, warnings: [] }
        : { ok: false, errors: [{ path: "rows[3].unit", message: { vi: "<b>đơn vị</b> sai", en: "bad unit" } }] },
    fetchText: async () => "good",
    readFile: async () => "bad",
  };
  return Object.assign(base, overrides, { calls });
}

const $ = (id: string) => document.getElementById(id)!;
const text = (id: string) => $(id).textContent || "";

beforeEach(loadPage);

test("every data-i18n key of the page has a text in both languages", () => {
  const keys = new Set<string>();
  for (const attr of ["data-i18n", "data-i18n-title", "data-i18n-aria-label", "data-i18n-placeholder"]) {
    document.querySelectorAll("[" + attr + "]").forEach((n) => keys.add(n.getAttribute(attr)!));
  }
  expect(keys.size).toBeGreaterThan(10);
  expect(Array.from(keys).filter((k) => !(k in STRINGS))).toEqual([]);
});

test("every id the pane drives exists in the page", () => {
  expect(Object.values(IDS).filter((id) => !document.getElementById(id))).toEqual([]);
});

test("starts in the given language with catalogue counts and capability gaps", () => {
  createPane(services(), { lang: "vi", catalogue });
  expect(document.documentElement.lang).toBe("vi");
  expect(text("catalogue-counts")).toBe("Phụ lục 1: 2 mục tiêu · Phụ lục 2: 1 chỉ tiêu");
  expect($(IDS.capabilities).hidden).toBe(false);
  expect(text(IDS.capabilitiesList)).toContain("Danh sách chọn");
  expect(text(IDS.check)).toBe("Kiểm tra bảng tính");
});

test("check → grouped findings with counts → click selects the cell → English re-renders all", async () => {
  const s = services();
  const pane = createPane(s, { lang: "vi", catalogue });
  $(IDS.check).click();
  await pane.idle();
  expect(s.calls).toEqual(["check:vi"]);
  expect(text(IDS.findingsCounts)).toBe("1 lỗi · 2 cảnh báo · 0 thông tin");
  const groups = document.querySelectorAll("#findings section.finding-group");
  expect(Array.from(groups).map((g) => g.querySelector("h3")!.textContent)).toEqual(["Lỗi (1)", "Cảnh báo (2)"]);
  expect(text(IDS.verdict)).toContain("Chưa sẵn sàng gửi");
  expect(document.querySelectorAll("#status-chart svg g.bar")).toHaveLength(9);

  (document.querySelector('#findings button[data-cell="D10"]') as HTMLButtonElement).click();
  await pane.idle();
  expect(s.calls).toContain("select:Phụ lục 2!D10");
  expect(text(IDS.message)).toContain("Phụ lục 2!D10");

  $(IDS.langSwitch).click();
  expect(document.documentElement.lang).toBe("en");
  expect(text(IDS.check)).toBe("Check the workbook");
  expect(text(IDS.langSwitch)).toBe("Tiếng Việt");
  expect(text(IDS.findingsCounts)).toBe("1 errors · 2 warnings · 0 information");
  expect(document.querySelector("#findings .finding-message")!.textContent).toBe("No 2022 value entered for “Độ che phủ rừng”.");
  expect(text(IDS.verdict)).toContain("Not ready to send");
  expect(text(IDS.message)).toContain("Selected cell");
});

test("a use-case error shows its Vietnamese and English text in the live region", async () => {
  const failing = Object.assign(new Error("x"), { text: { vi: "Trang tính bị khóa", en: "The sheet is protected" } });
  const pane = createPane(services({ insertSheets: async () => Promise.reject(failing) }), { lang: "vi", catalogue });
  $(IDS.insert).click();
  await pane.idle();
  expect($(IDS.message).getAttribute("aria-live")).toBe("polite");
  expect(text(IDS.message)).toBe("Trang tính bị khóa");
  expect(document.querySelector("#message [data-kind]")!.getAttribute("data-kind")).toBe("error");
  pane.setLanguage("en");
  expect(text(IDS.message)).toBe("The sheet is protected");
  expect($(IDS.progress).hidden).toBe(true);
});

test("progress bar shows while work runs, with aria-valuenow", async () => {
  let release!: () => void;
  const s = services({ fillSample: () => new Promise<void>((r) => (release = r)) });
  const pane = createPane(s, { lang: "vi", catalogue });
  $(IDS.fillSample).click();
  const bar = $(IDS.progress);
  expect(bar.hidden).toBe(false);
  expect(bar.getAttribute("role")).toBe("progressbar");
  expect(Number(bar.getAttribute("aria-valuenow"))).toBeGreaterThanOrEqual(0);
  // A second click while busy does not start a second batch.
  $(IDS.check).click();
  expect($(IDS.check).getAttribute("aria-disabled")).toBe("true");
  expect(s.calls).toEqual([]);
  expect(text(IDS.message)).toBe("Đang bận, vui lòng chờ.");
  release();
  await pane.idle();
  expect(bar.hidden).toBe(true);
  expect($(IDS.check).getAttribute("aria-disabled")).toBeNull();
});

test("a malformed catalogue lists its errors as text and keeps the current one; a good one replaces it", async () => {
  const s = services();
  const pane = createPane(s, { lang: "vi", catalogue });
  const input = $(IDS.catalogueFile) as HTMLInputElement;
  Object.defineProperty(input, "files", { value: [new File(["bad"], "tinh.json")], configurable: true });
  input.dispatchEvent(new Event("change"));
  await pane.idle();
  expect($(IDS.catalogueErrors).hidden).toBe(false);
  expect(document.querySelector("#catalogue-errors b")).toBeNull();
  expect(text(IDS.catalogueErrors)).toContain("rows[3].unit");
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
  expect($(IDS.catalogueErrors).hidden).toBe(true);
  expect(text("catalogue-version")).toBe("Phiên bản 2.0");

  $(IDS.check).click();
  await pane.idle();
  $(IDS.catalogueNational).click();
  expect(pane.state.catalogue.id).toBe("nq24-national");
  expect(document.querySelectorAll("#findings button")).toHaveLength(0);
});

test("a fetch failure names the address and the reason", async () => {
  const pane = createPane(services({ fetchText: async () => Promise.reject(new Error("timeout")) }), { lang: "en", catalogue });
  ($(IDS.catalogueUrl) as HTMLInputElement).value = "https://tinh.example.vn/cat.json";
  $(IDS.catalogueUrlLoad).click();
  await pane.idle();
  expect(text(IDS.message)).toContain("https://tinh.example.vn/cat.json");
  expect(text(IDS.message)).toContain("timeout");
});

test("live check switch starts and stops, clear marks empties the results", async () => {
  const s = services();
  const pane = createPane(s, { lang: "vi", catalogue });
  const box = $(IDS.live) as HTMLInputElement;
  box.checked = true;
  box.dispatchEvent(new Event("change"));
  await pane.idle();
  expect(pane.state.live).toBe(true);
  box.checked = false;
  box.dispatchEvent(new Event("change"));
  await pane.idle();
  expect(s.calls).toEqual(["live:on", "live:off"]);
  $(IDS.check).click();
  await pane.idle();
  box.checked = true;
  box.dispatchEvent(new Event("change"));
  await pane.idle();
  $(IDS.clearMarks).click();
  await pane.idle();
  // Clearing stops the live check first, or it would mark the cells again.
  expect(s.calls.slice(-3)).toEqual(["live:on", "live:off", "clear"]);
  expect(box.checked).toBe(false);
  expect(text(IDS.message)).toContain("Đã tắt kiểm tra khi nhập.");
  expect(document.querySelectorAll("#findings button")).toHaveLength(0);
});

test("outside Excel the workbook actions explain instead of failing", async () => {
  const s = services({ missingCapabilities: () => null });
  const pane = createPane(s, { lang: "vi", catalogue });
  $(IDS.check).click();
  await pane.idle();
  expect(s.calls).toEqual([]);
  expect(text(IDS.message)).toContain("Không chạy trong Excel");
  expect($(IDS.check).getAttribute("aria-disabled")).toBe("true");
});

test("live check follows a language switch and a new catalogue", async () => {
  const langs: string[] = [];
  const s = services({
    startLive: async (cat, lang) => void langs.push(cat.id + ":" + lang),
  });
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
  expect(s.calls.filter((c) => c === "live:off")).toHaveLength(2);
  expect(pane.state.live).toBe(true);
  expect(box.checked).toBe(true);
});

test("a re-render keeps keyboard focus on the same finding", async () => {
  const pane = createPane(services(), { lang: "vi", catalogue });
  $(IDS.check).click();
  await pane.idle();
  (document.querySelector('#findings button[data-cell="D9"]') as HTMLButtonElement).focus();
  pane.setLanguage("en");
  expect(document.activeElement!.getAttribute("data-cell")).toBe("D9");
  expect(document.activeElement!.querySelector(".finding-message")!.textContent).toBe("The 2013 value of “Diện tích rừng” reads “1.234”: it could be 1.234 or 1,234.");
});

test("insert, repair and sample buttons call their use cases and report success", async () => {
  const s = services({
    insertSheets: async (_c, mode) => {
      s.calls.push("insert:" + mode);
      return { vi: "Xong " + mode, en: "Done " + mode };
    },
  });
  const pane = createPane(s, { lang: "vi", catalogue });
  $(IDS.insert).click();
  await pane.idle();
  expect(text(IDS.message)).toBe("Xong rename");
  $(IDS.repair).click();
  await pane.idle();
  expect(text(IDS.message)).toBe("Xong repair");
  $(IDS.fillSample).click();
  await pane.idle();
  expect(s.calls).toEqual(["insert:rename", "insert:repair", "fill"]);
  expect(text(IDS.message)).toBe("Đã điền số liệu mẫu Lai Châu.");
  expect(document.querySelector("#message [data-kind]")!.getAttribute("data-kind")).toBe("success");
});
