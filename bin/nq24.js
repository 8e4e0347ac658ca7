#!/usr/bin/env node
"use strict";
// The command line is written in TypeScript and compiled to build/ by `npm ci` (prepare)
// or `npm run build:node`.
let cli;
try {
  cli = require("../build/cli/nq24.js");
} catch (e) {
  process.stderr.write(
    "nq24: chưa biên dịch — hãy chạy `npm run build:node` / not built — run `npm run build:node`\n" +
      (e && e.message ? `(${e.message})\n` : ""),
  );
  process.exit(2);
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`nq24: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 2;
  },
);
