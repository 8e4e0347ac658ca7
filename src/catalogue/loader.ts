/**
 * Loads and checks an indicator catalogue (the national one, or a province's variant)
 * from JSON text. Pure: no file, network, Node or DOM access, so the task pane and the
 * command line share it. Every fault is reported, each with the JSON path of the value
 * at fault and a Vietnamese and English message saying what was found and what was
 * expected; the catalogue is returned only when there is no error.
 */
import { LEGACY_COLUMN_KEYS, legacyColumnRole, NATIONAL_PERIODS, PERIOD_ROLES, YEAR_LIMITS } from "./periods";
import type { AppendixId, BoundOp, Catalogue, ColumnRole, Direction, Periods, RowType, Text2, ValueKind } from "./types";
import { MAX_CATALOGUE_BYTES } from "./limits";

export interface CatalogueIssue {
  /** JSON path of the value at fault, e.g. `rows[12].target.op`; "" for the whole document. */
  path: string;
  message: Text2;
}

export { MAX_CATALOGUE_BYTES };

export type CatalogueResult =
  | { ok: true; catalogue: Catalogue; warnings: CatalogueIssue[] }
  | { ok: false; errors: CatalogueIssue[] };

/** Limits that keep a hostile or broken catalogue from swamping the add-in. */
export const CATALOGUE_LIMITS = {
  rows: 2000,
  labelChars: 1000,
  shortTextChars: 200,
  idChars: 64,
  sttChars: 10,
  unitChars: 40,
  pathDepth: 20,
  links: 20,
  aliases: 50,
  abbreviations: 500,
  abbreviationChars: 20,
  /** Nesting of the JSON itself; the format needs 5 levels. */
  jsonDepth: 64,
} as const;

/** Major version of the format this loader understands ("1.0", "1.1" …). */
export const SUPPORTED_SCHEMA_MAJOR = 1;
/** Newest minor version known; newer 1.x files load, with unknown fields reported as warnings. */
export const KNOWN_SCHEMA_MINOR = 2;

const FORBIDDEN_KEYS = ["__proto__", "constructor", "prototype"];

export const APPENDIX_IDS: readonly AppendixId[] = ["PL1", "PL2"];
export const ROW_TYPES: readonly RowType[] = ["section", "group", "subgroup", "indicator"];
export const VALUE_KINDS: readonly ValueKind[] = [
  "percent",
  "area",
  "count",
  "money",
  "yesno",
  "countOfTotal",
  "countDescription",
  "text",
];
export const DIRECTIONS: readonly Direction[] = ["higher", "lower", "neutral"];
export const BOUND_OPS: readonly BoundOp[] = ["<", "<=", ">", ">=", "="];
/** The column roles a catalogue may declare for its tables (format 1.0's "y2013"/"y2022" are read as baseline/result). */
export const COLUMN_KEYS: readonly ColumnRole[] = ["stt", "label", "unit", "target", "baseline", "result", "note"];

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

// ---------------------------------------------------------------- entry points

