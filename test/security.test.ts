/**
 * Hostile text in workbooks and catalogues. Script and HTML payloads come back from the
 * engine as the same plain text (the pane then renders them as text nodes: see
 * taskpane.view.test.ts, "hostile text"); text Excel would run as a formula is never
 * stored as one by anything the add-in or the command line writes; hostile catalogues are
 * refused end to end; the pane's page allows no inline or eval'd script.
 */
import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import * as ExcelJS from "exceljs";
import { laiChauSample, nationalCatalogue, parseCatalogue, sampleFillValues, isIndicator, type Catalogue } from "../src/catalogue";
import { checkWorkbook } from "../src/engine/check";
import { describeFinding, findingTexts } from "../src/engine/rules";
import { APPENDIX_COLUMNS, attachmentLineFormula, buildWorkbookTemplate, SHEET_NAMES, templateToSnapshot, type SheetTemplate } from "../src/engine/layout";
import { readWorkbookFile, writeTemplate } from "../src/adapters/xlsx";
import { checkFile, consolidateFiles, makeSample, makeTemplate } from "../src/usecases/files";
import { checkWorkbookInExcel, clearMarksInExcel, fillSample, insertSheets, writeMessage } from "../src/usecases/office";
import { consolidatePicked, writeConsolidationToExcel } from "../src/usecases/consolidateInExcel";
import * as model from "./fake/model";
import { FakeWorkbook } from "./fake";
import { capsFor } from "./fake/helpers";
import { buildCli, loadCase, unprotectAll } from "./helpers/malformed";

const root = join(__dirname, "..");
mkdirSync(join(root, "test-artifacts"), { recursive: true });
const DIR = mkdtempSync(join(root, "test-artifacts", "security-"));
const NOW = new Date("2026-11-28T10:00:00Z");

const HTML = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>'];
const FORMULAS = ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "=1+1"];
const PAYLOADS = HTML.concat(FORMULAS);

/** Would Excel take this text, typed or written through range.values, as a formula? */
const formulaLike = (s: string) => /^[=+\-@][\s\S]/.test(s);

const col = (a: "PL1" | "PL2", k: string) => APPENDIX_COLUMNS[a].findIndex((c) => c.key === k);

/** The Lai Châu sample with every payload in labels, values, notes, the cover and a foreign table. */
async function hostileWorkbook(file: string): Promise<void> {
  const tpl = buildWorkbookTemplate(nationalCatalogue, { ...laiChauSample.cover, unit: FORMULAS[0], preparer: HTML[0] }, sampleFillValues());
  const wb = writeTemplate(tpl);
  const rowsOf = (role: "PL1" | "PL2") => (tpl.sheets.find((s) => s.role === role) as SheetTemplate).indicatorRows ?? {};
  const ids = (a: "PL1" | "PL2") => nationalCatalogue.rows.filter(isIndicator).filter((r) => r.appendix === a).map((r) => r.id);
  const pl1 = wb.getWorksheet(SHEET_NAMES.PL1) as ExcelJS.Worksheet;
  const pl2 = wb.getWorksheet(SHEET_NAMES.PL2) as ExcelJS.Worksheet;
  PAYLOADS.forEach((p, i) => {
    const r1 = rowsOf("PL1")[ids("PL1")[i]] + 1;
    const r2 = rowsOf("PL2")[ids("PL2")[i * 3]] + 1;
    // Strings in the file, as a user's typed text is: never formulas to begin with.
    pl1.getCell(r1, col("PL1", "result") + 1).value = p;
    pl1.getCell(r1, col("PL1", "note") + 1).value = `${p} ghi chú`;
    pl2.getCell(r2, col("PL2", "baseline") + 1).value = p;
    pl2.getCell(r2, col("PL2", "label") + 1).value = `${p} ${String(pl2.getCell(r2, col("PL2", "label") + 1).value)}`;
  });
  // A table of the user's own whose rows match nothing, on a sheet with a hostile name.
  const own = wb.addWorksheet('"><svg onload=alert(1)>');
  own.addRow(["STT", "Chỉ tiêu", "Đơn vị", "2013", "2022", "Ghi chú"]);
  PAYLOADS.forEach((p, i) => own.addRow([i + 1, p, "%", p, "12", p]));
  await wb.xlsx.writeFile(file);
}

