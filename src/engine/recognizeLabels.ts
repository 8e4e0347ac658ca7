/**
 * Matching a table's rows to catalogue indicators: by the hidden id column our template
 * writes, otherwise by label. A label is compared by its key: folded (case, diacritics,
 * spacing), list markers and numbering dropped, a unit in brackets dropped, abbreviations
 * spelled out (abbreviations.json and the catalogue's own), spelling variants made one
 * ("tỉ lệ" = "tỷ lệ"). Equal keys match; labels shared by several indicators ("+ Tổng số
 * dự án…" under wind, solar and biomass) go in the catalogue's order. Other labels are
 * compared by similarity, and a row is given an indicator only when that indicator is
 * clearly the best: a number in the label the indicator lacks, a rival nearly as close
 * that the row's position does not rule out, or too little likeness, and the row matches
 * nothing (a wrong match is worse than none: it is reported as a row to look at).
 */
import type { Abbreviation, AppendixId, Catalogue, CatalogueRow, IndicatorRow } from "../catalogue/types";
import { isIndicator } from "../catalogue/types";
import { abbreviationsOf } from "../catalogue/abbreviations";
import { cellString } from "./recognizeCells";
import type { TableRows } from "./recognizeTables";
import type { LocatedTable, RowMatch, SheetSnapshot } from "./types";
import { foldForMatch } from "./values";

/** Similar labels are taken at or above this; below DOUBT the match is reported to confirm. */
export const MATCH_ACCEPT = 0.72;
export const MATCH_DOUBT = 0.9;
/** The most a label that names a place ("… toàn thành phố") is trusted: taken, and asked to be confirmed. */
const MATCH_SCOPED = 0.85;
/** Below this a similar label is no candidate at all (nor a heading a rival). */
const MATCH_FLOOR = MATCH_ACCEPT - 0.1;
/** How much better than any rival a similar label must be. */
const MATCH_MARGIN = 0.05;

// ---------------------------------------------------------------- label keys

