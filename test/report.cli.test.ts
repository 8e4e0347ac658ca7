/**
 * `nq24 check FILE --report REPORT` end to end: the sample workbook written by `nq24 sample`,
 * the report as a .docx (built the way Word writes one) and as .txt, human output in both
 * languages and --json, a planted mismatch reported, a refused report file exiting 2, and
 * neither input file modified.
 */
import { createHash } from "crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runCli } from "./helpers/cli";
import { buildDocx } from "./helpers/docx";

const dir = mkdtempSync(join(tmpdir(), "nq24-report-"));
const seedText = readFileSync(join(__dirname, "fixtures", "report", "laichau-2023-bao-cao.txt"), "utf8");
const sha = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");

const nq24 = (...args: string[]) => runCli(args);

const xlsx = join(dir, "laichau.xlsx");
const docx = join(dir, "bao-cao.docx");
const txt = join(dir, "bao-cao.txt");

beforeAll(async () => {
  expect((await nq24("sample", xlsx)).code).toBe(0);
  writeFileSync(docx, await buildDocx(seedText.split("\n")));
  writeFileSync(txt, seedText);
  // The forest area of 2013 changed in paragraph 47 only.
  const lines = seedText.split("\n");
  const i = lines.findIndex((l) => l.indexOf("năm 2013 diện tích rừng là 1.522,16 ha") >= 0);
  lines[i] = lines[i].replace("1.522,16 ha", "1.252,16 ha");
  writeFileSync(join(dir, "sai.docx"), await buildDocx(lines));
  writeFileSync(join(dir, "bao-cao.pdf"), "%PDF-1.4 …");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("the report's .docx against the sample: no mismatch, figures that agree, the look-alike listed for review", async () => {
  const before = [sha(xlsx), sha(docx)];
  const r = await nq24("check", xlsx, "--report", docx);
  expect(r.err).toBe("");
  expect(r.out).toContain("Đối chiếu báo cáo: bao-cao.docx (115 đoạn; phần phụ lục từ đoạn 116 không đối chiếu)");
  expect(r.out).toMatch(/không khớp 0,/);
  expect(r.out).toMatch(/Khớp với phụ lục:\n[\s\S]*đoạn 47 {2}1\.522,16 ha \(năm 2013\) {2}“Diện tích và độ che phủ rừng” {2}— Phụ lục 2!D\d+: 1\.522,16 ha/);
  expect(r.out).toMatch(/Cần xem lại[\s\S]*đoạn 70 {2}2\.644,1 ha \(không nêu năm\)[\s\S]*2\.694,42 ha \(khác\)/);
  expect(r.out).toMatch(/Không gắn với chỉ tiêu nào:[\s\S]*đoạn 52: 18\.582 con/);
  expect(r.out).not.toContain("NQ24-W101");
  // The workbook's own check is printed first, as without --report.
  expect(r.out.indexOf("File: laichau.xlsx")).toBe(0);
  expect([sha(xlsx), sha(docx)]).toEqual(before);
});

test("the same through --json, and the .txt export gives the same cross-check", async () => {
  const a = JSON.parse((await nq24("check", xlsx, "--report", docx, "--json")).out);
  const b = JSON.parse((await nq24("check", xlsx, "--report", txt, "--json")).out);
  expect(a.report.format).toBe("docx");
  expect(b.report.format).toBe("txt");
  expect(a.report.counts).toEqual(b.report.counts);
  expect(a.report.counts.mismatch).toBe(0);
  expect(a.report.findings).toEqual([]);
  const look = a.report.figures.find((f: { paragraph: number; figure: string }) => f.paragraph === 70 && f.figure === "2.644,1 ha");
  expect(look).toMatchObject({ outcome: "review", indicatorId: "PL2-047", appendix: { value: "2.694,42 ha", agreement: "differs" } });
  // The workbook part of the JSON is unchanged by --report.
  expect(a.findings.length).toBeGreaterThan(0);
  expect(a.ready).toBe((JSON.parse((await nq24("check", xlsx, "--json")).out) as { ready: boolean }).ready);
});

test("a planted mismatch is reported as a finding quoting both places, in Vietnamese and in English", async () => {
  const vi = await nq24("check", xlsx, "--report", join(dir, "sai.docx"));
  expect(vi.out).toMatch(/Cảnh báo NQ24-W101 {2}Phụ lục 2!D(\d+) {2}Báo cáo, đoạn 47: 1\.252,16 ha — Phụ lục 2, dòng \1: 1\.522,16 ha/);
  const en = await nq24("check", xlsx, "--report", join(dir, "sai.docx"), "--lang", "en");
  expect(en.out).toMatch(/Warning NQ24-W101 {2}Phụ lục 2!D(\d+) {2}Report, paragraph 47: 1\.252,16 ha — Phụ lục 2, row \1: 1\.522,16 ha/);
  const json = JSON.parse((await nq24("check", xlsx, "--report", join(dir, "sai.docx"), "--json", "--lang", "en")).out);
  expect(json.report.findings).toEqual([expect.objectContaining({ code: "NQ24-W101", paragraph: 47, sheet: "Phụ lục 2", indicatorId: "PL2-047", params: expect.objectContaining({ figure: "1.252,16 ha", value: "1.522,16 ha" }) })]);
});

test("a report file that is not one is refused by name, exit 2, in the chosen language", async () => {
  const vi = await nq24("check", xlsx, "--report", join(dir, "bao-cao.pdf"));
  expect(vi.code).toBe(2);
  expect(vi.err).toContain("bao-cao.pdf: không phải văn bản Word (.docx)");
  const en = await nq24("check", xlsx, "--report", join(dir, "khong-co.docx"), "--lang", "en");
  expect(en.code).toBe(2);
  expect(en.err).toContain("khong-co.docx: report file not found");
  expect((await nq24("check", xlsx, "--report")).code).toBe(2);
});
