/**
 * Which indicator a figure of the report speaks of, and how sure we are.
 *
 * Scoring (why it is built this way). A wrong alarm is worse than none, and the seed's text
 * cites figures that look like an indicator but measure something else ("diện tích có rừng
 * tính độ che phủ 2.644,1 ha" beside the indicator "Diện tích và độ che phủ rừng"). So the
 * confidence of "figure f speaks of indicator i" is a product of independent factors, each
 * able to pull a look-alike below the mismatch threshold on its own:
 *
 *   confidence = words × unit × year × exactness × qualifiers × scope × support × distinctness
 *
 *  - words (0–1): how much of one of the indicator's phrases (label, original label,
 *    aliases, key phrases, sizeable parts of the label) is said around the figure.
 *    0.4 × syllables found + 0.6 × adjacent syllable pairs found, each weighted by rarity
 *    across the catalogue (IDF: "che phủ" tells more than "tỷ lệ"). Pairs make word order
 *    count: "diện tích có rừng" does not contain the pair "diện tích rừng". Words count
 *    fully in the figure's own clause, 0.7 in a clause of the same sentence that has no
 *    figure of its own (a shared subject or predicate), 0.5 in the paragraph's lead-in
 *    ("- Tài nguyên rừng: …"), 0.4 in the heading above; never in another figure's clause
 *    ("85% dân số nông thôn, 100% dân số thành thị được cấp nước sạch": "nước sạch" belongs
 *    to the second figure's clause) — except that a clause with nothing but a year and its
 *    figure ("…, năm 2022 là 2,21 ha") takes the previous figure's clause as its subject (0.9).
 *  - unit (0–1): the figure's unit must fit the indicator's: % for a share, ha for an area,
 *    đồng for money, the counted noun for a count. A unit that does not fit rules it out;
 *    a count of another noun fits at 0.6.
 *  - year (0.85–1): a year said plainly 1, "hiện nay"/"đến nay" 0.95, none 0.9, a span 0.85.
 *  - exactness (0.6–1): each content word of the figure's clause that none of the
 *    indicator's words explains costs up to 10 %, by its rarity (2 % × IDF): "tính" in the
 *    example above costs 10 %, "môi trường", a word of every other label, 3 %.
 *  - qualifiers (×0.6 each, at most two): words that make another measure and are not in the
 *    indicator's own words — planned (quy hoạch, kế hoạch), targeted, included, not yet.
 *  - scope (×0.75, ×0.5): the indicator is about one part of a whole (rural, urban; one kind
 *    of forest) and the sentence does not say that part (×0.75), or names another part (×0.5).
 *  - support (×0.6): the figure's own clause says less than a fifth of the phrase (the words
 *    that match are elsewhere in the sentence or in a heading).
 *  - distinctness (×0.85): another indicator, not linked to this one, scores almost as well.
 *
 * At or above HIGH a figure is attached firmly: if it differs from the appendix it is a
 * finding. Between REVIEW and HIGH it is listed for the user to look at, never a finding.
 * Below REVIEW it is listed as not attached.
 */
import type { Catalogue, IndicatorRow } from "../../catalogue/types";
import { isIndicator } from "../../catalogue/types";
import { normaliseUnit } from "../values";
import type { TextFigure } from "./figures";
import { HEAD_WORDS, KEY_PHRASES, NOUN_FAMILIES, QUALIFIERS, SCOPE_GROUPS, STOP_WORDS, SYNONYMS } from "./terms";
import { clauses, phraseKeys, words, type Paragraph, type Span } from "./text";

export const HIGH = 0.7;
export const REVIEW = 0.4;

export interface Candidate {
  indicatorId: string;
  confidence: number;
}

export interface Attachment extends Candidate {
  /** Words of the figure's clause that none of the indicator's words explain. */
  extraWords: string[];
  /** Qualifiers found ("quy hoạch"). */
  qualifiers: string[];
  /** Another indicator, not linked, that scored almost as well. */
  rival?: string;
  /** Runners-up at or above REVIEW. */
  alternatives: Candidate[];
}

// ------------------------------------------------------------------ lexicon

interface Rewrite {
  from: string[];
  to: string[];
}

