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
import { parse } from "acorn";
import { readdirSync, readFileSync } from "fs";
import { basename, join, relative } from "path";
import * as ts from "typescript";
import { FakeWorkbook, type ApiLevel } from "./fake/excel";
import { createFakeOffice, type FakeOffice } from "./fake/office";
import { BUNDLE_HOST, productionBundles, type Bundles } from "./helpers/bundles";
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
    .replace(/\b\d{1,2}\/\d{1,2}\/\d{4}\b/g, "<date>");

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
        head: results ? ["A1", "B1"].map((a) => maskTime(String(wb.cell(SHEET_NAMES.results, a).value))) : [],
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
    const page = openPage({
      html: `<!doctype html><html><head></head><body>${bundles.entrypoints.polyfills.map((f) => `<script src="${f}"></script>`).join("")}</body></html>`,
      url: `${BUNDLE_HOST}/probe.html`,
      ie11: true,
      script: (src) => file(src),
      officeJs: () => undefined,
    });
    try {
      page.load();
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

// ---------------------------------------------------------------- the static pass

type Node = { type: string; [k: string]: unknown };
interface ScopeVariable {
  defs: { node: Node }[];
}
interface ScopeReference {
  identifier: Node & { name: string; range: [number, number] };
  resolved: ScopeVariable | null;
  isRead(): boolean;
}
interface ScopeManager {
  scopes: { references: ScopeReference[] }[];
  globalScope: { through: ScopeReference[] };
}
// eslint-scope (ESLint's own scope analysis) ships no types: the part used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { analyze } = require("eslint-scope") as { analyze(ast: Node, options: { ecmaVersion: number; sourceType: string }): ScopeManager };

/** Every node's parent, for walking up from an identifier. */
function parents(ast: Node): Map<Node, Node> {
  const out = new Map<Node, Node>();
  const stack: Node[] = [ast];
  while (stack.length) {
    const node = stack.pop() as Node;
    for (const key of Object.keys(node)) {
      const v = node[key];
      const kids = Array.isArray(v) ? v : [v];
      for (const k of kids) {
        if (k && typeof k === "object" && typeof (k as Node).type === "string") {
          out.set(k as Node, node);
          stack.push(k as Node);
        }
      }
    }
  }
  return out;
}

/**
 * Whether an expression tests that the global `name` exists: `typeof name`, `"name" in x`,
 * or a variable whose initial value is such a test (`var hasBlob = "Blob" in self`).
 */
function testsFor(node: unknown, name: string, resolve: Map<Node, ScopeVariable>, depth = 0): boolean {
  if (!node || typeof node !== "object" || depth > 3) return false;
  const n = node as Node;
  if (n.type === "UnaryExpression" && n.operator === "typeof") {
    const arg = n.argument as Node;
    if (arg.type === "Identifier" && arg.name === name) return true;
  }
  if (n.type === "BinaryExpression" && n.operator === "in" && (n.left as Node).type === "Literal" && (n.left as Node).value === name) return true;
  if (n.type === "Identifier") {
    const v = resolve.get(n);
    const def = v && v.defs.length === 1 ? v.defs[0].node : null;
    return !!def && def.type === "VariableDeclarator" && testsFor(def.init, name, resolve, depth + 1);
  }
  if (/Function/.test(n.type)) return false;
  return Object.keys(n).some((k) => {
    const v = n[k];
    return Array.isArray(v) ? v.some((x) => testsFor(x, name, resolve, depth)) : typeof v === "object" && testsFor(v, name, resolve, depth);
  });
}

/**
 * A read is guarded when it is `typeof X`, sits under a condition that tests for X, or
 * runs inside a try block with a catch (the code expects it may throw).
 */
function guarded(id: Node, name: string, parentOf: Map<Node, Node>, resolve: Map<Node, ScopeVariable>): boolean {
  let child = id;
  for (let p = parentOf.get(id); p; child = p, p = parentOf.get(p)) {
    if (p.type === "UnaryExpression" && p.operator === "typeof") return true;
    if ((p.type === "IfStatement" || p.type === "ConditionalExpression") && child !== p.test && testsFor(p.test, name, resolve)) return true;
    if (p.type === "LogicalExpression" && child === p.right && testsFor(p.left, name, resolve)) return true;
    if (p.type === "TryStatement" && child === p.block && p.handler) return true;
  }
  return false;
}

/** Global names a script reads without a guard, each with a snippet of the first place. */
function unguardedGlobalReads(code: string): Map<string, string> {
  const ast = parse(code, { ecmaVersion: 5, sourceType: "script", ranges: true }) as unknown as Node;
  const scopes = analyze(ast, { ecmaVersion: 5, sourceType: "script" });
  const parentOf = parents(ast);
  const resolve = new Map<Node, ScopeVariable>();
  for (const scope of scopes.scopes) for (const ref of scope.references) if (ref.resolved) resolve.set(ref.identifier, ref.resolved);
  const out = new Map<string, string>();
  for (const ref of scopes.globalScope.through) {
    if (!ref.isRead()) continue;
    const id = ref.identifier;
    if (out.has(id.name) || guarded(id, id.name, parentOf, resolve)) continue;
    out.set(id.name, code.slice(Math.max(0, id.range[0] - 40), id.range[1] + 40));
  }
  return out;
}

describe("global names the built scripts read", () => {
  test("every unguarded global read exists in IE11 once the polyfills ran (or is office.js's)", () => {
    // IE11 as the pages have it: stripped, then the polyfills bundle.
    const polyfills = bundles.entrypoints.polyfills;
    const probe = openPage({
      html: `<!doctype html><html><head></head><body>${polyfills.map((f) => `<script src="${f}"></script>`).join("")}</body></html>`,
      url: `${BUNDLE_HOST}/probe.html`,
      ie11: true,
      script: (src) => file(src),
      officeJs: () => undefined,
    });
    probe.load();
    expect(probe.problems).toEqual([]);
    const available = (name: string): boolean => name in probe.window;
    const fromOfficeJs = ["Office", "Excel", "OfficeExtension"];

    // The initial scripts of both pages and the training sample's chunk: all IE11 ever
    // runs (consolidation's ExcelJS chunk states that it needs a modern webview).
    const scripts = [...bundles.entrypoints.polyfills, ...bundles.entrypoints.taskpane, ...bundles.entrypoints.commands];
    const sample = readdirSync(bundles.dir).filter((f) => /^sample\.[0-9a-f]{8}\.js$/.test(f));
    expect(sample).toHaveLength(1);
    const missing: string[] = [];
    for (const script of [...new Set([...scripts, ...sample])]) {
      for (const [name, where] of unguardedGlobalReads(file(script))) {
        if (fromOfficeJs.indexOf(name) >= 0 || available(name)) continue;
        missing.push(`${script}: ${name} in …${where}…`);
      }
    }
    probe.close();
    expect(missing).toEqual([]);
  });
});

/** The IE11 page after the polyfills bundle: what the pages' own scripts can count on. */
function polyfilledPage(): Page {
  const page = openPage({
    html: `<!doctype html><html><head></head><body>${bundles.entrypoints.polyfills.map((f) => `<script src="${f}"></script>`).join("")}</body></html>`,
    url: `${BUNDLE_HOST}/probe.html`,
    ie11: true,
    script: (src) => file(src),
    officeJs: () => undefined,
  });
  page.load();
  return page;
}

/** DOM mixins (not globals) and the interface whose prototype carries their members. */
const MIXIN_HOST: Record<string, string> = {
  ParentNode: "Element", ChildNode: "Element", NonDocumentTypeChildNode: "Element", InnerHTML: "Element", ARIAMixin: "Element",
  Animatable: "Element", ElementCSSInlineStyle: "HTMLElement", HTMLOrSVGElement: "HTMLElement", GlobalEventHandlers: "HTMLElement",
  ElementContentEditable: "HTMLElement", DocumentOrShadowRoot: "Document", Body: "Response",
};
/** ECMAScript interfaces and the object that carries their members at run time. */
const ES_HOST: Record<string, string> = { ReadonlyArray: "Array.prototype", ReadonlyMap: "Map.prototype", ReadonlySet: "Set.prototype", Math: "Math", JSON: "JSON" };

describe("library members the sources use", () => {
  test("every ES2015+ or DOM member used by code in the pages' scripts exists in IE11 once the polyfills ran", () => {
    // The sources webpack put in the pages' initial scripts (not consolidation's chunk, which asks for a modern webview).
    const shipped = new Set<string>();
    for (const id of bundles.initialModules) {
      const m = /([^!|?]*[\\/]src[\\/][^!|?]*\.ts)/.exec(id);
      if (m) shipped.add(m[1]);
    }
    expect(shipped.size).toBeGreaterThan(20);
    const root = join(__dirname, "..");
    const config = ts.parseJsonConfigFileContent(ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile).config, ts.sys, root);
    const program = ts.createProgram({ rootNames: [...shipped], options: { ...config.options, noEmit: true } });
    const checker = program.getTypeChecker();

    /** Whether a function around a node (the innermost up to the outermost) tests `typeof name`. */
    const detects = (node: ts.Node, name: string): boolean => {
      let found = false;
      const look = (n: ts.Node): void => {
        if (ts.isTypeOfExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) found = true;
        if (!found) ts.forEachChild(n, look);
      };
      for (let scope: ts.Node | undefined = node.parent; scope && !found; scope = scope.parent) {
        if (ts.isFunctionLike(scope)) look(scope);
      }
      return found;
    };

    // Owner.member → where first used, and whether every use sits in a function that tests
    // for the owner, for members declared only in TypeScript's lib files other than
    // lib.es5.d.ts (ES5 is IE11's baseline).
    const used = new Map<string, { where: string; detected: boolean }>();
    for (const sf of program.getSourceFiles()) {
      if (!shipped.has(sf.fileName) && !shipped.has(sf.fileName.replace(/\//g, "\\"))) continue;
      const visit = (node: ts.Node): void => {
        const name = ts.isPropertyAccessExpression(node) ? node.name : ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node.parent) ? node : null;
        let sym = name ? checker.getSymbolAtLocation(name) : undefined;
        if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
        const decls = (sym && sym.declarations) || [];
        const libs = decls.map((d) => basename(d.getSourceFile().fileName));
        if (name && decls.length && libs.every((f) => /^lib\..+\.d\.ts$/.test(f)) && libs.indexOf("lib.es5.d.ts") < 0 && !(sym!.flags & ts.SymbolFlags.Type && !(sym!.flags & ts.SymbolFlags.Value))) {
          const parent = decls[0].parent as ts.Node & { name?: ts.Identifier };
          const owner = ts.isInterfaceDeclaration(parent) || ts.isModuleDeclaration(parent) ? parent.name!.text : "(global)";
          const key = `${owner}.${sym!.name}`;
          const seen = used.get(key);
          const detected = detects(node, owner);
          if (!seen) used.set(key, { where: `${relative(root, sf.fileName)}:${sf.getLineAndCharacterOfPosition(name.getStart()).line + 1}`, detected });
          else seen.detected = seen.detected && detected;
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    expect(used.size).toBeGreaterThan(20);

    const stripped = openPage({ html: "<!doctype html><html><body></body></html>", url: `${BUNDLE_HOST}/probe.html`, ie11: true, script: () => "", officeJs: () => undefined });
    const page = polyfilledPage();
    try {
      const g = page.window as unknown as Record<string, unknown>;
      const before = stripped.window as unknown as Record<string, unknown>;
      const hostOf = (owner: string): { object: unknown; polyfilled: boolean } | null => {
        if (owner === "(global)" || owner === "Window" || owner === "WindowOrWorkerGlobalScope") return { object: g, polyfilled: false };
        const path = ES_HOST[owner] || (/Constructor$/.test(owner) ? owner.replace(/Constructor$/, "") : `${MIXIN_HOST[owner] || owner}.prototype`);
        const base = path.split(".")[0];
        let object: unknown = g;
        for (const step of path.split(".")) object = object && (object as Record<string, unknown>)[step];
        return object ? { object, polyfilled: !(base in before) } : null;
      };
      const missing: string[] = [];
      for (const [key, { where, detected }] of used) {
        const dot = key.indexOf(".");
        const owner = key.slice(0, dot);
        const member = key.slice(dot + 1);
        const host = hostOf(owner);
        // A type IE11 lacks is fine where the code tests for it first (`typeof AbortController`).
        if (!host) {
          if (!detected) missing.push(`${key} (${where}): no ${owner} in IE11, and no typeof ${owner} test`);
        }
        // A polyfill's own types (fetch's Response) may set members per instance: trusted.
        else if (!(member in (host.object as object)) && !host.polyfilled) missing.push(`${key} (${where})`);
      }
      expect(missing).toEqual([]);
    } finally {
      page.close();
      stripped.close();
    }
  });
});

