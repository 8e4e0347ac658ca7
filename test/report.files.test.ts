/**
 * Report files as staff send them: a Word document (built here the way Word writes one),
 * plain text in UTF-8 or UTF-16, and everything that is not a report refused in the user's
 * words, naming the file, in both languages — a lying zip included, without inflating it.
 */
import { readFileSync } from "fs";
import { join } from "path";
import JSZip from "jszip";
import { readReportBytes, ReportFileError, REPORT_LIMITS } from "../src/adapters/docx";
import { splitParagraphs } from "../src/engine/report";
import { buildDocx, trickyParagraph, wordTable } from "./helpers/docx";
import { crossCheckReport } from "../src/usecases/report";
import { nationalCatalogue } from "../src/catalogue";
import { sampleCheck } from "./helpers/report";

const seedText = readFileSync(join(__dirname, "fixtures", "report", "laichau-2023-bao-cao.txt"), "utf8");
const enc = (s: string) => new TextEncoder().encode(s);

async function refusal(bytes: Uint8Array, name: string, limits = REPORT_LIMITS): Promise<ReportFileError> {
  try {
    await readReportBytes(bytes, name, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(ReportFileError);
    const err = e as ReportFileError;
    // Named, in both languages, never a library's words.
    expect(err.text("vi").startsWith(`${name}: `)).toBe(true);
    expect(err.text("en").startsWith(`${name}: `)).toBe(true);
    expect(err.vi).not.toEqual(err.en);
    expect(err.vi + err.en).not.toMatch(/JSZip|undefined|TypeError|Cannot|stack/);
    return err;
  }
  throw new Error("not refused");
}

test("a .docx of the report reads to the same paragraphs as its plain-text export", async () => {
  const lines = seedText.split("\n");
  const bytes = await buildDocx(lines);
  const read = await readReportBytes(bytes, "bao-cao.docx");
  expect(read.format).toBe("docx");
  const fromDocx = splitParagraphs(read.text);
  const fromTxt = splitParagraphs(seedText);
  expect(fromDocx.appendixFrom).toBe(fromTxt.appendixFrom);
  expect(fromDocx.paragraphs.map((p) => p.text)).toEqual(fromTxt.paragraphs.map((p) => p.text));
  expect(fromDocx.paragraphs.map((p) => p.tabbed)).toEqual(fromTxt.paragraphs.map((p) => p.tabbed));
});

test("Word's markup: a tracked deletion and a field's code are not text; a line break is a space; table cells are their own lines", async () => {
  const bytes = await buildDocx(["Đoạn một."], { xml: [trickyParagraph(), wordTable([["Chỉ tiêu", "2022"], ["Độ che phủ rừng", "27,5%"]])] });
  const { text } = await readReportBytes(bytes, "r.docx");
  expect(text.split("\n")).toEqual(["Đoạn một.", "Tỷ lệ che phủ rừng đạt 27,5 % năm 2022 (số liệu trang 3).", "\tChỉ tiêu", "\t2022", "\tĐộ che phủ rừng", "\t27,5%"]);
  expect(text).not.toContain("25,7");
  expect(text).not.toContain("PAGE");
});

test("plain text in UTF-8 (with or without its mark) and UTF-16 (either byte order) reads the same", async () => {
  const sample = seedText.slice(0, 3000);
  const le = new Uint8Array(2 + sample.length * 2);
  const be = new Uint8Array(2 + sample.length * 2);
  le.set([0xff, 0xfe]);
  be.set([0xfe, 0xff]);
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    le[2 + 2 * i] = c & 0xff;
    le[3 + 2 * i] = c >> 8;
    be[2 + 2 * i] = c >> 8;
    be[3 + 2 * i] = c & 0xff;
  }
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(sample)]);
  for (const bytes of [enc(sample), bom, le, be]) {
    const r = await readReportBytes(bytes, "bao-cao.txt");
    expect(r).toEqual({ text: sample, format: "txt" });
  }
});

test("an empty file, a PDF, an RTF, an Excel workbook and an OpenDocument text are refused as not a report", async () => {
  expect((await refusal(new Uint8Array(0), "rong.txt")).code).toBe("empty");
  expect((await refusal(enc("   \n\n  "), "trang.txt")).code).toBe("empty");
  const pdf = await refusal(enc("%PDF-1.7\n…"), "bao-cao.pdf");
  expect([pdf.code, pdf.vi, pdf.en]).toEqual(["notReport", expect.stringContaining("PDF"), expect.stringContaining("PDF")]);
  expect((await refusal(enc("{\\rtf1\\ansi …}"), "bao-cao.rtf")).vi).toContain("RTF");
  const xl = new JSZip();
  xl.file("[Content_Types].xml", "<Types/>");
  xl.file("xl/workbook.xml", "<workbook/>");
  const xlsx = await refusal(await xl.generateAsync({ type: "uint8array" }), "phu-luc.docx");
  expect([xlsx.code, xlsx.en]).toEqual(["notReport", expect.stringContaining("Excel workbook")]);
  const od = new JSZip();
  od.file("mimetype", "application/vnd.oasis.opendocument.text");
  od.file("content.xml", "<office:document-content/>");
  expect((await refusal(await od.generateAsync({ type: "uint8array" }), "bao-cao.odt")).vi).toContain(".odt");
});

