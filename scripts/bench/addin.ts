/**
 * Bench, add-in part: syncs and request sizes per check (ours against a naive reader that
 * syncs once per row) at the template's size and at 10,000 rows, through Microsoft's Excel
 * client library answered by the test host (every request under Excel on the web's 5 MB);
 * and the task pane's initial JavaScript, gzipped (budget 150 KB, office.js excluded, ExcelJS lazy).
 */
import { gzipSync } from "zlib";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { nationalCatalogue, laiChauSample } from "../../src/catalogue";
import { checkWorkbookInExcel, fillSample, insertSheets } from "../../src/usecases/office";
import { FakeWorkbook } from "../../test/fake";
import { bigWorkbook, capsFor } from "../../test/fake/helpers";

type Ctx = Excel.RequestContext;

/**
 * The pattern the add-in avoids, kept here only to be measured: one load and one sync per
 * row of every sheet's used range.
 */
async function naiveRead(context: Ctx): Promise<number> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  let cells = 0;
  for (const sheet of sheets.items) {
    const used = sheet.getUsedRange();
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the anti-pattern under measurement
    await context.sync();
    for (let r = 0; r < used.rowCount; r++) {
      const row = sheet.getRangeByIndexes(used.rowIndex + r, used.columnIndex, 1, used.columnCount);
      row.load("values,valueTypes,numberFormat,text");
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the anti-pattern under measurement
      await context.sync();
      cells += row.values[0].length;
    }
  }
  return cells;
}

async function sampleWorkbook(): Promise<FakeWorkbook> {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1"); // a workbook always has a sheet
  await wb.run((ctx) => insertSheets(ctx as unknown as Ctx, nationalCatalogue, { cover: true, onExisting: "rename", caps: capsFor(wb) }));
  await wb.run((ctx) => fillSample(ctx as unknown as Ctx, nationalCatalogue, laiChauSample, { caps: capsFor(wb) }));
  return wb;
}

/** Syncs an action cost, and the bytes of each request it sent as the library built them. */
async function syncsOf(make: () => Promise<FakeWorkbook> | FakeWorkbook, action: (ctx: Ctx, wb: FakeWorkbook) => Promise<unknown>): Promise<{ syncs: number; bytes: number[] }> {
  const wb = await make();
  const before = wb.requests.length;
  await wb.run((ctx) => action(ctx as unknown as Ctx, wb));
  const sent = wb.requests.slice(before).filter((r) => !r.cleanup);
  return { syncs: sent.length, bytes: sent.map((r) => r.bytes) };
}

const LIMIT = 5 * 1024 * 1024;
const mb = (n: number) => (n / 1048576).toFixed(2);

async function main(): Promise<void> {
  console.log("add-in");
  const cases: [string, () => Promise<FakeWorkbook> | FakeWorkbook][] = [
    ["Lai Châu sample (160 indicator rows)", sampleWorkbook],
    ["10,000-row province table", () => bigWorkbook(nationalCatalogue, 10000)],
  ];
  let ok = true;
  for (const [name, make] of cases) {
    const ours = await syncsOf(make, (ctx, wb) => checkWorkbookInExcel(ctx, nationalCatalogue, { lang: "vi", caps: capsFor(wb) }));
    const naive = await syncsOf(make, (ctx) => naiveRead(ctx));
    // Two reads whatever the size; the writes in as many requests as 5 MB each allows.
    const within = ours.bytes.every((b) => b <= LIMIT);
    const writes = ours.bytes.slice(2);
    const fewest = Math.max(1, Math.ceil(writes.reduce((n, b) => n + b, 0) / LIMIT));
    ok = ok && within;
    console.log(
      `  ${name}: check ${ours.syncs} syncs (2 reads, ${writes.length} write requests of ${writes.map(mb).join(", ")} MB; ${fewest} at the very least) vs naive per-row read ${naive.syncs} syncs  (every request ≤ 5 MB: ${within ? "OK" : "OVER"})`,
    );
  }

  // The pane's first load: the production build's polyfills and taskpane entry chunks.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require("webpack");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const createConfig = require(join(process.cwd(), "webpack.config.js"));
  const out = mkdtempSync(join(tmpdir(), "nq24-bench-"));
  const config = createConfig({ transpileOnly: true, outDir: out }, { mode: "production" });
  const stats = await new Promise<{ toJson: (o: unknown) => { entrypoints: Record<string, { assets: { name: string }[] }> } }>((resolve, reject) =>
    webpack(config, (err: Error | null, s: { hasErrors: () => boolean; toString: () => string } & { toJson: (o: unknown) => never }) => {
      if (err) return reject(err);
      if (s.hasErrors()) return reject(new Error(s.toString()));
      resolve(s);
    }),
  );
  const json = stats.toJson({ all: false, entrypoints: true });
  const files = Array.from(new Set(["polyfills", "taskpane"].flatMap((e) => json.entrypoints[e].assets.map((a) => a.name)))).filter((f) => f.endsWith(".js"));
  const gz = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(out, f)), { level: 9 }).length, 0);
  const lazy = readdirSync(out).filter((f) => f.endsWith(".js") && files.indexOf(f) < 0 && !/^commands/.test(f));
  const lazyGz = lazy.reduce((sum, f) => sum + gzipSync(readFileSync(join(out, f)), { level: 9 }).length, 0);
  rmSync(out, { recursive: true, force: true });
  const within = gz <= 150 * 1024;
  ok = ok && within;
  console.log(`  task pane initial JS: ${(gz / 1024).toFixed(1)} KB gzip in ${files.join(", ")}  (budget ≤ 150 KB: ${within ? "OK" : "OVER"})`);
  console.log(`  loaded only when needed (ExcelJS, consolidation, sample): ${(lazyGz / 1024).toFixed(1)} KB gzip in ${lazy.length} chunk(s)`);
  if (!ok) process.exitCode = 3;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