interface Lexicon {
  /** Synonyms and stop phrases by their first key, longest first. */
  rewrites: { [first: string]: Rewrite[] };
  qualifiers: string[][];
  /** Scope groups, each scope as canonical keys. */
  scopes: string[][][];
  /** Noun families by the first key of each noun. */
  family: { [firstKey: string]: number };
}

let lexicon: Lexicon | undefined;

function getLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const rewrites: { [first: string]: Rewrite[] } = Object.create(null);
  const add = (from: string[], to: string[]) => {
    if (from.length === 0) return;
    (rewrites[from[0]] = rewrites[from[0]] || []).push({ from, to });
  };
  // Synonyms first: "tỷ lệ che phủ" must become "độ che phủ" before "tỷ lệ" is dropped.
  for (const [a, b] of SYNONYMS) add(phraseKeys(a), phraseKeys(b));
  for (const w of STOP_WORDS) add(phraseKeys(w), []);
  for (const k in rewrites) rewrites[k].sort((x, y) => y.from.length - x.from.length || (x.to.length === 0 ? 1 : 0) - (y.to.length === 0 ? 1 : 0));
  const family: { [k: string]: number } = Object.create(null);
  NOUN_FAMILIES.forEach((nouns, i) => nouns.forEach((n) => (family[phraseKeys(n)[0]] = i)));
  lexicon = { rewrites, qualifiers: QUALIFIERS.map(phraseKeys), scopes: [], family };
  // Scopes are read in canonical form ("thành thị" is "đô thị"), so after the rewrites exist.
  lexicon.scopes = SCOPE_GROUPS.map((g) => g.map(keysOf));
  return lexicon;
}

export interface Token {
  key: string;
  start: number;
  end: number;
}

/** Canonical tokens of a span: synonyms rewritten, stop words dropped, digits dropped. */
export function canonicalTokens(text: string, from = 0, to = text.length): Token[] {
  const lex = getLexicon();
  const raw = words(text, from, to);
  const out: Token[] = [];
  let i = 0;
  while (i < raw.length) {
    const list = lex.rewrites[raw[i].key];
    let done = false;
    if (list) {
      for (const r of list) {
        if (i + r.from.length > raw.length) continue;
        let ok = true;
        for (let k = 0; k < r.from.length && ok; k++) ok = raw[i + k].key === r.from[k];
        if (!ok) continue;
        const span = { start: raw[i].start, end: raw[i + r.from.length - 1].end };
        for (const key of r.to) out.push({ key, start: span.start, end: span.end });
        i += r.from.length;
        done = true;
        break;
      }
    }
    if (done) continue;
    if (!/^\d+$/.test(raw[i].key)) out.push(raw[i]);
    i++;
  }
  return out;
}

function keysOf(phrase: string): string[] {
  return canonicalTokens(phrase).map((t) => t.key);
}

/** `run` occurs in `keys` as consecutive keys. */
function containsRun(keys: string[], run: string[]): boolean {
  outer: for (let j = 0; j + run.length <= keys.length; j++) {
    for (let k = 0; k < run.length; k++) if (keys[j + k] !== run[k]) continue outer;
    return true;
  }
  return run.length === 0;
}

// ------------------------------------------------------------------ indicator profiles

interface Phrase {
  keys: string[];
  /** 1 for whole labels, aliases and key phrases; less for a small part of a label. */
  weight: number;
}

export interface Profile {
  indicator: IndicatorRow;
  /** Per scope group, the scopes the indicator's own words name (see SCOPE_GROUPS). */
  scopes: number[][];
  phrases: Phrase[];
  vocab: { [key: string]: true };
  /** Units a figure may carry to speak of this indicator, with how well each fits. */
  unitFit: (fig: TextFigure, nounKeys: string[]) => number;
}

export interface Profiles {
  list: Profile[];
  byId: { [id: string]: Profile };
  idf: { [key: string]: number };
  /** The IDF of a word no indicator uses. */
  maxIdf: number;
}

const cache = new WeakMap<Catalogue, Profiles>();