/** An OLE compound file whose directory names these streams (UTF-16LE), as Word writes them. */
function compoundFile(streams: string[]): Uint8Array {
  const b = new Uint8Array(4096);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  let o = 1024;
  for (const s of streams) {
    for (let i = 0; i < s.length; i++) b[o + 2 * i] = s.charCodeAt(i);
    o += 128;
  }
  return b;
}

test("a password-protected .docx and a Word 97–2003 .doc are refused with what to do", async () => {
  const enc1 = await refusal(compoundFile(["EncryptionInfo", "EncryptedPackage"]), "mat-khau.docx");
  expect([enc1.code, enc1.vi, enc1.en]).toEqual(["encrypted", expect.stringContaining("mật khẩu"), expect.stringContaining("password")]);
  const doc = await refusal(compoundFile(["WordDocument", "1Table"]), "cu.doc");
  expect([doc.code, doc.vi, doc.en]).toEqual(["legacyDoc", expect.stringContaining(".docx"), expect.stringContaining("save it as .docx")]);
});

test("text that is not Unicode is refused rather than read as garbage", async () => {
  // "Diện tích" in Windows-1258 bytes: not valid UTF-8.
  const cp1258 = new Uint8Array([0x44, 0x69, 0xea, 0xd2, 0x6e, 0x20, 0x74, 0xed, 0x63, 0x68]);
  expect((await refusal(cp1258, "tcvn.txt")).code).toBe("encoding");
  expect((await refusal(new Uint8Array([1, 0, 2, 0, 3, 0, 0, 0]), "nhi-phan.bin")).code).toBe("encoding");
});

test("a damaged .docx and one over the size limit are refused", async () => {
  const good = await buildDocx(["Một đoạn."]);
  expect((await refusal(good.slice(0, Math.floor(good.length / 2)), "hong.docx")).code).toBe("corrupt");
  expect((await refusal(good, "lon.docx", { ...REPORT_LIMITS, maxFileBytes: 100 })).code).toBe("tooLarge");
});

/** Sets every size field of the zip's entry `name` (local header and central directory) to `size`. */
function lieAboutSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const b = zip.slice();
  const dv = new DataView(b.buffer);
  const nameBytes = new TextEncoder().encode(name);
  const matchesAt = (o: number) => nameBytes.every((x, i) => b[o + i] === x);
  for (let o = 0; o + 46 < b.length; o++) {
    const sig = dv.getUint32(o, true);
    if (sig === 0x04034b50 && dv.getUint16(o + 26, true) === nameBytes.length && matchesAt(o + 30)) dv.setUint32(o + 22, size, true);
    if (sig === 0x02014b50 && dv.getUint16(o + 28, true) === nameBytes.length && matchesAt(o + 46)) dv.setUint32(o + 24, size, true);
  }
  return b;
}

test("a zip bomb is refused: by its declared size, and when it lies about it, by counting as it inflates", async () => {
  const big = "<w:document>" + " ".repeat(6 * 1024 * 1024) + "</w:document>";
  const zip = new JSZip();
  zip.file("[Content_Types].xml", "<Types/>");
  zip.file("word/document.xml", big);
  const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  expect(bytes.length).toBeLessThan(100 * 1024);
  const limits = { ...REPORT_LIMITS, maxPartBytes: 1024 * 1024 };
  expect((await refusal(bytes, "bom.docx", limits)).code).toBe("zipBomb");
  const liar = lieAboutSize(bytes, "word/document.xml", 2000);
  const used = process.memoryUsage().heapUsed;
  expect((await refusal(liar, "bom-noi-doi.docx", limits)).code).toBe("zipBomb");
  // Stopped near the limit: far less than the 6 MB it would inflate to was held.
  expect(process.memoryUsage().heapUsed - used).toBeLessThan(64 * 1024 * 1024);
});

test("the use case the pane calls: pasted text as it is, a file's bytes by their content", async () => {
  const pasted = await crossCheckReport(seedText, sampleCheck, nationalCatalogue);
  expect(pasted.source).toEqual({ name: "", format: "pasted" });
  expect(pasted.counts.mismatch).toBe(0);
  const picked = await crossCheckReport(await buildDocx(seedText.split("\n")), sampleCheck, nationalCatalogue, { fileName: "bao-cao.docx" });
  expect(picked.source).toEqual({ name: "bao-cao.docx", format: "docx" });
  expect(picked.counts).toEqual(pasted.counts);
  await expect(crossCheckReport(enc("%PDF-1.4"), sampleCheck, nationalCatalogue, { fileName: "x.pdf" })).rejects.toBeInstanceOf(ReportFileError);
});
