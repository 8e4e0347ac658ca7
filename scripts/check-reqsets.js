#!/usr/bin/env node
/**
 * Lists every Office.js member the add-in's code uses, with the requirement set it needs,
 * and fails when a use above the manifest's floor is not behind a capability check.
 *
 *   npm run reqsets                          the table for src/; exit 1 on an unguarded use
 *   node scripts/check-reqsets.js [options] [files or folders…]   (default: src)
 *     --manifest <file>   the floor, from its <Requirements> (default manifest.xml)
 *     --allow <file>      known violations (default scripts/reqsets-allow.txt; "none": none)
 *     --project <file>    tsconfig for the compiler options (default tsconfig.json)
 *     --quiet             print only problems and the summary line
 *   Exit: 0 every use holds, 1 an unguarded use above the floor, 2 the check could not run.
 *
 * USES. The TypeScript compiler with its type checker reads the code, so a use is whatever
 * resolves to a declaration in @types/office-js, with the set of that declaration's
 * `[Api set: …]` tag:
 *   call    a method call (`ws.protection.protect()`), also `Excel.run`;
 *   write   a property write (`range.format.fill.color = …`, `+=`, `++`): the version for
 *           setting, when the tag gives one ("1.1 for reading visibility; 1.2 for setting");
 *   load    a property named in `load()`: each path of a string (`"items/protection/protected"`,
 *           resolved step by step from the type load is called on) and each key of a
 *           *LoadOptions object;
 *   option  a key of an object literal Office.js types (`set({…})`, `protect({…})`, a
 *           data-validation rule): counted when it is newer than its own type, otherwise
 *           the call that takes the object carries the requirement;
 *   read    a property read. It sends nothing to Excel (a navigation property builds a
 *           path, a scalar returns what a load fetched), so reads are listed, not checked.
 * A function of ours documented `@requires ExcelApi x.y` is a use (call) of x.y where it
 * is called. A tag that names a variant only ("1.7 for password") counts at its type's
 * version; the variant is shown in the table.
 *
 * THE FLOOR is what manifest.xml's <Requirements> declares (ExcelApi 1.1 today). A use of a
 * set above the floor, or of a set the manifest does not name, must be behind a check.
 *
 * "BEHIND A CHECK", precisely. Walking outwards from the use, each enclosing construct may
 * prove that the running Excel has some ExcelApi version; the use holds when the highest
 * version proven is at least the one it needs.
 *   - `if (C) use`, `C ? use : …`, `C && use` prove what C proves; `else use`,
 *     `C ? … : use`, `C || use` prove what `!C` proves;
 *   - an earlier statement of the same block, `if (C) return|throw|continue|break …;` (or a
 *     block ending so), proves what `!C` proves;
 *   - `for (const x of V)` and `V.forEach(…)` prove, inside the loop, what C proves when V
 *     is a `const` initialised to `C ? … : []` (the loop does not run otherwise);
 *   - a use on `V.…` proves what C proves when V is a `const` initialised to
 *     `C ? … : null|undefined` or `C && …` (strict null checks make every use test V);
 *   - a function documented `@requires ExcelApi x.y` proves x.y inside it.
 * A condition C proves:
 *   - `caps.flag`, where caps has the type `Capabilities` of src/adapters/office/capabilities.ts:
 *     the version detectCapabilities() probes for that flag (`protection: has("1.2")` → 1.2),
 *     read from that function itself;
 *   - `Office.context.requirements.isSetSupported("ExcelApi", "x.y")`, or a call `f("x.y")`
 *     of a function of ours that passes its parameter on as that version: x.y;
 *   - `A && B` the higher of the two, `A || B` the lower, `(A)` and `!!A` as A;
 *   - a `const` whose initial value proves something: the same.
 * Conditions are lexical: a callback written inside a guarded branch is guarded.
 *
 * KNOWN VIOLATIONS may be listed in the allow-list file, one per line, with a comment:
 *   <Owner.member> <call|write|load|option> <file>[#function]   # why, and what fixes it
 * An entry covers that member and access in that file (in that function, when named).
 * An entry that no longer matches an unguarded use fails the check too (it would let a new
 * violation in): delete it when its fix lands.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const ts = require("typescript");

const ROOT = path.join(__dirname, "..");
const OFFICE_TYPES = path.sep + path.join("@types", "office-js", "index.d.ts");
const CAPABILITIES_FILE = path.join(ROOT, "src", "adapters", "office", "capabilities.ts");

// ---------------------------------------------------------------- versions and tags

function compareVersions(a, b) {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d) return d;
  }
  return 0;
}

/**
 * Parses an `[Api set: …]` tag into the set and the version for reading and for writing.
 * `ExcelApi 1.1 for reading visibility; 1.2 for setting it.` → read 1.1, write 1.2.
 */
