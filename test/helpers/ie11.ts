/**
 * A page as Internet Explorer 11 shows it, for running the built bundles in Node: the
 * webview of volume-licensed Office 2016/2019 on Windows. A jsdom window (its own V8
 * realm) is stripped down to what IE11 has, by allow-list rather than by a list of known
 * gaps, so a built-in nobody thought of is missing too:
 * - the ECMAScript globals IE11 has (ES5 plus typed arrays and a small Intl), with only
 *   their ES5 statics and prototype methods; no globalThis (a bare reference throws, as
 *   in IE11), Promise, Map, Set, WeakMap, Symbol, Reflect, Proxy…;
 * - `new RegExp` refusing the flags and syntax IE11 rejects (u, y, s, lookbehind, named
 *   groups);
 * - the DOM without what IE11 lacks: fetch, URL as a constructor, URLSearchParams,
 *   TextEncoder, queueMicrotask, event constructors (`new Event`, `new CustomEvent`),
 *   Element.closest/matches/remove/append…, NodeList.forEach and iterators, classList on
 *   SVG; DOMTokenList with IE11's semantics (one class per add/remove, toggle's second
 *   argument ignored).
 * Anything the code uses beyond that must come from the polyfills bundle, as in IE11.
 * The realm's code-generation stays on: the pane's CSP (no eval) is checked on the built
 * pages by test/es5bundles.test.ts.
 */
import { JSDOM, VirtualConsole } from "jsdom";
import * as vm from "vm";

type Bag = Record<string, unknown>;

/** ECMAScript globals IE11 has. */
const ES_GLOBALS = new Set([
  "Object", "Function", "Array", "String", "Boolean", "Number", "Math", "Date", "RegExp", "JSON", "Intl",
  "Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError",
  "ArrayBuffer", "DataView", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
  "Int32Array", "Uint32Array", "Float32Array", "Float64Array",
  "parseInt", "parseFloat", "isNaN", "isFinite", "decodeURI", "decodeURIComponent", "encodeURI",
  "encodeURIComponent", "escape", "unescape", "eval", "undefined", "NaN", "Infinity", "console",
]);

const FN = ["length", "name", "prototype"];
/** Own string-keyed properties kept on each built-in (ES5.1, plus what IE11 added). */
const KEEP: Record<string, { statics: string[]; proto: string[] }> = {
  Object: {
    statics: [...FN, "create", "defineProperty", "defineProperties", "getOwnPropertyDescriptor", "getOwnPropertyNames",
      "getPrototypeOf", "keys", "preventExtensions", "isExtensible", "seal", "isSealed", "freeze", "isFrozen", "setPrototypeOf"],
    proto: ["constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString", "valueOf", "__proto__"],
  },
  Function: { statics: FN, proto: ["length", "name", "constructor", "apply", "bind", "call", "toString", "arguments", "caller"] },
  Array: {
    statics: [...FN, "isArray"],
    proto: ["length", "constructor", "concat", "join", "pop", "push", "reverse", "shift", "slice", "sort", "splice", "unshift",
      "indexOf", "lastIndexOf", "every", "some", "forEach", "map", "filter", "reduce", "reduceRight", "toString", "toLocaleString"],
  },
  String: {
    statics: [...FN, "fromCharCode"],
    proto: ["length", "constructor", "charAt", "charCodeAt", "concat", "indexOf", "lastIndexOf", "localeCompare", "match",
      "replace", "search", "slice", "split", "substring", "substr", "toLowerCase", "toLocaleLowerCase", "toUpperCase",
      "toLocaleUpperCase", "trim", "toString", "valueOf", "anchor", "big", "blink", "bold", "fixed", "fontcolor",
      "fontsize", "italics", "link", "small", "strike", "sub", "sup"],
  },
  Number: {
    statics: [...FN, "MAX_VALUE", "MIN_VALUE", "NaN", "NEGATIVE_INFINITY", "POSITIVE_INFINITY"],
    proto: ["constructor", "toExponential", "toFixed", "toPrecision", "toString", "toLocaleString", "valueOf"],
  },
  Boolean: { statics: FN, proto: ["constructor", "toString", "valueOf"] },
  Date: {
    statics: [...FN, "now", "parse", "UTC"],
    proto: ["constructor", "toString", "toDateString", "toTimeString", "toLocaleString", "toLocaleDateString",
      "toLocaleTimeString", "valueOf", "getTime", "getFullYear", "getUTCFullYear", "getMonth", "getUTCMonth", "getDate",
      "getUTCDate", "getDay", "getUTCDay", "getHours", "getUTCHours", "getMinutes", "getUTCMinutes", "getSeconds",
      "getUTCSeconds", "getMilliseconds", "getUTCMilliseconds", "getTimezoneOffset", "setTime", "setMilliseconds",
      "setUTCMilliseconds", "setSeconds", "setUTCSeconds", "setMinutes", "setUTCMinutes", "setHours", "setUTCHours",
      "setDate", "setUTCDate", "setMonth", "setUTCMonth", "setFullYear", "setUTCFullYear", "toUTCString", "toGMTString",
      "toISOString", "toJSON", "getYear", "setYear"],
  },
  Math: {
    statics: ["E", "LN10", "LN2", "LOG10E", "LOG2E", "PI", "SQRT1_2", "SQRT2", "abs", "acos", "asin", "atan", "atan2", "ceil",
      "cos", "exp", "floor", "log", "max", "min", "pow", "random", "round", "sin", "sqrt", "tan"],
    proto: [],
  },
  JSON: { statics: ["parse", "stringify"], proto: [] },
  Intl: { statics: ["Collator", "DateTimeFormat", "NumberFormat"], proto: [] },
  ArrayBuffer: { statics: [...FN, "isView"], proto: ["constructor", "byteLength", "slice"] },
};
/** %TypedArray%.prototype in IE11: no iteration or array methods. */
const TYPED_ARRAY_PROTO = ["constructor", "buffer", "byteLength", "byteOffset", "length", "set", "subarray"];