export function profilesOf(catalogue: Catalogue): Profiles {
  const hit = cache.get(catalogue);
  if (hit) return hit;
  const indicators = catalogue.rows.filter(isIndicator);
  const list: Profile[] = [];
  const byId: { [id: string]: Profile } = Object.create(null);
  const df: { [key: string]: number } = Object.create(null);
  for (const ind of indicators) {
    const p = buildProfile(ind);
    list.push(p);
    byId[ind.id] = p;
    for (const k in p.vocab) df[k] = (df[k] || 0) + 1;
  }
  const idf: { [key: string]: number } = Object.create(null);
  for (const k in df) idf[k] = Math.log(1 + indicators.length / df[k]);
  for (const head of HEAD_WORDS) for (const k of keysOf(head)) if (idf[k] !== undefined) idf[k] *= 0.3;
  const profiles = { list, byId, idf, maxIdf: Math.log(1 + indicators.length) };
  // A part of a label counts by the share of the label's information it carries.
  for (const p of list) {
    const whole = p.phrases.length ? mass(p.phrases[0].keys, idf) : 1;
    for (const ph of p.phrases) if (ph.weight < 1) ph.weight = Math.min(1, mass(ph.keys, idf) / (0.6 * whole));
  }
  cache.set(catalogue, profiles);
  return profiles;
}

function mass(keys: string[], idf: { [key: string]: number }): number {
  let m = 0;
  for (const k of keys) m += idf[k] ?? 1;
  return m;
}

/** "Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý (%)" → the label without its unit note. */
function cleanLabel(label: string): string {
  return label.replace(/^[\s\-+–•]+/, "").replace(/\([^)]*\)\s*$/, "").trim();
}

function buildProfile(ind: IndicatorRow): Profile {
  const phrases: Phrase[] = [];
  const seen: { [k: string]: true } = Object.create(null);
  const add = (text: string, weight: number) => {
    const keys = keysOf(text);
    if (keys.length === 0) return;
    const sig = keys.join(" ");
    if (seen[sig]) return;
    seen[sig] = true;
    phrases.push({ keys, weight });
  };
  add(cleanLabel(ind.labelVi), 1);
  add(cleanLabel(ind.labelOriginal), 1);
  for (const a of ind.aliases ?? []) add(cleanLabel(a), 1);
  for (const k of KEY_PHRASES[ind.id] ?? []) add(k, 1);
  // Parts of the label between commas, slashes, brackets and "và" ("Diện tích/Tỷ lệ diện tích rừng …").
  for (const part of cleanLabel(ind.labelVi).split(/[,;/():]| và /)) {
    if (keysOf(part).length >= 2) add(part, 0.5);
  }
  const vocab: { [key: string]: true } = Object.create(null);
  for (const ph of phrases) for (const k of ph.keys) vocab[k] = true;
  for (const k of keysOf(ind.unit)) vocab[k] = true;
  const scopes = getLexicon().scopes.map((group) => {
    const named: number[] = [];
    group.forEach((sc, i) => {
      if (phrases.some((ph) => containsRun(ph.keys, sc))) named.push(i);
    });
    return named;
  });
  return { indicator: ind, phrases, vocab, scopes, unitFit: unitFitFor(ind) };
}

const PERCENT_WORDS = /(tỷ lệ|tỉ lệ|%|độ che phủ|thị phần)/i;

/** How well a figure's unit fits an indicator (0 rules it out). */
function unitFitFor(ind: IndicatorRow): (fig: TextFigure, nounKeys: string[]) => number {
  const unit = normaliseUnit(ind.unit);
  const label = ind.labelVi + " " + ind.labelOriginal;
  const sharesToo = PERCENT_WORDS.test(label);
  const unitKeys = phraseKeys(ind.unit);
  const labelKeys = phraseKeys(label);
  return (fig, nounKeys) => {
    if (fig.ratio) {
      if (ind.kind === "countOfTotal") return 1;
      if (ind.kind === "percent" || sharesToo) return 0.95;
      return 0;
    }
    if (fig.unit === "%") {
      if (ind.kind === "percent") return 1;
      if (ind.kind === "countOfTotal" || sharesToo) return 0.9;
      return 0;
    }
    if (fig.noun === undefined && fig.unit !== "") {
      // A measure unit: equal after normalising ("m²/người" = "m2/người", "tỷ đồng" = "đồng").
      return fig.unit === unit ? 1 : 0;
    }
    if (ind.kind !== "count" && ind.kind !== "countDescription" && ind.kind !== "countOfTotal") return 0;
    if (fig.noun === undefined) return 0.5;
    if (nounKeys.length > 0 && unitKeys.length > 0 && nounKeys[0] === unitKeys[0]) return 1;
    if (nounKeys.length > 0 && labelKeys.indexOf(nounKeys[0]) >= 0) return 0.8;
    const fam = getLexicon().family;
    if (nounKeys.length > 0 && unitKeys.length > 0 && fam[nounKeys[0]] !== undefined && fam[nounKeys[0]] === fam[unitKeys[0]]) return 0.8;
    return 0.6;
  };
}

