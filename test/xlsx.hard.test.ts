/**
 * Hard files for the reader, each generated here (scripts/hard-files.js; nothing big is
 * kept in git): what real writers produce that other readers refuse — each must be read,
 * with the values right — and what hostile files do — each must be refused within its
 * limits, by name, in the user's words and language. Also: the engine on a ragged, sparse
 * snapshot; the 300,000-row workbook under a 1 GB heap; .xls and .ods saved by LibreOffice
 * giving the same findings as the .xlsx; a province folder mixing good and hostile files.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync, copyFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { nationalCatalogue } from "../src/catalogue";
import { checkWorkbook } from "../src/engine/check";
import { buildWorkbookTemplate, templateToSnapshot } from "../src/engine/layout";
import type { SheetSnapshot, WorkbookSnapshot } from "../src/engine/types";
import * as XLSX from "@e965/xlsx";
import ExcelJS from "exceljs";
import { XlsxError, readSpreadsheet, readSpreadsheetSync, readWorkbookFile, loadSheetJs, type XlsxLimits } from "../src/adapters/xlsx";
import { DEFAULT_LIMITS } from "../src/adapters/xlsx/guard";
import { makeSample } from "../src/usecases/files";
import { laiChauSample, sampleFillValues } from "../src/catalogue";
import { buildCli } from "./helpers/malformed";
import { encryptedXlsxBytes } from "./fixtures/xlsx/districts";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { hard, xlsxPackage, sheetXml } = require("../scripts/hard-files") as {
  hard: Record<string, (...args: unknown[]) => Buffer>;
  xlsxPackage: (o: object) => Buffer;
  sheetXml: (o: object) => string;
};

const root = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "nq24-hard-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (bytes: Uint8Array, name: string, limits?: XlsxLimits) => readSpreadsheetSync(bytes, { name, limits }, loadSheetJs);

function refusal(bytes: Uint8Array, name: string, limits?: XlsxLimits): XlsxError {
  try {
    read(bytes, name, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(XlsxError);
    return e as XlsxError;
  }
  throw new Error(`${name} was read; a refusal was expected`);
}

/** A cell by absolute position; a missing cell reads as Excel's empty cell (the snapshot contract). */
function at(s: SheetSnapshot, row: number, col: number) {
  const i = row - s.origin.row;
  const j = col - s.origin.col;
  const type = s.valueTypes[i]?.[j];
  if (type === undefined) return { value: "", type: "Empty", format: "General", text: "" };
  return { value: s.values[i][j], type, format: s.numberFormats[i][j], text: s.text[i][j] };
}

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủũứừửữựỳỵỷỹàáèéìíòóùúý]/i;

/** A refusal in both languages, naming the file; the English text carries no Vietnamese. */
function expectBilingual(e: XlsxError, file: string, vi: RegExp, en: RegExp) {
  expect(e.file).toBe(file);
  expect(e.vi).toMatch(vi);
  expect(e.en).toMatch(en);
  expect(e.en).not.toMatch(VIETNAMESE);
  expect(e.text("en")).toBe(`${file}: ${e.en}`);
  // Never a library's own words.
  expect(`${e.vi} ${e.en}`).not.toMatch(/undefined|TypeError|Cannot read prop|invalid (block|distance)|unexpected EOF|sheetNo/);
}