function parseApiSet(text) {
  const m = /\[Api set:\s*([^\]]*)\]/.exec(text);
  if (!m) return null;
  const body = m[1].trim();
  const first = /^([A-Za-z]+)\s+(\d+\.\d+)/.exec(body);
  if (!first) return { set: body, read: null, write: null, note: body };
  const set = first[1];
  const base = first[2];
  let write = base;
  const forSet = /(\d+\.\d+)\s+for\s+(setting|set)\b/i.exec(body);
  if (forSet) write = forSet[1];
  const plain = body === `${set} ${base}`;
  // "ExcelApi 1.7 for password": only a variant is tagged; the member itself is as old as its type.
  const variantOnly = new RegExp(`^${set}\\s+${base.replace(".", "\\.")}\\s+for\\s+(?!reading|getting|get\\b)`, "i").test(body);
  return { set, read: base, write, note: plain ? "" : body, variantOnly };
}

/**
 * The `[Api set: …]` tag of a declaration, or null. A tag that only names a variant ("1.7
 * for password") takes its base version from the enclosing class or interface.
 */
function apiSetOf(decl) {
  const own = ownApiSet(decl);
  if (own && own.variantOnly && decl.parent) {
    const owner = ownApiSet(decl.parent);
    if (owner && owner.set === own.set) return { set: own.set, read: owner.read, write: owner.read, note: own.note, variantOnly: false };
  }
  return own;
}

function ownApiSet(decl) {
  const tags = ts.getJSDocTags(decl);
  for (const tag of tags) {
    const text = typeof tag.comment === "string" ? tag.comment : ts.getTextOfJSDocComment(tag.comment) || "";
    const parsed = parseApiSet(text);
    if (parsed) return parsed;
  }
  // Some declarations carry the tag in the main comment.
  const jsDoc = decl.jsDoc || [];
  for (const doc of jsDoc) {
    const text = typeof doc.comment === "string" ? doc.comment : ts.getTextOfJSDocComment(doc.comment) || "";
    const parsed = parseApiSet(text);
    if (parsed) return parsed;
  }
  return null;
}

/** `@requires ExcelApi 1.8` on a function of ours. */
function requiresTagOf(decl) {
  for (const tag of ts.getJSDocTags(decl)) {
    if (tag.tagName.text !== "requires") continue;
    const text = typeof tag.comment === "string" ? tag.comment : ts.getTextOfJSDocComment(tag.comment) || "";
    const m = /^\s*([A-Za-z]+)\s+(\d+\.\d+)/.exec(text);
    if (m) return { set: m[1], version: m[2] };
  }
  return null;
}

// ---------------------------------------------------------------- the manifest floor

function readFloor(manifestFile) {
  const xml = fs.readFileSync(manifestFile, "utf8").replace(/<!--[\s\S]*?-->/g, "");
  const req = /<Requirements>([\s\S]*?)<\/Requirements>/.exec(xml);
  if (!req) throw new Error(`${manifestFile}: no <Requirements>`);
  const sets = /<Sets\b([^>]*)>([\s\S]*?)<\/Sets>/.exec(req[1]);
  if (!sets) throw new Error(`${manifestFile}: no <Sets> in <Requirements>`);
  const def = /DefaultMinVersion="([^"]+)"/.exec(sets[1]);
  const floor = {};
  for (const m of sets[2].matchAll(/<Set\b([^>]*)\/?>/g)) {
    const name = /Name="([^"]+)"/.exec(m[1]);
    const min = /MinVersion="([^"]+)"/.exec(m[1]);
    if (name) floor[name[1]] = min ? min[1] : def ? def[1] : "1.1";
  }
  return floor;
}

