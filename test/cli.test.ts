/**
 * The nq24 command line as a user runs it: the compiled build through bin/nq24.js, exit
 * codes 0 / 1 / 2, --json for scripts, the input file never modified.
 */
import { execFileSync, spawnSync } from "child_process";
import { createHash } from "crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { districtBuffer } from "./fixtures/xlsx/districts";
import { displayWidth } from "../src/cli/width";

const root = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "nq24-cli-"));

/** Runs nq24 as a user would, output piped; `env` adds to (or, with "", clears) variables. */
function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(root, "bin", "nq24.js"), ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, CI: "", COLUMNS: "", ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function nq24(...args: string[]) {
  return run(args);
}

const sha = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.node.json")], { cwd: root, stdio: "inherit" });
  writeFileSync(join(dir, "tam-duong.xlsx"), await districtBuffer("UBND huyện Tam Đường"));
  writeFileSync(join(dir, "sin-ho.xlsx"), await districtBuffer("UBND huyện Sìn Hồ", { "PL1-30": { result: "", note: "" } }));
  writeFileSync(join(dir, "ghi-chu.xlsx"), "không phải sổ tính");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("help in Vietnamese by default, English on request", () => {
  const vi = nq24("--help");
  expect(vi.code).toBe(0);
  expect(vi.out).toMatch(/Cách dùng:[\s\S]*nq24 check[\s\S]*Mã thoát/);
  const en = nq24("--help", "--lang", "en");
  expect(en.code).toBe(0);
  expect(en.out).toMatch(/Usage:[\s\S]*nq24 consolidate[\s\S]*Exit codes/);
});

test("usage errors exit 2", () => {
  expect(nq24().code).toBe(2);
  const bad = nq24("frobnicate");
  expect(bad.code).toBe(2);
  expect(bad.err).toContain("frobnicate");
  expect(nq24("check").code).toBe(2);
  expect(nq24("check", "a.xlsx", "--lang", "fr").code).toBe(2);
  expect(nq24("check", "a.xlsx", "--bogus").code).toBe(2);
  expect(nq24("consolidate", ".").code).toBe(2); // no --out
});

test("template and sample are written and exit 0", () => {
  const t = nq24("template", "mau.xlsx");
  expect(t.code).toBe(0);
  expect(existsSync(join(dir, "mau.xlsx"))).toBe(true);
  const s = nq24("sample", "laichau.xlsx", "--lang", "en");
  expect(s.code).toBe(0);
  expect(s.out).toContain("laichau.xlsx");
});

test("check: a ready report exits 0; the input file is not modified", () => {
  const input = join(dir, "tam-duong.xlsx");
  const before = sha(input);
  const r = nq24("check", "tam-duong.xlsx", "--out", "tam-duong-checked.xlsx");
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/✔ Sẵn sàng gửi/);
  expect(r.out).toMatch(/Phụ lục 1/);
  expect(sha(input)).toBe(before);
  expect(existsSync(join(dir, "tam-duong-checked.xlsx"))).toBe(true);
});

test("check: a report with errors exits 1 and names the cell", () => {
  const r = nq24("check", "sin-ho.xlsx");
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/✖ Chưa sẵn sàng gửi/);
  expect(r.out).toMatch(/Phụ lục 1!F\d+/);
});

