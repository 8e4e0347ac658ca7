/**
 * The task pane as staff get it: built with the project's webpack config, served over
 * https, run in Chromium with the strict fake Excel in place of office.js.
 */
import * as fs from "fs";
import * as path from "path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  CHROMIUM,
  ROOT,
  buildFakeHost,
  buildPane,
  chromiumAvailable,
  copyArtifact,
  launchChromium,
  makeCertificate,
  makeTempDir,
  routeRequests,
  serveStatic,
  type Served,
} from "./harness";

const ARTIFACTS = path.join(ROOT, "test-artifacts");
const SCREENSHOTS = path.join(ROOT, "docs", "screenshots");
const HAVE_CHROMIUM = chromiumAvailable();
const IN_CI = process.env.CI === "true";

if (!HAVE_CHROMIUM && !IN_CI) {
  console.warn("Chromium not found at " + CHROMIUM + ": browser tests skipped (apt-get install -y chromium).");
}

if (!HAVE_CHROMIUM && IN_CI) {
  test("Chromium is installed for the browser tests", () => {
    throw new Error("CI=true but " + CHROMIUM + " is missing: apt-get install -y chromium");
  });
}

interface FakeHandle {
  sheetNames(): string[];
  fills(): Record<string, string>;
  selection(): string | null;
  text(sheet: string, address: string): string;
  userFill(sheet: string, address: string, colour: string | null): void;
  userType(sheet: string, address: string, input: string | number | null): void;
  charts(): { sheet: string; type: string; title: string }[];
}

interface Opened {
  context: BrowserContext;
  page: Page;
  problems: string[];
  blocked: string[];
}

const describeBrowser = HAVE_CHROMIUM ? describe : describe.skip;