function prune(obj: Bag | undefined, keep: string[]): void {
  if (!obj) return;
  for (const key of Object.getOwnPropertyNames(obj)) {
    // Non-configurable ones are constants (Number.EPSILON, MAX_SAFE_INTEGER): values, not code paths.
    const d = Object.getOwnPropertyDescriptor(obj, key);
    if (keep.indexOf(key) < 0 && d && d.configurable) delete obj[key];
  }
}

/** Names the ECMAScript engine itself puts on a global object (as opposed to the DOM's). */
function engineGlobals(): string[] {
  return vm.runInContext("Object.getOwnPropertyNames(this)", vm.createContext()) as string[];
}

function stripEcmaScript(g: Bag): void {
  for (const name of engineGlobals()) if (!ES_GLOBALS.has(name)) delete g[name];
  delete g.globalThis;
  for (const [name, keep] of Object.entries(KEEP)) {
    const ctor = g[name] as Bag | undefined;
    prune(ctor, keep.statics);
    if (keep.proto.length) prune(ctor && (ctor.prototype as Bag), keep.proto);
  }
  delete (g.Error as Bag).captureStackTrace;
  const typedArray = Object.getPrototypeOf(g.Uint8Array as object) as Bag;
  prune(typedArray, FN);
  prune(typedArray.prototype as Bag, TYPED_ARRAY_PROTO);
  for (const kind of ["DateTimeFormat", "NumberFormat"]) delete ((g.Intl as Bag)[kind] as { prototype: Bag }).prototype.formatToParts;

  // IE11's RegExp knows the flags g, i, m only, and no lookbehind or named groups. The
  // prototype is kept (the engine's split and replace call through it); literals are
  // already checked by the ES5 parse of test/es5bundles.test.ts.
  const NativeRegExp = g.RegExp as RegExpConstructor;
  const SyntaxErr = g.SyntaxError as SyntaxErrorConstructor;
  const ie11RegExp = function RegExp(pattern: unknown, flags?: unknown): RegExp {
    const source = pattern instanceof NativeRegExp ? pattern.source : String(pattern === undefined ? "" : pattern);
    if (flags !== undefined && /[^gim]/.test(String(flags))) throw new SyntaxErr("Invalid regular expression flags: " + String(flags));
    if (/\(\?<[=!]|\(\?<[A-Za-z_$]|\\[pPk]\{|\\k</.test(source)) throw new SyntaxErr("Syntax error in regular expression: " + source);
    return new NativeRegExp(pattern as string, flags as string | undefined);
  };
  ie11RegExp.prototype = NativeRegExp.prototype;
  g.RegExp = ie11RegExp;

  // ES5: Object.keys and friends throw on a primitive (ES2015 converts it).
  const ObjectCtor = g.Object as unknown as Record<string, (o: unknown) => unknown>;
  const TypeErr = g.TypeError as TypeErrorConstructor;
  for (const name of ["keys", "getOwnPropertyNames", "getPrototypeOf", "getOwnPropertyDescriptor", "freeze", "seal", "preventExtensions", "isFrozen", "isSealed", "isExtensible"]) {
    const native = ObjectCtor[name];
    ObjectCtor[name] = function (this: unknown, o: unknown) {
      if (o === null || (typeof o !== "object" && typeof o !== "function")) throw new TypeErr("Object." + name + ": argument is not an Object");
      // eslint-disable-next-line prefer-rest-params
      return native.apply(this, arguments as unknown as [unknown]);
    };
  }
}

/** DOM members IE11 does not have, by interface. */
const DOM_MISSING: Record<string, string[]> = {
  Node: ["isConnected", "getRootNode"],
  Element: ["closest", "matches", "webkitMatchesSelector", "remove", "append", "prepend", "before", "after", "replaceWith",
    "replaceChildren", "toggleAttribute", "getAttributeNames", "attachShadow", "shadowRoot", "slot", "assignedSlot"],
  CharacterData: ["remove", "before", "after", "replaceWith"],
  Document: ["currentScript", "append", "prepend", "replaceChildren", "scrollingElement", "fonts"],
  DocumentFragment: ["append", "prepend", "replaceChildren", "getElementById"],
  NodeList: ["forEach", "entries", "keys", "values"],
  DOMTokenList: ["replace", "supports", "forEach", "entries", "keys", "values", "value"],
  HTMLElement: ["inert", "enterKeyHint", "inputMode", "nonce", "popover"],
  Blob: ["text", "arrayBuffer", "stream"],
};
const WINDOW_MISSING = ["fetch", "Headers", "Request", "Response", "URLSearchParams", "TextEncoder", "TextDecoder",
  "queueMicrotask", "structuredClone", "AbortController", "AbortSignal", "customElements", "CustomElementRegistry",
  "ShadowRoot", "crypto", "Crypto", "SubtleCrypto", "origin", "isSecureContext", "reportError"];

/** Event interfaces (a jsdom window does not list its interfaces among its own names). */
const EVENT_INTERFACES = ["Event", "CustomEvent", "UIEvent", "MouseEvent", "KeyboardEvent", "FocusEvent", "InputEvent",
  "CompositionEvent", "WheelEvent", "TouchEvent", "ErrorEvent", "MessageEvent", "ProgressEvent", "HashChangeEvent",
  "PopStateEvent", "StorageEvent", "PageTransitionEvent", "CloseEvent", "PromiseRejectionEvent", "SubmitEvent"];

function stripDom(g: Bag): void {
  for (const name of WINDOW_MISSING) delete g[name];
  // IE11 has Element.matches under its prefixed name only.
  const elementProto = (g.Element as { prototype: Bag }).prototype;
  elementProto.msMatchesSelector = elementProto.matches;
  for (const [iface, members] of Object.entries(DOM_MISSING)) {
    const proto = g[iface] ? ((g[iface] as Bag).prototype as Bag) : null;
    if (!proto) continue;
    for (const m of members) {
      // Members may sit on the interface itself or be inherited from a mixin: shadow both.
      delete proto[m];
      if (m in proto) Object.defineProperty(proto, m, { value: undefined, configurable: true, writable: true });
    }
  }

  // `document.contains` is missing in IE11 (elements have it).
  Object.defineProperty((g.Document as { prototype: object }).prototype, "contains", { value: undefined, configurable: true, writable: true });
  // SVG elements have no classList, dataset or children in IE11.
  const svgProto = (g.SVGElement as { prototype: object }).prototype;
  for (const m of ["classList", "dataset", "children"]) Object.defineProperty(svgProto, m, { value: undefined, configurable: true, writable: true });

  // DOMTokenList: IE11 adds or removes only the first class given, and toggle ignores force.
  const tokens = (g.DOMTokenList as { prototype: Record<string, (...a: string[]) => unknown> }).prototype;
  for (const name of ["add", "remove"]) {
    const native = tokens[name];
    tokens[name] = function (this: unknown, first: string) {
      return native.call(this, first);
    };
  }
  const toggle = tokens.toggle;
  tokens.toggle = function (this: unknown, name: string) {
    return toggle.call(this, name);
  };

  // URL exists (createObjectURL) but is not a constructor; event interfaces cannot be
  // constructed either (document.createEvent is IE11's way).
  const nativeUrl = g.URL as { createObjectURL?: unknown; revokeObjectURL?: unknown };
  g.URL = { createObjectURL: nativeUrl.createObjectURL, revokeObjectURL: nativeUrl.revokeObjectURL };
  for (const name of EVENT_INTERFACES) {
    if (typeof g[name] !== "function") continue;
    const native = g[name] as { prototype: object };
    const TypeErr = g.TypeError as TypeErrorConstructor;
    const notConstructible = function () {
      throw new TypeErr("Object doesn't support this action (new " + name + ")");
    };
    notConstructible.prototype = native.prototype;
    g[name] = notConstructible;
  }
}

/**
 * Hands a host object from Node (the fake Excel) to the page as office.js would: made in
 * the page. Office.js lives in the page's realm, so what it returns is the page's own
 * arrays, objects, errors and promises; core-js's iterators sit on the page's
 * Array.prototype, and `instanceof Error` is the page's Error. Arrays, plain objects,
 * errors and promises are copied across; host objects (the fake's proxies) and functions
 * are wrapped, so every value that crosses later is copied the same way. What the page
 * passes back (values to write, callbacks) is copied into Node's realm.
 */
export function bridge(g: Bag): (value: unknown) => unknown {
  const innerObjectProto = (g.Object as ObjectConstructor).prototype;
  const wrapped = new WeakMap<object, unknown>(); // Node object → its stand-in in the page
  const origin = new WeakMap<object, unknown>(); // stand-in → Node object, and page function → its Node wrapper's inverse
  const isInner = (v: object): boolean => {
    let p: object | null = v;
    while (p && Object.getPrototypeOf(p)) p = Object.getPrototypeOf(p);
    return p === innerObjectProto;
  };
  /** Plain data: copied. An object literal with getters or setters is a live host object. */
  const isPlainData = (v: object): boolean => {
    const p = Object.getPrototypeOf(v);
    if (p !== Object.prototype && p !== null) return false;
    return Object.getOwnPropertyNames(v).every((k) => "value" in (Object.getOwnPropertyDescriptor(v, k) as PropertyDescriptor));
  };

  function toInner(v: unknown): unknown {
    if (v === null || (typeof v !== "object" && typeof v !== "function")) return v;
    const o = v as object;
    if (origin.has(o)) return origin.get(o);
    if (isInner(o)) return o;
    if (Array.isArray(o)) {
      const out = new (g.Array as ArrayConstructor)();
      for (let i = 0; i < o.length; i++) out.push(toInner(o[i]));
      return out;
    }
    if (o instanceof Error) {
      const e = new (g.Error as ErrorConstructor)(o.message);
      for (const k of Object.keys(o)) (e as unknown as Bag)[k] = toInner((o as unknown as Bag)[k]);
      e.name = o.name;
      return e;
    }
    if (o instanceof Promise) {
      const P = (g.Promise as PromiseConstructor | undefined) || Promise;
      return new P((resolve, reject) => o.then((x) => resolve(toInner(x)), (e) => reject(toInner(e))));
    }
    if (o instanceof Date) return new (g.Date as DateConstructor)(o.getTime());
    if (wrapped.has(o)) return wrapped.get(o);
    let out: unknown;
    if (typeof o === "function") {
      const fn = o as (...a: unknown[]) => unknown;
      out = function (this: unknown) {
        // eslint-disable-next-line prefer-rest-params
        const args = Array.prototype.slice.call(arguments).map(toOuter);
        return toInner(fn.apply(toOuter(this), args));
      };
    } else if (isPlainData(o)) {
      const copy = new (g.Object as ObjectConstructor)() as Bag;
      for (const k of Object.keys(o)) copy[k] = toInner((o as Bag)[k]);
      return copy;
    } else {
      out = new Proxy(o, {
        get: (t, k) => toInner(Reflect.get(t, k, t)),
        set: (t, k, x) => Reflect.set(t, k, toOuter(x), t),
      });
    }
    wrapped.set(o, out);
    origin.set(out as object, o);
    return out;
  }

  function toOuter(v: unknown): unknown {
    if (v === null || (typeof v !== "object" && typeof v !== "function")) return v;
    const o = v as object;
    if (origin.has(o)) return origin.get(o);
    if (!isInner(o)) return o;
    if (typeof o === "function") {
      const fn = o as (...a: unknown[]) => unknown;
      const out = function (this: unknown, ...args: unknown[]) {
        return toOuter(fn.apply(toInner(this), args.map(toInner)));
      };
      origin.set(out, o);
      return out;
    }
    if ((g.Array as ArrayConstructor).isArray(o)) return Array.prototype.map.call(o, toOuter);
    const p = Object.getPrototypeOf(o);
    if (p === innerObjectProto) {
      const copy: Bag = {};
      for (const k of Object.keys(o)) copy[k] = toOuter((o as Bag)[k]);
      return copy;
    }
    return o; // the page's errors, promises (thenables) and dates work across as they are
  }

  return toInner;
}

export interface PageOptions {
  /** The page's HTML, as built. */
  html: string;
  /** Where it is served from. */
  url: string;
  /** Strip the page to IE11's built-ins (false: a modern browser, for comparison). */
  ie11: boolean;
  /** The text of a script the page loads, by its src (relative to the page). */
  script(src: string): string;
  /** Stands in for office.js: installs `Office` and `Excel` on the page's window. */
  officeJs(window: Bag): void;
}

export interface Page {
  window: JSDOM["window"];
  /** Uncaught errors, unhandled rejections and console errors, in order. */
  problems: string[];
  /** Runs the page's scripts in document order; later-added scripts (import() chunks) run when added. */
  load(): void;
  close(): void;
}

const OFFICE_JS = /^https:\/\/appsforoffice\.microsoft\.com\//;

export function openPage(options: PageOptions): Page {
  const problems: string[] = [];
  const virtualConsole = new VirtualConsole();
  // A V8 stack of minified code quotes the whole line: keep the lines short.
  const text = (x: unknown): string =>
    (x && typeof x === "object" && "stack" in x ? String((x as Error).stack) : String(x))
      .split("\n")
      .filter((line) => line.trim() && !/^\s*\^+\s*$/.test(line))
      .map((line) => (line.length > 200 ? line.slice(0, 200) + "…" : line))
      .join("\n");
  virtualConsole.on("jsdomError", (e: Error) => problems.push("uncaught: " + text((e as { detail?: unknown }).detail || e)));
  virtualConsole.on("error", (...args: unknown[]) => problems.push("console.error: " + args.map(text).join(" ")));
  // jsdom loads no script itself: load() runs them, as the browser would, in order.
  const dom = new JSDOM(options.html, { url: options.url, runScripts: "outside-only", pretendToBeVisual: true, virtualConsole });
  const context = dom.getInternalVMContext();
  const g = vm.runInContext("this", context) as Bag;
  if (options.ie11) {
    stripDom(g);
    stripEcmaScript(g);
  }
  const document = dom.window.document;
  const run = (src: string): void => {
    if (OFFICE_JS.test(src)) options.officeJs(g);
    else vm.runInContext(options.script(src), context, { filename: src });
  };

  // Scripts added later (webpack's import() chunks): run, then report "load" as a browser does.
  const observer = new dom.window.MutationObserver((records) => {
    for (const r of records) {
      r.addedNodes.forEach((node) => {
        const el = node as Element;
        if (el.nodeName !== "SCRIPT" || !el.getAttribute("src")) return;
        let type = "load";
        try {
          run(el.getAttribute("src") as string);
        } catch (e) {
          problems.push("script " + el.getAttribute("src") + ": " + text(e));
          type = "error";
        }
        const ev = document.createEvent("Event");
        ev.initEvent(type, false, false);
        el.dispatchEvent(ev);
      });
    }
  });

  return {
    window: dom.window,
    problems,
    load: () => {
      const scripts = Array.prototype.slice.call(document.querySelectorAll("script[src]")) as Element[];
      for (const s of scripts) {
        const src = s.getAttribute("src") as string;
        // As in a browser, a script that throws does not stop the next one.
        try {
          run(src);
        } catch (e) {
          problems.push("script " + src + ": " + text(e));
        }
      }
      observer.observe(document, { childList: true, subtree: true });
    },
    close: () => {
      observer.disconnect();
      dom.window.close();
    },
  };
}
