/**
 * Builds .docx files for tests with JSZip, shaped the way Word writes them: each paragraph
 * a w:p of several runs (Word splits runs at spelling marks, bookmarks and edits), tabs as
 * w:tab, line breaks as w:br, a tracked deletion that must not be read, and field codes
 * whose instructions are not text. Tables are w:tbl rows of cells.
 */
import JSZip from "jszip";

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

const DOC_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr></w:style></w:styles>`;

const CORE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Báo cáo</dc:title></cp:coreProperties>`;

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** One run; spaces kept, as Word marks them. */
function run(text: string, bold = false): string {
  return `<w:r>${bold ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

/**
 * A paragraph the way Word stores it: a leading tab as w:tab, the text cut into runs every
 * few words with a spelling-error mark and a bookmark between them.
 */
export function wordParagraph(text: string, k = 0): string {
  let body = "";
  let rest = text;
  if (rest.charAt(0) === "\t") {
    body += "<w:r><w:tab/></w:r>";
    rest = rest.slice(1);
  }
  const words = rest.split(" ");
  for (let i = 0; i < words.length; i += 4) {
    const piece = words.slice(i, i + 4).join(" ") + (i + 4 < words.length ? " " : "");
    if (i > 0 && i % 8 === 0) body += `<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="${k * 100 + i}" w:name="_b${k}_${i}"/><w:bookmarkEnd w:id="${k * 100 + i}"/>`;
    body += run(piece, k === 0 && i === 0);
  }
  return `<w:p><w:pPr><w:jc w:val="both"/></w:pPr>${body}</w:p>`;
}

export interface DocxExtras {
  /** Paragraph bodies appended verbatim (w:p…, w:tbl…). */
  xml?: string[];
}

/** A .docx whose body is these paragraphs (plus any raw XML), as bytes. */
export async function buildDocx(paragraphs: string[], extras: DocxExtras = {}): Promise<Uint8Array> {
  const body = paragraphs.map((p, i) => wordParagraph(p, i)).join("") + (extras.xml ?? []).join("");
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;
  const zip = new JSZip();
  zip.file("[Content_Types].xml", CONTENT_TYPES);
  zip.file("_rels/.rels", RELS);
  zip.file("word/_rels/document.xml.rels", DOC_RELS);
  zip.file("word/document.xml", doc);
  zip.file("word/styles.xml", STYLES);
  zip.file("docProps/core.xml", CORE);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** Word's XML for a paragraph with a tracked deletion, a tracked insertion, a line break and a field. */
export function trickyParagraph(): string {
  return (
    `<w:p>${run("Tỷ lệ che phủ rừng đạt ")}` +
    `<w:del w:id="1" w:author="A"><w:r><w:delText>25,7</w:delText></w:r></w:del>` +
    `<w:ins w:id="2" w:author="A">${run("27,5")}</w:ins>${run(" % năm 2022")}<w:r><w:br/></w:r>${run("(số liệu trang ")}` +
    `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run("3")}<w:r><w:fldChar w:fldCharType="end"/></w:r>${run(").")}</w:p>`
  );
}

/** A two-column table row by row. */
export function wordTable(rows: string[][]): string {
  const tr = rows.map((r) => `<w:tr>${r.map((c) => `<w:tc><w:p>${run(c)}</w:p></w:tc>`).join("")}</w:tr>`).join("");
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${tr}</w:tbl>`;
}
