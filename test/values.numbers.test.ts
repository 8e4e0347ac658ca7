/**
 * The number scanner is driven by its table of conventions: what a separator may be is data.
 * Today's table (vi-VN dot thousands and decimal comma, then en-US) and a table with space
 * grouping added, as a province writing "1 234,5" would need.
 */
import { NUMBER_CONVENTIONS, numberSyntax, scanNumber, type NumberConvention } from "../src/engine/values/numbers";

const read = (s: string, conventions?: NumberConvention[]) => {
  const n = conventions ? scanNumber(s, 0, s.length, true, numberSyntax(conventions)) : scanNumber(s, 0, s.length, true);
  return n ? { mant: n.mant, alt: n.alt, end: n.end } : null;
};

describe("the default conventions", () => {
  test.each([
    ["1.234,5", "1234.5", undefined],
    ["1,234.5", "1234.5", undefined],
    ["1.234", "1234", "1.234"],
    ["1,234", "1.234", "1234"],
    ["0.234", "0.234", undefined],
    ["27.5", "27.5", undefined],
    [",5", "0.5", undefined],
    ["1.234.567", "1234567", undefined],
    ["12,345,678", "12345678", undefined],
    ["-1.234,5", "-1234.5", undefined],
  ])("%s reads as %s (other reading %s)", (s, mant, alt) => {
    expect(read(s)).toEqual({ mant, alt, end: s.length });
  });

  test.each(["1,2.3", "1.23,4", "1,23,456", ".234.567"])("%s fits no convention", (s) => {
    expect(read(s)).toBeNull();
  });

  test.each([
    ["1 234", "1234", 5],
    ["1 234 567", "1234567", 9],
    ["1 234 567,5", "1234567.5", 11],
    ["12 345.75", "12345.75", 9],
  ])("a space groups thousands (Word's and Vietnamese typesetting): %s reads as %s", (s, mant, end) => {
    expect(NUMBER_CONVENTIONS.every((c) => c.groups.indexOf(" ") >= 0)).toBe(true);
    expect(read(s)).toEqual({ mant, alt: undefined, end });
  });

  test.each([
    // Not followed by a full group of three: two numbers.
    ["2 3", "2", 1],
    ["1 23", "1", 1],
    ["2013 2022", "2013", 4],
    // A space no convention can read with the rest ends the number there.
    ["0 234", "0", 1],
    ["1,5 234", "1.5", 3],
  ])("a space that cannot group ends the number: %s", (s, mant, end) => {
    expect(read(s)).toEqual({ mant, alt: undefined, end });
  });

  test.each([
    ["- 5", "-5", 3],
    ["-  1.234,5", "-1234.5", 10],
    ["+ 5", "5", 3],
  ])("a sign typed apart from its digits still signs them: %s", (s, mant, end) => {
    expect(read(s)).toEqual({ mant, alt: undefined, end });
  });

  test("a lone sign or a sign before words is no number", () => {
    expect(read("-")).toBeNull();
    expect(read("- ")).toBeNull();
    expect(read("- a")).toBeNull();
  });
});

describe("a grouping character added as data", () => {
  // An apostrophe, as Swiss-style exports group: one more entry in the table, nothing else.
  const withQuote: NumberConvention[] = NUMBER_CONVENTIONS.map((c) => ({ ...c, groups: c.groups.concat("'") }));
  test.each([
    ["1'234", "1234", 5],
    ["1'234'567,5", "1234567.5", 11],
  ])("%s reads as %s", (s, mant, end) => {
    expect(read(s, withQuote)).toEqual({ mant, alt: undefined, end });
    expect(read(s)).not.toEqual({ mant, alt: undefined, end });
  });
});

describe("the space in today's table", () => {
  const withSpace = NUMBER_CONVENTIONS;

  test.each([
    ["1 234", "1234", 5],
    ["1 234 567", "1234567", 9],
    ["1 234,5", "1234.5", 7],
    ["12 345.75", "12345.75", 9],
  ])("%s reads as %s", (s, mant, end) => {
    expect(read(s, withSpace)).toEqual({ mant, alt: undefined, end });
  });

  test.each([
    ["2 3", "2", 1],
    ["1 2345", "1", 1],
    ["1 23", "1", 1],
  ])("a space not followed by a group of three ends the number: %s", (s, mant, end) => {
    expect(read(s, withSpace)).toEqual({ mant, alt: undefined, end });
  });

  test("a grouping-only character never opens a number", () => {
    expect(read(" 234", withSpace)).toBeNull();
  });
});
