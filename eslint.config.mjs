// ESLint flat config: TypeScript, Microsoft's Office add-in rules, and the boundaries
// that keep the engine pure (no Office, DOM or Node) as ARCHITECTURE.md asks.
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";

const nodeBuiltins = ["fs", "path", "os", "crypto", "zlib", "child_process", "http", "https", "url", "stream", "util", "events", "buffer", "worker_threads"];

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "build/", "coverage/", "test-artifacts/", "**/*.min.js"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The engine and the catalogue are pure: plain data in, plain data out.
    files: ["src/engine/**/*.ts", "src/catalogue/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        paths: [
          ...nodeBuiltins.map((name) => ({ name, message: "The engine is pure: no Node APIs." })),
          ...nodeBuiltins.map((name) => ({ name: `node:${name}`, message: "The engine is pure: no Node APIs." })),
          { name: "exceljs", message: "The engine is pure: ExcelJS belongs in adapters/xlsx." },
          { name: "@microsoft/office-js", message: "The engine is pure: Office.js belongs in adapters/office." },
        ],
        patterns: [
          { group: ["**/adapters/**", "**/taskpane/**", "**/commands/**", "**/cli/**", "**/usecases/**"], message: "Imports point inwards: the engine imports only the catalogue." },
        ],
      }],
      "no-restricted-globals": ["error",
        { name: "Excel", message: "The engine is pure: no Office.js." },
        { name: "Office", message: "The engine is pure: no Office.js." },
        { name: "OfficeExtension", message: "The engine is pure: no Office.js." },
        { name: "window", message: "The engine is pure: no DOM." },
        { name: "document", message: "The engine is pure: no DOM." },
        { name: "fetch", message: "The engine is pure: no I/O." },
        { name: "process", message: "The engine is pure: no Node APIs." },
        { name: "require", message: "The engine is pure: no Node APIs." },
        { name: "Buffer", message: "The engine is pure: no Node APIs." },
      ],
    },
  },
  {
    // The report reader runs in the task pane too: no Node API.
    files: ["src/adapters/docx/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        paths: [
          ...nodeBuiltins.map((name) => ({ name, message: "The report reader runs in the browser too: no Node APIs." })),
          ...nodeBuiltins.map((name) => ({ name: `node:${name}`, message: "The report reader runs in the browser too: no Node APIs." })),
        ],
        patterns: [{ group: ["**/taskpane/**", "**/commands/**", "**/cli/**"], message: "Adapters do not import the UI." }],
      }],
      "no-restricted-globals": ["error", { name: "Buffer", message: "Use Uint8Array: the reader runs in the browser too." }, { name: "process", message: "The reader runs in the browser too." }],
    },
  },
  {
    files: ["src/adapters/xlsx/**/*.ts", "src/adapters/office/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/taskpane/**", "**/commands/**", "**/cli/**"], message: "Adapters do not import the UI." }] }],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
    languageOptions: { globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly" } },
  },
);
