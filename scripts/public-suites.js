#!/usr/bin/env node
/**
 * Runs the reader over public spreadsheet test suites that a developer brought onto this
 * machine (calamine, SheetJS test_files, Apache POI, ExcelJS, excelize…): every .xlsx,
 * .xlsm, .xls and .ods in them, read under the default per-file limits. Prints what was
 * read, what was refused and why, and what crashed (a fault of ours: it must be none).
 * Files we refuse are offered to SheetJS in a child process (30 s) to tell a hostile or
 * broken file from a valid one we failed. Nothing of those suites enters the repository.
 * Usage: node scripts/public-suites.js <folder or bare git repository>… [--json]
 * (after npm run build:node)
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync, spawnSync } = require("child_process");

const build = (p) => path.join(__dirname, "..", "build", p);
const { readSpreadsheetSync, loadSheetJs, XlsxError } = require(build("adapters/xlsx/index.js"));

const EXT = /\.(xlsx|xlsm|xls|ods)$/i;
const asJson = process.argv.includes("--json");
const inputs = process.argv.slice(2).filter((a) => !a.startsWith("--"));

/** Files of a folder, or of a bare git repository's HEAD (extracted to a temporary folder). */
function filesOf(input, tmp) {
  const out = [];
  if (fs.existsSync(path.join(input, "HEAD")) && fs.existsSync(path.join(input, "objects"))) {
    const list = execFileSync("git", ["-C", input, "ls-tree", "-r", "-z", "--name-only", "HEAD"], { maxBuffer: 1 << 28 }).toString().split("\0").filter((n) => EXT.test(n));
    const base = path.join(tmp, path.basename(path.dirname(input)));
    for (const n of list) {
      const dest = path.join(base, n);
      let data;
      try {
        data = execFileSync("git", ["-C", input, "show", `HEAD:${n}`], { maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "ignore"] });
      } catch {
        continue; // the snapshot lists it but does not hold it (its largest files)
      }
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, data);
      out.push(dest);
    }
    return out;
  }
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (EXT.test(e.name)) out.push(p);
    }
  };
  walk(input);
  return out;
}

function sheetJsOpens(file) {
  const r = spawnSync(process.execPath, ["--max-old-space-size=2048", "-e", `try { require("@e965/xlsx").readFile(${JSON.stringify(file)}); console.log("ok"); } catch (e) { console.log("refused: " + String(e.message).slice(0, 80)); }`], { encoding: "utf8", timeout: 30000, cwd: path.join(__dirname, "..") });
  if (r.error) return "still running after 30 s";
  return (r.stdout || "").trim() || `exit ${r.status}`;
}

function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nq24-suites-"));
  const summary = [];
  try {
    for (const input of inputs) {
      const files = filesOf(input, tmp);
      const s = { suite: input, files: files.length, read: 0, refused: {}, crashed: [], slowest: { file: "", ms: 0 }, refusedList: [] };
      for (const f of files) {
        const t0 = Date.now();
        let failure = null;
        try {
          const r = readSpreadsheetSync(fs.readFileSync(f), { name: path.basename(f) }, loadSheetJs);
          if (!r.snapshot.sheets.length) throw new Error("no sheet");
          s.read++;
        } catch (e) {
          failure = e;
        }
        // Our time only: the peer's try below is not ours.
        const took = Date.now() - t0;
        if (took > s.slowest.ms) s.slowest = { file: path.relative(tmp, f), ms: took };
        if (failure instanceof XlsxError) {
          s.refused[failure.code] = (s.refused[failure.code] || 0) + 1;
          s.refusedList.push({ file: path.relative(tmp, f), code: failure.code, en: failure.en, sheetjs: sheetJsOpens(f) });
        } else if (failure) s.crashed.push({ file: path.relative(tmp, f), error: String(failure.stack ? failure.stack.split("\n").slice(0, 3).join(" | ") : failure) });
      }
      summary.push(s);
      if (!asJson) {
        console.log(`${input}: ${s.files} files, ${s.read} read, ${s.files - s.read - s.crashed.length} refused ${JSON.stringify(s.refused)}, ${s.crashed.length} crashed; slowest ${s.slowest.ms} ms (${s.slowest.file})`);
        for (const r of s.refusedList) console.log(`  refused ${r.file}: ${r.code} — ${r.en.slice(0, 110)} [SheetJS: ${r.sheetjs}]`);
        for (const c of s.crashed) console.log(`  CRASHED ${c.file}: ${c.error}`);
      }
    }
    if (asJson) console.log(JSON.stringify(summary));
    process.exitCode = summary.some((s) => s.crashed.length) ? 1 : 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
