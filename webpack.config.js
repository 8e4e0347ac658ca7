/**
 * Builds the task pane and the ribbon commands for every Excel the product supports,
 * including volume-licensed Office 2016/2019 whose webview is Internet Explorer 11:
 * TypeScript is compiled to ES5, webpack's own runtime is told to emit ES5, and the
 * `polyfills` entry (core-js, unorm, whatwg-fetch) runs before the page script.
 *
 *   npm run build                                       production, host https://nq24.example.vn
 *   npx webpack --mode production --env host=https://addin.example.gov.vn
 *   ADDIN_HOST=https://addin.example.gov.vn npm run build
 *   npm run dev-server                                  https://localhost:3000, manifest unchanged
 *
 * The production build writes dist/manifest.xml with every https://localhost:3000 URL
 * rewritten to the host, so IT staff deploy dist/ as is.
 */
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_ORIGIN = "https://localhost:3000";
const DEFAULT_PRODUCTION_HOST = "https://nq24.example.vn";

/**
 * Checks and normalises the deployment host: https only (Office refuses anything else),
 * no query or fragment, no trailing slash. A path is allowed (https://intranet/nq24).
 */
function normaliseHost(host) {
  const value = String(host).trim().replace(/\/+$/, "");
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Add-in host "${host}" is not a URL (expected e.g. https://addin.example.gov.vn)`);
  }
  if (url.protocol !== "https:") throw new Error(`Add-in host "${host}" must use https://`);
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`Add-in host "${host}" must not carry a query, fragment or credentials`);
  }
  return value;
}

/** Which host the build targets: --env host=..., then ADDIN_HOST, then the default. */
function resolveHost(env, mode) {
  if (mode !== "production") return DEV_ORIGIN;
  const given = (env && env.host) || process.env.ADDIN_HOST;
  return normaliseHost(given || DEFAULT_PRODUCTION_HOST);
}

/**
 * Rewrites every development URL of the manifest to the deployment host. An AppDomain is
 * an origin, so it gets the host's origin even when the host has a path.
 */