describe("valid workbooks other writers make are read", () => {
  test("inline strings, rich text (phonetic guides left out)", () => {
    const s = read(hard.inlineStrings(), "inline.xlsx").snapshot.sheets[0];
    expect(s.name).toBe("Dữ liệu");
    expect(at(s, 0, 0)).toMatchObject({ value: "Diện tích rừng", type: "String" });
    expect(at(s, 0, 1)).toMatchObject({ value: 27.5, type: "Double", text: "27.5" });
    expect(at(s, 1, 0)).toMatchObject({ value: "Không có", type: "String" });
  });

  test.each(["x", "ns0"])("every part with the %s: prefix", (prefix) => {
    const s = read(hard.prefixed(prefix), "prefixed.xlsx").snapshot.sheets[0];
    expect(at(s, 0, 0).value).toBe("Tỷ lệ");
    expect(at(s, 0, 1)).toMatchObject({ value: 0.275, format: "0.0%", text: "27.5%" });
  });

  test("absolute part paths, a workbook part not named workbook.xml, no docProps", () => {
    const s = read(hard.absolutePaths(), "abs.xlsx").snapshot.sheets[0];
    expect([s.name, at(s, 0, 0).value, at(s, 0, 1).value]).toEqual(["A", "giá trị", 42]);
  });

  test("broken optional parts, a table with filterButton, an icon filter, a whole-sheet data validation", () => {
    const t0 = Date.now();
    const s = read(hard.brokenOptional(), "optional.xlsx").snapshot.sheets[0];
    expect(at(s, 1, 0).value).toBe("Che phủ rừng");
    expect(at(s, 1, 1).value).toBe(51.2);
    // The validation covers 17 billion cells: it is skipped, not expanded.
    expect(s.values.length).toBe(2);
    expect(Date.now() - t0).toBeLessThan(20000);
  });

  test("rows and cells without references; shared strings with Excel's _x000D_ escape and runs", () => {
    const s = read(hard.noReferences(), "noref.xlsx").snapshot.sheets[0];
    expect(at(s, 0, 0).value).toBe("dòng\rmột");
    expect(at(s, 0, 1).value).toBe(7);
    expect(at(s, 1, 0).type).toBe("Empty");
    expect(at(s, 1, 1).value).toBe("phần hai");
  });

  test("a workbook whose sheet list is empty but which relates a worksheet: the worksheet is read", () => {
    const empty = `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets></sheets></workbook>`;
    const bytes = xlsxPackage({ sheets: [{ name: "A", xml: sheetXml({ rows: [{ r: 0, cells: [[0, "còn đọc được"]] }] }) }], extraParts: { "xl/workbook.xml": empty } });
    const s = read(bytes, "rong.xlsx").snapshot.sheets;
    expect(s.map((x) => [x.name, x.values[0][0]])).toEqual([["Sheet1", "còn đọc được"]]);
  });

  test.each([
    ["true", "02/02/2023"],
    ["1", "02/02/2023"],
    ["false", "01/02/2019"],
    ["0", "01/02/2019"],
  ])("1904 date system written %p: the date shows %p", (flag, shown) => {
    const s = read(hard.date1904(flag), "ngay.xlsx").snapshot.sheets[0];
    // The value stays the serial the file holds (as Office.js gives it); the text is the date the user sees.
    expect(at(s, 0, 1)).toMatchObject({ value: 43497, type: "Double", format: "dd/mm/yyyy", text: shown });
  });
});

describe(".xls through SheetJS, loaded on demand as the pane does", () => {
  test("an Excel 97–2003 file: values, formats and merges; the pane's reader loads SheetJS only for it", async () => {
    const wb = XLSX.utils.book_new();
    const ws = XLSX.utils.aoa_to_sheet([["Chỉ tiêu", "2022"], ["Tỷ lệ che phủ rừng", 0.275], ["ẩn", 1]]);
    (ws["B2"] as { z?: string }).z = "0.0%";
    ws["!merges"] = [{ s: { r: 0, c: 2 }, e: { r: 0, c: 3 } }];
    XLSX.utils.book_append_sheet(wb, ws, "Phụ lục 1");
    const bytes = new Uint8Array(XLSX.write(wb, { bookType: "biff8", type: "buffer" }) as Buffer);
    let loads = 0;
    const load = async () => {
      loads++;
      return XLSX;
    };
    const r = await readSpreadsheet(bytes, { name: "cu.xls" }, load);
    expect([r.format, loads]).toEqual(["xls", 1]);
    const s = r.snapshot.sheets[0];
    expect(s.name).toBe("Phụ lục 1");
    expect(at(s, 1, 0).value).toBe("Tỷ lệ che phủ rừng");
    expect(at(s, 1, 1)).toMatchObject({ value: 0.275, type: "Double", format: "0.0%", text: "27.5%" });
    expect(s.merges).toEqual([{ row: 0, col: 2, rowCount: 1, colCount: 2 }]);
    // An .xlsx never loads it.
    await readSpreadsheet(hard.absolutePaths(), { name: "a.xlsx" }, load);
    expect(loads).toBe(1);
  });
});