// ---------------------------------------------------------------- program

function readCompilerOptions(project) {
  const config = ts.readConfigFile(project, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, path.dirname(project));
  return { ...parsed.options, noEmit: true };
}

function sourceFilesUnder(entries) {
  const out = [];
  const visit = (p) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) visit(path.join(p, name));
    } else if (/\.ts$/.test(p) && !/\.d\.ts$/.test(p)) {
      out.push(path.resolve(p));
    }
  };
  for (const e of entries) visit(e);
  return out;
}

// ---------------------------------------------------------------- capabilities

/**
 * Flag → ExcelApi version, read from detectCapabilities() in capabilities.ts: its returned
 * object literal maps each flag to has("x.y").
 */
function capabilityLevels(program) {
  for (const sf of program.getSourceFiles()) {
    if (path.resolve(sf.fileName) !== CAPABILITIES_FILE) continue;
    const levels = {};
    const visit = (node) => {
      if (ts.isFunctionDeclaration(node) && node.name && node.name.text === "detectCapabilities") {
        const find = (n) => {
          if (ts.isReturnStatement(n) && n.expression && ts.isObjectLiteralExpression(n.expression)) {
            for (const p of n.expression.properties) {
              if (!ts.isPropertyAssignment(p) || !ts.isCallExpression(p.initializer)) continue;
              const arg = p.initializer.arguments[0];
              if (arg && ts.isStringLiteral(arg)) levels[p.name.getText(sf)] = arg.text;
            }
          }
          ts.forEachChild(n, find);
        };
        find(node);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    if (Object.keys(levels).length) return { file: sf.fileName, levels };
  }
  throw new Error("check-reqsets: could not read the capability levels from detectCapabilities() in src/adapters/office/capabilities.ts");
}

// ---------------------------------------------------------------- the analysis

const CHECKED = new Set(["call", "write", "load", "option"]);
let lastProgram;

/**
 * The uses in some files, each with the highest ExcelApi version proven where it stands.
 * Kept per file set: a test may judge the same files against several floors and lists.
 */
const analyses = new Map();
function analyse(files, project) {
  const key = JSON.stringify([project, files]);
  if (analyses.has(key)) return analyses.get(key);
  // capabilities.ts is always in the program: its detectCapabilities() says what each flag proves.
  const rootNames = files.indexOf(CAPABILITIES_FILE) >= 0 ? files : files.concat(CAPABILITIES_FILE);
  // Reusing the last program spares parsing @types/office-js again.
  const program = ts.createProgram({ rootNames, options: readCompilerOptions(project), oldProgram: lastProgram });
  lastProgram = program;
  const checker = program.getTypeChecker();
  const caps = capabilityLevels(program);
  const uses = collectUses(program, checker, new Set(files));
  const guards = makeGuards(checker, caps);
  for (const u of uses) {
    u.proven = u.set === "ExcelApi" && CHECKED.has(u.access) && !u.sameAsType ? guards.provenAt(u.node) : null;
    delete u.node;
  }
  const result = { capabilities: caps.levels, uses };
  analyses.set(key, result);
  return result;
}

/**
 * @param {{ files?: string[], manifest?: string, allow?: string|null, project?: string }} options
 */
function checkReqsets(options = {}) {
  const project = options.project || path.join(ROOT, "tsconfig.json");
  const manifest = options.manifest || path.join(ROOT, "manifest.xml");
  const files = sourceFilesUnder(options.files && options.files.length ? options.files : [path.join(ROOT, "src")]);
  const floor = readFloor(manifest);
  const analysis = analyse(files, project);
  const allow = readAllowList(options.allow === undefined ? path.join(ROOT, "scripts", "reqsets-allow.txt") : options.allow);
  const uses = analysis.uses.map((x) => ({ ...x }));
  for (const u of uses) {
    const floorVersion = u.set ? floor[u.set] : undefined;
    if (!u.set || !u.version) u.status = "untagged";
    else if (!CHECKED.has(u.access) || u.sameAsType) u.status = "no request";
    else if (floorVersion && compareVersions(u.version, floorVersion) <= 0) u.status = "floor";
    else if (u.proven && compareVersions(u.proven, u.version) >= 0) u.status = "guarded";
    else {
      const entry = allow.entries.find((e) => e.member === u.member && e.access === u.access && e.file === u.file && (!e.fn || e.fn === u.fn));
      if (entry) {
        entry.used = true;
        u.status = "allowed";
      } else u.status = "UNGUARDED";
    }
  }
  const violations = uses.filter((u) => u.status === "UNGUARDED");
  return {
    floor,
    capabilities: analysis.capabilities,
    uses,
    violations,
    allowed: uses.filter((u) => u.status === "allowed"),
    staleAllow: allow.entries.filter((e) => !e.used),
    // A line left after its fix would let a new violation of that member in; it fails too.
    ok: violations.length === 0 && allow.entries.every((e) => e.used),
  };
}

// ---------------------------------------------------------------- finding uses

function collectUses(program, checker, inScope) {
  const isOfficeDecl = (decl) => decl.getSourceFile().fileName.replace(/\//g, path.sep).endsWith(OFFICE_TYPES);

  /** The Office.js declaration (and its tag) a symbol stands for, if any. */
  function officeDeclaration(symbol) {
    if (!symbol) return null;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const decl = (symbol.declarations || []).find(isOfficeDecl);
    return decl ? { decl, tag: apiSetOf(decl) } : null;
  }

  function ownerName(decl) {
    const parts = [];
    for (let n = decl.parent; n; n = n.parent) {
      if ((ts.isClassDeclaration(n) || ts.isInterfaceDeclaration(n) || ts.isModuleDeclaration(n) || ts.isEnumDeclaration(n)) && n.name) {
        parts.unshift(n.name.text);
      }
    }
    return parts.concat(decl.name ? decl.name.getText() : "?").join(".");
  }

  const uses = [];
  function add(node, sf, fields) {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    uses.push({
      ...fields,
      file: path.relative(ROOT, sf.fileName).split(path.sep).join("/"),
      fn: enclosingFunctionName(node),
      line: line + 1,
      column: character + 1,
      node,
    });
  }
  function addOffice(node, sf, info, access, sameAsType = false) {
    const tag = info.tag;
    add(node, sf, {
      member: ownerName(info.decl),
      access,
      set: tag ? tag.set : null,
      version: tag ? (access === "write" ? tag.write : tag.read) : null,
      note: tag ? tag.note : "",
      sameAsType,
    });
  }

  function accessOf(node) {
    const p = node.parent;
    const k = ts.isBinaryExpression(p) ? p.operatorToken.kind : -1;
    if (ts.isBinaryExpression(p) && p.left === node && k >= ts.SyntaxKind.FirstAssignment && k <= ts.SyntaxKind.LastAssignment) return "write";
    if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) {
      return "write";
    }
    if (ts.isCallExpression(p) && p.expression === node) return "call";
    return "read";
  }

  /** The type of property `name` of `type`, through arrays (`items`). */
  function stepInto(type, name, at) {
    const prop = type.getProperty(name);
    if (!prop) return null;
    let t = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(prop, at));
    if (checker.isArrayType(t)) t = checker.getTypeArguments(t)[0];
    return { prop, type: t };
  }

  /** `x.load("a, b/c")`: each path, property by property. */
  function loadStringUses(call, sf) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "load") return;
    if (!officeDeclaration(checker.getSymbolAtLocation(callee.name))) return;
    const receiver = checker.getTypeAtLocation(callee.expression);
    const literals = [];
    const collect = (e) => {
      if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) literals.push(e);
      else if (!ts.isObjectLiteralExpression(e)) ts.forEachChild(e, collect);
    };
    call.arguments.forEach(collect);
    for (const lit of literals) {
      for (const p of lit.text.split(",").map((x) => x.trim()).filter(Boolean)) {
        let type = receiver;
        for (const name of p.split("/")) {
          const step = stepInto(type, name, lit);
          if (!step) break;
          const info = officeDeclaration(step.prop);
          if (info) addOffice(lit, sf, info, "load");
          type = step.type;
        }
      }
    }
  }

  /** Keys of an object literal typed by Office.js. */
  function objectLiteralUses(obj, sf) {
    const contextual = checker.getContextualType(obj);
    if (!contextual) return;
    for (const p of obj.properties) {
      if (!(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) || !p.name) continue;
      const name = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : null;
      if (!name) continue;
      for (const t of contextual.isUnion() ? contextual.types : [contextual]) {
        const prop = checker.getPropertyOfType(t, name);
        const info = prop && officeDeclaration(prop);
        if (!info) continue;
        const ownerDecl = info.decl.parent;
        const owner = ownerDecl && ownerDecl.name ? ownerDecl.name.text : "";
        const access = /LoadOptions$/.test(owner) ? "load" : /UpdateData$/.test(owner) ? "write" : "option";
        // As old as the type that holds it: the call taking the object carries the requirement.
        const typeTag = ownerDecl ? ownApiSet(ownerDecl) : null;
        const own = info.tag ? (access === "write" ? info.tag.write : info.tag.read) : null;
        const sameAsType = !!typeTag && !!info.tag && typeTag.set === info.tag.set && !!own && compareVersions(own, typeTag.read) <= 0;
        addOffice(p.name, sf, info, access, sameAsType);
        break;
      }
    }
  }

  /** A call of a function of ours documented `@requires ExcelApi x.y`. */
  function requiresUse(call, sf) {
    const sym = checker.getSymbolAtLocation(call.expression);
    const target = sym && sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
    const decl = target && target.valueDeclaration;
    if (!decl || isOfficeDecl(decl)) return;
    const req = requiresTagOf(ts.isVariableDeclaration(decl) ? decl.parent.parent : decl);
    if (req) add(call, sf, { member: `${target.name}()`, access: "call", set: req.set, version: req.version, note: "@requires", sameAsType: false });
  }

  for (const sf of program.getSourceFiles()) {
    if (!inScope.has(path.resolve(sf.fileName))) continue;
    const visit = (node) => {
      if (ts.isPropertyAccessExpression(node)) {
        const info = officeDeclaration(checker.getSymbolAtLocation(node.name));
        const access = info ? accessOf(node) : "";
        if (info && access === "call" && !info.tag && ts.isPropertyAccessExpression(node.expression)) {
          // An untagged method (load, an event's add) on a tagged member: the request is about that member.
          const on = officeDeclaration(checker.getSymbolAtLocation(node.expression.name));
          if (on && on.tag) {
            add(node.name, sf, { member: `${ownerName(on.decl)}.${node.name.text}`, access, set: on.tag.set, version: on.tag.read, note: on.tag.note, sameAsType: false });
          } else addOffice(node.name, sf, info, access);
        } else if (info) addOffice(node.name, sf, info, access);
      } else if (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression)) {
        const info = officeDeclaration(checker.getSymbolAtLocation(node.argumentExpression));
        if (info) addOffice(node.argumentExpression, sf, info, accessOf(node));
      } else if (ts.isObjectLiteralExpression(node)) {
        objectLiteralUses(node, sf);
      }
      if (ts.isCallExpression(node)) {
        loadStringUses(node, sf);
        requiresUse(node, sf);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return uses;
}

/** The name of the function a node is in (a declaration, a method, or `const f = () => …`). */
function enclosingFunctionName(node) {
  for (let p = node.parent; p; p = p.parent) {
    if ((ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p)) && p.name) return p.name.getText();
    if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && ts.isVariableDeclaration(p.parent) && ts.isIdentifier(p.parent.name)) return p.parent.name.text;
  }
  return "";
}

