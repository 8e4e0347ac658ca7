/**
 * The production bundles, built once and shared by every test that looks at what ships
 * (test/es5bundles.test.ts, test/ie11.test.ts). A webpack production build takes 30-60 s
 * here; building it in each test file would double that.
 *
 * The build lands in node_modules/.cache/nq24-bundles/<key>, where the key hashes every
 * input of the build (src/, the webpack and TypeScript configs, the lock file, the
 * manifest and the assets), so a change to any of them builds again and an unchanged tree
 * reuses the last build. A lock directory keeps two Jest workers from building at once.
 */
import { createHash } from "crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "fs";
import { join, relative } from "path";
import webpack from "webpack";

const ROOT = join(__dirname, "..", "..");
const CACHE = join(ROOT, "node_modules", ".cache", "nq24-bundles");
/** Bump when what is stored changes shape. */
const FORMAT = 1;
export const BUNDLE_HOST = "https://addin.example.gov.vn";

export interface Bundles {
  /** Folder holding the built dist/ (scripts, pages, manifest, assets). */
  dir: string;
  /** Entry name → its JS files, in load order. */
  entrypoints: Record<string, string[]>;
  /** Identifiers of every module in a chunk the pages load up front (not import() chunks). */
  initialModules: string[];
  /** Whether this call built the bundles (false: an earlier build was reused). */
  built: boolean;
}

type Meta = Omit<Bundles, "dir" | "built">;

function filesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) filesUnder(full, out);
    else out.push(full);
  }
  return out;
}

/** Hash of everything the production build reads from the project. */
function buildKey(): string {
  const inputs = [
    ...filesUnder(join(ROOT, "src")),
    ...filesUnder(join(ROOT, "assets")),
    ...["webpack.config.js", "tsconfig.json", "package-lock.json", "manifest.xml", "docs/help.html"].map((f) => join(ROOT, f)),
  ];
  const hash = createHash("sha256").update(`format ${FORMAT} host ${BUNDLE_HOST}\n`);
  for (const file of inputs) {
    if (!existsSync(file)) continue;
    hash.update(relative(ROOT, file) + "\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/** Identifiers of a module and, for a concatenated module, of every module inside it. */
function moduleIds(m: webpack.Module, out: string[]): void {
  out.push(m.identifier());
  const inner = (m as unknown as { modules?: Iterable<webpack.Module> }).modules;
  if (inner) for (const x of inner) moduleIds(x, out);
}

async function runBuild(outDir: string): Promise<Meta> {
  // webpack.config.js is plain CommonJS (webpack-cli loads it without TypeScript).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const createConfig: (env: Record<string, string>, argv: { mode: string }) => webpack.Configuration = require("../../webpack.config.js");
  // Types are checked by `npm run typecheck`; here only what ships matters.
  const config = createConfig({ host: BUNDLE_HOST, outDir, transpileOnly: "true" }, { mode: "production" });
  config.infrastructureLogging = { level: "error" };
  const result = await new Promise<webpack.Stats>((resolve, reject) => {
    webpack(config, (err, s) => (err || !s ? reject(err || new Error("webpack returned no stats")) : resolve(s)));
  });
  const stats = result.toJson({ all: false, errors: true, entrypoints: true, assets: true });
  if (result.hasErrors()) {
    throw new Error("webpack build failed:\n" + (stats.errors || []).map((e) => e.message).join("\n\n"));
  }
  const entrypoints: Record<string, string[]> = {};
  for (const [name, ep] of Object.entries(stats.entrypoints || {})) {
    entrypoints[name] = (ep.assets || []).map((a) => a.name).filter((f) => f.endsWith(".js"));
  }
  const initialModules: string[] = [];
  const { chunkGraph } = result.compilation;
  for (const ep of result.compilation.entrypoints.values()) {
    for (const chunk of ep.chunks) for (const m of chunkGraph.getChunkModulesIterable(chunk)) moduleIds(m, initialModules);
  }
  return { entrypoints, initialModules };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readMeta(dir: string): Meta | null {
  const file = join(dir, "nq24-bundles.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Meta) : null;
}

let pending: Promise<Bundles> | null = null;

/** The production bundles for the current tree: reused when already built, else built now. */
export function productionBundles(): Promise<Bundles> {
  if (!pending) pending = obtain();
  return pending;
}

async function obtain(): Promise<Bundles> {
  const key = buildKey();
  const dir = join(CACHE, key);
  const lock = dir + ".lock";
  mkdirSync(CACHE, { recursive: true });
  for (;;) {
    const meta = readMeta(dir);
    if (meta) return { dir, built: false, ...meta };
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building this very tree: wait for it (or for a crashed one's lock to age out).
      if (Date.now() - statSync(lock).mtimeMs > 15 * 60 * 1000) rmSync(lock, { recursive: true, force: true });
      await sleep(500);
    }
  }
  try {
    const meta = readMeta(dir);
    if (meta) return { dir, built: false, ...meta };
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    const built = await runBuild(tmp);
    writeFileSync(join(tmp, "nq24-bundles.json"), JSON.stringify(built));
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    // Older trees' builds are of no further use.
    for (const name of readdirSync(CACHE)) {
      if (name !== key && name !== key + ".lock" && !name.endsWith(".lock") && !name.includes(".tmp-")) {
        rmSync(join(CACHE, name), { recursive: true, force: true });
      }
    }
    return { dir, built: true, ...built };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
