/**
 * Recognition: find the PL1/PL2 tables in any sheet by their header text and map rows
 * to catalogue indicators — by the hidden id column our template writes, otherwise by
 * label, tolerant of diacritics, case, spacing, "- "/"+ " markers and typing slips.
 */
import type { AppendixId, Catalogue, CatalogueRow, ColumnRole, IndicatorRow, PeriodRole, Periods } from "../catalogue/types";
import { isIndicator } from "../catalogue/types";
import { NATIONAL_PERIODS } from "../catalogue/periods";
import type { LocatedTable, RowMatch, SheetSnapshot, WorkbookSnapshot } from "./types";
import { foldForMatch } from "./values";

/** How far down a sheet a header row is looked for (title rows sit above it). */
const HEADER_SCAN_ROWS = 40;
/** Label matches at or above this are taken; below DOUBT they are reported as doubtful. */
export const MATCH_ACCEPT = 0.72;
export const MATCH_DOUBT = 0.9;

/** The header patterns for one set of periods, compiled once. */
interface HeaderWords {
  periods: Periods;
  target: RegExp;
  baseline: RegExp;
  result: RegExp;
  /** A header row's cheap pre-filter: a period's year, or "kết quả". */
  yearish: RegExp;
  /** Substrings one of which a yearish cell must contain ("20" of the years, "qu" of "quả"): tested before the regex. */
  hints: string[];
}

let headerWords: HeaderWords | undefined;
function headerWordsFor(periods: Periods): HeaderWords {
  if (headerWords && headerWords.periods === periods) return headerWords;
  const y = (role: PeriodRole) => String(periods[role].year);
  headerWords = {
    periods,
    target: new RegExp(`${y("target")}|de ra|^target`),
    baseline: new RegExp(y("baseline")),
    result: new RegExp(`${y("result")}|ket qua dat duoc`),
    yearish: new RegExp(`${y("baseline")}|${y("target")}|${y("result")}|[Kk][eế]t qu[aả]|K[EẾ]T QU[AẢ]`),
    hints: [],
  };
  for (const h of [y("baseline").slice(0, 2), y("target").slice(0, 2), y("result").slice(0, 2), "qu", "QU"]) if (headerWords.hints.indexOf(h) < 0) headerWords.hints.push(h);
  return headerWords;
}

/**
 * Classifies a header cell's folded text by the catalogue's periods. Order matters:
 * "mục tiêu … 2020" before "mục tiêu cụ thể".
 */
export function classifyHeader(folded: string, periods: Periods = NATIONAL_PERIODS): ColumnRole | null {
  if (!folded) return null;
  const w = headerWordsFor(periods);
  if (/^(stt|tt|so tt|so thu tu|no)$/.test(folded)) return "stt";
  if (/\bma chi tieu\b|^ma$|^id$|indicator id/.test(folded)) return "id";
  if (/tinh trang|xu huong|danh gia muc tieu|^status$|^trend$/.test(folded)) return "status";
  if (/ghi chu|^note/.test(folded)) return "note";
  if (/^(don vi( tinh)?|dvt|unit)$/.test(folded)) return "unit";
  if (w.target.test(folded)) return "target";
  if (w.baseline.test(folded)) return "baseline";
  if (w.result.test(folded)) return "result";
  if (/chi tieu|muc tieu|noi dung|indicator/.test(folded)) return "label";
  return null;
}

interface HeaderHit {
  row: number; // absolute
  columns: Partial<Record<ColumnRole, number>>; // absolute columns
  years: LocatedTable["years"];
}

const RE_YEAR = /(?:^|[^0-9])((?:19|20)[0-9]{2})(?![0-9])/g;

/**
 * The year a period column's header states: the first four-digit year within the role's
 * accepted range ("Kết quả đạt được đến 2023" → 2023), else the catalogue's year (a header
 * recognised by its words alone, "Kết quả đạt được").
 */