// ---------------------------------------------------------------- guards

function makeGuards(checker, caps) {
  const maxV = (a, b) => (!a ? b : !b ? a : compareVersions(a, b) >= 0 ? a : b);
  const minV = (a, b) => (!a || !b ? null : compareVersions(a, b) <= 0 ? a : b);
  const unwrap = (e) => {
    while (e && ts.isParenthesizedExpression(e)) e = e.expression;
    return e;
  };

  const isCapabilities = (expr) => {
    const type = checker.getTypeAtLocation(expr);
    const sym = type && (type.aliasSymbol || type.getSymbol());
    const decl = sym && sym.declarations && sym.declarations[0];
    return !!decl && sym.name === "Capabilities" && path.resolve(decl.getSourceFile().fileName) === path.resolve(caps.file);
  };

  /** The `const` declaration an identifier refers to, if any. */
  function constDeclaration(id) {
    const sym = checker.getSymbolAtLocation(id);
    const decl = sym && sym.valueDeclaration;
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) return decl;
    return null;
  }

  /** `f("1.2")` where f passes its parameter on to isSetSupported("ExcelApi", param). */
  function wrapperVersion(call) {
    const arg = call.arguments[0];
    if (!arg || !ts.isStringLiteral(arg)) return null;
    const sym = checker.getSymbolAtLocation(call.expression);
    const decl = sym && sym.valueDeclaration;
    const fn = decl && ts.isVariableDeclaration(decl) ? decl.initializer : decl;
    if (!fn || !ts.isFunctionLike(fn) || !fn.parameters || !fn.parameters.length || !fn.body) return null;
    const param = fn.parameters[0].name;
    if (!ts.isIdentifier(param)) return null;
    let passes = false;
    const look = (n) => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "isSetSupported") {
        const [setName, version] = n.arguments;
        if (setName && ts.isStringLiteral(setName) && setName.text === "ExcelApi" && version && ts.isIdentifier(version) && version.text === param.text) passes = true;
      }
      ts.forEachChild(n, look);
    };
    look(fn.body);
    return passes ? arg.text : null;
  }

  /** The ExcelApi version that `expr` being truthy (or falsy, when negated) proves. */
  function proves(expr, negated, depth = 0) {
    expr = unwrap(expr);
    if (!expr || depth > 4) return null;
    if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.ExclamationToken) return proves(expr.operand, !negated, depth);
    if (ts.isBinaryExpression(expr)) {
      const op = expr.operatorToken.kind;
      const a = () => proves(expr.left, negated, depth);
      const b = () => proves(expr.right, negated, depth);
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) return negated ? minV(a(), b()) : maxV(a(), b());
      if (op === ts.SyntaxKind.BarBarToken) return negated ? maxV(a(), b()) : minV(a(), b());
      return null;
    }
    if (negated) return null;
    if (ts.isPropertyAccessExpression(expr) && isCapabilities(expr.expression)) return caps.levels[expr.name.text] || null;
    if (ts.isCallExpression(expr)) {
      if (ts.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === "isSetSupported") {
        const [name, version] = expr.arguments;
        return name && version && ts.isStringLiteral(name) && ts.isStringLiteral(version) && name.text === "ExcelApi" ? version.text : null;
      }
      return wrapperVersion(expr);
    }
    // `C ? A : null` is truthy only when C is.
    if (ts.isConditionalExpression(expr) && isFalsy(unwrap(expr.whenFalse))) return proves(expr.condition, false, depth);
    if (ts.isIdentifier(expr)) {
      const decl = constDeclaration(expr);
      return decl ? proves(decl.initializer, false, depth + 1) : null;
    }
    return null;
  }

  /** What a value `V` being present proves: `const V = C ? A : empty` or `C && A`. */
  function presenceProves(id, emptyOk) {
    const decl = constDeclaration(id);
    if (!decl) return null;
    const init = unwrap(decl.initializer);
    if (ts.isConditionalExpression(init) && emptyOk(unwrap(init.whenFalse))) return proves(init.condition, false);
    if (ts.isBinaryExpression(init) && init.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return proves(init.left, false);
    return null;
  }
  const isFalsy = (e) =>
    e.kind === ts.SyntaxKind.NullKeyword || e.kind === ts.SyntaxKind.FalseKeyword || (ts.isIdentifier(e) && e.text === "undefined") ||
    (ts.isStringLiteral(e) && e.text === "") || (ts.isNumericLiteral(e) && Number(e.text) === 0);
  const isNothing = (e) => e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === "undefined");
  const isEmptyArray = (e) => ts.isArrayLiteralExpression(e) && e.elements.length === 0;

  /** The root identifier of `a.b.c(…).d`. */
  function rootIdentifier(e) {
    for (;;) {
      e = unwrap(e);
      if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = e.expression;
      else if (ts.isCallExpression(e)) e = e.expression;
      else if (ts.isNonNullExpression(e)) e = e.expression;
      else return ts.isIdentifier(e) ? e : null;
    }
  }

  const exits = (stmt) => {
    if (ts.isReturnStatement(stmt) || ts.isThrowStatement(stmt) || ts.isContinueStatement(stmt) || ts.isBreakStatement(stmt)) return true;
    return ts.isBlock(stmt) && stmt.statements.length > 0 && exits(stmt.statements[stmt.statements.length - 1]);
  };

  /** The highest ExcelApi version proven on the way out from a use. */
  function provenAt(node) {
    let proven = null;
    // The object the use is on, when it only exists under a check (for a load string: the
    // object load is called on).
    let on = null;
    if (ts.isPropertyAccessExpression(node.parent) || ts.isElementAccessExpression(node.parent)) on = node.parent.expression;
    else if (ts.isCallExpression(node.parent) && ts.isPropertyAccessExpression(node.parent.expression)) on = node.parent.expression.expression;
    const root = on && rootIdentifier(on);
    if (root) proven = maxV(proven, presenceProves(root, isNothing));
    let child = node;
    for (let p = node.parent; p; child = p, p = p.parent) {
      if (ts.isIfStatement(p)) {
        if (child === p.thenStatement) proven = maxV(proven, proves(p.expression, false));
        else if (child === p.elseStatement) proven = maxV(proven, proves(p.expression, true));
      } else if (ts.isConditionalExpression(p)) {
        if (child === p.whenTrue) proven = maxV(proven, proves(p.condition, false));
        else if (child === p.whenFalse) proven = maxV(proven, proves(p.condition, true));
      } else if (ts.isBinaryExpression(p) && child === p.right) {
        if (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) proven = maxV(proven, proves(p.left, false));
        if (p.operatorToken.kind === ts.SyntaxKind.BarBarToken) proven = maxV(proven, proves(p.left, true));
      } else if (ts.isForOfStatement(p) && child === p.statement && ts.isIdentifier(unwrap(p.expression))) {
        proven = maxV(proven, presenceProves(unwrap(p.expression), isEmptyArray));
      } else if (ts.isCallExpression(p) && p.arguments.indexOf(child) >= 0 && ts.isPropertyAccessExpression(p.expression) && p.expression.name.text === "forEach") {
        const list = unwrap(p.expression.expression);
        if (ts.isIdentifier(list)) proven = maxV(proven, presenceProves(list, isEmptyArray));
      } else if (ts.isBlock(p) || ts.isSourceFile(p) || ts.isCaseClause(p) || ts.isDefaultClause(p)) {
        for (const st of p.statements) {
          if (st === child) break;
          if (ts.isIfStatement(st) && !st.elseStatement && exits(st.thenStatement)) proven = maxV(proven, proves(st.expression, true));
        }
      }
      if (ts.isFunctionLike(p)) {
        const holder = ts.isVariableDeclaration(p.parent) ? p.parent.parent.parent : p;
        const req = requiresTagOf(holder);
        if (req && req.set === "ExcelApi") proven = maxV(proven, req.version);
      }
    }
    return proven;
  }

  return { provenAt };
}