test("check --json: the shape scripts rely on", () => {
  const r = nq24("check", "sin-ho.xlsx", "--json", "--lang", "en");
  expect(r.code).toBe(1);
  const j = JSON.parse(r.out);
  expect(j).toMatchObject({ file: "sin-ho.xlsx", ready: false, annotated: null });
  expect(j.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(j.verdict.counts.error).toBeGreaterThan(0);
  expect(j.verdict.message).toMatch(/^Not ready/);
  const f = j.findings.find((x: { indicatorId: string | null; severity: string }) => x.indicatorId === "PL1-30" && x.severity === "error");
  expect(f).toEqual(expect.objectContaining({ code: expect.stringMatching(/^NQ24-/), sheet: "Phụ lục 1", cell: expect.stringMatching(/^F\d+$/), message: expect.any(String) }));
  expect(j.statuses.length).toBeGreaterThan(100);
  expect(Object.keys(j.statuses[0]).sort()).toEqual(["appendix", "baselineValue", "indicatorId", "label", "resultValue", "status", "trend"]);
  expect(j.years).toEqual({ PL1: { baseline: 2013, result: 2022, target: 2020 }, PL2: { baseline: 2013, result: 2022, target: 2020 } });
});

test("--catalogue: a province's catalogue file is used; a malformed one is refused with exit 2", () => {
  const ok = nq24("check", "tam-duong.xlsx", "--json", "--catalogue", join(root, "src", "catalogue", "nq24-catalogue.json"));
  expect(ok.code).toBe(0);
  expect(JSON.parse(ok.out).verdict.catalogueVersion).toMatch(/^nq24-national /);
  writeFileSync(join(dir, "hong.json"), '{"schemaVersion": "1.0", "rows": [');
  const bad = nq24("check", "tam-duong.xlsx", "--catalogue", "hong.json");
  expect(bad.code).toBe(2);
  expect(bad.err).toMatch(/danh mục không hợp lệ: hong\.json/);
});

test("check: a file that is not a workbook exits 2 with its name", () => {
  const r = nq24("check", "ghi-chu.xlsx");
  expect(r.code).toBe(2);
  expect(r.err).toContain("ghi-chu.xlsx");
  expect(r.err).toMatch(/không phải file Excel/);
  const missing = nq24("check", "khong-co.xlsx", "--lang", "en");
  expect(missing.code).toBe(2);
  expect(missing.err).toMatch(/khong-co\.xlsx: file not found/);
  expect(nq24("check", "tam-duong.xlsx", "--out", "tam-duong.xlsx").code).toBe(2);
});

test("consolidate: exit 1 when a district is not ready, 2 when a file was refused, 0 when all are ready", () => {
  const one = nq24("consolidate", "tam-duong.xlsx", "sin-ho.xlsx", "--out", "tinh.xlsx", "--json");
  expect(one.code).toBe(1);
  const j = JSON.parse(one.out);
  expect(j.out).toBe("tinh.xlsx");
  expect(j.districts.map((d: { file: string; ready: boolean }) => [d.file, d.ready])).toEqual([["tam-duong.xlsx", true], ["sin-ho.xlsx", false]]);
  expect(existsSync(join(dir, "tinh.xlsx"))).toBe(true);
  const withBad = nq24("consolidate", "tam-duong.xlsx", "ghi-chu.xlsx", "--out", "tinh2.xlsx");
  expect(withBad.code).toBe(2);
  expect(withBad.err).toContain("ghi-chu.xlsx");
  expect(withBad.out).toMatch(/Đã tổng hợp 1 báo cáo/);
  expect(nq24("consolidate", "tam-duong.xlsx", "--out", "tinh3.xlsx").code).toBe(0);
});

test("consolidate on worker threads gives the same answer as in one thread", () => {
  const one = JSON.parse(nq24("consolidate", "tam-duong.xlsx", "sin-ho.xlsx", "ghi-chu.xlsx", "--json").out);
  const two = nq24("consolidate", "tam-duong.xlsx", "sin-ho.xlsx", "ghi-chu.xlsx", "--json", "--workers", "2");
  expect(two.code).toBe(2);
  const j = JSON.parse(two.out);
  const strip = (x: { generatedAt?: string }) => ({ ...x, generatedAt: "" });
  expect(strip(j)).toEqual(strip(one));
  expect(j.refused.map((r: { file: string }) => r.file)).toEqual(["ghi-chu.xlsx"]);
  expect(nq24("consolidate", ".", "--json", "--workers", "many").code).toBe(2);
});

test("help for one subcommand, and did you mean, from the installed command", () => {
  const h = nq24("check", "--help");
  expect(h.code).toBe(0);
  expect(h.out).toMatch(/^nq24 check — [\s\S]*Ví dụ:\n {2}nq24 sample laichau\.xlsx && nq24 check laichau\.xlsx/);
  expect(nq24("help", "consolidate", "--lang", "en").out).toMatch(/^nq24 consolidate — [\s\S]*--workers <n>/);
  const slip = nq24("chekc", "tam-duong.xlsx");
  expect(slip.code).toBe(2);
  expect(slip.err).toMatch(/có phải ý bạn là “nq24 check”\?/);
  expect(nq24("--version").out).toMatch(/^nq24 \d+\.\d+\.\d+\n$/);
});

test("the language comes from NQ24_LANG, else LC_ALL / LC_MESSAGES / LANG, when --lang is not given", () => {
  const en = run(["check", "sin-ho.xlsx"], { NQ24_LANG: "", LC_ALL: "", LC_MESSAGES: "", LANG: "en_US.UTF-8" });
  expect(en.code).toBe(1);
  expect(en.out).toMatch(/✖ Not ready to send/);
  const vi = run(["check", "sin-ho.xlsx"], { NQ24_LANG: "", LC_ALL: "vi_VN.UTF-8", LANG: "en_US.UTF-8" });
  expect(vi.out).toMatch(/✖ Chưa sẵn sàng gửi/);
  expect(run(["check", "sin-ho.xlsx"], { NQ24_LANG: "en", LANG: "vi_VN.UTF-8" }).out).toMatch(/Not ready/);
  expect(run(["check", "sin-ho.xlsx", "--lang", "vi"], { NQ24_LANG: "en" }).out).toMatch(/Chưa sẵn sàng/);
  // A machine with no language chosen ("C") gets Vietnamese.
  expect(run(["check", "sin-ho.xlsx"], { NQ24_LANG: "", LC_ALL: "", LC_MESSAGES: "", LANG: "C.UTF-8" }).out).toMatch(/Chưa sẵn sàng/);
});

test("tables fit COLUMNS; piped output is never cut", () => {
  const narrow = run(["check", "sin-ho.xlsx"], { COLUMNS: "72" });
  const lines = narrow.out.split("\n");
  for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(72);
  // STT filled; the indicator's name kept, cut with … where it does not fit.
  expect(narrow.out).toMatch(/\n {2}1 {2}- Số người chết, mất tích/);
  // Row 30 is the one left empty in this file: the name still shown whole, no value.
  expect(narrow.out).toMatch(/\n {1}30 {2}- Độ che phủ của rừng \(%\) +Không có mục tiêu\n/);
  expect(narrow.out).toMatch(/\n {1}14 {2}Tỷ lệ nước thải đô thị[^\n]*… +30%/);
  const piped = nq24("check", "sin-ho.xlsx");
  expect(piped.out).toMatch(/\n {1}14 {2}Tỷ lệ nước thải đô thị được thu gom và xử lý đạt tiêu chuẩn, quy chuẩn kỹ thuật trước khi xả ra môi trường +30%/);
  expect(Math.max(...piped.out.split("\n").map(displayWidth))).toBeGreaterThan(72);
});

test("consolidate: progress with rate on stderr as plain lines when not a terminal; none under --json", () => {
  const folder = join(dir, "nam-huyen");
  mkdirSync(folder);
  for (let i = 1; i <= 5; i++) copyFileSync(join(dir, "tam-duong.xlsx"), join(folder, `huyen-${i}.xlsx`));
  const r = nq24("consolidate", folder, "--out", "nam.xlsx");
  expect(r.code).toBe(0);
  const lines = r.err.trimEnd().split("\n");
  expect(lines[lines.length - 1]).toMatch(/^đã đọc 5\/5 \(100%\)( · [\d,]+ file\/giây)? · mất \d+ giây$/);
  expect(r.err).not.toContain("\r");
  const j = nq24("consolidate", folder, "--json");
  expect(j.code).toBe(0);
  expect(j.err).toBe("");
  expect(JSON.parse(j.out).districts).toHaveLength(5);
});

test("consolidate: no roll-up when nothing could be read; every file named, exit 2", () => {
  const folder = join(dir, "khong-co-so-tinh");
  mkdirSync(folder);
  writeFileSync(join(folder, "bao-cao.pdf"), "%PDF-1.4");
  writeFileSync(join(folder, "bao-cao.docx"), "PK");
  writeFileSync(join(folder, "~$tam-duong.xlsx"), "lock");
  const r = nq24("consolidate", folder, "--out", "rong.xlsx", "--lang", "en");
  expect(r.code).toBe(2);
  expect(existsSync(join(dir, "rong.xlsx"))).toBe(false);
  for (const f of ["bao-cao.pdf", "bao-cao.docx", "~$tam-duong.xlsx"]) expect(r.err).toContain(`nq24: ${f}: not read`);
  expect(r.err).toMatch(/nq24: no file could be read: no roll-up written/);
  expect(r.out).toMatch(/^0 reports consolidated/);
});

test("export: the conventional name in the current folder, its SHA-256, the input untouched", () => {
  const before = sha(join(dir, "tam-duong.xlsx"));
  const r = nq24("export", "tam-duong.xlsx");
  expect(r.code).toBe(0);
  const name = "NQ24_UBND_huyện_Tam_Đường_2023-05-15.xlsx";
  expect(readdirSync(dir)).toContain(name);
  expect(r.out).toContain(`SHA-256: ${sha(join(dir, name))}`);
  expect(sha(join(dir, "tam-duong.xlsx"))).toBe(before);
  expect(nq24("export", "tam-duong.xlsx").code).toBe(2); // exists: not replaced
  expect(nq24("export", "sin-ho.xlsx").code).toBe(1); // not ready: nothing written
});