describe("hostile files: read or refused within their bounds", () => {
  test("a value at A1 and one at XFD1048576: two cells stored, not 17 billion", () => {
    const snap = read(hard.farSparse(), "xa.xlsx").snapshot;
    const s = snap.sheets[0];
    expect(s.values.length).toBe(1048576);
    const last = s.values[s.values.length - 1];
    expect(last.length).toBe(16384);
    expect(Object.keys(last)).toEqual(["16383"]); // one cell, the rest holes
    // The rows between share one empty array.
    expect(s.values[1]).toBe(s.values[500000]);
    expect(at(s, 1048575, 16383).value).toBe("cuối");
    // The engine checks it: no table, said so, no crash.
    const r = checkWorkbook(snap, nationalCatalogue);
    expect(r.findings.map((f) => f.code)).toContain("NQ24-E013");
    expect(r.plan.verdict.ready).toBe(false);
  });

  test("50,000 merged areas are read; merges covering whole columns are refused", () => {
    const s = read(hard.manyMerges(50000), "gop.xlsx").snapshot.sheets[0];
    expect(s.merges.length).toBe(50000);
    expect(s.merges[49999]).toEqual({ row: 49999, col: 0, rowCount: 1, colCount: 2 });
    const e = refusal(hard.wholeColumnMerges(), "cot.xlsx");
    expect(e.code).toBe("limit");
    expectBilingual(e, "cot.xlsx", /quá nhiều ô gộp/, /too many merged areas/);
  });

  test("a 4 MB zip whose directory claims 100 KB and which inflates to 4 GiB is refused as inflated, not as declared", () => {
    const bytes = hard.lyingZip(4);
    expect(bytes.length).toBeLessThan(6 * 1024 * 1024);
    const e = refusal(bytes, "bom.xlsx");
    expect(e.code).toBe("zipBomb");
    expectBilingual(e, "bom.xlsx", /file nén bất thường/, /suspicious archive/);
  });

  test("a bomb just under the ratio rule stops at the inflated-bytes limit", () => {
    const e = refusal(hard.lyingZip(0.25), "bom2.xlsx", { ...DEFAULT_LIMITS, maxInflatedBytes: 32 * 1024 * 1024 });
    expect(e.code).toBe("zipBomb");
    expect(e.en).toMatch(/more than 32 MB/);
  });

  test("per-file limits: cells, memory, time — each refused by name with its reason", () => {
    const rows = hard.manyRows(2000, 6);
    const cells = refusal(rows, "o.xlsx", { ...DEFAULT_LIMITS, maxCells: 5000 });
    expect(cells.code).toBe("limit");
    expectBilingual(cells, "o.xlsx", /hơn 5\.000 ô/, /more than 5,000 cells/);
    const memory = refusal(rows, "m.xlsx", { ...DEFAULT_LIMITS, maxMemoryBytes: 256 * 1024 });
    expectBilingual(memory, "m.xlsx", /bộ nhớ/, /memory/);
    const slow = refusal(rows, "t.xlsx", { ...DEFAULT_LIMITS, maxMillis: -1 });
    expect(slow.code).toBe("timeout");
    expectBilingual(slow, "t.xlsx", /quá lâu/, /took too long/);
  });

  test("bad files get the user's words in both languages", () => {
    const zipHalf = hard.absolutePaths().subarray(0, 700);
    const cases: [Uint8Array, string, string, RegExp, RegExp][] = [
      [encryptedXlsxBytes(), "mk.xlsx", "encrypted", /mật khẩu/, /password-protected/],
      [Buffer.from("STT,Chỉ tiêu\n1,abc\n"), "a.xlsx", "notXlsx", /không phải file Excel/, /not an Excel file/],
      [zipHalf, "hong.xlsx", "corrupt", /bị hỏng.*lưu lại/, /damaged.*save it again/],
      [Buffer.from('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>'), "x2003.xls", "unsupported", /chưa đọc được.*XML của Excel 2003/, /cannot read.*Excel 2003 XML/],
      [Buffer.from("<html><table><tr><td>1</td></tr></table></html>"), "web.xls", "unsupported", /trang web/, /web page/],
    ];
    for (const [bytes, name, code, vi, en] of cases) {
      const e = refusal(bytes, name);
      expect([name, e.code]).toEqual([name, code]);
      expectBilingual(e, name, vi, en);
    }
    const big = refusal(new Uint8Array(10), "lon.xlsx", { ...DEFAULT_LIMITS, maxFileBytes: 5 });
    expectBilingual(big, "lon.xlsx", /quá lớn/, /too large/);
  });

  test("a damaged part inside a sound zip: refused as damaged, naming the part", () => {
    const good = hard.absolutePaths();
    // Flip bytes inside the worksheet's deflate data.
    const bad = Buffer.from(good);
    const at0 = bad.indexOf(Buffer.from("xl/worksheets/sheet1.xml")) + 30;
    for (let k = at0; k < at0 + 40 && k < bad.length; k++) bad[k] ^= 0x5a;
    const e = refusal(bad, "hong2.xlsx");
    expect(["corrupt", "notXlsx"]).toContain(e.code);
    expectBilingual(e, "hong2.xlsx", /./, /./);
  });
});

