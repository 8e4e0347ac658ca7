/**
 * The command line's words, run in-process: help for each subcommand in both languages,
 * "did you mean" for slips, the language taken from the environment, hints for files that
 * are not what a command needs, the output width, and the progress line's figures.
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { COMMANDS } from "../src/cli/nq24";
import { runCli } from "./helpers/cli";
import { closest, editDistance } from "../src/cli/suggest";
import { outputColumns } from "../src/cli/io";
import { bar, formatDuration, progressReporter, progressText, timeLeftMs } from "../src/cli/progress";
import { chooseLanguage, languageFromEnvironment } from "../src/usecases/language";
import { chooseLanguage as paneChooses } from "../src/taskpane/i18n";

const dir = mkdtempSync(join(tmpdir(), "nq24-parse-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const nq24 = (args: string[], env: Record<string, string> = {}, columns = 100) => runCli(args, { env, columns });

describe("help", () => {
  test.each(COMMANDS.map((c) => c.name))("nq24 %s --help: its own usage, options and examples, in both languages", async (name) => {
    const vi = await nq24([name, "--help"]);
    expect(vi.code).toBe(0);
    expect(vi.err).toBe("");
    expect(vi.out.startsWith(`nq24 ${name} — `)).toBe(true);
    expect(vi.out).toMatch(new RegExp(`Cách dùng:\\n  nq24 ${name} `));
    expect(vi.out).toMatch(/Tùy chọn:[\s\S]*--lang[\s\S]*Ví dụ:\n {2}nq24 [\s\S]*Mã thoát: 0/);
    const en = await nq24(["help", name, "--lang", "en"]);
    expect(en.code).toBe(0);
    expect(en.out).toMatch(new RegExp(`^nq24 ${name} — [\\s\\S]*Usage:\\n  nq24 ${name} [\\s\\S]*Options:[\\s\\S]*Examples:[\\s\\S]*Exit codes: 0`));
    // The subcommand's help is not the global one: it lists no other subcommand.
    expect(en.out).not.toMatch(/Commands:/);
  });

  test("each subcommand's help lists exactly its options", async () => {
    const check = (await nq24(["check", "--help"])).out;
    expect(check).toMatch(/-o, --out <file\.xlsx>/);
    expect(check).toMatch(/--report <bao-cao\.docx\|\.txt>/);
    expect(check).not.toMatch(/--workers|--keep-marks|--force/);
    const consolidate = (await nq24(["help", "consolidate"])).out;
    expect(consolidate).toMatch(/--workers <n>/);
    expect(consolidate).not.toMatch(/--report|--keep-marks/);
    const exp = (await nq24(["export", "-h", "--lang", "en"])).out;
    expect(exp).toMatch(/--keep-marks[\s\S]*-f, --force/);
    expect(exp).toMatch(/NQ24_<unit>_<date>\.xlsx/);
  });

  test("the global help lists the subcommands, the environment and where each one's help is", async () => {
    const r = await nq24(["--help", "--lang", "en"]);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.out).toMatch(new RegExp(`\\n  ${c.name} +\\S`));
    expect(r.out).toMatch(/Environment:[\s\S]*NQ24_LANG[\s\S]*LC_ALL, LC_MESSAGES, LANG[\s\S]*COLUMNS/);
    expect(r.out).toMatch(/nq24 help <command>/);
    expect((await nq24(["help"])).out).toMatch(/^nq24 \S* — công cụ[\s\S]*Lệnh:/);
  });

  test("help lines fit the terminal", async () => {
    const r = await nq24(["check", "--help"], {}, 60);
    for (const l of r.out.split("\n").filter((x) => !/^ {2}nq24 /.test(x))) expect(l.length).toBeLessThanOrEqual(60);
  });
});

describe("did you mean", () => {
  test("edit distance counts a swap of neighbours as one slip", () => {
    expect(editDistance("chekc", "check")).toBe(1);
    expect(editDistance("chek", "check")).toBe(1);
    expect(editDistance("consolidte", "consolidate")).toBe(1);
    expect(editDistance("CHECK", "check")).toBe(0);
    expect(editDistance("sample", "template")).toBeGreaterThan(2);
    expect(closest("exprot", ["check", "export"])).toBe("export");
    expect(closest("frobnicate", ["check", "export", "sample"])).toBeUndefined();
    expect(closest("cons", ["check", "consolidate"])).toBe("consolidate"); // a unique prefix
  });

  test("a mistyped subcommand names the closest one and exits 2", async () => {
    const r = await nq24(["chek", "bao-cao.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/lệnh không rõ “chek”\n {2}gợi ý: có phải ý bạn là “nq24 check”\?/);
    const en = await nq24(["consolidte", ".", "--lang", "en"]);
    expect(en.err).toMatch(/unknown command “consolidte”\n {2}hint: did you mean “nq24 consolidate”\?/);
    // A file name where the subcommand goes: the check it was probably meant for.
    expect((await nq24(["bao-cao.xlsx"])).err).toMatch(/gợi ý: để kiểm tra một file: nq24 check bao-cao\.xlsx/);
    expect((await nq24(["help", "exprot"])).err).toMatch(/“nq24 export”/);
  });

  test("a mistyped option names the closest one of that subcommand", async () => {
    const r = await nq24(["check", "a.xlsx", "--jsno"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/không có tùy chọn --jsno \(nq24 check\)\n {2}gợi ý: có phải ý bạn là --json\?\nXem thêm: nq24 check --help/);
    expect((await nq24(["export", "a.xlsx", "--keep-mark", "--lang", "en"])).err).toMatch(/did you mean --keep-marks\?/);
    expect((await nq24(["--hlep"])).err).toMatch(/--help\?/);
  });

  test("an option of another subcommand says whose it is", async () => {
    const r = await nq24(["check", "a.xlsx", "--workers", "2", "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--workers is not an option of check \(it belongs to nq24 consolidate\)/);
  });

  test("missing values, values given to switches, repeated options, stray arguments", async () => {
    expect((await nq24(["check", "a.xlsx", "--out"])).err).toMatch(/--out cần một giá trị: --out <file\.xlsx>/);
    expect((await nq24(["check", "a.xlsx", "--out", "--json", "--lang", "en"])).err).toMatch(/--out needs a value/);
    expect((await nq24(["check", "a.xlsx", "--json=yes", "--lang", "en"])).err).toMatch(/--json takes no value \(got “yes”\)/);
    expect((await nq24(["check", "a.xlsx", "-o", "x.xlsx", "--out", "y.xlsx", "--lang", "en"])).err).toMatch(/--out was given twice \(“x\.xlsx” and “y\.xlsx”\)/);
    const stray = await nq24(["check", "a.xlsx", "b.xlsx", "--lang", "en"]);
    expect(stray.code).toBe(2);
    expect(stray.err).toMatch(/unexpected argument: “b\.xlsx” — nq24 check <report\.xlsx> \[options\]/);
    expect((await nq24(["check", "--lang", "fr"])).err).toMatch(/--lang phải là vi hoặc en \(nhận được “fr”\)/);
  });
});

describe("language", () => {
  test("one rule for a locale name: Vietnamese when it says so or says nothing, else English", () => {
    for (const v of ["vi", "vi-VN", "vi_VN.UTF-8", "VI_vn", "vi@latin", "", null, undefined, "C", "C.UTF-8", "POSIX"]) expect(chooseLanguage(v)).toBe("vi");
    for (const e of ["en", "en-US", "en_GB.UTF-8", "fr-FR", "zh_CN.GB18030", "video"]) expect(chooseLanguage(e)).toBe("en");
    // The task pane uses the same rule for Office's display language.
    for (const x of ["vi-VN", "en-US", "fr-FR", "", "C"]) expect(paneChooses(x)).toBe(chooseLanguage(x));
  });

  test("NQ24_LANG first, then LC_ALL, LC_MESSAGES, LANG; empty variables are skipped", () => {
    expect(languageFromEnvironment({})).toBe("vi");
    expect(languageFromEnvironment({ LANG: "en_US.UTF-8" })).toBe("en");
    expect(languageFromEnvironment({ LANG: "en_US.UTF-8", LC_MESSAGES: "vi_VN.UTF-8" })).toBe("vi");
    expect(languageFromEnvironment({ LC_MESSAGES: "vi_VN.UTF-8", LC_ALL: "en_US.UTF-8" })).toBe("en");
    expect(languageFromEnvironment({ LC_ALL: "en_US.UTF-8", NQ24_LANG: "vi" })).toBe("vi");
    expect(languageFromEnvironment({ LC_ALL: "", LANG: "en_US.UTF-8" })).toBe("en");
    expect(languageFromEnvironment({ LANG: "C.UTF-8" })).toBe("vi");
  });

  test("the command line speaks the environment's language unless --lang says otherwise", async () => {
    expect((await nq24(["--help"], { LANG: "en_US.UTF-8" })).out).toMatch(/^nq24 \S* — Resolution 24-NQ\/TW/);
    expect((await nq24(["--help"], { NQ24_LANG: "vi", LANG: "en_US.UTF-8" })).out).toMatch(/Cách dùng:/);
    expect((await nq24(["--help", "--lang", "vi"], { LANG: "en_US.UTF-8" })).out).toMatch(/Cách dùng:/);
    // Errors too, and the hint how to get help in that language.
    const r = await nq24(["chek"], { LC_ALL: "en_GB.UTF-8" });
    expect(r.err).toMatch(/^nq24: error: unknown command “chek”[\s\S]*More: nq24 --help --lang en/);
  });
});

describe("hints for files that are not what the command needs", () => {
  beforeAll(() => {
    writeFileSync(join(dir, "bao-cao.docx"), "PK\u0003\u0004 not a workbook");
    writeFileSync(join(dir, "bao-cao.pdf"), "%PDF-1.4");
    writeFileSync(join(dir, "laichau.xlsx"), "x");
  });

  test("a Word document where a workbook is expected points to --report", async () => {
    const r = await nq24(["check", join(dir, "bao-cao.docx")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bao-cao\.docx: /);
    expect(r.err).toMatch(/gợi ý: “bao-cao\.docx” là văn bản, không phải sổ tính\. Để đối chiếu văn bản báo cáo với phụ lục: nq24 check <bao-cao\.xlsx> --report bao-cao\.docx/);
  });

  test("a PDF: ask for the Excel file", async () => {
    const r = await nq24(["export", join(dir, "bao-cao.pdf"), "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/hint: a PDF cannot be checked: the appendices' Excel file \(\.xlsx\) is needed/);
  });

  test("an output that is not .xlsx: the same name with .xlsx", async () => {
    for (const [args, bad] of [[["check", "a.xlsx", "--out", "b.xls"], "b.xls"], [["template", "mau.ods"], "mau.ods"], [["consolidate", ".", "--out", "tinh.xlsm"], "tinh.xlsm"]] as const) {
      const r = await nq24([...args, "--lang", "en"]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`(got “${bad}”)`);
      expect(r.err).toMatch(new RegExp(`hint: nq24 writes \\.xlsx files only: use “${bad.replace(/\.\w+$/, "")}\\.xlsx”`));
    }
  });

  test("a folder given to check points to consolidate; a near name to a missing file", async () => {
    const folder = await nq24(["check", dir, "--lang", "en"]);
    expect(folder.code).toBe(2);
    expect(folder.err).toMatch(/is a folder; a workbook file is expected\n {2}hint: to consolidate every report in the folder: nq24 consolidate/);
    const slip = await nq24(["check", join(dir, "laichau.xslx")]);
    expect(slip.code).toBe(2);
    expect(slip.err).toMatch(/laichau\.xslx: không tìm thấy file\n {2}gợi ý: có phải ý bạn là “.*laichau\.xlsx”\?/);
  });
});

describe("output width", () => {
  test("COLUMNS wins, then the terminal; a pipe or a file gets no limit", () => {
    expect(outputColumns({ COLUMNS: "141" }, { isTTY: true, columns: 90 })).toBe(141);
    expect(outputColumns({ COLUMNS: "141" }, { isTTY: false })).toBe(141);
    expect(outputColumns({}, { isTTY: true, columns: 90 })).toBe(90);
    expect(outputColumns({ COLUMNS: "wide" }, { isTTY: true, columns: 90 })).toBe(90);
    expect(outputColumns({}, { isTTY: true })).toBe(80);
    expect(outputColumns({}, { isTTY: false })).toBe(Infinity);
  });
});

describe("progress", () => {
  test("durations read as people say them", () => {
    expect(formatDuration(38_000, "vi")).toBe("38 giây");
    expect(formatDuration(125_000, "vi")).toBe("2 phút 05 giây");
    expect(formatDuration(3_720_000, "en")).toBe("1 h 02 min");
    expect(formatDuration(400, "en")).toBe("0 s");
  });

  test("done/total, the rate and the time left at that rate", () => {
    // 120 files in 8 s: 15 files/s; 580 left: 38.7 s.
    expect(progressText({ done: 120, total: 700, elapsedMs: 8000 }, "vi")).toBe("120/700 (17%) · 15,0 file/giây · còn khoảng 39 giây");
    expect(progressText({ done: 120, total: 700, elapsedMs: 8000 }, "en")).toBe("120/700 (17%) · 15.0 files/s · about 39 s left");
    expect(progressText({ done: 700, total: 700, elapsedMs: 46_000 }, "en")).toBe("700/700 (100%) · 15.2 files/s · took 46 s");
    expect(progressText({ done: 699, total: 700, elapsedMs: 46_000 }, "vi")).toMatch(/sắp xong$/);
    // Too early to tell: no rate, no estimate.
    expect(progressText({ done: 1, total: 700, elapsedMs: 200 }, "en")).toBe("1/700 (0%)");
    expect(timeLeftMs({ done: 1, total: 700, elapsedMs: 5000 })).toBeUndefined();
    expect(timeLeftMs({ done: 350, total: 700, elapsedMs: 10_000 })).toBe(10_000);
    expect(bar(5, 10, 10)).toBe("█████░░░░░");
  });

  test("on a terminal one line redrawn in place, at most ten times a second; in a log a line per tenth", () => {
    let t = 0;
    let tty = "";
    const onTty = progressReporter({ err: (s) => (tty += s), errIsTTY: true, errColumns: 80, now: () => t }, "en");
    for (let i = 1; i <= 100; i++) {
      t += 20;
      onTty(i, 100, `f${i}.xlsx`);
    }
    const draws = tty.split("\r").filter((x) => x);
    expect(draws.length).toBeLessThanOrEqual(100 * 20 / 100 + 2);
    expect(draws.length).toBeGreaterThan(10);
    expect(tty.endsWith("100/100 (100%) · 50.0 files/s · took 2 s\u001b[K\n")).toBe(true);
    for (const d of draws) expect(d.replace("\u001b[K", "").replace("\n", "").length).toBeLessThanOrEqual(79);

    let log = "";
    t = 0;
    const onLog = progressReporter({ err: (s) => (log += s), errIsTTY: false, now: () => t }, "vi");
    for (let i = 1; i <= 100; i++) {
      t += 20;
      onLog(i, 100, `f${i}.xlsx`);
    }
    const lines = log.trimEnd().split("\n");
    expect(lines).toHaveLength(11); // the first file, each tenth, and the end
    expect(lines[lines.length - 1]).toBe("đã đọc 100/100 (100%) · 50,0 file/giây · mất 2 giây");
    expect(log).not.toContain("\r");

    let few = "";
    const onFew = progressReporter({ err: (s) => (few += s), errIsTTY: false }, "vi");
    for (let i = 1; i <= 4; i++) onFew(i, 4, "x.xlsx");
    expect(few).toBe("");
  });
});
