/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  setupFiles: ["<rootDir>/test/helpers/lang.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { target: "es2020", module: "commonjs", esModuleInterop: true, resolveJsonModule: true, strict: true, skipLibCheck: true } , diagnostics: { warnOnly: false } }],
  },
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
  testTimeout: 120000,
  // Two workers even on a two-core machine: many suites wait on child processes (webpack,
  // Chromium, LibreOffice, the CLI), so a second worker cuts the wall time, where
  // Jest's default (cores − 1) would run them one at a time.
  maxWorkers: 2,
};
