/**
 * The Lai Châu report's own text against the Lai Châu sample workbook: no false mismatch,
 * the figures a reader says cite an indicator are attached to it, look-alikes never firmly,
 * and every mismatch planted by editing a copy of the text is found where it was planted.
 */
import { HIGH } from "../src/engine/report";
import { describeFinding } from "../src/engine/rules";
import { againstSample, figureOf, plant, readFixture, readHandList, sameMeasure as links, yearAsListed } from "./helpers/report";

const seedText = readFixture("laichau-2023-bao-cao.txt");
const handList = readHandList("cited-figures.json");
const run = againstSample;
const seed = run(seedText);

test("paragraphs are counted as a reader counts them, and the appended tables are not read as prose", () => {
  expect(seed.appendixFrom).toBe(116);
  expect(seed.paragraphs).toBe(115);
  // Paragraph 47 is the forest paragraph; 70 the forest resources one.
  expect(seed.figures.filter((f) => f.paragraph === 47).map((f) => f.figure)).toEqual(["125,49 ha", "355,57", "1.172,26 ha", "1.522,16 ha", "2.694,42 ha", "21,3%", "27,5 %"]);
  expect(seed.figures.some((f) => f.paragraph >= 116)).toBe(false);
});

test("the seed's own text gives no mismatch against the Lai Châu sample", () => {
  expect(seed.counts.mismatch).toBe(0);
  expect(seed.findings.filter((f) => f.code === "NQ24-W101" || f.code === "NQ24-W102")).toEqual([]);
  // …while it does agree, firmly, on the forest, cover, waste, water, survey and certificate figures.
  expect(seed.counts.agrees).toBeGreaterThanOrEqual(15);
});

test("at least 80 % of the hand-listed citations are attached to their indicator (or one linked to it)", () => {
  const misses: string[] = [];
  let hit = 0;
  for (const c of handList.cites) {
    const f = figureOf(seed, c.paragraph, c.figure, c.occurrence);
    expect([c.paragraph, c.figure, !!f]).toEqual([c.paragraph, c.figure, true]);
    const ok = !!f?.attachment && links(c.indicator).indexOf(f.attachment.indicatorId) >= 0;
    if (ok) hit++;
    else misses.push(`${c.paragraph} ${c.figure} → ${f?.attachment?.indicatorId ?? "none"}`);
  }
  const rate = hit / handList.cites.length;
  expect(handList.cites.length).toBeGreaterThanOrEqual(20);
  // The misses are named when the rate falls short.
  expect(rate >= 0.8 ? [] : misses).toEqual([]);
  console.log(`report attachment on the hand list: ${hit}/${handList.cites.length} (${Math.round(rate * 100)} %)${misses.length ? "; missed: " + misses.join("; ") : ""}`);
});

test("no hand-listed figure is attached firmly to a wrong indicator, and the stated years are read", () => {
  for (const c of handList.cites) {
    const f = figureOf(seed, c.paragraph, c.figure, c.occurrence)!;
    if (f.attachment && f.attachment.confidence >= HIGH) expect([c.paragraph, c.figure, links(c.indicator)]).toEqual([c.paragraph, c.figure, expect.arrayContaining([f.attachment.indicatorId])]);
    expect([c.paragraph, c.figure, yearAsListed(f)]).toEqual([c.paragraph, c.figure, c.year]);
  }
});

test("look-alikes that measure something else are never attached firmly to the indicator they resemble", () => {
  for (const m of handList.nearMisses) {
    const f = figureOf(seed, m.paragraph, m.figure, m.occurrence);
    expect([m.paragraph, m.figure, !!f]).toEqual([m.paragraph, m.figure, true]);
    const firm = f?.attachment && f.attachment.confidence >= HIGH ? f.attachment.indicatorId : undefined;
    expect([m.paragraph, m.figure, firm !== undefined && links(m.looksLike).indexOf(firm) >= 0]).toEqual([m.paragraph, m.figure, false]);
  }
});

test("the forest area counted for cover (2.644,1 ha against 2.694,42 ha) is listed for review, not reported", () => {
  const f = figureOf(seed, 70, "2.644,1 ha")!;
  expect(f.outcome).toBe("review");
  expect(f.attachment?.indicatorId).toBe("PL2-047");
  expect(f.appendix).toMatchObject({ sheet: "Phụ lục 2", value: "2.694,42 ha", agreement: "differs" });
  // The user is told why it is only listed.
  expect(f.doubts?.map((d) => d.vi).join(" ")).toMatch(/“có”.*“tính”/);
  expect(seed.findings.some((x) => x.paragraph === 70)).toBe(false);
});