// ------------------------------------------------------------------ context

interface Context {
  /** The paragraph's text the tokens point into. */
  text: string;
  /** Segments of canonical tokens, each read as a run for adjacent pairs, with a weight. */
  segments: { tokens: Token[]; weight: number }[];
  /** Canonical keys of the figure's own clause. */
  own: Token[];
  /** The clause says only a year and the figure: its subject is the previous figure's. */
  elided: boolean;
  /** Best weight at which each key, and each adjacent pair of keys ("a b"), is found. */
  found: { [key: string]: number };
  pairFound: { [pair: string]: number };
  ownKeys: { [key: string]: true };
  /** Per scope group, the scopes said near the figure. */
  saidScopes: number[][];
  /** Qualifiers said in the figure's own clause, as keys. */
  qualifiers: string[][];
  nounKeys: string[];
}

/** Words that leave a clause without a subject of its own ("năm 2013 có 01 doanh nghiệp"). */
const FILLER_KEYS = phraseKeys("có còn chỉ xuống");

const UNIT_KEYS: { [k: string]: true } = Object.create(null);
for (const u of ["ha", "m2", "m3", "km", "km2", "%", "đồng", "triệu", "tỷ", "tỉ", "người", "mw", "kg", "tấn", "m"]) UNIT_KEYS[phraseKeys(u)[0] ?? u] = true;

export interface ParagraphContext {
  paragraph: Paragraph;
  figures: TextFigure[];
  /** The nearest heading above, when there is one. */
  heading?: Paragraph;
}

function contextOf(fig: TextFigure, pc: ParagraphContext): Context {
  const t = pc.paragraph.text;
  // The clause's words, less those of the figures in it ("74ha" of "7.648,74ha/9.687,99ha").
  const inFigure = (k: Token) => pc.figures.some((g) => k.start >= g.start && k.start < g.end);
  const own = canonicalTokens(t, fig.clause.start, fig.clause.end).filter((k) => !inFigure(k));
  const segments: Context["segments"] = [{ tokens: own, weight: 1 }];
  // "… năm 2013 là 11,09 ha, năm 2022 là 2,21 ha": a clause with nothing but a year and a
  // figure leaves its subject to the figure before it in the sentence.
  let elided = false;
  const nounKeys = fig.noun ? phraseKeys(fig.noun) : [];
  if (own.every((k) => FILLER_KEYS.indexOf(k.key) >= 0 || nounKeys.indexOf(k.key) >= 0)) {
    const prev = pc.figures.filter((g) => g.start < fig.start && g.sentence.start === fig.sentence.start && g.clause.start !== fig.clause.start).pop();
    if (prev) {
      segments.push({ tokens: canonicalTokens(t, prev.clause.start, prev.clause.end).filter((k) => !inFigure(k)), weight: 0.9 });
      elided = true;
    }
  }
  const taken = (c: Span) => pc.figures.some((g) => g !== fig && g.start >= c.start && g.start < c.end);
  for (const c of clauses(t, fig.sentence)) {
    if (c.start === fig.clause.start || taken(c)) continue;
    segments.push({ tokens: canonicalTokens(t, c.start, c.end), weight: 0.7 });
  }
  const colon = t.indexOf(":");
  if (colon > 0 && colon < 80 && fig.start > colon && fig.sentence.start > 0) {
    segments.push({ tokens: canonicalTokens(t, 0, colon), weight: 0.5 });
  }
  if (pc.heading) segments.push({ tokens: canonicalTokens(pc.heading.text), weight: 0.4 });
  return lookups({ text: t, segments, own, elided, nounKeys, found: {}, pairFound: {}, ownKeys: {}, saidScopes: [], qualifiers: [] });
}

