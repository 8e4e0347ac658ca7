/**
 * `nq24 fix` on .xlsx files: every change printed (sheet!cell: before → after, rule), the
 * fixed copy holding the new values and formats with the fixes recorded in NQ24_Meta, the
 * copy checked again clean of them, the input file byte for byte unchanged, exit codes.
 */
import { createHash } from "crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";
import * as ExcelJS from "exceljs";
import { runCli } from "./helpers/cli";
import { SHEET_NAMES } from "../src/engine/layout";
import { decodeMetadata, META_WIDTH } from "../src/engine/metadata";
import { fixFile } from "../src/usecases/fixFile";
import { readWorkbookFile } from "../src/adapters/xlsx";
import { DECLARED, FIX_FIXTURE, makeFixFixture, PLANTED, plantedCell } from "./helpers/fixFixture";

const dir = mkdtempSync(join(tmpdir(), "nq24-fix-"));
const input = join(dir, "laichau-can-sua.xlsx");
const sha = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");

beforeAll(async () => {
  await makeFixFixture(input, join(dir, "sample.xlsx"));
  if (process.env.UPDATE_FIXTURES) {
    mkdirSync(dirname(FIX_FIXTURE), { recursive: true });
    await makeFixFixture(FIX_FIXTURE, join(dir, "sample2.xlsx"));
  }
}, 60000);

async function sheetOf(path: string, name: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.getWorksheet(name) as ExcelJS.Worksheet;
}

