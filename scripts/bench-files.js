#!/usr/bin/env node
/**
 * Benchmark of province consolidation on files: generates synthetic district workbooks
 * (variations of the Lai Châu sample), then times consolidating them against the time
 * ExcelJS alone takes to load the same files, and samples peak memory.
 * Budgets: consolidation ≤ 1.3 × ExcelJS load time; peak RSS ≤ 1.5 GB.
 * Usage: node scripts/bench-files.js [--files 700] [--keep] [--dir <folder from --keep>] [--workers n] [--json]
 * (after npm run build:node)
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.join(__dirname, "..");
const build = (p) => path.join(root, "build", p);
const ExcelJS = require("exceljs");
const { buildWorkbookTemplate } = require(build("engine/layout.js"));
const { nationalCatalogue, laiChauSample, sampleFillValues } = require(build("catalogue/index.js"));
const { writeTemplate, renderConsolidation, writeWorkbookFile } = require(build("adapters/xlsx/index.js"));
const { consolidateFiles } = require(build("usecases/files.js"));

const BUDGET_RATIO = 1.3;
const BUDGET_RSS = 1.5 * 1024 * 1024 * 1024;

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const N = Number(arg("files", process.env.NQ24_BENCH_FILES || 700));
const reuse = arg("dir", "");
const keep = process.argv.includes("--keep") || !!reuse;
const asJson = process.argv.includes("--json");
// Like the command line: worker threads chosen automatically unless --workers is given.
const workersArg = arg("workers", "");
const workers = workersArg === "" ? undefined : Number(workersArg);
const log = (s) => { if (!asJson) process.stdout.write(s + "\n"); };

/** Deterministic pseudo-random numbers, so every run benches the same files. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 0x100000000);
}

async function generate(dir) {
  const base = sampleFillValues();
  const rand = rng(24);
  const ids = Object.keys(base);
  for (let i = 0; i < N; i++) {
    const fill = JSON.parse(JSON.stringify(base));
    // Vary a handful of values per district, in the spellings staff use.
    for (let k = 0; k < 12; k++) {
      const id = ids[Math.floor(rand() * ids.length)];
      const v = (rand() * 1000).toFixed(2).replace(".", ",");
      fill[id] = { ...fill[id], result: k % 3 === 0 ? `${v} ha` : k % 3 === 1 ? `${v}%` : v };
    }
    const cover = { ...laiChauSample.cover, unit: `UBND huyện Thử Nghiệm ${i + 1}`, reportNumber: `${i + 1}/BC-UBND`, reportDate: "15/05/2023", preparer: "Người lập" };
    const wb = writeTemplate(buildWorkbookTemplate(nationalCatalogue, cover, fill));
    await wb.xlsx.writeFile(path.join(dir, `huyen-${String(i + 1).padStart(4, "0")}.xlsx`));
  }
}

async function excelJsLoadOnly(files) {
  for (const f of files) {
    const wb = new ExcelJS.Workbook();
    // Read the way the command line reads (synchronously), so both sides pay the same.
    await wb.xlsx.load(fs.readFileSync(f));
  }
}

async function main() {
  const dir = reuse || fs.mkdtempSync(path.join(os.tmpdir(), "nq24-bench-files-"));
  const out = path.join(os.tmpdir(), `nq24-bench-province-${process.pid}.xlsx`);
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 25);
  try {
    if (!reuse) {
      const g0 = Date.now();
      await generate(dir);
      log(`Đã tạo ${N} sổ tính huyện / generated ${N} district workbooks in ${((Date.now() - g0) / 1000).toFixed(1)} s`);
    }
    const files = fs.readdirSync(dir).filter((n) => n.endsWith(".xlsx")).sort().map((n) => path.join(dir, n));
    const { defaultWorkers } = require(build("usecases/files.js"));
    const used = workers === undefined ? defaultWorkers(files.length) : workers;
    log(`Luồng đọc file / file-reading threads: ${used === 0 ? "1 (luồng chính / main thread)" : used + " worker"}`);
    // Warm both paths up so neither pays for compiling the code.
    const warm = files.slice(0, Math.min(30, files.length));
    await excelJsLoadOnly(warm);
    await consolidateFiles(warm, {});
    peak = process.memoryUsage().rss;

    // Two alternating rounds, best of each: the machine's other work weighs on both alike.
    let loadMs = Infinity;
    let consMs = Infinity;
    let readMs = Infinity;
    let res;
    for (let round = 0; round < 2; round++) {
      const t0 = process.hrtime.bigint();
      await excelJsLoadOnly(files);
      loadMs = Math.min(loadMs, Number(process.hrtime.bigint() - t0) / 1e6);
      // The same work as consolidateFiles(files, { out }), timed in its two parts.
      const t1 = process.hrtime.bigint();
      res = await consolidateFiles(files, { workers, onProgress: () => { peak = Math.max(peak, process.memoryUsage().rss); } });
      const t2 = process.hrtime.bigint();
      await writeWorkbookFile(renderConsolidation(res.consolidation, "vi"), out, { fast: true });
      const t3 = process.hrtime.bigint();
      if (Number(t3 - t1) / 1e6 < consMs) {
        consMs = Number(t3 - t1) / 1e6;
        readMs = Number(t2 - t1) / 1e6;
      }
      peak = Math.max(peak, process.memoryUsage().rss);
      log(`  vòng / round ${round + 1}: ExcelJS ${(Number(t1 - t0) / 1e9).toFixed(2)} s, consolidate ${(Number(t3 - t1) / 1e9).toFixed(2)} s (read+check ${(Number(t2 - t1) / 1e9).toFixed(2)} s, roll-up written ${(Number(t3 - t2) / 1e9).toFixed(2)} s)`);
    }

    const ratio = consMs / loadMs;
    const result = {
      files: files.length,
      consolidated: res.consolidation.districts.length,
      refused: res.refused.length,
      excelJsLoadMs: Math.round(loadMs),
      consolidateMs: Math.round(consMs),
      readAndCheckMs: Math.round(readMs),
      writeRollUpMs: Math.round(consMs - readMs),
      readAndCheckRatio: Math.round((readMs / loadMs) * 100) / 100,
      ratio: Math.round(ratio * 100) / 100,
      budgetRatio: BUDGET_RATIO,
      peakRssMB: Math.round(peak / 1024 / 1024),
      budgetRssMB: Math.round(BUDGET_RSS / 1024 / 1024),
      withinBudget: ratio <= BUDGET_RATIO && peak <= BUDGET_RSS,
    };
    if (asJson) process.stdout.write(JSON.stringify(result) + "\n");
    else {
      log(`ExcelJS chỉ đọc / ExcelJS load only:        ${(loadMs / 1000).toFixed(2)} s (${(loadMs / files.length).toFixed(1)} ms/file)`);
      log(`Tổng hợp / consolidate (read+check+write):  ${(consMs / 1000).toFixed(2)} s (${(consMs / files.length).toFixed(1)} ms/file)`);
      log(`  trong đó đọc+kiểm tra / of which read+check: ${(readMs / 1000).toFixed(2)} s (tỉ lệ / ratio ${result.readAndCheckRatio}); ghi bảng tổng hợp / writing the roll-up: ${((consMs - readMs) / 1000).toFixed(2)} s`);
      log(`Tỉ lệ / ratio: ${result.ratio} (ngân sách / budget ≤ ${BUDGET_RATIO}) ${ratio <= BUDGET_RATIO ? "✔" : "✖"}`);
      log(`Bộ nhớ đỉnh / peak RSS: ${result.peakRssMB} MB (ngân sách / budget ≤ ${result.budgetRssMB} MB) ${peak <= BUDGET_RSS ? "✔" : "✖"}`);
      log(result.withinBudget ? "Trong ngân sách / within budget" : "VƯỢT ngân sách / OVER budget");
    }
    process.exitCode = result.withinBudget ? 0 : 1;
  } finally {
    clearInterval(timer);
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    else log(`files kept in ${dir}`);
    fs.rmSync(out, { force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench-files: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 2;
});