function rewriteManifest(xml, host) {
  const base = normaliseHost(host);
  const origin = new URL(base).origin;
  return String(xml)
    .replace(/<AppDomain>\s*https:\/\/localhost:3000\/?\s*<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`)
    .split(DEV_ORIGIN)
    .join(base);
}

/**
 * Office's webview caches hard: the stylesheet is copied as is, so the page asks for it
 * as taskpane.css?v=<content hash> and a new release never runs with an old stylesheet.
 */
class StylesheetVersionPlugin {
  constructor(cssFile) {
    this.cssFile = cssFile;
  }
  apply(compiler) {
    compiler.hooks.compilation.tap("StylesheetVersionPlugin", (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tap("StylesheetVersionPlugin", (data) => {
        const css = fs.readFileSync(this.cssFile);
        const version = crypto.createHash("sha256").update(css).digest("hex").slice(0, 8);
        data.html = data.html.replace(/(href=["']?)taskpane\.css(?=["'\s>])/g, `$1taskpane.css?v=${version}`);
        return data;
      });
    });
  }
}

/**
 * @param {{host?: string, outDir?: string, transpileOnly?: string|boolean}} env  --env values:
 *   outDir: where to build (tests use a temp dir); transpileOnly: skip ts-loader's type
 *   check (tests, for speed: `npm run typecheck` checks types).
 * @param {{mode?: string}} argv
 */
function createConfig(env = {}, argv = {}) {
  const mode = argv.mode || env.mode || "production";
  const production = mode === "production";
  const host = resolveHost(env, mode);
  const outDir = env.outDir ? path.resolve(env.outDir) : path.resolve(__dirname, "dist");
  const transpileOnly = env.transpileOnly === true || env.transpileOnly === "true";

  return {
    mode,
    context: __dirname,
    target: ["web", "es5"],
    entry: {
      polyfills: "./src/polyfills.ts",
      taskpane: "./src/taskpane/taskpane.ts",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: outDir,
      // Pages and scripts live side by side, so relative URLs work on any host path and
      // need no document.currentScript (missing in IE11).
      publicPath: "",
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
      // webpack's own runtime code, as ES5 (IE11): every newer feature off.
      environment: {
        arrowFunction: false,
        asyncFunction: false,
        bigIntLiteral: false,
        const: false,
        deferImport: false,
        destructuring: false,
        document: true,
        dynamicImport: false,
        dynamicImportInWorker: false,
        forOf: false,
        generator: false,
        globalThis: false,
        hasOwn: false,
        importMetaDirnameAndFilename: false,
        let: false,
        logicalAssignment: false,
        methodShorthand: false,
        module: false,
        modulePreload: false,
        nodeBuiltinModuleGetter: false,
        nodePrefixForCoreModules: false,
        optionalChaining: false,
        sourceImport: false,
        spread: false,
        symbol: false,
        templateLiteral: false,
        topLevelAwait: false,
      },
    },
    resolve: {
      extensions: [".ts", ".js", ".json"],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.resolve(__dirname, "tsconfig.json"),
              onlyCompileBundledFiles: true,
              transpileOnly,
              compilerOptions: {
                target: "es5",
                // ES modules for webpack: tree shaking, and import() stays a real lazy chunk
                // (under CommonJS it would become a synchronous require).
                module: "es2020",
                noEmit: false,
                sourceMap: !production,
              },
            },
          },
        },
        {
          // ExcelJS's browser build is ES2018 (classes, async, spread), and SheetJS (the
          // .xls reader, an async chunk of its own) has a few ES2015 keywords: IE11 cannot
          // even parse them, so TypeScript lowers both to ES5 too. Add any other non-ES5 package here;
          // test/es5bundles.test.ts names the file that needs it.
          test: /\.m?js$/,
          include: /[\\/]node_modules[\\/](exceljs|@e965[\\/]xlsx)[\\/]/,
          use: {
            loader: "ts-loader",
            options: {
              instance: "es5-lowering",
              transpileOnly: true,
              compilerOptions: {
                allowJs: true,
                target: "es5",
                module: "es2020",
                downlevelIteration: true,
                importHelpers: false,
                isolatedModules: false,
                noEmit: false,
                sourceMap: false,
              },
            },
          },
        },
      ],
    },
    devtool: production ? false : "source-map", // never eval: the pane's CSP has no 'unsafe-eval'
    optimization: {
      // Only async chunks are split (e.g. ExcelJS loaded on demand); the initial pane is
      // exactly polyfills + taskpane.
      splitChunks: { chunks: "async" },
    },
    performance: {
      // Raw sizes; the real budget (150 KB gzip for the pane's initial JS) is asserted by
      // test/es5bundles.test.ts.
      hints: production ? "warning" : false,
      maxEntrypointSize: 600 * 1024,
      maxAssetSize: 600 * 1024,
      assetFilter: (file) => file.endsWith(".js"),
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["polyfills", "taskpane"],
        chunksSortMode: "manual", // polyfills must run first
        inject: "body",
        scriptLoading: "blocking",
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["polyfills", "commands"],
        chunksSortMode: "manual",
        inject: "body",
        scriptLoading: "blocking",
      }),
      new StylesheetVersionPlugin(path.resolve(__dirname, "src/taskpane/taskpane.css")),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          // The page behind SupportUrl and LearnMoreUrl, when the docs provide it.
          { from: "docs/help.html", to: "help.html", noErrorOnMissing: true },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (production ? rewriteManifest(content.toString("utf8"), host) : content),
          },
        ],
      }),
    ],
    devServer: {
      host: "localhost",
      port: 3000,
      server: "https", // webpack-dev-server's own self-signed certificate
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: outDir, watch: false },
      hot: false, // HMR client code is not ES5-clean and the pane is reloaded anyway
      client: { overlay: false }, // the overlay uses inline styles, which the CSP blocks
    },
  };
}

module.exports = createConfig;
module.exports.createConfig = createConfig;
module.exports.rewriteManifest = rewriteManifest;
module.exports.resolveHost = resolveHost;
module.exports.normaliseHost = normaliseHost;
module.exports.DEV_ORIGIN = DEV_ORIGIN;
module.exports.DEFAULT_PRODUCTION_HOST = DEFAULT_PRODUCTION_HOST;
