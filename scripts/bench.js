#!/usr/bin/env node
/**
 * `npm run bench`: prints the figures the issues budget, measured here rather than asserted
 * in tests (timings in tests are flaky on shared machines).
 *   engine  — the Lai Châu sample end to end; 700 synthetic districts (~112,000 indicator rows)
 *   add-in  — syncs per check against a naive per-row reader; the task pane's initial JS size
 *   files   — consolidating 700 .xlsx files side by side with ExcelJS and SheetJS (ours at one
 *             thread and on workers); the 300,000-row workbook; the lying zip; peak memory
 *   fuzz    — the value parser on 1,000,000 generated strings
 *   layouts — the layout corpus: recognition %, planted faults found %, false alarms
 * Run one part with `npm run bench -- engine` (or addin, files, fuzz, layouts).
 * npm runs it with a 32 MB young generation (--max-semi-space-size=32): the engine allocates
 * many short-lived values per cell, and batch runs over hundreds of workbooks spend less time
 * in the garbage collector that way.
 */
"use strict";
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.join(__dirname, "..");
const build = (p) => path.join(root, "build", p);
const want = process.argv.slice(2);
const parts = want.length ? want : ["engine", "addin", "files", "fuzz"];
const results = [];

function ms(t0) {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function record(name, value, unit, budget, within) {
  results.push({ name, value, unit, budget, within });
  const b = budget ? `  (budget ${budget}: ${within ? "OK" : "OVER"})` : "";
  console.log(`  ${name}: ${typeof value === "number" ? value.toFixed(value < 10 ? 2 : 0) : value} ${unit}${b}`);
}

/** Deterministic pseudo-random numbers, so every run measures the same work. */
function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function benchEngine() {
  console.log("engine");
  const { checkWorkbook } = require(build("engine/check.js"));
  const { buildWorkbookTemplate, templateToSnapshot } = require(build("engine/layout.js"));
  const { nationalCatalogue, laiChauSample, sampleFillValues } = require(build("catalogue/index.js"));

  const sample = templateToSnapshot(buildWorkbookTemplate(nationalCatalogue, laiChauSample.cover, sampleFillValues()));
  for (let i = 0; i < 20; i++) checkWorkbook(sample, nationalCatalogue);
  const times = [];
  for (let i = 0; i < 50; i++) {
    const t0 = process.hrtime.bigint();
    checkWorkbook(sample, nationalCatalogue);
    times.push(ms(t0));
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  record("Lai Châu sample, snapshot → findings, status, plan (median of 50)", median, "ms", "< 20 ms", median < 20);

  // 700 districts: the sample's values varied per district, some cells blanked or made odd.
  // Each district is built, checked and dropped, as a province run reads one file at a time;
  // only the checks are timed.
  const base = sampleFillValues();
  const ids = Object.keys(base);
  const district = (d) => {
    const rand = rng(d + 1);
    const fill = {};
    for (const id of ids) {
      const v = Object.assign({}, base[id]);
      for (const k of ["baseline", "result"]) {
        const r = rand();
        if (r < 0.05) v[k] = "";
        else if (r < 0.25) v[k] = String(Math.round(rand() * 100000) / 100).replace(".", ",");
        else if (r < 0.28) v[k] = "1.234";
      }
      fill[id] = v;
    }
    const cover = Object.assign({}, laiChauSample.cover, { unit: `UBND huyện ${d + 1}`, reportNumber: `${d + 1}/BC-UBND`, preparer: "Cán bộ", reportDate: "15/05/2023" });
    return templateToSnapshot(buildWorkbookTemplate(nationalCatalogue, cover, fill));
  };
  // Warm the JIT on a few districts first, as any long run would be.
  for (let d = 0; d < 30; d++) checkWorkbook(district(d), nationalCatalogue);
  let total = 0;
  let rows = 0;
  let findings = 0;
  for (let d = 0; d < 700; d++) {
    const snap = district(d);
    const t0 = process.hrtime.bigint();
    const r = checkWorkbook(snap, nationalCatalogue);
    total += ms(t0);
    rows += r.matches.length;
    findings += r.findings.length;
  }
  record(`700 districts, ${rows.toLocaleString("en-US")} indicator rows checked (${findings.toLocaleString("en-US")} findings)`, total, "ms", "< 1000 ms", total < 1000);
  return { perDistrict: total / 700, district };
}

/**
 * The check beside ExcelJS merely loading the same rows: one district written as .xlsx and
 * loaded 40 times (median), against the check's mean per district above.
 */
async function benchEngineVsExcelJS(engine) {
  const ExcelJS = require("exceljs");
  const { writeTemplate } = require(build("adapters/xlsx/index.js"));
  const { buildWorkbookTemplate } = require(build("engine/layout.js"));
  const { nationalCatalogue, laiChauSample, sampleFillValues } = require(build("catalogue/index.js"));
  const buf = Buffer.from(await writeTemplate(buildWorkbookTemplate(nationalCatalogue, laiChauSample.cover, sampleFillValues())).xlsx.writeBuffer());
  const times = [];
  for (let i = 0; i < 45; i++) {
    const t0 = process.hrtime.bigint();
    await new ExcelJS.Workbook().xlsx.load(buf);
    if (i >= 5) times.push(ms(t0));
  }
  times.sort((a, b) => a - b);
  const load = times[Math.floor(times.length / 2)];
  record("ExcelJS loading one district's .xlsx (median of 40)", load, "ms");
  record("check per district (mean of 700)", engine.perDistrict, "ms");
  const ratio = load / engine.perDistrict;
  record("ExcelJS load time / check time, per district", ratio, "×", "> 1 (the check faster)", ratio > 1);
}

function runScript(name, script, args) {
  const file = path.resolve(__dirname, script);
  // The child runs with the same Node options as the bench itself.
  const r = spawnSync(process.execPath, process.execArgv.concat([file], args || []), { stdio: "inherit", cwd: root });
  if (r.status !== 0) {
    results.push({ name, value: `exit ${r.status}`, within: false });
    console.log(`  ${name}: failed (exit ${r.status})`);
  }
}

const fs = require("fs");
async function main() {
  for (const part of parts) {
    if (part === "engine") await benchEngineVsExcelJS(benchEngine());
    else if (part === "addin") {
      // The add-in bench drives the strict fake (TypeScript under test/): compile it alongside.
      const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.bench.json"], { stdio: "inherit", cwd: root });
      if (tsc.status !== 0) results.push({ name: "add-in (compile)", value: "failed", within: false });
      else runScript("add-in", path.join("..", "build", "bench", "scripts", "bench", "addin.js"));
    } else if (part === "files") {
      if (fs.existsSync(path.join(__dirname, "bench-files.js"))) runScript("files", "bench-files.js");
    } else if (part === "layouts") {
      // The corpus generator is TypeScript under test/: compiled with the add-in bench.
      const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.bench.json"], { stdio: "inherit", cwd: root });
      if (tsc.status !== 0) results.push({ name: "layouts (compile)", value: "failed", within: false });
      else runScript("layouts", path.join("..", "build", "bench", "scripts", "bench", "layouts.js"));
    } else if (part === "fuzz") {
      console.log("fuzz");
      runScript("fuzz", "fuzz-values.js");
    }
  }
  const over = results.filter((r) => r.within === false);
  console.log(over.length ? `\n${over.length} figure(s) over budget.` : "\nAll figures within budget.");
}
main();