describe("the engine on a ragged, sparse snapshot", () => {
  /** The same workbook as file readers give it: rows cut after their last cell, holes for empty cells, empty rows shared. */
  function ragged(snap: WorkbookSnapshot): WorkbookSnapshot {
    const shared: never[] = [];
    const cut = <T>(rows: T[][], types: string[][]): T[][] =>
      rows.map((row, i) => {
        let n = row.length;
        while (n > 0 && types[i][n - 1] === "Empty") n--;
        if (n === 0) return shared;
        const out: T[] = [];
        for (let j = 0; j < n; j++) if (types[i][j] !== "Empty") out[j] = row[j];
        return out;
      });
    return {
      ...snap,
      sheets: snap.sheets.map((s) => ({
        ...s,
        values: cut(s.values, s.valueTypes),
        valueTypes: cut(s.valueTypes, s.valueTypes),
        numberFormats: cut(s.numberFormats, s.valueTypes),
        text: cut(s.text, s.valueTypes),
      })),
    };
  }

  test("same findings, statuses and verdict as on the dense snapshot", () => {
    const fill = sampleFillValues();
    const ids = Object.keys(fill);
    // Some blanks, so that holes fall inside the tables.
    for (const id of ids.slice(0, 12)) fill[id] = { ...fill[id], result: "" };
    const dense = templateToSnapshot(buildWorkbookTemplate(nationalCatalogue, laiChauSample.cover, fill));
    const sparse = ragged(dense);
    const holes = sparse.sheets.reduce((n, s) => n + s.values.filter((r) => r.length === 0).length + s.values.reduce((k, r) => k + (r.length - Object.keys(r).length), 0), 0);
    expect(holes).toBeGreaterThan(20);
    const now = new Date("2026-11-28T10:00:00Z");
    const a = checkWorkbook(dense, nationalCatalogue, { now });
    const b = checkWorkbook(sparse, nationalCatalogue, { now });
    expect(b.findings.map((f) => `${f.code} ${f.sheet}!${f.cell}`)).toEqual(a.findings.map((f) => `${f.code} ${f.sheet}!${f.cell}`));
    expect(b.findings.filter((f) => f.code === "NQ24-E001").length).toBeGreaterThanOrEqual(12);
    expect(b.statuses).toEqual(a.statuses);
    expect(b.plan.verdict).toEqual(a.plan.verdict);
  });
});

