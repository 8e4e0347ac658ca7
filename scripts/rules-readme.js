#!/usr/bin/env node
/**
 * `npm run rules:readme`: writes README's rule table from the rule registry
 * (src/engine/rules, compiled to build/). `--check` only says whether README is current
 * (exit 1 when not); test/engine.registry.test.ts makes the same comparison.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const readme = path.join(root, "README.md");
const { withRuleTable } = require(path.join(root, "build", "engine", "rules", "index.js"));

const text = fs.readFileSync(readme, "utf8");
const next = withRuleTable(text);
if (next === null) {
  console.error("README.md has no rule-table markers (<!-- rules:begin … --> … <!-- rules:end -->).");
  process.exit(2);
}
if (process.argv.includes("--check")) {
  if (next !== text) {
    console.error("README.md's rule table differs from the registry: run `npm run rules:readme`.");
    process.exit(1);
  }
  console.log("README.md's rule table is current.");
} else if (next !== text) {
  fs.writeFileSync(readme, next);
  console.log("README.md's rule table rewritten from the registry.");
} else {
  console.log("README.md's rule table is already current.");
}
