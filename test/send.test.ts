/**
 * "Gửi tỉnh" from the pane: the open workbook read from Office in slices, the copy made from
 * those bytes (never from the open workbook), offered for download with the SHA-256 of the
 * very bytes offered; refused while the report is not ready; the open workbook untouched.
 */
import { createHash, randomBytes, webcrypto } from "crypto";
import { nationalCatalogue } from "../src/catalogue";
import { AddinError } from "../src/adapters/office/errors";
import { DocumentLike, FileLike, readOpenWorkbook, SLICE_SIZE } from "../src/adapters/office/file";
import { saveFile } from "../src/adapters/office/fileSave";
import { SHEET_NAMES } from "../src/engine/layout";
import { sendToProvince, lostParts } from "../src/usecases/send";
import { prepareExport as prepare } from "../src/usecases/export";
import { sha256Hex as sha256HexAnywhere, sha256HexPure } from "../src/usecases/hash";
import { checkWorkbookInExcel } from "../src/usecases/office";
import { FakeWorkbook, loadXlsx, saveXlsx } from "./fake";
import { capsFor, changedCells, metaRecords, userCells } from "./fake/helpers";
import { FULL_COVER, readyFill, workbookBuffer } from "./fixtures/xlsx/districts";

const nodeSha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("SHA-256 without Web Crypto (the IE11 webview)", () => {
  test("the same digest as Node's for every padding edge and random data", () => {
    for (const n of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000, 65537]) {
      const b = new Uint8Array(randomBytes(n));
      expect(sha256HexPure(b)).toBe(nodeSha(b));
    }
    expect(sha256HexPure(new TextEncoder().encode("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  test("Web Crypto when present, the pure one when absent or refused: one answer", async () => {
    const b = new Uint8Array(randomBytes(5000));
    const refusing = { digest: () => Promise.reject(new Error("not a secure context")) };
    expect(await sha256HexAnywhere(b, webcrypto.subtle as never)).toBe(nodeSha(b));
    expect(await sha256HexAnywhere(b, undefined)).toBe(nodeSha(b));
    expect(await sha256HexAnywhere(b, refusing)).toBe(nodeSha(b));
  });
});

/** Office's Document as the pane sees it, handing out `bytes` in slices; records what was asked. */
function fakeDocument(bytes: Uint8Array, opts: { failAt?: number; asArrayBuffer?: boolean } = {}) {
  const log = { opened: 0, closed: 0, sliceSize: 0, fileType: "" };
  const doc: DocumentLike = {
    getFileAsync: (fileType, o, cb) => {
      log.opened++;
      log.fileType = fileType;
      log.sliceSize = o.sliceSize;
      const count = Math.max(1, Math.ceil(bytes.length / o.sliceSize));
      const file: FileLike = {
        size: bytes.length,
        sliceCount: count,
        getSliceAsync: (i, done) => {
          if (i === opts.failAt) return done({ status: "failed", value: { data: [], index: i }, error: { code: 5001, name: "Internal Error", message: "An internal error has occurred." } });
          const part = bytes.subarray(i * o.sliceSize, (i + 1) * o.sliceSize);
          // Office hands most slices as arrays of byte values.
          done({ status: "succeeded", value: { index: i, data: opts.asArrayBuffer ? part.slice().buffer : Array.from(part) } });
        },
        closeAsync: (done) => {
          log.closed++;
          if (done) done({ status: "succeeded", value: undefined });
        },
      };
      setTimeout(() => cb({ status: "succeeded", value: file }), 0);
    },
  };
  return { doc, log };
}

describe("reading the open workbook from Office", () => {
  test("slices joined in order, compressed, the file closed", async () => {
    const bytes = new Uint8Array(randomBytes(200_000));
    for (const asArrayBuffer of [false, true]) {
      const { doc, log } = fakeDocument(bytes, { asArrayBuffer });
      const got = await readOpenWorkbook(doc, 65536);
      expect(nodeSha(got)).toBe(nodeSha(bytes));
      expect(log).toMatchObject({ opened: 1, closed: 1, sliceSize: 65536, fileType: "compressed" });
    }
    expect(SLICE_SIZE).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  test("a failed slice: a message naming what failed, in both languages, and the file still closed", async () => {
    const { doc, log } = fakeDocument(new Uint8Array(randomBytes(300_000)), { failAt: 2 });
    const err = await readOpenWorkbook(doc, 65536).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AddinError);
    expect((err as AddinError).text.vi).toMatch(/Không lấy được nội dung sổ làm việc.*Internal Error/);
    expect((err as AddinError).text.en).toMatch(/Could not read the workbook/);
    expect(log.closed).toBe(1);
  });

  test("an Office without getFileAsync: said plainly, with what to do instead", async () => {
    const err = await readOpenWorkbook({}, 65536).catch((e: unknown) => e);
    expect((err as AddinError).text.vi).toMatch(/nq24 export/);
    expect((err as AddinError).code).toBe("ApiNotFound");
  });
});

/** Fills of every cell before the check, "sheet!row,col" → colour. */
const fillsBefore = new Map<string, string>();

async function checkedInExcel(cover = FULL_COVER): Promise<FakeWorkbook> {
  const wb = await loadXlsx(await workbookBuffer(cover, readyFill()));
  fillsBefore.clear();
  for (const s of wb.sheets) s.cells.forEach((c, k) => fillsBefore.set(`${s.name}!${k}`, (c.fill ?? "").toUpperCase()));
  await wb.run((ctx) => checkWorkbookInExcel(ctx, nationalCatalogue, { lang: "vi", caps: capsFor(wb), now: new Date("2026-11-28T10:00:00Z") }));
  return wb;
}

describe("Gửi tỉnh", () => {
  test("a ready report: the copy offered under its name, with the SHA-256 of the bytes offered; marks out; the open workbook untouched", async () => {
    const excel = await checkedInExcel();
    const marks = metaRecords(excel).marks;
    expect(marks.length).toBeGreaterThan(0);
    const before = userCells(excel, excel.sheets.map((s) => s.name));
    const saved: { bytes: Uint8Array; name: string }[] = [];
    const { doc } = fakeDocument(new Uint8Array(await saveXlsx(excel)));
    const sent = await sendToProvince(nationalCatalogue, "vi", { keepMarks: false }, { readWorkbook: () => readOpenWorkbook(doc, 65536), prepare, save: (bytes, name) => saved.push({ bytes, name }) });
    expect(saved).toHaveLength(1);
    expect(sent.fileName).toBe(saved[0].name);
    // The province's convention, from the cover's unit and report date (15/05/2023).
    expect(sent.fileName).toBe("NQ24_UBND_thành_phố_Lai_Châu_2023-05-15.xlsx");
    expect(sent.sha256).toBe(nodeSha(saved[0].bytes));
    expect(sent.size).toBe(saved[0].bytes.length);
    expect(sent.marksRemoved).toBe(marks.length);
    expect(sent.lost).toEqual([]);
    // In the copy: no mark fill left where the check marked, the summary sheet there.
    const copy = await loadXlsx(Buffer.from(saved[0].bytes));
    for (const m of marks) {
      const cell = copy.sheet(m.sheet).cells.get(`${m.row},${m.col}`);
      expect((cell?.fill ?? "").toUpperCase()).toBe(fillsBefore.get(`${m.sheet}!${m.row},${m.col}`) ?? "");
    }
    expect(copy.sheets.some((s) => s.name.startsWith(SHEET_NAMES.results))).toBe(true);
    // The open workbook: exactly as it was.
    expect(changedCells(excel, before)).toEqual([]);
    expect(metaRecords(excel).marks).toHaveLength(marks.length);
  });

  test("marks kept by choice", async () => {
    const excel = await checkedInExcel();
    const { doc } = fakeDocument(new Uint8Array(await saveXlsx(excel)));
    const sent = await sendToProvince(nationalCatalogue, "vi", { keepMarks: true }, { readWorkbook: () => readOpenWorkbook(doc), prepare, save: () => undefined });
    expect(sent.keptMarks).toBe(true);
    expect(sent.marksRemoved).toBe(0);
  });

  test("not ready: refused with the number of errors, nothing offered", async () => {
    // The cover's reporting unit left empty: an error.
    const excel = await checkedInExcel({ ...FULL_COVER, unit: "" });
    const { doc } = fakeDocument(new Uint8Array(await saveXlsx(excel)));
    let offered = 0;
    const err = await sendToProvince(nationalCatalogue, "en", { keepMarks: false }, { readWorkbook: () => readOpenWorkbook(doc), prepare, save: () => offered++ }).catch((e: { text?: { vi: string; en: string } }) => e);
    if (!(err as { text?: unknown }).text) throw err;
    expect((err as { text: { vi: string } }).text.vi).toMatch(/chưa sẵn sàng gửi: còn [1-9]\d* lỗi/);
    expect(offered).toBe(0);
  });

  test("what a copy cannot carry is named (a workbook with a chart)", () => {
    const names = "PK\u0003\u0004....xl/charts/chart1.xml....xl/worksheets/sheet1.xml";
    expect(lostParts(new TextEncoder().encode(names))).toEqual(["charts"]);
    expect(lostParts(new TextEncoder().encode("PK xl/worksheets/sheet1.xml"))).toEqual([]);
  });
});

describe("offering the copy as a download", () => {
  const bytes = new Uint8Array([80, 75, 3, 4]);

  function host(withMs: boolean) {
    const log: string[] = [];
    const anchor = { href: "", download: "", rel: "", style: { display: "" }, click: () => log.push(`click ${anchor.download} ${anchor.href}`) };
    const h = {
      document: { createElement: () => anchor, body: { appendChild: () => log.push("append"), removeChild: () => log.push("remove") } },
      navigator: withMs ? { msSaveOrOpenBlob: (b: Blob, name: string) => log.push(`ms ${name} ${b.size} ${b.type}`) } : {},
      URL: { createObjectURL: () => "blob:1", revokeObjectURL: (u: string) => log.push(`revoke ${u}`) },
      setTimeout: (f: () => void) => f(),
    };
    return { h, log };
  }

  test("a link with the file's name, clicked, then taken away", () => {
    const { h, log } = host(false);
    saveFile(bytes, "NQ24_Lai_Châu_2023-05-15.xlsx", h as never);
    expect(log).toEqual(["append", "click NQ24_Lai_Châu_2023-05-15.xlsx blob:1", "remove", "revoke blob:1"]);
  });

  test("IE11's webview: msSaveOrOpenBlob with the name and an .xlsx type", () => {
    const { h, log } = host(true);
    saveFile(bytes, "NQ24_x.xlsx", h as never);
    expect(log).toEqual(["ms NQ24_x.xlsx 4 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]);
  });
});
