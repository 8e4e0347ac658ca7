/**
 * The project's own checks of manifest.xml, beyond what the XML schema can say: every
 * resid resolves to a resource of the right kind, icons exist at the sizes Office asks
 * for, every URL is https and rewritten for production, every string has its English
 * override. (Schema validation: scripts/check-manifest.sh, run by .ci/run.)
 */
import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

const ROOT = join(__dirname, "..");
const MANIFEST_PATH = join(ROOT, "manifest.xml");
// Microsoft's schemas, kept in the repository so any clone can validate (see its README).
const XSD = join(ROOT, "schemas", "office-manifest", "OfficeAppManifestV1_1.xsd");
/** Sizes a ribbon Icon lists: 16, 32, 80 required, 20, 24, 40, 48, 64 for high-DPI screens (Microsoft's Icon element). */
const RIBBON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80];

/** Office identifies the add-in by this id: changing it makes a "new" add-in for every user. */
const ADDIN_ID = "a0a5d13c-9042-4f39-a39f-149293f080b1";
const DEV_ORIGIN = "https://localhost:3000";

interface BuildHelpers {
  rewriteManifest(xml: string, host: string): string;
  resolveHost(env: { host?: string } | undefined, mode: string): string;
  DEFAULT_PRODUCTION_HOST: string;
}
// webpack.config.js is plain CommonJS (webpack-cli loads it without TypeScript).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const build: BuildHelpers = require("../webpack.config.js");

// ------------------------------------------------------------------ a small XML reader
interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
  parent: XNode | null;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCharCode(parseInt(d, 10)))
    .replace(/&amp;/g, "&");
}

/** Parses the subset of XML a manifest uses; throws on mismatched tags. */
function parseXml(xml: string): XNode {
  const root: XNode = { name: "#document", attrs: {}, children: [], text: "", parent: null };
  let current = root;
  const body = xml.replace(/<\?[\s\S]*?\?>/g, "").replace(/<!--[\s\S]*?-->/g, "");
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = tag.exec(body)) !== null) {
    if (m.index !== consumed) throw new Error(`Unparsed XML near: ${body.slice(consumed, consumed + 60)}`);
    consumed = tag.lastIndex;
    if (m[5] !== undefined) {
      current.text += decodeEntities(m[5]);
      continue;
    }
    const [, closing, name, attrText, selfClosing] = m;
    if (closing) {
      if (current.name !== name) throw new Error(`</${name}> closes <${current.name}>`);
      current = current.parent as XNode;
      continue;
    }
    const attrs: Record<string, string> = {};
    const attr = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
    let a: RegExpExecArray | null;
    while ((a = attr.exec(attrText)) !== null) {
      if (a[1] in attrs) throw new Error(`Duplicate attribute ${a[1]} on <${name}>`);
      attrs[a[1]] = decodeEntities(a[2] !== undefined ? a[2] : a[3]);
    }
    const node: XNode = { name, attrs, children: [], text: "", parent: current };
    current.children.push(node);
    if (!selfClosing) current = node;
  }
  if (consumed !== body.length) throw new Error("Trailing characters after the XML");
  if (current !== root) throw new Error(`<${current.name}> is never closed`);
  return root;
}

function all(node: XNode, pred: (n: XNode) => boolean, out: XNode[] = []): XNode[] {
  for (const c of node.children) {
    if (pred(c)) out.push(c);
    all(c, pred, out);
  }
  return out;
}
const byName = (node: XNode, name: string): XNode[] => all(node, (n) => n.name === name);
const child = (node: XNode, name: string): XNode | undefined => node.children.find((c) => c.name === name);
function pathOf(n: XNode): string {
  const parts: string[] = [];
  for (let p: XNode | null = n; p && p.parent; p = p.parent) parts.unshift(p.name + (p.attrs.id ? `#${p.attrs.id}` : ""));
  return parts.join("/");
}

// ------------------------------------------------------------------ PNG size
function pngSize(file: string): { width: number; height: number; colourType: number } {
  const buf = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(signature)) throw new Error(`${file} is not a PNG`);
  if (buf.toString("ascii", 12, 16) !== "IHDR") throw new Error(`${file}: first chunk is not IHDR`);
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), colourType: buf[25] };
}