function readAllowList(file) {
  if (!file || !fs.existsSync(file)) return { entries: [] };
  const entries = [];
  fs.readFileSync(file, "utf8")
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.replace(/#\s.*$|^#.*$/, "").trim();
      if (!line) return;
      const parts = line.split(/\s+/);
      if (parts.length !== 3 || !CHECKED.has(parts[1])) {
        throw new Error(`${file}:${i + 1}: expected "<Owner.member> <call|write|load|option> <file>[#function]   # why"`);
      }
      const [where, fn] = parts[2].split("#");
      entries.push({ member: parts[0], access: parts[1], file: where, fn: fn || "", line: i + 1, used: false, allowFile: file });
    });
  return { entries };
}

// ---------------------------------------------------------------- report

function formatTable(result) {
  const rows = new Map();
  for (const u of result.uses) {
    const key = `${u.member}\u0000${u.access}`;
    let r = rows.get(key);
    if (!r) {
      r = { member: u.member, access: u.access, set: u.set ? `${u.set} ${u.version}` : "(no tag)", version: u.version || "0", note: u.note, uses: 0, statuses: new Set(), where: [] };
      rows.set(key, r);
    }
    r.uses++;
    r.statuses.add(u.status);
    if (u.status === "UNGUARDED" || u.status === "allowed") r.where.push(`${u.file}:${u.line}`);
  }
  const list = Array.from(rows.values()).sort((a, b) => compareVersions(b.version, a.version) || a.member.localeCompare(b.member) || a.access.localeCompare(b.access));
  const order = ["UNGUARDED", "allowed", "guarded", "floor", "no request", "untagged"];
  const lines = [];
  const head = ["requirement set", "member", "access", "uses", "status"];
  const table = list.map((r) => [r.set, r.member, r.access, String(r.uses), order.filter((s) => r.statuses.has(s)).join("+") + (r.where.length ? "  " + r.where.join(" ") : "") + (r.note && r.note !== "@requires" ? `  [${r.note}]` : "")]);
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => (i < 4 ? row[i].length : 0))));
  const fmt = (row) => row.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c)).join("  ");
  lines.push(fmt(head));
  lines.push(widths.map((w) => "-".repeat(w)).join("  ") + "  ------");
  for (const row of table) lines.push(fmt(row));
  return lines.join("\n");
}

