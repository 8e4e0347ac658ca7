/**
 * Text measured as a terminal shows it, and tables fitted to a width: Vietnamese in NFC and
 * in NFD (decomposed, as files from a Mac or the web bring it), CJK, emoji, combining marks,
 * invisible characters. Expected widths are counted by hand from what a terminal draws.
 */
import { clusterWidth, displayWidth, fallbackClusters, graphemes, pad, truncate, wrap } from "../src/cli/width";
import { fitWidths, renderTable, type Column } from "../src/cli/table";

const NFC = "Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý";
const NFD = NFC.normalize("NFD");

describe("display width", () => {
  test("Vietnamese is one column per letter, composed or decomposed", () => {
    expect(NFD.length).toBeGreaterThan(NFC.length); // the decomposed form has more code units…
    expect(displayWidth(NFC)).toBe(Array.from(NFC).length); // …NFC: one code point per letter
    expect(displayWidth(NFD)).toBe(displayWidth(NFC)); // …and the same columns
    // "ế" as e + circumflex + acute: one cluster, one column.
    const e = "e\u0302\u0301";
    expect(graphemes(e)).toEqual([e]);
    expect(displayWidth(e)).toBe(1);
    expect(displayWidth("Đ\u0323")).toBe(1);
    expect(displayWidth("\u0301")).toBe(0); // a lone combining mark
  });

  test("without Intl.Segmenter, a letter keeps its marks and an emoji sequence stays whole", () => {
    expect(fallbackClusters("e\u0302\u0301a")).toEqual(["e\u0302\u0301", "a"]);
    expect(fallbackClusters("👨‍👩‍👧x")).toEqual(["👨‍👩‍👧", "x"]);
    expect(fallbackClusters(NFD)).toEqual(graphemes(NFD));
  });

  test("East Asian wide characters take two columns", () => {
    expect(displayWidth("越南")).toBe(4);
    expect(displayWidth("한국어")).toBe(6);
    expect(displayWidth("ｆｕｌｌ")).toBe(8); // fullwidth Latin
    expect(displayWidth("カタカナ")).toBe(8);
    expect(displayWidth("ｶﾀｶﾅ")).toBe(4); // halfwidth katakana
    expect(displayWidth("a越b")).toBe(4);
  });

  test("emoji take two columns, sequences included; text-style symbols one", () => {
    expect(displayWidth("👍")).toBe(2);
    expect(displayWidth("👍🏽")).toBe(2); // skin tone
    expect(displayWidth("👨‍👩‍👧")).toBe(2); // family: one ZWJ sequence
    expect(displayWidth("🇻🇳")).toBe(2); // flag
    expect(displayWidth("❤️")).toBe(2); // heart with emoji presentation
    expect(displayWidth("1️⃣")).toBe(2); // keycap
    expect(displayWidth("©")).toBe(1);
    expect(displayWidth("✔ ✖ … → —")).toBe(9);
  });

  test("invisible characters take none", () => {
    expect(displayWidth("a\u200bb")).toBe(2); // zero-width space
    expect(displayWidth("\ufeffabc")).toBe(3); // byte-order mark
    expect(displayWidth("a\u00adb")).toBe(2); // soft hyphen
    expect(clusterWidth("\u200d")).toBe(0);
  });
});

describe("truncate, pad, wrap", () => {
  test("truncate cuts by columns, ends with …, never splits a letter from its marks", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abc", 4)).toBe("abc");
    const cut = truncate(NFD, 10);
    expect(displayWidth(cut)).toBe(10);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut.normalize("NFC")).toBe("Tỷ lệ chấ…"); // the decomposed "ấ" is kept whole
    expect(truncate("越南越南", 5)).toBe("越南…"); // a wide letter does not fit in the last column
    expect(displayWidth(truncate("越南越南", 5))).toBe(5);
  });

  test("pad fills to the width in columns", () => {
    expect(pad("越", 4)).toBe("越  ");
    expect(pad(NFD.slice(0, 6), 8)).toBe(NFD.slice(0, 6) + " ".repeat(8 - displayWidth(NFD.slice(0, 6))));
    expect(pad("7", 3, "right")).toBe("  7");
  });

  test("wrap breaks at spaces within the width; long words are broken; no-break spaces hold", () => {
    const lines = wrap(NFD, 20);
    expect(lines.every((l) => displayWidth(l) <= 20)).toBe(true);
    expect(lines.join(" ")).toBe(NFD);
    expect(wrap("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
    expect(wrap("xem Phụ\u00a0lục\u00a02!D178 nhé", 16)).toEqual(["xem", "Phụ\u00a0lục\u00a02!D178", "nhé"]);
    expect(wrap("short", Infinity)).toEqual(["short"]);
    // Two spaces between fields stay two on a line; a break drops them.
    expect(wrap("đoạn 70  2.644,1 ha  (khác)", 19)).toEqual(["đoạn 70  2.644,1 ha", "(khác)"]);
  });
});

describe("tables", () => {
  const cols: Column[] = [{ header: "STT", align: "right" }, { header: "Chỉ tiêu", shrink: "truncate", min: 16 }, { header: "Tình trạng" }];
  const rows = [
    ["1", NFD, "Đạt"],
    ["12", "越南 indicator 👍", "Không có mục tiêu"],
  ];

  test("a table wider than the terminal narrows the shrinkable column and keeps every line within the width", () => {
    const text = renderTable(cols, rows, 40);
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(40);
    // The indicator's name is kept, cut with … to what is left (40 − 3 − 17 − 2 × 2 = 16 columns), the status whole.
    expect(lines[2].normalize("NFC")).toBe("  1  Tỷ lệ chất thải…  Đạt");
    expect(lines[3]).toContain("Không có mục tiêu");
    // The columns line up: the status starts at the same column on every row.
    const statusAt = (l: string) => displayWidth(l.slice(0, l.lastIndexOf(l.includes("Đạt") ? "Đạt" : "Không")));
    expect(statusAt(lines[2])).toBe(statusAt(lines[3]));
  });

  test("without a width (output piped) nothing is cut", () => {
    const text = renderTable(cols, rows, Infinity);
    expect(text).toContain(NFD);
    expect(text).not.toContain("…");
  });

  test("a wrap column continues on more lines; other columns stay on the first", () => {
    const text = renderTable([{ header: "Ô" }, { header: "Nội dung", shrink: "wrap", min: 10 }], [["Phụ lục 2!E67", "Chưa nhập số liệu 2022 cho chỉ tiêu này"]], 30);
    const lines = text.trimEnd().split("\n");
    expect(lines[2]).toMatch(/^Phụ lục 2!E67 {2}Chưa nhập/);
    expect(lines[3]).toMatch(/^ {15}\S/);
    expect(lines.slice(2).map((l) => l.slice(15)).join(" ")).toBe("Chưa nhập số liệu 2022 cho chỉ tiêu này");
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(30);
  });

  test("the widest shrinkable column gives way first, none below its minimum, none dropped", () => {
    const c: Column[] = [{ header: "a", shrink: "truncate", min: 5 }, { header: "b", shrink: "truncate", min: 5 }, { header: "c" }];
    expect(fitWidths([30, 10, 6], c, 40)).toEqual([20, 10, 6]);
    expect(fitWidths([30, 20, 6], c, 40)).toEqual([15, 15, 6]);
    expect(fitWidths([30, 20, 6], c, 10)).toEqual([5, 5, 6]); // too narrow: minimums, still three columns
    expect(fitWidths([30, 20, 6], c, Infinity)).toEqual([30, 20, 6]);
  });
});