/** Maps a dev URL of the manifest to the file it serves (assets are copied as is). */
function assetFileFor(url: string): string {
  if (!url.startsWith(DEV_ORIGIN + "/assets/")) throw new Error(`Icon URL ${url} is not under ${DEV_ORIGIN}/assets/`);
  return join(ROOT, url.slice(DEV_ORIGIN.length + 1));
}

// ------------------------------------------------------------------ resources
type Kind = "image" | "url" | "short" | "long";
interface Resource {
  id: string;
  kind: Kind;
  node: XNode;
}

function resources(doc: XNode): Resource[] {
  const out: Resource[] = [];
  const groups: Record<string, Kind> = { "bt:Images": "image", "bt:Urls": "url", "bt:ShortStrings": "short", "bt:LongStrings": "long" };
  for (const res of byName(doc, "Resources")) {
    for (const group of res.children) {
      const kind = groups[group.name];
      if (!kind) throw new Error(`Unexpected resource group <${group.name}>`);
      for (const item of group.children) out.push({ id: item.attrs.id, kind, node: item });
    }
  }
  return out;
}

/** What kind of resource an element with a resid must point to. */
function expectedKind(n: XNode): Kind {
  switch (n.name) {
    case "bt:Image":
      return "image";
    case "SourceLocation":
    case "FunctionFile":
    case "LearnMoreUrl":
      return "url";
    case "Label":
    case "Title":
      return "short";
    case "Description":
      return "long";
    default:
      throw new Error(`No rule for resid on <${n.name}> at ${pathOf(n)}`);
  }
}

/** Every string that is (or contains) a URL, with where it came from. */
function urls(doc: XNode): { where: string; url: string }[] {
  const out: { where: string; url: string }[] = [];
  for (const n of all(doc, () => true)) {
    for (const [k, v] of Object.entries(n.attrs)) {
      if (k.startsWith("xmlns") || k === "xsi:type") continue; // namespace names, not fetched
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v.trim())) out.push({ where: `${pathOf(n)}@${k}`, url: v.trim() });
    }
    const text = n.text.trim();
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) out.push({ where: pathOf(n), url: text });
  }
  return out;
}

// ------------------------------------------------------------------ the checks, reusable for a rewritten manifest
function structuralChecks(xml: string): void {
  const doc = parseXml(xml);
  const app = child(doc, "OfficeApp");
  expect(app).toBeDefined();
  const res = resources(doc);

  // Resource ids: unique across all groups (Office resolves resid without the kind), <= 32 chars.
  const seen = new Map<string, number>();
  for (const r of res) seen.set(r.id, (seen.get(r.id) || 0) + 1);
  expect([...seen].filter(([, n]) => n > 1).map(([id]) => id)).toEqual([]);
  expect(res.filter((r) => !r.id || r.id.length > 32).map((r) => r.id)).toEqual([]);

  // Every resid resolves, to a resource of the right kind; every resource is used.
  const byId = new Map(res.map((r) => [r.id, r]));
  const refs = all(doc, (n) => "resid" in n.attrs);
  expect(refs.length).toBeGreaterThan(0);
  const problems: string[] = [];
  for (const ref of refs) {
    const target = byId.get(ref.attrs.resid);
    const want = expectedKind(ref);
    if (!target) problems.push(`${pathOf(ref)}: resid "${ref.attrs.resid}" is not defined`);
    else if (target.kind !== want) problems.push(`${pathOf(ref)}: resid "${ref.attrs.resid}" is a ${target.kind}, needs a ${want}`);
  }
  const used = new Set(refs.map((r) => r.attrs.resid));
  for (const r of res) if (!used.has(r.id)) problems.push(`resource "${r.id}" is never used`);

  // Every URL is https.
  const found = urls(doc);
  expect(found.length).toBeGreaterThan(10);
  for (const u of found) if (!u.url.startsWith("https://")) problems.push(`${u.where}: ${u.url} is not https`);

  // Every user-visible string has an en-US override.
  const localized = [
    ...byName(doc, "DisplayName"),
    ...byName(doc, "Description").filter((n) => "DefaultValue" in n.attrs),
    ...byName(doc, "bt:String"),
  ];
  expect(localized.length).toBeGreaterThanOrEqual(14);
  for (const n of localized) {
    const o = n.children.find((c) => (c.name === "Override" || c.name === "bt:Override") && c.attrs.Locale === "en-US");
    if (!o || !o.attrs.Value || !o.attrs.Value.trim()) problems.push(`${pathOf(n)} "${n.attrs.id || n.attrs.DefaultValue}": no en-US override`);
  }
  expect(problems).toEqual([]);
  for (const n of byName(doc, "bt:String")) {
    const limit = n.parent && n.parent.name === "bt:LongStrings" ? 250 : 125;
    expect(n.attrs.DefaultValue.length).toBeLessThanOrEqual(limit);
  }
}

