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
/** docs/screenshots change only when asked: UPDATE_SCREENSHOTS=1 npx jest test/browser */
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === "1";
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

interface OpenOptions {
  bypassCSP?: boolean;
  level?: string;
  fixedTime?: Date;
  noHost?: boolean;
  /** Excel's default pane is about 350 × 378; staff widen it to 450 or narrow it to 320. */
  width?: number;
  height?: number;
  forcedColors?: boolean;
  colorScheme?: "light" | "dark";
  officeTheme?: { bodyBackgroundColor: string; bodyForegroundColor: string };
}

type AxeViolation = { id: string; impact: string | null; nodes: string[] };

const describeBrowser = HAVE_CHROMIUM ? describe : describe.skip;

describeBrowser("task pane in Chromium on Microsoft's Excel library over the test host", () => {
  let tmp = "";
  let served: Served | null = null;
  let browser: Browser | null = null;
  let fakeJs = "";
  let axeSource = "";
  const axeReport: string[] = [];

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
    axeSource = fs.readFileSync(path.join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
  }, 120000);

  afterAll(async () => {
    if (axeReport.length) console.log("axe (all violations, any impact):\n" + axeReport.join("\n"));
    if (browser) await browser.close();
    if (served) await served.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function openPane(displayLanguage: string, options: OpenOptions = {}): Promise<Opened> {
    const context = await browser!.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: options.width ?? 350, height: options.height ?? 378 },
      // The browser's own words (the file picker's button) follow the user's language too.
      locale: displayLanguage,
      serviceWorkers: "block",
      bypassCSP: options.bypassCSP === true,
      forcedColors: options.forcedColors ? "active" : "none",
      colorScheme: options.colorScheme ?? "light",
    });
    const blocked = await routeRequests(context, served!.origin, fakeJs);
    await context.addInitScript((cfg) => {
      (window as unknown as { __NQ24_FAKE_CONFIG__: unknown }).__NQ24_FAKE_CONFIG__ = cfg;
      // The page must never need a relaxed CSP: record any violation.
      document.addEventListener("securitypolicyviolation", (e) => {
        const w = window as unknown as { __cspViolations?: string[] };
        (w.__cspViolations = w.__cspViolations || []).push(e.violatedDirective + " " + e.blockedURI);
      });
    }, { displayLanguage, level: options.level, noHost: options.noHost, officeTheme: options.officeTheme });
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
    await page.waitForFunction(() => !document.body.hasAttribute("aria-busy"), undefined, { timeout: 30000 });
    if (allowError) return;
    const error = await page.$eval("#message", (n) => (n.querySelector('[data-kind="error"]') ? n.textContent : null));
    if (error) throw new Error("The pane reported an error: " + error);
  }

  async function click(page: Page, selector: string, allowError = false): Promise<void> {
    await page.click(selector);
    await settled(page, allowError);
  }

  /** Insert, the training sample, check: the district's three steps. */
  async function sampleChecked(page: Page): Promise<void> {
    await click(page, "#btn-insert");
    await click(page, "#btn-sample");
    await click(page, "#btn-check");
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

  /** axe on the whole page; every violation is reported at the end, serious and critical ones fail. */
  async function audit(page: Page, label: string): Promise<AxeViolation[]> {
    const has = await page.evaluate(() => !!(window as unknown as { axe?: unknown }).axe);
    // Through the debugger, as a test tool: the page's own CSP (no inline script) stays on.
    if (!has) await page.evaluate(axeSource + "\n;void 0");
    const violations: AxeViolation[] = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
      const r = await axe.run(document);
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => (n as { target: string[] }).target.join(" ") + " " + ((n as { failureSummary?: string }).failureSummary || "")) }));
    });
    axeReport.push("  " + label + ": " + (violations.map((v) => v.id + "(" + v.impact + ")").join(", ") || "none"));
    return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  }

  /** The whole page overflows sideways: reflow failed. */
  const overflowsSideways = (page: Page): Promise<boolean> =>
    page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

  /** Screenshots go to test-artifacts; docs/screenshots only with UPDATE_SCREENSHOTS=1. */
  async function shoot(page: Page, name: string, options: { chart?: boolean } = {}): Promise<void> {
    await page.evaluate(() => window.scrollTo(0, 0));
    // No hover highlight from the last click in the picture.
    await page.mouse.move(1, 1);
    const view = path.join(ARTIFACTS, name + ".png");
    await page.screenshot({ path: view });
    await page.screenshot({ path: path.join(ARTIFACTS, name + "-full.png"), fullPage: true });
    const files = [view];
    if (options.chart) {
      const chart = path.join(ARTIFACTS, name + "-status.png");
      // The pinned verdict would cover the chart's top once the page scrolls to it.
      await page.evaluate(() => void (document.getElementById("verdict")!.style.position = "static"));
      await page.locator("#section-status").screenshot({ path: chart });
      await page.evaluate(() => void (document.getElementById("verdict")!.style.position = ""));
      files.push(chart);
    }
    if (UPDATE_SCREENSHOTS) for (const f of files) copyArtifact(f, SCREENSHOTS);
  }

  /** Every finding the pane lists, as "code sheet!cell". */
  const listedFindings = (page: Page): Promise<string[]> =>
    page.$$eval("#findings button.finding", (n) => n.map((b) => b.getAttribute("data-code") + " " + b.getAttribute("data-sheet") + "!" + b.getAttribute("data-cell")));

  test("Vietnamese at 350 × 378: three steps, the verdict above the fold, first error, Next, arrow keys, links, clear", async () => {
    const { context, page, problems, blocked } = await openPane("vi-VN", { fixedTime: new Date(2023, 4, 15, 9, 30) });
    try {
      expect(await page.getAttribute("html", "lang")).toBe("vi");
      // The first screen is the district's job: the three steps, Insert the first Tab stop after the header.
      expect(await page.$$eval("#steps > li", (n) => n.map((x) => x.id))).toEqual(["step-insert", "step-enter", "step-check"]);
      expect(await page.getAttribute("#step-insert", "aria-current")).toBe("step");
      expect(await page.textContent("#btn-insert")).toBe("Chèn biểu mẫu");
      expect(await page.isVisible("#settings-body")).toBe(false);
      const checkBox = await page.locator("#btn-check").boundingBox();
      expect(checkBox!.y + checkBox!.height).toBeLessThanOrEqual(378);
      expect(await audit(page, "vi 350 empty")).toEqual([]);
      await shoot(page, "taskpane-start-vi");

      await click(page, "#btn-insert");
      expect(await page.getAttribute("#message [data-kind]", "data-kind")).toBe("success");
      expect(await fake(page, (f) => f.sheetNames())).toEqual(expect.arrayContaining(["Bìa", "Phụ lục 1", "Phụ lục 2"]));
      // Insert again repairs: no "(2)" copies.
      await click(page, "#btn-insert");
      expect((await fake(page, (f) => f.sheetNames())).filter((n) => / \(\d+\)$/.test(n))).toEqual([]);
      expect(await page.getAttribute("#step-insert", "data-state")).toBe("done");

      await click(page, "#btn-sample");
      const before = await fake(page, (f) => f.fills());
      await click(page, "#btn-check");
      // A successful check leaves no message bar: the verdict says it.
      expect(await page.$$("#message [data-kind]")).toHaveLength(0);
      expect(await page.textContent("#verdict")).toMatch(/Chưa sẵn sàng gửi/);
      expect(await page.textContent("#verdict")).toMatch(/Kiểm tra lúc 09:30 15\/05\/2023/);
      // Pinned at the top and visible without scrolling: title, counts and the walk's buttons.
      for (const sel of ["#verdict .verdict-title", "#verdict .verdict-counts", "#btn-first", "#btn-next"]) {
        const box = await page.locator(sel).boundingBox();
        expect(box).not.toBeNull();
        expect(box!.y).toBeGreaterThanOrEqual(0);
        expect(box!.y + box!.height).toBeLessThanOrEqual(378);
      }
      expect(await page.textContent("#btn-first")).toBe("Đi tới lỗi đầu tiên");
      expect(await page.textContent("#btn-next")).toBe("Tiếp ▸");
      expect(await fake(page, (f) => f.fills())).not.toEqual(before);
      await shoot(page, "taskpane-vi", { chart: true });

      // Severity → rule (with its count) → cells; the fix once per rule; severity in every item's name.
      const groups = await page.$$eval("#findings section.finding-group", (nodes) =>
        nodes.map((n) => ({
          severity: n.getAttribute("data-severity"),
          count: Number(n.querySelector(".finding-count")!.getAttribute("data-count")),
          rules: Array.from(n.querySelectorAll("li.rule")).map((r) => ({
            code: r.getAttribute("data-code") || "",
            count: Number(r.querySelector(".count-badge")!.getAttribute("data-count")),
            items: r.querySelectorAll("button.finding").length,
            fixes: r.querySelectorAll(".rule-fix").length,
            itemFixes: r.querySelectorAll(".finding-fix").length,
          })),
        })),
      );
      expect(groups.map((g) => g.severity)).toEqual(["error", "warning", "info"].filter((s) => groups.some((g) => g.severity === s)));
      for (const g of groups) {
        expect(g.rules.reduce((n, r) => n + r.count, 0)).toBe(g.count);
        for (const r of g.rules) {
          expect(r.items).toBe(r.count);
          // A code's letter matches its severity: E errors, W warnings, I notes.
          expect(r.code).toMatch(g.severity === "error" ? /-E\d+$/ : g.severity === "warning" ? /-W\d+$/ : /-I\d+$/);
          if (r.fixes === 1) expect(r.itemFixes).toBe(0);
        }
      }
      const names = await page.$$eval("#findings button.finding", (n) => n.map((b) => ({ sev: b.getAttribute("data-severity"), text: (b.textContent || "").trim() })));
      const sevWord: Record<string, string> = { error: "Lỗi: ", warning: "Cảnh báo: ", info: "Thông tin: " };
      for (const x of names) expect(x.text.indexOf(sevWord[x.sev!])).toBe(0);

      // "Đi tới lỗi đầu tiên": the first error's cell is selected in Excel, and the walk is there.
      const firstError = await page.$eval('#findings button.finding[data-severity="error"]', (b) => b.getAttribute("data-sheet") + "!" + b.getAttribute("data-cell"));
      await click(page, "#btn-first");
      expect(await fake(page, (f) => f.selection())).toBe(firstError);
      expect(await page.textContent("#verdict-position")).toMatch(/^1\/\d+$/);
      // "Tiếp ▸" moves to the second finding and selects it.
      const second = await page.$eval('#findings button.finding[data-index="1"]', (b) => b.getAttribute("data-sheet") + "!" + b.getAttribute("data-cell"));
      await click(page, "#btn-next");
      expect(await page.textContent("#verdict-position")).toMatch(/^2\/\d+$/);
      if (!second.endsWith("!")) expect(await fake(page, (f) => f.selection())).toBe(second);

      // Arrow keys walk the findings from the focused one; Enter selects its cell.
      await page.focus('#findings button.finding[data-index="0"]');
      await page.keyboard.press("ArrowDown");
      expect(await page.evaluate(() => document.activeElement!.getAttribute("data-index"))).toBe("1");
      await page.keyboard.press("ArrowDown");
      expect(await page.evaluate(() => document.activeElement!.getAttribute("data-index"))).toBe("2");
      await page.keyboard.press("ArrowUp");
      expect(await page.evaluate(() => document.activeElement!.getAttribute("data-index"))).toBe("1");
      await page.keyboard.press("End");
      const last = await page.evaluate(() => Number(document.activeElement!.getAttribute("data-index")));
      expect(last).toBe((await page.$$("#findings button.finding")).length - 1);
      await page.keyboard.press("Home");
      const focused = await page.evaluate(() => {
        const b = document.activeElement as HTMLElement;
        return { index: b.getAttribute("data-index"), where: b.getAttribute("data-sheet") + "!" + b.getAttribute("data-cell") };
      });
      expect(focused.index).toBe("0");
      await page.keyboard.press("Enter");
      await settled(page);
      expect(await fake(page, (f) => f.selection())).toBe(focused.where);

      // The chart names the targets not met, each a link to its result cell.
      const unmet = await page.$$eval("#status-chart .unmet button.link", (n) => n.map((b) => ({ text: b.textContent, where: b.getAttribute("data-sheet") + "!" + b.getAttribute("data-cell") })));
      expect(unmet.length).toBeGreaterThan(0);
      expect(await page.$$('#status-chart .bar[data-key="noTarget"]')).toHaveLength(0);
      await click(page, "#status-chart .unmet button.link");
      expect(await fake(page, (f) => f.selection())).toBe(unmet[0].where);
      expect(await audit(page, "vi 350 after a check")).toEqual([]);

      await click(page, "#btn-clear");
      expect(await fake(page, (f) => f.fills()).then(onSheetsOf(before))).toEqual(before);
      expect(await page.$$("#findings button.finding")).toHaveLength(0);
      // Clear says what it did, in one language, and the bar closes.
      const msg = await page.textContent("#message");
      expect(msg).not.toMatch(/Cleared|marks/);
      await click(page, "#message .message-dismiss");
      expect(await page.$$("#message [data-kind]")).toHaveLength(0);

      expect(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations || [])).toEqual([]);
      expect(problems).toEqual([]);
      expect(blocked.filter((u) => !/^https:\/\/(appsforoffice|[a-z0-9.-]*microsoft)/.test(u))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("the pane and the command line give identical findings on the Lai Châu sample", async () => {
    const { makeSample, checkFile } = await import("../../src/usecases/files");
    const file = path.join(tmp, "sample-cli.xlsx");
    await makeSample(file);
    const cli = await checkFile(file, { lang: "vi" });
    const expected = cli.result.findings.map((f) => f.code + " " + f.sheet + "!" + f.cell).sort();
    const { context, page } = await openPane("vi-VN");
    try {
      await sampleChecked(page);
      const listed = (await listedFindings(page)).sort();
      expect(listed.length).toBeGreaterThan(0);
      expect(listed).toEqual(expected);
      const c = cli.result.plan.verdict.counts;
      expect(await page.textContent("#verdict .verdict-counts")).toBe(`${c.error} lỗi · ${c.warning} cảnh báo · ${c.info} thông tin`);
    } finally {
      await context.close();
    }
  });

  test("English at 450 px in a dark Office theme: one language, the theme's colours, no serious axe violation", async () => {
    const { context, page, problems } = await openPane("en-US", { width: 450, height: 700, officeTheme: { bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF" }, fixedTime: new Date(2023, 4, 15, 9, 30) });
    try {
      expect(await page.getAttribute("html", "lang")).toBe("en");
      expect(await page.getAttribute("html", "data-theme")).toBe("dark");
      expect(await page.textContent("#btn-insert")).toBe("Insert forms");
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe("rgb(38, 38, 38)");
      await sampleChecked(page);
      expect(await page.textContent("#verdict")).toMatch(/Not ready to send/);
      expect(await page.textContent("#verdict")).toMatch(/Checked at 2023-05-15 09:30/);
      expect(await page.textContent("#btn-first")).toBe("Go to the first error");
      // No Vietnamese word of the pane's own in the English pane's chrome.
      const chrome = await page.$$eval("#steps, #verdict .verdict-title, #verdict .verdict-counts, #findings .finding-group-title", (n) => n.map((x) => x.textContent).join(" "));
      expect(chrome).not.toMatch(/lỗi|cảnh báo|Kiểm tra|Chèn/);
      expect(await page.textContent("#lang-toggle")).toBe("Tiếng Việt");
      expect(await audit(page, "en 450 dark theme after a check")).toEqual([]);
      await shoot(page, "taskpane-en", { chart: true });
      // Back to Vietnamese: every text follows.
      await page.click("#lang-toggle");
      expect(await page.getAttribute("html", "lang")).toBe("vi");
      expect(await page.textContent("#btn-first")).toBe("Đi tới lỗi đầu tiên");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("320 px in forced colours, dark system theme: chart and findings stay readable, no sideways scroll", async () => {
    const { context, page, problems } = await openPane("vi-VN", { width: 320, height: 600, forcedColors: true, colorScheme: "dark" });
    try {
      await sampleChecked(page);
      expect(await overflowsSideways(page)).toBe(false);
      // The bars are drawn with CSS classes the forced palette keeps visible (a border or a system colour).
      const bars = await page.$$eval('#status-chart .bar-fill', (n) => n.map((x) => {
        const s = getComputedStyle(x);
        return { w: x.getBoundingClientRect().width, bg: s.backgroundColor, border: s.borderTopStyle + " " + s.borderTopWidth };
      }));
      const drawn = bars.filter((b) => b.w > 0);
      expect(drawn.length).toBeGreaterThan(0);
      for (const b of drawn) expect(b.bg !== "rgba(0, 0, 0, 0)" || !/^none/.test(b.border)).toBe(true);
      // Labels of the chart are text, still there.
      expect(await page.$$eval("#status-chart .bar-label", (n) => n.every((x) => (x.textContent || "").length > 0 && x.getBoundingClientRect().width > 0))).toBe(true);
      expect(await audit(page, "vi 320 forced colours")).toEqual([]);
      await shoot(page, "taskpane-forced-colours");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("200 % zoom (350 px pane = 175 CSS px) and 320 px: the pane reflows, the verdict still leads", async () => {
    const { context, page, problems } = await openPane("en-US", { width: 175, height: 189 });
    try {
      expect(await overflowsSideways(page)).toBe(false);
      await sampleChecked(page);
      expect(await overflowsSideways(page)).toBe(false);
      // The verdict's title is the first thing below the header.
      const title = await page.locator("#verdict .verdict-title").boundingBox();
      expect(title!.y).toBeLessThan(189);
      expect(await audit(page, "en 175 (200 % zoom)")).toEqual([]);
      await shoot(page, "taskpane-zoom-200");
      await page.setViewportSize({ width: 320, height: 378 });
      expect(await overflowsSideways(page)).toBe(false);
      const box = await page.locator("#btn-next").boundingBox();
      expect(box!.y + box!.height).toBeLessThanOrEqual(378);
      expect(problems).toEqual([]);
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

  test("keyboard only: insert, check, go to the first error and open a finding with Tab, Enter and Space", async () => {
    const { context, page, problems } = await openPane("vi-VN");
    try {
      const tabTo = async (selector: string, max = 200): Promise<void> => {
        for (let i = 0; i < max; i++) {
          await page.keyboard.press("Tab");
          if (await page.evaluate((s) => !!document.activeElement && document.activeElement.matches(s), selector)) return;
        }
        throw new Error("Tab never reached " + selector);
      };
      // Insert is among the first Tab stops: after the language switch and the two views.
      let stops = 0;
      for (; stops < 8; stops++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(() => document.activeElement && document.activeElement.id === "btn-insert")) break;
      }
      expect(stops).toBeLessThan(4);
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

      // The verdict's buttons come first after a check: Shift+Tab back up to them.
      await page.focus("#btn-check");
      await tabTo("#btn-first");
      await page.keyboard.press("Enter");
      await settled(page);
      const first = await page.$eval('#findings button.finding[data-index="0"]', (b) => b.getAttribute("data-sheet") + "!" + b.getAttribute("data-cell"));
      expect(await fake(page, (f) => f.selection())).toBe(first);

      await tabTo("#findings button.finding");
      await page.keyboard.press("ArrowDown");
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

  test("consolidation in its own view: district workbooks picked in the pane, the reader loaded on demand", async () => {
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
      expect(await page.isVisible("#consolidate-files")).toBe(false);
      await page.click("#tab-province");
      expect(await page.getAttribute("#tab-province", "aria-selected")).toBe("true");
      expect(await page.isVisible("#panel-district")).toBe(false);
      await page.setInputFiles("#consolidate-files", files);
      await settled(page);
      expect(["success", "warning"]).toContain(await page.getAttribute("#message [data-kind]", "data-kind"));
      const said = (await page.textContent("#consolidate-result")) || "";
      expect(said).toMatch(/2 báo cáo/);
      // One language at a time, no class name.
      expect(said).not.toMatch(/reports|Error:/);
      // The consolidation code came as its own chunk, only now.
      expect(scripts.some((u) => /consolidate|exceljs|xlsx/i.test(u))).toBe(true);
      expect((await fake(page, (f) => f.sheetNames())).length).toBeGreaterThan(1);
      expect(await audit(page, "vi 350 province view")).toEqual([]);
      await shoot(page, "taskpane-province-vi");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("Office 2016 (ExcelApi 1.1): the pane says what is missing in plain words, and insert and check still work", async () => {
    const { context, page, problems } = await openPane("vi-VN", { level: "1.1" });
    try {
      expect(await page.isVisible("#capabilities")).toBe(true);
      await page.click("#capabilities-toggle");
      const gaps = await page.$$eval("#capabilities-list li", (n) => n.map((x) => x.textContent || ""));
      expect(gaps.length).toBeGreaterThan(3);
      // The user's words, not the developer's.
      expect(gaps.join(" ")).not.toMatch(/ExcelApi|API/);
      await click(page, "#btn-insert");
      await click(page, "#btn-check");
      expect(await page.$$eval("#findings button.finding", (n) => n.length)).toBeGreaterThan(0);
      // No change events at 1.1: the switch is off, marked unavailable, and says why.
      expect(await page.getAttribute("#live-toggle", "aria-disabled")).toBe("true");
      expect(await page.textContent("#live-note")).toContain("Excel");
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
      expect(["error", "warning"]).toContain(await page.getAttribute("#message [data-kind]", "data-kind"));
      expect(await fake(page, (f) => f.sheetNames())).toEqual(["Sheet1"]);
      // The catalogue part works without Excel.
      await page.click("#settings-toggle");
      expect(await page.textContent("#catalogue-counts")).toContain("130");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("English, province catalogue by address and by file (settings opened on request)", async () => {
    const { context, page } = await openPane("en-US", { height: 800 });
    try {
      expect(await page.getAttribute("html", "lang")).toBe("en");
      expect(await page.isVisible("#catalogue-url")).toBe(false);
      await page.click("#settings-toggle");
      expect(await page.getAttribute("#settings-toggle", "aria-expanded")).toBe("true");
      await page.fill("#catalogue-url", served!.origin + "/province-catalogue.json");
      await click(page, "#catalogue-url-load");
      expect(await page.textContent("#catalogue-version")).toMatch(/-tinh$/);
      // The loaded catalogue is the one the next check uses.
      await click(page, "#btn-insert");
      await click(page, "#btn-check");
      expect(await page.textContent("#verdict")).toMatch(/catalogue nq24-national [^ ]*-tinh/);

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

  test("accessibility: settings and report panels open, hover states keep their contrast", async () => {
    const { context, page } = await openPane("vi-VN", { bypassCSP: true, height: 900 });
    try {
      await sampleChecked(page);
      await page.click("#settings-toggle");
      await page.click("#report-toggle");
      await page.mouse.move(1, 1);
      expect(await audit(page, "vi 350 settings and report open")).toEqual([]);
      // Hover states: the pointer rests on a button after every click.
      const hovered: string[] = [];
      for (const id of ["lang-toggle", "btn-insert", "btn-check", "btn-first", "btn-next", "btn-clear", "catalogue-national"]) {
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