/** What every indicator's score reads from a context, computed once per figure. */
function lookups(ctx: Context): Context {
  const found: { [k: string]: number } = Object.create(null);
  const pairFound: { [k: string]: number } = Object.create(null);
  const near: string[] = [];
  for (const seg of ctx.segments) {
    const toks = seg.tokens;
    for (let j = 0; j < toks.length; j++) {
      const k = toks[j].key;
      if ((found[k] ?? 0) < seg.weight) found[k] = seg.weight;
      if (j + 1 < toks.length) {
        const pair = k + " " + toks[j + 1].key;
        if ((pairFound[pair] ?? 0) < seg.weight) pairFound[pair] = seg.weight;
      }
      if (seg.weight >= 0.7) near.push(k);
    }
  }
  const ownKeys: { [k: string]: true } = Object.create(null);
  const ownSeq: string[] = [];
  for (const t of ctx.own) {
    ownKeys[t.key] = true;
    ownSeq.push(t.key);
  }
  const lex = getLexicon();
  ctx.found = found;
  ctx.pairFound = pairFound;
  ctx.ownKeys = ownKeys;
  ctx.saidScopes = lex.scopes.map((group) => {
    const said: number[] = [];
    group.forEach((sc, i) => {
      if (containsRun(near, sc)) said.push(i);
    });
    return said;
  });
  ctx.qualifiers = lex.qualifiers.filter((q) => containsRun(ownSeq, q));
  return ctx;
}

// ------------------------------------------------------------------ scoring

function phraseScore(ph: Phrase, ctx: Context, idf: { [key: string]: number }): number {
  const keys = ph.keys;
  const found = ctx.found;
  const pairFound = ctx.pairFound;
  let uniAll = 0;
  let uniGot = 0;
  for (const k of keys) {
    const w = idf[k] ?? 1;
    uniAll += w;
    uniGot += w * (found[k] ?? 0);
  }
  if (keys.length === 1) return (uniGot / uniAll) * ph.weight;
  let biAll = 0;
  let biGot = 0;
  for (let j = 0; j + 1 < keys.length; j++) {
    const w = (idf[keys[j]] ?? 1) + (idf[keys[j + 1]] ?? 1);
    biAll += w;
    biGot += w * (pairFound[keys[j] + " " + keys[j + 1]] ?? 0);
  }
  return (0.4 * (uniGot / uniAll) + 0.6 * (biGot / biAll)) * ph.weight;
}

const TARGET_QUALIFIER = phraseKeys("mục tiêu").join(" ");

/** "mục tiêu", "phấn đấu": when a figure is a target, these words say its year, not what it measures. */
const TARGET_KEYS = phraseKeys("mục tiêu phấn đấu");

const YEAR_FACTOR: { [role: string]: number } = { baseline: 1, result: 1, target: 1, other: 1, period: 0.85, unstated: 0.9 };

interface Scored extends Attachment {
  links: string[];
}

