/**
 * Fuzzing the value parser inside the test command: 1,000,000 generated strings (digits,
 * separators, units, Vietnamese words, stray unicode, very long text), zero exceptions.
 */
import { parseText } from "../src/engine/values";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fuzz = require("../scripts/fuzz-values.js") as {
  run: (parse: (s: string) => { state: string }, count: number, seed: number) => { strings: number; exceptions: number; seconds: number; examples: unknown[] };
  generate: (i: number) => string;
};

test("the value parser survives 1,000,000 generated strings", () => {
  const r = fuzz.run(parseText, 1_000_000, 0x24a11ce);
  console.log(`fuzzed strings: ${r.strings}, exceptions: ${r.exceptions}, time: ${r.seconds.toFixed(1)} s`);
  expect(r.examples).toEqual([]);
  expect(r.exceptions).toBe(0);
  expect(r.strings).toBe(1_000_000);
});

test("the generator is not trivial: it makes numbers, words and long text", () => {
  const sample = Array.from({ length: 5001 }, (_, i) => fuzz.generate(i));
  expect(sample.some((s) => /\d[.,]\d/.test(s))).toBe(true);
  expect(sample.some((s) => /[ăâđêôơư]/i.test(s))).toBe(true);
  expect(Math.max(...sample.map((s) => s.length))).toBeGreaterThan(1000);
});
