/**
 * A report in other words than the seed's — the same Lai Châu figures as another district
 * would write them (elided subjects, "ước tính", "giảm từ … xuống …", "x/y" counts, money in
 * tỷ and triệu) — against the sample: attached, no false mismatch, look-alikes never firm,
 * planted mismatches found.
 */
import { HIGH } from "../src/engine/report";
import { againstSample, figureOf, plant, readFixture, readHandList, sameMeasure, yearAsListed } from "./helpers/report";

const text = readFixture("other-wording.txt");
const list = readHandList("other-wording.json");
const r = againstSample(text);

test("no mismatch, and at least 80 % of the listed citations attached to their indicator", () => {
  expect(r.counts.mismatch).toBe(0);
  expect(r.findings).toEqual([]);
  const missed = list.cites.filter((c) => {
    const f = figureOf(r, c.paragraph, c.figure, c.occurrence);
    return !f?.attachment || sameMeasure(c.indicator).indexOf(f.attachment.indicatorId) < 0;
  });
  expect(missed.length / list.cites.length).toBeLessThanOrEqual(0.2);
  console.log(`other wording: ${list.cites.length - missed.length}/${list.cites.length} attached`);
});

test("every listed citation is found with its year, and none is attached firmly elsewhere", () => {
  for (const c of list.cites) {
    const f = figureOf(r, c.paragraph, c.figure, c.occurrence);
    expect([c.paragraph, c.figure, f ? yearAsListed(f) : "not found"]).toEqual([c.paragraph, c.figure, c.year]);
    if (f?.attachment && f.attachment.confidence >= HIGH) expect([c.figure, sameMeasure(c.indicator)]).toEqual([c.figure, expect.arrayContaining([f.attachment.indicatorId])]);
  }
});

test("look-alikes are not attached firmly", () => {
  for (const m of list.nearMisses) {
    const f = figureOf(r, m.paragraph, m.figure, m.occurrence);
    expect([m.figure, !!f]).toEqual([m.figure, true]);
    const firm = f?.attachment && f.attachment.confidence >= HIGH ? f.attachment.indicatorId : "";
    expect([m.figure, sameMeasure(m.looksLike).indexOf(firm) >= 0]).toEqual([m.figure, false]);
  }
});

test.each((list.planted ?? []).map((p) => [p.to, p] as const))("planted “%s” is found at its paragraph and indicator", (_to, p) => {
  const out = againstSample(plant(text, p.paragraph, p.from, p.to));
  expect(out.findings.map((f) => [f.code, f.paragraph])).toEqual([["NQ24-W101", p.paragraph]]);
  expect(sameMeasure(p.indicator)).toContain(out.findings[0].indicatorId);
});