export function headerYear(raw: string, role: PeriodRole, periods: Periods): number {
  const def = periods[role];
  RE_YEAR.lastIndex = 0;
  for (let m = RE_YEAR.exec(raw); m; m = RE_YEAR.exec(raw)) {
    const y = Number(m[1]);
    if (y === def.year) return y;
    if (y >= def.from && y <= def.to) return y;
  }
  return def.year;
}

function hasHint(raw: string, hints: string[]): boolean {
  for (let k = 0; k < hints.length; k++) if (raw.indexOf(hints[k]) >= 0) return true;
  return false;
}

function restartsTable(sheet: SheetSnapshot, i: number, first: HeaderHit, periods: Periods): boolean {
  // With an STT column, the next header says "STT" there: a short cell is all to test.
  const key = first.columns.stt !== undefined ? "stt" : "label";
  const c = first.columns[key] as number;
  const raw = cellString(sheet, i, c - sheet.origin.col);
  return raw.length > 0 && raw.length <= (key === "stt" ? 20 : 60) && classifyHeader(foldShort(raw), periods) === key;
}

function findHeaderRows(sheet: SheetSnapshot, periods: Periods): HeaderHit[] {
  const words = headerWordsFor(periods);
  const baselineYear = periods.baseline.year;
  const resultYear = periods.result.year;
  const hits: HeaderHit[] = [];
  const rows = sheet.values.length;
  for (let i = 0; i < rows; i++) {
    const rowVals = sheet.text[i] ?? sheet.values[i];
    if (!rowVals) continue;
    // Cheap pre-filter before folding every cell: a header row names a year column in a
    // short cell. Values are rarely strings that short and year-like, so most rows cost a
    // type and length test per cell. Below a first table, a second one (both appendices on
    // one sheet) starts with its own header in the same STT or label column.
    if (hits.length > 0 && !restartsTable(sheet, i, hits[0], periods)) continue;
    let yearish = false;
    for (let j = 0; j < rowVals.length && !yearish; j++) {
      const v = sheet.values[i]?.[j];
      if (typeof v === "number") {
        yearish = v === baselineYear || v === resultYear;
        continue;
      }
      const raw = cellString(sheet, i, j);
      yearish = raw.length >= 4 && raw.length <= 60 && hasHint(raw, words.hints) && words.yearish.test(raw);
    }
    if (!yearish) {
      if (hits.length === 0 && i > HEADER_SCAN_ROWS) break;
      continue;
    }
    const columns: Partial<Record<ColumnRole, number>> = {};
    const years: LocatedTable["years"] = {};
    let found = 0;
    for (let j = 0; j < rowVals.length; j++) {
      const raw = cellString(sheet, i, j);
      if (!raw || raw.length > 80) continue;
      const key = classifyHeader(foldShort(raw), periods);
      if (key && columns[key] === undefined) {
        columns[key] = sheet.origin.col + j;
        if (key === "baseline" || key === "result" || key === "target") years[key] = headerYear(raw, key, periods);
        found++;
      }
    }
    if (found >= 2 && columns.label !== undefined && (columns.baseline !== undefined || columns.result !== undefined)) {
      hits.push({ row: sheet.origin.row + i, columns, years });
      continue;
    }
    // Only scan the top of a sheet for the first header; after one is found, keep scanning
    // (a sheet may hold both tables one below the other).
    if (hits.length === 0 && i > HEADER_SCAN_ROWS) break;
  }
  return hits;
}

const foldMemo = new Map<string, string>();
/**
 * Header and cover texts repeat from one workbook to the next (a province checks hundreds of
 * copies of one template): fold each distinct short text once.
 */
export function foldShort(s: string): string {
  if (s.length > 120) return foldForMatch(s);
  let f = foldMemo.get(s);
  if (f === undefined) {
    if (foldMemo.size > 5000) foldMemo.clear();
    f = foldForMatch(s);
    foldMemo.set(s, f);
  }
  return f;
}

export function cellString(sheet: SheetSnapshot, i: number, j: number): string {
  const t = sheet.text[i]?.[j];
  if (t !== undefined && t !== null && t !== "") return String(t);
  const v = sheet.values[i]?.[j];
  return v === null || v === undefined ? "" : String(v);
}

