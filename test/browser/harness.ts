/**
 * Browser-test plumbing: build the pane with the project's webpack config, bundle the
 * fake Office host, serve both over https on localhost, and drive Debian's Chromium.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as https from "https";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import type { Browser, BrowserContext } from "playwright-core";
import webpack from "webpack";

export const ROOT = path.resolve(__dirname, "..", "..");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function runWebpack(config: webpack.Configuration): Promise<webpack.Stats> {
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (!stats) return reject(new Error("webpack gave no stats"));
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true, errorDetails: true })));
      resolve(stats);
    });
  });
}

/**
 * Builds the task pane page (polyfills + pane, as users get it) with the shell's config.
 * The ribbon-commands page is left out: it is not under test here.
 */
export async function buildPane(outDir: string, mode: "development" | "production" = "development"): Promise<webpack.Stats> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const createConfig = require(path.join(ROOT, "webpack.config.js")) as (env: object, argv: object) => webpack.Configuration;
  const config = createConfig({ outDir }, { mode });
  const entry = config.entry as Record<string, string>;
  delete entry.commands;
  config.plugins = (config.plugins || []).filter((p) => {
    const options = (p as { userOptions?: { filename?: string } }).userOptions;
    return !(options && options.filename === "commands.html");
  });
  // Types are checked by `tsc --noEmit`; here only the emitted code matters, and
  // type-checking the whole program would triple the build time.
  for (const rule of (config.module && config.module.rules) || []) {
    const use = rule && typeof rule === "object" ? (rule as { use?: { loader?: string; options?: Record<string, unknown> } }).use : undefined;
    if (use && use.loader === "ts-loader" && use.options) use.options.transpileOnly = true;
  }
  config.devtool = false;
  // Reruns reuse unchanged modules (core-js, the catalogue); webpack keys the cache by content.
  config.cache = { type: "filesystem", cacheDirectory: path.join(ROOT, "node_modules", ".cache", "nq24-browser-test") };
  config.infrastructureLogging = { level: "error" };
  config.stats = "errors-only";
  return runWebpack(config);
}

/**
 * Builds what the page gets in place of office.js: Microsoft's Excel client library, then
 * the host over a fake workbook (fakeHost.ts) with the requirement sets of every member.
 */
export async function buildFakeHost(outDir: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { excelApiSets } = require("../fake/ms/apiSets") as typeof import("../fake/ms/apiSets");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { librarySource } = require("../fake/ms/library") as typeof import("../fake/ms/library");
  // JSON has no Infinity (a member outside ExcelApi): a level no Excel reaches stands for it.
  const sets = JSON.stringify(Array.from(excelApiSets().entries()), (_k, v) => (v === Infinity ? 1e9 : v));
  await runWebpack({
    mode: "development",
    context: ROOT,
    target: ["web", "es2019"],
    entry: path.join(__dirname, "fakeHost.ts"),
    devtool: false,
    output: { path: outDir, filename: "fake-host.js" },
    plugins: [new webpack.DefinePlugin({ __NQ24_API_SETS__: sets })],
    resolve: {
      extensions: [".ts", ".js", ".json"],
      // The fake reads .xlsx through ExcelJS; in the browser the published browser build works.
      alias: { exceljs$: path.join(ROOT, "node_modules/exceljs/dist/exceljs.min.js") },
      fallback: { fs: false, path: false, stream: false, crypto: false, os: false, zlib: false },
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              configFile: path.join(ROOT, "tsconfig.json"),
              compilerOptions: { target: "es2019", module: "es2020", noEmit: false, sourceMap: false },
            },
          },
        },
      ],
    },
    performance: { hints: false },
    infrastructureLogging: { level: "error" },
    stats: "errors-only",
  });
  const out = path.join(outDir, "fake-office.js");
  fs.writeFileSync(out, librarySource() + "\n;\n" + fs.readFileSync(path.join(outDir, "fake-host.js"), "utf8"));
  return out;
}

/** A throw-away self-signed certificate for localhost. */
export function makeCertificate(dir: string): { key: Buffer; cert: Buffer } {
  const keyFile = path.join(dir, "key.pem");
  const certFile = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certFile, "-days", "1", "-subj", "/CN=localhost",
      "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
    { stdio: "ignore" },
  );
  return { key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile) };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".map": "application/json",
  ".xml": "application/xml",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export interface Served {
  origin: string;
  close(): Promise<void>;
}

/** Serves a directory over https on 127.0.0.1, with an ephemeral port. */
export function serveStatic(root: string, tls: { key: Buffer; cert: Buffer }): Promise<Served> {
  const server = https.createServer(tls, (req, res) => {
    const url = new URL(req.url || "/", "https://localhost");
    const file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Cache-Control": "no-store" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        origin: "https://localhost:" + port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** Chromium with its profile, cache and config in a temp folder. */
export async function launchChromium(home: string): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, ".config"), XDG_CACHE_HOME: path.join(home, ".cache") },
  });
}

/**
 * Lets through only requests to the local server; office.js, wherever the page loads it
 * from, is answered with the fake host. Everything else is refused and recorded.
 */
export async function routeRequests(context: BrowserContext, origin: string, fakeOfficeJs: string): Promise<string[]> {
  const blocked: string[] = [];
  const fake = fs.readFileSync(fakeOfficeJs, "utf8");
  await context.route("**/*", (route) => {
    const url = route.request().url();
    const officeJs = /^https:\/\/appsforoffice\.microsoft\.com\//.test(url) || /\/office(\.debug)?\.js(\?|$)/.test(url);
    if (officeJs) return route.fulfill({ status: 200, contentType: "application/javascript", body: fake });
    if (url.indexOf(origin + "/") === 0 || url.indexOf("data:") === 0 || url.indexOf("blob:") === 0) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return blocked;
}

export function copyArtifact(file: string, ...dirs: string[]): void {
  for (const dir of dirs) {
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(file, path.join(dir, path.basename(file)));
  }
}
