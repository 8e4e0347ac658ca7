/**
 * An independent spreadsheet opens every kind of workbook we write — template, sample,
 * annotated copy, consolidation — and reads back the texts we meant to write. LibreOffice
 * exports every sheet to its own CSV (sheet option -1, LibreOffice 7.2 and later).
 */
import { execFileSync, spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { nationalCatalogue, laiChauSample, sampleFillValues } from "../src/catalogue";
import { buildWorkbookTemplate, type WorkbookTemplate } from "../src/engine/layout";
import { checkWorkbook } from "../src/engine/check";
import { consolidate, consolidationSheets, type SheetCell } from "../src/engine/consolidate";
import { applyPlanToWorkbook, readWorkbookFile, renderConsolidation, writeTemplate } from "../src/adapters/xlsx";
import type { Plan } from "../src/engine/types";
import { districtBuffer, readBack } from "./fixtures/xlsx/districts";

function findSoffice(): string | null {
  for (const p of ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"]) {
    if (existsSync(p)) return p;
  }
  const r = spawnSync("sh", ["-c", "command -v soffice || command -v libreoffice"], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

const soffice = findSoffice();
const inCI = !!process.env.CI && process.env.CI !== "false" && process.env.CI !== "0";

if (!soffice && !inCI) {
  // Locally LibreOffice is optional; CI installs it and this file then runs in full.
  console.warn("libreoffice.test.ts skipped: soffice not found (apt-get install -y --no-install-recommends libreoffice-calc-nogui)");
}
const maybe = soffice || inCI ? describe : describe.skip;

/** RFC 4180 CSV, as LibreOffice writes it (quotes doubled, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { row.push(field); field = ""; }
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  return rows;
}

maybe("LibreOffice reads what we write", () => {
  const dir = mkdtempSync(join(tmpdir(), "nq24-lo-"));
  const sheets: Record<string, Record<string, string[][]>> = {};
  const template: WorkbookTemplate = buildWorkbookTemplate(nationalCatalogue);
  const sample: WorkbookTemplate = buildWorkbookTemplate(nationalCatalogue, laiChauSample.cover, sampleFillValues());
  let plan: Plan;
  let consolidated: ReturnType<typeof consolidate>;

  beforeAll(async () => {
    if (!soffice) throw new Error("soffice (LibreOffice) is required in CI: apt-get install -y --no-install-recommends libreoffice-calc-nogui");
    await writeTemplate(template).xlsx.writeFile(join(dir, "template.xlsx"));
    const sampleBuf = Buffer.from(await writeTemplate(sample).xlsx.writeBuffer());
    writeFileSync(join(dir, "sample.xlsx"), sampleBuf);
    const snap = await readWorkbookFile(sampleBuf, { name: "sample.xlsx" });
    plan = checkWorkbook(snap, nationalCatalogue, { lang: "vi" }).plan;
    const annotated = await readBack(sampleBuf);
    applyPlanToWorkbook(annotated, plan, { lang: "vi" });
    await annotated.xlsx.writeFile(join(dir, "annotated.xlsx"));
    const inputs = [];
    for (const [unit, values] of [["UBND huyện Tam Đường", { "PL2-017": { result: "100" } }], ["UBND huyện Sìn Hồ", { "PL2-017": { result: "250,5" }, "PL1-30": { result: "", note: "" } }]] as const) {
      const buf = await districtBuffer(unit, values);
      const s = await readWorkbookFile(buf, { name: `${unit}.xlsx` });
      const result = checkWorkbook(s, nationalCatalogue);
      inputs.push({ source: { fileName: `${unit}.xlsx`, unit, reportDate: "15/05/2023", catalogueVersion: "2023.1", hash: "ab".repeat(32) + unit.length }, result });
    }
    consolidated = consolidate(inputs, nationalCatalogue, [{ fileName: "=hong.xlsx", message: { vi: "file .xlsx bị hỏng", en: "corrupted" } }]);
    await renderConsolidation(consolidated, "vi").xlsx.writeFile(join(dir, "province.xlsx"));

    const files = ["template", "sample", "annotated", "province"].map((b) => join(dir, `${b}.xlsx`));
    execFileSync(soffice, [
      "--headless", `-env:UserInstallation=file://${join(dir, "lo-profile")}`,
      "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
      "--outdir", join(dir, "csv"), ...files,
    ], { stdio: "pipe", timeout: 120000 });
    const names: Record<string, string[]> = {
      template: ["Bìa", "Phụ lục 1", "Phụ lục 2", "NQ24_DanhMuc"],
      sample: ["Bìa", "Phụ lục 1", "Phụ lục 2", "NQ24_DanhMuc"],
      annotated: ["Bìa", "Phụ lục 1", "Phụ lục 2", "NQ24_DanhMuc", "Kết quả kiểm tra", "NQ24_Meta"],
      province: consolidationSheets(consolidated, "vi").map((s) => s.name),
    };
    for (const base of Object.keys(names)) {
      sheets[base] = {};
      for (const name of names[base]) {
        const p = join(dir, "csv", `${base}-${name}.csv`);
        expect(existsSync(p)).toBe(true);
        sheets[base][name] = parseCsv(readFileSync(p, "utf8"));
      }
    }
  }, 180000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const at = (rows: string[][], r: number, c: number) => rows[r]?.[c] ?? "";

  test.each([["template"], ["sample"]])("%s: every cell of the layout reads back as written", (base) => {
    const model = base === "template" ? template : sample;
    let compared = 0;
    for (const t of model.sheets) {
      const rows = sheets[base][t.name];
      for (const c of t.cells) {
        const expected = c.value === null ? "" : String(c.value);
        expect([t.name, c.row, c.col, at(rows, c.row, c.col)]).toEqual([t.name, c.row, c.col, expected]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  test("sample: the seed's own spellings survive, as text", () => {
    const pl1 = sheets.sample["Phụ lục 1"];
    const flat = pl1.map((r) => r.join("|")).join("\n");
    expect(flat).toContain("585 triệu đồng|1,6 tỉ đồng");
    expect(flat).toContain("21,3|27,5");
  });

  test("annotated: status texts in their cells, results sheet rows, metadata", () => {
    for (const s of plan.statusCells) {
      expect([s.sheet, s.row, s.col, at(sheets.annotated[s.sheet], s.row, s.col)]).toEqual([s.sheet, s.row, s.col, s.text]);
    }
    const results = sheets.annotated["Kết quả kiểm tra"];
    expect(at(results, 1, 0)).toBe(plan.verdict.message.vi);
    const h = results.findIndex((r) => r.slice(0, plan.results.header.length).join("|") === plan.results.header.join("|"));
    expect(h).toBeGreaterThan(0);
    plan.results.rows.forEach((row, i) => {
      expect(results[h + 1 + i].slice(0, row.cells.length)).toEqual(row.cells);
    });
    expect(at(sheets.annotated.NQ24_Meta, 0, 0)).toBe("NQ24_META");
  });

  test("consolidation: every sheet's header and rows as the model says", () => {
    for (const s of consolidationSheets(consolidated, "vi")) {
      const rows = sheets.province[s.name];
      expect(at(rows, 0, 0)).toBe(String((s.preamble[0][0] as { v: string }).v ?? s.preamble[0][0]));
      const h = rows.findIndex((r) => r.slice(0, s.header.length).join("|") === s.header.join("|"));
      expect([s.name, h >= 0]).toEqual([s.name, true]);
      s.rows.forEach((row, i) => {
        row.forEach((cell: SheetCell, j) => {
          const v = cell !== null && typeof cell === "object" ? cell.v : cell;
          const got = at(rows, h + 1 + i, j);
          if (typeof v === "number") expect([s.name, i, j, Number(got)]).toEqual([s.name, i, j, v]);
          else expect([s.name, i, j, got]).toEqual([s.name, i, j, v ?? ""]);
        });
      });
    }
    const flat = sheets.province["Nguồn"].map((r) => r.join("|")).join("\n");
    expect(flat).toContain("=hong.xlsx"); // text that looks like a formula stays text
  });
});