// ---------------------------------------------------------------- label index

interface LabelEntry {
  row: IndicatorRow;
  order: number; // position in the catalogue
  /** The labels as written, so an unchanged label is recognised without folding it. */
  raw: string[];
  folded: string[];
  grams: Set<string>[];
}

export interface CatalogueIndex {
  byId: Map<string, IndicatorRow>;
  order: Map<string, number>;
  entries: Record<AppendixId, LabelEntry[]>;
  exact: Record<AppendixId, Map<string, LabelEntry[]>>;
  headings: Record<AppendixId, Set<string>>;
  headingGrams: Record<AppendixId, Set<string>[]>;
  /** Folded heading label → heading ids in catalogue order (labels repeat across groups). */
  headingIds: Record<AppendixId, Map<string, string[]>>;
  headingById: Map<string, CatalogueRow>;
  entryById: Map<string, LabelEntry>;
  indicators: Record<AppendixId, IndicatorRow[]>;
}

/** Strips list markers and numbering that templates put before labels. */
export function stripMarkers(folded: string): string {
  return folded.replace(/^([-+*•·–—]+|\(?[0-9]{1,2}[.)]|[a-z][.)])\s*/, "").trim();
}

function grams(s: string): Set<string> {
  const out = new Set<string>();
  const t = ` ${s} `;
  for (let i = 0; i < t.length - 1; i++) out.add(t.substr(i, 2));
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  a.forEach((g) => {
    if (b.has(g)) common++;
  });
  return (2 * common) / (a.size + b.size);
}

const indexCache = new WeakMap<Catalogue, CatalogueIndex>();

export function indexCatalogue(catalogue: Catalogue): CatalogueIndex {
  const cached = indexCache.get(catalogue);
  if (cached) return cached;
  const idx: CatalogueIndex = {
    byId: new Map(),
    order: new Map(),
    entries: { PL1: [], PL2: [] },
    exact: { PL1: new Map(), PL2: new Map() },
    headings: { PL1: new Set(), PL2: new Set() },
    headingGrams: { PL1: [], PL2: [] },
    headingIds: { PL1: new Map(), PL2: new Map() },
    headingById: new Map(),
    entryById: new Map(),
    indicators: { PL1: [], PL2: [] },
  };
  catalogue.rows.forEach((row: CatalogueRow, order) => {
    idx.order.set(row.id, order);
    if (!isIndicator(row)) {
      idx.headingById.set(row.id, row);
      const folds = new Set([row.labelVi, row.labelOriginal].map((l) => stripMarkers(foldForMatch(l))));
      folds.forEach((f) => {
        idx.headings[row.appendix].add(f);
        const ids = idx.headingIds[row.appendix].get(f) ?? [];
        ids.push(row.id);
        idx.headingIds[row.appendix].set(f, ids);
      });
      return;
    }
    idx.byId.set(row.id, row);
    idx.indicators[row.appendix].push(row);
    const labels = [row.labelVi, row.labelOriginal, ...(row.aliases ?? [])];
    const folded = Array.from(new Set(labels.map((l) => stripMarkers(foldForMatch(l))).filter((l) => l)));
    const entry: LabelEntry = { row, order, raw: labels.map((l) => l.trim()), folded, grams: folded.map(grams) };
    idx.entries[row.appendix].push(entry);
    idx.entryById.set(row.id, entry);
    for (const f of folded) {
      const list = idx.exact[row.appendix].get(f) ?? [];
      list.push(entry);
      idx.exact[row.appendix].set(f, list);
    }
  });
  for (const a of ["PL1", "PL2"] as AppendixId[]) idx.headings[a].forEach((h) => idx.headingGrams[a].push(grams(h)));
  indexCache.set(catalogue, idx);
  return idx;
}

// ---------------------------------------------------------------- table location

export interface TableRows {
  table: LocatedTable;
  /** Absolute rows of the table body (header excluded), up to the next header or the end. */
  firstRow: number;
  lastRow: number;
}

