/**
 * The catalogue loader (pure) and the Node file/URL source: the national catalogue
 * passes; each kind of malformed catalogue gets its own message at its own JSON path.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { createServer, Server } from "http";
import { AddressInfo } from "net";
import { tmpdir } from "os";
import { join } from "path";
import {
  BOUND_OPS,
  DIRECTIONS,
  MAX_CATALOGUE_BYTES,
  ROW_TYPES,
  VALUE_KINDS,
  APPENDIX_IDS,
  COLUMN_KEYS,
  LEGACY_COLUMN_KEYS,
  NATIONAL_PERIODS,
  nationalCatalogue,
  parseCatalogue,
  validateCatalogue,
} from "../src/catalogue";
import type { AppendixId, BoundOp, CatalogueIssue, CatalogueResult, ColumnRole, Direction, RowType, ValueKind } from "../src/catalogue";
import { readCatalogueSource } from "../src/adapters/node/catalogueSource";

const catalogueFile = join(__dirname, "..", "src", "catalogue", "nq24-catalogue.json");
const schemaFile = join(__dirname, "..", "src", "catalogue", "catalogue.schema.json");
const fixtures = join(__dirname, "fixtures", "catalogues");
const nationalText = readFileSync(catalogueFile, "utf8");

/** A fresh, mutable copy of the national catalogue as plain JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fresh = (): any => JSON.parse(nationalText);

function errorsOf(r: CatalogueResult): CatalogueIssue[] {
  if (r.ok) throw new Error("expected the catalogue to be refused");
  return r.errors;
}

/** The single error at `path`; its messages must both match `re` (vi and en). */
function errorAt(r: CatalogueResult, path: string): CatalogueIssue {
  const errs = errorsOf(r);
  const hits = errs.filter((e) => e.path === path);
  if (hits.length === 0) throw new Error(`no error at ${path}; got ${errs.map((e) => e.path).join(", ")}`);
  return hits[0];
}

