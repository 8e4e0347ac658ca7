/**
 * Hard workbook files, generated rather than kept in git: what real writers produce that
 * trips readers (inline and rich strings, namespace-prefixed parts, absolute part paths,
 * broken optional parts, 1904 dates written either way) and what hostile files do (a far
 * sparse cell, a whole-sheet data validation, thousands of merges, a zip whose directory
 * lies about its sizes, very many rows). The parts are written as XML by hand and zipped
 * with fflate, so even the 300,000-row workbook takes a second or two to make.
 * Used by the tests (test/reader.hard.test.ts), the bench and scripts/public-suites.js.
 */
"use strict";
const { zipSync, strToU8 } = require("fflate");

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";

function colName(c) {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
const ref = (r, c) => colName(c) + (r + 1);
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A cell: a number, a string (inline), or { s: shared index } / { raw: "<c …>" }. */
function cellXml(r, c, v, p = "") {
  if (v && typeof v === "object" && v.raw) return v.raw;
  if (typeof v === "number") return `<${p}c r="${ref(r, c)}"><${p}v>${v}</${p}v></${p}c>`;
  if (typeof v === "boolean") return `<${p}c r="${ref(r, c)}" t="b"><${p}v>${v ? 1 : 0}</${p}v></${p}c>`;
  return `<${p}c r="${ref(r, c)}" t="inlineStr"><${p}is><${p}t>${esc(v)}</${p}t></${p}is></${p}c>`;
}

/** Sheet XML from rows of values (sparse: { r, cells: [[c, v], …] }) and extra elements. */
function sheetXml({ rows = [], merges = [], extra = "", before = "", prefix = "", hiddenRows = [], cols = "" }) {
  const p = prefix ? prefix + ":" : "";
  const xmlns = prefix ? `xmlns:${prefix}="${NS}"` : `xmlns="${NS}"`;
  const parts = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${xmlns} xmlns:r="${REL}">${before}${cols}<${p}sheetData>`];
  for (const row of rows) {
    const hidden = hiddenRows.includes(row.r) ? ' hidden="1"' : "";
    parts.push(`<${p}row r="${row.r + 1}"${hidden}>`);
    for (const [c, v] of row.cells) parts.push(cellXml(row.r, c, v, p));
    parts.push(`</${p}row>`);
  }
  parts.push(`</${p}sheetData>`);
  if (merges.length) parts.push(`<${p}mergeCells count="${merges.length}">${merges.map((m) => `<${p}mergeCell ref="${m}"/>`).join("")}</${p}mergeCells>`);
  parts.push(extra, `</${p}worksheet>`);
  return parts.join("");
}

/**
 * A whole package. `sheets`: [{ name, xml, state }]; `styles`: styles.xml text or null;
 * `shared`: sharedStrings.xml or null; options for the odd writers' ways.
 */
function xlsxPackage({ sheets, styles = null, shared = null, date1904 = null, absolute = false, prefix = "", workbookPath = "xl/workbook.xml", extraParts = {}, docProps = true, level = 6 }) {
  const p = prefix ? prefix + ":" : "";
  const xmlns = prefix ? `xmlns:${prefix}="${NS}"` : `xmlns="${NS}"`;
  const folder = workbookPath.slice(0, workbookPath.lastIndexOf("/") + 1);
  const wbName = workbookPath.slice(folder.length);
  const target = (rel) => (absolute ? "/" + folder + rel : rel);
  const files = {};
  const ct = [`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`,
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`,
    `<Override PartName="/${workbookPath}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`];
  sheets.forEach((_s, i) => ct.push(`<Override PartName="/${folder}worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`));
  ct.push("</Types>");
  files["[Content_Types].xml"] = ct.join("");
  files["_rels/.rels"] = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="${absolute ? "/" : ""}${workbookPath}"/>${docProps ? `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` : ""}</Relationships>`;
  if (docProps) files["docProps/core.xml"] = `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>`;
  const rels = [`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">`];
  sheets.forEach((_s, i) => rels.push(`<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${target(`worksheets/sheet${i + 1}.xml`)}"/>`));
  if (styles) rels.push(`<Relationship Id="rIdS" Type="${REL}/styles" Target="${target("styles.xml")}"/>`);
  if (shared) rels.push(`<Relationship Id="rIdT" Type="${REL}/sharedStrings" Target="${target("sharedStrings.xml")}"/>`);
  rels.push("</Relationships>");
  files[`${folder}_rels/${wbName}.rels`] = rels.join("");
  const pr = date1904 === null ? "" : `<${p}workbookPr date1904="${date1904}"/>`;
  files[workbookPath] = `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${xmlns} xmlns:r="${REL}">${pr}<${p}sheets>${sheets
    .map((s, i) => `<${p}sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`)
    .join("")}</${p}sheets></${p}workbook>`;
  sheets.forEach((s, i) => (files[`${folder}worksheets/sheet${i + 1}.xml`] = s.xml));
  if (styles) files[`${folder}styles.xml`] = styles;
  if (shared) files[`${folder}sharedStrings.xml`] = shared;
  Object.assign(files, extraParts);
  const u8 = {};
  for (const [k, v] of Object.entries(files)) u8[k] = typeof v === "string" ? strToU8(v) : v;
  return Buffer.from(zipSync(u8, { level }));
}