/** Which appendix a header belongs to: a target column means PL1; titles above may say so. */
function appendixOf(sheet: SheetSnapshot, hit: HeaderHit): AppendixId {
  if (hit.columns.target !== undefined) return "PL1";
  const top = hit.row - sheet.origin.row;
  for (let i = Math.max(0, top - 6); i < top; i++) {
    for (let j = 0; j < (sheet.values[i]?.length ?? 0); j++) {
      const f = foldShort(cellString(sheet, i, j));
      if (/phu luc 1\b|phu luc i\b|appendix 1\b/.test(f)) return "PL1";
      if (/phu luc 2\b|phu luc ii\b|appendix 2\b/.test(f)) return "PL2";
    }
  }
  const name = foldForMatch(sheet.name);
  if (/1|i$/.test(name) && !/2/.test(name)) return "PL1";
  return "PL2";
}

export function locateTables(snapshot: WorkbookSnapshot, periods: Periods = NATIONAL_PERIODS): TableRows[] {
  const out: TableRows[] = [];
  for (const sheet of snapshot.sheets) {
    const hits = findHeaderRows(sheet, periods);
    hits.forEach((hit, k) => {
      const next = hits[k + 1];
      const lastRow = next ? next.row - 1 : sheet.origin.row + sheet.values.length - 1;
      out.push({
        table: {
          appendix: appendixOf(sheet, hit),
          sheet: sheet.name,
          headerRow: hit.row,
          columns: hit.columns,
          years: hit.years,
          ownTemplate: hit.columns.id !== undefined,
        },
        firstRow: hit.row + 1,
        lastRow,
      });
    });
  }
  return out;
}

// ---------------------------------------------------------------- row matching

export interface UnmatchedRow {
  sheet: string;
  row: number;
  label: string;
  /** The row carries a value, so it matters that it matched nothing. */
  hasValues: boolean;
  best?: { indicatorId: string; confidence: number };
}

export interface MatchOutcome {
  matches: RowMatch[];
  unmatched: UnmatchedRow[];
  /** Rows whose id cell named an indicator but whose label was changed. */
  editedLabels: { match: RowMatch; expected: string }[];
  /** Heading rows found, so notes written beside a heading ("- Thủy điện … Không có") reach its rows. */
  headings: { headingId: string; row: number }[];
}

function valueColumnsHaveText(sheet: SheetSnapshot, i: number, table: LocatedTable): boolean {
  for (const key of ["baseline", "result", "note"] as const) {
    const c = table.columns[key];
    if (c === undefined) continue;
    if (cellString(sheet, i, c - sheet.origin.col).trim() !== "") return true;
  }
  return false;
}

/**
 * Maps the rows of one table to indicators. Exact id first; then exact folded label, and
 * where a label is shared (the same "+ Tổng số dự án…" under wind, solar and biomass) the
 * candidate after the previously matched indicator wins; then fuzzy similarity.
 */
