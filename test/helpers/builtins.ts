/**
 * Static passes over what IE11 would run, for the code paths a test run does not reach:
 * - unguardedGlobalReads: the global names a built script reads without a guard
 *   (eslint-scope's analysis of the ES5 bundle);
 * - libraryMembersUsed: the members of ES2015+ and DOM library types that TypeScript
 *   sources use (resolved by the type checker);
 * - missingInPage: which of those members a page (IE11 after the polyfills) lacks.
 */
import { parse } from "acorn";
import { basename, join, relative } from "path";
import * as ts from "typescript";

// ---------------------------------------------------------------- global reads of a bundle

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
export function unguardedGlobalReads(code: string): Map<string, string> {
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

// ---------------------------------------------------------------- library members of the sources

export interface MemberUse {
  /** Where it is first used, file:line. */
  where: string;
  /** Every use sits in a function that tests `typeof Owner` (feature detection). */
  detected: boolean;
}

/** Whether a function around a node (the innermost up to the outermost) tests `typeof name`. */
function detects(node: ts.Node, name: string): boolean {
  let found = false;
  const look = (n: ts.Node): void => {
    if (ts.isTypeOfExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) found = true;
    if (!found) ts.forEachChild(n, look);
  };
  for (let scope: ts.Node | undefined = node.parent; scope && !found; scope = scope.parent) {
    if (ts.isFunctionLike(scope)) look(scope);
  }
  return found;
}

/**
 * `Owner.member` for every member, in the given sources, declared only in TypeScript's lib
 * files other than lib.es5.d.ts (ES5 is IE11's baseline): ES2015+ built-ins and the DOM.
 */
export function libraryMembersUsed(sources: string[]): Map<string, MemberUse> {
  const root = join(__dirname, "..", "..");
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile).config, ts.sys, root);
  const program = ts.createProgram({ rootNames: sources, options: { ...config.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const wanted = new Set(sources.map((f) => f.replace(/\\/g, "/")));
  const used = new Map<string, MemberUse>();
  for (const sf of program.getSourceFiles()) {
    if (!wanted.has(sf.fileName.replace(/\\/g, "/"))) continue;
    const visit = (node: ts.Node): void => {
      const name = ts.isPropertyAccessExpression(node) ? node.name : ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node.parent) ? node : null;
      let sym = name ? checker.getSymbolAtLocation(name) : undefined;
      if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
      const decls = (sym && sym.declarations) || [];
      const libs = decls.map((d) => basename(d.getSourceFile().fileName));
      const isValue = !!sym && !!(sym.flags & ts.SymbolFlags.Value);
      if (name && sym && isValue && decls.length && libs.every((f) => /^lib\..+\.d\.ts$/.test(f)) && libs.indexOf("lib.es5.d.ts") < 0) {
        const parent = decls[0].parent as ts.Node & { name?: ts.Identifier };
        const owner = (ts.isInterfaceDeclaration(parent) || ts.isModuleDeclaration(parent)) && parent.name ? parent.name.text : "(global)";
        const key = `${owner}.${sym.name}`;
        const detected = detects(node, owner);
        const seen = used.get(key);
        if (!seen) used.set(key, { where: `${relative(root, sf.fileName)}:${sf.getLineAndCharacterOfPosition(name.getStart()).line + 1}`, detected });
        else seen.detected = seen.detected && detected;
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return used;
}

/** DOM mixins (not globals) and the interface whose prototype carries their members. */
const MIXIN_HOST: Record<string, string> = {
  ParentNode: "Element", ChildNode: "Element", NonDocumentTypeChildNode: "Element", InnerHTML: "Element", ARIAMixin: "Element",
  Animatable: "Element", ElementCSSInlineStyle: "HTMLElement", HTMLOrSVGElement: "HTMLElement", GlobalEventHandlers: "HTMLElement",
  ElementContentEditable: "HTMLElement", DocumentOrShadowRoot: "Document", Body: "Response",
};
/** ECMAScript interfaces and the object that carries their members at run time. */
const ES_HOST: Record<string, string> = { ReadonlyArray: "Array.prototype", ReadonlyMap: "Map.prototype", ReadonlySet: "Set.prototype", Math: "Math", JSON: "JSON" };

/**
 * The members a page lacks. `before` is the same page before its polyfills: a type the
 * polyfills bring (fetch's Response) may set members per instance, so its members are
 * trusted; a type the page lacks altogether is fine where the code tests for it first.
 */
export function missingInPage(used: Map<string, MemberUse>, page: object, before: object): string[] {
  const g = page as Record<string, unknown>;
  const hostOf = (owner: string): { object: object; polyfilled: boolean } | null => {
    if (owner === "(global)" || owner === "Window" || owner === "WindowOrWorkerGlobalScope") return { object: g, polyfilled: false };
    const path = ES_HOST[owner] || (/Constructor$/.test(owner) ? owner.replace(/Constructor$/, "") : `${MIXIN_HOST[owner] || owner}.prototype`);
    let object: unknown = g;
    for (const step of path.split(".")) object = object && (object as Record<string, unknown>)[step];
    return object ? { object: object as object, polyfilled: !(path.split(".")[0] in before) } : null;
  };
  const missing: string[] = [];
  used.forEach(({ where, detected }, key) => {
    const dot = key.indexOf(".");
    const owner = key.slice(0, dot);
    const host = hostOf(owner);
    if (!host) {
      if (!detected) missing.push(`${key} (${where}): no ${owner} in IE11, and no typeof ${owner} test`);
    } else if (!(key.slice(dot + 1) in host.object) && !host.polyfilled) missing.push(`${key} (${where})`);
  });
  return missing;
}