/** styles.xml with custom number formats: returns the xml and the style index of each code. */
function stylesXml(codes, prefix = "") {
  const p = prefix ? prefix + ":" : "";
  const xmlns = prefix ? `xmlns:${prefix}="${NS}"` : `xmlns="${NS}"`;
  const fmts = codes.map((c, i) => `<${p}numFmt numFmtId="${164 + i}" formatCode="${esc(c)}"/>`).join("");
  const xfs = [`<${p}xf numFmtId="0"/>`].concat(codes.map((_c, i) => `<${p}xf numFmtId="${164 + i}" applyNumberFormat="1"/>`)).join("");
  return `<?xml version="1.0"?><${p}styleSheet ${xmlns}><${p}numFmts count="${codes.length}">${fmts}</${p}numFmts><${p}cellStyleXfs count="1"><${p}xf numFmtId="0"/></${p}cellStyleXfs><${p}cellXfs count="${codes.length + 1}">${xfs}</${p}cellXfs></${p}styleSheet>`;
}

const simpleRows = (values) => values.map((row, r) => ({ r, cells: row.map((v, c) => [c, v]) }));

/** Each hard file by name: bytes and what a reader should see (tests assert it). */
const hard = {
  /** Inline strings (plain and rich), as openpyxl's write-only mode and many exporters write. */
  inlineStrings() {
    const rich = { raw: `<c r="A2" t="inlineStr"><is><r><t>Không </t></r><r><rPr><b/></rPr><t xml:space="preserve">có</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></is></c>` };
    return xlsxPackage({ sheets: [{ name: "Dữ liệu", xml: sheetXml({ rows: [{ r: 0, cells: [[0, "Diện tích rừng"], [1, 27.5]] }, { r: 1, cells: [[0, rich]] }] }) }] });
  },
  /** Every SpreadsheetML part with an "x:" prefix (the .NET Open XML SDK) and "ns0:" (Python's ElementTree). */
  prefixed(prefix = "x") {
    return xlsxPackage({ prefix, styles: stylesXml(["0.0%"], prefix), sheets: [{ name: "Sheet1", xml: sheetXml({ prefix, rows: [{ r: 0, cells: [[0, "Tỷ lệ"], [1, { raw: `<${prefix}:c r="B1" s="1"><${prefix}:v>0.275</${prefix}:v></${prefix}:c>` }]] }] }) }] });
  },
  /** Part paths written absolute ("/xl/worksheets/sheet1.xml"), a workbook not named workbook.xml, no docProps at all. */
  absolutePaths() {
    return xlsxPackage({ absolute: true, workbookPath: "xl/book.xml", docProps: false, sheets: [{ name: "A", xml: sheetXml({ rows: simpleRows([["giá trị", 42]]) }) }] });
  },
  /**
   * Optional parts that are broken or odd: a drawing with a duplicate attribute, a table with
   * filterButton, a conditional format with an icon filter, comments that are not XML, a
   * whole-sheet data validation.
   */
  brokenOptional() {
    const extra =
      `<conditionalFormatting sqref="A1:A10"><cfRule type="iconSet" priority="1"><iconSet iconSet="3Arrows"><cfvo type="percent" val="0"/></iconSet></cfRule></conditionalFormatting>` +
      `<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A1:XFD1048576"><formula1>"Có,Không"</formula1></dataValidation></dataValidations>` +
      `<drawing r:id="rIdD"/><tableParts count="1"><tablePart r:id="rIdT"/></tableParts>`;
    return xlsxPackage({
      sheets: [{ name: "S", xml: sheetXml({ rows: simpleRows([["Chỉ tiêu", "2022"], ["Che phủ rừng", 51.2]]), extra }) }],
      extraParts: {
        "xl/worksheets/_rels/sheet1.xml.rels": `<?xml version="1.0"?><Relationships xmlns="${PKG}"><Relationship Id="rIdD" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/><Relationship Id="rIdT" Type="${REL}/table" Target="../tables/table1.xml"/><Relationship Id="rIdC" Type="${REL}/comments" Target="../comments1.xml"/></Relationships>`,
        "xl/drawings/drawing1.xml": `<?xml version="1.0"?><xdr:wsDr xmlns:xdr="x" id="1" id="2"><broken`,
        "xl/tables/table1.xml": `<?xml version="1.0"?><table xmlns="${NS}" id="1" name="T" ref="A1:B2"><autoFilter ref="A1:B2"><filterColumn colId="0"><iconFilter iconSet="3Arrows"/></filterColumn></autoFilter><tableColumns count="2"><tableColumn id="1" name="Chỉ tiêu" filterButton="0"/><tableColumn id="2" name="2022"/></tableColumns></table>`,
        "xl/comments1.xml": "this is not xml at all <<<",
        "docProps/app.xml": "<<< broken",
      },
    });
  },
  /** A value at A1 and one at XFD1048576: the used range is the whole sheet. */
  farSparse() {
    return xlsxPackage({ sheets: [{ name: "Xa", xml: sheetXml({ rows: [{ r: 0, cells: [[0, "đầu"]] }, { r: 1048575, cells: [[16383, "cuối"]] }] }) }] });
  },
  /** Many merged areas (each two cells wide). */
  manyMerges(count = 50000) {
    const merges = [];
    for (let i = 0; i < count; i++) merges.push(`${ref(i, 0)}:${ref(i, 1)}`);
    return xlsxPackage({ sheets: [{ name: "Gộp", xml: sheetXml({ rows: simpleRows([["gộp"]]), merges }) }] });
  },
  /** Merged areas each covering whole columns: a million rows apiece. */
  wholeColumnMerges(count = 50) {
    const merges = [];
    for (let i = 0; i < count; i++) merges.push(`${colName(2 * i)}1:${colName(2 * i + 1)}1048576`);
    return xlsxPackage({ sheets: [{ name: "Cột", xml: sheetXml({ rows: simpleRows([["x"]]), merges }) }] });
  },
  /** A date typed as 2 February 2023 in a workbook of the 1904 date system, flag written "1" (Excel) or "true" (LibreOffice). */
  date1904(flag = "true") {
    // 2 February 2023 is 44959 in the 1900 system, 43497 in the 1904 system.
    const rows = [{ r: 0, cells: [[0, "ngày"], [1, { raw: `<c r="B1" s="1"><v>43497</v></c>` }]] }];
    return xlsxPackage({ date1904: flag, styles: stylesXml(["dd/mm/yyyy"]), sheets: [{ name: "Ngày", xml: sheetXml({ rows }) }] });
  },
  /** Rows without r attributes and cells without references, shared strings with escapes. */
  noReferences() {
    const shared = `<?xml version="1.0"?><sst xmlns="${NS}" count="2"><si><t>dòng_x000D_một</t></si><si><r><t>phần </t></r><r><t>hai</t></r></si></sst>`;
    const xml = `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData><row><c t="s"><v>0</v></c><c><v>7</v></c></row><row><c/><c t="s"><v>1</v></c></row></sheetData></worksheet>`;
    return xlsxPackage({ shared, sheets: [{ name: "S", xml }] });
  },
  /** `rows` rows of `cols` columns: text in the first column, numbers after. */
  manyRows(rows = 300000, cols = 8) {
    const out = [`<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${NS}"><sheetData>`];
    for (let r = 0; r < rows; r++) {
      let row = `<row r="${r + 1}"><c r="A${r + 1}" t="inlineStr"><is><t>Chỉ tiêu ${r + 1}</t></is></c>`;
      for (let c = 1; c < cols; c++) row += `<c r="${colName(c)}${r + 1}"><v>${(r * 7 + c * 13) % 1000}.5</v></c>`;
      out.push(row + "</row>");
    }
    out.push("</sheetData></worksheet>");
    // zlib deflates the big part (natively, several times faster than in JavaScript).
    const xml = Buffer.from(out.join(""), "utf8");
    const base = xlsxPackage({ sheets: [{ name: "Lớn", xml: sheetXml({ rows: [] }) }] });
    return replaceEntry(base, "xl/worksheets/sheet1.xml", require("zlib").deflateRawSync(xml, { level: 1 }), xml.length);
  },
  /**
   * A zip whose directory says its sheet inflates to 100 KB while it inflates to `gib` GiB:
   * one 16 MB run of zeros, deflated once and repeated (deflate blocks chain), so making a
   * 4 GiB bomb takes a fraction of a second and about 4 MB.
   */
  lyingZip(gib = 4) {
    // A sync flush ends the run byte-aligned and not final, so copies of it chain.
    const unit = require("zlib").deflateRawSync(Buffer.alloc(16 * 1024 * 1024), { level: 9, finishFlush: require("zlib").constants.Z_SYNC_FLUSH });
    const copies = Math.round((gib * 1024) / 16);
    const data = Buffer.concat([...Array(copies).fill(unit), Buffer.from([0x03, 0x00])]);
    const base = xlsxPackage({ sheets: [{ name: "Bom", xml: sheetXml({ rows: simpleRows([["x"]]) }) }] });
    return replaceEntry(base, "xl/worksheets/sheet1.xml", data, 100 * 1024);
  },
};

/** Rebuilds a stored zip with one entry's data replaced by raw deflate bytes and a declared size of our choosing. */
function replaceEntry(zipBytes, name, deflated, declared) {
  const { unzipSync } = require("fflate");
  const entries = unzipSync(new Uint8Array(zipBytes));
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [n, content] of Object.entries(entries)) {
    const nameBuf = Buffer.from(n, "utf8");
    const isTarget = n === name;
    const data = isTarget ? deflated : Buffer.from(require("fflate").deflateSync(content));
    const size = isTarget ? declared : content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(entries).length, 8);
  eocd.writeUInt16LE(Object.keys(entries).length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

module.exports = { hard, xlsxPackage, sheetXml, stylesXml, colName, ref };
