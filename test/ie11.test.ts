/**
 * The built bundles in Internet Explorer 11, the webview of volume-licensed Office
 * 2016/2019 on Windows. The production pages (taskpane.html, commands.html) load their
 * scripts in a jsdom window stripped to IE11's built-ins (test/helpers/ie11.ts), with the
 * strict fake of Excel standing in for office.js, and are driven as a user would: the
 * pane's buttons (insert, fill the training sample, check, clear marks) and the three
 * ribbon functions. The same bundles in an unstripped window are the reference: whatever
 * the IE11 page shows or writes must be what a modern webview shows or writes.
 *
 * Two static passes reach the code the clicks do not: every global name the built scripts
 * read without a guard, and every library member (ES2015+ or DOM) the TypeScript sources
 * of those scripts use, must exist in the IE11 page once the polyfills ran.
 */
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { FakeWorkbook, type ApiLevel } from "./fake";
import { createFakeOffice, type FakeOffice } from "./fake/office";
import { BUNDLE_HOST, productionBundles, type Bundles } from "./helpers/bundles";
import { libraryMembersUsed, missingInPage, unguardedGlobalReads } from "./helpers/builtins";
import { bridge, openPage, type Page } from "./helpers/ie11";
import { SHEET_NAMES } from "../src/engine/layout";

let bundles: Bundles;
beforeAll(async () => {
  // Shared with test/es5bundles.test.ts: built once per tree.
  bundles = await productionBundles();
}, 300000);

const file = (name: string): string => readFileSync(join(bundles.dir, name), "utf8");

function waitFor(what: string, cond: () => boolean, problems: string[], ms = 60000): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (cond()) resolve();
      else if (Date.now() - t0 > ms) reject(new Error(`timed out waiting for ${what}; the page reported:\n${problems.join("\n") || "nothing"}`));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