test("nq24 fix writes a new file with every certain fix, prints each change, and never touches the input", async () => {
  const before = sha(input);
  const out = join(dir, "da-sua.xlsx");
  const o = await runCli(["fix", input, "--out", out]);
  const code = o.code;
  expect(o.err).toBe("");
  expect(sha(input)).toBe(before);
  expect(existsSync(out)).toBe(true);
  // Every change on its own line: where, before → after, the rule.
  const pl1 = await sheetOf(input, SHEET_NAMES.PL1);
  const dateCell = plantedCell(PLANTED.date.id, "result", pl1).address;
  expect(o.out).toContain(`${SHEET_NAMES.PL1}!${dateCell}: `);
  expect(o.out).toMatch(new RegExp(`${SHEET_NAMES.PL1}!${dateCell}: .* → “2/2” \\[NQ24-E019\\]`));
  expect(o.out).toContain("“2.179,49” → 2.179,49 (số) [NQ24-I050]");
  expect(o.out).toContain("[NQ24-I051]");
  expect(o.out).toContain("[NQ24-I052]");
  // The likely one (words moved to the note) is listed, not applied.
  expect(o.out).toMatch(/Chưa sửa[^\n]*\n[^\n]*\[NQ24-W003, nên xem lại\]/);
  // The copy holds the new values and formats.
  const fixed1 = await sheetOf(out, SHEET_NAMES.PL1);
  const fixed2 = await sheetOf(out, SHEET_NAMES.PL2);
  expect(plantedCell(PLANTED.date.id, "result", fixed1).value).toBe("2/2");
  expect(plantedCell(PLANTED.date.id, "result", fixed1).numFmt).toBe("@");
  expect(plantedCell(PLANTED.spaces.id, "result", fixed1).value).toBe("100");
  expect(plantedCell(PLANTED.words.id, "result", fixed1).value).toBe("Đang triển khai thực hiện");
  expect(plantedCell(PLANTED.point.id, "baseline", fixed2).value).toBe("2.570,52 ha");
  expect(plantedCell(PLANTED.stored.id, "result", fixed2).value).toBe(2179.49);
  // Recorded: what, before, after, when.
  const meta = (await new ExcelJS.Workbook().xlsx.readFile(out)).getWorksheet(SHEET_NAMES.meta) as ExcelJS.Worksheet;
  const rows: (string | number | null)[][] = [];
  for (let r = 1; r <= meta.rowCount; r++) rows.push(Array.from({ length: META_WIDTH }, (_, c) => (meta.getCell(r, c + 1).value as string | number | null) ?? null));
  const fixes = decodeMetadata(rows).fixes ?? [];
  expect(fixes.map((f) => f.code).sort()).toEqual(["NQ24-E019", "NQ24-I042", "NQ24-I050", "NQ24-I051", "NQ24-I052"]);
  expect(plantedCell(DECLARED.id, "baseline", fixed1).value).toBe("0,585");
  expect(o.out).toContain("“585 triệu đồng” → “0,585” [NQ24-I042] (đổi từ triệu đồng sang Tỷ đồng, ÷ 1.000)");
  expect(o.out).toMatch(/“0,275” → “27,5” \[NQ24-W040, nên xem lại\] \(có thể là “0,275%”/);
  expect(fixes.find((f) => f.code === "NQ24-E019")).toMatchObject({ sheet: SHEET_NAMES.PL1, cell: dateCell, before: "44959", after: "2/2", format: "d-mmm → @" });
  // Checked again, read back from the new file: those findings are gone.
  const again = await fixFile(out, { dryRun: true });
  expect(again.planned.filter((f) => f.certainty === "certain")).toEqual([]);
  expect(code).toBe(again.after.plan.verdict.ready ? 0 : 1);
});

test("--dry-run writes nothing; --rules keeps to the codes given; --likely applies the first reading too", async () => {
  const before = sha(input);
  const out = join(dir, "khong-ghi.xlsx");
  const o = await runCli(["fix", input, "--dry-run", "--rules", "E019,I052", "--out", out]);
  expect(existsSync(out)).toBe(false);
  expect(o.out).toContain("--dry-run");
  expect(o.out).toContain("[NQ24-E019]");
  expect(o.out).not.toContain("[NQ24-I050]");
  const out2 = join(dir, "ca-likely.xlsx");
  const o2 = await runCli(["fix", input, "--out", out2, "--likely", "--json"]);
  const j = JSON.parse(o2.out);
  expect(j.applied.map((f: { code: string }) => f.code)).toEqual(expect.arrayContaining(["NQ24-W003", "NQ24-W040"]));
  expect(j.notApplied).toEqual([]);
  const snap = await readWorkbookFile(out2);
  const pl1 = snap.sheets.find((s) => s.name === SHEET_NAMES.PL1);
  expect(pl1?.values.flat()).toContain("Đang triển khai thực hiện");
  expect(sha(input)).toBe(before);
});

test("usage errors exit 2 and write nothing: no --out, --out the input itself, an unknown rule, a file that is not a workbook", async () => {
  const before = sha(input);
  const taken = join(dir, "da-co.xlsx");
  await runCli(["fix", input, "--out", taken]);
  const takenHash = sha(taken);
  for (const argv of [["fix", input], ["fix", input, "--out", input], ["fix", input, "--out", join(dir, "x.xlsx"), "--rules", "NQ24-E999"], ["fix", join(dir, "nope.xlsx"), "--out", join(dir, "y.xlsx")], ["fix", input, "--out", taken]]) {
    const o = await runCli(argv);
    expect(o.code).toBe(2);
    expect(o.err).toMatch(/nq24: /);
  }
  // An output that exists is replaced only with --force.
  expect(sha(taken)).toBe(takenHash);
  expect((await runCli(["fix", input, "--out", taken, "--force"])).code).toBe(1);
  expect(sha(input)).toBe(before);
  expect(existsSync(join(dir, "x.xlsx"))).toBe(false);
});

test("a sheet the user protected is never written: its fixes are listed, the rest applied", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(input);
  await (wb.getWorksheet(SHEET_NAMES.PL1) as ExcelJS.Worksheet).protect("", {});
  const locked = join(dir, "bao-ve.xlsx");
  await wb.xlsx.writeFile(locked);
  const out = join(dir, "bao-ve-da-sua.xlsx");
  const j = JSON.parse((await runCli(["fix", locked, "--out", out, "--json"])).out);
  expect(j.onProtectedSheets.map((f: { sheet: string }) => f.sheet)).toEqual(j.onProtectedSheets.map(() => SHEET_NAMES.PL1));
  expect(j.onProtectedSheets.map((f: { code: string }) => f.code).sort()).toEqual(["NQ24-E019", "NQ24-I042", "NQ24-I052", "NQ24-W003", "NQ24-W040"]);
  expect(j.applied.every((f: { sheet: string }) => f.sheet !== SHEET_NAMES.PL1)).toBe(true);
  const pl1 = await sheetOf(out, SHEET_NAMES.PL1);
  // Still the date Excel made (ExcelJS reads a date-formatted number as a Date), still the spaces.
  expect(plantedCell(PLANTED.date.id, "result", pl1).value).toEqual(new Date(Date.UTC(2023, 1, 2)));
  expect(plantedCell(PLANTED.spaces.id, "result", pl1).value).toBe(PLANTED.spaces.value);
});

test("the README's example file is the one the fixture makes", async () => {
  const committed = await readWorkbookFile(FIX_FIXTURE);
  const fresh = await readWorkbookFile(input);
  const cells = (s: typeof fresh) => s.sheets.filter((x) => x.name !== SHEET_NAMES.meta).map((x) => ({ name: x.name, values: x.values, formats: x.numberFormats }));
  expect(cells(committed)).toEqual(cells(fresh));
});
