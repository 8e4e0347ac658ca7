/** Properties of the value parser over generated input. */
import fc from "fast-check";
import { foldForMatch, formatViNumber, normaliseText, parseCell, parseText } from "../src/engine/values";
import { ambiguityOf, measureOf, type ParsedValue } from "../src/engine/types";

const STATES: ParsedValue["state"][] = ["blank", "noData", "notApplicable", "number", "bound", "range", "countOfTotal", "yesno", "multi", "error", "text"];

/** Pieces people and Excel put in value cells, to build cell-like strings from. */
const PIECES = [
  "0", "01", "1", "12", "123", "1234", "999999999999", "99999999999999999999999", ".", ",", ".", ",", " ", "\u00a0", "\t",
  "%", " %", "ha", " ha", "m2", "m²", "/người", "/", "-", "–", "—", "~", ">", "<", ">=", "≤", "≥", "=",
  "triệu", "tỷ", "tỉ", "đồng", "đ", "VNĐ", "nghìn", "trên ", "dưới ", "tối thiểu ", "không quá ", "từ ", " đến ", " trở lên",
  "Có", "Không", "Không có", "chưa", "Đạt", "x", "KAD", "N/A", "#N/A", "#", ";", "; độ che phủ ", "đạt", "bện viện", "e", "E+", "e-",
  "Kho\u0302ng", "co\u0301", "\u0301", "\u0323", "\u200b", "\ufeff", "…", "\"", "“", "(", ")", ":", "\n", "+", "-0", "NaN", "Infinity",
];
const cellish = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((a) => a.join(""));
const anyText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(..."0123456789.,;/%- "), maxLength: 400 }),
  cellish,
);

function checkShape(r: ParsedValue): void {
  expect(STATES).toContain(r.state);
  expect(typeof r.raw).toBe("string");
  const nums: number[] = [];
  const measure = measureOf(r);
  if (measure) nums.push(measure.value);
  if (r.state === "multi") for (const m of r.measures) nums.push(m.value);
  if (r.state === "bound") nums.push(r.bound.value);
  if (r.state === "range") nums.push(r.range.low, r.range.high);
  if (r.state === "countOfTotal") nums.push(r.count.part, r.count.total);
  const amb = ambiguityOf(r);
  if (amb) nums.push(...amb.readings);
  for (const n of nums) expect(Number.isFinite(n)).toBe(true);
}

describe("parseText", () => {
  test("never throws, and always returns a known state with finite numbers", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        checkShape(parseText(s));
      }),
      { numRuns: 10000 },
    );
  });

  test("huge runs of digits, dots and commas do not throw", () => {
    const long = [
      "9".repeat(5000), "1.".repeat(3000) + "5", "1,".repeat(3000), ".,".repeat(4000), "-".repeat(10000), "1/".repeat(2000),
      // Linear time matters: a cell's text reaches 32,767 characters.
      "1/1 " + "1.".repeat(16000), "1/1 " + "1,".repeat(16000) + "%", "1/1 " + "1% ".repeat(10000), "a ".repeat(16000) + "5",
      "1;".repeat(16000), "trên ".repeat(6000), "1 - ".repeat(8000), "Có ".repeat(10000),
    ];
    const started = Date.now();
    const results = long.map((s) => parseText(s));
    expect(Date.now() - started).toBeLessThan(1000);
    for (const r of results) checkShape(r);
  });

  test("vi-VN numbers written by formatViNumber parse back to the rounded value", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 3 }), (x, d) => {
        const s = formatViNumber(x, d);
        const r = parseText(s);
        expect(r.state).toBe("number");
        const want = Number(x.toFixed(d));
        // The text carries exactly d decimals, so the only error allowed is binary rounding.
        expect(Math.abs((measureOf(r) as { value: number }).value - want)).toBeLessThanOrEqual(Math.abs(want) * 1e-15 + 1e-12);
      }),
      { numRuns: 10000 },
    );
  });

  test("vi-VN numbers with a unit parse back too", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom("ha", "%", "m2", "người"), (i, c, unit) => {
        const x = i + c / 100;
        const r = parseText(formatViNumber(x, 2) + " " + unit);
        expect(r.state).toBe("number");
        expect(measureOf(r)?.unit).toBe(unit);
        expect(measureOf(r)?.value).toBeCloseTo(x, 6);
      }),
    );
  });

  test("NFD and NFC forms of the same text give the same result", () => {
    const viText = fc.array(fc.constantFrom(...PIECES, "ộ", "ế", "ữ", "Đ", "ặ", "ờ", "ủ", "ỹ", "Ấ"), { maxLength: 12 }).map((a) => a.join(""));
    fc.assert(
      fc.property(fc.oneof(viText, fc.string({ unit: "grapheme", maxLength: 20 })), (s) => {
        const nfc = s.normalize("NFC");
        expect(parseText(s.normalize("NFD"))).toEqual(parseText(nfc));
      }),
      { numRuns: 10000 },
    );
  });
});

describe("parseCell", () => {
  test("never throws on any value, value type, number format and text", () => {
    const cell = fc.record(
      {
        value: fc.oneof(fc.constant(null), fc.boolean(), fc.double(), anyText),
        valueType: fc.constantFrom("Empty", "String", "Double", "Boolean", "Error", "Unknown", "Integer"),
        numberFormat: fc.oneof(fc.constantFrom("General", "0%", "0.0%", '0"%"', "d/m", "[$-42A]d-mmm", "@", '#,##0 "ha"', "[h]:mm", "0\\%", '"'), fc.string({ maxLength: 20 })),
        text: anyText,
      },
      { requiredKeys: ["value"] },
    );
    const hint = fc.option(fc.record({ kind: fc.constantFrom("percent", "area", "count", "money", "yesno", "countOfTotal", "countDescription", "text"), unit: fc.oneof(fc.constantFrom("%", "ha", "triệu đồng", "m²/người", ""), fc.string({ maxLength: 8 })) }, { requiredKeys: [] }), { nil: undefined });
    fc.assert(
      fc.property(cell, hint, (c, h) => {
        checkShape(parseCell(c, h));
      }),
      { numRuns: 10000 },
    );
  });
});

describe("text helpers", () => {
  test("normaliseText is idempotent", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const once = normaliseText(s);
        expect(normaliseText(once)).toBe(once);
      }),
      { numRuns: 10000 },
    );
  });

  test("foldForMatch is idempotent and has no diacritics, upper case or double spaces", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const once = foldForMatch(s);
        expect(foldForMatch(once)).toBe(once);
        expect(once).not.toMatch(/[\u0300-\u036fđĐ]|  |^ | $/);
      }),
      { numRuns: 10000 },
    );
  });
});