function score(fig: TextFigure, p: Profile, ctx: Context, profiles: Profiles): Scored | null {
  const unit = p.unitFit(fig, ctx.nounKeys);
  if (unit <= 0) return null;
  let words = 0;
  let best: Phrase | undefined;
  for (const ph of p.phrases) {
    const w = phraseScore(ph, ctx, profiles.idf);
    if (w > words) {
      words = w;
      best = ph;
    }
  }
  if (words <= 0 || !best) return null;
  const support = ctx.elided ? 1 : ownSupport(best, ctx, profiles.idf);
  let year = YEAR_FACTOR[fig.year.role] ?? 1;
  if (fig.year.role === "result" && fig.year.year === undefined) year = 0.95;
  const extra: string[] = [];
  const nounKeys = ctx.nounKeys;
  for (const tok of ctx.own) {
    if (fig.year.role === "target" && TARGET_KEYS.indexOf(tok.key) >= 0) continue;
    if (p.vocab[tok.key] || UNIT_KEYS[tok.key] || nounKeys.indexOf(tok.key) >= 0) continue;
    const w = tok.key;
    if (extra.indexOf(w) < 0) extra.push(w);
  }
  // Rare words weigh more than the domain's everyday ones ("bảo vệ môi trường").
  let cost = 0;
  for (const k of extra) cost += Math.min(0.1, 0.02 * (profiles.idf[k] ?? profiles.maxIdf));
  const exactness = Math.max(0.6, 1 - cost);
  const quals: string[] = [];
  for (const q of ctx.qualifiers) {
    if (q.every((k) => p.vocab[k])) continue;
    if (fig.year.role === "target" && q.join(" ") === TARGET_QUALIFIER) continue;
    quals.push(q.join(" "));
  }
  const qualifierFactor = Math.pow(0.6, Math.min(2, quals.length));
  const scope = scopeFactor(p, ctx);
  const confidence = words * unit * year * exactness * qualifierFactor * scope * support;
  return {
    indicatorId: p.indicator.id,
    confidence,
    extraWords: extra.map((k) => spelled(k, ctx)),
    qualifiers: quals.map((q) => spelled(q.split(" ")[0], ctx, q.split(" ").length)),
    alternatives: [],
    links: p.indicator.links,
  };
}

/**
 * A figure's own clause must carry some of what it measures: words found only in the rest of
 * the sentence or in a heading ("với tổng diện tích 377,43ha" under a sentence about farm
 * land) support a figure weakly (×0.6).
 */
function ownSupport(ph: Phrase, ctx: Context, idf: { [key: string]: number }): number {
  let all = 0;
  let got = 0;
  for (const k of ph.keys) {
    const w = idf[k] ?? 1;
    all += w;
    if (ctx.ownKeys[k]) got += w;
  }
  return all > 0 && got / all >= 0.2 ? 1 : 0.6;
}

/**
 * Parts of a whole (see SCOPE_GROUPS): the indicator names a part the sentence does not
 * (×0.75), or the sentence names a part the indicator does not (×0.5).
 */
function scopeFactor(p: Profile, ctx: Context): number {
  let f = 1;
  ctx.saidScopes.forEach((said, g) => {
    const named = p.scopes[g];
    if (said.some((i) => named.indexOf(i) < 0)) f *= 0.5;
    else if (named.length > 0 && !said.some((i) => named.indexOf(i) >= 0)) f *= 0.75;
  });
  return f;
}

/** The words behind a run of canonical keys, as the writer spelled them (for messages). */
function spelled(key: string, ctx: Context, count = 1): string {
  const toks = ctx.own;
  for (let j = 0; j < toks.length; j++) {
    if (toks[j].key !== key) continue;
    const last = toks[Math.min(toks.length - 1, j + count - 1)];
    return ctx.text.substring(toks[j].start, last.end);
  }
  return key;
}

/** The indicator a figure speaks of, with the runners-up; undefined when nothing fits at all. */
export function attachFigure(fig: TextFigure, pc: ParagraphContext, profiles: Profiles): Attachment | undefined {
  const ctx = contextOf(fig, pc);
  const scored: Scored[] = [];
  for (const p of profiles.list) {
    const s = score(fig, p, ctx, profiles);
    if (s && s.confidence > 0.05) scored.push(s);
  }
  if (scored.length === 0) return undefined;
  scored.sort((a, b) => b.confidence - a.confidence);
  const best = scored[0];
  const linked = (a: Scored, b: Scored) => a.links.indexOf(b.indicatorId) >= 0 || b.links.indexOf(a.indicatorId) >= 0;
  const rival = scored.find((s) => s !== best && !linked(best, s) && s.confidence >= best.confidence - 0.08);
  const out: Attachment = {
    indicatorId: best.indicatorId,
    confidence: round(rival ? best.confidence * 0.85 : best.confidence),
    extraWords: best.extraWords,
    qualifiers: best.qualifiers,
    // A rival is as doubtful as the figure's best: both carry the same discount.
    alternatives: scored
      .slice(1, 4)
      .map((s) => ({ indicatorId: s.indicatorId, confidence: round(s === rival ? s.confidence * 0.85 : s.confidence) }))
      .filter((s) => s.confidence >= REVIEW),
  };
  if (rival) out.rival = rival.indicatorId;
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