/** A valid province catalogue whose texts are all payloads. */
function hostileCatalogueJson(): string {
  const c = JSON.parse(readFileSync(join(root, "test", "fixtures", "catalogues", "minimal-valid.json"), "utf8"));
  c.title = { vi: HTML[2], en: HTML[1] };
  c.rows[0].labelVi = FORMULAS[1];
  c.rows[0].labelEn = HTML[0];
  c.rows[1].labelVi = FORMULAS[0];
  c.rows[1].labelOriginal = FORMULAS[2];
  c.rows[1].labelEn = HTML[1];
  c.rows[3].labelVi = FORMULAS[3];
  c.rows[3].labelEn = HTML[2];
  c.appendices[0].columns[1].vi = FORMULAS[4];
  return JSON.stringify(c);
}

const HOSTILE = join(DIR, "hostile.xlsx");
const SAMPLE = join(DIR, "sample.xlsx");
let hostileCatalogue: Catalogue;

beforeAll(async () => {
  await hostileWorkbook(HOSTILE);
  await makeSample(SAMPLE);
  const res = parseCatalogue(hostileCatalogueJson(), "hostile.json");
  if (!res.ok) throw new Error(`the hostile catalogue should be valid: ${JSON.stringify(res.errors.slice(0, 3))}`);
  hostileCatalogue = res.catalogue;
}, 60000);

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

// ------------------------------------------------------------------ engine output is plain text

describe("payloads come back as the same plain text", () => {
  test("findings, fixes, results rows and notes quote user text verbatim, unescaped", async () => {
    const snap = await readWorkbookFile(HOSTILE);
    for (const lang of ["vi", "en"] as const) {
      const r = checkWorkbook(snap, nationalCatalogue, { lang, now: NOW });
      const texts: string[] = [];
      for (const f of r.findings) {
        const t = findingTexts(f);
        texts.push(t.message.vi, t.message.en, t.fix ? t.fix.vi : "", t.fix ? t.fix.en : "", f.sheet);
      }
      for (const row of r.plan.results.rows) texts.push(...row.cells.map((c) => String(c ?? "")));
      for (const m of r.plan.marks) texts.push(m.note.vi, m.note.en);
      const all = texts.join("\n");
      // Each payload reaches the output intact: it is neither stripped nor mangled…
      for (const p of PAYLOADS) expect([p, all.includes(p)]).toEqual([p, true]);
      // …and never turned into markup or entities: escaping is the renderer's job.
      expect(all).not.toMatch(/&lt;|&gt;|&quot;|&#/);
      expect(r.findings.some((f) => f.sheet === HTML[2])).toBe(true);
    }
  });

  test("catalogue texts reach statuses and findings as plain text", () => {
    // The template of the hostile catalogue, filled so that every rule has something to say.
    const fill = { "A1-1": { baseline: HTML[0], result: "40%" }, "B2-1": { result: FORMULAS[2] } };
    const snap = templateToSnapshot(buildWorkbookTemplate(hostileCatalogue, { unit: HTML[1] }, fill));
    for (const lang of ["vi", "en"] as const) {
      const r = checkWorkbook(snap, hostileCatalogue, { lang, now: NOW });
      const labels = r.statuses.map((s) => s.label[lang]);
      expect(labels.length).toBeGreaterThan(0);
      const all = labels.concat(r.findings.map((f) => describeFinding(f, lang).message), r.plan.results.rows.flatMap((row) => row.cells.map((c) => String(c ?? "")))).join("\n");
      // Catalogue labels quoted in findings, verbatim.
      expect(all).toContain(lang === "vi" ? FORMULAS[3] : HTML[2]);
      expect(all).not.toMatch(/&lt;|&gt;|&quot;|&#/);
    }
  });
});

// ------------------------------------------------------------------ nothing becomes a formula: the add-in

/**
 * Every value the add-in writes through the fake's range.values, with the number format the
 * cell has at that moment in the batch. The fake only turns "=…" into formulas; real Excel
 * also takes "+…", "-…" and "@…" as formulas unless the cell is formatted as text ("@").
 */
function recordWrites(): { writes: { value: string; format: string }[]; restore: () => void } {
  const writes: { value: string; format: string }[] = [];
  const real = model.parseWrittenValue;
  const spy = jest.spyOn(model, "parseWrittenValue").mockImplementation((input: unknown, numberFormat: string) => {
    if (typeof input === "string") writes.push({ value: input, format: numberFormat });
    return real(input, numberFormat);
  });
  return { writes, restore: () => spy.mockRestore() };
}

function formulasIn(wb: FakeWorkbook): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of wb.sheets) s.cells.forEach((c, k) => c.formula && out.set(`${s.name}!${k}`, c.formula));
  return out;
}

const run = <T>(wb: FakeWorkbook, fn: (ctx: Excel.RequestContext) => Promise<T>) => wb.run((ctx) => fn(ctx as unknown as Excel.RequestContext));

