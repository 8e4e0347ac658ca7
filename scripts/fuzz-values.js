#!/usr/bin/env node
/**
 * Fuzzes the value parser: 1,000,000 generated strings through parseText, counting
 * exceptions (there must be none). Deterministic: the same seed gives the same strings.
 *
 *   npx tsc -p tsconfig.node.json     (compiles src → build)
 *   node scripts/fuzz-values.js [count] [seed]
 *
 * Exits 1 when any string throws, printing the first few (as JSON, to show hidden characters).
 */
"use strict";

const path = require("path");

let seed = 0x24a11ce;
/** mulberry32: small, fast, deterministic. */
function rand() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rand() * n);
const pick = (a) => a[int(a.length)];

const DIGITS = "0123456789";
const SEPARATORS = [".", ",", ".", ",", " ", "\u00a0", "\t", "\u202f", "'", "/", ";", ":", "-", "–", "—", "−", "~"];
const UNITS = ["%", " %", "ha", " ha", "m2", "m²", " m2/người", "m²/ người", "km", "người", "con", "loài", "hộ", "điểm", "cơ sở", "mô hình", "dự án", "xã",
  " triệu đồng", " tr", " tỷ", " tỉ đồng", " nghìn", " ngàn", " đồng", "đ", " VNĐ", " tấn", "kg"];
const WORDS = ["Có", "Không", "Không có", "chưa", "Chưa đạt", "Đã", "Đạt", "Rồi", "x", "KAD", "N/A", "Không áp dụng", "không phát sinh", "Không có số liệu",
  "trên", "dưới", "tối thiểu", "ít nhất", "tối đa", "không quá", "từ", "đến", "trở lên", "trở xuống", "đạt", "độ che phủ", "bện viện", "Hiện có", "làng nghề",
  "Kho\u0302ng co\u0301", "\u0110a\u0323t", "#N/A", "#DIV/0!", "#REF!", "#", "NaN", "Infinity", "e", "E+308", "e-", "0x", "constructor", "__proto__", "toString"];
const SYMBOLS = [">", "<", ">=", "<=", "≥", "≤", "=", "=>", "(", ")", "[", "]", "\"", "“", "”", "'", "…", "...", "+", "*", "?", "!", "&", "|", "\\", "\n", "\r\n",
  "\u0301", "\u0323", "\u0302", "\u031b", "\u0306", "\u200b", "\u200d", "\ufeff", "\u00ad", "\u2028", "\ud83d\ude00", "\ud800", "\udfff", "\u0000", "\uffff"];

function digits(n) {
  let s = "";
  for (let i = 0; i < n; i++) s += DIGITS.charAt(int(10));
  return s;
}

function randomUnicode(n) {
  let s = "";
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.5) s += String.fromCharCode(0x20 + int(0x5f));
    else if (r < 0.8) s += String.fromCharCode(0xa0 + int(0x1f00));
    else s += String.fromCharCode(int(0x10000));
  }
  return s;
}

function numberLike() {
  let s = rand() < 0.1 ? pick(["-", "+", ">", "<"]) : "";
  const groups = 1 + int(5);
  for (let g = 0; g < groups; g++) {
    if (g > 0) s += pick(SEPARATORS);
    s += digits(1 + int(rand() < 0.9 ? 4 : 30));
  }
  if (rand() < 0.5) s += pick(UNITS);
  return s;
}

function mixture() {
  const parts = 1 + int(8);
  let s = "";
  for (let i = 0; i < parts; i++) {
    const r = rand();
    if (r < 0.35) s += numberLike();
    else if (r < 0.55) s += pick(WORDS);
    else if (r < 0.7) s += pick(SYMBOLS);
    else if (r < 0.8) s += pick(UNITS);
    else if (r < 0.9) s += pick(SEPARATORS);
    else s += randomUnicode(1 + int(6));
    if (rand() < 0.4) s += " ";
  }
  return s;
}

function veryLong() {
  const r = rand();
  const n = 1000 + int(20000);
  if (r < 0.25) return digits(n);
  if (r < 0.5) {
    let s = "";
    while (s.length < n) s += digits(1 + int(3)) + pick([".", ","]);
    return s;
  }
  if (r < 0.75) return randomUnicode(n);
  let s = "";
  while (s.length < n) s += mixture();
  return s;
}

function generate(i) {
  if (i % 5000 === 0) return veryLong();
  const r = rand();
  if (r < 0.35) return numberLike();
  if (r < 0.8) return mixture();
  return randomUnicode(int(30));
}

/**
 * Runs `count` generated strings through `parseText`; the test suite calls this with the
 * TypeScript source, the command line with the compiled build.
 */
function run(parseText, count, startSeed) {
  seed = startSeed >>> 0 || 0x24a11ce;
  const started = Date.now();
  let exceptions = 0;
  const examples = [];
  for (let i = 0; i < count; i++) {
    const s = generate(i);
    try {
      const r = parseText(s);
      if (!r || typeof r.state !== "string") throw new Error("no state");
    } catch (err) {
      exceptions++;
      if (examples.length < 10) examples.push({ input: s.length > 200 ? s.slice(0, 200) + "…" : s, error: String(err && err.message) });
    }
  }
  return { strings: count, exceptions, seconds: (Date.now() - started) / 1000, examples };
}

module.exports = { run, generate };

if (require.main === module) {
  const enginePath = path.join(__dirname, "..", "build", "engine", "values.js");
  let values;
  try {
    values = require(enginePath);
  } catch (err) {
    console.error("Cannot load " + enginePath + " (run `npx tsc -p tsconfig.node.json` first): " + err.message);
    process.exit(2);
  }
  const count = Number(process.argv[2]) > 0 ? Math.floor(Number(process.argv[2])) : 1000000;
  const r = run(values.parseText, count, Number(process.argv[3]));
  console.log("strings: " + r.strings);
  console.log("exceptions: " + r.exceptions);
  console.log("time: " + r.seconds.toFixed(2) + " s");
  if (r.exceptions > 0) {
    for (const e of r.examples) console.log(JSON.stringify(e));
    process.exit(1);
  }
}