describe("files on disk: 300,000 rows, LibreOffice's .xls and .ods, a province folder", () => {
  let BIN = "";
  beforeAll(() => {
    BIN = buildCli(root);
  });

  test("300,000 rows × 8 columns: read and checked with a heap capped at 1 GB, peak RSS under 1 GB", () => {
    const file = join(dir, "300k.xlsx");
    writeFileSync(file, hard.manyRows(300000, 8));
    const build = join(BIN, "..", "..", "build");
    const script = `
      const { readWorkbookPath } = require(${JSON.stringify(join(build, "adapters/xlsx/job.js"))});
      const { checkWorkbook } = require(${JSON.stringify(join(build, "engine/check.js"))});
      const { nationalCatalogue } = require(${JSON.stringify(join(build, "catalogue/index.js"))});
      readWorkbookPath(${JSON.stringify(file)}).then((r) => {
        const s = r.snapshot.sheets[0];
        const res = checkWorkbook(r.snapshot, nationalCatalogue);
        console.log(JSON.stringify({ rows: s.values.length, last: s.values[s.values.length - 1][0], findings: res.findings.length, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
      });`;
    const r = spawnSync(process.execPath, ["--max-old-space-size=1024", "-e", script], { encoding: "utf8", cwd: root });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as { rows: number; last: string; findings: number; maxRssMB: number };
    expect(out.rows).toBe(300000);
    expect(out.last).toBe("Chỉ tiêu 300000");
    expect(out.findings).toBeGreaterThan(0);
    expect(out.maxRssMB).toBeLessThan(1024);
    console.log(`300,000-row workbook: peak RSS ${out.maxRssMB} MB`);
  });

  test("on worker threads, a file that exhausts its worker's memory is refused by name and the others are still read", () => {
    const folder = join(dir, "workers");
    mkdirSync(folder);
    writeFileSync(join(folder, "01-lon.xlsx"), hard.manyRows(150000, 8));
    for (const n of ["02-a.xlsx", "03-b.xlsx", "04-c.xlsx"]) writeFileSync(join(folder, n), hard.absolutePaths());
    const build = join(BIN, "..", "..", "build");
    const script = `
      const { consolidateFiles } = require(${JSON.stringify(join(build, "usecases/files.js"))});
      consolidateFiles([${JSON.stringify(folder)}], { workers: 1, workerHeapMb: 24, lang: "en" }).then((r) =>
        console.log(JSON.stringify({ read: r.checked.map((c) => c.file), refused: r.refused })));`;
    const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", cwd: root, timeout: 110000 });
    const out = JSON.parse(r.stdout) as { read: string[]; refused: { fileName: string; message: { vi: string; en: string } }[] };
    expect(out.read).toEqual(["02-a.xlsx", "03-b.xlsx", "04-c.xlsx"]);
    expect(out.refused.map((x) => x.fileName)).toEqual(["01-lon.xlsx"]);
    expect(out.refused[0].message.en).toMatch(/too big to read/);
    expect(out.refused[0].message.vi).toMatch(/quá lớn/);
  });

  const soffice = ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"].find((p) => existsSync(p));
  const inCI = !!process.env.CI && process.env.CI !== "false" && process.env.CI !== "0";
  const withLibreOffice = soffice || inCI ? test : test.skip;

  withLibreOffice("the Lai Châu sample saved by LibreOffice as .xls and .ods: nq24 check gives the same findings as the .xlsx", async () => {
    const xlsx = join(dir, "laichau.xlsx");
    await makeSample(xlsx);
    // The templates are not protected any more: a sheet the user protected, so protection still travels.
    const protect = new ExcelJS.Workbook();
    await protect.xlsx.readFile(xlsx);
    await (protect.getWorksheet("Phụ lục 1") as ExcelJS.Worksheet).protect("", { selectLockedCells: true, selectUnlockedCells: true });
    await protect.xlsx.writeFile(xlsx);
    const profile = join(dir, "lo-profile");
    for (const to of ["xls", "ods"]) {
      const r = spawnSync(soffice ?? "soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", to, "--outdir", dir, xlsx], { encoding: "utf8", timeout: 180000 });
      expect(r.status).toBe(0);
    }
    const check = (f: string) => {
      const r = spawnSync(process.execPath, [BIN, "check", f, "--json", "--lang", "en"], { encoding: "utf8", cwd: dir });
      expect(r.stderr).toBe("");
      return JSON.parse(r.stdout) as { ready: boolean; findings: { code: string; sheet: string; cell: string }[]; statuses: unknown[] };
    };
    const base = check(xlsx);
    expect(base.findings.length).toBeGreaterThan(10);
    for (const f of ["laichau.xls", "laichau.ods"]) {
      const other = check(join(dir, f));
      expect({ f, findings: other.findings.map((x) => `${x.code} ${x.sheet}!${x.cell}`) }).toEqual({ f, findings: base.findings.map((x) => `${x.code} ${x.sheet}!${x.cell}`) });
      expect(other.statuses).toEqual(base.statuses);
      expect(other.ready).toBe(base.ready);
    }
    // What the check does not print but reads: merges, hidden rows and columns, sheet states and protection.
    const shape = (snap: WorkbookSnapshot) => snap.sheets.map((x) => ({ name: x.name, merges: x.merges.length, hiddenRows: x.hiddenRows, hiddenCols: x.hiddenCols, visible: x.visible, protected: x.protected }));
    const xlsxShape = shape(await readWorkbookFile(xlsx));
    expect(xlsxShape.some((x) => x.hiddenCols.length > 0 && x.merges > 0 && x.protected)).toBe(true);
    for (const f of ["laichau.xls", "laichau.ods"]) expect({ f, shape: shape(await readWorkbookFile(join(dir, f))) }).toEqual({ f, shape: xlsxShape });
    // An annotated copy is made from .xlsx only: the findings are still printed, and the user told why.
    const copy = join(dir, "ods-annotated.xlsx");
    const r = spawnSync(process.execPath, [BIN, "check", join(dir, "laichau.ods"), "--out", copy, "--lang", "en"], { encoding: "utf8", cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/Errors and warnings:/);
    expect(r.stderr).toMatch(/laichau\.ods: no annotated copy: it can only be made from an \.xlsx file/);
    expect(existsSync(copy)).toBe(false);
  });

  test("a province folder mixing good and hostile files: the roll-up is written and each refused file named; nothing read → exit 2, no roll-up", async () => {
    const folder = join(dir, "tinh");
    mkdirSync(folder);
    const good = join(dir, "good.xlsx");
    await makeSample(good);
    for (const n of ["01-tam-duong.xlsx", "02-sin-ho.xlsx", "03-phong-tho.xlsm"]) copyFileSync(good, join(folder, n));
    writeFileSync(join(folder, "04-xa.xlsx"), hard.farSparse());
    writeFileSync(join(folder, "05-kiem-tra-du-lieu.xlsx"), hard.brokenOptional());
    writeFileSync(join(folder, "06-gop.xlsx"), hard.manyMerges(50000));
    writeFileSync(join(folder, "07-bom.xlsx"), hard.lyingZip(4));
    writeFileSync(join(folder, "08-mat-khau.xlsx"), encryptedXlsxBytes());
    writeFileSync(join(folder, "09-cot-gop.xlsx"), hard.wholeColumnMerges());
    writeFileSync(join(folder, "ghi-chu.docx"), Buffer.from("PK not read"));
    const out = join(dir, "tinh-tong-hop.xlsx");
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [BIN, "consolidate", folder, "--out", out, "--lang", "en", "--workers", "0"], { encoding: "utf8", cwd: dir });
    expect(Date.now() - t0).toBeLessThan(110000);
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(true);
    const refusedLines = r.stderr.split("\n").filter((l) => l.startsWith("nq24: "));
    const named = refusedLines.map((l) => l.slice(6, l.indexOf(": ", 6))).sort();
    expect(named).toEqual(["07-bom.xlsx", "08-mat-khau.xlsx", "09-cot-gop.xlsx", "ghi-chu.docx"]);
    expect(r.stderr).not.toMatch(VIETNAMESE);
    // The three good files are one report copied: two are flagged as duplicates.
    expect(r.stdout).toMatch(/^4 reports consolidated; 2 duplicates; 4 files refused/);
    // Only the files refused: none is left out silently.
    expect(readdirSync(folder).length).toBe(6 + named.length);

    const empty = join(dir, "khong-doc-duoc");
    mkdirSync(empty);
    writeFileSync(join(empty, "a.xlsx"), encryptedXlsxBytes());
    writeFileSync(join(empty, "b.ods"), Buffer.from("not a spreadsheet"));
    const out2 = join(dir, "khong.xlsx");
    const r2 = spawnSync(process.execPath, [BIN, "consolidate", empty, "--out", out2], { encoding: "utf8", cwd: dir });
    expect(r2.status).toBe(2);
    expect(existsSync(out2)).toBe(false);
    expect(r2.stderr).toMatch(/a\.xlsx: file có mật khẩu/);
    expect(r2.stderr).toMatch(/b\.ods: không phải file Excel/);
    expect(r2.stderr).toMatch(/không đọc được file nào: không ghi bảng tổng hợp/);
    expect(readFileSync(join(empty, "a.xlsx"))).toEqual(encryptedXlsxBytes());
  });
});