describe("the add-in never stores user text as a formula", () => {
  test("check (both languages), clear, message: formula-like text is written into text-formatted cells only", async () => {
    const wb = await loadCase(HOSTILE);
    unprotectAll(wb);
    const before = formulasIn(wb);
    const rec = recordWrites();
    try {
      const caps = capsFor(wb);
      await run(wb, (ctx) => checkWorkbookInExcel(ctx, nationalCatalogue, { lang: "vi", caps, now: NOW }));
      await run(wb, (ctx) => checkWorkbookInExcel(ctx, nationalCatalogue, { lang: "en", caps, now: NOW }));
      await run(wb, (ctx) => writeMessage(ctx, { vi: FORMULAS[1], en: FORMULAS[0] }, "en", { caps }));
      await run(wb, (ctx) => clearMarksInExcel(ctx, { caps }));
    } finally {
      rec.restore();
    }
    // The results sheet quotes the payloads: they were written, as text.
    const risky = rec.writes.filter((w) => formulaLike(w.value));
    expect(risky.length).toBeGreaterThan(0);
    for (const p of [FORMULAS[0], FORMULAS[1], HTML[0]]) expect([p, rec.writes.some((w) => w.value.includes(p))]).toEqual([p, true]);
    expect(risky.filter((w) => w.format !== "@" && !w.value.startsWith("'"))).toEqual([]);
    expect(formulasIn(wb)).toEqual(before);
  });

  test("sample fill and check with a hostile catalogue, and consolidation sheets in the open workbook", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1");
    const caps = capsFor(wb);
    // Inserting the template itself is left out here: see the report on render.ts.
    await run(wb, (ctx) => insertSheets(ctx, hostileCatalogue, { cover: true, onExisting: "rename", caps }));
    const before = formulasIn(wb);
    const rec = recordWrites();
    try {
      const sample = { catalogueId: hostileCatalogue.id, cover: { unit: FORMULAS[1] }, values: { "A1-1": { baseline: FORMULAS[3], result: FORMULAS[0], note: HTML[0] }, "B2-1": { result: FORMULAS[2] } } };
      await run(wb, (ctx) => fillSample(ctx, hostileCatalogue, sample, { caps }));
      await run(wb, (ctx) => checkWorkbookInExcel(ctx, hostileCatalogue, { lang: "vi", caps, now: NOW }));
      // Consolidation of districts whose names and values are payloads.
      const picked = [HOSTILE, SAMPLE].map((p, i) => ({ name: i ? "sample.xlsx" : `${FORMULAS[1]}.xlsx`, arrayBuffer: async () => new Uint8Array(readFileSync(p)).buffer }));
      const c = await consolidatePicked(picked, nationalCatalogue, { lang: "vi", now: NOW });
      expect(c.districts.length).toBe(2);
      await run(wb, (ctx) => writeConsolidationToExcel(ctx, c, "vi"));
    } finally {
      rec.restore();
    }
    const risky = rec.writes.filter((w) => formulaLike(w.value));
    expect(risky.length).toBeGreaterThan(0);
    expect(risky.filter((w) => w.format !== "@" && !w.value.startsWith("'"))).toEqual([]);
    expect(risky.map((w) => w.value)).toEqual(expect.arrayContaining([FORMULAS[0], FORMULAS[2], FORMULAS[3]]));
    expect(formulasIn(wb)).toEqual(before);
  });
});

// ------------------------------------------------------------------ nothing becomes a formula: the files

/** Every formula cell and every link to outside the workbook in an .xlsx. */
async function activeCells(file: string): Promise<{ formulas: string[]; externalLinks: string[]; texts: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const formulas: string[] = [];
  const externalLinks: string[] = [];
  const texts: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const where = `${ws.name}!${cell.address}`;
        // The template's one formula, made of constants and cover references, never of text read or typed.
        const ours = cell.address === "A3" && /^Phụ lục [12]$/.test(ws.name) && `=${cell.formula}` === attachmentLineFormula(SHEET_NAMES.cover);
        if ((cell.type === ExcelJS.ValueType.Formula || cell.formula) && !ours) formulas.push(`${where}: ${cell.formula}`);
        if (cell.type === ExcelJS.ValueType.Hyperlink) {
          const h = (cell.value as ExcelJS.CellHyperlinkValue).hyperlink;
          if (!h.startsWith("#")) externalLinks.push(`${where}: ${h}`);
        }
        if (typeof cell.value === "string") texts.push(cell.value);
        const note = cell.note as unknown;
        if (typeof note === "string") texts.push(note);
      }),
    ),
  );
  return { formulas, externalLinks, texts };
}

