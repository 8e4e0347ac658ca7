#!/usr/bin/env node
/**
 * The main job on a fresh machine: build the Lai Châu workbook from the sample, check it,
 * write the annotated copy and print the summary. Run with `npm run demo`.
 */
"use strict";
const path = require("path");
const fs = require("fs");

const root = path.join(__dirname, "..");
const files = require(path.join(root, "build", "usecases", "files.js"));
const cli = require(path.join(root, "build", "cli", "nq24.js"));
const { nationalCatalogue } = require(path.join(root, "build", "catalogue", "index.js"));

async function run() {
  const lang = process.argv.includes("--en") ? "en" : "vi";
  const outDir = path.join(root, "out");
  fs.mkdirSync(outDir, { recursive: true });
  const workbook = path.join(outDir, "laichau-2023.xlsx");
  const checked = path.join(outDir, "laichau-2023-checked.xlsx");
  await files.makeSample(workbook, { lang });
  process.stdout.write(`${lang === "en" ? "Workbook" : "Sổ tính"}: ${path.relative(process.cwd(), workbook)}\n`);
  const res = await files.checkFile(workbook, { out: checked, lang });
  process.stdout.write(cli.checkReport(path.basename(workbook), res.result, nationalCatalogue, lang, process.stdout.columns || 120, path.relative(process.cwd(), checked)));
}

run().catch((e) => {
  process.stderr.write(`demo: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 2;
});
