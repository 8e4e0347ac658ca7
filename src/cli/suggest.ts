/**
 * "Did you mean": the closest known word to a mistyped one, by edit distance (insertions,
 * deletions, substitutions and swaps of two neighbours each cost 1), as git and cargo do.
 */

/** Optimal string alignment distance between two words, case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = Array.from(a.toLowerCase());
  const t = Array.from(b.toLowerCase());
  const d: number[][] = [];
  for (let i = 0; i <= s.length; i++) d.push([i]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
    }
  }
  return d[s.length][t.length];
}

/**
 * The candidate closest to `word`, if close enough to be a typing slip: at most a third of
 * the word's length (at least 1, at most 3), or a candidate that starts with the word.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = editDistance(word, c);
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  if (best !== undefined && bestDistance <= limit) return best;
  const prefixed = word.length >= 3 ? candidates.filter((c) => c.toLowerCase().startsWith(word.toLowerCase())) : [];
  return prefixed.length === 1 ? prefixed[0] : undefined;
}