describe("files the command line writes hold no formula made from text", () => {
  test("annotated copy of the hostile workbook", async () => {
    const out = join(DIR, "annotated.xlsx");
    const res = await checkFile(HOSTILE, { out, lang: "vi", now: NOW });
    expect(res.annotated).toBe(out);
    const a = await activeCells(out);
    expect(a.formulas).toEqual([]);
    expect(a.externalLinks).toEqual([]);
    // The payloads are there, quoted as text (results sheet, notes, the user's own cells).
    for (const p of PAYLOADS) expect([p, a.texts.some((t) => t.includes(p))]).toEqual([p, true]);
  });

  test("province consolidation of hostile districts", async () => {
    const out = join(DIR, "tinh.xlsx");
    const res = await consolidateFiles([HOSTILE, SAMPLE], { out, lang: "en", now: NOW });
    expect(res.consolidation.districts.length).toBe(2);
    const a = await activeCells(out);
    expect(a.formulas).toEqual([]);
    expect(a.externalLinks).toEqual([]);
    expect(a.texts.some((t) => t === FORMULAS[0])).toBe(true); // the district's unit name
  });

  test("template and sample from a hostile catalogue", async () => {
    for (const make of [makeTemplate, makeSample]) {
      const out = join(DIR, `${make.name}.xlsx`);
      await make(out, { catalogue: hostileCatalogue });
      const a = await activeCells(out);
      expect(a.formulas).toEqual([]);
      expect(a.externalLinks).toEqual([]);
      expect(a.texts).toEqual(expect.arrayContaining([FORMULAS[0], FORMULAS[1], FORMULAS[3]]));
    }
  });
});

// ------------------------------------------------------------------ hostile catalogues, end to end

describe("nq24 check --catalogue refuses hostile catalogues (loader details: catalogueLoader.test.ts)", () => {
  let bin = "";
  beforeAll(() => {
    bin = buildCli(root);
  }, 180000);
  const nq24 = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: DIR, encoding: "utf8", env: { ...process.env, CI: "" } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  test.each([
    ["proto-key.json", /__proto__/],
    ["constructor-key.json", /constructor/],
  ])("%s: exit 2, named, with the offending key", (name, key) => {
    const path = join(root, "test", "fixtures", "catalogues", name);
    for (const lang of ["vi", "en"]) {
      const r = nq24("check", "sample.xlsx", "--catalogue", path, "--lang", lang);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err).toContain(name);
      expect(r.err).toMatch(lang === "en" ? /catalogue refused/ : /danh mục không hợp lệ/);
      expect(r.err).toMatch(key);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("oversized catalogue: exit 2 with the size limit", () => {
    const c = JSON.parse(readFileSync(join(root, "test", "fixtures", "catalogues", "minimal-valid.json"), "utf8"));
    c.source = "x".repeat(2 * 1024 * 1024 + 10);
    const path = join(DIR, "huge.json");
    writeFileSync(path, JSON.stringify(c));
    const r = nq24("check", "sample.xlsx", "--catalogue", path, "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.err).toContain("huge.json");
    expect(r.err).toMatch(/MB|bytes|large/i);
  });

  test("a valid catalogue full of payloads is used, and its texts come out as JSON strings", () => {
    const path = join(DIR, "hostile.json");
    writeFileSync(path, hostileCatalogueJson());
    expect(nq24("template", "hostile-template.xlsx", "--catalogue", path).code).toBe(0);
    const r = nq24("check", "hostile-template.xlsx", "--catalogue", path, "--json", "--lang", "en");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { findings: { message: string }[]; verdict: { catalogueVersion: string } };
    expect(j.verdict.catalogueVersion).toContain("nq24-province-demo");
    const messages = j.findings.map((f) => f.message).join("\n");
    expect(messages).toContain(FORMULAS[0]);
    expect(messages).toContain(FORMULAS[3]);
    expect(messages).not.toMatch(/&lt;|&gt;|&quot;|&#/);
  });
});

// ------------------------------------------------------------------ the pane's page

describe("task pane page policy (the built page: es5bundles.test.ts)", () => {
  test("taskpane.html and commands.html allow no inline or eval'd script", () => {
    for (const page of ["taskpane/taskpane.html", "commands/commands.html"]) {
      const html = readFileSync(join(root, "src", page), "utf8");
      const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
      expect([page, !!m]).toEqual([page, true]);
      const csp = (m as RegExpExecArray)[1];
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|unsafe-hashes|strict-dynamic/);
      const directives = new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map((d) => [d[0], d.slice(1)] as const));
      const scripts = directives.get("script-src") ?? directives.get("default-src") ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const s of scripts) expect(["'self'", "https://appsforoffice.microsoft.com"]).toContain(s);
      expect(directives.get("object-src")).toEqual(["'none'"]);
      // No inline script or handler in the page itself.
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    }
  });
});