/** The command line; `out` and `err` are where it writes (tests pass their own). */
function main(argv, out = process.stdout, err = process.stderr) {
  const args = argv.slice(2);
  const options = { files: [] };
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--manifest") options.manifest = path.resolve(args[++i]);
    else if (a === "--allow") options.allow = args[++i] === "none" ? null : path.resolve(args[i]);
    else if (a === "--project") options.project = path.resolve(args[++i]);
    else if (a === "--quiet") quiet = true;
    else if (a === "--help" || a === "-h") {
      out.write(fs.readFileSync(__filename, "utf8").split("*/")[0]);
      return 0;
    } else options.files.push(path.resolve(a));
  }
  let result;
  try {
    result = checkReqsets(options);
  } catch (e) {
    err.write(`check-reqsets: ${e.message}\n`);
    return 2;
  }
  const floor = Object.entries(result.floor).map(([k, v]) => `${k} ${v}`).join(", ");
  if (!quiet) {
    out.write(`Office.js members used, by requirement set (manifest floor: ${floor})\n\n${formatTable(result)}\n\n`);
    const capabilities = Object.entries(result.capabilities).map(([k, v]) => `${k} ${v}`).join(", ");
    out.write(`Capability checks understood (caps.<flag> proves ExcelApi): ${capabilities}\n`);
  }
  for (const u of result.allowed) {
    out.write(`allow-listed: ${u.file}:${u.line}:${u.column} (${u.fn || "top level"}) ${u.member} ${u.access} needs ${u.set} ${u.version}\n`);
  }
  for (const e of result.staleAllow) {
    err.write(`${path.relative(ROOT, e.allowFile)}:${e.line}: ${e.member} ${e.access} ${e.file}${e.fn ? "#" + e.fn : ""} matches no unguarded use any more: delete this line\n`);
  }
  for (const u of result.violations) {
    err.write(`${u.file}:${u.line}:${u.column} (${u.fn || "top level"}): ${u.member} (${u.access}) needs ${u.set} ${u.version}, above the manifest floor, and is not behind a capability check${u.proven ? ` (only ExcelApi ${u.proven} is proven there)` : ""}\n`);
  }
  const counts = { members: new Set(result.uses.map((u) => u.member + " " + u.access)).size, uses: result.uses.length };
  out.write(
    `${counts.uses} uses of ${counts.members} members; ${result.violations.length} unguarded above the floor, ${result.allowed.length} allow-listed` +
      (result.staleAllow.length ? `, ${result.staleAllow.length} allow-list lines to delete` : "") + ".\n",
  );
  return result.ok ? 0 : 1;
}

module.exports = { checkReqsets, main, parseApiSet, readFloor, formatTable, compareVersions };

if (require.main === module) process.exitCode = main(process.argv);
