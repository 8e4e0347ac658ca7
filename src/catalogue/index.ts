/**
 * The catalogue module: the national Resolution 24 catalogue as typed data, the loader
 * for provinces' own variants, the Lai Châu sample, and small lookups over rows.
 */
import type { AppendixId, Catalogue, CatalogueRow, HeadingRow, IndicatorRow } from "./types";
import { isIndicator } from "./types";
import catalogueJson from "./nq24-catalogue.json";

export * from "./types";
export {
  parseCatalogue,
  validateCatalogue,
  findJsonSyntaxError,
  MAX_CATALOGUE_BYTES,
  CATALOGUE_LIMITS,
  SUPPORTED_SCHEMA_MAJOR,
  KNOWN_SCHEMA_MINOR,
  APPENDIX_IDS,
  ROW_TYPES,
  VALUE_KINDS,
  DIRECTIONS,
  BOUND_OPS,
  COLUMN_KEYS,
} from "./loader";
export type { CatalogueIssue, CatalogueResult } from "./loader";
export { laiChauSample, sampleFillValues } from "./sample";
export { NATIONAL_ABBREVIATIONS, abbreviationsOf } from "./abbreviations";
export { NATIONAL_PERIODS, PERIOD_ROLES, LEGACY_COLUMN_KEYS, YEAR_LIMITS, legacyColumnRole, periodsOf, periodYears } from "./periods";
export type { CatalogueSample, SampleValues } from "./sample";

/**
 * The national catalogue (every row of Phụ lục 1 and 2). The JSON's inferred type widens
 * enums to string, hence the cast; test/catalogueLoader.test.ts proves it passes the loader.
 */
export const nationalCatalogue: Catalogue = catalogueJson as Catalogue;

/** Indicator rows, in catalogue order, optionally of one appendix. */
export function indicators(cat: Catalogue, appendix?: AppendixId): IndicatorRow[] {
  return cat.rows.filter((r): r is IndicatorRow => isIndicator(r) && (appendix === undefined || r.appendix === appendix));
}

/** Section, group and subgroup rows, in catalogue order, optionally of one appendix. */
export function headings(cat: Catalogue, appendix?: AppendixId): HeadingRow[] {
  return cat.rows.filter((r): r is HeadingRow => !isIndicator(r) && (appendix === undefined || r.appendix === appendix));
}

/** Every row of one appendix, in order. */
export function rowsOf(cat: Catalogue, appendix: AppendixId): CatalogueRow[] {
  return cat.rows.filter((r) => r.appendix === appendix);
}

export function findRow(cat: Catalogue, id: string): CatalogueRow | undefined {
  for (const r of cat.rows) if (r.id === id) return r;
  return undefined;
}

export function findIndicator(cat: Catalogue, id: string): IndicatorRow | undefined {
  const r = findRow(cat, id);
  return r && isIndicator(r) ? r : undefined;
}

/** The indicators of the other appendix that measure the same thing as `id`. */
export function linkedIndicators(cat: Catalogue, id: string): IndicatorRow[] {
  const r = findIndicator(cat, id);
  if (!r) return [];
  return r.links.map((l) => findIndicator(cat, l)).filter((x): x is IndicatorRow => x !== undefined);
}

/** The enclosing heading rows of a row, outermost first. */
export function pathRows(cat: Catalogue, row: CatalogueRow): HeadingRow[] {
  return row.path
    .map((id) => findRow(cat, id))
    .filter((x): x is HeadingRow => x !== undefined && !isIndicator(x));
}