const PLANTED: { paragraph: number; from: string; to: string; indicator: string; code: string; appendix: string }[] = [
  { paragraph: 47, from: "1.522,16 ha", to: "1.252,16 ha", indicator: "PL2-047", code: "NQ24-W101", appendix: "1.522,16 ha" },
  { paragraph: 47, from: "2.694,42 ha", to: "2.649,42 ha", indicator: "PL2-047", code: "NQ24-W101", appendix: "2.694,42 ha" },
  { paragraph: 47, from: "21,3%", to: "23,1%", indicator: "PL1-30", code: "NQ24-W101", appendix: "21,3" },
  { paragraph: 70, from: "đạt 27,5 %", to: "đạt 29,5 %", indicator: "PL1-30", code: "NQ24-W101", appendix: "27,5" },
  { paragraph: 66, from: "96,61%", to: "69,61%", indicator: "PL2-041", code: "NQ24-W101", appendix: "96,61" },
  { paragraph: 21, from: "78,95%", to: "87,95%", indicator: "PL2-040", code: "NQ24-W101", appendix: "78,95" },
  { paragraph: 72, from: "100% chất thải y tế", to: "90% chất thải y tế", indicator: "PL1-17", code: "NQ24-W101", appendix: "100" },
  { paragraph: 74, from: "100% dân số thành thị", to: "95% dân số thành thị", indicator: "PL1-19", code: "NQ24-W101", appendix: "100" },
  { paragraph: 46, from: "6,36 m2/người", to: "8,36 m2/người", indicator: "PL1-23", code: "NQ24-W101", appendix: "6,36" },
  { paragraph: 47, from: "tăng 1.172,26 ha", to: "tăng 1.217,26 ha", indicator: "PL2-047", code: "NQ24-W102", appendix: "1.172,26 ha" },
];

test.each(PLANTED.map((p, i) => [i + 1, p] as const))("planted mismatch %i is found at its paragraph and indicator, and nothing else is", (_i, p) => {
  const r = run(plant(seedText, p.paragraph, p.from, p.to));
  expect(r.findings.map((f) => [f.code, f.paragraph])).toEqual([[p.code, p.paragraph]]);
  const f = r.findings[0];
  expect(links(p.indicator)).toContain(f.indicatorId);
  // The finding quotes both places, in both languages.
  const figure = p.to.replace(/^tăng /, "").split(" chất")[0].split(" dân")[0].replace(/^đạt /, "");
  expect(describeFinding(f, "vi").message).toContain(`Báo cáo, đoạn ${p.paragraph}: ${figure}`);
  expect(describeFinding(f, "en").message).toContain(`Report, paragraph ${p.paragraph}: ${figure}`);
  expect(describeFinding(f, "vi").message).toMatch(new RegExp(`Phụ lục [12], dòng ${f.row! + 1}: `));
  expect(describeFinding(f, "vi").message).toContain(p.appendix);
  expect(describeFinding(f, "vi").fix).toBeTruthy();
  expect(describeFinding(f, "en").fix).toBeTruthy();
});

test("all ten planted in one copy are all found, each once", () => {
  let text = seedText;
  for (const p of PLANTED) text = plant(text, p.paragraph, p.from, p.to);
  const r = run(text);
  const found = r.findings.filter((f) => f.code !== "NQ24-I103");
  expect(found).toHaveLength(PLANTED.length);
  for (const p of PLANTED) {
    expect(found.some((f) => f.paragraph === p.paragraph && f.code === p.code && links(p.indicator).indexOf(f.indicatorId ?? "") >= 0)).toBe(true);
  }
});

test("a mismatch finding says where: the appendix cell for the pane, the paragraph for the reader", () => {
  const r = run(plant(seedText, 47, "1.522,16 ha", "1.252,16 ha"));
  const f = r.findings[0];
  expect(f).toMatchObject({ code: "NQ24-W101", severity: "warning", sheet: "Phụ lục 2", paragraph: 47, indicatorId: "PL2-047" });
  expect(f.cell).toBe(`D${f.row! + 1}`);
  expect(f.params).toMatchObject({ paragraph: 47, figure: "1.252,16 ha", value: "1.522,16 ha", sheet: "Phụ lục 2", year: { vi: "năm 2013", en: "2013" } });
  expect(describeFinding(f, "vi").message).toContain(`Báo cáo, đoạn 47: 1.252,16 ha — Phụ lục 2, dòng ${f.row! + 1}: 1.522,16 ha (“Diện tích và độ che phủ rừng”, năm 2013). Câu văn: “`);
  expect(describeFinding(f, "en").message).toContain(`Report, paragraph 47: 1.252,16 ha — Phụ lục 2, row ${f.row! + 1}: 1.522,16 ha (“Diện tích và độ che phủ rừng”, 2013).`);
});

test("the same text in decomposed Unicode, with Windows line ends, reads the same", () => {
  const nfd = seedText.normalize("NFD").replace(/\n/g, "\r\n");
  const r = run(nfd);
  expect(r.counts).toEqual(seed.counts);
  expect(r.figures.map((f) => [f.paragraph, f.outcome, f.attachment?.indicatorId])).toEqual(seed.figures.map((f) => [f.paragraph, f.outcome, f.attachment?.indicatorId]));
});