describeBrowser("task pane in Chromium with the fake Excel host", () => {
  let tmp = "";
  let served: Served | null = null;
  let browser: Browser | null = null;
  let fakeJs = "";

  beforeAll(async () => {
    tmp = makeTempDir("nq24-browser-");
    const dist = path.join(tmp, "dist");
    const built = await Promise.all([buildPane(dist, "development"), buildFakeHost(path.join(tmp, "fake"))]);
    fakeJs = built[1];
    // A province catalogue to load by address: the national one under another version.
    const cat = JSON.parse(fs.readFileSync(path.join(ROOT, "src", "catalogue", "nq24-catalogue.json"), "utf8"));
    cat.version = cat.version + "-tinh";
    fs.writeFileSync(path.join(dist, "province-catalogue.json"), JSON.stringify(cat));
    served = await serveStatic(dist, makeCertificate(tmp));
    browser = await launchChromium(path.join(tmp, "home"));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 120000);

  afterAll(async () => {
    if (browser) await browser.close();
    if (served) await served.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function openPane(displayLanguage: string, options: { bypassCSP?: boolean; level?: string; fixedTime?: Date; noHost?: boolean } = {}): Promise<Opened> {
    const context = await browser!.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 360, height: 900 },
      // The browser's own words (the file picker's button) follow the user's language too.
      locale: displayLanguage,
      serviceWorkers: "block",
      bypassCSP: options.bypassCSP === true,
    });
    const blocked = await routeRequests(context, served!.origin, fakeJs);
    await context.addInitScript((cfg) => {
      (window as unknown as { __NQ24_FAKE_CONFIG__: unknown }).__NQ24_FAKE_CONFIG__ = cfg;
      // The page must never need a relaxed CSP: record any violation.
      document.addEventListener("securitypolicyviolation", (e) => {
        const w = window as unknown as { __cspViolations?: string[] };
        (w.__cspViolations = w.__cspViolations || []).push(e.violatedDirective + " " + e.blockedURI);
      });
    }, { displayLanguage, level: options.level, noHost: options.noHost });
    const page = await context.newPage();
    // A fixed clock keeps the time stamp in the screenshots, and so the files, unchanged between runs.
    if (options.fixedTime) await page.clock.setFixedTime(options.fixedTime);
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push("pageerror: " + e.message));
    page.on("console", (m) => {
      if (m.type() === "error" && !/net::ERR_FAILED|ERR_BLOCKED/.test(m.text())) problems.push("console: " + m.text());
    });
    await page.goto(served!.origin + "/taskpane.html");
    await page.waitForSelector("body[data-ready=true]", { timeout: 15000 });
    return { context, page, problems, blocked };
  }

  /** Waits until the operation a click started has finished; an error message fails the test with its text. */
  async function settled(page: Page, allowError = false): Promise<void> {
    await page.waitForFunction(() => !document.body.hasAttribute("aria-busy"), undefined, { timeout: 20000 });
    if (allowError) return;
    const error = await page.$eval("#message", (n) => (n.querySelector('[data-kind="error"]') ? n.textContent : null));
    if (error) throw new Error("The pane reported an error: " + error);
  }

  const fake = <T>(page: Page, fn: (f: FakeHandle) => T): Promise<T> =>
    page.evaluate(`(${fn.toString()})(window.__nq24Fake)`) as Promise<T>;

  /** Keeps only the cells of sheets that appear in `reference`. */
  const onSheetsOf = (reference: Record<string, string>) => {
    const sheets = new Set(Object.keys(reference).map((k) => k.slice(0, k.lastIndexOf("!"))));
    return (fills: Record<string, string>): Record<string, string> => {
      const out: Record<string, string> = {};
      for (const k of Object.keys(fills)) if (sheets.has(k.slice(0, k.lastIndexOf("!")))) out[k] = fills[k];
      return out;
    };
  };

  /**
   * The pane as a user sees it (one 360 × 900 view) goes to the docs; the whole scrolled
   * page and the status chart stay in test-artifacts for review.
   */
  async function shoot(page: Page, name: string): Promise<void> {
    await page.evaluate(() => window.scrollTo(0, 0));
    // No hover highlight from the last click in the picture.
    await page.mouse.move(1, 1);
    const view = path.join(ARTIFACTS, name + ".png");
    await page.screenshot({ path: view });
    copyArtifact(view, SCREENSHOTS);
    await page.screenshot({ path: path.join(ARTIFACTS, name + "-full.png"), fullPage: true });
    const chart = path.join(ARTIFACTS, name + "-status.png");
    await page.locator("#section-status").screenshot({ path: chart });
    copyArtifact(chart, SCREENSHOTS);
  }

  test("insert, fill the sample, check, select a finding, switch to English, clear marks", async () => {
    const { context, page, problems, blocked } = await openPane("vi-VN", { fixedTime: new Date(2023, 4, 15, 9, 30) });
    try {
      expect(await page.getAttribute("html", "lang")).toBe("vi");
      expect(await page.textContent("#btn-check")).toBe("Kiểm tra bảng tính");
      expect(await page.textContent("#catalogue-counts")).toMatch(/Phụ lục 1: 30 mục tiêu · Phụ lục 2: 130 chỉ tiêu/);

      await page.click("#btn-insert");
      await settled(page);
      expect(await page.getAttribute("#message [data-kind]", "data-kind")).toBe("success");
      const sheets = await fake(page, (f) => f.sheetNames());
      expect(sheets).toEqual(expect.arrayContaining(["Phụ lục 1", "Phụ lục 2"]));

      await page.click("#btn-sample");
      await settled(page);
      expect(await page.getAttribute("#message [data-kind]", "data-kind")).toBe("success");
      const before = await fake(page, (f) => f.fills());

      // The progress bar is there while the check runs: record what it shows.
      await page.evaluate(() => {
        const bar = document.getElementById("progress")!;
        const seen: string[] = ((window as unknown as { __progress: string[] }).__progress = []);
        new MutationObserver(() => {
          if (!bar.hidden && bar.getAttribute("role") === "progressbar") seen.push(bar.getAttribute("aria-valuenow") || "");
        }).observe(bar, { attributes: true });
      });
      await page.click("#btn-check");
      await settled(page);
      const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress.map(Number));
      expect(progress.length).toBeGreaterThan(0);
      // Rising, and near the end before it hides (100 and hidden land in one DOM update).
      expect(progress.slice().sort((a, b) => a - b)).toEqual(progress);
      expect(progress[progress.length - 1]).toBeGreaterThanOrEqual(90);
      expect(await page.isHidden("#progress")).toBe(true);

      const groups = await page.$$eval("#findings section.finding-group", (nodes) =>
        nodes.map((n) => ({ severity: n.getAttribute("data-severity"), title: n.querySelector("h3")!.textContent, items: n.querySelectorAll("li").length })),
      );
      expect(groups.length).toBeGreaterThan(0);
      for (const g of groups) expect(g.title).toMatch(/\((\d+)\)$/);
      const total = groups.reduce((n, g) => n + Number(/\((\d+)\)$/.exec(g.title || "")![1]), 0);
      expect(await page.textContent("#findings .findings-total")).toContain(total + " phát hiện");
      expect(await page.textContent("#findings-counts")).toMatch(/\d+ lỗi · \d+ cảnh báo · \d+ thông tin/);
      expect(await page.$$eval('#status-chart svg g.bar[data-group="PL1"]', (n) => n.length)).toBe(6);
      expect(await page.$$eval('#status-chart svg g.bar[data-group="PL1"]', (n) => n.reduce((s, g) => s + Number(g.getAttribute("data-count")), 0))).toBe(30);
      expect(await page.textContent("#verdict")).toMatch(/Kiểm tra lúc \d\d:\d\d \d\d\/\d\d\/\d{4}/);
      const marked = await fake(page, (f) => f.fills());
      expect(marked).not.toEqual(before);
      await shoot(page, "taskpane-vi");

      // Click a finding: the fake host reports its cell selected.
      const target = await page.$("#findings button.finding");
      expect(target).not.toBeNull();
      const where = (await target!.getAttribute("data-sheet")) + "!" + (await target!.getAttribute("data-cell"));
      const messageVi = await target!.$eval(".finding-message", (n) => n.textContent);
      await target!.click();
      await settled(page);
      expect(await fake(page, (f) => f.selection())).toBe(where);

      // English: static texts, engine messages and the verdict all change.
      await page.click("#lang-toggle");
      expect(await page.getAttribute("html", "lang")).toBe("en");
      expect(await page.textContent("#btn-check")).toBe("Check the workbook");
      expect(await page.textContent("#lang-toggle")).toBe("Tiếng Việt");
      expect(await page.textContent("#findings-counts")).toMatch(/\d+ errors · \d+ warnings · \d+ information/);
      const messageEn = await page.$eval(`#findings button.finding[data-cell="${where.split("!")[1]}"] .finding-message`, (n) => n.textContent);
      expect(messageEn).not.toBe(messageVi);
      expect(await page.textContent("#verdict")).toMatch(/Checked at \d{4}-\d\d-\d\d \d\d:\d\d/);
      await shoot(page, "taskpane-en");

      await page.click("#btn-clear");
      await settled(page);
      // Every sheet that was there before the check has its fills back; the results sheet
      // the check added is the add-in's own and keeps its header style.
      expect(await fake(page, (f) => f.fills()).then(onSheetsOf(before))).toEqual(before);
      expect(await page.$$("#findings button.finding")).toHaveLength(0);

      expect(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations || [])).toEqual([]);
      expect(problems).toEqual([]);
      expect(blocked.filter((u) => !/^https:\/\/(appsforoffice|[a-z0-9.-]*microsoft)/.test(u))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("clear marks restores a fill the user had put on a marked cell", async () => {
    const { context, page } = await openPane("vi-VN");
    try {
      await page.click("#btn-insert");
      await settled(page);
      await page.click("#btn-check");
      await settled(page);
      const target = await page.$("#findings button.finding");
      const sheet = (await target!.getAttribute("data-sheet"))!;
      const cell = (await target!.getAttribute("data-cell"))!;
      await page.click("#btn-clear");
      await settled(page);
      await page.evaluate(`window.__nq24Fake.userFill(${JSON.stringify(sheet)}, ${JSON.stringify(cell)}, "#FFFF00")`);
      const before = await fake(page, (f) => f.fills());
      expect(before[sheet + "!" + cell]).toBe("#FFFF00");
      await page.click("#btn-check");
      await settled(page);
      expect((await fake(page, (f) => f.fills()))[sheet + "!" + cell]).not.toBe("#FFFF00");
      await page.click("#btn-clear");
      await settled(page);
      expect(await fake(page, (f) => f.fills()).then(onSheetsOf(before))).toEqual(before);
    } finally {
      await context.close();
    }
  });

  test("keyboard only: insert, check and open a finding with Tab, Enter and Space", async () => {
    const { context, page, problems } = await openPane("vi-VN");
    try {
      const tabTo = async (selector: string, max = 80): Promise<void> => {
        for (let i = 0; i < max; i++) {
          await page.keyboard.press("Tab");
          if (await page.evaluate((s) => !!document.activeElement && document.activeElement.matches(s), selector)) return;
        }
        throw new Error("Tab never reached " + selector);
      };
      await tabTo("#btn-insert");
      // Focus is visible: the outline the CSS draws for keyboard users.
      const outline = await page.$eval("#btn-insert", (n) => getComputedStyle(n).outlineStyle);
      expect(outline).not.toBe("none");
      await page.keyboard.press("Enter");
      await settled(page);
      expect(await fake(page, (f) => f.sheetNames())).toEqual(expect.arrayContaining(["Phụ lục 1", "Phụ lục 2"]));
      // Focus stayed on the button, so Tab carries on from there.
      expect(await page.evaluate(() => document.activeElement && document.activeElement.id)).toBe("btn-insert");

      await tabTo("#btn-check");
      await page.keyboard.press("Space");
      await settled(page);
      expect(await page.$$eval("#findings button.finding", (n) => n.length)).toBeGreaterThan(0);

      await tabTo("#findings button.finding");
      const where = await page.evaluate(() => {
        const b = document.activeElement as HTMLElement;
        return b.getAttribute("data-sheet") + "!" + b.getAttribute("data-cell");
      });
      await page.keyboard.press("Enter");
      await settled(page);
      expect(await fake(page, (f) => f.selection())).toBe(where);

      // Space on the next finding selects that one.
      await tabTo("#findings button.finding");
      const next = await page.evaluate(() => {
        const b = document.activeElement as HTMLElement;
        return b.getAttribute("data-sheet") + "!" + b.getAttribute("data-cell");
      });
      await page.keyboard.press("Space");
      await settled(page);
      expect(await fake(page, (f) => f.selection())).toBe(next);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("live check re-checks after the user types", async () => {
    const { context, page, problems } = await openPane("vi-VN");
    try {
      await page.click("#btn-insert");
      await settled(page);
      await page.click("#btn-check");
      await settled(page);
      const cell = await page.getAttribute('#findings button.finding[data-sheet="Phụ lục 1"]', "data-cell");
      expect(cell).toBeTruthy();
      await page.click("#live-toggle");
      await settled(page);
      expect(await page.isChecked("#live-toggle")).toBe(true);
      const checkedAt = await page.getAttribute("#verdict time", "datetime");
      await page.evaluate(`window.__nq24Fake.userType("Phụ lục 1", ${JSON.stringify(cell)}, "50")`);
      await page.waitForFunction((before) => {
        const time = document.querySelector("#verdict time");
        return !!time && time.getAttribute("datetime") !== before;
      }, checkedAt, { timeout: 15000 });
      // Off again: typing no longer triggers a check.
      await page.click("#live-toggle");
      await settled(page);
      expect(await page.isChecked("#live-toggle")).toBe(false);
      const after = await page.getAttribute("#verdict time", "datetime");
      await page.evaluate(`window.__nq24Fake.userType("Phụ lục 1", ${JSON.stringify(cell)}, "60")`);
      await page.waitForTimeout(1500);
      expect(await page.getAttribute("#verdict time", "datetime")).toBe(after);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("consolidation: district workbooks picked in the pane, ExcelJS loaded on demand", async () => {
    const { makeSample, makeTemplate } = await import("../../src/usecases/files");
    const dir = path.join(tmp, "districts");
    fs.mkdirSync(dir, { recursive: true });
    const files = [await makeSample(path.join(dir, "laichau.xlsx")), await makeTemplate(path.join(dir, "trong.xlsx"))];
    const { context, page, problems } = await openPane("vi-VN");
    try {
      const scripts: string[] = [];
      page.on("request", (r) => {
        if (r.resourceType() === "script") scripts.push(r.url());
      });
      await page.setInputFiles("#consolidate-files", files);
      await settled(page);
      expect(await page.getAttribute("#message [data-kind]", "data-kind")).toBe("success");
      expect(await page.textContent("#consolidate-result")).toMatch(/Đã tổng hợp/);
      // The consolidation code came as its own chunk, only now.
      expect(scripts.some((u) => /consolidate|exceljs/i.test(u))).toBe(true);
      const sheets = await fake(page, (f) => f.sheetNames());
      expect(sheets.length).toBeGreaterThan(1);
      expect(await fake(page, (f) => f.charts().length)).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("Office 2016 (ExcelApi 1.1): the pane says what is missing, and insert and check still work", async () => {
    const { context, page, problems } = await openPane("vi-VN", { level: "1.1" });
    try {
      expect(await page.isVisible("#capabilities")).toBe(true);
      const gaps = await page.$$eval("#capabilities-list li", (n) => n.map((x) => x.textContent || ""));
      expect(gaps.length).toBeGreaterThan(3);
      expect(gaps.join(" ")).toMatch(/ExcelApi 1\.8/);
      await page.click("#btn-insert");
      await settled(page);
      await page.click("#btn-check");
      await settled(page);
      expect(await page.$$eval("#findings button.finding", (n) => n.length)).toBeGreaterThan(0);
      // No change events at 1.1: live check explains itself and the switch stays off.
      await page.click("#live-toggle");
      await settled(page, true);
      expect(await page.getAttribute("#message [data-kind]", "data-kind")).toBe("error");
      expect(await page.textContent("#message")).toContain("Kiểm tra bảng tính");
      expect(await page.isChecked("#live-toggle")).toBe(false);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("outside Excel (office.js with no host) the workbook actions explain instead of running", async () => {
    const { context, page, problems } = await openPane("vi-VN", { noHost: true });
    try {
      expect(await page.isVisible("#capabilities")).toBe(true);
      expect(await page.textContent("#capabilities-list")).toContain("Không chạy trong Excel");
      expect(await page.getAttribute("#btn-insert", "aria-disabled")).toBe("true");
      // aria-disabled keeps the button focusable and clickable: the click must explain.
      await page.click("#btn-insert", { force: true });
      await settled(page, true);
      expect(await page.getAttribute("#message [data-kind]", "data-kind")).toBe("error");
      expect(await fake(page, (f) => f.sheetNames())).toEqual(["Sheet1"]);
      // The catalogue part works without Excel.
      expect(await page.textContent("#catalogue-counts")).toContain("130");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("English display language, province catalogue by address and by file", async () => {
    const { context, page } = await openPane("en-US");
    try {
      expect(await page.getAttribute("html", "lang")).toBe("en");
      expect(await page.textContent("#btn-insert")).toBe("Insert appendix sheets");

      await page.fill("#catalogue-url", served!.origin + "/province-catalogue.json");
      await page.click("#catalogue-url-load");
      await settled(page);
      expect(await page.textContent("#catalogue-version")).toMatch(/-tinh$/);
      // The loaded catalogue is the one the next check uses.
      await page.click("#btn-insert");
      await settled(page);
      await page.click("#btn-check");
      await settled(page);
      expect(await page.textContent("#verdict")).toMatch(/Catalogue version nq24-national [^ ]*-tinh/);

      await page.setInputFiles("#catalogue-file", {
        name: "broken.json",
        mimeType: "application/json",
        buffer: Buffer.from('{"schemaVersion":"1.0","id":"x","rows":[{"id":"<img src=x onerror=alert(1)>"}]}'),
      });
      await settled(page, true);
      expect(await page.getAttribute("#message [data-kind]", "data-kind")).toBe("error");
      expect(await page.isVisible("#catalogue-errors")).toBe(true);
      expect(await page.$$eval("#catalogue-errors li", (n) => n.length)).toBeGreaterThan(0);
      expect(await page.$$("#catalogue-errors img")).toHaveLength(0);
      expect(await page.textContent("#message")).toContain("broken.json");
      // The loaded province catalogue is still the one in use.
      expect(await page.textContent("#catalogue-version")).toMatch(/-tinh$/);
    } finally {
      await context.close();
    }
  });

  test("accessibility: no serious or critical axe violations, before and after a check, in both languages", async () => {
    const { context, page } = await openPane("vi-VN", { bypassCSP: true });
    try {
      const axeSource = fs.readFileSync(path.join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
      await page.addScriptTag({ content: axeSource });
      type AxeResult = { id: string; impact: string | null; nodes: string[] }[];
      const audit = (): Promise<AxeResult> =>
        page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
          const r = await axe.run(document);
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => (n as { target: string[]; failureSummary?: string }).target.join(" ") + " " + ((n as { failureSummary?: string }).failureSummary || "")) }));
        });
      const initial = await audit();
      await page.click("#btn-insert");
      await settled(page);
      await page.click("#btn-sample");
      await settled(page);
      await page.click("#btn-check");
      await settled(page);
      const afterCheck = await audit();
      await page.click("#lang-toggle");
      // The resting page first; hover colours are checked per button below.
      await page.mouse.move(1, 1);
      const english = await audit();
      const all = initial.concat(afterCheck, english);
      console.log(
        "axe: " + initial.length + " violation(s) on the empty pane, " + afterCheck.length + " after a check, " + english.length + " in English: " +
          (all.map((v) => v.id + "(" + v.impact + ")").join(", ") || "none"),
      );
      expect(all.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id + ": " + v.nodes.join("; "))).toEqual([]);

      // Hover states: the pointer rests on a button after every click.
      const hovered: string[] = [];
      for (const id of ["lang-toggle", "btn-insert", "btn-check", "btn-clear", "catalogue-national"]) {
        await page.hover("#" + id);
        const bad = await page.evaluate(async (target) => {
          const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string }[] }> } }).axe;
          const r = await axe.run({ include: [[target]] }, { runOnly: { type: "rule", values: ["color-contrast"] } });
          return r.violations.map((v) => v.id);
        }, "#" + id);
        if (bad.length) hovered.push(id + ": " + bad.join(","));
      }
      expect(hovered).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