/** A page of the build with the fake Excel behind it. */
function open(page: "taskpane.html" | "commands.html", wb: FakeWorkbook, ie11: boolean): { page: Page; office: FakeOffice } {
  const office = createFakeOffice(wb);
  const p = openPage({
    html: file(page),
    url: `${BUNDLE_HOST}/${page}`,
    ie11,
    script: (src) => file(src.replace(/^.*\//, "")),
    officeJs: (g) => {
      const toPage = bridge(g);
      g.Office = toPage(office);
      g.Excel = toPage({ run: wb.excelRun });
    },
  });
  p.load();
  return { page: p, office };
}

// ---------------------------------------------------------------- what a step leaves behind

/** Clock readings differ between two runs: the check writes when it ran. */
const maskTime = (s: string): string =>
  s
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?/g, "<time>")
    .replace(/\b\d{1,2}:\d{2}(:\d{2})?\b/g, "<hh:mm>")
    .replace(/\b\d{1,2}\/\d{1,2}\/\d{4}\b/g, "<date>")
    // The check id written on the results sheet and recorded: the time it ran, and a random part.
    .replace(/\b[0-9A-Z]{6,}-[0-9A-Z]{4}\b/g, "<check id>");

/** The workbook as a user would compare it: every sheet, cell, fill, note and comment. */
function workbookState(wb: FakeWorkbook): unknown {
  return wb.sheets.map((s) => ({
    name: s.name,
    visibility: s.visibility,
    protected: s.protected,
    cells: Array.from(s.cells.entries())
      .filter(([, c]) => c.value !== null && c.value !== "" || c.fill || c.formula)
      .map(([k, c]) => `${k} ${maskTime(JSON.stringify([c.value, c.formula, c.fill, c.numberFormat]))}`),
    notes: Array.from(s.notes.entries()).map(([k, v]) => `${k} ${maskTime(v)}`),
    comments: Array.from(s.comments.entries()).map(([k, v]) => `${k} ${maskTime(v)}`),
  }));
}

/** Cell fills on the report's own sheets (the results sheet has fills of its own). */
function reportFills(wb: FakeWorkbook): Record<string, string> {
  const report: string[] = [SHEET_NAMES.cover, SHEET_NAMES.PL1, SHEET_NAMES.PL2];
  const out: Record<string, string> = {};
  for (const s of wb.sheets) {
    if (report.indexOf(s.name) >= 0) s.cells.forEach((c, k) => void (c.fill && (out[`${s.name}!${k}`] = c.fill)));
  }
  return out;
}

interface PaneStep {
  step: string;
  message: { kind: string | null; text: string };
  verdict: string | null;
  findings: number;
  workbook: unknown;
  fills: Record<string, string>;
}

/** Opens the pane and clicks through insert, training sample, check and clear. */
async function paneSession(ie11: boolean, level: ApiLevel): Promise<{ steps: PaneStep[]; problems: string[]; sheets: string[] }> {
  const wb = new FakeWorkbook();
  wb.level = level;
  wb.addSheet("Sheet1");
  const { page } = open("taskpane.html", wb, ie11);
  const doc = page.window.document;
  const steps: PaneStep[] = [];
  try {
    await waitFor("the pane", () => doc.body.getAttribute("data-ready") === "true", page.problems, 10000);
    for (const [step, button] of [["insert", "btn-insert"], ["sample", "btn-sample"], ["check", "btn-check"], ["clear", "btn-clear"]]) {
      (doc.getElementById(button) as HTMLElement).click();
      await waitFor(step, () => !doc.body.hasAttribute("aria-busy"), page.problems);
      const message = doc.querySelector("#message .message");
      const verdict = doc.querySelector("#verdict .verdict");
      steps.push({
        step,
        message: { kind: message && message.getAttribute("data-kind"), text: maskTime(message ? String(message.textContent) : "") },
        verdict: verdict && verdict.getAttribute("data-ready"),
        findings: doc.querySelectorAll("#findings button.finding").length,
        workbook: workbookState(wb),
        fills: reportFills(wb),
      });
    }
    return { steps, problems: page.problems.slice(), sheets: wb.sheets.map((s) => s.name) };
  } finally {
    page.close();
  }
}

interface CommandStep {
  command: string;
  completed: boolean;
  /** A1 and B1 of the results sheet: a message's label and text, or the check's title. */
  head: string[];
  results: string[];
  workbook: unknown;
}

/** Loads the ribbon's function file and runs each command as Office would on a click. */
async function commandSession(ie11: boolean, level: ApiLevel): Promise<{ registered: string[]; steps: CommandStep[]; problems: string[] }> {
  const wb = new FakeWorkbook();
  wb.level = level;
  wb.addSheet("Sheet1");
  const { page, office } = open("commands.html", wb, ie11);
  const steps: CommandStep[] = [];
  try {
    const registered = Array.from(office.associated.keys()).sort();
    for (const command of ["insertSheets", "checkWorkbook", "clearMarks"]) {
      const handler = office.associated.get(command);
      let completed = false;
      if (handler) {
        handler({ completed: () => void (completed = true) });
        await waitFor(command, () => completed, page.problems);
      }
      const results = wb.sheets.find((s) => s.name === SHEET_NAMES.results);
      steps.push({
        command,
        completed,
        head: results ? ["A1", "A2"].map((a) => maskTime(String(wb.cell(SHEET_NAMES.results, a).value))) : [],
        results: results ? Array.from(results.cells.values()).map((c) => maskTime(String(c.value))).filter((v) => v && v !== "null") : [],
        workbook: workbookState(wb),
      });
    }
    return { registered, steps, problems: page.problems.slice() };
  } finally {
    page.close();
  }
}

// ---------------------------------------------------------------- the page itself

/** Evaluates probes in a bare page (no scripts), IE11-stripped or modern. */
function probe(ie11: boolean, expressions: string[]): string[] {
  const page = openPage({ html: "<!doctype html><html><head></head><body></body></html>", url: `${BUNDLE_HOST}/probe.html`, ie11, script: () => "", officeJs: () => undefined });
  const win = page.window as unknown as { eval(code: string): unknown };
  try {
    return expressions.map((e) => {
      try {
        return String(win.eval(e));
      } catch (err) {
        return "throws " + (err as Error).name;
      }
    });
  } finally {
    page.close();
  }
}

describe("the IE11 page", () => {
  // Each probe: what IE11 does, then what a modern browser does.
  const probes: [string, string, string][] = [
    ["globalThis", "throws ReferenceError", "[object Window]"],
    ["typeof Promise + typeof Map + typeof Set + typeof WeakMap + typeof Symbol", "undefined".repeat(5), "function".repeat(5)],
    ["typeof Reflect + typeof Proxy + typeof fetch + typeof TextEncoder + typeof queueMicrotask", "undefined".repeat(5), "objectfunctionundefinedundefinedfunction"],
    ["typeof Object.assign + typeof Object.entries + typeof Object.values + typeof Array.from + typeof [].includes + typeof [].find", "undefined".repeat(6), "function".repeat(6)],
    ["typeof ''.normalize + typeof ''.includes + typeof ''.startsWith + typeof ''.padStart + typeof Number.isFinite", "undefined".repeat(5), "function".repeat(5)],
    ["Object.keys('ab').length", "throws TypeError", "2"],
    ["new RegExp('a', 'u').test('a')", "throws SyntaxError", "true"],
    ["new RegExp('(?<=a)b').test('ab')", "throws SyntaxError", "true"],
    ["new URL('https://example.org/').host", "throws TypeError", "example.org"],
    ["document.createElement('p').dispatchEvent(new Event('x'))", "throws TypeError", "true"],
    ["typeof document.createElement('p').closest + typeof document.createElement('p').remove", "undefinedundefined", "functionfunction"],
    ["typeof document.querySelectorAll('p').forEach", "undefined", "function"],
    ["var p = document.createElement('p'); p.classList.add('a', 'b'); p.classList.toggle('a', true); p.className", "", "a b"],
    ["typeof document.createElementNS('http://www.w3.org/2000/svg', 'g').classList", "undefined", "object"],
    ["typeof document.contains", "undefined", "function"],
    ["[1, 2].indexOf(2) + ' ' + 'a-b'.split('-').length + ' ' + JSON.stringify({ a: [1] })", "1 2 {\"a\":[1]}", "1 2 {\"a\":[1]}"],
  ];
  test("lacks what IE11 lacks and keeps ES5 and the DOM IE11 has", () => {
    expect(probe(true, probes.map((p) => p[0]))).toEqual(probes.map((p) => p[1]));
  });
  test("the same probes in the unstripped page behave as in a modern browser", () => {
    expect(probe(false, probes.map((p) => p[0]))).toEqual(probes.map((p) => p[2]));
  });

  test("with the polyfills bundle, it has what the code relies on", () => {
    const page = polyfilledPage();
    try {
      expect(page.problems).toEqual([]);
      const win = page.window as unknown as { eval(code: string): unknown };
      const check = [
        "new Set([1, 1, 2]).size",
        "new Map([['a', 1]]).get('a')",
        "Array.from(new Set(['x'])).join()",
        "Object.entries({ a: 1 }).join()",
        "Object.assign({}, { b: 2 }).b",
        "[1, 2].includes(2)",
        "'Hà Nội'.normalize('NFD').length",
        "'7'.padStart(3, '0')",
        "typeof fetch + typeof Promise.prototype.finally",
        "typeof document.querySelectorAll('p').forEach",
      ];
      expect(check.map((e) => String(win.eval(e)))).toEqual(["2", "1", "x", "a,1", "2", "true", "9", "007", "functionfunction", "function"]);
    } finally {
      page.close();
    }
  });

  test("the host stand-in hands the page its own arrays, objects and errors, as office.js does", async () => {
    const page = openPage({ html: "<!doctype html><html><body></body></html>", url: `${BUNDLE_HOST}/probe.html`, ie11: false, script: () => "", officeJs: () => undefined });
    try {
      const g = (page.window as unknown as { eval(code: string): unknown }).eval("this") as Record<string, unknown>;
      const toPage = bridge(g);
      const host = toPage({ rows: () => [[1, "a"]], fail: () => Promise.reject(new Error("boom")), later: () => Promise.resolve([2]) }) as Record<string, () => unknown>;
      const rows = host.rows() as unknown[];
      expect(rows instanceof (g.Array as ArrayConstructor)).toBe(true);
      expect(rows[0] instanceof (g.Array as ArrayConstructor)).toBe(true);
      expect(await host.later()).toEqual([2]);
      await expect(host.fail()).rejects.toBeInstanceOf(g.Error as ErrorConstructor);
    } finally {
      page.close();
    }
  });
});

// ---------------------------------------------------------------- the runs

describe("the task pane in IE11", () => {
  // ExcelApi 1.1: Office 2016 volume licence; 1.8: Office 2019 on Windows before 1903.
  for (const level of ["1.1", "1.8"] as ApiLevel[]) {
    test(`at ExcelApi ${level}: insert, training sample, check and clear work and match a modern webview`, async () => {
      const ie = await paneSession(true, level);
      const modern = await paneSession(false, level);

      // Nothing thrown, rejected or logged as an error, in either.
      expect(ie.problems).toEqual([]);
      expect(modern.problems).toEqual([]);
      expect(ie.steps.map((s) => [s.step, s.message.kind])).toEqual([
        ["insert", "success"],
        ["sample", "success"],
        ["check", "info"],
        ["clear", "success"],
      ]);
      // What each click did, independently of the reference: sheets in, values in, marks on, marks off.
      expect(ie.sheets).toEqual(expect.arrayContaining([SHEET_NAMES.cover, SHEET_NAMES.PL1, SHEET_NAMES.PL2]));
      const [insert, sample, check, clear] = ie.steps;
      expect(JSON.stringify(sample.workbook).length).toBeGreaterThan(JSON.stringify(insert.workbook).length);
      expect(check.verdict).toBe("false");
      expect(check.findings).toBeGreaterThan(0);
      const marked = Object.keys(check.fills).filter((k) => check.fills[k] !== sample.fills[k]);
      expect(marked.length).toBeGreaterThan(10);
      expect(clear.fills).toEqual(sample.fills);
      expect(clear.findings).toBe(0);

      // And the same, step by step, as the modern webview: messages, verdict, findings, every cell.
      expect(ie.steps).toEqual(modern.steps);
    });
  }
});

describe("the ribbon commands in IE11", () => {
  test("insert, check and clear complete, report, and match a modern webview", async () => {
    const ie = await commandSession(true, "1.8");
    const modern = await commandSession(false, "1.8");
    expect(ie.problems).toEqual([]);
    expect(ie.registered).toEqual(["checkWorkbook", "clearMarks", "insertSheets"]);
    expect(ie.steps.map((s) => s.completed)).toEqual([true, true, true]);
    // Each reports in the results sheet, in Vietnamese (the fake's display language), never an error.
    const [insert, check, clear] = ie.steps.map((s) => s.head);
    expect(insert[0]).toBe("Thông báo");
    expect(insert[1]).toContain(SHEET_NAMES.PL1);
    expect(insert[1]).not.toMatch(/^Lỗi/);
    expect(check[0]).toMatch(/KẾT QUẢ KIỂM TRA/);
    expect(check.join(" ") + ie.steps[1].results.join(" ")).toMatch(/sẵn sàng gửi/i);
    expect(clear[0]).toBe("Thông báo");
    expect(clear[1]).not.toMatch(/^Lỗi/);
    expect(ie.steps).toEqual(modern.steps);
  });
});

// ---------------------------------------------------------------- what the clicks do not reach

/** An IE11 page with the polyfills bundle run (or not): what the pages' own scripts can count on. */
function polyfilledPage(withPolyfills = true): Page {
  const scripts = withPolyfills ? bundles.entrypoints.polyfills : [];
  const page = openPage({
    html: `<!doctype html><html><head></head><body>${scripts.map((f) => `<script src="${f}"></script>`).join("")}</body></html>`,
    url: `${BUNDLE_HOST}/probe.html`,
    ie11: true,
    script: (src) => file(src),
    officeJs: () => undefined,
  });
  page.load();
  return page;
}

describe("what IE11 would run, statically", () => {
  test("every global the built scripts read unguarded exists in IE11 once the polyfills ran (or is office.js's)", () => {
    const page = polyfilledPage();
    try {
      expect(page.problems).toEqual([]);
      const fromOfficeJs = ["Office", "Excel", "OfficeExtension"];
      // The initial scripts of both pages and the training sample's chunk: all IE11 ever
      // runs (consolidation's ExcelJS chunk states that it needs a modern webview).
      const scripts = [...bundles.entrypoints.polyfills, ...bundles.entrypoints.taskpane, ...bundles.entrypoints.commands];
      const sample = readdirSync(bundles.dir).filter((f) => /^sample\.[0-9a-f]{8}\.js$/.test(f));
      expect(sample).toHaveLength(1);
      const missing: string[] = [];
      for (const script of Array.from(new Set([...scripts, ...sample]))) {
        for (const [name, where] of unguardedGlobalReads(file(script))) {
          if (fromOfficeJs.indexOf(name) < 0 && !(name in page.window)) missing.push(`${script}: ${name} in …${where}…`);
        }
      }
      expect(missing).toEqual([]);
    } finally {
      page.close();
    }
  });

  test("every ES2015+ or DOM member the shipped sources use exists in IE11 once the polyfills ran", () => {
    // The sources webpack put in the pages' initial scripts (not consolidation's chunk).
    const shipped = new Set<string>();
    for (const id of bundles.initialModules) {
      const m = /([^!|?]*[\\/]src[\\/][^!|?]*\.ts)/.exec(id);
      if (m) shipped.add(m[1]);
    }
    expect(shipped.size).toBeGreaterThan(20);
    const used = libraryMembersUsed(Array.from(shipped));
    expect(used.size).toBeGreaterThan(20);
    const before = polyfilledPage(false);
    const page = polyfilledPage();
    try {
      expect(missingInPage(used, page.window, before.window)).toEqual([]);
    } finally {
      page.close();
      before.close();
    }
  });
});