/** Characters between words (as folding treats them), so "TN&MT" is the two words "tn mt". */
const SEPARATORS = /[\s\u00a0\u200b!-/:-@[-`{-~\u00a1-\u00bf\u00d7\u00f7\u2010-\u2027\u2030-\u205e\u2212]+/;

export interface AbbreviationTable {
  /** Lower-case short form (its words joined by one space) → the lower-case long form. */
  exact: Map<string, string>;
  /** The same keyed by the folded short form, for words typed without diacritics ("bdkh"). */
  folded: Map<string, string>;
  maxWords: number;
}

function words(s: string): string[] {
  return s.split(SEPARATORS).filter((w) => w);
}

const tableCache = new WeakMap<Catalogue, AbbreviationTable>();
let nationalTable: AbbreviationTable | undefined;

/** The national abbreviations with a catalogue's own over them (the same short form replaced). */
export function abbreviationTable(catalogue: Pick<Catalogue, "abbreviations"> = {}): AbbreviationTable {
  const own = catalogue.abbreviations;
  if (!own || own.length === 0) return (nationalTable = nationalTable ?? compileAbbreviations(abbreviationsOf(catalogue)));
  const cached = tableCache.get(catalogue as Catalogue);
  if (cached) return cached;
  const t = compileAbbreviations(abbreviationsOf(catalogue));
  tableCache.set(catalogue as Catalogue, t);
  return t;
}

export function compileAbbreviations(list: Abbreviation[]): AbbreviationTable {
  const exact = new Map<string, string>();
  const foldedAll = new Map<string, string | null>();
  let maxWords = 1;
  for (const a of list) {
    const w = words(a.short.normalize ? a.short.normalize("NFC").toLowerCase() : a.short.toLowerCase());
    if (w.length === 0) continue;
    const key = w.join(" ");
    const long = a.long.trim().toLowerCase();
    exact.set(key, long);
    maxWords = Math.max(maxWords, w.length);
    const f = foldForMatch(key);
    // Two short forms that fold alike and mean different things: only their exact spellings expand.
    const prev = foldedAll.get(f);
    foldedAll.set(f, prev === undefined || prev === long ? long : null);
  }
  const folded = new Map<string, string>();
  foldedAll.forEach((v, k) => {
    if (v !== null) folded.set(k, v);
  });
  return { exact, folded, maxWords };
}

const ASCII = /^[\x20-\x7e]*$/;

/** The text with every abbreviation it contains spelled out (lower case, words separated by spaces). */
export function expandAbbreviations(raw: string, table: AbbreviationTable): string {
  const w = words((raw.normalize ? raw.normalize("NFC") : raw).toLowerCase());
  const out: string[] = [];
  for (let i = 0; i < w.length; ) {
    let done = false;
    for (let n = Math.min(table.maxWords, w.length - i); n >= 1 && !done; n--) {
      const key = w.slice(i, i + n).join(" ");
      const long = table.exact.get(key) ?? (ASCII.test(key) ? table.folded.get(key) : undefined);
      if (long !== undefined) {
        out.push(long);
        i += n;
        done = true;
      }
    }
    if (!done) out.push(w[i++]);
  }
  return out.join(" ");
}

/** List markers and numbering before a label: "- ", "+ ", "1. ", "1.2. ", "a) ", "II. ", "(3) ". */
const LEADING_MARKS = /^\s*(?:[-+*•·–—]+\s*|\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-zđ]|[ivx]{1,4})[.)]+\s+|\(\d{1,2}\)\s*)+/i;
/** A unit in brackets after a label: "(%)", "(ha)", "(m2/người)". */
const UNIT_SUFFIX = /\s*\((?:%|‰|ha|km2?|km²|m2|m²|m3|m³|người|con|loài|mw|tấn|kg|triệu đồng|tỷ đồng|tỉ đồng|đồng|cơ sở|điểm|vụ|xã|hộ|lượt|dự án|m2\/người|m²\/người|kg\/ha)\)\s*$/i;
/** Spelling variants of one word ("tỉ lệ" and "tỷ lệ", "kĩ thuật" and "kỹ thuật"), folded. */
const SPELLINGS: Record<string, string> = { ti: "ty", ki: "ky", li: "ly", qui: "quy" };

/** What labels are compared by: see the top of this file. */
export function labelKey(raw: string, table: AbbreviationTable): string {
  const bare = raw.replace(LEADING_MARKS, "").replace(UNIT_SUFFIX, "");
  const folded = foldForMatch(expandAbbreviations(bare, table)).replace(/(\d)([a-z])/g, "$1 $2");
  return folded
    .split(" ")
    .map((t) => SPELLINGS[t] ?? t)
    .join(" ");
}

/** Words that carry no meaning of their own in a label; a key without them still names the same indicator. */
const FILLER = new Set(["cac", "nhung", "duoc", "cua", "va", "tai", "thi", "la", "o", "da"]);

/**
 * Where the figure is for, which staff add to labels and the catalogue does not say ("toàn
 * thành phố", "trên địa bàn huyện"): left out when labels are compared for likeness.
 */
const SCOPE = /\b(?:tren dia ban(?: (?:tinh|thanh pho|huyen|thi xa|quan|xa|phuong))?|toan (?:tinh|thanh pho|huyen|thi xa|quan)|cua (?:tinh|thanh pho|huyen|thi xa))\b/g;

export function looseKey(key: string): string {
  return key
    .split(" ")
    .filter((t) => t && !FILLER.has(t))
    .join(" ");
}

/** Kept for callers that fold a label themselves: list markers dropped. */
export function stripMarkers(folded: string): string {
  return folded.replace(/^([-+*•·–—]+|\(?[0-9]{1,2}[.)]|[a-z][.)])\s*/, "").trim();
}

// ---------------------------------------------------------------- similarity

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

/** One edit apart (a letter dropped, added, changed or two swapped): a typing slip. Compared in place: it runs for every pair of words. */
function nearWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 4 || b.length < 4 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (a.length === b.length) {
    if (sameFrom(a, i + 1, b, i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && sameFrom(a, i + 2, b, i + 2);
  }
  return a.length < b.length ? sameFrom(a, i, b, i + 1) : sameFrom(b, i, a, i + 1);
}

/** a from i equals b from j (both to their ends). */
function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

interface Keyed {
  key: string;
  loose: string;
  grams: Set<string>;
  words: string[];
  numbers: string[];
  /** The label said where its figure is for ("toàn thành phố"), left out of `grams` and `words`. */
  scoped: boolean;
  /** Its words' weights and their sum, for the last weighting asked (one per appendix). */
  weighed?: { by: (w: string) => number; each: number[]; total: number };
}

function weights(k: Keyed, weight: (w: string) => number): { each: number[]; total: number } {
  if (k.weighed && k.weighed.by === weight) return k.weighed;
  const each = k.words.map(weight);
  k.weighed = { by: weight, each, total: each.reduce((a, b) => a + b, 0) };
  return k.weighed;
}

function keyed(key: string): Keyed {
  const loose = looseKey(key);
  const core = loose.replace(SCOPE, " ").replace(/\s+/g, " ").trim();
  const w = core.split(" ").filter((t) => t);
  return { key, loose, grams: grams(core), words: w, numbers: w.filter((t) => /^\d+$/.test(t)), scoped: core !== loose };
}

/** Word likeness weighted by rarity: "nông thôn" or "cụm" weigh more than "tỷ lệ" shared by half the labels. */
function wordScore(a: Keyed, b: Keyed, weight: (w: string) => number): number {
  const wa = weights(a, weight);
  const wb = weights(b, weight);
  const total = wa.total + wb.total;
  if (total === 0) return 0;
  let common = 0;
  const used: boolean[] = new Array(b.words.length).fill(false);
  for (let x = 0; x < a.words.length; x++) {
    const w = a.words[x];
    let hit = b.words.indexOf(w);
    let near = false;
    if (hit < 0 || used[hit]) {
      hit = -1;
      for (let k = 0; k < b.words.length && hit < 0; k++) {
        if (!used[k] && nearWord(w, b.words[k])) {
          hit = k;
          near = true;
        }
      }
    }
    if (hit >= 0) {
      used[hit] = true;
      common += near ? wa.each[x] * 0.8 : wa.each[x];
    }
  }
  return (2 * common) / total;
}

function similarity(seen: Keyed, known: Keyed, weight: (w: string) => number): number {
  // A number the row states that the indicator lacks ("QĐ 1788" against "QĐ 64") is another indicator.
  for (const n of seen.numbers) if (known.numbers.indexOf(n) < 0) return 0;
  const small = Math.min(seen.grams.size, known.grams.size);
  if ((2 * small) / (seen.grams.size + known.grams.size) < MATCH_ACCEPT - 0.15) return 0;
  const d = dice(seen.grams, known.grams);
  // Word likeness is at most 1: a score that cannot reach the floor is not worth the word pass.
  if (0.5 * d + 0.5 < MATCH_FLOOR) return 0;
  const score = 0.5 * d + 0.5 * wordScore(seen, known, weight);
  // A label narrowed to a place is likely the indicator, but the user confirms it.
  return seen.scoped && !known.scoped ? Math.min(score, MATCH_SCOPED) : score;
}

// ---------------------------------------------------------------- catalogue index

interface LabelEntry {
  row: IndicatorRow;
  order: number; // position in the catalogue
  /** The labels as written, so an unchanged label is recognised without keying it. */
  raw: string[];
  keys: Keyed[];
}

interface HeadingEntry {
  row: CatalogueRow;
  order: number;
  keys: Keyed[];
}

export interface CatalogueIndex {
  byId: Map<string, IndicatorRow>;
  order: Map<string, number>;
  entries: Record<AppendixId, LabelEntry[]>;
  /** Label key (and loose key) → the indicators it names, in catalogue order. */
  exact: Record<AppendixId, Map<string, LabelEntry[]>>;
  loose: Record<AppendixId, Map<string, LabelEntry[]>>;
  headingEntries: Record<AppendixId, HeadingEntry[]>;
  /** Heading key → heading ids in catalogue order (labels repeat across groups). */
  headingIds: Record<AppendixId, Map<string, string[]>>;
  headingById: Map<string, CatalogueRow>;
  entryById: Map<string, LabelEntry>;
  indicators: Record<AppendixId, IndicatorRow[]>;
  abbreviations: AbbreviationTable;
  /** Rarity of each word of an appendix's labels (log-scaled inverse frequency). */
  weight: Record<AppendixId, (w: string) => number>;
}

const indexCache = new WeakMap<Catalogue, CatalogueIndex>();

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) {
    if (list.indexOf(v) < 0) list.push(v);
  } else m.set(k, [v]);
}

export function indexCatalogue(catalogue: Catalogue): CatalogueIndex {
  const cached = indexCache.get(catalogue);
  if (cached) return cached;
  const abbreviations = abbreviationTable(catalogue);
  const idx: CatalogueIndex = {
    byId: new Map(),
    order: new Map(),
    entries: { PL1: [], PL2: [] },
    exact: { PL1: new Map(), PL2: new Map() },
    loose: { PL1: new Map(), PL2: new Map() },
    headingEntries: { PL1: [], PL2: [] },
    headingIds: { PL1: new Map(), PL2: new Map() },
    headingById: new Map(),
    entryById: new Map(),
    indicators: { PL1: [], PL2: [] },
    abbreviations,
    weight: { PL1: () => 1, PL2: () => 1 },
  };
  const df: Record<AppendixId, Map<string, number>> = { PL1: new Map(), PL2: new Map() };
  catalogue.rows.forEach((row: CatalogueRow, order) => {
    idx.order.set(row.id, order);
    const labels = [row.labelVi, row.labelOriginal].concat(isIndicator(row) ? (row.aliases ?? []) : []);
    const keys: Keyed[] = [];
    for (const l of labels) {
      const k = labelKey(l, abbreviations);
      if (k && !keys.some((x) => x.key === k)) keys.push(keyed(k));
    }
    const a = row.appendix;
    new Set(keys.reduce((all, k) => all.concat(k.words), [] as string[])).forEach((w) => df[a].set(w, (df[a].get(w) ?? 0) + 1));
    if (!isIndicator(row)) {
      idx.headingById.set(row.id, row);
      idx.headingEntries[a].push({ row, order, keys });
      for (const k of keys) {
        const ids = idx.headingIds[a].get(k.key) ?? [];
        if (ids.indexOf(row.id) < 0) ids.push(row.id);
        idx.headingIds[a].set(k.key, ids);
      }
      return;
    }
    idx.byId.set(row.id, row);
    idx.indicators[a].push(row);
    const entry: LabelEntry = { row, order, raw: labels.map((l) => l.trim()), keys };
    idx.entries[a].push(entry);
    idx.entryById.set(row.id, entry);
    for (const k of keys) {
      push(idx.exact[a], k.key, entry);
      push(idx.loose[a], k.loose, entry);
    }
  });
  for (const a of ["PL1", "PL2"] as AppendixId[]) {
    const n = idx.entries[a].length + idx.headingEntries[a].length;
    const d = df[a];
    const memo = new Map<string, number>();
    idx.weight[a] = (w: string) => {
      let v = memo.get(w);
      if (v === undefined) memo.set(w, (v = Math.log(1 + n / (d.get(w) ?? 0.5))));
      return v;
    };
  }
  indexCache.set(catalogue, idx);
  return idx;
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
  /** The table's body ends above this row: a signature block or a footnote begins there. */
  endRow?: number;
}

function valueColumnsHaveText(sheet: SheetSnapshot, i: number, table: LocatedTable): boolean {
  for (const key of ["baseline", "result", "note", "target"] as const) {
    const c = table.columns[key];
    if (c === undefined) continue;
    if (cellString(sheet, i, c - sheet.origin.col).trim() !== "") return true;
  }
  return false;
}

/** What stands under a table and is not part of it: signatures, the date line, footnotes. */
const FOOTER = /^(?:nguoi lap(?: bieu)?|nguoi ky|thu truong(?: don vi)?|tm\.? (?:uy ban|ubnd)|t\/?m (?:uy ban|ubnd)|kt\.? chu tich|chu tich|pho chu tich|noi nhan|lanh dao|xac nhan|giam doc|truong phong|chanh van phong|prepared by|approved by)\b|\bngay \S+ thang \S+ nam (?:19|20)\d\d\b/;

function isFooterRow(sheet: SheetSnapshot, i: number): boolean {
  const w = Math.max(sheet.values[i]?.length ?? 0, sheet.text[i]?.length ?? 0);
  for (let j = 0; j < w; j++) {
    const raw = cellString(sheet, i, j);
    if (raw.length >= 6 && raw.length <= 120 && FOOTER.test(foldForMatch(raw))) return true;
  }
  return false;
}

interface Fuzzy {
  i: number;
  raw: string;
  seen: Keyed;
}

/**
 * Maps the rows of one table to indicators of `appendix`. Exact id first; then equal
 * label keys, and where a key is shared the candidate after the previously matched
 * indicator wins; then similar labels, most alike first (see the top of this file).
 */
export function matchRows(sheet: SheetSnapshot, t: TableRows, idx: CatalogueIndex, taken: Set<string>, appendix: AppendixId = t.table.appendix): MatchOutcome {
  const { out, fuzzy, orderAt } = matchByKeys(sheet, t, idx, taken, appendix);
  matchSimilar(sheet, t, idx, appendix, taken, fuzzy, orderAt, out);
  out.matches.sort((a, b) => a.row - b.row);
  return out;
}

/** The rows matched by id or by equal keys; the rest left for the similarity pass. */
function matchByKeys(sheet: SheetSnapshot, t: TableRows, idx: CatalogueIndex, taken: Set<string>, appendix: AppendixId): { out: MatchOutcome; fuzzy: Fuzzy[]; orderAt: Map<number, number> } {
  const { table } = t;
  const out: MatchOutcome = { matches: [], unmatched: [], editedLabels: [], headings: [] };
  const fuzzy: Fuzzy[] = [];
  /** Catalogue order of the row matched at each table row (indicators and headings), for the fuzzy pass. */
  const orderAt = new Map<number, number>();
  const labelCol = table.columns.label;
  if (labelCol === undefined) return { out, fuzzy, orderAt };
  const headingTaken = new Set<string>();
  const idCol = table.columns.id;
  let lastOrder = -1;

  for (let r = t.firstRow; r <= t.lastRow; r++) {
    const i = r - sheet.origin.row;
    if (i < 0 || i >= sheet.values.length) continue;
    if (idCol !== undefined && matchById(sheet, i, r, idCol, labelCol, appendix, idx, taken, headingTaken, out, orderAt)) {
      lastOrder = orderAt.get(r) as number;
      continue;
    }
    const raw = cellString(sheet, i, labelCol - sheet.origin.col).trim();
    if (!raw) continue;
    const key = labelKey(raw, idx.abbreviations);
    if (!key) continue;
    const found = byKey(idx, appendix, key, taken, lastOrder);
    if (found) {
      out.matches.push({ indicatorId: found.row.id, sheet: sheet.name, row: r, confidence: found.exact ? 0.98 : 0.95, by: "label", labelSeen: raw });
      taken.add(found.row.id);
      lastOrder = found.order;
      orderAt.set(r, found.order);
      continue;
    }
    const headingIds = idx.headingIds[appendix].get(key);
    if (headingIds) {
      const free = headingIds.filter((h) => !headingTaken.has(h));
      const pick = free.find((h) => (idx.order.get(h) ?? 0) > lastOrder) ?? free[0];
      if (pick) {
        out.headings.push({ headingId: pick, row: r });
        headingTaken.add(pick);
        lastOrder = idx.order.get(pick) ?? lastOrder;
        orderAt.set(r, lastOrder);
      }
      continue;
    }
    if (out.matches.length > 0 && out.endRow === undefined && isFooterRow(sheet, i)) {
      out.endRow = r;
      break;
    }
    fuzzy.push({ i, raw, seen: keyed(key) });
  }
  return { out, fuzzy, orderAt };
}

function matchById(
  sheet: SheetSnapshot,
  i: number,
  r: number,
  idCol: number,
  labelCol: number,
  appendix: AppendixId,
  idx: CatalogueIndex,
  taken: Set<string>,
  headingTaken: Set<string>,
  out: MatchOutcome,
  orderAt: Map<number, number>,
): boolean {
  const idText = cellString(sheet, i, idCol - sheet.origin.col).trim();
  if (!idText) return false;
  const byId = idx.byId.get(idText);
  const heading = !byId ? idx.headingById.get(idText) : undefined;
  if (heading && heading.appendix === appendix) {
    out.headings.push({ headingId: heading.id, row: r });
    headingTaken.add(heading.id);
    orderAt.set(r, idx.order.get(heading.id) ?? 0);
    return true;
  }
  if (!byId || byId.appendix !== appendix || taken.has(byId.id)) return false;
  const labelSeen = cellString(sheet, i, labelCol - sheet.origin.col).trim();
  const m: RowMatch = { indicatorId: byId.id, sheet: sheet.name, row: r, confidence: 1, by: "id", labelSeen };
  out.matches.push(m);
  taken.add(byId.id);
  orderAt.set(r, idx.order.get(byId.id) ?? 0);
  const known = idx.entryById.get(byId.id);
  if (known && known.raw.indexOf(labelSeen) < 0) {
    const k = labelKey(labelSeen, idx.abbreviations);
    if (!known.keys.some((x) => x.key === k)) out.editedLabels.push({ match: m, expected: byId.labelVi });
  }
  return true;
}

/** An indicator whose label key (or key without filler words) equals the row's; shared keys go in catalogue order. */
function byKey(idx: CatalogueIndex, appendix: AppendixId, key: string, taken: Set<string>, lastOrder: number): { row: IndicatorRow; order: number; exact: boolean } | undefined {
  for (const [map, k, exact] of [
    [idx.exact[appendix], key, true],
    [idx.loose[appendix], looseKey(key), false],
  ] as [Map<string, LabelEntry[]>, string, boolean][]) {
    const list = map.get(k);
    if (!list) continue;
    const free = list.filter((e) => !taken.has(e.row.id));
    const pick = free.find((e) => e.order > lastOrder) ?? free[0];
    if (pick) return { row: pick.row, order: pick.order, exact };
  }
  return undefined;
}

interface Scored {
  entry: LabelEntry;
  score: number;
}

/** The matched catalogue orders just above and below a table row: where its indicator should lie. */
function orderWindow(orderAt: Map<number, number>, r: number, first: number, last: number): { after: number; before: number } {
  let after = -1;
  let before = Infinity;
  for (let k = r - 1; k >= first; k--) {
    const o = orderAt.get(k);
    if (o !== undefined) {
      after = o;
      break;
    }
  }
  for (let k = r + 1; k <= last; k++) {
    const o = orderAt.get(k);
    if (o !== undefined) {
      before = o;
      break;
    }
  }
  return { after, before };
}

/** The pass over labels no key matched: each to the clearly most similar indicator, or to none. */
function matchSimilar(sheet: SheetSnapshot, t: TableRows, idx: CatalogueIndex, appendix: AppendixId, taken: Set<string>, fuzzy: Fuzzy[], orderAt: Map<number, number>, out: MatchOutcome): void {
  const weight = idx.weight[appendix];
  const scoredRows = fuzzy.map((q) => {
    const list: Scored[] = [];
    for (const e of idx.entries[appendix]) {
      let best = 0;
      for (const k of e.keys) best = Math.max(best, similarity(q.seen, k, weight));
      if (best >= MATCH_FLOOR) list.push({ entry: e, score: best });
    }
    list.sort((a, b) => b.score - a.score);
    let heading = 0;
    for (const h of idx.headingEntries[appendix]) for (const k of h.keys) heading = Math.max(heading, similarity(q.seen, k, weight));
    return { q, list, heading };
  });
  // Most alike first, so a slip-ridden row cannot take the indicator of a row that is nearly exact.
  scoredRows.sort((a, b) => (b.list[0]?.score ?? 0) - (a.list[0]?.score ?? 0));
  const end = out.endRow !== undefined ? out.endRow - 1 : t.lastRow;
  for (const { q, list, heading } of scoredRows) {
    const r = sheet.origin.row + q.i;
    if (r > end) continue;
    const free = list.filter((s) => !taken.has(s.entry.row.id));
    const hasValues = valueColumnsHaveText(sheet, q.i, t.table);
    const window = orderWindow(orderAt, r, t.firstRow, end);
    const pick = choose(free, window);
    if (pick && pick.score >= MATCH_ACCEPT && (pick.score > heading || hasValues) && !sharedWords(q.seen, idx.entries[appendix], taken, window)) {
      out.matches.push({ indicatorId: pick.entry.row.id, sheet: sheet.name, row: r, confidence: round2(pick.score), by: "label", labelSeen: q.raw });
      taken.add(pick.entry.row.id);
      orderAt.set(r, pick.entry.order);
    } else if (heading < MATCH_ACCEPT || hasValues) {
      const best = free[0];
      out.unmatched.push({ sheet: sheet.name, row: r, label: q.raw, hasValues, best: best ? { indicatorId: best.entry.row.id, confidence: round2(best.score) } : undefined });
    }
  }
}

/**
 * A label whose every word lies in two or more indicators' labels ("Tổng số dự án" in the
 * hydro, wind and solar rows) says too little to tell them apart, unless the row's place in
 * the table leaves one of them.
 */
function sharedWords(seen: Keyed, entries: LabelEntry[], taken: Set<string>, window: { after: number; before: number }): boolean {
  if (seen.words.length === 0) return false;
  const covering = entries.filter((e) => !taken.has(e.row.id) && e.keys.some((k) => seen.words.every((w) => k.words.indexOf(w) >= 0)));
  if (covering.length < 2) return false;
  return covering.filter((e) => e.order > window.after && e.order < window.before).length !== 1;
}

/**
 * The candidate to take: the best, when no rival comes within the margin; else the one
 * close rival that lies where the row stands in the catalogue's order; else none.
 */
function choose(free: Scored[], window: { after: number; before: number }): Scored | undefined {
  if (free.length === 0) return undefined;
  const best = free[0];
  const close = free.filter((s) => s.score > best.score - MATCH_MARGIN);
  if (close.length === 1) return best;
  const placed = close.filter((s) => s.entry.order > window.after && s.entry.order < window.before);
  return placed.length === 1 ? placed[0] : undefined;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

// ---------------------------------------------------------------- which appendix

/** Which appendix a table is: our ids say it; else the appendix its rows match best, its own marks deciding a tie. */
export function decideAppendix(sheet: SheetSnapshot, t: TableRows, idx: CatalogueIndex): { appendix: AppendixId; outcome: MatchOutcome } {
  if (t.table.ownTemplate) {
    const idCol = t.table.columns.id as number;
    const count: Record<AppendixId, number> = { PL1: 0, PL2: 0 };
    for (let r = t.firstRow; r <= t.lastRow && count.PL1 + count.PL2 < 20; r++) {
      const id = cellString(sheet, r - sheet.origin.row, idCol - sheet.origin.col).trim();
      const row = idx.byId.get(id) ?? idx.headingById.get(id);
      if (row) count[row.appendix]++;
    }
    if (count.PL1 !== count.PL2) {
      const appendix: AppendixId = count.PL1 > count.PL2 ? "PL1" : "PL2";
      return { appendix, outcome: matchRows(sheet, t, idx, new Set(), appendix) };
    }
  }
  const pl1 = matchRows(sheet, t, idx, new Set(), "PL1");
  const pl2 = matchRows(sheet, t, idx, new Set(), "PL2");
  const a = pl1.matches.length;
  const b = pl2.matches.length;
  const hinted = t.hint?.appendix;
  let appendix: AppendixId;
  if (Math.max(a, b) >= 3 && (a >= 1.5 * b || b >= 1.5 * a)) appendix = a > b ? "PL1" : "PL2";
  else appendix = hinted ?? (a > b ? "PL1" : "PL2");
  return { appendix, outcome: appendix === "PL1" ? pl1 : pl2 };
}