describe("manifest.xml", () => {
  const xml = readFileSync(MANIFEST_PATH, "utf8");
  const doc = parseXml(xml);
  const app = child(doc, "OfficeApp") as XNode;

  test("passes the structural checks (resids, unique ids, https, en-US overrides)", () => {
    structuralChecks(xml);
  });

  test("is a task-pane add-in for Excel with a stable GUID and a four-part version", () => {
    expect(app.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(app.attrs.xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    const id = (child(app, "Id") as XNode).text.trim();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
    expect(id.toLowerCase()).toBe(ADDIN_ID);
    expect((child(app, "Version") as XNode).text.trim()).toMatch(/^\d{1,5}(\.\d{1,5}){3}$/);
    expect((child(app, "ProviderName") as XNode).text.trim()).toBe("NQ24");
    expect((child(app, "DefaultLocale") as XNode).text.trim()).toBe("vi-VN");
    expect(byName(child(app, "Hosts") as XNode, "Host").map((h) => h.attrs.Name)).toEqual(["Workbook"]);
    expect((child(app, "Permissions") as XNode).text.trim()).toBe("ReadWriteDocument");
    // Vietnamese first: the default strings carry Vietnamese letters.
    expect((child(app, "DisplayName") as XNode).attrs.DefaultValue).toMatch(/[ăâđêôơưạ-ỹ]/i);
  });

  test("asks only for ExcelApi 1.1 in the base manifest, so old Office can still open the pane", () => {
    const req = child(app, "Requirements") as XNode;
    expect(req).toBeDefined();
    const sets = child(req, "Sets") as XNode;
    expect(sets.attrs.DefaultMinVersion).toBe("1.1");
    expect(sets.children.map((s) => [s.name, s.attrs.Name, s.attrs.MinVersion])).toEqual([["Set", "ExcelApi", "1.1"]]);
  });

  test("the ribbon: one NQ24 tab, four buttons, the actions the scripts implement", () => {
    const tabs = byName(doc, "CustomTab");
    expect(tabs.map((t) => t.attrs.id)).toEqual(["NQ24.Tab"]);
    const controls = byName(tabs[0], "Control");
    expect(controls).toHaveLength(4);
    const actions = controls.map((c) => child(c, "Action") as XNode);
    const show = actions.filter((a) => a.attrs["xsi:type"] === "ShowTaskpane");
    expect(show).toHaveLength(1);
    expect((child(show[0], "TaskpaneId") as XNode).text.trim()).toBe("ButtonId1");
    const functions = actions.filter((a) => a.attrs["xsi:type"] === "ExecuteFunction").map((a) => (child(a, "FunctionName") as XNode).text.trim());
    expect(functions).toEqual(["insertSheets", "checkWorkbook", "clearMarks"]);

    const res = new Map(resources(doc).map((r) => [r.id, r.node.attrs.DefaultValue]));
    expect(res.get((child(show[0], "SourceLocation") as XNode).attrs.resid)).toBe(`${DEV_ORIGIN}/taskpane.html`);
    expect(res.get((byName(doc, "FunctionFile")[0] as XNode).attrs.resid)).toBe(`${DEV_ORIGIN}/commands.html`);
    expect((byName(child(app, "DefaultSettings") as XNode, "SourceLocation")[0] as XNode).attrs.DefaultValue).toBe(`${DEV_ORIGIN}/taskpane.html`);

    // Each button has its own icon set (every ribbon size) and a supertip; so has the group.
    expect((child(byName(tabs[0], "Group")[0], "Icon") as XNode).children.map((i) => Number(i.attrs.size))).toEqual(RIBBON_SIZES);
    const iconSets = controls.map((c) => {
      expect(child(c, "Supertip")).toBeDefined();
      const images = (child(c, "Icon") as XNode).children;
      expect(images.map((i) => Number(i.attrs.size))).toEqual(RIBBON_SIZES);
      return images.map((i) => res.get(i.attrs.resid)).join(" ");
    });
    expect(new Set(iconSets).size).toBe(4);

    // When the commands script is present, it must register every FunctionName.
    const commandsTs = join(ROOT, "src", "commands", "commands.ts");
    if (existsSync(commandsTs)) {
      const source = readFileSync(commandsTs, "utf8");
      for (const name of functions) expect(source).toMatch(new RegExp(`["'\`]${name}["'\`]`));
    }
  });

  test("every icon exists in assets/ as an RGBA PNG of the size its place needs", () => {
    const res = new Map(resources(doc).map((r) => [r.id, r]));
    const problems: string[] = [];
    const checkIcon = (where: string, url: string, sizes: number[]): void => {
      const file = assetFileFor(url);
      if (!existsSync(file)) {
        problems.push(`${where}: ${url} has no file ${file}`);
        return;
      }
      const { width, height, colourType } = pngSize(file);
      if (width !== height || sizes.indexOf(width) < 0) problems.push(`${where}: ${url} is ${width}x${height}, needs ${sizes.join(" or ")}`);
      if (colourType !== 6) problems.push(`${where}: ${url} is not RGBA (colour type ${colourType})`);
    };
    checkIcon("IconUrl", (child(app, "IconUrl") as XNode).attrs.DefaultValue, [32, 64]);
    checkIcon("HighResolutionIconUrl", (child(app, "HighResolutionIconUrl") as XNode).attrs.DefaultValue, [64, 80]);
    const images = all(doc, (n) => n.name === "bt:Image" && "resid" in n.attrs);
    expect(images.length).toBe(5 * RIBBON_SIZES.length);
    for (const img of images) {
      const size = Number(img.attrs.size);
      expect(RIBBON_SIZES).toContain(size);
      const r = res.get(img.attrs.resid);
      if (r) checkIcon(pathOf(img), r.node.attrs.DefaultValue, [size]);
    }
    // The add-in icon also at 128 px, for listings: no manifest slot of a task pane add-in takes it.
    for (const size of RIBBON_SIZES.concat([128])) checkIcon(`icon-${size}`, `${DEV_ORIGIN}/assets/icon-${size}.png`, [size]);
    expect(problems).toEqual([]);
  });

  test("the icons in assets/ are what scripts/make-icons.js draws", () => {
    execFileSync(process.execPath, [join(ROOT, "scripts", "make-icons.js"), "--check"], { cwd: ROOT, stdio: "pipe" });
  });

  test("the manifest schemas are in the repository, so any clone can validate", () => {
    expect(existsSync(XSD)).toBe(true);
  });

  // .ci/run installs xmllint (Debian libxml2-utils); a machine without it skips only this.
  const xmllintAvailable = (() => {
    try {
      execFileSync("xmllint", ["--version"], { stdio: "pipe" });
      return true;
    } catch {
      return false;
    }
  })();
  (xmllintAvailable ? test : test.skip)("validates against the Office manifest schema (xmllint), also after the production rewrite", () => {
    const dir = mkdtempSync(join(tmpdir(), "nq24-manifest-"));
    try {
      const rewritten = join(dir, "manifest.xml");
      writeFileSync(rewritten, build.rewriteManifest(xml, "https://addin.example.gov.vn/nq24"));
      for (const file of [MANIFEST_PATH, rewritten]) {
        execFileSync("xmllint", ["--noout", "--schema", XSD, file], { stdio: "pipe" });
      }
      // The schemas do bite: a manifest without its Id, or with a button missing its
      // required icon list, is refused.
      const broken: [string, string][] = [
        ["no-id.xml", xml.replace(/<Id>[^<]*<\/Id>/, "")],
        ["no-icon.xml", xml.replace(/(<Control xsi:type="Button" id="NQ24.ClearMarks">[\s\S]*?)<Icon>[\s\S]*?<\/Icon>/, "$1")],
      ];
      for (const [name, text] of broken) {
        expect(text).not.toBe(xml);
        const file = join(dir, name);
        writeFileSync(file, text);
        expect(() => execFileSync("xmllint", ["--noout", "--schema", XSD, file], { stdio: "pipe" })).toThrow();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("production manifest (URL rewrite)", () => {
  const xml = readFileSync(MANIFEST_PATH, "utf8");

  test("every development URL becomes the given host; nothing points at localhost", () => {
    const host = "https://addin.example.gov.vn";
    const out = build.rewriteManifest(xml, host);
    expect(out).not.toMatch(/localhost/i);
    const found = urls(parseXml(out));
    const devCount = urls(parseXml(xml)).filter((u) => u.url.startsWith(DEV_ORIGIN)).length;
    expect(found.filter((u) => u.url.startsWith(host)).length).toBe(devCount);
    expect(out).toContain(`<SourceLocation DefaultValue="${host}/taskpane.html"/>`);
    expect(out).toContain(`DefaultValue="${host}/commands.html"`);
    structuralChecks(out);
    // Only URLs change: the rest of the manifest is byte for byte the same.
    expect(out.split(host).join(DEV_ORIGIN)).toBe(xml);
  });

  test("a host with a path keeps the path in URLs, the origin alone in AppDomain", () => {
    const out = build.rewriteManifest(xml, "https://intranet.example.gov.vn/addins/nq24/");
    expect(out).toContain("<AppDomain>https://intranet.example.gov.vn</AppDomain>");
    expect(out).toContain('DefaultValue="https://intranet.example.gov.vn/addins/nq24/taskpane.html"');
    expect(out).not.toMatch(/localhost|nq24\/\/|\/\/taskpane/);
  });

  test("refuses hosts Office would refuse", () => {
    expect(() => build.rewriteManifest(xml, "http://addin.example.gov.vn")).toThrow(/https/);
    expect(() => build.rewriteManifest(xml, "addin.example.gov.vn")).toThrow();
    expect(() => build.rewriteManifest(xml, "https://addin.example.gov.vn/?x=1")).toThrow(/query/);
  });

  test("host selection: --env host, then ADDIN_HOST, then the default; dev builds keep localhost", () => {
    const saved = process.env.ADDIN_HOST;
    try {
      delete process.env.ADDIN_HOST;
      expect(build.resolveHost({}, "production")).toBe(build.DEFAULT_PRODUCTION_HOST);
      expect(build.DEFAULT_PRODUCTION_HOST).toBe("https://nq24.example.vn");
      process.env.ADDIN_HOST = "https://from-env.example.gov.vn/";
      expect(build.resolveHost({}, "production")).toBe("https://from-env.example.gov.vn");
      expect(build.resolveHost({ host: "https://from-cli.example.gov.vn" }, "production")).toBe("https://from-cli.example.gov.vn");
      expect(build.resolveHost({ host: "https://from-cli.example.gov.vn" }, "development")).toBe(DEV_ORIGIN);
    } finally {
      if (saved === undefined) delete process.env.ADDIN_HOST;
      else process.env.ADDIN_HOST = saved;
    }
  });

  // dist/ exists only after a local build; a fresh clone relies on the tests above and on
  // test/es5bundles.test.ts, which builds into a temp folder.
  const distManifest = join(ROOT, "dist", "manifest.xml");
  (existsSync(distManifest) ? test : test.skip)("dist/manifest.xml, when built, matches manifest.xml for its host", () => {
    const built = readFileSync(distManifest, "utf8");
    const source = built.match(/<SourceLocation DefaultValue="(https:\/\/[^"]+)\/taskpane\.html"/);
    expect(source).not.toBeNull();
    const host = (source as RegExpMatchArray)[1];
    const hint = "dist/ is stale: run `npm run build` (or delete dist/)";
    if (host === DEV_ORIGIN) {
      expect({ hint, same: built === xml }).toEqual({ hint, same: true }); // development build: copied as is
    } else {
      expect(built).not.toMatch(/localhost/i);
      expect({ hint, same: built === build.rewriteManifest(xml, host) }).toEqual({ hint, same: true });
    }
  });
});