/** Index of the first row matching a predicate in the national catalogue. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const rowIndex = (pred: (r: any) => boolean) => fresh().rows.findIndex(pred);
const firstPL1 = rowIndex((r) => r.type === "indicator" && r.appendix === "PL1");
const firstPL2 = rowIndex((r) => r.type === "indicator" && r.appendix === "PL2");
const linkedPL1 = rowIndex((r) => r.type === "indicator" && r.appendix === "PL1" && r.links.length > 0);
const targetPL1 = rowIndex((r) => r.type === "indicator" && r.target !== undefined);

describe("the national catalogue", () => {
  test("passes the loader with no error and no warning", () => {
    const r = parseCatalogue(nationalText, "nq24-catalogue.json");
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.warnings).toEqual([]);
      expect(r.catalogue).toEqual(nationalCatalogue);
    }
  });

  test("a hand-written minimal province catalogue passes too", () => {
    const r = parseCatalogue(readFileSync(join(fixtures, "minimal-valid.json"), "utf8"));
    expect(r.ok ? r.warnings : r.errors).toEqual([]);
  });

  test("a byte-order mark in front is accepted", () => {
    expect(parseCatalogue("\ufeff" + nationalText).ok).toBe(true);
  });
});

describe("schema and types agree", () => {
  // Records over the TS unions: adding a member to a type without listing it here fails to compile.
  const kinds: Record<ValueKind, true> = { percent: true, area: true, count: true, money: true, yesno: true, countOfTotal: true, countDescription: true, text: true };
  const dirs: Record<Direction, true> = { higher: true, lower: true, neutral: true };
  const ops: Record<BoundOp, true> = { "<": true, "<=": true, ">": true, ">=": true, "=": true };
  const types: Record<RowType, true> = { section: true, group: true, subgroup: true, indicator: true };
  const apps: Record<AppendixId, true> = { PL1: true, PL2: true };
  // The roles a catalogue declares; comparison, id and status are found or made by the engine.
  const cols: Record<Exclude<ColumnRole, "comparison" | "id" | "status">, true> = { stt: true, label: true, unit: true, target: true, baseline: true, result: true, note: true };
  const schema = JSON.parse(readFileSync(schemaFile, "utf8"));

  test("enums of the schema, the TypeScript types and the loader are the same sets", () => {
    const same = (a: readonly string[], b: readonly string[]) => expect([...a].sort()).toEqual([...b].sort());
    same(schema.$defs.valueKind.enum, Object.keys(kinds));
    same(VALUE_KINDS, Object.keys(kinds));
    same(schema.$defs.direction.enum, Object.keys(dirs));
    same(DIRECTIONS, Object.keys(dirs));
    same(schema.$defs.boundOp.enum, Object.keys(ops));
    same(BOUND_OPS, Object.keys(ops));
    same([...schema.$defs.headingRow.properties.type.enum, schema.$defs.indicatorRow.properties.type.const], Object.keys(types));
    same(ROW_TYPES, Object.keys(types));
    same(schema.$defs.rowType.enum, Object.keys(types));
    same(schema.$defs.appendixId.enum, Object.keys(apps));
    same(APPENDIX_IDS, Object.keys(apps));
    same(schema.$defs.columnKey.enum, Object.keys(cols).concat(Object.keys(LEGACY_COLUMN_KEYS)));
    same(COLUMN_KEYS, Object.keys(cols));
  });

  test("the schema is versioned, draft 2020-12, closed where it matters", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toMatch(/catalogue-1\.2\.json$/);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.$defs.indicatorRow.unevaluatedProperties).toBe(false);
    expect(schema.$defs.headingRow.unevaluatedProperties).toBe(false);
    expect([...schema.required].sort()).toEqual(["appendices", "id", "rows", "schemaVersion", "source", "title", "version"]);
  });

  // Ajv is not a project dependency; the copy webpack's schema-utils brings is used when present.
  let Ajv2020: (new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: { instancePath: string }[] | null } }) | null = null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Ajv2020 = require("schema-utils/node_modules/ajv/dist/2020").default;
  } catch {
    Ajv2020 = null;
  }
  (Ajv2020 ? test : test.skip)("a JSON Schema validator accepts the national catalogue and rejects a bad kind", () => {
    const validate = new (Ajv2020 as NonNullable<typeof Ajv2020>)({ allErrors: true, strict: true }).compile(schema);
    expect(validate(fresh())).toBe(true);
    expect(validate(JSON.parse(readFileSync(join(fixtures, "minimal-valid.json"), "utf8")))).toBe(true);
    expect(validate(JSON.parse(readFileSync(join(fixtures, "province-2015-2024.json"), "utf8")))).toBe(true);
    const badYear = fresh();
    badYear.periods.result.year = 20222;
    expect(validate(badYear)).toBe(false);
    const bad = fresh();
    bad.rows[firstPL1].kind = "percentage";
    expect(validate(bad)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === `/rows/${firstPL1}/kind`)).toBe(true);
  });
});

describe("periods and format 1.0", () => {
  test("the national catalogue declares 2013 → 2022 with targets for 2020", () => {
    expect(nationalCatalogue.schemaVersion).toBe("1.1");
    expect(nationalCatalogue.periods).toEqual(NATIONAL_PERIODS);
    expect([NATIONAL_PERIODS.baseline.year, NATIONAL_PERIODS.result.year, NATIONAL_PERIODS.target.year]).toEqual([2013, 2022, 2020]);
  });

  test("a 1.0 catalogue without periods and with y2013/y2022 columns loads with the national periods and the roles", () => {
    const text = readFileSync(join(fixtures, "minimal-valid.json"), "utf8");
    expect(JSON.parse(text).schemaVersion).toBe("1.0");
    const r = parseCatalogue(text);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.warnings).toEqual([]);
    expect(r.catalogue.periods).toEqual(NATIONAL_PERIODS);
    expect(r.catalogue.appendices.map((a) => a.columns.map((c) => c.key))).toEqual([
      ["stt", "label", "target", "baseline", "result"],
      ["stt", "label", "baseline", "result"],
    ]);
    // The headers as the province wrote them are kept.
    expect(r.catalogue.appendices[0].columns[3].vi).toBe("2013");
  });

  test("a 1.1 catalogue with its own periods keeps them", () => {
    const r = parseCatalogue(readFileSync(join(fixtures, "province-2015-2024.json"), "utf8"));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.warnings).toEqual([]);
    expect(r.catalogue.periods).toEqual({
      baseline: { year: 2015, from: 2010, to: 2019 },
      result: { year: 2024, from: 2020, to: 2030 },
      target: { year: 2025, from: 2020, to: 2030 },
    });
  });

  test("a year outside its accepted range, a fraction, a missing role, an unknown role", () => {
    const c = fresh();
    c.periods.baseline.year = 2020;
    c.periods.result.to = 2022.5;
    delete c.periods.target;
    c.periods.forecast = { year: 2030, from: 2025, to: 2035 };
    const r = validateCatalogue(c);
    expect(errorAt(r, "periods.baseline").message.en).toBe("Year 2020 must lie within its accepted range 2005–2019.");
    expect(errorAt(r, "periods.baseline").message.vi).toBe("Năm 2020 phải nằm trong khoảng chấp nhận 2005–2019.");
    expect(errorAt(r, "periods.result.to").message.en).toMatch(/a year \(a whole number/);
    expect(errorAt(r, "periods.target").message.en).toMatch(/Required field "target"/);
    expect(errorAt(r, "periods.forecast").message.en).toMatch(/not part of the format/);
  });

  test("the result must come after the baseline, and years stay within 1990–2100", () => {
    const c = fresh();
    c.periods.baseline = { year: 2022, from: 2020, to: 2025 };
    c.periods.result = { year: 2013, from: 2010, to: 2015 };
    expect(errorAt(validateCatalogue(c), "periods.result.year").message.en).toBe("The result year (2013) must come after the baseline year (2022).");
    const d = fresh();
    d.periods.target.to = 20250;
    expect(errorAt(validateCatalogue(d), "periods.target.to").message.en).toBe("Year 20250 is outside 1990–2100.");
    const e = fresh();
    e.periods = [2013, 2022];
    expect(errorAt(validateCatalogue(e), "periods").message.en).toMatch(/an object \{ baseline, result, target \}/);
  });

  test("a column declared twice under its old and new names is refused", () => {
    const c = fresh();
    c.appendices[1].columns.push({ key: "y2022", vi: "2022", en: "2022" });
    expect(errorAt(validateCatalogue(c), "appendices[1].columns[5].key").message.en).toBe('Column "result" appears twice.');
  });
});

describe("refused before parsing", () => {
  test("too big: over the byte limit", () => {
    const e = errorAt(parseCatalogue(" ".repeat(MAX_CATALOGUE_BYTES + 1)), "");
    expect(e.message.vi).toMatch(/quá lớn/);
    expect(e.message.en).toMatch(/too large/);
  });

  test("too big counts UTF-8 bytes, not characters", () => {
    const chars = Math.ceil(MAX_CATALOGUE_BYTES / 3) + 10; // each "ệ" is 3 bytes
    const text = `{"x":"${"ệ".repeat(chars)}"}`;
    expect(text.length).toBeLessThan(MAX_CATALOGUE_BYTES);
    expect(errorAt(parseCatalogue(text), "").message.en).toMatch(/too large/);
  });

  test("empty text", () => {
    const e = errorAt(parseCatalogue(readFileSync(join(fixtures, "empty.json"), "utf8"), "empty.json"), "");
    expect(e.message.en).toMatch(/empty/);
    expect(e.message.vi).toMatch(/rỗng/);
    expect(e.message.vi).toContain("empty.json");
  });
});

describe("JSON syntax errors give the position", () => {
  test("not JSON: a trailing comma, reported by line and column", () => {
    const text = readFileSync(join(fixtures, "not-json.json"), "utf8");
    const e = errorAt(parseCatalogue(text, "not-json.json"), "");
    // Line 4 is `  "rows": [1, 2,]`: the "]" after the trailing comma is column 17.
    expect(text.split("\n")[3].indexOf("]") + 1).toBe(17);
    expect(e.message.vi).toContain("dòng 4, cột 17");
    expect(e.message.en).toContain("line 4, column 17");
    expect(e.message.en).toContain('found "]"');
    expect(e.message.en).toContain("not-json.json");
  });

  test.each([
    ['{"a": 1', 1, 8, /ends unexpectedly/],
    ["{'a': 1}", 1, 2, /property name in double quotes/],
    ['{"a" 1}', 1, 6, /colon/],
    ['{"a": 1} x', 1, 10, /extra content/],
    ['{"a": "b\nc"}', 1, 9, /control character/],
    ['{"a": tru}', 1, 7, /a value/],
    ['{"a": 1,\n "b": [1 2]}', 2, 10, /comma/],
  ])("%j → line %i, column %i", (text, line, column, what) => {
    const e = errorAt(parseCatalogue(text as string), "");
    expect(e.message.en).toContain(`line ${line}, column ${column}`);
    expect(e.message.en).toMatch(what as RegExp);
  });

  test("absurdly deep nesting is refused, not a crash", () => {
    const text = "[".repeat(50000) + "]".repeat(50000);
    const errs = errorsOf(parseCatalogue(text));
    expect(errs[0].message.en).toMatch(/nested deeper than/);
  });
});

describe("forbidden keys", () => {
  test("__proto__ is refused, naming its path, and pollutes nothing", () => {
    const r = parseCatalogue(readFileSync(join(fixtures, "proto-key.json"), "utf8"));
    const e = errorAt(r, "rows[0].__proto__");
    expect(e.message.en).toContain('"__proto__"');
    expect(e.message.vi).toContain('"__proto__"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("constructor and prototype are refused wherever they are", () => {
    const r = parseCatalogue(readFileSync(join(fixtures, "constructor-key.json"), "utf8"));
    expect(errorAt(r, "title.constructor").message.en).toContain('"constructor"');
    const r2 = parseCatalogue('{"rows":[{"x":{"prototype":1}}]}');
    expect(errorAt(r2, "rows[0].x.prototype").message.en).toContain('"prototype"');
  });
});

describe("structure faults, each at its path", () => {
  test("root must be an object", () => {
    const e = errorAt(parseCatalogue(readFileSync(join(fixtures, "array-root.json"), "utf8")), "");
    expect(e.message.en).toMatch(/must be a JSON object.*found an array/);
  });

  test("missing rows", () => {
    const c = fresh();
    delete c.rows;
    const e = errorAt(validateCatalogue(c), "rows");
    expect(e.message.en).toBe('Required field "rows" is missing.');
    expect(e.message.vi).toBe('Thiếu trường bắt buộc "rows".');
  });

  test("empty rows", () => {
    const c = fresh();
    c.rows = [];
    expect(errorAt(validateCatalogue(c), "rows").message.en).toMatch(/no rows/);
  });

  test("too many rows", () => {
    const c = fresh();
    while (c.rows.length <= 2000) c.rows.push(...fresh().rows);
    expect(errorAt(validateCatalogue(c), "rows").message.en).toMatch(/over the limit of 2000/);
  });

  test("duplicate id names both rows", () => {
    const c = fresh();
    c.rows[firstPL1 + 1].id = c.rows[firstPL1].id;
    const e = errorAt(validateCatalogue(c), `rows[${firstPL1 + 1}].id`);
    expect(e.message.en).toContain(`"${c.rows[firstPL1].id}"`);
    expect(e.message.en).toContain(`rows[${firstPL1}]`);
    expect(e.message.vi).toMatch(/bị trùng/);
  });

  test("bad kind names the value and the allowed ones", () => {
    const c = fresh();
    c.rows[firstPL1].kind = "percentage";
    const e = errorAt(validateCatalogue(c), `rows[${firstPL1}].kind`);
    expect(e.message.en).toContain('"percentage"');
    expect(e.message.en).toContain('"countOfTotal"');
    expect(e.message.vi).toMatch(/không hợp lệ/);
  });

  test("bad direction", () => {
    const c = fresh();
    c.rows[firstPL2].direction = "up";
    const e = errorAt(validateCatalogue(c), `rows[${firstPL2}].direction`);
    expect(e.message.en).toMatch(/"up".*"higher", "lower", "neutral"/);
  });

  test("bad row type", () => {
    const c = fresh();
    c.rows[0].type = "chapter";
    const errs = errorsOf(validateCatalogue(c));
    expect(errs.map((e) => e.path)).toEqual(["rows[0].type", ...errs.slice(1).map((e) => e.path)]);
    expect(errs[0].message.en).toContain('"chapter"');
  });

  test("link to an unknown id", () => {
    const c = fresh();
    c.rows[linkedPL1].links = ["PL2-999"];
    const e = errorAt(validateCatalogue(c), `rows[${linkedPL1}].links[0]`);
    expect(e.message.en).toContain('"PL2-999"');
    expect(e.message.en).toMatch(/does not exist/);
  });

  test("link within the same appendix", () => {
    const c = fresh();
    const other = c.rows.find((r: { appendix: string; type: string; id: string }) => r.appendix === "PL1" && r.type === "indicator" && r.id !== c.rows[linkedPL1].id);
    c.rows[linkedPL1].links.push(other.id);
    const at = c.rows[linkedPL1].links.length - 1;
    const e = errorAt(validateCatalogue(c), `rows[${linkedPL1}].links[${at}]`);
    expect(e.message.en).toMatch(/same appendix PL1/);
  });

  test("a link not returned is only a warning", () => {
    const c = fresh();
    const target = c.rows.find((r: { id: string }) => r.id === c.rows[linkedPL1].links[0]);
    target.links = target.links.filter((l: string) => l !== c.rows[linkedPL1].id);
    const r = validateCatalogue(c);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings.map((w) => w.path)).toEqual([`rows[${linkedPL1}].links[0]`]);
  });

  test("target on a PL2 indicator", () => {
    const c = fresh();
    c.rows[firstPL2].target = { text: "100%", op: ">=", value: 100, unit: "%" };
    const e = errorAt(validateCatalogue(c), `rows[${firstPL2}].target`);
    expect(e.message.en).toMatch(/only PL1 indicators/);
  });

  test("bad target op and value", () => {
    const c = fresh();
    c.rows[targetPL1].target.op = "=>";
    c.rows[targetPL1].target.value = "85";
    const r = validateCatalogue(c);
    const op = errorAt(r, `rows[${targetPL1}].target.op`);
    expect(op.message.en).toContain('"=>"');
    expect(op.message.en).toContain('">="');
    expect(errorAt(r, `rows[${targetPL1}].target.value`).message.en).toBe('Expected a number, but found the string "85".');
  });

  test("path to a missing heading, and to a heading further down", () => {
    const c = fresh();
    c.rows[firstPL1].path = [...c.rows[firstPL1].path.slice(0, -1), "PL1-H99"];
    c.rows[1].path = [c.rows[0].id, c.rows[c.rows.length - 1].id];
    const r = validateCatalogue(c);
    const last = c.rows[firstPL1].path.length - 1;
    expect(errorAt(r, `rows[${firstPL1}].path[${last}]`).message.en).toMatch(/"PL1-H99".*does not exist/);
    expect(errorAt(r, "rows[1].path[1]").message.en).toMatch(/indicator, not a section/);
  });

  test("path that skips a level of its parent", () => {
    const c = fresh();
    const deep = c.rows.findIndex((r: { path: string[] }) => r.path.length >= 3);
    c.rows[deep].path = c.rows[deep].path.slice(1);
    expect(errorAt(validateCatalogue(c), `rows[${deep}].path`).message.en).toMatch(/does not agree with its parent/);
  });

  test("wrong schemaVersion major", () => {
    const c = fresh();
    c.schemaVersion = "2.0";
    const e = errorAt(validateCatalogue(c), "schemaVersion");
    expect(e.message.en).toMatch(/2\.0 is not supported.*1\.x/);
    expect(e.message.vi).toMatch(/không được hỗ trợ/);
  });

  test("a newer 1.x loads, unknown fields only warned about", () => {
    const c = fresh();
    c.schemaVersion = "1.3";
    c.rows[0].colour = "green";
    const r = validateCatalogue(c);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings.map((w) => w.path)).toEqual(["schemaVersion", "rows[0].colour"]);
    c.schemaVersion = "1.1";
    expect(errorAt(validateCatalogue(c), "rows[0].colour").message.en).toMatch(/not part of the format/);
  });

  test("wrong types: a number as label, a string as path, an empty title", () => {
    const c = fresh();
    c.rows[3].labelVi = 42;
    c.rows[4].path = "PL1-H01";
    c.title.en = "   ";
    const r = validateCatalogue(c);
    expect(errorAt(r, "rows[3].labelVi").message.en).toBe("Expected a string, but found the number 42.");
    expect(errorAt(r, "rows[3].labelVi").message.vi).toBe("Cần một chuỗi ký tự, nhưng gặp số 42.");
    expect(errorAt(r, "rows[4].path").message.en).toMatch(/array of row ids/);
    expect(errorAt(r, "title.en").message.en).toMatch(/Empty string/);
  });

  test("label over the length limit", () => {
    const c = fresh();
    c.rows[2].labelEn = "x".repeat(1001);
    expect(errorAt(validateCatalogue(c), "rows[2].labelEn").message.en).toMatch(/1001 characters.*limit of 1000/);
  });

  test("appendix PL2 missing from appendices", () => {
    const c = fresh();
    c.appendices = c.appendices.filter((a: { id: string }) => a.id !== "PL2");
    const r = validateCatalogue(c);
    expect(errorAt(r, "appendices").message.en).toMatch(/Appendix PL2 is missing/);
    expect(errorAt(r, `rows[${firstPL2}].appendix`).message.en).toMatch(/does not declare/);
  });

  test("every fault is reported at once, not only the first", () => {
    const c = fresh();
    c.rows[firstPL1].kind = "bad";
    c.rows[firstPL2].direction = "bad";
    c.rows[firstPL2 + 1].unit = 5;
    c.version = "";
    const paths = errorsOf(validateCatalogue(c)).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining([`rows[${firstPL1}].kind`, `rows[${firstPL2}].direction`, `rows[${firstPL2 + 1}].unit`, "version"]));
    expect(paths).toHaveLength(4);
  });
});

describe("readCatalogueSource (Node)", () => {
  let dir: string;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nq24-cat-"));
    server = createServer((req, res) => {
      if (req.url === "/ok.json") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(nationalText);
      } else if (req.url === "/huge-chunked") {
        // No content-length: the size is only known while reading.
        res.writeHead(200, { "content-type": "application/json" });
        const chunk = " ".repeat(64 * 1024);
        let sent = 0;
        const push = () => {
          while (sent < MAX_CATALOGUE_BYTES + 2 * chunk.length) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", push);
          }
          res.end();
        };
        push();
      } else if (req.url === "/huge-declared") {
        res.writeHead(200, { "content-length": String(MAX_CATALOGUE_BYTES + 1) });
        res.end();
      } else if (req.url === "/slow") {
        // Never answers; the client's timeout must fire.
      } else {
        res.writeHead(404, "Not Found");
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  test("reads the national catalogue file", async () => {
    const r = await readCatalogueSource(catalogueFile);
    expect(r.ok).toBe(true);
  });

  test("a malformed file: the loader's errors, the file named", async () => {
    const file = join(fixtures, "not-json.json");
    const e = errorsOf(await readCatalogueSource(file))[0];
    expect(e.message.en).toContain(file);
    expect(e.message.en).toContain("line 4, column 17");
  });

  test("missing file, directory, and unsupported scheme", async () => {
    const missing = join(dir, "nope.json");
    const e1 = errorsOf(await readCatalogueSource(missing))[0];
    expect(e1.message.en).toBe(`Catalogue file "${missing}" not found.`);
    expect(e1.message.vi).toContain(missing);
    expect(errorsOf(await readCatalogueSource(dir))[0].message.en).toMatch(/is not a file/);
    expect(errorsOf(await readCatalogueSource("ftp://example.org/c.json"))[0].message.en).toMatch(/only local files and http\/https/);
  });

  test("a too-big file is refused from its size, before reading", async () => {
    const big = join(dir, "big.json");
    writeFileSync(big, " ".repeat(MAX_CATALOGUE_BYTES + 10));
    const e = errorsOf(await readCatalogueSource(big))[0];
    expect(e.message.en).toContain(`(${MAX_CATALOGUE_BYTES + 10} bytes)`);
    expect(e.message.en).toContain(big);
  });

  test("a file that is not UTF-8", async () => {
    const latin = join(dir, "latin1.json");
    writeFileSync(latin, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    expect(errorsOf(await readCatalogueSource(latin))[0].message.en).toMatch(/not UTF-8/);
  });

  test("reads a catalogue from an http URL", async () => {
    const r = await readCatalogueSource(`${base}/ok.json`);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  test("HTTP error status, declared and streamed oversize, timeout: each named with the URL", async () => {
    const e404 = errorsOf(await readCatalogueSource(`${base}/missing.json`))[0];
    expect(e404.message.en).toContain("404");
    expect(e404.message.en).toContain(`${base}/missing.json`);
    expect(errorsOf(await readCatalogueSource(`${base}/huge-declared`))[0].message.en).toMatch(/too large/);
    expect(errorsOf(await readCatalogueSource(`${base}/huge-chunked`))[0].message.en).toMatch(/too large: over/);
    const slow = errorsOf(await readCatalogueSource(`${base}/slow`, { timeoutMs: 300 }))[0];
    expect(slow.message.en).toMatch(/Timed out/);
    expect(slow.message.vi).toContain(`${base}/slow`);
  });
});