export function matchRows(sheet: SheetSnapshot, t: TableRows, idx: CatalogueIndex, taken: Set<string>): MatchOutcome {
  const { table } = t;
  const appendix = table.appendix;
  const out: MatchOutcome = { matches: [], unmatched: [], editedLabels: [], headings: [] };
  const headingTaken = new Set<string>();
  const labelCol = table.columns.label;
  if (labelCol === undefined) return out;
  const idCol = table.columns.id;
  let lastOrder = -1;
  const fuzzyQueue: { i: number; folded: string; raw: string }[] = [];

  for (let r = t.firstRow; r <= t.lastRow; r++) {
    const i = r - sheet.origin.row;
    if (i < 0 || i >= sheet.values.length) continue;
    if (idCol !== undefined) {
      const idText = cellString(sheet, i, idCol - sheet.origin.col).trim();
      const byId = idText ? idx.byId.get(idText) : undefined;
      const heading = idText && !byId ? idx.headingById.get(idText) : undefined;
      if (heading && heading.appendix === appendix) {
        out.headings.push({ headingId: heading.id, row: r });
        headingTaken.add(heading.id);
        lastOrder = idx.order.get(heading.id) ?? lastOrder;
        continue;
      }
      if (byId && byId.appendix === appendix && !taken.has(byId.id)) {
        const labelSeen = cellString(sheet, i, labelCol - sheet.origin.col).trim();
        const m: RowMatch = { indicatorId: byId.id, sheet: sheet.name, row: r, confidence: 1, by: "id", labelSeen };
        out.matches.push(m);
        taken.add(byId.id);
        lastOrder = idx.order.get(byId.id) ?? lastOrder;
        const known = idx.entryById.get(byId.id);
        if (known && known.raw.indexOf(labelSeen) < 0 && known.folded.indexOf(stripMarkers(foldForMatch(labelSeen))) < 0) {
          out.editedLabels.push({ match: m, expected: byId.labelVi });
        }
        continue;
      }
    }
    const raw = cellString(sheet, i, labelCol - sheet.origin.col).trim();
    if (!raw) continue;
    const folded = stripMarkers(foldForMatch(raw));
    if (!folded) continue;
    const exact = idx.exact[appendix].get(folded);
    if (exact) {
      const free = exact.filter((e) => !taken.has(e.row.id));
      const pick = free.find((e) => e.order > lastOrder) ?? free[0];
      if (pick) {
        out.matches.push({ indicatorId: pick.row.id, sheet: sheet.name, row: r, confidence: 0.98, by: "label", labelSeen: raw });
        taken.add(pick.row.id);
        lastOrder = pick.order;
        continue;
      }
    }
    const headingIds = idx.headingIds[appendix].get(folded);
    if (headingIds) {
      const free = headingIds.filter((h) => !headingTaken.has(h));
      const pick = free.find((h) => (idx.order.get(h) ?? 0) > lastOrder) ?? free[0];
      if (pick) {
        out.headings.push({ headingId: pick, row: r });
        headingTaken.add(pick);
        lastOrder = idx.order.get(pick) ?? lastOrder;
      }
      continue;
    }
    fuzzyQueue.push({ i, folded, raw });
  }

  // Fuzzy pass after exact ones, so a slip-ridden row cannot steal a row that matches exactly.
  for (const q of fuzzyQueue) {
    const g = grams(q.folded);
    let best: LabelEntry | undefined;
    let bestScore = 0;
    let bestHeading = 0;
    for (const e of idx.entries[appendix]) {
      if (taken.has(e.row.id)) continue;
      for (const eg of e.grams) {
        // Dice cannot reach the threshold when the sizes differ too much; skip the count.
        const small = Math.min(g.size, eg.size);
        if ((2 * small) / (g.size + eg.size) < MATCH_ACCEPT) continue;
        const s = dice(g, eg);
        if (s > bestScore) {
          bestScore = s;
          best = e;
        }
      }
    }
    for (const hg of idx.headingGrams[appendix]) {
      const small = Math.min(g.size, hg.size);
      if ((2 * small) / (g.size + hg.size) < MATCH_ACCEPT) continue;
      const s = dice(g, hg);
      if (s > bestHeading) bestHeading = s;
    }
    const r = sheet.origin.row + q.i;
    const hasValues = valueColumnsHaveText(sheet, q.i, table);
    if (best && bestScore >= MATCH_ACCEPT && (bestScore > bestHeading || hasValues)) {
      out.matches.push({ indicatorId: best.row.id, sheet: sheet.name, row: r, confidence: round2(bestScore), by: "label", labelSeen: q.raw });
      taken.add(best.row.id);
    } else if (bestHeading < MATCH_ACCEPT || hasValues) {
      out.unmatched.push({
        sheet: sheet.name,
        row: r,
        label: q.raw,
        hasValues,
        best: best ? { indicatorId: best.row.id, confidence: round2(bestScore) } : undefined,
      });
    }
  }
  out.matches.sort((a, b) => a.row - b.row);
  return out;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