/** Parses catalogue JSON text and checks it. `source` (file name or URL) is named in messages. */
export function parseCatalogue(text: string, source?: string): CatalogueResult {
  const where = source ? { vi: ` (${source})`, en: ` (${source})` } : { vi: "", en: "" };
  if (typeof text !== "string") {
    return fail("", `Nội dung danh mục${where.vi} không phải văn bản.`, `The catalogue content${where.en} is not text.`);
  }
  const bytes = utf8Length(text, MAX_CATALOGUE_BYTES);
  if (bytes > MAX_CATALOGUE_BYTES) {
    return fail(
      "",
      `Tệp danh mục${where.vi} quá lớn: hơn ${formatBytes(MAX_CATALOGUE_BYTES)}; tối đa cho phép là ${formatBytes(MAX_CATALOGUE_BYTES)}.`,
      `The catalogue${where.en} is too large: over ${formatBytes(MAX_CATALOGUE_BYTES)}; the limit is ${formatBytes(MAX_CATALOGUE_BYTES)}.`,
    );
  }
  // A byte-order mark is common in files saved by Windows editors and is not JSON.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") {
    return fail("", `Tệp danh mục${where.vi} rỗng; cần một đối tượng JSON.`, `The catalogue${where.en} is empty; a JSON object was expected.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    const found = findJsonSyntaxError(body);
    const offset = text.length - body.length; // report positions in the text as given
    if (found) {
      const { line, column } = lineColumn(body, found.offset);
      return fail(
        "",
        `Tệp danh mục${where.vi} không phải JSON hợp lệ: dòng ${line}, cột ${column} (ký tự thứ ${found.offset + offset + 1}): ${found.what.vi}.`,
        `The catalogue${where.en} is not valid JSON: line ${line}, column ${column} (character ${found.offset + offset + 1}): ${found.what.en}.`,
      );
    }
    const msg = e instanceof Error ? e.message : String(e);
    return fail("", `Tệp danh mục${where.vi} không phải JSON hợp lệ: ${msg}.`, `The catalogue${where.en} is not valid JSON: ${msg}.`);
  }
  return validateCatalogue(data);
}

/** Checks an already-parsed value against the catalogue format and its cross-row rules. */
export function validateCatalogue(obj: unknown): CatalogueResult {
  const errors: CatalogueIssue[] = [];
  const warnings: CatalogueIssue[] = [];

  // Keys that could reach an object's prototype are refused before anything reads the data.
  walkKeys(obj, errors);
  if (errors.length > 0) return { ok: false, errors };

  const v = new Checker(errors, warnings);
  v.catalogue(obj);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, catalogue: upgrade(obj as Obj), warnings };
}

/**
 * A valid catalogue in the current shape: a 1.0 catalogue gets the national periods and its
 * "y2013"/"y2022" column keys become "baseline"/"result". A current one is returned as is.
 */
function upgrade(obj: Obj): Catalogue {
  const appendices = obj.appendices as { id: AppendixId; title: Text2; columns: { key: string; vi: string; en: string }[] }[];
  const legacy = appendices.some((a) => a.columns.some((c) => legacyColumnRole(c.key) !== undefined));
  if (obj.periods !== undefined && !legacy) return obj as unknown as Catalogue;
  const periods: Periods = (obj.periods as Periods | undefined) ?? {
    baseline: { ...NATIONAL_PERIODS.baseline },
    result: { ...NATIONAL_PERIODS.result },
    target: { ...NATIONAL_PERIODS.target },
  };
  return {
    ...(obj as unknown as Catalogue),
    periods,
    appendices: appendices.map((a) => ({ ...a, columns: a.columns.map((c) => ({ ...c, key: legacyColumnRole(c.key) ?? (c.key as ColumnRole) })) })),
  };
}

// ---------------------------------------------------------------- structure checks

type Obj = Record<string, unknown>;

interface RowInfo {
  index: number;
  id: string;
  appendix: AppendixId | null;
  type: RowType | null;
  path: string[] | null;
  links: string[] | null;
}

class Checker {
  /** Unknown fields are errors for the minor version we know, warnings for a newer 1.x. */
  private strictFields = true;

  constructor(
    private errors: CatalogueIssue[],
    private warnings: CatalogueIssue[],
  ) {}

  private err(path: string, vi: string, en: string): void {
    this.errors.push({ path, message: { vi, en } });
  }

  private warn(path: string, vi: string, en: string): void {
    this.warnings.push({ path, message: { vi, en } });
  }

  catalogue(obj: unknown): void {
    if (!isObject(obj)) {
      this.err("", `Danh mục phải là một đối tượng JSON { … }, nhưng gặp ${kindOf(obj).vi}.`, `The catalogue must be a JSON object { … }, but found ${kindOf(obj).en}.`);
      return;
    }
    this.schemaVersion(obj);
    this.fields(obj, "", ["schemaVersion", "id", "version", "title", "source", "appendices", "rows"], ["periods", "abbreviations"]);
    this.idField(obj, "id", "");
    this.text(obj, "version", "", CATALOGUE_LIMITS.shortTextChars);
    this.text2(obj, "title", "");
    this.text(obj, "source", "", CATALOGUE_LIMITS.labelChars);
    if (Object.prototype.hasOwnProperty.call(obj, "periods")) this.periods(obj.periods);
    if (Object.prototype.hasOwnProperty.call(obj, "abbreviations")) this.abbreviations(obj.abbreviations);
    const appendices = this.appendices(obj);
    this.rows(obj, appendices);
  }

  private schemaVersion(obj: Obj): void {
    const p = "schemaVersion";
    if (!this.present(obj, p, "")) return;
    const s = obj[p];
    if (typeof s !== "string") {
      this.typeErr(p, s, "chuỗi ký tự dạng \"1.0\"", "a string such as \"1.0\"");
      return;
    }
    const m = /^(\d+)\.(\d+)$/.exec(s);
    if (!m) {
      this.err(p, `Phiên bản định dạng "${clip(s)}" không đúng dạng; cần "${SUPPORTED_SCHEMA_MAJOR}.x" (ví dụ "1.0").`, `Format version "${clip(s)}" is malformed; expected "${SUPPORTED_SCHEMA_MAJOR}.x" (e.g. "1.0").`);
      return;
    }
    const major = Number(m[1]);
    const minor = Number(m[2]);
    if (major !== SUPPORTED_SCHEMA_MAJOR) {
      this.err(
        p,
        `Phiên bản định dạng ${s} không được hỗ trợ: phần mềm này đọc định dạng ${SUPPORTED_SCHEMA_MAJOR}.x. Hãy dùng danh mục theo định dạng ${SUPPORTED_SCHEMA_MAJOR}.x hoặc cập nhật phần mềm.`,
        `Format version ${s} is not supported: this software reads format ${SUPPORTED_SCHEMA_MAJOR}.x. Use a ${SUPPORTED_SCHEMA_MAJOR}.x catalogue or update the software.`,
      );
      return;
    }
    if (minor > KNOWN_SCHEMA_MINOR) {
      this.strictFields = false;
      this.warn(p, `Định dạng ${s} mới hơn ${SUPPORTED_SCHEMA_MAJOR}.${KNOWN_SCHEMA_MINOR}: các trường chưa biết sẽ bị bỏ qua.`, `Format ${s} is newer than ${SUPPORTED_SCHEMA_MAJOR}.${KNOWN_SCHEMA_MINOR}: unknown fields are ignored.`);
    }
  }

  /** Required fields present; fields not in `required` or `optional` reported. */
  private fields(obj: Obj, path: string, required: string[], optional: string[]): void {
    for (const key of required) this.present(obj, key, path);
    for (const key of Object.keys(obj)) {
      if (required.indexOf(key) >= 0 || optional.indexOf(key) >= 0) continue;
      const p = join(path, key);
      const allowed = required.concat(optional).join(", ");
      if (this.strictFields) {
        this.err(p, `Trường "${clip(key)}" không có trong định dạng; các trường hợp lệ: ${allowed}.`, `Field "${clip(key)}" is not part of the format; valid fields: ${allowed}.`);
      } else {
        this.warn(p, `Trường "${clip(key)}" chưa biết, bị bỏ qua.`, `Unknown field "${clip(key)}" ignored.`);
      }
    }
  }

  private present(obj: Obj, key: string, path: string): boolean {
    if (Object.prototype.hasOwnProperty.call(obj, key)) return true;
    this.err(join(path, key), `Thiếu trường bắt buộc "${key}".`, `Required field "${key}" is missing.`);
    return false;
  }

  private typeErr(path: string, value: unknown, expectedVi: string, expectedEn: string): void {
    const k = kindOf(value);
    this.err(path, `Cần ${expectedVi}, nhưng gặp ${k.vi}.`, `Expected ${expectedEn}, but found ${k.en}.`);
  }

  /** A required non-empty string no longer than `max`. Returns it, or null when at fault. */
  private text(obj: Obj, key: string, path: string, max: number, allowEmpty = false): string | null {
    const p = join(path, key);
    if (!Object.prototype.hasOwnProperty.call(obj, key)) return null; // reported by fields()
    return this.textValue(obj[key], p, max, allowEmpty);
  }

  private textValue(s: unknown, p: string, max: number, allowEmpty = false): string | null {
    if (typeof s !== "string") {
      this.typeErr(p, s, "một chuỗi ký tự", "a string");
      return null;
    }
    if (!allowEmpty && s.trim() === "") {
      this.err(p, "Chuỗi rỗng; cần một nội dung không rỗng.", "Empty string; a non-empty text was expected.");
      return null;
    }
    if (s.length > max) {
      this.err(p, `Chuỗi dài ${s.length} ký tự, vượt giới hạn ${max} ký tự.`, `Text is ${s.length} characters long, over the limit of ${max}.`);
      return null;
    }
    return s;
  }

  private text2(obj: Obj, key: string, path: string): void {
    const p = join(path, key);
    if (!Object.prototype.hasOwnProperty.call(obj, key)) return;
    const t = obj[key];
    if (!isObject(t)) {
      this.typeErr(p, t, "một đối tượng { \"vi\": …, \"en\": … }", "an object { \"vi\": …, \"en\": … }");
      return;
    }
    this.fields(t, p, ["vi", "en"], []);
    this.text(t, "vi", p, CATALOGUE_LIMITS.labelChars);
    this.text(t, "en", p, CATALOGUE_LIMITS.labelChars);
  }

  private idField(obj: Obj, key: string, path: string): string | null {
    const s = this.text(obj, key, path, CATALOGUE_LIMITS.idChars);
    if (s === null) return null;
    if (!ID_PATTERN.test(s)) {
      this.err(join(path, key), `Mã "${clip(s)}" chứa ký tự không hợp lệ; chỉ dùng chữ cái không dấu, chữ số, ".", "_", "-".`, `Id "${clip(s)}" has invalid characters; use only ASCII letters, digits, ".", "_", "-".`);
      return null;
    }
    return s;
  }

  private oneOf<T extends string>(obj: Obj, key: string, path: string, allowed: readonly T[], whatVi: string, whatEn: string): T | null {
    const p = join(path, key);
    if (!Object.prototype.hasOwnProperty.call(obj, key)) return null;
    const s = obj[key];
    if (typeof s === "string" && (allowed as readonly string[]).indexOf(s) >= 0) return s as T;
    const list = allowed.map((a) => `"${a}"`).join(", ");
    if (typeof s !== "string") {
      this.typeErr(p, s, `${whatVi} (một trong ${list})`, `${whatEn} (one of ${list})`);
    } else {
      this.err(p, `${cap(whatVi)} "${clip(s)}" không hợp lệ; cần một trong ${list}.`, `Invalid ${whatEn} "${clip(s)}"; expected one of ${list}.`);
    }
    return null;
  }

  private periods(periods: unknown): void {
    const p = "periods";
    if (!isObject(periods)) {
      this.typeErr(p, periods, "một đối tượng { baseline, result, target }", "an object { baseline, result, target }");
      return;
    }
    this.fields(periods, p, PERIOD_ROLES.slice(), []);
    const years: Partial<Record<string, number>> = {};
    for (const role of PERIOD_ROLES) {
      const def = periods[role];
      const rp = `${p}.${role}`;
      if (def === undefined) continue; // reported by fields()
      if (!isObject(def)) {
        this.typeErr(rp, def, "một đối tượng { year, from, to }", "an object { year, from, to }");
        continue;
      }
      this.fields(def, rp, ["year", "from", "to"], []);
      const y = this.year(def, "year", rp);
      const from = this.year(def, "from", rp);
      const to = this.year(def, "to", rp);
      if (y === null || from === null || to === null) continue;
      if (!(from <= y && y <= to)) {
        this.err(rp, `Năm ${y} phải nằm trong khoảng chấp nhận ${from}–${to}.`, `Year ${y} must lie within its accepted range ${from}–${to}.`);
        continue;
      }
      years[role] = y;
    }
    const b = years.baseline;
    const r = years.result;
    if (b !== undefined && r !== undefined && b >= r) {
      this.err(`${p}.result.year`, `Năm kết quả (${r}) phải sau năm hiện trạng (${b}).`, `The result year (${r}) must come after the baseline year (${b}).`);
    }
  }

  /** Format 1.2: `[{ "short": "KCN", "long": "khu công nghiệp" }, …]`, each short form once. */
  private abbreviations(list: unknown): void {
    const p = "abbreviations";
    if (!Array.isArray(list)) {
      this.typeErr(p, list, "một mảng [{ \"short\": …, \"long\": … }]", "an array [{ \"short\": …, \"long\": … }]");
      return;
    }
    if (list.length > CATALOGUE_LIMITS.abbreviations) {
      this.err(p, `Có ${list.length} chữ viết tắt, vượt giới hạn ${CATALOGUE_LIMITS.abbreviations}.`, `${list.length} abbreviations, over the limit of ${CATALOGUE_LIMITS.abbreviations}.`);
      return;
    }
    const seen = new Map<string, number>();
    list.forEach((a, i) => {
      const ap = `${p}[${i}]`;
      if (!isObject(a)) {
        this.typeErr(ap, a, "một đối tượng { \"short\": …, \"long\": … }", "an object { \"short\": …, \"long\": … }");
        return;
      }
      this.fields(a, ap, ["short", "long"], []);
      const short = this.text(a, "short", ap, CATALOGUE_LIMITS.abbreviationChars);
      const long = this.text(a, "long", ap, CATALOGUE_LIMITS.shortTextChars);
      if (short === null || long === null) return;
      if (!/[A-Za-zÀ-ỹĐđ]/.test(short) || /\s/.test(short.trim())) {
        this.err(`${ap}.short`, `Chữ viết tắt "${clip(short)}" phải là một từ có chữ cái, không có khoảng trắng.`, `Abbreviation "${clip(short)}" must be one word with letters, without spaces.`);
        return;
      }
      const key = short.trim().toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) this.err(`${ap}.short`, `Chữ viết tắt "${clip(short)}" đã có ở ${p}[${first}].`, `Abbreviation "${clip(short)}" is already listed at ${p}[${first}].`);
      else seen.set(key, i);
    });
  }

  private year(obj: Obj, key: string, path: string): number | null {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) return null;
    const v = obj[key];
    if (typeof v !== "number" || !isFinite(v) || Math.floor(v) !== v) {
      this.typeErr(join(path, key), v, "một năm (số nguyên, ví dụ 2013)", "a year (a whole number such as 2013)");
      return null;
    }
    if (v < YEAR_LIMITS.min || v > YEAR_LIMITS.max) {
      this.err(join(path, key), `Năm ${v} ngoài khoảng ${YEAR_LIMITS.min}–${YEAR_LIMITS.max}.`, `Year ${v} is outside ${YEAR_LIMITS.min}–${YEAR_LIMITS.max}.`);
      return null;
    }
    return v;
  }

  private appendices(obj: Obj): Set<AppendixId> {
    const seen = new Set<AppendixId>();
    const p = "appendices";
    if (!Object.prototype.hasOwnProperty.call(obj, p)) return seen;
    const list = obj[p];
    if (!Array.isArray(list)) {
      this.typeErr(p, list, "một mảng các phụ lục [ … ]", "an array of appendices [ … ]");
      return seen;
    }
    list.forEach((a, i) => {
      const ap = `${p}[${i}]`;
      if (!isObject(a)) {
        this.typeErr(ap, a, "một đối tượng phụ lục", "an appendix object");
        return;
      }
      this.fields(a, ap, ["id", "title", "columns"], []);
      const id = this.oneOf(a, "id", ap, APPENDIX_IDS, "mã phụ lục", "appendix id");
      if (id) {
        if (seen.has(id)) this.err(`${ap}.id`, `Phụ lục ${id} được khai báo hai lần.`, `Appendix ${id} is declared twice.`);
        seen.add(id);
      }
      this.text2(a, "title", ap);
      this.columns(a, ap, id);
    });
    for (const id of APPENDIX_IDS) {
      if (!seen.has(id)) {
        this.err(p, `Thiếu phụ lục ${id}; danh mục phải khai báo cả PL1 và PL2.`, `Appendix ${id} is missing; the catalogue must declare both PL1 and PL2.`);
      }
    }
    return seen;
  }

  private columns(a: Obj, ap: string, id: AppendixId | null): void {
    const p = `${ap}.columns`;
    if (!Object.prototype.hasOwnProperty.call(a, "columns")) return;
    const cols = a.columns;
    if (!Array.isArray(cols)) {
      this.typeErr(p, cols, "một mảng các cột", "an array of columns");
      return;
    }
    if (cols.length > COLUMN_KEYS.length) {
      this.err(p, `Có ${cols.length} cột; tối đa ${COLUMN_KEYS.length}.`, `${cols.length} columns; at most ${COLUMN_KEYS.length}.`);
      return;
    }
    const keys: string[] = [];
    const accepted = COLUMN_KEYS.concat(Object.keys(LEGACY_COLUMN_KEYS) as ColumnRole[]);
    cols.forEach((c, j) => {
      const cp = `${p}[${j}]`;
      if (!isObject(c)) {
        this.typeErr(cp, c, "một đối tượng cột { key, vi, en }", "a column object { key, vi, en }");
        return;
      }
      this.fields(c, cp, ["key", "vi", "en"], []);
      const written = this.oneOf(c, "key", cp, accepted, "mã cột", "column key");
      this.text(c, "vi", cp, CATALOGUE_LIMITS.shortTextChars);
      this.text(c, "en", cp, CATALOGUE_LIMITS.shortTextChars);
      if (written) {
        const key = legacyColumnRole(written) ?? written;
        if (keys.indexOf(key) >= 0) this.err(`${cp}.key`, `Cột "${key}" bị lặp.`, `Column "${key}" appears twice.`);
        if (key === "target" && id === "PL2") {
          this.err(`${cp}.key`, "Cột mục tiêu (target) chỉ có ở PL1.", "The target column belongs to PL1 only.");
        }
        keys.push(key);
      }
    });
    for (const need of ["stt", "label"]) {
      if (keys.indexOf(need) < 0) this.err(p, `Thiếu cột "${need}".`, `Column "${need}" is missing.`);
    }
  }

  private rows(obj: Obj, appendices: Set<AppendixId>): void {
    const p = "rows";
    if (!Object.prototype.hasOwnProperty.call(obj, p)) return;
    const rows = obj[p];
    if (!Array.isArray(rows)) {
      this.typeErr(p, rows, "một mảng các dòng [ … ]", "an array of rows [ … ]");
      return;
    }
    if (rows.length === 0) {
      this.err(p, "Danh mục không có dòng nào; cần các dòng của PL1 và PL2.", "The catalogue has no rows; the rows of PL1 and PL2 are expected.");
      return;
    }
    if (rows.length > CATALOGUE_LIMITS.rows) {
      this.err(p, `Danh mục có ${rows.length} dòng, vượt giới hạn ${CATALOGUE_LIMITS.rows}.`, `The catalogue has ${rows.length} rows, over the limit of ${CATALOGUE_LIMITS.rows}.`);
      return;
    }
    const infos: RowInfo[] = rows.map((r, i) => this.row(r, `${p}[${i}]`, i, appendices));
    this.crossRows(infos);
    for (const ap of APPENDIX_IDS) {
      if (appendices.has(ap) && !infos.some((r) => r.appendix === ap && r.type === "indicator")) {
        this.err(p, `Phụ lục ${ap} không có chỉ tiêu nào.`, `Appendix ${ap} has no indicator rows.`);
      }
    }
  }

  private row(r: unknown, rp: string, index: number, appendices: Set<AppendixId>): RowInfo {
    const info: RowInfo = { index, id: "", appendix: null, type: null, path: null, links: null };
    if (!isObject(r)) {
      this.typeErr(rp, r, "một đối tượng dòng", "a row object");
      return info;
    }
    const type = this.oneOf(r, "type", rp, ROW_TYPES, "loại dòng", "row type");
    info.type = type;
    const base = ["id", "appendix", "type", "stt", "path", "labelVi", "labelOriginal", "labelEn"];
    const indicatorFields = ["unit", "kind", "direction", "links"];
    if (type === "indicator") this.fields(r, rp, base.concat(indicatorFields), ["target", "aliases"]);
    else if (type === null) this.fields(r, rp, base, indicatorFields.concat(["target", "aliases"])); // type already reported
    else this.fields(r, rp, base, []);

    info.id = this.idField(r, "id", rp) ?? "";
    const appendix = this.oneOf(r, "appendix", rp, APPENDIX_IDS, "mã phụ lục", "appendix id");
    info.appendix = appendix;
    if (appendix && !appendices.has(appendix)) {
      this.err(`${rp}.appendix`, `Dòng thuộc phụ lục ${appendix} nhưng phụ lục này không được khai báo trong "appendices".`, `The row belongs to appendix ${appendix}, which "appendices" does not declare.`);
    }
    this.text(r, "stt", rp, CATALOGUE_LIMITS.sttChars, true);
    for (const k of ["labelVi", "labelOriginal", "labelEn"]) this.text(r, k, rp, CATALOGUE_LIMITS.labelChars);
    info.path = this.idList(r, "path", rp, CATALOGUE_LIMITS.pathDepth);

    if (type === "indicator") {
      this.text(r, "unit", rp, CATALOGUE_LIMITS.unitChars, true);
      this.oneOf(r, "kind", rp, VALUE_KINDS, "loại giá trị", "value kind");
      this.oneOf(r, "direction", rp, DIRECTIONS, "chiều đánh giá", "direction");
      info.links = this.idList(r, "links", rp, CATALOGUE_LIMITS.links);
      if (Object.prototype.hasOwnProperty.call(r, "target")) this.target(r.target, `${rp}.target`, appendix);
      if (Object.prototype.hasOwnProperty.call(r, "aliases")) this.aliases(r.aliases, `${rp}.aliases`);
    }
    return info;
  }

  private idList(r: Obj, key: string, rp: string, max: number): string[] | null {
    const p = `${rp}.${key}`;
    if (!Object.prototype.hasOwnProperty.call(r, key)) return null;
    const list = r[key];
    if (!Array.isArray(list)) {
      this.typeErr(p, list, "một mảng các mã dòng", "an array of row ids");
      return null;
    }
    if (list.length > max) {
      this.err(p, `Có ${list.length} phần tử, vượt giới hạn ${max}.`, `${list.length} items, over the limit of ${max}.`);
      return null;
    }
    const out: string[] = [];
    list.forEach((x, i) => {
      const s = this.textValue(x, `${p}[${i}]`, CATALOGUE_LIMITS.idChars);
      if (s === null) return;
      if (out.indexOf(s) >= 0) {
        this.err(`${p}[${i}]`, `Mã "${clip(s)}" bị lặp trong danh sách.`, `Id "${clip(s)}" is listed twice.`);
        return;
      }
      out.push(s);
    });
    return out;
  }

  private target(t: unknown, tp: string, appendix: AppendixId | null): void {
    if (appendix === "PL2") {
      this.err(tp, "Chỉ tiêu PL2 không có mục tiêu; chỉ chỉ tiêu PL1 mới có \"target\".", "PL2 indicators have no target; only PL1 indicators may carry \"target\".");
    }
    if (!isObject(t)) {
      this.typeErr(tp, t, "một đối tượng { text, op, value, unit }", "an object { text, op, value, unit }");
      return;
    }
    this.fields(t, tp, ["text", "op", "value", "unit"], []);
    this.text(t, "text", tp, CATALOGUE_LIMITS.shortTextChars);
    this.oneOf(t, "op", tp, BOUND_OPS, "phép so sánh", "comparison operator");
    this.text(t, "unit", tp, CATALOGUE_LIMITS.unitChars, true);
    if (Object.prototype.hasOwnProperty.call(t, "value")) {
      const v = t.value;
      if (typeof v !== "number" || !isFinite(v)) this.typeErr(`${tp}.value`, v, "một số", "a number");
    }
  }

  private aliases(a: unknown, ap: string): void {
    if (!Array.isArray(a)) {
      this.typeErr(ap, a, "một mảng các chuỗi", "an array of strings");
      return;
    }
    if (a.length > CATALOGUE_LIMITS.aliases) {
      this.err(ap, `Có ${a.length} tên gọi khác, vượt giới hạn ${CATALOGUE_LIMITS.aliases}.`, `${a.length} aliases, over the limit of ${CATALOGUE_LIMITS.aliases}.`);
      return;
    }
    a.forEach((s, i) => this.textValue(s, `${ap}[${i}]`, CATALOGUE_LIMITS.labelChars));
  }

  /** Rules between rows: unique ids, paths to earlier headings, links to the other appendix. */
  private crossRows(rows: RowInfo[]): void {
    const byId = new Map<string, RowInfo>();
    for (const r of rows) {
      if (!r.id) continue;
      const first = byId.get(r.id);
      if (first) {
        this.err(`rows[${r.index}].id`, `Mã "${r.id}" bị trùng với dòng rows[${first.index}]; mỗi dòng cần một mã riêng.`, `Id "${r.id}" duplicates row rows[${first.index}]; each row needs its own id.`);
      } else {
        byId.set(r.id, r);
      }
    }
    for (const r of rows) {
      const rp = `rows[${r.index}]`;
      if (r.path) {
        r.path.forEach((hid, k) => {
          const pp = `${rp}.path[${k}]`;
          const h = byId.get(hid);
          if (!h) {
            this.err(pp, `Mã "${hid}" trong "path" không tồn tại; cần mã của một dòng mục/nhóm đứng trước.`, `Id "${hid}" in "path" does not exist; expected the id of a section/group row above.`);
          } else if (h.type === "indicator") {
            this.err(pp, `"${hid}" là một chỉ tiêu, không phải dòng mục/nhóm.`, `"${hid}" is an indicator, not a section or group row.`);
          } else if (h.index >= r.index) {
            this.err(pp, `Dòng mục/nhóm "${hid}" phải đứng trước dòng này.`, `Heading "${hid}" must come before this row.`);
          } else if (h.appendix && r.appendix && h.appendix !== r.appendix) {
            this.err(pp, `Dòng mục/nhóm "${hid}" thuộc ${h.appendix}, dòng này thuộc ${r.appendix}.`, `Heading "${hid}" belongs to ${h.appendix}, this row to ${r.appendix}.`);
          }
        });
        // The path must be the parent's own path plus the parent, so nesting stays a tree.
        const parentId = r.path[r.path.length - 1];
        const parent = parentId !== undefined ? byId.get(parentId) : undefined;
        if (parent && parent.path && parent.index < r.index && parent.type !== "indicator") {
          const expected = parent.path.concat([parent.id]);
          if (expected.join("/") !== r.path.join("/")) {
            this.err(`${rp}.path`, `"path" không khớp với dòng cha "${parent.id}"; cần [${expected.join(", ")}].`, `"path" does not agree with its parent "${parent.id}"; expected [${expected.join(", ")}].`);
          }
        }
      }
      if (r.links) {
        r.links.forEach((lid, k) => {
          const lp = `${rp}.links[${k}]`;
          const other = byId.get(lid);
          if (!other) {
            this.err(lp, `Liên kết tới mã "${lid}" không tồn tại; cần mã một chỉ tiêu của phụ lục kia.`, `Link to id "${lid}", which does not exist; expected an indicator of the other appendix.`);
          } else if (other.type !== "indicator") {
            this.err(lp, `Liên kết tới "${lid}", là dòng mục/nhóm; cần một chỉ tiêu.`, `Link to "${lid}", a heading row; expected an indicator.`);
          } else if (other.appendix && r.appendix && other.appendix === r.appendix) {
            this.err(lp, `Liên kết tới "${lid}" cùng phụ lục ${r.appendix}; liên kết chỉ nối chỉ tiêu PL1 với chỉ tiêu PL2.`, `Link to "${lid}" in the same appendix ${r.appendix}; links join a PL1 indicator to a PL2 indicator.`);
          } else if (other.links && other.links.indexOf(r.id) < 0) {
            this.warn(lp, `"${lid}" không liên kết ngược lại tới "${r.id}".`, `"${lid}" does not link back to "${r.id}".`);
          }
        });
      }
    }
  }
}

// ---------------------------------------------------------------- prototype-key walk

/** Reports every key named __proto__, constructor or prototype, and over-deep nesting. */
function walkKeys(root: unknown, errors: CatalogueIssue[]): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (value === null || typeof value !== "object") continue;
    if (depth > CATALOGUE_LIMITS.jsonDepth) {
      errors.push({
        path,
        message: {
          vi: `Dữ liệu lồng nhau quá ${CATALOGUE_LIMITS.jsonDepth} cấp.`,
          en: `Data nested deeper than ${CATALOGUE_LIMITS.jsonDepth} levels.`,
        },
      });
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const p = join(path, key);
      if (FORBIDDEN_KEYS.indexOf(key) >= 0) {
        errors.push({
          path: p,
          message: {
            vi: `Khóa "${key}" bị cấm trong danh mục (có thể dùng để tấn công); hãy xóa hoặc đổi tên khóa này.`,
            en: `The key "${key}" is forbidden in a catalogue (it can be used for prototype pollution); remove or rename it.`,
          },
        });
        continue;
      }
      stack.push({ value: (value as Obj)[key], path: p, depth: depth + 1 });
    }
  }
}

// ---------------------------------------------------------------- JSON syntax position

/**
 * Finds the first syntax error in JSON text, with its offset and what was expected, so
 * the message is the same in every browser and in Node (their own messages differ).
 */
export function findJsonSyntaxError(s: string): { offset: number; what: Text2 } | null {
  type Expect = "value" | "valueOrEnd" | "key" | "keyOrEnd" | "colon" | "commaOrEnd" | "eof";
  const n = s.length;
  const stack: string[] = [];
  let i = 0;
  let expect: Expect = "value";
  const after = (): Expect => (stack.length > 0 ? "commaOrEnd" : "eof");
  const found = (c: string | undefined): Text2 =>
    c === undefined
      ? { vi: "tệp kết thúc đột ngột", en: "the text ends unexpectedly" }
      : { vi: `gặp "${printable(c)}"`, en: `found "${printable(c)}"` };
  const bad = (at: number, needVi: string, needEn: string) => {
    const f = found(at < n ? s[at] : undefined);
    return { offset: at, what: { vi: `${f.vi}, trong khi cần ${needVi}`, en: `${f.en} where ${needEn} was expected` } };
  };

  while (true) {
    while (i < n && (s[i] === " " || s[i] === "\t" || s[i] === "\n" || s[i] === "\r")) i++;
    if (i >= n) {
      if (expect === "eof") return null;
      return bad(i, needOf(expect, stack).vi, needOf(expect, stack).en);
    }
    const c = s[i];
    switch (expect) {
      case "eof":
        return { offset: i, what: { vi: `còn nội dung "${printable(c)}" sau khi JSON đã kết thúc`, en: `extra content "${printable(c)}" after the end of the JSON` } };
      case "colon":
        if (c !== ":") return bad(i, "dấu hai chấm \":\"", "a colon \":\"");
        i++;
        expect = "value";
        break;
      case "commaOrEnd": {
        const close = stack[stack.length - 1] === "{" ? "}" : "]";
        if (c === ",") {
          i++;
          expect = close === "}" ? "key" : "value";
        } else if (c === close) {
          stack.pop();
          i++;
          expect = after();
        } else {
          return bad(i, `dấu phẩy "," hoặc "${close}"`, `a comma "," or "${close}"`);
        }
        break;
      }
      case "key":
      case "keyOrEnd":
        if (expect === "keyOrEnd" && c === "}") {
          stack.pop();
          i++;
          expect = after();
          break;
        }
        if (c !== '"') return bad(i, "tên thuộc tính trong dấu ngoặc kép", "a property name in double quotes");
        {
          const e = scanString(s, i);
          if (typeof e !== "number") return e;
          i = e;
        }
        expect = "colon";
        break;
      case "value":
      case "valueOrEnd": {
        if (expect === "valueOrEnd" && c === "]") {
          stack.pop();
          i++;
          expect = after();
          break;
        }
        if (c === "{" || c === "[") {
          stack.push(c);
          i++;
          expect = c === "{" ? "keyOrEnd" : "valueOrEnd";
          break;
        }
        if (c === '"') {
          const e = scanString(s, i);
          if (typeof e !== "number") return e;
          i = e;
          expect = after();
          break;
        }
        const lit = /^(true|false|null)/.exec(s.slice(i, i + 5));
        if (lit) {
          i += lit[0].length;
          expect = after();
          break;
        }
        const num = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(s.slice(i, i + 400));
        if (num && num[0] !== "-") {
          i += num[0].length;
          expect = after();
          break;
        }
        return bad(i, "một giá trị (chuỗi, số, đối tượng, mảng, true, false, null)", "a value (string, number, object, array, true, false, null)");
      }
    }
  }
}

function needOf(expect: string, stack: string[]): Text2 {
  const close = stack[stack.length - 1] === "{" ? "}" : "]";
  switch (expect) {
    case "colon":
      return { vi: "dấu hai chấm \":\"", en: "a colon \":\"" };
    case "commaOrEnd":
      return { vi: `dấu phẩy "," hoặc "${close}"`, en: `a comma "," or "${close}"` };
    case "key":
    case "keyOrEnd":
      return { vi: "tên thuộc tính trong dấu ngoặc kép", en: "a property name in double quotes" };
    default:
      return { vi: "một giá trị", en: "a value" };
  }
}

/** Scans a JSON string starting at its opening quote; returns the index after it, or the error. */
function scanString(s: string, start: number): number | { offset: number; what: Text2 } {
  let i = start + 1;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) {
      return { offset: i, what: { vi: "ký tự điều khiển (xuống dòng, tab) nằm trong chuỗi; cần viết dạng \\n, \\t", en: "a control character (newline, tab) inside a string; write it as \\n, \\t" } };
    }
    if (c === 0x5c) {
      const e = s[i + 1];
      if (e === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
          return { offset: i, what: { vi: "mã \\u không đủ 4 chữ số hệ 16", en: "a \\u escape without 4 hex digits" } };
        }
        i += 6;
        continue;
      }
      if (e === undefined || '"\\/bfnrt'.indexOf(e) < 0) {
        return { offset: i, what: { vi: `ký tự thoát "\\${e ?? ""}" không hợp lệ`, en: `invalid escape "\\${e ?? ""}"` } };
      }
      i += 2;
      continue;
    }
    i++;
  }
  return { offset: start, what: { vi: "chuỗi mở bằng dấu ngoặc kép nhưng không được đóng", en: "a string opened with a double quote is never closed" } };
}

// ---------------------------------------------------------------- small helpers

function fail(path: string, vi: string, en: string): CatalogueResult {
  return { ok: false, errors: [{ path, message: { vi, en } }] };
}

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** JSON path step: `a.b` for plain names, `a["odd key"]` otherwise. */
function join(path: string, key: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return path === "" ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function kindOf(v: unknown): Text2 {
  if (v === null) return { vi: "null", en: "null" };
  if (Array.isArray(v)) return { vi: "một mảng", en: "an array" };
  switch (typeof v) {
    case "string":
      return { vi: `chuỗi "${clip(v)}"`, en: `the string "${clip(v)}"` };
    case "number":
      return { vi: `số ${v}`, en: `the number ${v}` };
    case "boolean":
      return { vi: `giá trị ${v}`, en: `the value ${v}` };
    case "object":
      return { vi: "một đối tượng", en: "an object" };
    default:
      return { vi: "không có giá trị", en: "nothing" };
  }
}

function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function printable(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x20 ? `\\u${("000" + code.toString(16)).slice(-4)}` : c;
}

/** UTF-8 size of a string, stopping early once it passes `stopAfter`. */
function utf8Length(s: string, stopAfter: number): number {
  // Each UTF-16 unit is at least one UTF-8 byte, so a long string is too big without counting.
  if (s.length > stopAfter) return s.length;
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > stopAfter) return bytes;
  }
  return bytes;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(n / 1024)} kB`;
}

function lineColumn(s: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < offset && i < s.length; i++) {
    if (s.charCodeAt(i) === 0x0a) {
      line++;
      lastBreak = i;
    }
  }
  return { line, column: offset - lastBreak };
}
